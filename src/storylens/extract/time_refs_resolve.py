"""Turn one rule match into a TIMEX3 value and a granularity.

Convention when the article has no anchor (no published time): what the text states is kept
and what depends on the anchor is written with ``X`` ("the 7 March vote" -> ``XXXX-03-07``,
"on Friday" -> ``XXXX-WXX-5``, "last week" -> ``XXXX-WXX``, "in October" -> ``XXXX-10``,
"yesterday" -> ``XXXX-XX-XX``, "three years ago" -> ``PAST_REF``); the TimeRef's ``anchor``
is then None, so a consumer that learns the date later can run the extractor again with it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from .time_refs_calendar import (
    Tense,
    day_value,
    granularity_of,
    month_day_year,
    month_value,
    month_year,
    nth_weekday,
    quarter_of,
    shift_months,
    shift_quarter,
    week_value,
    weekday_date,
)
from .time_refs_patterns import MONTHS, ORDINALS, SEASONS, UNITS, WEEKDAYS, number_value

__all__ = ["Context", "resolve"]

log = logging.getLogger(__name__)

Resolved = tuple[str, str] | None

_PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI", "overnight": "NI"}
_PRESENT = {"now", "right now", "nowadays", "currently", "at present", "presently", "at the moment", "these days",
            "current", "at this time", "the time being"}
_PAST = {"recently", "lately", "formerly", "previously", "in the past", "the past", "recent years", "recent months",
         "recent weeks", "recent days", "in recent days", "in recent weeks", "in recent months", "in recent years"}
_FUTURE = {"the future", "the near future", "the distant future", "the near term", "the long term",
           "the short term", "the longer term", "soon", "as soon as possible", "someday", "some day",
           "in the coming days", "in the coming weeks", "in the coming months", "in the coming years"}
_SETS = {"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "biweekly": "P2W", "monthly": "P1M",
         "quarterly": "P3M", "annually": "P1Y", "yearly": "P1Y", "semiannually": "P6M", "hourly": "PT1H"}


_FULL_DAY = re.compile(r"\d{4}-\d\d-\d\d(?:T|$)")
_CLOCK = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d$")
#: How many sentences after a clock time "ten minutes later" still counts from it.
_CLOCK_REACH = 5


@dataclass
class Context:
    """What earlier expressions of the same document resolved to (for "a year earlier" and
    for the day a bare time of day is on)."""

    sentence: int = 0
    previous: list[tuple[int, str]] = field(default_factory=list)  # (sentence index, value)
    #: The day the narrative is on, which a bare time of day takes: the last full date named
    #: as when something happened, not as a modifier ("the Sept. 10 cable"); None before
    #: the first (a bare time is then on the document's own date).
    narrative: str | None = None
    #: The last clock time with its day ("2026-03-13T18:20") and its sentence, which
    #: "ten minutes later" counts from.
    clock: tuple[int, str] | None = None

    def set_narrative(self, value: str, modifier: bool, anterior: bool = False) -> None:
        """Record a resolved value: a full date that is not a noun's modifier moves the
        narrative to its day (a narrative keeps its day until it names another), except an
        earlier day told of in the past perfect ("suggested saying that on Sept. 10 the
        agency had warned ..."): an event before the narrative's time, which the narrative
        does not go back to."""
        if _CLOCK.match(value):
            self.clock = (self.sentence, value)
        if modifier or not _FULL_DAY.match(value):
            return
        if anterior and self.narrative is not None and value[:10] < self.narrative:
            return
        self.narrative = value[:10]

    def clock_shifted(self, minutes: int) -> str | None:
        """The clock time ``minutes`` after (before, when negative) the last one named in the
        last few sentences, or None."""
        if self.clock is None or self.sentence - self.clock[0] > _CLOCK_REACH:
            return None
        try:
            moved = datetime.fromisoformat(self.clock[1]) + timedelta(minutes=minutes)
        except ValueError:  # "24:00"
            return None
        return moved.strftime("%Y-%m-%dT%H:%M")

    def _recent(self, within: int) -> Iterator[str]:
        """The values named in the last ``within`` sentences, the latest first."""
        for sentence, value in reversed(self.previous):
            if self.sentence - sentence > within:
                return
            yield value

    def told_last(self, within: int = 2) -> str | None:
        """The last year, month or day named in the last ``within`` sentences: what "a
        month later" counts from."""
        return next((v[:10] for v in self._recent(within) if re.fullmatch(r"\d{4}(?:-\d\d(?:-\d\d)?)?", v[:10])), None)

    def day_of_another_year(self, anchor: date) -> date | None:
        """The last full day named earlier in this sentence when it is in another year than
        ``anchor``: the sentence is set then, and a month it names without a year is that
        day's ("arraigned on Sept. 2, 2015 for the June shooting", in a 2016 article: June
        2015)."""
        for value in self._recent(0):
            if _FULL_DAY.match(value):
                day = date.fromisoformat(value[:10])
                return day if day.year != anchor.year else None
        return None

    def compared(self, within: int = 2) -> str | None:
        """The period "a year earlier" is compared with: a quarter, month or day named in the
        last ``within`` sentences, else any quarter named earlier in the document (earnings
        reports: "profit rose in the third quarter ... from $2 million a year ago")."""
        recent = next((v for v in self._recent(within) if re.fullmatch(r"\d{4}-(Q\d|\d\d|\d\d-\d\d)", v)), None)
        if recent is not None:
            return recent
        for _, value in reversed(self.previous):
            if re.fullmatch(r"\d{4}-Q\d", value):
                return value
        return None


def _year(text: str | None) -> int | None:
    if not text:
        return None
    if len(text) == 2:
        return 1900 + int(text) if int(text) > 40 else 2000 + int(text)
    return int(text)


def _month(text: str) -> int:
    return MONTHS[text.lower().rstrip(".")]


def _day(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def _clock(text: str) -> str | None:
    low = text.lower().strip()
    if low.startswith(("noon", "midday")):
        return "12:00"
    if low.startswith("midnight"):
        return "24:00"
    m = re.match(r"(\d{1,2})(?::(\d\d))?\s*([ap])?", low)
    if not m:
        return None
    hour, minute = int(m.group(1)), int(m.group(2) or 0)
    if m.group(3) == "p" and hour < 12:
        hour += 12
    elif m.group(3) == "a" and hour == 12:
        hour = 0
    if hour > 24 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}"


def _date(year: int | None, month: int, day: int) -> str | None:
    try:
        date(year or 2000, month, day)  # 2000 is a leap year: 29 February is valid without a year
    except ValueError:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}" if year else f"XXXX-{month:02d}-{day:02d}"


