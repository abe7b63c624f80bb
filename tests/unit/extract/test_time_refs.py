"""Time references on sentences written for these tests (fictional people and places).

Anchor: an article published on Friday 13 March 2026 at 09:30 in UTC+01:00.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from storylens.extract.nlp import load_nlp
from storylens.extract.time_refs import extract_time_refs
from storylens.model import TimeRef

ANCHOR = datetime(2026, 3, 13, 9, 30, tzinfo=timezone(timedelta(hours=1)))


def refs(sentence: str, anchor: datetime | None = ANCHOR) -> list[TimeRef]:
    return extract_time_refs(load_nlp()(sentence), anchor)


def one(sentence: str, phrase: str, anchor: datetime | None = ANCHOR) -> TimeRef:
    found = [r for r in refs(sentence, anchor) if phrase in r.text or r.text in phrase]
    assert found, f"no time reference for {phrase!r} in {sentence!r}: {refs(sentence, anchor)}"
    return found[0]


@pytest.mark.parametrize(
    ("sentence", "phrase", "value", "granularity"),
    [
        ("Inspectors raided the Harlow depot on Saturday.", "Saturday", "2026-03-07", "day"),
        ("Mayor Ilse Varga resigned on Friday.", "Friday", "2026-03-13", "day"),
        ("The Dunmore council will vote next Tuesday.", "next Tuesday", "2026-03-17", "day"),
        ("The ferry union will strike on Monday.", "Monday", "2026-03-16", "day"),
        ("Rescuers reached the village last Wednesday.", "last Wednesday", "2026-03-11", "day"),
        ("Critics of Mayor Varga attacked the 7 March vote.", "7 March", "2026-03-07", "day"),
        ("Ticket prices have risen since September.", "September", "2025-09", "month"),
        ("The Orla tunnel will open in October.", "October", "2026-10", "month"),
        ("Officials met in Corvale in October 2019.", "October 2019", "2019-10", "month"),
        ("The talks in Corvale collapsed last week.", "last week", "2026-W10", "week"),
        ("Minister Tomas Rell is in Corvale this week.", "this week", "2026-W11", "week"),
        ("The Brinmoor plant will reopen in the third quarter.", "third quarter", "2026-Q3", "quarter"),
        ("The strike at the Brinmoor plant lasted three days.", "three days", "P3D", "duration"),
        ("Brinmoor signed a two-year contract with the union.", "two-year", "P2Y", "duration"),
        ("The Harlow committee meets every week.", "every week", "P1W", "set"),
        ("The Harlow bulletin is printed daily.", "daily", "P1D", "set"),
        ("The bridge at Dunmore is now closed.", "now", "PRESENT_REF", "ref"),
        ("The bridge at Dunmore was recently repainted.", "recently", "PAST_REF", "ref"),
        ("Tolls may rise in the future.", "the future", "FUTURE_REF", "ref"),
        ("The Corvale ferry sank yesterday.", "yesterday", "2026-03-12", "day"),
        ("The Corvale ferry resumes service today.", "today", "2026-03-13", "day"),
        ("Mayor Varga will speak tonight.", "tonight", "2026-03-13TNI", "time"),
        ("The Dunmore fair was cancelled last summer.", "last summer", "2025-SU", "season"),
        ("The fire started at 6 a.m. on Thursday.", "6 a.m.", "2026-03-12T06:00", "time"),
        ("The village of Orla was founded in 1962.", "1962", "1962", "year"),
        ("The memo was dated January 9, 2026.", "January 9, 2026", "2026-01-09", "day"),
        ("The memo was dated 2026-01-09.", "2026-01-09", "2026-01-09", "day"),
        ("The memo was dated 9 Jan.", "9 Jan", "2026-01-09", "day"),
        ("The Orla mine closed three years ago.", "three years ago", "2023", "year"),
        ("Orla grew quickly in the 1990s.", "1990s", "199", "decade"),
        ("Harlow Rail carried more passengers last year.", "last year", "2025", "year"),
        ("Harlow Rail expects more passengers next month.", "next month", "2026-04", "month"),
        ("Gunmen attacked the Orla depot early on Friday.", "Friday", "2026-03-13", "day"),
        ("The Orla talks collapsed over the weekend.", "the weekend", "2026-W10-WE", "week"),
        ("The Orla talks will resume over the weekend.", "the weekend", "2026-W11-WE", "week"),
        ("Ilse Varga formerly ran the Harlow depot.", "formerly", "PAST_REF", "ref"),
        ("Harlow Rail has raised fares in the past.", "the past", "PAST_REF", "ref"),
        ("The Harlow depot will reopen soon.", "soon", "FUTURE_REF", "ref"),
        ("The Orla mine opened in 2019.", "2019", "2019", "year"),
        ("Rebuilding the pier took nearly two years.", "nearly two years", "P2Y", "duration"),
    ],
)
def test_value_and_granularity(sentence: str, phrase: str, value: str, granularity: str) -> None:
    ref = one(sentence, phrase)
    assert (ref.value, ref.granularity) == (value, granularity)
    assert ref.anchor == "2026-03-13"


def test_offsets_index_the_text_exactly() -> None:
    text = "On Saturday, Inspector Noor Lind said the 7 March raid lasted three days.\n\nShe left last week."
    found = extract_time_refs(load_nlp()(text), ANCHOR)
    assert [r.text for r in found] == ["Saturday", "7 March", "three days", "last week"]
    for ref in found:
        assert text[ref.start:ref.end] == ref.text


def test_without_anchor_the_year_stays_open() -> None:
    ref = one("Critics of Mayor Varga attacked the 7 March vote.", "7 March", anchor=None)
    assert ref.value == "XXXX-03-07"
    assert ref.anchor is None
    weekday = one("Inspectors raided the Harlow depot on Saturday.", "Saturday", anchor=None)
    assert (weekday.value, weekday.anchor) == ("XXXX-WXX-6", None)
    week = one("The talks in Corvale collapsed last week.", "last week", anchor=None)
    assert (week.value, week.anchor) == ("XXXX-WXX", None)
    full = one("The memo was dated January 9, 2026.", "January 9, 2026", anchor=None)
    assert (full.value, full.anchor) == ("2026-01-09", None)


def test_anchor_is_read_in_the_articles_own_time_zone() -> None:
    # 00:30 on Saturday in UTC+02:00 is still Friday in UTC: the article's own date wins.
    late = datetime(2026, 3, 14, 0, 30, tzinfo=timezone(timedelta(hours=2)))
    ref = one("The Corvale ferry sank yesterday.", "yesterday", anchor=late)
    assert ref.value == "2026-03-13"
    assert ref.anchor == "2026-03-14"


def test_tense_decides_between_last_and_next_month_of_that_name() -> None:
    assert one("The Orla festival took place in May.", "May").value == "2025-05"
    assert one("The Orla festival will take place in May.", "May").value == "2026-05"


def test_a_schedule_participle_before_a_date_is_no_past_tense() -> None:
    # "slated for", "expected by" modify a noun: the nearest such date, not the last one
    assert one("The mayor said the pick should not run in the election slated for June 25.",
               "June 25").value == "2026-06-25"
    assert one("The court's ruling, expected by June, will matter to every Orla shop.", "June").value == "2026-06"
    # a plain participle keeps its past tense
    assert one("The Orla ferry seized on June 25 was sold.", "June 25").value == "2025-06-25"


def test_is_to_with_a_verb_is_the_future() -> None:
    # the anchor is Friday 13 March 2026
    assert one("Testimony in the Orla case is to continue Tuesday.", "Tuesday").value == "2026-03-17"
    assert one("The Vell council is to vote on the plan in February.", "February").value == "2027-02"
    # a plan told in the past, or "to blame", is no future
    assert one("The mayor was to announce his bid on Tuesday.", "Tuesday").value == "2026-03-10"
    assert one("The driver is to blame for the crash on Tuesday.", "Tuesday").value == "2026-03-10"


def test_set_is_a_schedule_only_where_it_sets_a_date() -> None:
    # the anchor is Friday 13 March 2026: a photo caption in the present tense tells the
    # past, as any present tense does; "set for", "set to" the future
    assert one("The sun sets over Harlow Square Tuesday night, as neighbours gather at the depot.",
               "Tuesday night").value.startswith("2026-03-10")
    assert one("Jury selection in the Orla case is set for Tuesday.", "Tuesday").value == "2026-03-17"
    assert one("The Orla trial is set to begin on Tuesday.", "Tuesday").value == "2026-03-17"


def test_a_holidays_thing_is_no_date_and_its_event_is() -> None:
    assert refs("Thieves took the Christmas lights, the Christmas tree and the Valentine's Day gifts.") == []
    assert [r.text for r in refs("The Mother's Day parade in Orla drew a crowd on Christmas Day.")] == [
        "Mother's Day", "Christmas Day"]


def test_ordinary_words_are_not_dates() -> None:
    text = "Jan Kavel may march with a 6-year-old girl and pay $5 a year; sales fell by three-quarters."
    assert refs(text) == []


def test_a_weekday_with_a_day_of_the_month_picks_the_year_where_they_agree() -> None:
    # 14 September is a Monday in 2026 only; in 2025 it was a Sunday, in 2027 a Tuesday.
    ref = one("The Harlow inquiry began at 4:20 p.m. on Monday, Sept. 14, behind closed doors.", "Sept. 14")
    assert (ref.text, ref.value) == ("4:20 p.m. on Monday, Sept. 14", "2026-09-14T16:20")
    assert one("The ferry sank on Sunday, Sept. 14.", "Sept. 14").value == "2025-09-14"


def test_a_bare_time_of_day_keeps_the_day_the_narrative_is_on() -> None:
    found = refs("The Orla council met on Jan. 5, 2026. At 6:20 p.m., the mayor of Orla left the hall. "
                 "At 7 p.m., her deputy read the Jan. 2 letter. At 9 p.m., the vote was held.")
    assert [(r.text, r.value) for r in found if "p.m." in r.text] == [
        ("6:20 p.m.", "2026-01-05T18:20"), ("7 p.m.", "2026-01-05T19:00"), ("9 p.m.", "2026-01-05T21:00")]


def test_a_bare_time_of_day_with_no_date_before_it_is_on_the_articles_day() -> None:
    assert one("At 8 a.m., ferries left the Dunmore quay.", "8 a.m.").value == "2026-03-13T08:00"


def test_an_earlier_day_in_the_past_perfect_does_not_move_the_narrative() -> None:
    found = refs("The Orla talks began at 4:20 p.m. on Tuesday, March 10, when the mayor called the port. "
                 "At 6:41 p.m., an aide suggested saying that on March 2 the council had warned the port. "
                 "At 7:16 p.m., the mayor objected.")
    assert [(r.text, r.value) for r in found] == [
        ("4:20 p.m. on Tuesday, March 10", "2026-03-10T16:20"), ("6:41 p.m.", "2026-03-10T18:41"),
        ("March 2", "2026-03-02"), ("7:16 p.m.", "2026-03-10T19:16")]


def test_an_earlier_day_in_the_narrative_itself_moves_it() -> None:
    found = refs("The Orla talks began on Tuesday, March 10. On March 2, the council warned the port. "
                 "At 7:16 p.m., the mayor objected.")
    assert found[-1].value == "2026-03-02T19:16"
    # also when someone says so: "said" does not make it an aside
    found = refs("The Orla talks began on Tuesday, March 10. Police say the gunfire, which broke out around "
                 "10:50 p.m. on Sunday, March 8, was revenge for a shooting that happened earlier that morning.")
    assert [(r.text, r.value) for r in found][-1] == ("earlier that morning", "2026-03-08")


def test_minutes_and_hours_later_count_from_the_last_clock_time() -> None:
    found = refs("At 7:16 p.m. on Tuesday, March 10, the mayor of Orla objected. Twenty minutes later, "
                 "she sent a second note. Two hours later, her aide replied.")
    assert [(r.text, r.value) for r in found] == [
        ("7:16 p.m. on Tuesday, March 10", "2026-03-10T19:16"), ("Twenty minutes later", "2026-03-10T19:36"),
        ("Two hours later", "2026-03-10T21:36")]


def test_minutes_later_without_a_clock_time_before_it_is_left_out() -> None:
    assert refs("Twenty minutes later, the Orla ferry sank.") == []


@pytest.mark.parametrize(
    ("sentence", "phrase", "value"),
    [
        # the anchor is a Friday: "this Friday" is next week's, "this Monday" this week's
        ("Brenna Hollis organized a vigil in Orla for this Friday.", "this Friday", "2026-03-20"),
        ("Brenna Hollis spoke in Orla this Monday.", "this Monday", "2026-03-09"),
        ("The Orla vigil will be held this Monday.", "this Monday", "2026-03-16"),
    ],
)
def test_this_weekday(sentence: str, phrase: str, value: str) -> None:
    assert one(sentence, phrase).value == value


@pytest.mark.parametrize(
    ("sentence", "phrase", "value"),
    [
        # the anchor is a Friday: a future Friday is that day (news names the day of
        # writing by its name), a week ahead only with "next"; other days as before
        ("Autopsies on the two Orla ferrymen will be done Friday.", "Friday", "2026-03-13"),
        ("Brenna Hollis is scheduled to appear in the Orla court Friday morning.", "Friday morning",
         "2026-03-13TMO"),
        ("Brenna Hollis will appear in the Orla court next Friday.", "next Friday", "2026-03-20"),
        ("Brenna Hollis will appear in the Orla court Monday.", "Monday", "2026-03-16"),
        ("Brenna Hollis appeared in the Orla court Friday.", "Friday", "2026-03-13"),
    ],
)
def test_a_future_weekday_that_is_the_day_of_writing_is_that_day(sentence: str, phrase: str, value: str) -> None:
    assert one(sentence, phrase).value == value


@pytest.mark.parametrize(
    ("sentence", "phrase", "value"),
    [
        # the date a past verb of scheduling set is the nearest one, not the last (the
        # anchor is 13 March 2026)
        ("Judge Orla Venn set a continued hearing for 9:30 a.m. April 2 in her courtroom.", "9:30 a.m. April 2",
         "2026-04-02T09:30"),
        ("The Harlow ferry trial was postponed until March 30.", "March 30", "2026-03-30"),
        ("The Harlow ferry trial was rescheduled for April 20.", "April 20", "2026-04-20"),
        # a passive plan: "is scheduled to be arraigned" is ahead, "was expected to be" the nearest
        ("Captain Ona Brisk is scheduled to be arraigned June 12 in Harlow.", "June 12", "2026-06-12"),
        ("Captain Ona Brisk was expected to be arraigned March 30 in Harlow.", "March 30", "2026-03-30"),
        # a past verb that is no scheduling: the last one
        ("The Harlow ferry trial began on March 30.", "March 30", "2025-03-30"),
        ("Captain Ona Brisk was arraigned on March 30.", "March 30", "2025-03-30"),
    ],
)
def test_a_date_set_by_a_past_verb_of_scheduling_is_the_nearest(sentence: str, phrase: str, value: str) -> None:
    assert one(sentence, phrase).value == value


def test_a_past_progressive_weekday_may_be_the_next_day() -> None:
    sunday = datetime(2026, 3, 15, 9, 0, tzinfo=timezone.utc)
    meeting = "The Orla principal was having a staff meeting Monday morning to discuss the fire."
    assert one(meeting, "Monday morning", anchor=sunday).value == "2026-03-16TMO"
    assert one("The Orla principal held a staff meeting Monday.", "Monday", anchor=sunday).value == "2026-03-09"
    assert one("Divers were searching the Orla lake Friday.", "Friday", anchor=sunday).value == "2026-03-13"


@pytest.mark.parametrize(
    ("sentence", "phrase", "value"),
    [
        ("The Cinco de Mayo Day parade in Orla drew a crowd.", "Cinco de Mayo Day", "2026-05-05"),
        ("Harlow pubs were full on St. Patrick’s Day.", "St. Patrick’s Day", "2025-03-17"),
        ("Orla celebrated the Fourth of July with fireworks.", "Fourth of July", "2025-07-04"),
        ("Florists in Harlow expect crowds before Mother's Day.", "Mother's Day", "2026-05-10"),
    ],
)
def test_holidays(sentence: str, phrase: str, value: str) -> None:
    assert one(sentence, phrase).value == value


@pytest.mark.parametrize(
    ("sentence", "phrase", "value"),
    [
        ("The Orla mayor resigned on March 2. Later that day, her deputy left.", "Later that day", "2026-03-02"),
        ("The Orla mayor resigned on March 2. That evening, her deputy left.", "That evening", "2026-03-02"),
        ("The Orla mayor resigned on March 2. The next day, her deputy left.", "The next day", "2026-03-03"),
        ("The Orla mayor resigned on March 2. Her deputy had left the day before.", "the day before", "2026-03-01"),
        ("The Orla mayor resigned on March 2. The following morning, the council met.", "The following morning",
         "2026-03-03"),
    ],
)
def test_a_day_told_of_from_the_narratives_day(sentence: str, phrase: str, value: str) -> None:
    assert one(sentence, phrase).value == value


@pytest.mark.parametrize(
    "sentence",
    [
        "Later that day, the deputy mayor of Orla left.",  # no day named before
        "The Orla mayor resigned on March 2. Traders who sold that day lost money.",  # a bare "that day"
        "The Orla mayor resigned on March 2, the day before the council met.",  # before an event, not a day
        "The Orla mayor resigned on March 2. She will spend the next day packing.",  # a time spent
        "The Orla mayor resigned on March 2. Her deputy may leave the next day or two.",
    ],
)
def test_a_day_told_of_from_no_named_day_is_left_out(sentence: str) -> None:
    assert all("day" not in r.text for r in refs(sentence))


def test_a_couple_of_years_and_a_clock_time_after_before() -> None:
    assert one("Nora Vell left the Orla school a couple years ago.", "a couple years ago").value == "2024"
    found = refs("The Orla shots rang out a few minutes before 11:30 p.m. ET on Thursday.")
    assert [(r.text, r.value) for r in found] == [("a few minutes", "PTXM"),
                                                  ("11:30 p.m. ET on Thursday", "2026-03-12T23:30")]


def test_a_weekday_naming_a_kind_of_thing_is_not_a_day() -> None:
    assert refs("Nora Vell appeared on Sunday morning news programs in Orla.") == []
    assert one("The Friday explosions in Orla killed two.", "Friday").value == "2026-03-13"


def test_days_or_months_later_count_from_the_time_just_told_not_the_day_of_writing() -> None:
    found = refs("Tobin Arlo bought the Orla boat in March 2024, and it was delivered a month later. "
                 "A year later, his wife sold it.")
    assert [(r.text, r.value) for r in found] == [
        ("March 2024", "2024-03"), ("a month later", "2024-04"), ("A year later", "2025-04")]
    found = refs("Nora Vell was shot on Friday, March 6. She died in hospital two days later.")
    assert [(r.text, r.value) for r in found] == [("Friday, March 6", "2026-03-06"), ("two days later", "2026-03-08")]
    # nothing told before it to count from: no date (the day of writing is not it)
    assert refs("The Orla ferry sank two days later.") == []
    # "ago" counts from the day of writing
    assert one("The Orla ferry sank two days ago.", "two days ago").value == "2026-03-11"


def test_later_than_a_year_told_counts_in_years_and_less_is_unknown() -> None:
    # not from the day of writing (2026): from the year just told
    found = refs("Tobin Arlo had first gone to prison in 1994 and again in late 1995, and was released about a "
                 "year later.")
    assert [(r.text, r.value) for r in found][-2:] == [("late 1995", "1995"), ("a year later", "1996")]
    assert one("The Orla mill closed in 2011. It reopened a decade later.", "a decade later").value == "2021"
    # nineteen months after some day of 2007: 2008 or 2009, no date
    assert [r.text for r in refs("In 2007, Ilse Varga took her daughters to Vell, where they were found 19 months later.")
            ] == ["2007"]


def test_a_month_without_its_year_is_in_the_year_of_the_day_its_sentence_names() -> None:
    # written in March 2026 of a trial: "the June shooting" is the June before that
    # arraignment (2024), not the June nearest the day of writing (2026)
    sentence = "Pell Arno was arraigned in Vell on Wednesday, September 4, 2024 for the June shooting at the quay."
    assert one(sentence, "June").value == "2024-06"
    # a day of the same year as the writing changes nothing; nor does one in another sentence
    assert one("Pell Arno was arraigned on Feb. 3 for the June shooting.", "June").value == "2026-06"
    assert one("Pell Arno was arraigned on September 4, 2024. He denies the June shooting.", "June").value == "2026-06"


def test_a_month_s_name_that_is_a_person_s_is_no_month() -> None:
    assert [r.text for r in refs("Dorian Vell, 45, and April Vell, 38, were arrested in Orla in April.")] == ["April"]
    assert one("Dorian Vell, 45, and April Vell, 38, were arrested in Orla in April.", "April").start > 40


def test_the_following_year_counts_from_the_year_the_narrative_is_on() -> None:
    assert one("In 2003, Tor Brenn was convicted of burglary in Halvik. The following year, he was convicted "
               "of forgery.", "following year").value == "2004"
    assert one("The harbor budget climbed to $1.6 million in fiscal 2010. It dipped to $1.5 million the "
               "following year.", "following year").value == "2011"
    assert one("The council will vote on the plan in May. The harbor would close the following month.",
               "following month").value == "2026-06"


def test_the_following_year_told_in_the_past_with_nothing_before_it_is_no_later_year() -> None:
    # the publication year plus one cannot be when something already happened
    assert one("The following year, the council voted to close the harbor.", "following year").value == "XXXX"
    assert one("Sales rose 4 percent compared with the previous year.", "previous year").value == "2025"


def test_the_year_leading_up_to_an_event_is_not_this_year() -> None:
    assert one("Harbor records documented 200 incidents in the year leading up to the flood.", "the year").value == "XXXX"
    assert one("In the week after the storm, ferries ran at night.", "the week").value == "XXXX-WXX"
    assert one("The council will close the harbor at the end of the year.", "the year").value == "2026"


def test_a_date_that_names_a_group_or_a_place_is_no_day() -> None:
    found = refs("The cable warned that the 17 February Brigade guarding the Orla port was compromised, "
                 "and the Jan. 6 Committee met on March 2 at the 6th of October Bridge.")
    assert [r.text for r in found] == ["March 2"]
    assert one("Ferries sailed again on 17 February, two days after the storm.", "17 February").value == "2026-02-17"
