"""The clusterer's time arithmetic never raises, whatever the publication times: year 1 to
9999 (a CMS default of 0001-01-01, a far-future typo), naive and aware mixed, any UTC
offset, undated articles among them."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storylens.cluster import ClusterConfig, StoryClusterer, cluster_features, text_features
from storylens.model import Story
from storylens.serialise import story_to_dict

TEXTS = [
    ("Rockfall closes Vessmark quarry road", "A rockfall at the Vessmark quarry buried the access road; Oskar Linnemo said no one was hurt."),
    ("Vessmark quarry shut after rockfall", "Blasting at the Vessmark quarry stopped after a rockfall; Oskar Linnemo said nobody was injured."),
    ("Dunmere orchestra names conductor", "The Dunmere Philharmonic named Sela Arkwright its principal conductor on Tuesday."),
    ("Arkwright to lead Dunmere Philharmonic", "Sela Arkwright was named principal conductor of the Dunmere Philharmonic."),
]

offsets = st.integers(min_value=-23 * 60 + 1, max_value=23 * 60 - 1).map(
    lambda m: timezone(timedelta(minutes=m)))
naive = st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31, 23, 59, 59))
when = st.one_of(
    st.none(),
    naive,
    st.builds(lambda d, tz: d.replace(tzinfo=tz), naive, offsets),
    st.sampled_from([datetime(1, 1, 1), datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=14))),
                     datetime.max, datetime.max.replace(tzinfo=timezone(timedelta(hours=-12))),
                     datetime.min.replace(tzinfo=timezone.utc), datetime.max.replace(tzinfo=timezone.utc)]),
)


def _features(times):
    return [text_features(f"a{i}", *TEXTS[i % len(TEXTS)], published=t) for i, t in enumerate(times)]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(when, min_size=1, max_size=8))
def test_batch_clustering_never_raises_on_any_dates(times):
    feats = _features(times)
    assignment, stories = cluster_features(feats)
    assert set(assignment) == {f.id for f in feats}
    assert sorted(a for s in stories for a in s.articles) == sorted(f.id for f in feats)
    for s in stories:  # and their times can be written
        story_to_dict(Story(s.id, s.lead, s.title, s.articles, s.entities, s.first_published, s.last_published))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(when, min_size=1, max_size=8), st.sampled_from([timedelta(days=7), timedelta(days=1), timedelta.max]))
def test_online_clusterer_never_raises_on_any_dates(times, window):
    clusterer = StoryClusterer(replace(ClusterConfig(), window=window))
    feats = _features(times)
    clusterer.prime(feats)
    for f in feats:  # in the given order, not sorted: a stream may go back in time
        clusterer.add(f)
    stories = clusterer.stories()
    assert sorted(a for s in stories for a in s.articles) == sorted(f.id for f in feats)


def test_the_reported_case_year_one_then_a_real_date():
    feats = _features([datetime(1, 1, 1), datetime(1, 1, 1, tzinfo=timezone.utc),
                       datetime(2026, 1, 5, tzinfo=timezone.utc), None])
    clusterer = StoryClusterer()
    for f in feats:
        clusterer.add(f)
    assignment, _ = cluster_features(feats)
    assert len(assignment) == 4
