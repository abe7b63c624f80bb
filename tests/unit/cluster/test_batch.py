"""The batch clusterer (``cluster_features``' default): the same stories and ids for any
input order, ids from the canonical-first member, per-outlet furniture ignored."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from storylens.cluster import BatchConfig, batch_cluster, cluster_features, text_features

from test_clusterer import ORCHESTRA, QUARRY, T0, _lookalike_events, feats


def _stream():
    return (feats(QUARRY, prefix="q") + feats(ORCHESTRA, start=T0 + timedelta(hours=1), prefix="o")
            + [replace(f, published=None) for f in feats(QUARRY[:1], prefix="u")]  # an undated copy
            + _lookalike_events())


def _view(result):
    assignment, stories = result
    return assignment, [(s.id, s.lead, s.title, s.articles, s.first_published, s.last_published,
                         [e.key for e in s.entities]) for s in stories]


EXPECTED = _view(cluster_features(_stream()))


@settings(max_examples=25, deadline=None)
@given(st.permutations(_stream()))
def test_any_input_order_gives_the_same_stories_and_ids(order):
    assert _view(cluster_features(order)) == EXPECTED


def test_story_ids_come_from_the_earliest_member_and_events_stay_apart():
    assignment, stories = cluster_features(list(reversed(_stream())))
    quarry = {assignment[f"q{i}"] for i in range(3)}
    assert quarry == {"story-q0"}  # the earliest report, whichever arrived first
    assert assignment["u0"] == "story-q0"  # the undated copy joins; the dated lead keeps the id
    assert {assignment["o0"], assignment["o1"]} == {"story-o0"}
    kitti = {assignment[f"k{i}"] for i in range(6)}
    solan = {assignment[f"s{i}"] for i in range(5)}
    assert len(kitti) == 1 and len(solan) == 1 and kitti != solan
    assert kitti == {"story-k0"}  # undated: the smallest id
    by_id = {s.id: s for s in stories}
    assert by_id["story-q0"].articles[:3] == ["q0", "q1", "q2"]  # members in time order


def test_a_repeated_id_is_one_article():
    stream = feats(QUARRY, prefix="q")
    assignment, stories = cluster_features(stream + stream[:1])
    assert sorted(assignment) == ["q0", "q1", "q2"]
    assert [s.articles for s in stories] == [["q0", "q1", "q2"]]


def test_an_outlets_page_furniture_does_not_make_its_articles_one_story():
    furniture = ("Share this story with a friend. Subscribe to the Harrowgate Evening Post newsletter for "
                 "breaking news alerts, weather, traffic and sports. Copyright Harrowgate Media Group.")
    events = [
        "A kiln fire destroyed the Millbeck pottery workshop; owner Ada Crane said her glazes were lost.",
        "Voters in Tallow Cross approved the new footbridge over the Ouseley river by 212 votes.",
        "The Brindle Park aviary welcomed two snowy owls donated by a sanctuary in Kessock.",
        "A burst water main flooded Quarry Lane in Dunholme and closed the primary school for a day.",
        "Farmer Josiah Pell won the county marrow show with a record 41-kilogram entry.",
    ]
    stream = [replace(text_features(f"p{i}", None, f"{body} {furniture}", T0 + timedelta(days=i)),
                      outlet="harrowgate-post.example") for i, body in enumerate(events)]
    assignment, _ = cluster_features(stream)
    assert len(set(assignment.values())) == 5
    # without the outlet (so without the furniture rule) the shared paragraph merges some
    no_outlet = [replace(f, outlet=None) for f in stream]
    merged, _ = batch_cluster(no_outlet, BatchConfig(threshold=0.05, cohesion_prior=None))
    assert len(set(merged.values())) < 5


def test_a_follow_up_weeks_later_joins_when_close_and_the_decay_has_a_floor():
    stream = feats(QUARRY[:2], prefix="q")
    late = text_features("late", *QUARRY[2], published=T0 + timedelta(days=40))
    assignment, _ = cluster_features(stream + [late])
    assert len(set(assignment.values())) == 1
    # with no floor, 40 days decay the link to nothing
    apart, _ = batch_cluster(stream + [late], BatchConfig(decay_floor=0.0))
    assert apart["late"] == "story-late"


def test_empty_and_single():
    assert cluster_features([]) == ({}, [])
    one = feats(QUARRY[:1])
    assignment, stories = cluster_features(one)
    assert assignment == {"q0": "story-q0"} and stories[0].articles == ["q0"]