def _duration(num: str | None, unit: str) -> str:
    unit = unit.lower()
    unit = "century" if unit.startswith("centur") else unit.rstrip("s")
    n = number_value(num) if num else 1
    amount = "X" if n is None else str(n)
    if num and re.fullmatch(r"\d+\.\d+", num.strip()):
        amount = num.strip()
    if unit == "quarter":
        return "PXM" if n is None else f"P{3 * n}M"
    if unit in ("hour", "minute", "second"):
        return f"PT{amount}{UNITS[unit]}"
    return f"P{amount}{UNITS[unit]}"


def _shift(anchor: date, unit: str, n: int) -> str:
    unit = unit.lower().rstrip("s")
    if unit == "day":
        return day_value(anchor + timedelta(days=n))
    if unit == "week":
        return week_value(anchor + timedelta(weeks=n))
    if unit == "month":
        d = shift_months(anchor, n)
        return month_value(d.year, d.month)
    if unit == "quarter":
        return "%04d-Q%d" % shift_quarter(*quarter_of(anchor), n)
    if unit in ("year", "fiscal year"):
        return f"{anchor.year + n:04d}"
    if unit == "decade":
        return f"{anchor.year // 10 + n:03d}"
    if unit in ("century", "centurie"):
        return f"{anchor.year // 100 + n:02d}"
    if unit == "weekend":
        return week_value(anchor + timedelta(weeks=n)) + "-WE"
    return day_value(anchor)


#: How fine a time told before (a year "2003", a month "2003-05" or a day "2003-05-07")
#: must be for "the following UNIT" to count from it: the length of its value at least.
_TOLD_LENGTH_FOR_UNIT = {"year": 4, "fiscal year": 4, "quarter": 7, "month": 7, "week": 10}
#: The value of a unit whose time is unknown (no publication date, nothing told before).
_UNKNOWN_OF_UNIT = {"week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX", "quarter": "XXXX-QX",
                    "decade": "XXX", "century": "XX"}


