"""Whether two statements make the same claim, beyond sharing words: a test the
alignment applies to every pair it would join into a fact, and a brief line to every
statement it would cite.

Word overlap says two sentences are about the same thing; these say whether they claim
the same thing. Two statements are one claim only when they

- share what is claimed (``compare.claim_min_shared_terms`` content words), and, when
  one speaker speaks in both, what each says, not who says it: two sentences "Fire Chief
  Harold Vance said ..." share his name and title whatever he said, so the words naming
  him do not count there (between two speakers, or a speaker and the outlet, names
  count: "released by America Rising" is what is claimed); a figure and what it counts
  are one word there ("three people" taken to hospital and "three people" dead share
  one thing, not two), and the same number counting other things is not shared ("five
  counts" of arson, "five firefighters" hurt), nor "another" of it ("another 19-year-old
  woman" is not the 19-year-old of the other sentence);
- are not two speakers' own words: two direct quotations by two different speakers are
  two claims, however alike ("... solvent for 75 years," she said / "... solvent for the
  next 75 years," the report said), unless they are one quotation (one quote group: the
  same words given to "a spokesman" and to his name);
- speak of the same time: a statement that mentions an event of the story's background
  (the timeline's ``background`` events: "his brother was shot last month", "On Nov. 1 a
  boy was killed") is one claim with one that mentions none (or the other way round)
  only when they share more of what is claimed
  (``compare.claim_min_shared_terms_other_time`` content words): "the 11-year-old boy" of
  last month's shooting is not the 11-year-old of this one, but the same e-mail told
  with and without its date is one claim; two statements that write dates ("Mar. 13",
  "May 3, 2011") none within ``compare.claim_max_days_apart`` days of the other's tell
  of two events, however alike their words, and so do two that name months none within
  a month of the other's ("in January entered guilty pleas" / "In August, ... was
  charged"), or tell days by other weekdays read, against their articles' dates, as
  far apart ("next in court Monday" in September / "... Tuesday" in December: two
  suspects of a round-up);
- speak of the same someone: a statement whose subject is a personal pronoun ("He is
  listed in critical condition") may mean any of the story's people, so with one that
  names or describes its subject ("The child was last listed in critical condition") it
  is one claim only when they share as much as two times do
  (``compare.claim_min_shared_terms_other_time``); two pronoun subjects, or two named
  ones, as before.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from functools import cache

from storylens.compare.brief import Agrees
from storylens.compare.facts import GENERIC_TERMS, day_refs
from storylens.compare.quote_variants import QuoteGroup
from storylens.compare.settings import current
from storylens.compare.statements import UNKNOWN_SPEAKER, Statement, concept_of, speaker_key, terms, word_stem
from storylens.compare.timeline import BackgroundSpans, TimelineEvent
from storylens.model import Article, Citation
from storylens.text import MONTH_WORD, WEEKDAY_WORD

_Key = tuple[str, str, int, int]
#: A statement whose subject is a personal pronoun ("He is listed in critical condition"):
#: who is meant is in the sentence before it.
_PRONOUN_SUBJECT = re.compile(r"^\W*(?:he|she|they)\b", re.IGNORECASE)


class _Claims:
    """Per statement: its content words, the same without the words naming whoever speaks
    in it, its speakers, the speaker whose direct quotation it mostly is, and the quote
    groups (the same words across articles) it holds."""

    def __init__(self, articles: Sequence[Article], statements: Sequence[Statement],
                 quote_groups: Sequence[QuoteGroup]) -> None:
        by_id = {a.id: a for a in articles}
        group_spans: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        for g in quote_groups:
            for v in g.variants:
                group_spans[v.citation.article_id].append((v.citation.start, v.citation.end, g.id))
        self.words: dict[_Key, frozenset[str]] = {}
        self.unspoken: dict[_Key, frozenset[str]] = {}
        self.speakers: dict[_Key, frozenset[str]] = {}
        self.direct_speaker: dict[_Key, str] = {}
        self.groups: dict[_Key, frozenset[str]] = {}
        self.dates: dict[_Key, frozenset[date]] = {}
        self.months: dict[_Key, frozenset[int]] = {}
        self.days: dict[_Key, frozenset[tuple[date, str]]] = {}
        for st in statements:
            c, k = st.citation, st.citation.location
            article = by_id.get(c.article_id)
            quotes = article.quotes if article is not None and c.field == "text" else []
            counted = _counted_figures(st)
            figures_out = _blank(c.text, c.start, [(f.start, f.end) for f in st.figures if f.value is not None]) \
                if counted else c.text
            text, speakers = figures_out, set()
            for q in quotes:
                if q.end <= c.start or c.end <= q.start:
                    continue
                speaker = speaker_key(q)
                s, e = q.speaker_start, q.speaker_end
                if s is not None and e is not None and c.start <= s and e <= c.end:
                    text = _blank(text, c.start, [(s, e)])
                    speakers.add(speaker)
                covered = min(c.end, q.end) - max(c.start, q.start)
                if q.kind == "direct" and speaker != UNKNOWN_SPEAKER and covered >= 0.5 * (c.end - c.start):
                    self.direct_speaker[k] = speaker
            self.words[k] = ((terms(figures_out) - GENERIC_TERMS) | counted) if counted else st.terms - GENERIC_TERMS
            self.unspoken[k] = (terms(text) - GENERIC_TERMS) | counted
            self.speakers[k] = frozenset(speakers - {UNKNOWN_SPEAKER})
            self.groups[k] = frozenset(g for s, e, g in group_spans.get(c.article_id, ()) if s < c.end and c.start < e)
            self.dates[k] = _written_dates(st)
            self.months[k] = _written_months(st, self.dates[k])
            self.days[k] = _days_told(st)


def _blank(text: str, offset: int, spans: Sequence[tuple[int, int]]) -> str:
    """``text`` (which starts at ``offset`` of its article) with the parts at ``spans``
    (article offsets) blanked out, offsets kept."""
    for s, e in spans:
        s, e = max(s, offset), min(e, offset + len(text))
        if s < e:
            text = text[:s - offset] + " " * (e - s) + text[e - offset:]
    return text


#: A date written with its month and day ("Mar. 13", "May 3, 2011", "June 15"), not a
#: weekday: the day read from a weekday depends on the article's own date.
_WRITTEN_DATE = re.compile(rf"\b{MONTH_WORD}\s+\d{{1,2}}\b", re.IGNORECASE)


def _written_dates(st: Statement) -> frozenset[date]:
    """The dates the statement writes with a month and a day, on one leap year (the year
    written or read from the article's date can differ between two accounts of one
    event: "June 15" in an article of the next year)."""
    out = set()
    for t in day_refs(st):
        if _WRITTEN_DATE.search(t.text):
            try:
                out.add(date(2000, int(t.value[5:7]), int(t.value[8:10])))
            except ValueError:  # "XXXX-XX-13"
                continue
    return frozenset(out)


def _dates_apart(a: frozenset[date], b: frozenset[date], most: int) -> bool:
    """Whether two statements both write dates and no date of one is within ``most``
    days of a date of the other (around the year's turn too): they tell of two events
    ("killed on Mar. 13" / "found dead on May 3, 2011"), however alike their words. A
    day or two apart is one event told with two days, a disagreement the conflicts
    show."""
    return bool(a and b) and all(min(abs((x - y).days), 366 - abs((x - y).days)) > most for x in a for y in b)


#: A weekday's name ("Saturday" of "late Saturday night").
_WEEKDAY = re.compile(rf"\b{WEEKDAY_WORD}\b", re.IGNORECASE)


def _days_told(st: Statement) -> frozenset[tuple[date, str]]:
    """The days the statement tells by a weekday or relative to its article's date
    ("Monday", "Sunday night", "yesterday"), as read against that date (a week off at
    worst, never a year: a date written with its month is :func:`_written_dates`'), each
    with its weekday ("saturday" of "Saturday night"), else its words, folded."""
    out = set()
    for t in day_refs(st):
        if t.anchor is not None and not _WRITTEN_DATE.search(t.text) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", t.value):
            try:
                day = date.fromisoformat(t.value)
            except ValueError:
                continue
            weekday = _WEEKDAY.search(t.text)
            out.add((day, weekday.group(0).casefold() if weekday else " ".join(t.text.casefold().split())))
    return frozenset(out)


def _days_apart(a: frozenset[tuple[date, str]], b: frozenset[tuple[date, str]], most: int) -> bool:
    """Whether two statements both tell days (:func:`_days_told`) in other words, and none
    of one is within ``most`` days of one of the other: two events ("He is next scheduled
    to appear in court Monday" in September, "... in court Tuesday" in December). The
    same words ("arrested Friday") in two articles months apart are more often one page
    dated twice (a copy, an update) than two events."""
    return (bool(a and b) and not {w for _, w in a} & {w for _, w in b}
            and all(abs((x - y).days) > most for x, _ in a for y, _ in b))


#: A month named in a time expression ("late January"), not only read from one ("last month").
_MONTH_NAMED = re.compile(rf"\b{MONTH_WORD}\b", re.IGNORECASE)
#: Months apart for two statements' named months to tell of two events: a month on
#: either side is one event told loosely ("late June", "July 1").
_MONTHS_APART = 2


def _written_months(st: Statement, written_dates: frozenset[date]) -> frozenset[int]:
    """The months the statement writes by name, alone ("in January") or in one of its
    ``written_dates`` (:func:`_written_dates`: "May 3, 2011"), as numbers."""
    out = {d.month for d in written_dates}
    for t in st.times:
        month = re.fullmatch(r"[\dX]{4}-(\d{2})", t.value)
        if t.granularity == "month" and month and _MONTH_NAMED.search(t.text):
            out.add(int(month.group(1)))
    return frozenset(out)


def _months_apart(a: frozenset[int], b: frozenset[int]) -> bool:
    """Whether two statements both name months and none of one is within a month of one
    of the other (around the year's turn too): they tell of two steps of a story ("in
    January entered guilty pleas" / "In August, ... was charged")."""
    return bool(a and b) and all(min(abs(x - y), 12 - abs(x - y)) >= _MONTHS_APART for x in a for y in b)


#: A count of others beside those told before ("two more teens", "three additional
#: victims"): not the same people as a count of the same number without it. Not a bound
#: ("more than 20 people", "no more than 20").
_MORE = re.compile(r"\b(?:more|additional)\b(?!\s+than\b)", re.IGNORECASE)


def _counted_figures(st: Statement) -> frozenset[str]:
    """One term per figure of the statement: its value with what it counts ("three
    people" -> ``#3:people``), so that the number and the noun are one thing the two
    statements share, and only when both count the same thing ("five counts of murder"
    shares nothing with "five people"); after "another" or "other", or counted as "more"
    or "additional", it is someone else (``#19:year-old+other``, ``#2:teen+other``)."""
    out = set()
    c = st.citation
    for f in st.figures:
        if f.value is not None:
            thing = f.counts or f.unit or ""
            before = c.text[max(0, f.start - c.start - 9):max(0, f.start - c.start)].casefold().split()
            more = _MORE.search(f.text) is not None  # "two more teens", "three additional victims"
            other = "+other" if more or (before and before[-1] in ("another", "other")) else ""
            out.add(f"#{f.value:g}:{concept_of(word_stem(thing.split()[-1])) if thing else ''}{other}")
    return frozenset(out)


def same_claim(articles: Sequence[Article], statements: Sequence[Statement],
               timeline: Sequence[TimelineEvent], quote_groups: Sequence[QuoteGroup]) -> Agrees:
    """The test of the module docstring, for two statements of the story (cited by their
    spans); statements the story does not hold are never one claim. ``timeline`` and
    ``quote_groups``: the story's (``build_timeline``, ``group_quote_variants``)."""
    @cache
    def claims_of_story() -> _Claims:  # read on the first question (a story of one article asks none)
        return _Claims(articles, statements, quote_groups)

    background = BackgroundSpans(timeline)
    least, least_other_time = current().claim_min_shared_terms, current().claim_min_shared_terms_other_time
    most_days_apart = current().claim_max_days_apart

    def one_claim(one: Citation, other: Citation) -> bool:
        claims = claims_of_story()
        a, b = one.location, other.location
        if a not in claims.words or b not in claims.words:
            return False
        x, y = claims.direct_speaker.get(a), claims.direct_speaker.get(b)
        if x and y and x != y and not claims.groups[a] & claims.groups[b]:
            return False  # two speakers' own words (the same words given to two names are one quote)
        if _dates_apart(claims.dates[a], claims.dates[b], most_days_apart):
            return False  # two events, months apart
        if _days_apart(claims.days[a], claims.days[b], most_days_apart):
            return False  # "next in court Monday" (late September) / "... Tuesday" (December): two people's days
        if _months_apart(claims.months[a], claims.months[b]):
            return False  # "in January entered guilty pleas" / "In August, ... was charged"
        if claims.speakers[a] & claims.speakers[b]:  # one speaker: what each says, not who
            shared = claims.unspoken[a] & claims.unspoken[b]
        else:
            shared = claims.words[a] & claims.words[b]
        same_time = background.mentioned_in(one) == background.mentioned_in(other)
        same_who = bool(_PRONOUN_SUBJECT.match(one.text)) == bool(_PRONOUN_SUBJECT.match(other.text))
        return len(shared) >= (least if same_time and same_who else least_other_time)

    return one_claim
