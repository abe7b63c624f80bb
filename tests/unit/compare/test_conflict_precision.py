"""What is not a dispute, read on real coverage (GVA dev): parts, additions and ranks of
a count, counts weeks apart or of an earlier incident, the same day written alike, a day
told from another day, a publication stamp, a count its own sentence updates, an age
years later. Fictional articles."""

from __future__ import annotations

import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from test_facts import article  # noqa: E402

from storylens.compare.conflicts import find_conflicts  # noqa: E402
from storylens.compare.facts import align_facts  # noqa: E402
from storylens.compare.measures import measure_of  # noqa: E402
from storylens.compare.timeline import build_timeline  # noqa: E402
from storylens.model import TimeRef  # noqa: E402

DAY = datetime(2031, 5, 4, 9, tzinfo=timezone.utc)


def _count(aid, text, figure, value, counts, outlet, days=0.0):
    a = article(aid, text, outlet=outlet, figures=[{"text": figure, "value": value, "counts": counts}],
                entities={"place:velm": ["Velm"]})
    a.published = DAY + timedelta(days=days)
    return a


def _figures(*arts, timeline=False):
    arts = list(arts)
    conflicts = find_conflicts(arts, align_facts(arts), timeline=build_timeline(arts) if timeline else None)
    return [c for c in conflicts if c.kind == "figure"]


def _shot(aid, n_text, n, outlet, days=0.0, rest="were shot outside the Velm market on Saturday night."):
    return _count(aid, f"{n_text} {rest}", n_text, n, "people", outlet, days)


def test_two_counts_of_one_shooting_disagree():
    assert len(_figures(_shot("a", "Five people", 5, "Gazette"), _shot("b", "Seven people", 7, "Post"))) == 1


def test_a_part_an_addition_a_rank_or_a_rate_is_no_count_of_the_whole():
    a = _shot("a", "Five people", 5, "Gazette")
    for text, figure, value in [
            ("Two of the people were shot outside the Velm market on Saturday night.", "Two of the people", 2),
            ("Three other people were shot outside the Velm market on Saturday night.", "Three other people", 3),
            ("Three more people were shot outside the Velm market on Saturday night.", "Three more people", 3),
            ("A second person was shot outside the Velm market on Saturday night.", "A second person", 2),
            ("Seven people were shot, including the gunman, outside the Velm market on Saturday night.",
             "Seven people", 7),
            ("Seven people were shot including the suspected shooter outside the Velm market on Saturday night.",
             "Seven people", 7)]:
        b = _count("b", text, figure, value, "people", "Post")
        assert _figures(a, b) == [], text


def test_a_street_block_or_the_counts_of_a_charge_are_no_counted_group():
    a = _count("a", "Police said shots were fired in the 9600 block of Larch Street on Saturday night.",
               "9600 block", 9600, "block", "Gazette")
    b = _count("b", "Officers found a man shot in the 11700 block of Larch Street on Saturday night.",
               "11700 block", 11700, "block", "Post")
    assert _figures(a, b) == []
    c = _count("c", "Ona Brisk was charged with five counts of attempted murder over the Velm shooting.",
               "five counts", 5, "count", "Gazette")
    d = _count("d", "Tobin Arlo was charged with two counts of attempted murder over the Velm shooting.",
               "two counts", 2, "count", "Post")
    assert _figures(c, d) == []


def test_counts_published_weeks_apart_are_not_compared():
    # (a later, higher count of the shot is an update: the later count here is lower)
    a = _shot("a", "Seven people", 7, "Gazette")
    assert _figures(a, _shot("b", "Five people", 5, "Post", days=2.5))
    assert _figures(a, _shot("b", "Five people", 5, "Post", days=30)) == []


def test_a_count_its_own_sentence_says_has_since_changed_is_not_compared():
    a = _shot("a", "Three people", 3, "Gazette", rest="were killed outside the Velm market on Saturday night.")
    b = _count("b", "Police first said two people were killed outside the Velm market on Saturday night, but a third "
                    "has since died.", "two people", 2, "people", "Post")
    assert _figures(a, b) == []


def test_a_count_that_names_its_predicate_elsewhere_has_none():
    text = "Police said three people pulled out handguns and started firing shots inside the club."
    at = text.index("three people")
    assert measure_of(text, at, at + 12, at + 12, 0, len(text)) is None
    text = "A student killed one person and wounded three on the campus."
    at = text.index("one person")
    assert measure_of(text, at, at + 10, at + 10, 0, len(text)) == "killed"


def _dated(aid, text, phrase, value, outlet, days=0.0, granularity="day"):
    """An article whose one time reference is ``phrase`` (a day, or with ``granularity=
    "time"`` a time of day)."""
    a = article(aid, text, outlet=outlet, entities={"place:velm": ["Velm"]})
    s = text.index(phrase)
    a.time_refs.append(TimeRef(phrase, s, s + len(phrase), value, granularity, "2031-05-04"))
    a.published = DAY + timedelta(days=days)
    return a


def _dates(*arts):
    arts = list(arts)
    return [c for c in find_conflicts(arts, align_facts(arts)) if c.kind == "date"]