def _unknown(unit: str) -> Resolved:
    return _value(_UNKNOWN_OF_UNIT.get(unit, "XXXX"))


def _relative(g: dict[str, str | None], anchor: date | None, tense: Tense, context: Context) -> Resolved:
    rel = (g["rel"] or "").lower()
    unit = (g["unit"] or "").lower()
    if rel in ("the past", "the last", "the next", "the coming") and unit not in ("weekend",):
        return (_duration("1", "year" if unit == "fiscal year" else unit), "duration")
    if rel in ("the following", "the previous") and unit in _TOLD_LENGTH_FOR_UNIT:
        return _from_the_told(rel, unit, anchor, tense, context)
    if anchor is None:
        return _unknown(unit)
    step = {"last": -1, "past": -1, "previous": -1, "the previous": -1, "this past": -1,
            "next": 1, "coming": 1, "following": 1, "the following": 1, "this coming": 1}.get(rel, 0)
    if unit == "weekend" and rel in ("this",) and tense == "past" and anchor.isoweekday() < 6:
        step = -1
    return _value(_shift(anchor, unit, step))


def _from_the_told(rel: str, unit: str, anchor: date | None, tense: Tense, context: Context) -> Resolved:
    """"The following year", "the previous month": the one after (before) the time the
    narrative is on, named in the last sentences ("In 2003 he was convicted of burglary.
    The following year, he was convicted of forgery": 2004), as fine as the unit; with none,
    the one after (before) the publication date, but never a later one told in the past
    tense ("The following year, he was convicted", nothing named before: a year, which is
    unknown)."""
    step = 1 if rel == "the following" else -1
    told = context.told_last()  # "2003", "2003-05" or "2003-05-07"
    if told is not None and len(told) >= _TOLD_LENGTH_FOR_UNIT[unit]:
        start = date.fromisoformat((told + "-01-01")[:10])
        return _value(_shift(start, unit, step))
    if anchor is None or (step > 0 and tense == "past"):
        return _unknown(unit)
    return _value(_shift(anchor, unit, step))


def _value(value: str) -> Resolved:
    return value, granularity_of(value)


def _weekday(g: dict[str, str | None], anchor: date | None, tense: Tense) -> Resolved:
    wd = WEEKDAYS[(g["weekday"] or "").lower()]
    rel = (g.get("rel") or "").lower() or None
    part = g.get("part")
    suffix = "T" + _PARTS[part.lower()] if part and part.lower() in _PARTS else ""
    if part and part.lower() in ("noon", "midnight"):
        suffix = "T" + (_clock(part) or "")
    if rel in ("every", "each") or g.get("plural") or g.get("pplural"):
        return f"XXXX-WXX-{wd}{suffix}", "set"
    if anchor is None:
        return f"XXXX-WXX-{wd}{suffix}", "time" if suffix else "day"
    if rel in ("on", "early", "late", "earlier", "later"):
        rel = None
    value = day_value(weekday_date(anchor, wd, rel, tense)) + suffix
    return _value(value)


