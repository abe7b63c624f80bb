"""Who was hurt, and who is accused, by age: ages independent accounts agree on
(fictional articles)."""

from __future__ import annotations

import sys
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from test_facts import article  # noqa: E402

from storylens.compare import compare_story  # noqa: E402
from storylens.compare.age_facts import age_facts  # noqa: E402
from storylens.compare.settings import CompareSettings, compare_settings  # noqa: E402
from storylens.compare.statements import statements_of  # noqa: E402
from storylens.model import Article, TimeRef  # noqa: E402


def _facts(*arts: Article) -> list[tuple[tuple[str, str], ...]]:
    return [tuple(sorted((c.article_id, c.text) for c in f.support))
            for f in age_facts(list(arts), {a.id: statements_of(a) for a in arts})]


A = ("Four people were shot near the Velm arcade on Friday night, police said.\n\n"
     "Two kids, 11 and 13 years old, are in critical condition. A 16-year-old victim was shot in the foot.")
B = ("Gunfire outside the Velm arcade left four people wounded.\n\n"
     "Another victim was 16. The two youngest, aged 11 and 13, remain in hospital.")


def test_ages_of_the_harmed_two_outlets_give_are_facts():
    a, b = article("a", A, outlet="Velm Gazette"), article("b", B, outlet="Velm Post")
    assert _facts(a, b) == [
        (("a", "11 and 13 years old"), ("b", "aged 11 and 13")),
        (("a", "11 and 13 years old"), ("b", "aged 11 and 13")),
        (("a", "A 16-year-old victim"), ("b", "victim was 16")),
    ]
    facts = age_facts([a, b], {x.id: statements_of(x) for x in (a, b)})
    assert all(f.status == "corroborated" and f.independent_sources == 2 for f in facts)
    # worded by what the cited words say ("aged 11 and 13" alone reads as no fact)
    assert [f.statement for f in facts] == [f"Age of someone harmed: {n}" for n in (11, 13, 16)]
    # one outlet is one source
    assert _facts(a, article("b", B, outlet="Velm Gazette")) == []


def test_an_age_set_off_by_commas_after_a_person_is_read():
    a = article("a", "A woman, 24, was shot in the arm near the Velm arcade, police said.", outlet="Velm Gazette")
    b = article("b", "A 24-year-old woman was wounded outside the Velm arcade on Friday.", outlet="Velm Post")
    assert _facts(a, b) == [(("a", "woman, 24,"), ("b", "A 24-year-old woman"))]
    # a number after a comma that does not close on another comma is no age
    c = article("c", "The gunfire hit a woman, 24 rounds in all, near the Velm arcade.", outlet="Orsa Herald")
    assert _facts(b, c) == []


def test_the_harmed_and_the_accused_are_two_roles():
    a = article("a", "A 19-year-old man was arrested on Sunday in the Velm arcade shooting.", outlet="Velm Gazette")
    b = article("b", "A 19-year-old man was shot near the Velm arcade, police said.", outlet="Velm Post")
    c = article("c", "Police charged a 19-year-old with attempted murder.", outlet="Orsa Herald")
    assert _facts(a, b) == []
    assert _facts(a, c) == [(("a", "A 19-year-old man"), ("c", "a 19-year-old"))]
    assert [f.statement for f in age_facts([a, c], {x.id: statements_of(x) for x in (a, c)})] == [
        "Age of someone accused: 19"]
    # a sentence of both harm and a charge, or an age that did the harm, says no role
    d = article("d", "A 19-year-old was charged with killing a 40-year-old man.", outlet="Dale Times")
    e = article("e", "Police said a 12-year-old boy shot and killed a classmate.", outlet="Fen Star")
    f = article("f", "A 12-year-old boy was shot at the Velm arcade.", outlet="Coast Post")
    assert _facts(b, d) == [] and _facts(c, d) == [] and _facts(e, f) == []
    g = article("g", "Police said a 12-year-old boy shot in the back died in hospital.", outlet="Dale Times")
    assert _facts(f, g) == [(("f", "A 12-year-old boy"), ("g", "a 12-year-old boy"))]


def test_two_people_of_one_age_are_no_fact():
    # two names, both sexes or "another 19-year-old": which one an unnamed age is, nobody can tell
    named = article("a", "Ada Crane, 19, and Ilse Marrow, 19, were wounded at the Velm arcade.", outlet="Velm Gazette",
                    entities={"person:ada crane": ["Ada Crane"], "person:ilse marrow": ["Ilse Marrow"]})
    unnamed = article("b", "A 19-year-old was wounded at the Velm arcade.", outlet="Velm Post")
    assert _facts(named, unnamed) == []
    woman = article("c", "A 19-year-old woman was wounded at the Velm arcade.", outlet="Orsa Herald")
    man = article("d", "A 19-year-old man was wounded at the Velm arcade.", outlet="Dale Times")
    assert _facts(woman, man) == []
    another = article("e", "A 19-year-old was shot. Another 19-year-old was wounded in the leg.", outlet="Fen Star")
    assert _facts(another, unnamed) == []


def test_a_name_in_one_account_and_an_age_alone_in_another():
    named = article("a", "Ada Crane, 31, was grazed by a bullet near the Velm arcade.", outlet="Velm Gazette",
                    entities={"person:ada crane": ["Ada Crane"]})
    unnamed = article("b", "A 31-year-old woman was grazed in the arm and treated at the scene.", outlet="Velm Post")
    assert _facts(named, unnamed) == [(("a", "Ada Crane, 31"), ("b", "A 31-year-old woman"))]
    # named in both: who is who, person_facts' fact, not made twice
    again = article("c", "Ada Crane, 31, was treated at the scene after she was grazed.", outlet="Orsa Herald",
                    entities={"person:ada crane": ["Ada Crane"]})
    assert _facts(named, again) == []
    # named in two, an age alone in a third: one fact of the three, not also the person's of two
    shown = [f for f in compare_story([named, again, unnamed]).facts if f.status == "corroborated"
             and f.statement.endswith(": 31")]
    assert [sorted(c.article_id for c in f.support) for f in shown] == [["a", "b", "c"]]