def test_two_days_for_one_event_disagree():
    a = _dated("a", "Tobin Arlo was arrested in Velm on May 2 after a long search.", "May 2", "2031-05-02", "Gazette")
    b = _dated("b", "Tobin Arlo was arrested in Velm on May 3 after a long search.", "May 3", "2031-05-03", "Post")
    assert len(_dates(a, b)) == 1


def test_the_same_words_a_day_told_from_another_or_a_stamp_are_no_date_dispute():
    # the same "Monday" in articles published weeks apart: two readings of one sentence
    a = _dated("a", "On Monday, Tobin Arlo was extradited to Velm to face a murder charge.", "Monday", "2031-05-05",
               "Gazette")
    b = _dated("b", "On Monday, Tobin Arlo was extradited to Velm to face a murder charge.", "Monday", "2031-05-26",
               "Post", days=21)
    assert _dates(a, b) == []
    # a day told from another day of the story ("two days later")
    c = _dated("c", "His daughter Ona died in a Velm hospital on Sunday after the shooting.", "Sunday", "2031-05-03",
               "Gazette")
    d = _dated("d", "His daughter Ona died in a Velm hospital two days later after the shooting.", "two days later",
               "2031-05-06", "Post")
    assert _dates(c, d) == []
    # a publication stamp left in the text
    e = _dated("e", "Velm market shooting leaves one dead Updated: Wednesday, May 7, 2031", "Wednesday, May 7, 2031",
               "2031-05-07", "Gazette")
    f = _dated("f", "Velm market shooting leaves one dead Updated: Thursday, May 8, 2031", "Thursday, May 8, 2031",
               "2031-05-08", "Post")
    assert _dates(e, f) == []


def test_an_age_years_later_is_no_dispute():
    from storylens.compare.statements import statements_of
    from storylens.compare.details import find_detail_conflicts

    def aged(aid, text, days):
        a = article(aid, text, outlet=aid, entities={"person:tobin arlo": ["Tobin Arlo"]})
        a.published = DAY + timedelta(days=days)
        return a

    arrest = aged("a", "Police arrested Tobin Arlo, 21, after the Velm shooting.", 0)
    hearing = aged("h", "A hearing is set for Tobin Arlo, 23, of Velm.", 610)  # 20 months later
    soon = aged("s", "Tobin Arlo, 23, was held without bail.", 180)

    def disputes(*arts):
        return find_detail_conflicts(list(arts), {a.id: statements_of(a) for a in arts}, lambda a, b: a.id == b.id)

    assert disputes(arrest, hearing) == []
    assert len(disputes(arrest, soon)) == 1  # two years older half a year later


def test_a_count_told_of_an_earlier_incident_is_not_compared():
    a = _shot("a", "Three people", 3, "Gazette", rest="were killed outside the Velm cinema on Saturday night.")
    text = ("It came three years after the July 19, 2028, cinema shooting in Velm that left 12 people killed "
            "outside the Velm cinema.")
    b = _count("b", text, "12 people", 12, "people", "Post")
    s = text.index("July 19, 2028")
    b.time_refs.append(TimeRef("July 19, 2028", s, s + 13, "2028-07-19", "day", "2031-05-04"))
    assert _figures(a, b, timeline=True) == []
    assert _figures(a, b)  # without the timeline it is compared


def test_a_quotation_given_to_several_people_is_no_attribution_dispute():
    from storylens.compare import compare_story
    from storylens.model import Article, Entity, Quote, Span

    words = "The right decision is to step aside before the Velm vote"

    def quoted(aid, speaker, key, outlet):
        text = f'"{words}," {speaker} said in a statement on Tuesday.'
        start = text.index(speaker)
        return Article(id=aid, source=f"{aid}.txt", text=text, paragraphs=[text], outlet=outlet,
                       entities=[Entity(key, speaker, "person", [], [Span(start, start + len(speaker))])],
                       quotes=[Quote(words, 1, 1 + len(words), "direct", speaker=speaker, speaker_entity=key)])

    one = quoted("a", "Ada Crane", "person:ada crane", "Velm Gazette")
    other = quoted("b", "Tobin Arlo", "person:tobin arlo", "Velm Post")
    several = quoted("c", "Tobin Arlo, Ona Brisk and Ada Crane", "person:tobin arlo", "Velm Radio")
    assert [c.kind for c in compare_story([one, other]).conflicts] == ["attribution"]
    assert [c for c in compare_story([one, several]).conflicts if c.kind == "attribution"] == []