def _ago(g: dict[str, str | None], anchor: date | None, context: Context) -> Resolved:
    n = number_value(g["num"] or "")
    unit = (g["unit"] or "").lower()
    direction = (g["dir"] or "").lower()
    sign = -1 if direction in ("ago", "earlier", "before") else 1
    if n is None or n == 0:
        return ("PAST_REF" if sign < 0 else "FUTURE_REF"), "ref"
    if anchor is None:
        return ("PAST_REF" if sign < 0 else "FUTURE_REF"), "ref"
    if unit.startswith("year") and n == 1:
        compared = context.compared()
        if compared is not None:
            return _value(f"{int(compared[:4]) + sign:04d}{compared[4:]}")
    if unit.startswith(("hour", "minute")):
        # "Twenty-three minutes later": counted from the clock time the narrative is at
        shifted = context.clock_shifted(sign * n * (60 if unit.startswith("hour") else 1))
        return (shifted, "time") if shifted is not None else None
    if unit.startswith("second"):
        return None
    if direction in ("later", "earlier"):
        # "shipped a month later": counted from the time the narrative is at, not the
        # day of writing (a month after it is a date ahead of the article)
        base = context.told_last() or context.narrative
        if base is None:
            return None
        if len(base) == 4:  # "in 2007 ... found 19 months later": years later are years, less is unknown
            years = n if unit.startswith("year") else 10 * n if unit.startswith("decade") else None
            return None if years is None else _value(f"{int(base) + sign * years:04d}")
        start = date.fromisoformat(base if len(base) == 10 else f"{base}-01")
        if len(base) == 7 and unit.startswith(("day", "week")):  # "in March ... two weeks later": a month
            moved = start + timedelta(days=sign * n * (7 if unit.startswith("week") else 1))
            return _value(month_value(moved.year, moved.month))
        return _value(_shift(start, unit, sign * n))
    return _value(_shift(anchor, unit, sign * n))


def _quarter(g: dict[str, str | None], anchor: date | None, tense: Tense) -> Resolved:
    ordinal = ORDINALS[(g["ord"] or "").lower()]
    half = (g.get("unit") or "").lower() == "half"
    letter = "H" if half else "Q"
    year = _year(g.get("year"))
    det = (g.get("det") or "").lower()
    if year is None and anchor is not None:
        year = anchor.year
        if det.startswith("last"):
            year -= 1
        elif det.startswith("next"):
            year += 1
        elif not det.startswith("this") and tense != "future" and not half and ordinal > quarter_of(anchor)[1]:
            year -= 1  # "the fourth quarter" in a January report is last year's
    if year is None:
        return f"XXXX-{letter}{ordinal}", "quarter"
    return f"{year:04d}-{letter}{ordinal}", "quarter"


def _ref_quarter(g: dict[str, str | None], anchor: date | None) -> Resolved:
    which = (g.get("which") or "").lower()
    if which in ("same", "comparable"):
        return None
    if anchor is None:
        return "XXXX-QX", "quarter"
    year, quarter = quarter_of(anchor)
    if which != "current":
        year, quarter = shift_quarter(year, quarter, -1)
    if which in ("year-earlier", "year-ago"):
        year -= 1
    return f"{year:04d}-Q{quarter}", "quarter"


def _season(g: dict[str, str | None], anchor: date | None, tense: Tense) -> Resolved:
    code = SEASONS[(g["season"] or "").lower()]
    year = _year(g.get("year"))
    mod = (g.get("mod") or "").lower()
    if year is None:
        if anchor is None:
            return f"XXXX-{code}", "season"
        first = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
        started = anchor.month >= first
        ended = anchor.month >= first + 3
        year = anchor.year
        if mod == "last":
            year -= 0 if ended else 1
        elif mod == "next":
            year += 1 if started else 0
        elif mod != "this" and tense == "past" and not started:
            year -= 1
        elif mod != "this" and tense == "future" and ended:
            year += 1
    return f"{year:04d}-{code}", "season"


def _holiday(g: dict[str, str | None], anchor: date | None, tense: Tense) -> Resolved:
    name = (g["name"] or "").lower().replace("’", "'")
    year = _year(g.get("year"))
    fixed = {"christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
             "new year's day": (1, 1), "new year's eve": (12, 31), "independence day": (7, 4),
             "halloween": (10, 31), "valentine's day": (2, 14), "cinco de mayo": (5, 5), "cinco de mayo day": (5, 5),
             "st. patrick's day": (3, 17), "st patrick's day": (3, 17), "saint patrick's day": (3, 17),
             "fourth of july": (7, 4), "veterans day": (11, 11)}
    if name in fixed:
        month, day = fixed[name]
        if year is None and anchor is None:
            return f"XXXX-{month:02d}-{day:02d}", "day"
        year = year or month_day_year(anchor, month, day, tense)  # type: ignore[arg-type]
        return f"{year:04d}-{month:02d}-{day:02d}", "day"
    rules = {"thanksgiving": (11, 4, 4), "thanksgiving day": (11, 4, 4), "labor day": (9, 1, 1),
             "memorial day": (5, 1, -1), "mother's day": (5, 7, 2), "father's day": (6, 7, 3)}
    if name not in rules or (year is None and anchor is None):
        return None
    month, weekday, nth = rules[name]
    if year is None:
        assert anchor is not None
        day = nth_weekday(anchor.year, month, weekday, nth).day  # close enough to pick the year
        year = month_day_year(anchor, month, day, tense)
    return _value(day_value(nth_weekday(year, month, weekday, nth)))


