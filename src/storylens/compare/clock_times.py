"""When in the day: two accounts of one event giving it times that cannot both be right.

The statements of one fact (aligned as one claim) may each give the event a clock time:
"The victims were all shot outside a home ... shortly after 4 a.m." and "The group ...
was congregating outside at 3:45 a.m. when at least one car ... began firing". Each time
is read as the span of minutes its words allow:

* a minute written out ("3:45 a.m."): 5 minutes either side; a round hour ("4 a.m."),
  10 minutes either side (news rounds);
* "about", "around", "approximately", "roughly", "nearly", "near", "close to": 15
  minutes either side;
* "shortly", "just", "a little" or "soon" after (or before): up to 30 minutes after
  (before); "after" (or "before", "by") alone: up to 90 minutes.

Two times disagree when their spans do not meet (across midnight too). Only a time told
of the event counts: an event word (shot, shooting, killed, fired, gunfire, happened,
occurred, ...) before it in its clause (no comma, semicolon or sentence end between), or
"when" and an event word after it in its clause ("at 3:45 a.m. when a car ... began
firing"); "booked into the jail at about 4 a.m." or "police were called at 4:10 a.m." is
another moment. A statement giving two clock times, or none told of the event, gives
none, as does one telling of another incident ("The most recent shooting happened around
11 a.m.", "a separate shooting", "an earlier attack"). Two statements tell of different
events when they name different days (or of a date dispute, which ``conflicts`` reads)
or when each names a place or a building and they name none alike ("at the Chalmers
Community Hall" / "on Shields Street"); an agency's copies are one source. Pure.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from storylens.compare.details import DetailPair
from storylens.compare.facts import day_refs, same_day
from storylens.compare.statements import Statement
from storylens.model import Article, ConflictSide, Fact, TimeRef

__all__ = ["EVENT_WORDS", "find_time_conflicts"]

#: Words that tell of the event itself (a shooting, an attack): a time or a day beside them
#: is when it happened (a part of regular expressions, for case-insensitive use).
EVENT_WORDS = (r"shot|shooting|killed|wounded|injured|died|happened|occurred|fired|firing|opened\s+fire|gunfire"
              r"|gunned\s+down|slain|attacked|stabbed")
_CLOCK = re.compile(r"\b(\d{1,2})(?::(\d{2}))?\s*([ap])\.?\s*m\b\.?", re.IGNORECASE)
_MODIFIER = re.compile(r"\b(?P<mod>(?:shortly|just|soon|a\s+little)\s+(?:after|before)|about|around|approximately"
                       r"|roughly|nearly|near|close\s+to|after|before|by)\s+$", re.IGNORECASE)
_EVENT_BEFORE = re.compile(rf"\b(?:{EVENT_WORDS})\b[^,;:.!?\n]{{0,90}}$", re.IGNORECASE)
_WHEN_EVENT_AFTER = re.compile(rf"^[^,;:.!?\n]{{0,20}}\bwhen\b[^;:.!?\n]{{0,90}}?\b(?:{EVENT_WORDS})\b",
                               re.IGNORECASE)
#: An incident other than the one the story is about.
_ANOTHER_INCIDENT = re.compile(r"\b(?:most\s+recent|latest|another|earlier|separate|previous|prior|unrelated)\s+"
                               r"(?:[\w-]+\s+){0,2}?(?:shootings?|incidents?|attacks?|killings?)\b", re.IGNORECASE)
_ROUND_MINUTES, _EXACT_MINUTES, _ABOUT_MINUTES, _SHORTLY_MINUTES, _LOOSE_MINUTES = 10, 5, 15, 30, 90
_DAY_MINUTES = 24 * 60


def _span(modifier: str, minute: int, on_the_hour: bool) -> tuple[int, int]:
    """The minutes of the day a time allows, as its words bound it (see the docstring)."""
    words = modifier.lower().split()
    if len(words) > 1:  # "shortly after", "just before", "close to"
        if words[-1] == "after":
            return minute, minute + _SHORTLY_MINUTES
        if words[-1] == "before":
            return minute - _SHORTLY_MINUTES, minute
        return minute - _ABOUT_MINUTES, minute + _ABOUT_MINUTES
    if words == ["after"]:
        return minute, minute + _LOOSE_MINUTES
    if words in (["before"], ["by"]):
        return minute - _LOOSE_MINUTES, minute
    if words and words[0] in ("about", "around", "approximately", "roughly", "nearly", "near"):
        return minute - _ABOUT_MINUTES, minute + _ABOUT_MINUTES
    slack = _ROUND_MINUTES if on_the_hour else _EXACT_MINUTES
    return minute - slack, minute + slack


@dataclass(frozen=True)
class _Time:
    """One clock time a statement gives its event: its words and the minutes it allows."""

    words: str
    low: int
    high: int

    def meets(self, other: _Time) -> bool:
        return any(self.low <= other.high + shift and other.low + shift <= self.high
                   for shift in (-_DAY_MINUTES, 0, _DAY_MINUTES))


def _event_time(article: Article, st: Statement) -> _Time | None:
    """The one clock time the statement gives its event (see the module docstring), or
    None."""
    c = st.citation
    if c.field != "text" or _ANOTHER_INCIDENT.search(c.text):
        return None
    clocks = list(_CLOCK.finditer(c.text))
    if len(clocks) != 1:
        return None
    m = clocks[0]
    start, end = c.start + m.start(), c.start + m.end()
    text = article.text
    told_of_the_event = (_EVENT_BEFORE.search(text, c.start, start) is not None
                         or _WHEN_EVENT_AFTER.match(text[end:c.end]) is not None)
    if not told_of_the_event:
        return None
    hour, minutes = int(m.group(1)), int(m.group(2) or 0)
    if not (1 <= hour <= 12 and minutes < 60):
        return None
    minute = (hour % 12 + (12 if m.group(3).lower() == "p" else 0)) * 60 + minutes
    modifier = _MODIFIER.search(text, max(c.start, start - 24), start)
    mod = " ".join(modifier.group("mod").split()) if modifier else ""
    low, high = _span(mod, minute, m.group(2) is None or minutes == 0)
    return _Time(f"{mod} {m.group(0).strip()}".strip(), low, high)


def _other_days(a: Sequence[TimeRef], b: Sequence[TimeRef]) -> bool:
    """Both statements name a day, and no day of one is a day of the other."""
    return bool(a) and bool(b) and not any(same_day(x, y) for x in a for y in b)


def _places(st: Statement) -> frozenset[str]:
    return frozenset(k for k in st.entities if k.startswith(("place:", "org:")))


def _other_places(a: Statement, b: Statement) -> bool:
    """Both statements name a place or a building, and none alike."""
    pa, pb = _places(a), _places(b)
    return bool(pa) and bool(pb) and not pa & pb


def find_time_conflicts(articles: Sequence[Article], facts: Sequence[Fact],
                        statement_at: Mapping[tuple[str, str, int, int], Statement],
                        same_source: Callable[[Article, Article], bool]) -> list[DetailPair]:
    """The pairs of a fact's statements, of two sources, whose clock times of the event
    cannot both be right (see the module docstring)."""
    by_id = {a.id: a for a in articles}
    out = []
    for fact in facts:
        timed = []
        for c in fact.support:
            st = statement_at.get(c.location)
            if st is not None and (t := _event_time(by_id[c.article_id], st)) is not None:
                timed.append((by_id[c.article_id], st, t, day_refs(st)))
        for n, (a, sa, ta, days_a) in enumerate(timed):
            for b, sb, tb, days_b in timed[n + 1:]:
                if same_source(a, b) or ta.meets(tb) or _other_days(days_a, days_b) or _other_places(sa, sb):
                    continue
                out.append(DetailPair("time", fact.id, "what time it happened",
                                      ConflictSide(ta.words, sa.asserted_by, sa.citation),
                                      ConflictSide(tb.words, sb.asserted_by, sb.citation), ("", "")))
    return out