def test_a_range_of_ages_or_an_earlier_case_is_no_one_s_age():
    a = article("a", "Eight victims, aged from 27 to 59 years old, were wounded at the Velm arcade.", outlet="Velm Gazette")
    b = article("b", "A 59-year-old was wounded at the Velm arcade.", outlet="Velm Post")
    assert _facts(a, b) == []
    day = datetime(2031, 5, 4, tzinfo=timezone.utc)
    past = article("c", "Last month a 16-year-old was killed on the same block.", outlet="Orsa Herald")
    past.published = day
    past.time_refs.append(TimeRef("Last month", 0, 10, "2031-04", "month", "2031-05-04"))
    now = article("d", "A 16-year-old was wounded at the Velm arcade on Saturday.", outlet="Dale Times")
    now.published = day
    assert _facts(past, now) == []


def test_compare_story_shows_them_and_the_setting_turns_them_off():
    a, b = article("a", A, outlet="Velm Gazette"), article("b", B, outlet="Velm Post")
    shown = {f.statement for f in compare_story([a, b]).facts if f.status == "corroborated"}
    assert "Age of someone harmed: 16" in shown
    with compare_settings(CompareSettings(age_facts=False)):
        assert "Age of someone harmed: 16" not in {f.statement for f in compare_story([a, b]).facts}


def test_an_age_written_before_a_name_is_read_once_with_the_name():
    # "19-year-old Ada Crane" is one saying of her age, not also an unnamed 19-year-old's
    before = article("a", "19-year-old Ada Crane was wounded at the Velm arcade.", outlet="Velm Gazette",
                     entities={"person:ada crane": ["Ada Crane"]})
    after = article("b", "Ada Crane, 19, was wounded near the arcade on Friday.", outlet="Velm Post",
                    entities={"person:ada crane": ["Ada Crane"]})
    assert _facts(before, after) == []  # every account names her: who is who, person_facts'
    ages = [f.statement for f in compare_story([before, after]).facts if f.statement.startswith("Age of")]
    assert ages == ["Age of Ada Crane: 19"]


def test_ages_in_months_or_in_words_and_a_name_s_age_before_a_list():
    months = article("a", "A woman shot her 17-month-old son and her husband at their home on Tarn Lane.",
                     outlet="Velm Gazette")
    found = article("b", "A 17-month-old boy and his father were found dead in the house on Tarn Lane.",
                    outlet="Velm Post")
    assert _facts(months, found) == [(("a", "17-month-old son"), ("b", "A 17-month-old boy"))]
    assert [f.statement for f in age_facts([months, found], {x.id: statements_of(x) for x in (months, found)})] == [
        "Age of someone harmed: 17 months"]
    # "age 17 months" is 17 months, not 17 years
    aged = article("c", "The victims were a man and a boy, age 17 months.", outlet="Orsa Herald")
    assert _facts(months, aged) == [(("a", "17-month-old son"), ("c", "age 17 months"))]
    years = article("d", "A 17-year-old boy was shot on Tarn Lane.", outlet="Dale Times")
    assert _facts(months, years) == []
    # an age in words is the same age in figures; "twenty-one-year-old" is no one-year-old
    words = article("e", "A two-year-old girl was wounded in the leg at the Velm arcade.", outlet="Velm Gazette")
    figures = article("f", "The 2-year-old was taken to hospital with a leg wound.", outlet="Velm Post")
    assert _facts(words, figures) == [(("e", "A two-year-old girl"), ("f", "2-year-old"))]
    twenty_one = article("g", "A twenty-one-year-old man was wounded at the arcade.", outlet="Velm Gazette")
    one = article("h", "A 1-year-old was wounded at the arcade.", outlet="Velm Post")
    assert _facts(twenty_one, one) == []
    # "Ada Crane, 28, and 2-month-old Ben Crane": her age, then the baby's; no "28 months"
    listed = article("i", "Ada Crane, 28, and 2-month-old Ben Crane were killed at the house.", outlet="Orsa Herald",
                     entities={"person:ada crane": ["Ada Crane"]})
    baby = article("j", "A 2-month-old baby was among the dead.", outlet="Dale Times")
    assert _facts(listed, baby) == [(("i", "2-month-old"), ("j", "A 2-month-old"))]


def test_harm_said_not_to_have_happened_and_the_accused_s_child_give_no_age():
    shot = article("a", "A 3-year-old girl was shot in the arm at the Velm arcade.", outlet="Velm Gazette")
    unhurt = article("b", "Her two sisters, ages 2 and 3, were at home, but there were no other injuries.",
                     outlet="Velm Post")
    assert _facts(shot, unhurt) == []
    hurt = article("c", "Her two sisters, ages 2 and 3, were also hurt.", outlet="Velm Post")
    assert _facts(shot, hurt) == [(("a", "A 3-year-old girl"), ("c", "ages 2 and 3"))]
    # the child of the man arrested is not the one accused
    relative = article("d", "Police arrested Ben Crane for leaving a loaded pistol beside his three-year-old.",
                       outlet="Orsa Herald")
    again = article("e", "Ben Crane was charged after his 3-year-old found the pistol.", outlet="Dale Times")
    assert _facts(relative, again) == []
