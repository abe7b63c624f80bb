"""An outlet relaying another outlet of the story is that outlet's account (fictional)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from test_facts import article  # noqa: E402

from storylens.compare import compare_story  # noqa: E402
from storylens.compare.relays import relayed_members  # noqa: E402
from storylens.model import Citation  # noqa: E402

ORIGINAL = "The harbour board voted on Tuesday to close the Orsa ferry pier for six weeks of repairs."
RELAY = ("According to the Velm Herald, the harbour board voted on Tuesday to close the Orsa ferry pier for six "
         "weeks of repairs.")
OWN = "The harbour board voted on Tuesday to close the Orsa ferry pier for six weeks of repairs, its chair said."


def _cite(a, text: str) -> Citation:
    start = a.text.index(text)
    return Citation(a.id, start, start + len(text), text)


def test_a_sentence_naming_another_supporting_outlet_as_its_source_counts_as_that_outlet():
    herald = article("h", ORIGINAL, outlet="velmherald.com")
    relay = article("r", RELAY, outlet="Coast Daily")
    by_id = {a.id: a for a in (herald, relay)}
    support = [_cite(herald, herald.text), _cite(relay, relay.text)]
    assert [a.id for a in relayed_members(support, by_id)] == ["h", "h"]


def test_the_last_words_of_an_outlets_name_name_it_and_short_or_other_names_do_not():
    times = article("t", ORIGINAL, outlet="Velm Evening Times")
    for text, relays in ((f"{ORIGINAL[:-1]}, the Times reported.", True),
                         (f"The Evening Times reports that {ORIGINAL[0].lower()}{ORIGINAL[1:]}", True),
                         (f"{ORIGINAL[:-1]}, the chair told the Coast Daily.", False),  # a third outlet
                         (f"{ORIGINAL[:-1]}, according to Mayor Ines Times.", False),  # not the outlet's name
                         (f"{ORIGINAL[:-1]}, said Ines Times.", False)):  # no attribution to a source
        other = article("o", text, outlet="Coast Daily")
        by_id = {a.id: a for a in (times, other)}
        ids = [a.id for a in relayed_members([_cite(times, ORIGINAL), _cite(other, text)], by_id)]
        assert (ids == ["t", "t"]) is relays, text


def test_an_outlet_naming_itself_or_an_outlet_of_no_other_article_relays_nothing():
    own = article("a", f"{ORIGINAL[:-1]}, the Velm Herald first reported.", outlet="Velm Herald")
    other = article("b", OWN, outlet="Coast Daily")
    by_id = {a.id: a for a in (own, other)}
    assert [a.id for a in relayed_members([_cite(own, own.text), _cite(other, OWN)], by_id)] == ["a", "b"]


def test_a_fact_told_by_one_outlet_and_relayed_by_another_is_not_corroborated_but_cites_both():
    herald = article("h", ORIGINAL, outlet="velmherald.com")
    relay = article("r", RELAY, outlet="Coast Daily")
    fact = next(f for f in compare_story([herald, relay]).facts if "ferry pier" in f.statement)
    assert {c.article_id for c in fact.support} == {"h", "r"}
    assert (fact.status, fact.independent_sources) == ("single-source", 1)
    independent = article("c", OWN, outlet="Coast Daily")
    fact = next(f for f in compare_story([herald, independent]).facts if "ferry pier" in f.statement)
    assert (fact.status, fact.independent_sources) == ("corroborated", 2)


def test_the_relaying_article_gets_a_relayed_cue_on_the_name_it_gives():
    herald = article("h", ORIGINAL, outlet="velmherald.com")
    relay = article("r", RELAY, outlet="Coast Daily")
    cues = [c for c in compare_story([herald, relay]).framing if c.kind == "relayed"]
    assert [(c.article_id, c.cue, c.citation.text) for c in cues] == [("r", "Velm Herald", "Velm Herald")]
    assert relay.text[cues[0].citation.start:cues[0].citation.end] == "Velm Herald"
    assert "velmherald.com" in (cues[0].note or "")
    independent = article("c", OWN, outlet="Coast Daily")
    assert not [c for c in compare_story([herald, independent]).framing if c.kind == "relayed"]
