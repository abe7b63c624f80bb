"""Word lists and regular expressions that find time expressions in English news text.

Each rule is a named regular expression over the document text; :mod:`time_refs_resolve`
turns a match of a rule into a TIMEX3 value. Month and weekday names must be capitalised
(so "may", "march" and "sun" as ordinary words are not dates); the words around them
("last", "next", "early", "ago") match in any case.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .rule_scan import RuleScanner

__all__ = [
    "MONTHS",
    "WEEKDAYS",
    "NUMBER_WORDS",
    "UNITS",
    "SEASONS",
    "ORDINALS",
    "RULES",
    "Rule",
    "rule_scanner",
    "number_value",
]

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}
WEEKDAYS: dict[str, int] = {
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7,
}
NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "a hundred": 100, "couple": 2, "a couple": 2, "a couple of": 2, "a half": 0, "half": 0,
    "dozen": 12, "a dozen": 12,
}
#: TIMEX3 duration letter per unit word (minutes and hours go after "T").
UNITS: dict[str, str] = {
    "second": "S", "minute": "M", "hour": "H", "day": "D", "week": "W", "month": "M",
    "quarter": "Q", "year": "Y", "decade": "DE", "century": "CE", "weekend": "WE",
}
SEASONS: dict[str, str] = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
}
VAGUE_NUMBERS = ("several", "a few", "few", "many", "some", "the", "recent", "coming", "ensuing")


def number_value(text: str) -> int | None:
    """An integer for a number written in digits or words ("24", "twenty-four", "a"), else None."""
    text = text.lower().replace(",", "").strip()
    if text.isdigit():
        return int(text)
    if text in NUMBER_WORDS:
        return NUMBER_WORDS[text]
    parts = re.split(r"[\s-]+", text)
    if len(parts) == 2 and parts[0] in NUMBER_WORDS and parts[1] in NUMBER_WORDS:
        tens, ones = NUMBER_WORDS[parts[0]], NUMBER_WORDS[parts[1]]
        if tens >= 20 and tens % 10 == 0 and ones < 10:
            return tens + ones
    return None


def _alt(words: list[str]) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
          r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:\.|(?=\s*\d)))")
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[6-9]\d\d|20\d\d)"
_NUMW = _alt([w for w in NUMBER_WORDS if " " not in w and w not in ("a", "an", "half", "couple")])
_NUM = (rf"(?:\d+(?:\.\d+)?|(?i:(?:{_NUMW})(?:[\s-](?:{_NUMW}))?|a couple(?: of)?|a dozen|a half|a|an"
        rf"|several|a few|few|many|some))")
_UNIT = r"(?i:second|minute|hour|day|week|month|quarter|year|decade|century|centuries)"
_SEASON = r"(?i:spring|summer|fall|autumn|winter)"
_ORD = r"(?i:first|second|third|fourth|1st|2nd|3rd|4th)"
_PART = r"(?i:morning|afternoon|evening|night)"
#: Words that bound a duration and belong to it in TimeML ("nearly two years", "at least 30 days").
_BOUND = r"(?:(?i:nearly|almost|more than|less than|fewer than|at least|at most|up to|no more than)\s+)?"
_TZ = r"(?:\s+(?:EST|EDT|CST|CDT|MST|MDT|PST|PDT|ET|CT|MT|PT|GMT|UTC|BST|CET|CEST))?"
_EDGE_L = r"(?<![\w$£€#@/.-])"
_EDGE_R = r"(?![\w-])"
_TIME_OF_DAY = rf"(?:(?:\d{{1,2}}(?::\d\d)?\s*(?i:a\.m\.?|p\.m\.?|am|pm)|\d{{1,2}}:\d\d|(?i:noon|midnight|midday)){_TZ})"


#: A holiday's name before a thing of the season is no date ("Christmas lights", "the
#: Christmas tree", "Valentine's Day gifts"), as a day's name before an event is one
#: ("the Mother's Day parade", "a New Year's Eve party").
_NOT_A_HOLIDAYS_THING = (r"(?![ \t]+(?i:lights?|trees?|toys?|gifts?|presents?|decorations?|ornaments?|cards?|carols?"
                         r"|songs?|music|movies?|sweaters?|stockings?|costumes?|candy|cookies|shopping|sales?)\b)")


@dataclass(frozen=True)
class Rule:
    name: str
    regex: re.Pattern[str]
    priority: int = 0


def _rule(name: str, pattern: str, priority: int = 0) -> Rule:
    return Rule(name, re.compile(_EDGE_L + pattern + r"(?![\w])"), priority)


#: Rules, most specific first; overlapping matches keep the longest, then the higher priority.
RULES: tuple[Rule, ...] = (
    _rule("iso_date", r"(?P<year>\d{4})-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?:T(?P<hour>\d\d):(?P<minute>\d\d))?", 9),
    _rule("numeric_date", r"(?P<month>1[0-2]|0?[1-9])/(?P<day>3[01]|[12]\d|0?[1-9])/(?P<year>\d{4}|\d\d)", 8),
    _rule("time_day",
          rf"(?:(?i:around|about|at|shortly after|shortly before|before|after)\s+)?(?P<time>{_TIME_OF_DAY})"
          rf",?\s+(?:(?i:on)\s+)?(?:(?P<deictic>(?i:today|yesterday|tomorrow))"
          rf"|(?=[A-Z])(?:(?P<weekday>{_WEEKDAY})(?:,?\s+(?={_MONTH}\s+\d)|(?![,\s]+{_MONTH}\s+\d)))?"
          rf"(?:(?P<month>{_MONTH})\s+(?P<day>{_DAY})(?![\d:])(?:,?\s+(?P<year>{_YEAR}))?)?)", 7),
    _rule("month_day_year",
          rf"(?:(?P<weekday>{_WEEKDAY}),?\s+)?(?P<month>{_MONTH})\s+(?P<day>{_DAY})(?![\d:])(?:,?\s+(?P<year>{_YEAR}))?", 6),
    _rule("day_month_year",
          rf"(?:(?P<weekday>{_WEEKDAY}),?\s+)?(?:(?i:the)\s+(?=\d+(?:st|nd|rd|th)?\s+(?i:of)\s))?(?P<day>{_DAY})(?:\s+(?i:of))?\s+(?P<month>{_MONTH})(?:,?\s+(?P<year>{_YEAR}))?", 6),
    _rule("month_year",
          rf"(?:(?P<mod>(?i:early|late|mid-?|the end of|the beginning of|the middle of|the start of))\s*)?"
          rf"(?P<month>{_MONTH}),?\s+(?:(?i:of)\s+)?(?P<year>{_YEAR})", 5),
    _rule("month",
          rf"(?:(?P<mod>(?i:early|late|mid-?|the end of|the beginning of|the middle of|the start of|"
          rf"last|next|this|this past|this coming|until the end of))\s*)?(?P<month>{_MONTH})(?!\s*\d)", 4),
    _rule("quarter",
          rf"(?:(?P<det>(?i:the|this year's|last year's|next year's|this|last|next))\s+)?(?:(?i:fiscal|calendar)\s+)?"
          rf"(?P<ord>{_ORD})[\s-](?P<unit>(?i:quarter|half))(?!-)(?:(?:\s+(?i:of)(?:\s+(?i:fiscal))?)?\s+(?P<year>{_YEAR}))?", 6),
    _rule("quarter_adj",
          rf"(?:(?i:fiscal)\s+)?(?P<ord>{_ORD})-(?P<unit>(?i:quarter|half))", 6),
    _rule("ref_quarter",
          r"(?i:the\s+)(?P<which>(?i:latest|current|most recent|recent|just-ended|just ended|year-earlier|year-ago"
          r"|same|comparable|previous|prior|past|september|june|march|december|fiscal))?\s*(?i:quarter|period)(?!s)", 3),
    _rule("season",
          rf"(?:(?P<mod>(?i:last|next|this|this past|early|late|mid-?|the))\s*)(?P<season>{_SEASON})"
          rf"(?:(?:\s+(?i:of))?\s+(?P<year>{_YEAR}))?", 4),
    _rule("season_year", rf"(?P<season>{_SEASON})\s+(?:(?i:of)\s+)?(?P<year>{_YEAR})", 4),
    _rule("relative",
          r"(?P<mod>(?i:(?:early|late|the end of|the start of|the beginning of|the middle of|"
          r"the rest of|the remainder of|mid-)\s*)?)"
          r"(?P<rel>(?i:last|next|this|this past|this coming|the coming|the past|the previous|the following|"
          r"the current|the last|the next|previous|past|coming|following|current))\s+"
          r"(?P<unit>(?i:week|month|year|weekend|quarter|decade|century|fiscal year))(?![\w-])", 5),
    _rule("ago",
          rf"{_BOUND}(?P<num>{_NUM})[\s-](?P<unit>{_UNIT})s?"
          rf"\s+(?P<dir>(?i:ago|earlier|later|from now|hence)|(?i:before|after)(?!\s+[\dA-Z]))"
          rf"(?!\s+(?:than|the|a|an|his|her|its|their|that)\b)", 6),
    _rule("span",
          rf"{_BOUND}(?:(?P<rel>(?i:the\s+)?(?i:the|past|last|next|previous|first|coming|final|latest|following|"
          rf"remaining|preceding|recent|ensuing|initial|same|year-earlier|year-ago))\s+)?"
          rf"(?P<num>{_NUM})(?:\s+(?i:more|full|straight|consecutive|additional|further))?[\s-]+(?P<unit>{_UNIT})(?P<plural>s)?"
          rf"(?:[\s-](?P<old>(?i:old)))?", 2),
    _rule("plural_span",
          r"(?:(?P<rel>(?i:the\s+)?(?i:past|last|next|coming|recent|ensuing|following))\s+)?"
          r"(?P<unit>(?i:seconds|minutes|hours|days|weeks|months|years|decades|centuries))", 1),
    _rule("weekend", r"(?i:the\s+weekend)", 2),
    _rule("year_quarter",
          rf"(?i:the\s+)(?P<year>{_YEAR})(?:\s+(?i:fiscal))?\s+(?:(?P<ord>{_ORD})[\s-])?(?i:quarter|period)", 7),
    _rule("this_unit", r"(?i:the\s+(?:(?P<which>full|fiscal|calendar|entire|whole)\s+)?(?P<unit>year|week|month))(?![\w-])"
          r"(?P<bound>(?=\s+(?i:leading\s+up\s+to|before|after|following|preceding|prior\s+to)\s))?", 1),
    _rule("year_earlier", r"(?i:(?:the\s+)?year-(?:earlier|ago))(?!\s+(?:quarter|period|nine|six|three|months))", 2),

    _rule("deictic",
          r"(?:(?P<mod>(?i:early|late))\s+)?(?P<word>(?i:today|yesterday|tomorrow|tonight|overnight|last night"
          r"|this (?:morning|afternoon|evening)|tomorrow (?:morning|afternoon|evening|night)|yesterday (?:morning|afternoon|evening)"
          r"|the day before yesterday|the day after tomorrow))", 5),
    _rule("that_day",
          rf"(?:(?P<order>(?i:earlier|later))\s+)?(?i:that)\s+(?P<part>(?i:day)|{_PART})"
          rf"|(?i:the)\s+(?P<rel>(?i:next|following|previous|preceding))\s+(?P<relpart>(?i:day)|{_PART})(?!\s+or\b)"
          rf"|(?i:the)\s+(?P<edgepart>(?i:day|night))\s+(?P<edge>(?i:before|after))(?=\s*[.,;:)])", 5),
    _rule("weekday",
          rf"(?:(?P<rel>(?i:last|next|this|this past|this coming|early|late|every|each|on))\s+)?"
          rf"(?P<weekday>{_WEEKDAY})(?P<plural>s)?(?:\s+(?P<part>{_PART})(?P<pplural>s)?)?", 5),
    _rule("part_weekday", rf"(?P<part>{_PART}|(?i:noon|midnight))\s+(?:(?i:of|on)\s+)?(?P<weekday>{_WEEKDAY})", 5),
    _rule("time", rf"(?:(?i:around|about|at|shortly after|shortly before|before|after|until|by)\s+)?(?P<time>{_TIME_OF_DAY})", 3),
    _rule("decade",
          r"(?:(?P<mod>(?i:the|early|late|mid-?|the early|the late|the mid-?))\s*)?(?P<decade>1[6-9]\d0|20[0-9]0|'\d0)s", 4),
    _rule("century",
          r"(?P<det>(?i:the|this|last|next))\s+(?P<num>\d{1,2}(?:st|nd|rd|th)|(?i:first|second|third|fourth|fifth|sixth|seventh"
          r"|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth"
          r"|nineteenth|twentieth|twenty-first))?\s*(?i:century)", 4),
    _rule("year",
          rf"(?:(?P<mod>(?i:the end of|the beginning of|the start of|the middle of|the first half of|the second half of"
          rf"|early|late|mid-?|fiscal|calendar|the fiscal|the calendar|the year))\s*)?(?P<year>{_YEAR})(?!s)(?!'s\s+\w+\s+quarter)", 3),
    _rule("holiday",
          r"(?:(?P<rel>(?i:last|next|this))\s+)?(?P<name>Christmas(?: Day| Eve)?|Thanksgiving(?: Day)?|New Year['’]s(?: Day| Eve)|Independence Day|Labor Day"
          r"|Memorial Day|Halloween|Valentine['’]s Day|Cinco de Mayo(?: Day)?|St\.? Patrick['’]s Day|Saint Patrick['’]s Day"
          r"|Fourth of July|Veterans Day|Mother['’]s Day|Father['’]s Day)" + _NOT_A_HOLIDAYS_THING
          + r"(?:,?\s+(?P<year>" + _YEAR + "))?", 4),
    _rule("set",
          r"(?P<word>(?i:daily|weekly|monthly|yearly|hourly|nightly|biweekly|"
          r"twice a (?:day|week|month|year)|once a (?:day|week|month|year)|"
          r"(?:every|each|per)\s+(?:other\s+)?(?:(?:\d+|two|three|four|five|six|ten)\s+)?(?:second|minute|hour|day|week|month|quarter|year|decade|"
          r"morning|evening|night|weekend|spring|summer|fall|autumn|winter)s?))", 4),
    _rule("ref",
          r"(?P<word>(?i:now|right now|nowadays|currently|at present|presently|at the moment|at this time|these days"
          r"|recently|lately|formerly|previously|once|earlier|"
          r"the past|the future|the near future|the distant future|the near term|the long term|the short term"
          r"|the longer term|soon|shortly|in the coming (?:days|weeks|months|years)|some day|someday|one day|"
          r"current|the time being|so far|to date|"
          r"as soon as possible|this time|that time|the moment|any time|eventually))", 1),
)


@cache
def rule_scanner() -> RuleScanner:
    """All of ``RULES`` in one pass over a text (built at first use): ``scan(text)[i]``
    holds what ``RULES[i].regex.finditer(text)`` finds."""
    return RuleScanner([rule.regex for rule in RULES], edge=_EDGE_L)
