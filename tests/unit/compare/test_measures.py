"""What a count measures, on fictional sentences written for these tests."""

from __future__ import annotations

import re

import pytest

from storylens.compare.measures import event_noun, measure_of


def _measure(text: str, figure: str, thing: str = "") -> str | None:
    m = re.search(re.escape(figure), text)
    assert m is not None
    return measure_of(text, m.start(), m.end(), m.end(), 0, len(text), thing)


@pytest.mark.parametrize("text, figure, measure", [
    ("Four people were shot outside the Velm arcade and a boy was hurt.", "Four people", "shot"),
    ("Three fishermen, including the captain of the Arla, were wounded on Friday.", "Three fishermen", "wounded"),
    ("Crews found two hikers with burns and other injuries near Tolk.", "two hikers", "injured"),
    ("Officials ordered about 300 people to leave their homes in Sarn.", "about 300 people", "evacuated"),
    ("About 80 residents of Sarn had been evacuated by noon.", "About 80 residents", "evacuated"),
    ("Volunteers counted 60 families that had gone home by Monday.", "60 families", "returned"),
    ("Two climbers were taken to Orrin General Hospital for treatment.", "Two climbers", "hospitalised"),
    ("The junta is releasing dozens of detainees this week.", "dozens of detainees", "released"),
    ("The storm killed three farmers near Edde.", "three farmers", "killed"),
    ("Nine lanterns hung over the Velm square.", "Nine lanterns", None),
    # the verb of a clause before the figure's is not its measure
    ("A ferryman, 40, was killed, and three deckhands and a cook injured on the Arla.", "three deckhands", None),
    ("The gale sank two boats, killing three fishermen off Edde.", "three fishermen", "killed"),
    # "shot" that kills counts the dead, not everyone hit
    ("Three guards were shot to death at the Velm depot.", "Three guards", "killed"),
    ("Two men were fatally shot near the Sarn ferry.", "Two men", "killed"),
    ("Four people shot dead in Tolk overnight.", "Four people", "killed"),
    ("A sniper fatally shot two guards at the depot.", "two guards", "killed"),
    ("Two men were shot near the Sarn ferry and survived.", "Two men", "shot"),
    # an adverb between the count and its predicate ("were severely injured")
    ("Two ferrymen died and seven deckhands were severely injured.", "seven deckhands", "injured"),
    # what the counted people did to others is no measure of them (active, with an object)
    ("Two gunmen fatally shot three guards at the Velm depot.", "Two gunmen", None),
    ("Three men shot a ferryman near Tolk.", "Three men", None),
    ("Two deckhands wounded him in the fight.", "Two deckhands", None),
    ("Four sailors killed Ada Crane's dog.", "Four sailors", None),
    # a passive without its auxiliary, or a day after the verb, still measures them
    ("Five people shot in the attack were taken to hospital.", "Five people", "shot"),
    ("Three guards shot Tuesday night are in hospital.", "Three guards", "shot"),
    ("Six fishermen wounded Saturday were released.", "Six fishermen", "wounded"),
    ("Three people died Sunday near Edde.", "Three people", "killed"),
])
def test_the_predicate_that_governs_a_count(text, figure, measure):
    assert _measure(text, figure) == measure


def test_an_event_noun_is_its_own_measure():
    assert event_noun("releas") and event_noun("death") and not event_noun("shot") and not event_noun("peopl")
    # a verb of the concept is no noun: "two men died and seven were hurt" counts no deaths of seven
    assert not any(event_noun(stem) for stem in ("die", "died", "dying", "dead", "kill"))
    text = "Two ferrymen died and seven were badly hurt near Tolk."
    assert _measure(text, "seven", "died") == "injured"
    text = "Monitors confirmed only eight releases so far."
    assert _measure(text, "eight releases", "releas") == "released"
