"""Timeline merging on fictional articles with hand-made time references."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from storylens.compare.timeline import build_timeline, resolve_value
from storylens.model import Article, TimeRef


def _article(aid, text, refs, published=None):
    trs = []
    for sub, value, gran in refs:
        start = text.index(sub)
        trs.append(TimeRef(sub, start, start + len(sub), value, gran))
    return Article(id=aid, source=f"{aid}.txt", text=text, paragraphs=[text], time_refs=trs, published=published)


DATED = _article(
    "dated",
    "The ferry strike began on Saturday in Port Vell. Talks resume today. The dispute started in March. "
    "Unions have met every week for years.",
    [("Saturday", "2031-05-03", "day"), ("today", "2031-05-09", "day"), ("March", "2031-03", "month"),
     ("every week", "P1W", "set"), ("for years", "PXY", "duration")],
    published=datetime(2031, 5, 9, 10, tzinfo=timezone.utc))
UNDATED = _article(
    "undated",
    "Since the 3 May strike in Port Vell, the ferries have not sailed. Crews met on Wednesday. Nothing moves now.",
    [("3 May", "XXXX-05-03", "day"), ("Wednesday", "XXXX-WXX-3", "day"), ("now", "PRESENT_REF", "ref")])


def _check(events, articles):
    by_id = {a.id: a for a in articles}
    for ev in events:
        for m in ev.mentions:
            text = by_id[m.ref.article_id].text
            assert text[m.ref.start:m.ref.end] == m.ref.text
            assert text[m.sentence.start:m.sentence.end] == m.sentence.text
            assert m.sentence.start <= m.ref.start and m.ref.end <= m.sentence.end


def test_same_day_from_two_articles_is_one_event_and_year_inferred_from_story():
    events = build_timeline([DATED, UNDATED])
    _check(events, [DATED, UNDATED])
    (strike,) = [e for e in events if e.date == "2031-05-03"]
    assert strike.articles == ["dated", "undated"]
    assert strike.inferred_anchor
    assert {m.ref.article_id: m.inferred_anchor for m in strike.mentions} == {"dated": False, "undated": True}
    assert "strike" in strike.description.text


def test_an_event_is_described_by_a_sentence_that_tells_of_no_other_date():
    published = datetime(2031, 5, 20, 9, tzinfo=timezone.utc)
    a = _article("a", "Since the ferry strike of 9 May, the port has lost the fares it took in April, when "
                      "the ferry carried record numbers of passengers and freight to the islands.",
                 [("9 May", "2031-05-09", "day"), ("April", "2031-04", "month")], published)
    b = _article("b", "The ferry carried record numbers in April.", [("April", "2031-04", "month")], published)
    april = next(e for e in build_timeline([a, b]) if e.date == "2031-04")
    # the longer sentence shares more words, but it is about the strike of 9 May
    assert april.description.text == "The ferry carried record numbers in April."


def test_weekday_without_publication_date_and_non_dates_left_out():
    events = build_timeline([DATED, UNDATED])
    assert [e.date for e in events] == ["2031-03", "2031-05-03", "2031-05-09"]
    assert not any(m.ref.text in ("Wednesday", "now", "every week", "for years") for e in events for m in e.mentions)


def test_a_date_alone_on_its_line_is_no_event():
    # a year in review, by month: the headings tell of nothing; the sentences under them do
    text = "March\n\nThe ferry crews struck on 3 March in Port Vell.\n\nApril\n\nNothing else was reported."
    review = _article("review", text, [("March", "2031-03", "month"), ("3 March", "2031-03-03", "day"),
                                       ("April", "2031-04", "month")],
                      published=datetime(2031, 5, 9, 10, tzinfo=timezone.utc))
    events = build_timeline([review])
    _check(events, [review])
    assert [(e.date, e.description.text) for e in events] == [
        ("2031-03-03", "The ferry crews struck on 3 March in Port Vell.")]


def test_explicit_anchor_and_no_anchor():
    assert build_timeline([UNDATED]) == []  # nothing can be dated
    events = build_timeline([UNDATED], stories_anchor=date(2031, 1, 2))
    assert [e.date for e in events] == ["2031-05-03"]


def test_resolve_value():
    assert resolve_value("2031-05-03TNI", None) == ("2031-05-03", "day", False)
    assert resolve_value("XXXX-12-30", date(2031, 1, 2)) == ("2030-12-30", "day", True)
    assert resolve_value("XXXX-11", date(2031, 1, 2)) == ("2030-11", "month", True)
    assert resolve_value("XXXX-WXX-3", date(2031, 1, 2)) is None
    assert resolve_value("P3D", date(2031, 1, 2)) is None


def test_to_dict_layout():
    d = build_timeline([DATED])[0].to_dict()
    assert set(d) == {"id", "date", "granularity", "description", "articles", "inferred_anchor", "background", "mentions"}
    assert set(d["mentions"][0]) == {"article_id", "ref", "sentence", "value", "inferred_anchor"}


def _dated(text: str, ref: str, value: str, published: datetime, granularity: str = "day") -> str:
    from storylens.compare.timeline import build_timeline
    from storylens.model import Article, TimeRef

    start = text.index(ref)
    a = Article(id="a", source="a.txt", text=text, paragraphs=[text], outlet="Vell Daily", published=published,
                time_refs=[TimeRef(ref, start, start + len(ref), value, granularity)])
    (event,) = build_timeline([a])
    return event.date


@pytest.mark.parametrize("text, ref, extracted, dated", [
    ("Ona Brisk is expected to be arraigned Wednesday in Velm.", "Wednesday", "2031-05-28", "2031-06-04"),
    ("Schools will stay closed on Monday, the mayor said.", "Monday", "2031-06-02", "2031-06-09"),
    # the day of writing itself when it is that weekday (a week ahead is "next Tuesday")
    ("Autopsies on the Velm ferrymen are scheduled to be done Tuesday.", "Tuesday", "2031-05-27", "2031-06-03"),
    # a modal verb has no time of its own; "as early as" and "as soon as" put the day ahead
    ("Ona Brisk could face a Velm magistrate as early as Sunday.", "Sunday", "2031-06-01", "2031-06-08"),
    ("The Velm ferry may sail again as soon as Friday.", "Friday", "2031-05-30", "2031-06-06"),
    ("Gulls could be heard Sunday across the Velm harbour.", "Sunday", "2031-06-01", "2031-06-01"),
    # a forecast tells of the days ahead; the day right after its verb is when it was made
    ("The weather office forecast heavy rain over the Velm hills by Friday.", "Friday", "2031-05-30", "2031-06-06"),
    ("The weather office predicted on Sunday that the rain would ease.", "Sunday", "2031-06-01", "2031-06-01"),
    ("Showers in the forecast made Sunday a quiet day at the Velm pier.", "Sunday", "2031-06-01", "2031-06-01"),
    # a weekday with its date is that date
    ("An autopsy will be performed on Monday, June 16, 2031.", "Monday, June 16, 2031", "2031-06-16", "2031-06-16"),
    # Past, or a future word in another clause or in a quotation: as extracted.
    ("The pier was closed on Monday.", "Monday", "2031-06-02", "2031-06-02"),
    ('"It will not happen again," the mayor said Monday.', "Monday", "2031-06-02", "2031-06-02"),
    ("Their families will be there, as will the boys who were hurt Monday.", "Monday", "2031-06-02", "2031-06-02"),
])
def test_a_weekday_in_a_clause_about_the_future_is_the_next_one(text: str, ref: str, extracted: str,
                                                                 dated: str) -> None:
    tuesday = datetime(2031, 6, 3, 9, tzinfo=timezone.utc)  # a Tuesday
    assert _dated(text, ref, extracted, tuesday) == dated


def test_a_date_without_its_year_after_publication_is_last_years():
    may = datetime(2031, 5, 15, tzinfo=timezone.utc)
    assert _dated("The ferry sank on Sept. 11 off Velm.", "Sept. 11", "2031-09-11", may) == "2030-09-11"
    assert _dated("The ferry sank in August off Velm.", "August", "2031-08", may, "month") == "2030-08"
    assert _dated("The inquiry will report on Sept. 11.", "Sept. 11", "2031-09-11", may) == "2031-09-11"
    assert _dated("The ferry sank on Sept. 11, 2031.", "Sept. 11, 2031", "2031-09-11", may) == "2031-09-11"
    assert _dated("A duty cut takes effect on Sept. 11.", "Sept. 11", "2031-09-11", may) == "2031-09-11"
    # the day a change someone announced applies from: ahead, whatever the announcing verb's tense
    assert _dated("The Velm ferry company raised its fares on Saturday, effective from Sept. 11.", "Sept. 11",
                  "2031-09-11", may) == "2031-09-11"
    assert _dated("The port said the ban applies with effect from Sept. 11.", "Sept. 11", "2031-09-11",
                  may) == "2031-09-11"
    assert _dated("Ona Brisk said she would not run in the vote slated for Sept. 11.", "Sept. 11", "2031-09-11",
                  may) == "2031-09-11"
    assert _dated("The board's ruling, expected by August, is the Velm port's worry.", "August", "2031-08", may,
                  "month") == "2031-08"
    assert _dated("Two councillors are likely to face off in a primary in August.", "August", "2031-08", may,
                  "month") == "2031-08"
    # "Mr." ends no sentence: the cue before it counts
    assert _dated("The judge, Ada L. Crane, is scheduled to sentence Mr. Vance on Sept. 11.", "Sept. 11",
                  "2031-09-11", may) == "2031-09-11"
    # a future word quoted is the speaker's, not the date's
    assert _dated('Ms. Marrow said in a Sept. 11 email that the plan "would never work, so why would we try?"',
                  "Sept. 11", "2031-09-11", may) == "2030-09-11"


def test_events_well_before_the_storys_own_time_are_background():
    first = _article(
        "first",
        "The Orla dam burst on Monday. It was built in 1987. A smaller leak in April was patched. "
        "Engineers warned on 20 May that the wall was cracking.",
        [("Monday", "2031-06-02", "day"), ("1987", "1987", "year"), ("April", "2031-04", "month"),
         ("20 May", "2031-05-20", "day")],
        published=datetime(2031, 6, 3, 8, tzinfo=timezone.utc))
    second = _article(
        "second",
        "Water from the Orla dam flooded two villages on Monday.",
        [("Monday", "2031-06-02", "day")],
        published=datetime(2031, 6, 4, 8, tzinfo=timezone.utc))
    events = {e.date: e for e in build_timeline([first, second])}
    # the story's own time starts on 2 June, the day both articles date the burst to
    assert {d: e.background for d, e in events.items()} == {
        "1987": True, "2031-04": True, "2031-05-20": False, "2031-06-02": False}
    assert events["1987"].to_dict()["background"] is True


def test_a_single_article_story_starts_at_its_publication():
    lone = _article("lone", "Ferries stopped on Friday. The line opened in 2009.",
                    [("Friday", "2031-05-30", "day"), ("2009", "2009", "year")],
                    published=datetime(2031, 6, 1, 8, tzinfo=timezone.utc))
    assert [(e.date, e.background) for e in build_timeline([lone])] == [("2009", True), ("2031-05-30", False)]


def _ferry_story(later_text, later_refs, published=datetime(2031, 6, 10, 8, tzinfo=timezone.utc)):
    """Two articles: the ferry sank on Tuesday 3 June, its captain was arrested on Thursday
    5 June; a later article names one of them by a week or a month only."""
    first = _article(
        "first",
        "The Velm ferry sank on Tuesday off Orla harbour. Police arrested captain Ida Morrow on Thursday "
        "at the Corvale ferry terminal.",
        [("Tuesday", "2031-06-03", "day"), ("Thursday", "2031-06-05", "day")],
        published=datetime(2031, 6, 6, 8, tzinfo=timezone.utc))
    second = _article(
        "second", "Divers searched Orla harbour after the Velm ferry sank on Tuesday.",
        [("Tuesday", "2031-06-03", "day")], published=datetime(2031, 6, 4, 8, tzinfo=timezone.utc))
    later = _article("later", later_text, later_refs, published=published)
    return {e.date: e for e in build_timeline([first, second, later])}


def _dates_of(events, phrase):
    return [d for d, e in events.items() for m in e.mentions if m.ref.text == phrase]


def test_a_week_takes_the_day_of_the_event_it_tells_of():
    # 10 June is a Tuesday: "last week" is 2-8 June
    events = _ferry_story("Captain Ida Morrow was arrested last week at the Corvale ferry terminal.",
                          [("last week", "2031-W23", "week")])
    assert _dates_of(events, "last week") == ["2031-06-05"]


def test_a_week_whose_words_tell_of_no_one_day_is_left_out():
    events = _ferry_story("The Velm ferry company changed its timetable last week.",
                          [("last week", "2031-W23", "week")])
    assert _dates_of(events, "last week") == []
    # a week ahead is never an event told of
    ahead = _ferry_story("Captain Ida Morrow will be at the Corvale ferry terminal next week.",
                         [("next week", "2031-W25", "week")])
    assert _dates_of(ahead, "next week") == []


def test_a_month_takes_the_day_of_the_event_it_tells_of_or_stays_a_month():
    arrest = _ferry_story("Captain Ida Morrow, arrested in June at the Corvale ferry terminal, was freed.",
                          [("June", "2031-06", "month")], published=datetime(2031, 8, 1, 8, tzinfo=timezone.utc))
    assert _dates_of(arrest, "June") == ["2031-06-05"]
    # words the story's days share ("Velm ferry") do not tell which day
    topic = _ferry_story("The Velm ferry was old, a report said in June.", [("June", "2031-06", "month")],
                         published=datetime(2031, 8, 1, 8, tzinfo=timezone.utc))
    assert _dates_of(topic, "June") == ["2031-06"]


def test_a_month_ahead_takes_the_day_the_story_gives_its_event():
    # a May article: the vote "in June" is the vote another article dates 24 June
    may = datetime(2031, 5, 20, 8, tzinfo=timezone.utc)
    dated = _article("dated", "The Velm council set its ferry vote for June 24, the clerk said.",
                     [("June 24", "2031-06-24", "day")], published=may)
    vague = _article("vague", "Captain Ida Morrow will speak before the ferry vote in June, the council said.",
                     [("June", "2031-06", "month")], published=may)
    other = _article("other", "Captain Ida Morrow will sail to Orla in June.", [("June", "2031-06", "month")],
                     published=may)
    events = {e.date: e for e in build_timeline([dated, vague, other])}
    assert _dates_of(events, "June") == ["2031-06", "2031-06-24"]
    assert [m.ref.article_id for m in events["2031-06-24"].mentions] == ["dated", "vague"]


def test_a_spring_summer_or_autumn_is_an_event_of_its_year_and_a_winter_is_left_out():
    lone = _article("lone", "The Orla pier was repaired last summer. It froze in the winter of 2030.",
                    [("last summer", "2030-SU", "season"), ("the winter of 2030", "2030-WI", "season")],
                    published=datetime(2031, 6, 1, 8, tzinfo=timezone.utc))
    events = build_timeline([lone])
    assert [(e.date, e.granularity, [m.ref.text for m in e.mentions]) for e in events] == [
        ("2030", "year", ["last summer"])]


def test_an_earlier_incident_two_reports_recall_stays_background():
    first = _article("first", "Four people were shot on Friday near the Orla dam. A boy was killed there on Nov. 1.",
                     [("Friday", "2031-12-12", "day"), ("Nov. 1", "2031-11-01", "day")],
                     published=datetime(2031, 12, 13, 8, tzinfo=timezone.utc))
    second = _article("second", "The Friday shooting was close to where a boy was killed last month.",
                      [("Friday", "2031-12-12", "day"), ("last month", "2031-11-01", "day")],
                      published=datetime(2031, 12, 13, 9, tzinfo=timezone.utc))
    events = {e.date: e for e in build_timeline([first, second])}
    assert {d: e.background for d, e in events.items()} == {"2031-11-01": True, "2031-12-12": False}


def test_a_weekday_five_or_six_days_before_the_page_and_the_story_is_the_coming_one():
    wednesday = datetime(2031, 6, 4, tzinfo=timezone.utc)  # the day the ferry sank: both pages are dated then
    first = _article(
        "first",
        "The Velm ferry sank early Wednesday. Captain Ida Morrow was taken into custody Friday. "
        "Two survivors were in stable condition Thursday morning. The pier had closed on Monday. "
        "Last Friday, a storm hit Orla.",
        [("early Wednesday", "2031-06-04", "day"), ("Friday", "2031-05-30", "day"),
         ("Thursday morning", "2031-05-29TMO", "time"), ("Monday", "2031-06-02", "day"),
         ("Last Friday", "2031-05-30", "day")],
        published=wednesday)
    second = _article("second", "Divers searched Orla harbour after the Velm ferry sank on Wednesday.",
                      [("Wednesday", "2031-06-04", "day")], published=wednesday)
    later = _article("later", "The Velm ferry that sank Wednesday was raised.", [("Wednesday", "2031-06-04", "day")],
                     published=datetime(2031, 6, 9, tzinfo=timezone.utc))
    events = {e.date: e for e in build_timeline([first, second, later])}
    _check(list(events.values()), [first, second, later])
    # the page was updated after the day it is dated: the days after the sinking
    assert _dates_of(events, "Friday") == ["2031-06-06"]
    assert _dates_of(events, "Thursday morning") == ["2031-06-05"]
    # two days back, a "last", a day the story's own time has reached: as read
    assert _dates_of(events, "Monday") == ["2031-06-02"]
    assert _dates_of(events, "Last Friday") == ["2031-05-30"]
    assert sorted(m.ref.article_id for m in events["2031-06-04"].mentions) == ["first", "later", "second"]
