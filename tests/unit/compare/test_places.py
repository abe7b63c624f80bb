"""Place conflicts on fictional articles set in real places (a warehouse blast, a minister's
talks), with the gazetteer deciding what contains what."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from test_facts import article, check_spans  # noqa: E402

from storylens.compare.conflicts import find_conflicts  # noqa: E402
from storylens.compare.facts import align_facts  # noqa: E402
from storylens.compare.places import compatible, resolve  # noqa: E402

BLAST = ("A gas explosion destroyed a textile warehouse in {place} on Monday, killing two night-shift workers, "
         "{who} said.")
LATER = "Investigators are examining a faulty valve, and the owner has promised compensation to the families."


def _blast(id: str, place: str, who: str, *, outlet: str, extra: str = "", group: str | None = None,
           day: str = "2031-03-10", places: dict[str, list[str]] | None = None):
    text = BLAST.format(place=place, who=who) + " " + LATER + ((" " + extra) if extra else "")
    return article(id, text, outlet=outlet, group=group, times=[("Monday", day)],
                   entities=places or {f"place:{place.lower()}": [place]})


def _place_conflicts(*arts):
    facts = align_facts(list(arts))
    conflicts = find_conflicts(list(arts), facts)
    for c in conflicts:
        check_spans(list(arts), [s.citation for s in c.sides])
    return facts, [c for c in conflicts if c.kind == "place"]


def test_the_gazetteer_knows_containment_and_ambiguity():
    assert any(p.kind == "city" and p.country == "VE" for p in resolve("Caracas"))
    assert any(compatible(x, y) for x in resolve("Caracas") for y in resolve("Venezuela"))
    assert any(compatible(x, y) for x in resolve("Miami") for y in resolve("Florida"))
    assert not any(compatible(x, y) for x in resolve("Lyon") for y in resolve("Marseille"))
    assert any(compatible(x, y) for x in resolve("Miami") for y in resolve("Hialeah"))  # one metropolitan area
    assert {p.country for p in resolve("Washington")} >= {"US", "GB"}  # several readings
    assert resolve("Dornhill") == ()
    assert resolve("White House") == ()  # an institution, not the towns the gazetteer knows by that name


def test_two_outlets_placing_one_blast_in_different_cities_conflict():
    a = _blast("a", "Lyon", "fire officials", outlet="Rhone Daily")
    b = _blast("b", "Marseille", "firefighters", outlet="Coast Post")
    facts, conflicts = _place_conflicts(a, b)
    assert len(conflicts) == 1
    sides = conflicts[0].sides
    assert {(s.citation.article_id, s.claim) for s in sides} == {("a", "Lyon"), ("b", "Marseille")}
    assert all(s.asserted_by == "outlet" for s in sides)
    disputed = [f for f in facts if f.id in conflicts[0].fact_ids]
    assert disputed and all(f.status == "disputed" for f in disputed)


def test_three_outlets_and_two_places_are_one_place_conflict():
    a = _blast("a", "Lyon", "fire officials", outlet="Rhone Daily")
    b = _blast("b", "Marseille", "firefighters", outlet="Coast Post")
    c = _blast("c", "Lyon", "the police", outlet="Radio Rhone")
    (conflict,) = _place_conflicts(a, b, c)[1]
    assert [(s.citation.article_id, s.claim) for s in conflict.sides] == [("a", "Lyon"), ("c", "Lyon"),
                                                                            ("b", "Marseille")]


def test_a_city_inside_the_country_or_state_the_other_names_is_no_conflict():
    a = _blast("a", "Lyon", "fire officials", outlet="Rhone Daily")
    b = _blast("b", "France", "firefighters", outlet="Coast Post")
    assert _place_conflicts(a, b)[1] == []
    a = _blast("a", "Miami", "fire officials", outlet="Bay Daily")
    b = _blast("b", "Florida", "firefighters", outlet="Gulf Post")
    assert _place_conflicts(a, b)[1] == []
    a = _blast("a", "Caracas", "fire officials", outlet="Valle Daily")
    b = _blast("b", "Venezuela", "firefighters", outlet="Andes Post")
    assert _place_conflicts(a, b)[1] == []


def test_different_events_are_no_conflict():
    # An article that names both cities knows of both: two blasts, not two accounts of one.
    a = _blast("a", "Lyon", "fire officials", outlet="Rhone Daily",
               extra="A similar blast hit a depot in Marseille two years ago.",
               places={"place:lyon": ["Lyon"], "place:marseille": ["Marseille"]})
    b = _blast("b", "Marseille", "firefighters", outlet="Coast Post")
    assert _place_conflicts(a, b)[1] == []
    # Different days: different events.
    a = _blast("a", "Lyon", "fire officials", outlet="Rhone Daily", day="2031-03-10")
    b = _blast("b", "Marseille", "firefighters", outlet="Coast Post", day="2031-03-17")
    assert _place_conflicts(a, b)[1] == []


def test_origin_and_destination_are_no_conflict():
    ta = ("The fisheries minister left Madrid on Monday for two days of talks on Atlantic fishing quotas, "
          "her office said.")
    tb = ("The fisheries minister opened two days of talks on Atlantic fishing quotas in Lisbon on Monday, "
          "her office said.")
    a = article("a", ta, outlet="Iberia Daily", times=[("Monday", "2031-03-10")], entities={"place:madrid": ["Madrid"]})
    b = article("b", tb, outlet="Tagus Post", times=[("Monday", "2031-03-10")], entities={"place:lisbon": ["Lisbon"]})
    facts, conflicts = _place_conflicts(a, b)
    assert any(f.independent_sources == 2 for f in facts)  # the statements do align
    assert conflicts == []


def test_unknown_place_names_and_one_republished_account_are_no_conflict():
    a = _blast("a", "Dornhill", "fire officials", outlet="Rhone Daily")
    b = _blast("b", "Marseille", "firefighters", outlet="Coast Post")
    assert _place_conflicts(a, b)[1] == []
    a = _blast("a", "Lyon", "fire officials", outlet="Rhone Daily", group="syn-1")
    b = _blast("b", "Marseille", "firefighters", outlet="Coast Post", group="syn-1")
    assert _place_conflicts(a, b)[1] == []