def _set(word: str) -> Resolved:
    low = re.sub(r"\s+", " ", word.lower())
    if low in _SETS:
        return _SETS[low], "set"
    m = re.fullmatch(r"(?:every|each|per|twice a|once a) (?:other )?(?:(\S+) )?(\w+?)s?", low)
    if not m:
        return None
    unit = m.group(2)
    if unit in _PARTS:
        return f"XXXX-XX-XXT{_PARTS[unit]}", "set"
    if unit in SEASONS:
        return f"XXXX-{SEASONS[unit]}", "set"
    if unit == "weekend":
        return "XXXX-WXX-WE", "set"
    n = m.group(1) or ("2" if " other " in f" {low} " else "1")
    return _duration(n, unit), "set"


def _ref(word: str) -> Resolved:
    low = re.sub(r"\s+", " ", word.lower())
    if low in _PRESENT:
        return "PRESENT_REF", "ref"
    if low in _PAST:
        return "PAST_REF", "ref"
    if low in _FUTURE:
        return "FUTURE_REF", "ref"
    return None


def _deictic(g: dict[str, str | None], anchor: date | None) -> Resolved:
    word = re.sub(r"\s+", " ", (g["word"] or "").lower())
    offsets = {"today": 0, "tonight": 0, "overnight": 0, "yesterday": -1, "tomorrow": 1, "last night": -1,
               "the day before yesterday": -2, "the day after tomorrow": 2}
    first, _, rest = word.partition(" ")
    offset = offsets.get(word, offsets.get(first, 0))
    part = _PARTS.get(rest.split(" ")[-1] if rest else word) if word not in offsets or word in (
        "tonight", "overnight", "last night") else None
    if word == "last night":
        part = "NI"
    suffix = f"T{part}" if part else ""
    if anchor is None:
        return f"XXXX-XX-XX{suffix}", "time" if suffix else "day"
    return _value(day_value(anchor + timedelta(days=offset)) + suffix)


def _that_day(g: dict[str, str | None], context: Context) -> Resolved:
    """"that morning", "earlier that day", "the next day", "the night before": a day told
    of from the day the narrative is on (None when no day was named before); the day only,
    as TimeBank dates "the next morning"."""
    if context.narrative is None:
        return None
    if (g.get("part") or "").lower() == "day" and not g.get("order"):
        return None  # a bare "that day" is as often a generic one ("trades made that day")
    step = (g.get("rel") or g.get("edge") or "").lower()
    offset = {"next": 1, "following": 1, "after": 1, "previous": -1, "preceding": -1, "before": -1}.get(step, 0)
    return _value(day_value(date.fromisoformat(context.narrative) + timedelta(days=offset)))


