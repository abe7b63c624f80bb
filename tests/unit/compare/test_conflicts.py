"""Conflicts on fictional articles (the Dornhill flood, the Harwick council, Brenna prison)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from test_facts import article, at, check_spans  # noqa: E402

from storylens.compare.conflicts import find_conflicts  # noqa: E402
from storylens.compare.facts import align_facts  # noqa: E402
from storylens.model import Figure  # noqa: E402


def _run(*arts):
    facts = align_facts(list(arts))
    conflicts = find_conflicts(list(arts), facts)
    for c in conflicts:
        check_spans(list(arts), [s.citation for s in c.sides])
        assert c.id.startswith("conflict-") and c.fact_ids
        for fid in c.fact_ids:
            assert next(f for f in facts if f.id == fid).status == "disputed"
    return facts, conflicts


def _figures(*arts):
    """The figure conflicts among the articles (checked as :func:`_run` checks them)."""
    return [c for c in _run(*arts)[1] if c.kind == "figure"]


def _evacuation(bound_a="at least", value_a=1200.0, bound_b="about", value_b=900.0, group=None):
    ta = f"Authorities ordered {bound_a} {value_a:,.0f} people to leave their homes in Dornhill on Tuesday."
    tb = f"The civil defence agency said {bound_b} {value_b:,.0f} residents of Dornhill had been evacuated."
    sym = {"at least": ">=", "about": "~", "": "="}
    a = article("a", ta, outlet="Gazette", group=group,
                figures=[{"text": f"{bound_a} {value_a:,.0f} people".strip(), "value": value_a,
                          "bound": sym[bound_a], "counts": "people"}],
                entities={"place:dornhill": ["Dornhill"]})
    b = article("b", tb, outlet="Post", group=group,
                figures=[{"text": f"{bound_b} {value_b:,.0f} residents".strip(), "value": value_b,
                          "bound": sym[bound_b], "counts": "resident"}],
                entities={"place:dornhill": ["Dornhill"]})
    return a, b


def test_a_bound_and_an_estimate_that_cannot_both_hold_conflict():
    a, b = _evacuation()
    _, conflicts = _run(a, b)
    figs = [c for c in conflicts if c.kind == "figure"]
    assert len(figs) == 1
    assert sorted(s.value for s in figs[0].sides) == [900.0, 1200.0]
    assert {s.citation.article_id for s in figs[0].sides} == {"a", "b"}
    assert all(s.asserted_by == "outlet" for s in figs[0].sides)


def test_two_reports_of_one_outlet_are_no_dispute():
    a, b = _evacuation()
    b.outlet = "gazette"  # the Gazette's second report (outlets compared case folded)
    a.outlet = "Gazette"
    assert _figures(a, b) == []


def test_figures_that_can_both_hold_do_not_conflict():
    a, b = _evacuation(bound_a="about", value_a=900.0, bound_b="about", value_b=950.0)
    assert _figures(a, b) == []
    a, b = _evacuation(bound_a="at least", value_a=800.0, bound_b="about", value_b=900.0)
    assert _figures(a, b) == []


def test_one_account_republished_is_never_in_conflict_with_itself():
    a, b = _evacuation(group="syn-1")
    assert _run(a, b)[1] == []


def test_different_counted_things_or_events_do_not_conflict():
    ta = "Authorities ordered at least 1,200 people to leave their homes in Dornhill on Tuesday."
    tb = "Dornhill's choir of about 40 singers performed at the shelter concert."
    a = article("a", ta, figures=[{"text": "at least 1,200 people", "value": 1200.0, "bound": ">=", "counts": "people"}])
    b = article("b", tb, outlet="Post", figures=[{"text": "about 40 singers", "value": 40.0, "bound": "~", "counts": "singer"}])
    assert _run(a, b)[1] == []


def test_a_vague_claim_against_a_count_conflicts():
    ta = "The governor said Brenna jail released \"large numbers\" of inmates this week."
    tb = "Monitors could verify just about a dozen releases, and urged the jail to free every inmate held for dissent."
    a = article("a", ta, outlet="Gazette", quotes=[{"text": "Brenna jail released \"large numbers\" of inmates",
                                                   "kind": "indirect", "speaker_entity": "person:oda venn"}])
    b = article("b", tb, outlet="Post",
                figures=[{"text": "about a dozen releases", "value": 12.0, "bound": "~", "counts": "release"}])
    _, conflicts = _run(a, b)
    figs = [c for c in conflicts if c.kind == "figure"]
    assert len(figs) == 1
    sides = {s.citation.article_id: s for s in figs[0].sides}
    assert sides["a"].value is None and "large numbers" in sides["a"].claim
    assert sides["a"].asserted_by == "person:oda venn"
    assert sides["b"].value == 12.0


def test_hundreds_is_not_contradicted_by_a_larger_count():
    ta = "Hundreds of residents were evacuated from Dornhill overnight."
    tb = "About 900 residents of Dornhill were evacuated overnight, the agency said."
    a = article("a", ta)
    b = article("b", tb, outlet="Post", figures=[{"text": "About 900 residents", "value": 900.0, "bound": "~", "counts": "resident"}])
    assert _figures(a, b) == []
    b2 = article("b", tb.replace("About 900", "About 90"), outlet="Post",
                 figures=[{"text": "About 90 residents", "value": 90.0, "bound": "~", "counts": "resident"}])
    assert len(_figures(a, b2)) == 1


def test_vote_tallies_that_differ_conflict():
    a = article("a", "The Harwick council voted seven to two to close the library, two members said.")
    b = article("b", "Harwick's council voted 8-1 to close the library on Monday.", outlet="Post")
    c = article("c", "The Harwick council voted 7-2 for closing the library.", outlet="Radio")
    _, conflicts = _run(a, b, c)
    # One vote, two tallies: one conflict; "seven to two" and "7-2" are one claim, side by side.
    (tally,) = [c for c in conflicts if c.about == "vote tally"]
    assert [s.citation.article_id for s in tally.sides] == ["a", "c", "b"]


def _hedged(*arts):
    from storylens.compare.framing import find_hedged_claims
    from storylens.compare.statements import statements_of

    facts, conflicts = _run(*arts)
    return find_hedged_claims(list(arts), facts, {a.id: statements_of(a) for a in arts}), conflicts


def test_a_flat_claim_that_another_outlet_hedges_is_framing_not_a_dispute():
    a = article("a", "The Vell bridge is safe to reopen after the flood.", outlet="Gazette")
    b = article("b", "The roads ministry claims the Vell bridge is safe to reopen after the flood.", outlet="Post")
    cues, conflicts = _hedged(a, b)
    assert conflicts == []  # the accounts agree; the wording frames it
    (cue,) = cues
    assert cue.kind == "hedged_claim" and cue.article_id == "b" and cue.cue == "claims"
    assert cue.citation.text == b.text and cue.note == "stated without hedging by Gazette"
    # Both hedged, or the flat one only quoting: nothing to report.
    c = article("c", "The Vell bridge is allegedly safe to reopen after the flood.", outlet="Radio")
    assert _hedged(b, c)[0] == []


def test_an_attributed_account_is_not_a_flat_one():
    a = article("a", "Relatives have identified the two men who died in the Vell crash as Oskar Trell and Ivo Marn.",
                outlet="Gazette")
    b = article("b", "The two men who died in the Vell crash were Oskar Trell and Ivo Marn, according to relatives.",
                outlet="Post")
    cues, conflicts = _hedged(a, b)
    assert cues == [] and conflicts == []


def test_one_quote_given_to_two_speakers():
    quote = "We will rebuild every house on the river before the winter comes"
    a = article("a", f"\"{quote},\" Mayor Ilse Marrow said.", outlet="Gazette",
                quotes=[{"text": quote, "speaker_entity": "person:ilse marrow"}])
    b = article("b", f"\"{quote},\" council leader Piet Aalders said.", outlet="Post",
                quotes=[{"text": quote, "speaker_entity": "person:piet aalders"}])
    conflicts = [c for c in _run(a, b)[1] if c.kind == "attribution"]
    assert len(conflicts) == 1
    assert {s.asserted_by for s in conflicts[0].sides} == {"person:ilse marrow", "person:piet aalders"}
    b.quotes[0].speaker_entity = "person:ilse marrow"
    assert [c for c in _run(a, b)[1] if c.kind == "attribution"] == []


def test_a_speaker_guessed_from_a_pronoun_is_no_second_speaker():
    quote = "We will rebuild every house on the river before the winter comes"
    a = article("a", f"\"{quote},\" Mayor Ilse Marrow said.", outlet="Gazette",
                quotes=[{"text": quote, "speaker": "Mayor Ilse Marrow", "speaker_entity": "person:ilse marrow"}])
    b = article("b", f"Piet Aalders spoke first. Later the mayor apologised. \"{quote},\" she said.", outlet="Post",
                quotes=[{"text": quote, "speaker": "she", "speaker_entity": "person:piet aalders"}])
    assert [c for c in _run(a, b)[1] if c.kind == "attribution"] == []
    b.quotes[0].speaker = "Piet Aalders"  # named: the outlets do disagree
    assert len([c for c in _run(a, b)[1] if c.kind == "attribution"]) == 1


def test_the_same_event_on_different_days():
    ta = "The Harwick council closed the old library on Monday after a fire inspection."
    tb = "The Harwick council closed the old library on Wednesday after a fire inspection."
    a = article("a", ta, times=[("Monday", "2031-04-28")])
    b = article("b", tb, outlet="Post", times=[("Wednesday", "2031-04-30")])
    dates = [c for c in _run(a, b)[1] if c.kind == "date"]
    assert len(dates) == 1 and sorted(s.claim for s in dates[0].sides) == ["Monday", "Wednesday"]
    b2 = article("b", tb.replace("Wednesday", "Monday"), outlet="Post", times=[("Monday", "XXXX-XX-28")])
    assert [c for c in _run(a, b2)[1] if c.kind == "date"] == []


# -- one conflict per disagreement, however many articles repeat each claim


def _count(id, text, figure, value, outlet, group=None):
    bound = "~" if figure.lower().startswith("about") else ">="
    return article(id, text, outlet=outlet, group=group, entities={"place:dornhill": ["Dornhill"]},
                   figures=[{"text": figure, "value": value, "bound": bound, "counts": figure.split()[-1].rstrip("s")}])


GAZETTE = "Authorities ordered at least 1,200 people to leave their homes in Dornhill on Tuesday."
POST = "The civil defence agency said about 900 residents of Dornhill had been evacuated."
RADIO = "About 900 residents of Dornhill were evacuated on Tuesday, the civil defence agency said."


def test_three_outlets_giving_two_counts_are_one_conflict_with_three_sides():
    a = _count("a", GAZETTE, "at least 1,200 people", 1200.0, "Gazette")
    b = _count("b", POST, "about 900 residents", 900.0, "Post")
    c = _count("c", RADIO, "About 900 residents", 900.0, "Radio")
    facts, conflicts = _run(a, b, c)
    (fig,) = [x for x in conflicts if x.kind == "figure"]
    # Every article asserting a claim is a side with its own citation, grouped by claim.
    assert [(s.citation.article_id, s.value) for s in fig.sides] == [("b", 900.0), ("c", 900.0), ("a", 1200.0)]
    assert [s.citation.text for s in fig.sides] == [POST, RADIO, GAZETTE]
    assert fig.about == "how many people were evacuated"
    # The id does not depend on the order the articles come in.
    _, again = _run(c, a, b)
    assert [x.id for x in again if x.kind == "figure"] == [fig.id]


def test_agency_copies_and_a_rival_are_one_conflict():
    wire = ("Authorities ordered at least 1,200 people to leave their homes in Dornhill on Tuesday, "
            "Harbor Wire said.")
    a1 = _count("a1", wire, "at least 1,200 people", 1200.0, "Harbor Wire", group="syn-1")
    a2 = _count("a2", wire, "at least 1,200 people", 1200.0, "Courier", group="syn-1")
    b = _count("b", POST, "about 900 residents", 900.0, "Post")
    _, conflicts = _run(a1, a2, b)
    (fig,) = [x for x in conflicts if x.kind == "figure"]
    assert [s.citation.article_id for s in fig.sides] == ["b", "a1", "a2"]
    assert len({s.citation.article_id for s in fig.sides}) == 3


def test_two_unrelated_disagreements_are_two_conflicts():
    power_a = " By Friday 300 households had returned to their farms in the valley."
    power_b = " By Friday about 120 households had returned to their farms in the valley, the council said."
    a = article("a", GAZETTE + power_a, outlet="Gazette", entities={"place:dornhill": ["Dornhill"]},
                figures=[{"text": "at least 1,200 people", "value": 1200.0, "bound": ">=", "counts": "people"},
                         {"text": "300 households", "value": 300.0, "counts": "households"}])
    b = article("b", POST + power_b, outlet="Post", entities={"place:dornhill": ["Dornhill"]},
                figures=[{"text": "about 900 residents", "value": 900.0, "bound": "~", "counts": "resident"},
                         {"text": "about 120 households", "value": 120.0, "bound": "~", "counts": "households"}])
    c = article("c", RADIO + power_b.replace("the council", "a spokesman"), outlet="Radio",
                entities={"place:dornhill": ["Dornhill"]},
                figures=[{"text": "About 900 residents", "value": 900.0, "bound": "~", "counts": "resident"},
                         {"text": "about 120 households", "value": 120.0, "bound": "~", "counts": "households"}])
    _, conflicts = _run(a, b, c)
    figs = sorted((x for x in conflicts if x.kind == "figure"), key=lambda x: x.about)
    assert [x.about for x in figs] == ["how many households returned", "how many people were evacuated"]
    assert [[s.value for s in x.sides] for x in figs] == [[120.0, 120.0, 300.0], [900.0, 900.0, 1200.0]]
    assert len({x.id for x in figs}) == 2


def test_a_claim_hedged_by_one_of_three_outlets_names_both_flat_outlets():
    flat = "The Vell bridge is safe to reopen after the flood."
    a = article("a", flat, outlet="Gazette")
    b = article("b", "The Vell bridge is safe to reopen after the flood, and traffic resumes today.", outlet="Radio")
    c = article("c", "The roads ministry claims the Vell bridge is safe to reopen after the flood.", outlet="Post")
    cues, conflicts = _hedged(a, b, c)
    assert conflicts == []
    assert [(x.article_id, x.note) for x in cues] == [("c", "stated without hedging by Gazette, Radio")]


def _in_dornhill(aid: str, text: str, outlet: str, count: str, value: float, counts: str = "people"):
    """An article of ``outlet`` about Dornhill whose one figure is ``count`` (``value``
    of ``counts``)."""
    return article(aid, text, outlet=outlet, figures=[{"text": count, "value": value, "counts": counts}],
                   entities={"place:dornhill": ["Dornhill"]})


def test_counts_of_different_measures_do_not_conflict():
    # Five injured and six wounded (by gunfire, one of them also counted among the
    # injured) can both be true; five injured and seven injured cannot.
    a = _in_dornhill("a", "Five people were injured near the Dornhill ferry terminal on Sunday, police said.",
                     "Gazette", "Five people", 5.0)
    b = _in_dornhill("b", "Six people were wounded near the Dornhill ferry terminal on Sunday, police said.",
                     "Post", "Six people", 6.0)
    c = _in_dornhill("c", "Seven people were injured near the Dornhill ferry terminal on Sunday, police said.",
                     "Radio", "Seven people", 7.0)
    assert _figures(a, b) == []
    (fig,) = _figures(a, b, c)
    assert {s.citation.article_id for s in fig.sides} == {"a", "c"}


def test_the_injured_one_account_counts_with_one_who_later_died_are_no_dispute():
    # Four injured, one of whom later died, are one dead and three injured told apart.
    apart = _in_dornhill("a", "One man was killed and three people were injured near the Dornhill ferry terminal "
                              "on Sunday, police said.", "Gazette", "three people", 3.0)
    together = _in_dornhill("b", "Four people were injured near the Dornhill ferry terminal on Sunday, police said. "
                                 "One of them later died in hospital.", "Post", "Four people", 4.0)
    assert _figures(apart, together) == []
    # Without the death told after the count, or with the sum off, they disagree.
    unsaid = _in_dornhill("c", "Four people were injured near the Dornhill ferry terminal on Sunday, police said.",
                          "Radio", "Four people", 4.0)
    assert len(_figures(apart, unsaid)) == 1
    five = _in_dornhill("d", "Five people were injured near the Dornhill ferry terminal on Sunday, police said. "
                             "One of them later died in hospital.", "Post", "Five people", 5.0)
    assert len(_figures(apart, five)) == 1


def test_a_toll_told_by_where_they_died_is_part_of_the_dead():
    # Two died at the scene and a third at the hospital: "three died" is no dispute with it.
    a = _in_dornhill("a", "Two people died at the scene of the Dornhill ferry crash on Sunday, police said.",
                     "Gazette", "Two people", 2.0)
    b = _in_dornhill("b", "Three people died in the Dornhill ferry crash on Sunday, police said.",
                     "Post", "Three people", 3.0)
    assert _figures(a, b) == []
    lot = _in_dornhill("a", "Two men who were killed in the parking lot of the Dornhill ferry terminal on Sunday "
                            "were identified.", "Gazette", "Two men", 2.0, counts="men")
    b_men = _in_dornhill("b", "Police said the man fatally shot three men at the Dornhill ferry terminal on Sunday.",
                         "Post", "three men", 3.0, counts="men")
    assert _figures(lot, b_men) == []
    # without where, two dead and three dead of one crash are a dispute
    a2 = _in_dornhill("a", "Two people died in the Dornhill ferry crash on Sunday, police said.",
                      "Gazette", "Two people", 2.0)
    assert len(_figures(a2, b)) == 1


def test_two_counted_nouns_of_one_sentence_are_different_things():
    # People against shots: each noun is in the other's sentence, but neither counts an
    # event of the other.
    a = _in_dornhill("a", "Five people were shot in Dornhill on Sunday after gunshots were fired into a crowd.",
                     "Gazette", "Five people", 5.0)
    b = _in_dornhill("b", "Police said people were shot in Dornhill on Sunday when a dozen gunshots were fired.",
                     "Post", "a dozen gunshots", 12.0, counts="gunshots")
    assert _figures(a, b) == []


def test_a_bare_surname_is_not_a_second_speaker():
    quote = "We will rebuild every house on the river before the winter comes"
    a = article("a", f"\"{quote},\" Mayor Ilse Marrow said.", outlet="Gazette",
                quotes=[{"text": quote, "speaker_entity": "person:ilse marrow"}])
    b = article("b", f"\"{quote},\" Marrow said.", outlet="Post",
                quotes=[{"text": quote, "speaker_entity": "person:marrow"}])
    assert [c for c in _run(a, b)[1] if c.kind == "attribution"] == []
    b.quotes[0].speaker_entity = "person:jan marrow"  # another Marrow: a different speaker
    assert len([c for c in _run(a, b)[1] if c.kind == "attribution"]) == 1


def test_quote_pairs_are_found_without_comparing_all_pairs_and_none_is_lost():
    import random

    from storylens.compare.conflicts import _overlapping_pairs

    rng = random.Random(7)
    vocab = [f"w{n}" for n in range(40)]
    sets = [frozenset(rng.sample(vocab[: rng.randint(12, 40)], rng.randint(6, 12))) for _ in range(150)]
    sets += [frozenset(sorted(s)[:-1]) | {"extra"} for s in sets[:30]]  # near-copies
    for threshold in (0.6, 0.3, 0.8):
        brute = [(i, j) for i in range(len(sets)) for j in range(i + 1, len(sets))
                 if len(sets[i] & sets[j]) / len(sets[i] | sets[j]) >= threshold]
        found = _overlapping_pairs(sets, threshold)
        assert set(brute) <= set(found) and found == sorted(found)
        assert brute  # the check is not vacuous
        if threshold >= 0.6:
            assert len(found) < len(sets) * (len(sets) - 1) // 4  # most pairs never compared


def test_one_date_dispute_across_three_outlets_is_one_conflict():
    text = "The Harwick council closed the old library on {} after a fire inspection."
    a = article("a", text.format("Monday"), times=[("Monday", "2031-04-28")])
    b = article("b", text.format("Wednesday"), outlet="Post", times=[("Wednesday", "2031-04-30")])
    c = article("c", text.format("Monday"), outlet="Radio", times=[("Monday", "2031-04-28")])
    (date,) = [x for x in _run(a, b, c)[1] if x.kind == "date"]
    assert [(s.citation.article_id, s.claim) for s in date.sides] == [("a", "Monday"), ("c", "Monday"),
                                                                        ("b", "Wednesday")]


def test_statements_split_once_by_the_caller_give_the_same_comparison():
    from storylens.compare.statements import statements_of

    arts = [_count("a", GAZETTE, "at least 1,200 people", 1200.0, "Gazette"),
            _count("b", POST, "about 900 residents", 900.0, "Post"),
            _count("c", RADIO, "About 900 residents", 900.0, "Radio")]
    split = {a.id: statements_of(a) for a in arts}
    facts = align_facts(arts, split=split)
    assert [f.to_dict() for f in facts] == [f.to_dict() for f in align_facts(arts)]
    conflicts = find_conflicts(arts, facts, split)
    assert conflicts and [c.to_dict() for c in conflicts] == [c.to_dict() for c in _run(*arts)[1]]


def test_what_is_counted_reads_as_the_figure_writes_it():
    a = article("a", "By Friday 300 households had returned to their farms in Dornhill.", outlet="Gazette",
                figures=[{"text": "300 households", "value": 300.0, "counts": "household"}])
    b = article("b", "By Friday about 120 households had returned to their farms in Dornhill.", outlet="Post",
                figures=[{"text": "about 120 households", "value": 120.0, "bound": "~", "counts": "household"}])
    (fig,) = _figures(a, b)
    assert fig.about == "how many households returned"


def test_a_figure_an_article_repeats_is_one_claim_of_one_conflict():
    # The Gazette gives its count twice; each rival's sentence matches a different one.
    ta = ("Authorities ordered at least 1,200 people to leave their homes in Dornhill on Tuesday. "
          "The bakery on the square stayed open. "
          "Police said the 1,200 people evacuated from the riverside streets were sheltering in the school gym.")
    a = article("a", ta, outlet="Gazette", entities={"place:dornhill": ["Dornhill"]},
                figures=[{"text": "at least 1,200 people", "value": 1200.0, "bound": ">=", "counts": "people"}])
    s, e = at(ta, "1,200 people", nth=1)
    a.figures.append(Figure(ta[s:e], s, e, value=1200.0, counts="people"))
    b = _count("b", "About 900 residents left their homes in Dornhill on Tuesday, authorities said.",
               "About 900 residents", 900.0, "Post")
    c = _count("c", "About 900 residents evacuated from the riverside streets were sheltering in the school gym, "
                    "police said.", "About 900 residents", 900.0, "Radio")
    _, conflicts = _run(a, b, c)
    (fig,) = [x for x in conflicts if x.kind == "figure"]
    assert [(s.citation.article_id, s.value) for s in fig.sides] == [("b", 900.0), ("c", 900.0), ("a", 1200.0)]
    assert fig.sides[-1].citation.start == 0  # shown where the Gazette first gives it


def _pier_vote(radio: str):
    """The Ledger's "voted 6-1", the Herald's "five to two", and the Radio's ``radio``:
    the facts of the 6-1 vote and the tally conflict."""
    a = article("a", "The Vell council voted 6-1 to close the ferry pier on Monday.", outlet="Ledger")
    b = article("b", "The Vell council voted to close the ferry pier on Monday. The vote was five to two, "
                     "two members said.", outlet="Herald")
    facts, conflicts = _run(a, b, article("c", radio, outlet="Radio"))
    assert [x for x in conflicts if x.about == "vote tally"]
    return [f for f in facts if any("6-1" in s.text for s in f.support)]


def test_an_outlet_on_the_other_side_does_not_corroborate():
    pier = _pier_vote("On Monday the Vell council voted 6-1 to close the ferry pier.")
    assert pier and all("b" not in {s.article_id for s in f.support} for f in pier)
    assert {s.article_id for s in pier[0].support} == {"a", "c"} and pier[0].independent_sources == 2
    assert pier[0].status == "corroborated"  # two outlets both say 6-1: agreed on that side


def test_a_side_shown_as_a_fact_is_agreed_only_by_statements_that_state_it():
    # The Ledger's "voted 6-1" aligned with the Radio's "a majority ... voted to close":
    # the Radio does not say 6-1, so "6-1" is no agreed fact against the Herald's five to two.
    pier = _pier_vote("A majority of the Vell council voted to close the ferry pier on Monday.")
    assert pier and all(f.status == "disputed" for f in pier if "6-1" in f.statement)
    # What all three say (the council voted to close the pier on Monday) is agreed, shown
    # in words that give no tally.
    agreed = [f for f in pier if f.status == "corroborated"]
    assert all("6-1" not in f.statement and {s.article_id for s in f.support} == {"a", "b", "c"} for f in agreed)


def test_a_count_without_its_noun_is_people_when_the_predicate_befalls_people():
    a = article("a", "Five people were taken to Harlow Medical Center for treatment, police in Orla said.",
                outlet="Gazette", figures=[{"text": "Five people", "value": 5.0, "counts": "people"}])
    b = article("b", "All six were taken to Harlow Medical Center for treatment, Orla police said.", outlet="Post")
    (conflict,) = _figures(a, b)
    assert {s.claim for s in conflict.sides} == {"Five people", "All six"}
    # Not people: what befell them is not said, or does not befall people.
    for text in ("All six were children from Orla, police said after the treatment at Harlow Medical Center.",
                 "All six were approved for treatment at Harlow Medical Center, Orla police said."):
        other = article("b", text, outlet="Post")
        assert _figures(a, other) == []


def test_a_figure_conflict_asks_what_both_counts_measure_in_the_words_written():
    a = article("a", "Police in Orla said THREE MEN were shot outside the Tarn Street bakery on Sunday.",
                outlet="Gazette", figures=[{"text": "THREE MEN", "value": 3.0, "counts": "man"}])
    b = article("b", "Four men were shot outside the Tarn Street bakery in Orla on Sunday, police said.",
                outlet="Post", figures=[{"text": "Four men", "value": 4.0, "counts": "man"}])
    (fig,) = _figures(a, b)
    assert fig.about == "how many men were shot"


def test_an_account_that_all_of_them_were_joins_the_all_n_side():
    a = article("a", "Five people were taken to Harlow Medical Center for treatment, police in Orla said.",
                outlet="Gazette", figures=[{"text": "Five people", "value": 5.0, "counts": "people"}])
    b = article("b", "All six were taken to Harlow Medical Center for treatment, Orla police said.", outlet="Post")
    c = article("c", "All the victims were taken to Harlow Medical Center for treatment.", outlet="Radio")
    facts, conflicts = _run(a, b, c)
    (conflict,) = [x for x in conflicts if x.kind == "figure"]
    assert sorted((s.citation.article_id, s.claim, s.value) for s in conflict.sides) == [
        ("a", "Five people", 5.0), ("b", "All six", 6.0), ("c", "All six", 6.0)]
    # the Radio's sentence is a side: no agreed fact of who was taken where
    assert all(f.status != "corroborated" for f in facts if any(s.article_id == "c" for s in f.support))
    # Not when it tells something else of them, nor without an "all N" side to join.
    other = article("c", "All the victims were friends from Orla, police said.", outlet="Radio")
    assert {s.citation.article_id for x in _run(a, b, other)[1] for s in x.sides} == {"a", "b"}
    both = article("b", "Six people were taken to Harlow Medical Center for treatment, Orla police said.",
                   outlet="Post", figures=[{"text": "Six people", "value": 6.0, "counts": "people"}])
    assert {s.citation.article_id for x in _run(a, both, c)[1] for s in x.sides} == {"a", "b"}


def test_a_fact_of_another_claim_of_a_side_sentence_keeps_the_other_side_outlet():
    # The Gazette's lede says six were hurt and that two men fired; the Post says one man
    # fired. The fact that six were hurt is the Post's too: only the shooters are in dispute.
    from storylens.compare.facts import drop_contradicting
    from storylens.model import Citation, Conflict, ConflictSide, Fact

    a = article("a", "Six people were hurt in Orla on Sunday when two men in a car fired at a bus stop, police said.",
                outlet="Gazette")
    b = article("b", "Six people were hurt in Orla on Sunday at a bus stop. One man fired from a car, police said.",
                outlet="Post")
    lede_a = Citation("a", 0, len(a.text), a.text)
    lede_b = Citation("b", 0, a.text.index(" Sunday") + len(" Sunday at a bus stop."),
                      b.text[:b.text.index(" One man")])
    one_man = Citation("b", b.text.index("One man"), len(b.text), b.text[b.text.index("One man"):])
    shooters = Conflict("conflict-1", "figure", "how many shooters", [
        ConflictSide("two men in a car fired", "police", lede_a), ConflictSide("one man fired", "police", one_man)],
        [])
    hurt = Fact("fact-1", lede_b.text, [lede_a, lede_b], 2, "corroborated", outlets=["Gazette", "Post"])
    said = Fact("fact-2", lede_a.text, [lede_a, lede_b], 2, "corroborated", outlets=["Gazette", "Post"])
    facts = [hurt, said]
    drop_contradicting(facts, [shooters], [a, b])
    assert [c.article_id for c in facts[0].support] == ["a", "b"] and facts[0].status == "corroborated"
    # the fact shown in the Gazette's words says who fired: the Post does not support it
    assert [c.article_id for c in facts[1].support] == ["a"] and facts[1].status == "single-source"


def test_a_later_higher_toll_is_an_update_not_a_dispute():
    from datetime import datetime, timezone

    first = article("a", "Three people were killed when the Orla ferry capsized on Sunday, police in Orla said.",
                    outlet="Gazette", figures=[{"text": "Three people", "value": 3.0, "counts": "people"}])
    later = article("b", "Five people were killed when the Orla ferry capsized on Sunday, police in Orla said.",
                    outlet="Post", figures=[{"text": "Five people", "value": 5.0, "counts": "people"}])
    first.published = datetime(2031, 5, 4, 9, tzinfo=timezone.utc)

    def figure_conflicts() -> list:  # type: ignore[type-arg]
        return _figures(first, later)

    later.published = datetime(2031, 5, 5, 9, tzinfo=timezone.utc)  # a day later, more dead: the toll rose
    assert figure_conflicts() == []
    updates: list = []  # type: ignore[type-arg]
    find_conflicts([first, later], align_facts([first, later]), updates=updates)
    (cue,) = updates
    assert (cue.article_id, cue.kind, cue.cue) == ("b", "updated_figure", "Five people")
    assert cue.note == "updates 'Three people' (Gazette, published earlier)"
    check_spans([first, later], [cue.citation])
    later.published = datetime(2031, 5, 4, 11, tzinfo=timezone.utc)  # two hours apart: the accounts disagree
    assert len(figure_conflicts()) == 1
    first.published, later.published = later.published, datetime(2031, 5, 3, 9, tzinfo=timezone.utc)
    assert len(figure_conflicts()) == 1  # the later report has fewer dead: no update explains it


def test_a_third_account_giving_one_of_the_two_days_takes_that_side():
    text = "The Harwick council closed the old library on {} after a fire inspection."
    a = article("a", text.format("Monday"), times=[("Monday", "2031-04-28")])
    b = article("b", text.format("Wednesday"), outlet="Post", times=[("Wednesday", "2031-04-30")])
    # the day it was said is not the event's day; the words shared with b are too few to
    # tell of one event alone, but c is aligned with both and names a's day
    tc = ("Officials said Thursday that the Harwick council shut the old library last Monday, "
          "weeks after marshals found its wiring unsafe.")
    c = article("c", tc, outlet="Radio", times=[("Thursday", "2031-05-01"), ("last Monday", "2031-04-28")])
    facts, conflicts = _run(a, b, c)
    assert any({s.article_id for s in f.support} == {"a", "b", "c"} for f in facts)
    (date,) = [x for x in conflicts if x.kind == "date"]
    assert [(s.citation.article_id, s.claim) for s in date.sides] == [("a", "Monday"), ("c", "Monday"),
                                                                        ("b", "Wednesday")]
    # alone with b, c's fewer shared words tell of no one event: no dispute
    assert [x for x in _run(b, c)[1] if x.kind == "date"] == []


def test_a_day_opening_a_sentence_before_who_said_it_is_the_day_of_the_telling():
    a = article("a", "On Monday, the Harwick coroner said the ferryman died from a wound to the chest.",
                times=[("Monday", "2031-04-28")])
    b = article("b", "The ferryman died Sunday from a wound to the chest, the Harwick coroner said.", outlet="Post",
                times=[("Sunday", "2031-04-27")])
    assert [c for c in _run(a, b)[1] if c.kind == "date"] == []
    # the same day after its event is the event's: Monday against Sunday is a dispute
    a2 = article("a", "The ferryman died Monday from a wound to the chest, the Harwick coroner said.",
                 times=[("Monday", "2031-04-28")])
    assert len([c for c in _run(a2, b)[1] if c.kind == "date"]) == 1


def _dead_and_wounded(text: str):
    return article("a", text, outlet="Gazette", entities={"place:dornhill": ["Dornhill"]})


def test_the_dead_and_the_wounded_together_are_the_people_shot():
    shot = _in_dornhill("b", "Five people were shot outside a Dornhill bar on Sunday night, police said.",
                        "Post", "Five people", 5.0)
    summed = "Two people were killed and four others wounded outside a Dornhill bar on Sunday night, police said."
    (fig,) = _figures(_dead_and_wounded(summed), shot)
    assert fig.about == "how many people were shot"
    side = next(s for s in fig.sides if s.citation.article_id == "a")
    assert side.claim == "Two people were killed and four others wounded" and side.value == 6.0
    agreeing = "One man was killed and four other people wounded outside a Dornhill bar on Sunday night, police said."
    assert _figures(_dead_and_wounded(agreeing), shot) == []


def test_a_tally_of_one_period_against_its_dead_and_wounded():
    summed = "Over the weekend, four died and 11 were wounded in six shootings that kept Dornhill's medics busy."
    shot = _in_dornhill("b", "Dornhill's mayor called for calm after 20 people were shot in separate incidents "
                             "over the weekend.", "Post", "20 people", 20.0)
    (fig,) = _figures(_dead_and_wounded(summed), shot)
    assert sorted(s.value for s in fig.sides) == [15.0, 20.0]


def test_a_bound_a_part_or_the_injured_make_no_sum_of_the_people_shot():
    shot = _in_dornhill("b", "Seven people were shot outside a Dornhill bar on Sunday night, police said.",
                        "Post", "Seven people", 7.0)
    for text in ["At least two people were killed and three wounded outside a Dornhill bar on Sunday night.",
                 "Two more people were killed and three wounded outside a Dornhill bar on Sunday night.",
                 "Two people were killed and three injured outside a Dornhill bar on Sunday night."]:
        assert _figures(_dead_and_wounded(text), shot) == [], text


def test_a_count_of_one_incident_that_weekend_is_no_tally_of_the_weekend():
    party = _in_dornhill("a", "Five people were shot at a birthday party in Dornhill over the weekend, police said.",
                         "Gazette", "Five people", 5.0)
    tally = _in_dornhill("b", "Police said 20 people were shot in six shootings across Dornhill over the weekend.",
                         "Post", "20 people", 20.0)
    assert _figures(party, tally) == []


def test_the_tallies_of_a_city_and_of_one_of_its_districts_are_not_compared():
    city = _in_dornhill("a", "Police said 21 people were shot in separate incidents across the city over the weekend.",
                        "Gazette", "21 people", 21.0)
    district = article("b", "In Harrowgate, nine people were shot in separate incidents over the weekend.",
                       outlet="Post", figures=[{"text": "nine people", "value": 9.0, "counts": "people"}],
                       entities={"place:harrowgate": ["Harrowgate"]})
    assert _figures(city, district) == []
