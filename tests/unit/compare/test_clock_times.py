"""Clock times of one event that cannot both be right (fictional)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from test_facts import article  # noqa: E402

from storylens.compare import compare_story  # noqa: E402
from storylens.compare.clock_times import _span  # noqa: E402

PLACES = {"place:larch road": ["Larch Road"], "place:velm": ["Velm"]}


def _times(text_a: str, text_b: str, outlet_b: str = "Velm Post") -> list[list[str]]:
    a = article("a", text_a, outlet="Velm Gazette", entities=PLACES)
    b = article("b", text_b, outlet=outlet_b, entities=PLACES)
    return [sorted(s.claim for s in c.sides) for c in compare_story([a, b]).conflicts if c.kind == "time"]


SHOT = "Four people were shot outside a home on Larch Road in Velm {}, police said."


def test_two_times_of_the_shooting_that_cannot_both_be_right_are_a_dispute():
    assert _times(SHOT.format("shortly after 4 a.m."), SHOT.format("at 3:45 a.m.")) == [
        ["3:45 a.m.", "shortly after 4 a.m."]]
    # the shooting told after the time: "at 3:45 a.m. when a car ... began firing"
    assert _times(SHOT.format("shortly after 4 a.m."),
                  "Four people were outside a home on Larch Road in Velm at 3:45 a.m. when a car drove by and began "
                  "firing, police said.") == [["3:45 a.m.", "shortly after 4 a.m."]]


@pytest.mark.parametrize("other", [
    "around 4 a.m.",  # about a quarter of an hour either side
    "at 4:05 a.m.",  # shortly after 4
    "just before 4:30 a.m.",
])
def test_times_that_can_both_be_right_are_no_dispute(other: str) -> None:
    assert _times(SHOT.format("shortly after 4 a.m."), SHOT.format(other)) == []


def test_another_moment_incident_place_or_source_is_no_dispute():
    # a moment that is not the shooting's (no event word in its clause)
    assert _times(SHOT.format("shortly after 4 a.m."),
                  "Four people shot outside a home on Larch Road in Velm were named; the suspect was booked at "
                  "9 a.m., police said.") == []
    # another shooting of the same day
    assert _times(SHOT.format("shortly after 4 a.m."),
                  "The most recent shooting happened outside a home on Larch Road in Velm at 11 a.m., police "
                  "said.") == []
    # one agency account, twice
    assert _times(SHOT.format("shortly after 4 a.m."), SHOT.format("at 3:45 a.m."), outlet_b="Velm Gazette") == []


def test_the_minutes_a_time_allows():
    four = 4 * 60
    assert _span("", four, True) == (four - 10, four + 10)  # a round hour: news rounds
    assert _span("", four + 45, False) == (four + 40, four + 50)
    assert _span("shortly after", four, True) == (four, four + 30)
    assert _span("just before", four, True) == (four - 30, four)
    assert _span("about", four, True) == (four - 15, four + 15)
    assert _span("after", four, True) == (four, four + 90)


def test_the_setting_turns_time_disputes_off():
    from storylens.compare.settings import CompareSettings, compare_settings
    with compare_settings(CompareSettings(time_conflicts=False)):
        assert _times(SHOT.format("shortly after 4 a.m."), SHOT.format("at 3:45 a.m.")) == []