def test_words_quoted_inside_a_quotation_are_not_its_speakers_own():
    from storylens.compare import compare_story
    from storylens.model import Article, Entity, Quote, Span

    words = "the ferry plan is dead and buried for good"
    told = f'Mayor Ada Crane said of the harbour board: "{words}."'
    start = told.index("Ada Crane")
    mayor = Article(id="a", source="a.txt", text=told, paragraphs=[told], outlet="Velm Gazette",
                    entities=[Entity("person:ada crane", "Ada Crane", "person", [], [Span(start, start + 9)])],
                    quotes=[Quote(words, told.index(words), told.index(words) + len(words), "direct",
                                  speaker="Ada Crane", speaker_entity="person:ada crane")])
    memo = (f"\"At the dinner, the mayor leaned over and said ' {words},'\" Tobin Arlo wrote in his notes of the "
            "evening.")
    outer = memo[1:memo.index(",'") + 2]
    start = memo.index("Tobin Arlo")
    # the extractor gave the inner words to the memo's writer, whose cue follows the quotation
    diary = Article(id="b", source="b.txt", text=memo, paragraphs=[memo], outlet="Velm Post",
                    entities=[Entity("person:tobin arlo", "Tobin Arlo", "person", [], [Span(start, start + 10)])],
                    quotes=[Quote(outer, 1, 1 + len(outer), "direct"),
                            Quote(words, memo.index(words), memo.index(words) + len(words), "partial",
                                  speaker="Tobin Arlo", speaker_entity="person:tobin arlo")])
    assert [c for c in compare_story([mayor, diary]).conflicts if c.kind == "attribution"] == []
    diary.quotes = diary.quotes[1:]  # the same words not inside a quotation: the writer's own
    assert [c.kind for c in compare_story([mayor, diary]).conflicts] == ["attribution"]


def test_a_toll_one_above_the_attackers_victims_may_count_the_attacker():
    a = _count("a", "A gunman killed 12 people at the Velm shipyard on Monday, police said.", "12 people", 12.0,
               "people", "Gazette")
    b = _count("b", "Thirteen people were killed after a gunman opened fire at the Velm shipyard on Monday, police "
                    "said.", "Thirteen people", 13.0, "people", "Post")
    assert _figures(a, b) == []
    c = _count("c", "Fifteen people were killed after a gunman opened fire at the Velm shipyard on Monday, police "
                    "said.", "Fifteen people", 15.0, "people", "Radio")
    assert _figures(a, c)


def test_the_day_something_was_told_is_not_the_day_it_happened():
    a = _dated("a", "Tobin Arlo was shot dead at a New Year's Eve party in Velm on Dec. 31, police said.",
               "Dec. 31", "2030-12-31", "Gazette")
    b = _dated("b", "The name of the man shot dead at a New Year's party in Velm, Tobin Arlo, was released Jan. 1.",
               "Jan. 1", "2031-01-01", "Post")
    assert _dates(a, b) == []
    c = _dated("c", "Police said Jan. 1 that Tobin Arlo was shot dead at a New Year's Eve party in Velm.",
               "Jan. 1", "2031-01-01", "Post")
    assert _dates(a, c) == []
    # the event's own day, even with a telling verb in the sentence
    d = _dated("d", "Police said the man was shot dead at a New Year's Eve party in Velm on Jan. 2.",
               "Jan. 2", "2031-01-02", "Post")
    assert len(_dates(a, d)) == 1


def _timed(aid, text, phrase, value, outlet, days=0.0):
    return _dated(aid, text, phrase, value, outlet, days, granularity="time")


def test_a_time_of_day_naming_the_events_day_is_compared_as_its_day():
    a = _timed("a", "Ona Brisk, 11, died after she was shot in Velm Friday evening.", "Friday evening",
               "2031-05-02TEV", "Gazette")
    b = _timed("b", "Ona Brisk, 11, was killed on Saturday night during a shooting in Velm.", "Saturday night",
               "2031-05-03TNI", "Post")
    (conflict,) = _dates(a, b)
    assert sorted(s.claim for s in conflict.sides) == ["Friday", "Saturday"]


def test_a_time_of_day_without_its_day_or_told_of_something_else_is_no_date_dispute():
    # no day named: the day is our reading of each article's publication day
    a = _timed("a", "Ona Brisk, 11, was shot in Velm about 8:18 p.m. near the market.", "about 8:18 p.m.",
               "2031-05-03T20:18", "Gazette")
    b = _timed("b", "Ona Brisk, 11, was shot in Velm about 8:20 p.m. near the market.", "about 8:20 p.m.",
               "2031-05-04T20:20", "Post", days=1)
    assert _dates(a, b) == []
    # the night of a meeting, not of the shooting
    c = _timed("c", "Velm leaders will meet at the market Monday night over the shooting that wounded 16 people.",
               "Monday night", "2031-05-05TNI", "Gazette")
    d = _timed("d", "A shooting wounded 16 people at the Velm market on Sunday night.", "Sunday night",
               "2031-05-04TNI", "Post")
    assert _dates(c, d) == []
    # one day in other words, whatever year each article's reading gave it
    e = _timed("e", "Ona Brisk, 11, was shot at 2:30 a.m. Saturday, May 3, outside the Velm market.",
               "2:30 a.m. Saturday, May 3", "2031-05-03T02:30", "Gazette")
    f = _timed("f", "Ona Brisk, 11, was shot around 2:30 a.m. on Saturday, May 3 outside the Velm market.",
               "around 2:30 a.m. on Saturday, May 3", "2032-05-03T02:30", "Post", days=400)
    assert _dates(e, f) == []
