"""Where it happened: a street independent accounts name (fictional)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from test_facts import article  # noqa: E402

from storylens.compare import compare_story  # noqa: E402
from storylens.compare.settings import CompareSettings, compare_settings  # noqa: E402
from storylens.compare.street_facts import street_facts  # noqa: E402

A = ("Three people were hurt on Friday night in the area of Orsa Road and Linden St. near the ferry terminal, "
     "police said.\n\nThe victims were taken to Velm General.")
B = ("Officials said the gunfire on Orsa Rd. was reported at about 7 p.m.\n\nA bakery at 12 Quay Lane lost a window, "
     "and detectives searched a car parked off Linden Street.")


def test_a_street_two_outlets_name_after_a_locative_is_a_fact_citing_the_name():
    a, b = article("a", A, outlet="Velm Gazette"), article("b", B, outlet="Velm Post")
    facts = street_facts([a, b])
    assert [sorted((c.article_id, c.text) for c in f.support) for f in facts] == [
        [("a", "Orsa Road"), ("b", "Orsa Rd")], [("a", "Linden St"), ("b", "Linden Street")]]
    assert all(f.status == "corroborated" and f.independent_sources == 2 for f in facts)
    assert [f.statement for f in facts] == ["Location named: Orsa Road", "Location named: Linden St"]


def test_one_outlet_or_a_street_named_by_one_article_is_no_fact():
    a, b = article("a", A, outlet="Velm Gazette"), article("b", B, outlet="Velm Gazette")
    assert street_facts([a, b]) == []
    c = article("c", "The bakery at 12 Quay Lane reopened on Monday, its owner said.", outlet="Velm Post")
    assert street_facts([article("a", A, outlet="Velm Gazette"), c]) == []


def test_a_street_without_a_locative_or_a_lower_case_phrase_is_not_read():
    a = article("a", "Orsa Road residents met on Friday. They walked down the road at dusk.", outlet="Velm Gazette")
    b = article("b", "Orsa Road residents met on Friday evening, the council said.", outlet="Velm Post")
    assert street_facts([a, b]) == []


def test_street_facts_are_among_the_storys_facts_unless_turned_off():
    a, b = article("a", A, outlet="Velm Gazette"), article("b", B, outlet="Velm Post")
    named = {"Location named: Orsa Road", "Location named: Linden St"}
    assert named <= {f.statement for f in compare_story([a, b]).facts}
    with compare_settings(CompareSettings(street_facts=False)):
        assert not named & {f.statement for f in compare_story([a, b]).facts}
