"""Calendar arithmetic for TIMEX3 values: shifting days, weeks, months, quarters and years,
picking the past or future occurrence of a weekday or a month, and formatting values."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

__all__ = [
    "Tense",
    "PAST_PROGRESSIVE",
    "day_value",
    "week_value",
    "month_value",
    "quarter_of",
    "shift_months",
    "shift_quarter",
    "weekday_date",
    "month_year",
    "month_day_year",
    "nth_weekday",
    "granularity_of",
]

#: "past", "future", "present" or None (unknown) for the verb that governs an expression;
#: PAST_PROGRESSIVE ("was having a meeting Monday") only for weekdays.
Tense = str | None
PAST_PROGRESSIVE = "past progressive"


def day_value(d: date) -> str:
    return d.isoformat()


def week_value(d: date) -> str:
    year, week, _ = d.isocalendar()
    return f"{year:04d}-W{week:02d}"


def month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def quarter_of(d: date) -> tuple[int, int]:
    return d.year, (d.month - 1) // 3 + 1


def shift_months(d: date, months: int) -> date:
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(d.day, last))


def shift_quarter(year: int, quarter: int, by: int) -> tuple[int, int]:
    index = year * 4 + quarter - 1 + by
    return index // 4, index % 4 + 1


def weekday_date(anchor: date, weekday: int, rel: str | None, tense: Tense) -> date:
    """The date of ISO ``weekday`` (1 = Monday) meant relative to ``anchor``.

    "last X" is the most recent X before the anchor day, "next X" the first X after it;
    "this X" is X of the anchor's week, except that "this X" on an X itself is the next one
    (a writer meaning the day of writing says "today"), and so is a past X in a future
    sentence ("will meet this Monday" on a Friday). A bare weekday is the most recent X on or before the
    anchor day in a past or present-tense sentence (news default, also when the tense is
    unknown: "closing unchanged Friday"), the next X after it in a future sentence, but
    the anchor day itself when it is that X: news names the day of writing by its name
    ("expected to be released Thursday" in Thursday's paper; a week ahead is "next
    Thursday"). In the
    past progressive, which also tells of arrangements ("the principal was having a staff
    meeting Monday", the future in the past), the day after the anchor is that day rather
    than six days before.
    """
    back = (anchor.isoweekday() - weekday) % 7  # 0..6 days back to the latest such day
    if rel in ("last", "this past", "earlier"):
        return anchor - timedelta(days=back or 7)
    if rel in ("next", "this coming"):
        return anchor + timedelta(days=(7 - back) % 7 or 7)
    if rel == "this":
        day = anchor + timedelta(days=weekday - anchor.isoweekday())
        return day + timedelta(days=7) if day == anchor or (day < anchor and tense == "future") else day
    if back and (tense == "future" or (tense == PAST_PROGRESSIVE and back == 6)):
        return anchor + timedelta(days=7 - back)
    return anchor - timedelta(days=back)


def month_year(anchor: date, month: int, rel: str | None, tense: Tense) -> int:
    """The year of a month named without one ("in October", "last March")."""
    if rel in ("last", "this past"):
        return anchor.year if month < anchor.month else anchor.year - 1
    if rel in ("next", "this coming"):
        return anchor.year if month > anchor.month else anchor.year + 1
    if rel == "this":
        return anchor.year
    if tense == "past":
        return anchor.year if month <= anchor.month else anchor.year - 1
    if tense == "future":
        return anchor.year if month >= anchor.month else anchor.year + 1
    # unknown or present: the occurrence nearest to the anchor
    distance = month - anchor.month
    if distance > 6:
        return anchor.year - 1
    if distance < -6:
        return anchor.year + 1
    return anchor.year


def month_day_year(anchor: date, month: int, day: int, tense: Tense, weekday: int | None = None) -> int:
    """The year of a day named without one ("the 7 March vote", "Aug. 9"). With its
    ``weekday`` ("Friday, Sept. 14"), only a year in which that day is that weekday, when
    one of the three around the anchor is."""
    candidates = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue
    if weekday is not None and any(c.isoweekday() == weekday for c in candidates):
        candidates = [c for c in candidates if c.isoweekday() == weekday]
    if not candidates:
        return anchor.year
    if tense == "past":
        past = [c for c in candidates if c <= anchor]
        if past:
            return max(past).year
    elif tense == "future":
        future = [c for c in candidates if c >= anchor]
        if future:
            return min(future).year
    return min(candidates, key=lambda c: abs((c - anchor).days)).year


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The ``n``-th ISO ``weekday`` of a month; ``n = -1`` is the last one."""
    days = [d for d in range(1, calendar.monthrange(year, month)[1] + 1)
            if date(year, month, d).isoweekday() == weekday]
    return date(year, month, days[n - 1 if n > 0 else n])


def granularity_of(value: str) -> str:
    """Granularity of a TIMEX3 date value (durations and sets are labelled by their rule)."""
    if value.endswith("_REF"):
        return "ref"
    if value.startswith("P"):
        return "duration"
    if "T" in value:
        return "time"
    if "-W" in value:
        return "week"
    if "-Q" in value or "-H" in value:
        return "quarter"
    if value[-2:] in ("SP", "SU", "FA", "WI"):
        return "season"
    parts = value.split("-")
    if len(parts) == 3:
        return "day"
    if len(parts) == 2:
        return "month"
    if len(value) == 4:
        return "year"
    return "decade"  # "199" (the 1990s) and "19" (the 20th century)