def resolve(rule: str, g: dict[str, str | None], text: str, anchor: date | None, tense: Tense,
            context: Context) -> Resolved:
    """(value, granularity) for a match of ``rule`` with groups ``g``, or None to drop it."""
    if rule in ("iso_date", "numeric_date", "month_day_year", "day_month_year"):
        year = _year(g.get("year"))
        month = int(g["month"] or "") if (g["month"] or "").isdigit() else _month(g["month"] or "")
        day = _day(g["day"] or "")
        if year is None and anchor is not None:
            weekday = WEEKDAYS.get((g.get("weekday") or "").lower())
            year = month_day_year(anchor, month, day, tense, weekday)
        value = _date(year, month, day)
        if value and rule == "iso_date" and g.get("hour"):
            value += f"T{g['hour']}:{g['minute']}"
        return _value(value) if value else None
    if rule == "time_day":
        clock = _clock(g["time"] or "")
        if g.get("month"):
            on_day = resolve("month_day_year", g, text, anchor, tense, context)
        elif g.get("weekday"):
            on_day = _weekday({"weekday": g["weekday"]}, anchor, tense)
        else:
            on_day = _deictic({"word": g["deictic"]}, anchor)
        if on_day is None or clock is None:
            return None
        return on_day[0] + "T" + clock, "time"
    if rule in ("month_year", "month"):
        month = _month(g["month"] or "")
        year = _year(g.get("year"))
        mod = (g.get("mod") or "").lower()
        if year is None:
            if anchor is None:
                return f"XXXX-{month:02d}", "month"
            rel = mod if mod in ("last", "next", "this", "this past", "this coming") else None
            year = month_year(context.day_of_another_year(anchor) or anchor, month, rel, tense)
        return month_value(year, month), "month"
    if rule in ("quarter", "quarter_adj"):
        return _quarter(g, anchor, tense)
    if rule == "ref_quarter":
        return _ref_quarter(g, anchor)
    if rule in ("season", "season_year"):
        return _season(g, anchor, tense)
    if rule == "relative":
        return _relative(g, anchor, tense, context)
    if rule == "ago":
        return _ago(g, anchor, context)
    if rule == "span":
        if (g.get("rel") or "").lower().strip() in ("the same",):
            return None
        return _duration(g["num"], g["unit"] or ""), "duration"
    if rule == "plural_span":
        return _duration("X", g["unit"] or ""), "duration"  # "recent years", "the past few weeks": PXY, PXW
    if rule == "deictic":
        return _deictic(g, anchor)
    if rule == "that_day":
        return _that_day(g, context)
    if rule in ("weekday", "part_weekday"):
        return _weekday(g, anchor, tense)
    if rule == "time":
        clock = _clock(g["time"] or "")
        if clock is None:
            return None
        if context.narrative is not None:  # "At 6:20 p.m.": on the day the narrative is on
            return f"{context.narrative}T{clock}", "time"
        if anchor is None:
            return f"XXXX-XX-XXT{clock}", "time"
        return f"{day_value(anchor)}T{clock}", "time"
    if rule == "decade":
        digits = (g["decade"] or "").lstrip("'")
        return (digits[:3] if len(digits) == 4 else "19" + digits[0]), "decade"
    if rule == "century":
        det = (g.get("det") or "").lower()
        num = g.get("num")
        if num and num[0].isdigit():
            return f"{_day(num) - 1:02d}", "decade"
        if anchor is None or num:
            return None
        return f"{anchor.year // 100 + {'last': -1, 'next': 1}.get(det, 0):02d}", "decade"
    if rule == "year":
        return g["year"] or "", "year"
    if rule == "holiday":
        return _holiday(g, anchor, tense)
    if rule == "set":
        return _set(g["word"] or "")
    if rule == "ref":
        return _ref(g["word"] or "")
    if rule == "year_quarter":
        year_text = g["year"] or ""
        if g.get("ord"):
            return f"{year_text}-Q{ORDINALS[(g['ord'] or '').lower()]}", "quarter"
        compared = context.compared()
        if compared and re.fullmatch(r"\d{4}-Q\d", compared):
            return f"{year_text}{compared[4:]}", "quarter"
        if anchor is not None:
            return f"{year_text}-Q{shift_quarter(*quarter_of(anchor), -1)[1]}", "quarter"
        return year_text, "year"
    if rule == "this_unit":
        unit = (g["unit"] or "").lower()
        if anchor is None or g.get("bound") is not None:  # "the year leading up to the attack": not this year
            return _unknown(unit)  # "year", "week" or "month"
        return _value(_shift(anchor, unit, 0))
    if rule == "year_earlier":
        compared = context.compared()
        if compared is not None:
            return _value(f"{int(compared[:4]) - 1:04d}{compared[4:]}")
        if anchor is None:
            return None
        return _value(f"{anchor.year - 1:04d}")
    if rule == "weekend":
        if anchor is None:
            return "XXXX-WXX-WE", "week"
        # past (and the news default): the latest weekend that has begun; future: the next one
        on_weekend = anchor.isoweekday() >= 6
        if tense == "future":
            step = 1 if anchor.isoweekday() == 7 else 0
        else:
            step = 0 if on_weekend else -1
        return _value(_shift(anchor, "weekend", step))
    log.debug("no resolver for rule %s (%r)", rule, text)
    return None
