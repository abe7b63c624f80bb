"""Where the case stands (no arrest yet, motive unknown), as independent accounts agree (fictional)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from test_facts import article  # noqa: E402

from storylens.compare import compare_story  # noqa: E402
from storylens.compare.settings import CompareSettings, compare_settings  # noqa: E402

GAZETTE = ("Two people were wounded in a shooting outside a bakery on Tarn Street in Velm on Sunday night. "
           "No arrests had been made.")
POST = ("A gunman wounded two customers outside the Tarn Street bakery on Sunday, Velm police said. "
        "Nobody was in custody early Monday, a police spokesman said.")


def _status(comparison, words, every=False):  # type: ignore[no-untyped-def]
    """The corroborated facts citing ``words`` (in every citation, with ``every``)."""
    said = all if every else any
    return [f for f in comparison.facts if f.status == "corroborated" and said(words in c.text for c in f.support)]


def test_no_arrest_said_two_ways_is_one_agreed_fact_and_a_summary_line():
    forward = compare_story([article("a", GAZETTE, outlet="Gazette"), article("b", POST, outlet="Post")])
    (fact,) = _status(forward, "No arrests")
    assert [c.text for c in fact.support] == ["No arrests had been made.",
                                              "Nobody was in custody early Monday, a police spokesman said."]
    assert fact.independent_sources == 2
    # the Post's sentence is shown in the agreed fact, not again as what the Post alone says
    assert [f for f in forward.facts if f.status == "single-source"] == []
    assert forward.exclusives.only_in == {"Gazette": [], "Post": []}
    (line,) = [s for s in forward.brief.summary if "arrest" in s.text or "custody" in s.text]
    assert {c.article_id for c in line.citations} == {"a", "b"}
    backward = compare_story([article("b", POST, outlet="Post"), article("a", GAZETTE, outlet="Gazette")])
    assert backward.facts == forward.facts
    with compare_settings(CompareSettings(case_status=False)):
        off = compare_story([article("a", GAZETTE, outlet="Gazette"), article("b", POST, outlet="Post")])
        assert _status(off, "No arrests") == []


def test_no_arrest_is_no_fact_once_the_story_tells_of_one_or_from_one_agency():
    later = article("c", "Tobin Arlo, 24, was arrested on Tuesday in the Tarn Street bakery shooting.", outlet="Radio")
    assert _status(compare_story([article("a", GAZETTE, outlet="Gazette"), article("b", POST, outlet="Post"),
                                  later]), "No arrests") == []
    copies = [article("a", GAZETTE, outlet="Gazette", group="syn-1"), article("b", POST, outlet="Post", group="syn-1")]
    assert _status(compare_story(copies), "No arrests") == []
    warrant = article("b", "Two customers were hurt on Tarn Street. No arrest warrant was needed to search the car.",
                      outlet="Post")
    assert _status(compare_story([article("a", GAZETTE, outlet="Gazette"), warrant]), "No arrests") == []


def test_motive_unknown_two_ways_is_a_fact_unless_a_motive_is_named():
    a = article("a", "A man shot two customers at the Tarn Street bakery in Velm on Sunday. "
                     "Police are still trying to determine a motive.", outlet="Gazette")
    b = article("b", "Two customers of a Velm bakery were shot on Sunday. "
                     "There was no apparent motive, the sheriff said.", outlet="Post")
    (fact,) = _status(compare_story([a, b]), "motive")
    assert {c.article_id for c in fact.support} == {"a", "b"}
    named = article("c", "Police believe the Tarn Street bakery shooting was gang-related.", outlet="Radio")
    assert _status(compare_story([a, b, named]), "motive") == []


def test_injuries_not_life_threatening_unless_someone_died_or_is_critical():
    a = article("a", "Two customers were shot outside the Tarn Street bakery in Velm on Sunday. "
                     "Both had non-life-threatening injuries, police said.", outlet="Gazette")
    b = article("b", "A gunman wounded two customers of a Velm bakery on Sunday. "
                     "None of the victims had life-threatening injuries.", outlet="Post")
    (fact,) = _status(compare_story([a, b]), "life-threatening")
    assert {c.article_id for c in fact.support} == {"a", "b"}
    # said beside a death in its own sentence, or of some victims while another is critical
    assert _status(compare_story([a, b]), "life-threatening", every=True) == [fact]
    killed = article("b", "A gunman killed one customer of a Velm bakery on Sunday while two others suffered "
                          "non-life-threatening injuries.", outlet="Post")
    assert _status(compare_story([a, killed]), "life-threatening", every=True) == []
    critical = article("c", "A third customer was in critical condition at Velm General on Monday.", outlet="Radio")
    assert _status(compare_story([a, b, critical]), "life-threatening", every=True) == []


def test_names_not_released_of_the_victims_until_someone_is_named():
    a = article("a", "Two customers were shot outside the Tarn Street bakery in Velm on Sunday. "
                     "The names of the victims have not been released.", outlet="Gazette")
    b = article("b", "A gunman wounded two customers of a Velm bakery on Sunday. "
                     "Police did not identify the victims.", outlet="Post")

    def state(comparison):  # type: ignore[no-untyped-def]
        return [f for f in comparison.facts if f.status == "corroborated"
                and {c.text for c in f.support} == {"The names of the victims have not been released.",
                                                    "Police did not identify the victims."}]

    (fact,) = state(compare_story([a, b]))
    assert {c.article_id for c in fact.support} == {"a", "b"}
    shooter = article("b", "A gunman wounded two customers of a Velm bakery on Sunday. "
                           "Police did not identify the shooter.", outlet="Post")
    assert not [f for f in compare_story([a, shooter]).facts if f.status == "corroborated"
                and any("shooter" in c.text for c in f.support)]  # another person's name
    named = article("c", "One of the customers was identified as Ona Brisk, 24.", outlet="Radio")
    assert state(compare_story([a, b, named])) == []
