"""A story's timeline: the articles' time references merged into dated events.

Which references: calendar values at day granularity (times of day count for their
day: "Monday night" is that Monday), and months and years as coarser events (a spring,
summer or autumn as its year).
References to the present, durations, sets, weeks, seasons and anything unresolved are
left out, and so are the page's own stamps ("Posted: ...", "Updated: ...",
"(Published ...)": :mod:`storylens.compare.page_stamps`).

Articles without a published time: a value with month and day but no year
("XXXX-01-03", "the 3 January raid") takes the year that puts it nearest the story's
anchor (the earliest published time among the story's dated articles, or
``stories_anchor``), and is marked ``inferred_anchor``. A weekday ("on Wednesday",
"XXXX-WXX-3") is *not* resolved that way: which Wednesday depends on the article's own
date, which is unknown.

Tense (articles with a published time): a weekday in a clause about the future ("is
expected to be arraigned Wednesday", "will reopen on Monday") is the next such day from
publication (the day of publication itself when it is that day); a day or month given
without its year that falls more than a week (a day) or in a later month after
publication, in a sentence with nothing about the future or a schedule ("takes effect
on April 1", "effective from April 1", "the vote slated for June 25"), is the previous
year's ("Sept. 11" in a May article).

Events: one per resolved date (and granularity); every reference to that date is a
mention citing its span and its sentence, unless the sentence is the date alone (a
section's heading "September" tells of no event). An embedded post's date (in its
signature, :mod:`storylens.posts`) is when the post was written: its sentence is the post's
words with the signature. The event's description is the
sentence that shares most words with the other mentions' sentences (the most
representative one); for a month or a year, of those that name no day outside it where
there are such ("In the days after the 11 March vote, ... inflation, which stood at 9.4
per cent in February, ..." tells of what followed the vote, not of February).

Weeks and months: "last week", "earlier this week" (before the day of writing) and a
month ("in August", "last month") take the day of an event in that period when the words
around them tell of it ("was arrested last week at the Corvale ferry terminal" and
"arrested Tuesday at the Corvale ferry terminal"); a month ahead of the writing ("until a
special election in June") may take any day of it, up to the day of writing only for a
month already begun or past; otherwise a week is left out and a month stays a month
event.

Updated pages: a weekday named alone that the day of writing puts five or six days
back, before the story's own start too, is the coming one (the page's date is the day it
was first posted; its text tells the days after: ``_date_updated_weekdays``).

Background: the story's own time starts at the earliest day, no more than
``compare.background_days`` before its first publication, that two or more articles date
an event to (else at its first publication: two reports that both recall an incident of
last month do not make the story start then); an event that ends more than
``compare.background_days`` before that is ``background`` (an earlier incident, "since
2019", the year a law was passed): shown, and marked as such.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from storylens.text import STOP_WORDS, cheap_lemma, fold
from storylens.compare.page_stamps import page_stamps
from storylens.compare.settings import current
from storylens.compare.textspans import sentence_around, sentence_spans, word_norms, word_texts
from storylens.extract.time_refs_calendar import weekday_date
from storylens.extract.time_refs_patterns import MONTHS, WEEKDAYS
from storylens.model import Article, Citation, TimeRef
from storylens.posts import post_words_start

__all__ = ["BackgroundSpans", "TimelineMention", "TimelineEvent", "build_timeline", "resolve_value", "story_anchor"]

log = logging.getLogger(__name__)

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_NO_YEAR_DAY = re.compile(r"^XXXX-(\d{2})-(\d{2})$")
_NO_YEAR_MONTH = re.compile(r"^XXXX-(\d{2})$")
_GRANULARITY_RANK = {"day": 0, "month": 1, "year": 2}
#: A spring, summer or autumn lies in one year ("the summer of 2012", "last spring"); a winter spans two.
_SEASON_IN_A_YEAR = re.compile(r"^(\d{4})-(?:SP|SU|FA)$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
#: Weeks that tell of something that happened: "last week", "earlier this week".
_PAST_WEEK = re.compile(r"^(?:last|this|this past)\s+week$", re.IGNORECASE)
#: Words of time expressions and reporting, which say nothing of which event a sentence tells.
_NOT_EVENT_WORDS = frozenset(
    "last next this past earlier later ago week weekend month year day days today yesterday tomorrow tonight morning "
    "afternoon evening night told added announced according".split()
    + list(MONTHS) + list(WEEKDAYS))
#: Content words a week's or a month's sentence shares with a day's other sentences for
#: them to tell of the same event.
_SHARED_FOR_SAME_EVENT = 2
_EVENT_WINDOW = 8
_STOP = {"the", "a", "an", "of", "in", "on", "and", "to", "that", "was", "is", "for", "at", "by", "with", "as", "it",
         "he", "she", "they", "his", "her", "their", "has", "had", "have", "said", "from", "after", "which", "this"}


@dataclass
class TimelineMention:
    """One article's reference to the event: the time expression and its sentence."""

    ref: Citation
    sentence: Citation
    value: str
    inferred_anchor: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"article_id": self.ref.article_id, "ref": self.ref.to_dict(), "sentence": self.sentence.to_dict(),
                "value": self.value, "inferred_anchor": self.inferred_anchor}


@dataclass
class TimelineEvent:
    """A dated event: ``date`` is ISO (``2026-01-03``, ``2026-01``, ``2026``)."""

    id: str
    date: str
    granularity: str
    description: Citation
    mentions: list[TimelineMention] = field(default_factory=list)
    background: bool = False

    @property
    def articles(self) -> list[str]:
        return list(dict.fromkeys(m.ref.article_id for m in self.mentions))

    @property
    def inferred_anchor(self) -> bool:
        return any(m.inferred_anchor for m in self.mentions)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "date": self.date, "granularity": self.granularity,
                "description": self.description.to_dict(), "articles": self.articles,
                "inferred_anchor": self.inferred_anchor, "background": self.background,
                "mentions": [m.to_dict() for m in self.mentions]}


def story_anchor(articles: Sequence[Article]) -> date | None:
    """The earliest published date among the articles, or None."""
    dated = [a.published for a in articles if a.published is not None]
    return min(dated).date() if dated else None


def _nearest_year(month: int, day: int, anchor: date) -> date | None:
    best = None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            d = date(year, month, day)
        except ValueError:
            continue
        if best is None or abs((d - anchor).days) < abs((best - anchor).days):
            best = d
    return best


def resolve_value(value: str, anchor: date | None) -> tuple[str, str, bool] | None:
    """(ISO date, granularity, inferred) for a TimeRef value, or None if not on a timeline.
    ``anchor`` is used only for values without a year."""
    if m := _DAY.match(value):
        return f"{m[1]}-{m[2]}-{m[3]}", "day", False
    if m := _MONTH.match(value):
        return value, "month", False
    if _YEAR.match(value):
        return value, "year", False
    if anchor is None:
        return None
    if m := _NO_YEAR_DAY.match(value):
        d = _nearest_year(int(m[1]), int(m[2]), anchor)
        return (d.isoformat(), "day", True) if d else None
    if m := _NO_YEAR_MONTH.match(value):
        month = int(m[1])
        year = min((anchor.year - 1, anchor.year, anchor.year + 1),
                   key=lambda y: abs((y - anchor.year) * 12 + month - anchor.month))
        return f"{year:04d}-{month:02d}", "month", True
    return None


def _around(mention: TimelineMention) -> str:
    """The words of the mention's sentence within ``_EVENT_WINDOW`` words of its time expression."""
    sentence, ref = mention.sentence, mention.ref
    before = word_texts(sentence.text, 0, ref.start - sentence.start)[-_EVENT_WINDOW:]
    after = word_texts(sentence.text, ref.end - sentence.start)[:_EVENT_WINDOW]
    return " ".join(before + after)


def _event_words(text: str) -> set[str]:
    """Stems of a sentence's content words, without its time expressions' words."""
    folded = (fold(w) for w in word_texts(text))
    return {cheap_lemma(w) for w in folded if len(w) > 2 and w not in STOP_WORDS and w not in _NOT_EVENT_WORDS}


def _content(text: str) -> set[str]:
    return {w for w in word_norms(text) if w not in _STOP and len(w) > 2}


def _as_date(value: date | datetime | None) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    return value


def build_timeline(articles: Sequence[Article], stories_anchor: date | datetime | None = None) -> list[TimelineEvent]:
    """Dated events of a story, in chronological order (see the module docstring)."""
    anchor = _as_date(stories_anchor) or story_anchor(articles)
    buckets: dict[tuple[str, str], list[TimelineMention]] = defaultdict(list)
    periods: list[tuple[date, date, TimelineMention, tuple[str, str] | None]] = []
    for article in articles:
        sentences = sentence_spans(article.text)
        own = article.published.date() if article.published is not None else None
        stamps = page_stamps(article.text, article.time_refs)
        for i, ref in enumerate(article.time_refs):
            if i in stamps:
                continue  # when the page went up or changed, not an event of the story
            sentence = sentence_around(article.text, ref.start, ref.end, sentences)
            resolved = _resolve(ref, article, anchor, sentence)
            week = _WEEK.match(ref.value) if resolved is None and own and _PAST_WEEK.match(ref.text) else None
            if resolved is None and week is None:
                continue
            s, e = sentence
            s = post_words_start(article.text, s)  # a post's date: the post was written then
            if not _event_words(article.text[s:e]):
                continue  # a date alone ("September", a section's heading) tells of no event
            mention = TimelineMention(Citation(article.id, ref.start, ref.end, article.text[ref.start:ref.end]),
                                      Citation(article.id, s, e, article.text[s:e]), ref.value,
                                      resolved is not None and resolved[2])
            if week is not None and own is not None:  # a week told of in the past, up to the day of writing
                monday = date.fromisocalendar(int(week[1]), int(week[2]), 1)
                periods.append((monday, min(monday + timedelta(days=6), own - timedelta(days=1)), mention, None))
                continue
            assert resolved is not None
            iso, granularity, _ = resolved
            buckets[(iso, granularity)].append(mention)
            if granularity == "month" and own is not None:
                first = date.fromisoformat(iso + "-01")
                # a month told of in the past, up to the day of writing; one ahead, whole
                last = _period_end(iso) if first > own else min(_period_end(iso), own)
                periods.append((first, last, mention, (iso, granularity)))
    _date_vague_mentions(buckets, periods)
    _date_updated_weekdays(buckets, articles)
    events = []
    dates_told = _dates_by_sentence(buckets)
    for (iso, granularity), mentions in buckets.items():
        bags = [_content(m.sentence.text) for m in mentions]
        shared = [_shared_words(k, bags, mentions) for k in range(len(mentions))]
        # a month or a year told in a sentence that names a day outside it ("In the days
        # after the 11 March vote, ... inflation, which stood at 9.4 per cent in February,
        # ...") is a detail of what happened that day
        alone = [granularity == "day" or not _names_another_day(iso, dates_told[m.sentence.location])
                 for m in mentions]
        best = max(range(len(mentions)), key=lambda k: (alone[k], shared[k], -k))
        digest = hashlib.sha256(f"{iso}:{granularity}".encode()).hexdigest()[:10]
        events.append(TimelineEvent(f"ev-{digest}", iso, granularity, mentions[best].sentence, mentions))
    events.sort(key=lambda ev: (ev.date, _GRANULARITY_RANK[ev.granularity]))
    _mark_background(events, articles)
    log.debug("%d timeline events from %d articles", len(events), len(articles))
    return events


def _date_vague_mentions(buckets: dict[tuple[str, str], list[TimelineMention]],
                         periods: list[tuple[date, date, TimelineMention, tuple[str, str] | None]]) -> None:
    """Give a week or a month ("was arrested last week", "the shooting in August") the day
    of the event it names: the one day in that period whose mentions have, in the words
    around them, at least ``_SHARED_FOR_SAME_EVENT`` of the words around it that no other
    day in the period has ("was arrested at the Corvale ferry terminal"), and more such
    words than any other day in the period. Words the days share (the story's topic:
    "shooting", "three dead") say nothing of which day it is. A week without such a day is
    left out (a week is not a period a reader dates by); a month stays a month."""
    if not periods:
        return
    around: dict[str, list[tuple[Citation, set[str]]]] = {
        iso: [(m.sentence, _event_words(_around(m))) for m in mentions]
        for (iso, granularity), mentions in buckets.items() if granularity == "day"}
    for first, last, mention, bucket in periods:
        own = _event_words(_around(mention))
        day_words = {iso: set().union(*(w for sentence, w in found if sentence != mention.sentence))
                     for iso, found in around.items() if first <= date.fromisoformat(iso) <= last}
        scores = []
        for iso, found_words in day_words.items():
            elsewhere = set().union(*(w for other, w in day_words.items() if other != iso))
            scores.append((len(own & found_words - elsewhere), iso))
        scores.sort(reverse=True)
        if not scores or scores[0][0] < _SHARED_FOR_SAME_EVENT or (len(scores) > 1 and scores[1][0] == scores[0][0]):
            continue
        log.debug("%r dated %s", mention.ref.text, scores[0][1])
        if bucket is not None:
            buckets[bucket].remove(mention)
            if not buckets[bucket]:
                del buckets[bucket]
        buckets[(scores[0][1], "day")].append(mention)


def _period_end(iso: str) -> date:
    """The last day of an ISO day, month or year."""
    if len(iso) == 10:
        return date.fromisoformat(iso)
    year = int(iso[:4])
    if len(iso) == 7:
        month = int(iso[5:7])
        return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return date(year, 12, 31)


def _own_start(days_told: dict[str, set[str]], articles: Sequence[Article]) -> date | None:
    """Where the story's own time starts (module docstring): the earliest day two or
    more articles date an event to (``days_told``: ISO day -> the articles), no more
    than ``compare.background_days`` before the first publication; else that publication."""
    first = story_anchor(articles)
    shared = [date.fromisoformat(iso) for iso, told in days_told.items() if len(told) >= 2]
    if first is not None:  # an earlier incident two articles recall is not where the story starts
        shared = [d for d in shared if (first - d).days <= current().background_days]
    return min(shared) if shared else first


def _mark_background(events: list[TimelineEvent], articles: Sequence[Article]) -> None:
    """Mark the events before the story's own time as background (module docstring)."""
    start = _own_start({ev.date: set(ev.articles) for ev in events if ev.granularity == "day"}, articles)
    if start is None:
        return
    for ev in events:
        ev.background = (start - _period_end(ev.date)).days > current().background_days


#: A weekday named alone ("Friday", "on Monday", "early Thursday", "Saturday morning"):
#: no date, no "last", "next" or "this" that says which one.
_BARE_WEEKDAY = re.compile(r"^(?:(?:on|early|late|earlier|later)\s+)?(?:" + "|".join(WEEKDAYS)
                           + r")(?:\s+(?:morning|afternoon|evening|night))?$", re.IGNORECASE)
#: How far back the day of writing puts a weekday that is read as the coming one instead.
_UPDATED_FROM_DAYS = 5


def _date_updated_weekdays(buckets: dict[tuple[str, str], list[TimelineMention]], articles: Sequence[Article]) -> None:
    """Move to the coming week a weekday named alone that the day of writing puts five
    or six days back, before the story's own start as well: the page's date is the day
    it was first posted (often the day of the event: "published" Wednesday, "Sims was
    taken into custody Friday", "Both are in stable condition Saturday morning"), and
    the text was updated after; in news, the days just after an event are told far more
    often than the week before it (a future the tense cues miss, "as early as
    Thursday", moves too). Only where two accounts give the story's start: a lone page's
    date is no such check. Read on all of GVA and BASIL dev through ``analyze``: 71
    weekdays move, 70 right on reading (wrong: "On Saturday, the mayor of Hoboken ...
    said", a Saturday five days back)."""
    published = {a.id: a.published.date() for a in articles if a.published is not None}
    days_told = {iso: {m.ref.article_id for m in ms}
                 for (iso, granularity), ms in buckets.items() if granularity == "day"}
    start = _own_start(days_told, articles)
    if start is None or len(days_told.get(start.isoformat(), ())) < 2:
        return  # the story's own start must be a day two accounts give, not a page's date
    moves = []
    for (iso, granularity), mentions in buckets.items():
        if granularity != "day":
            continue
        day = date.fromisoformat(iso)
        for m in mentions:
            own = published.get(m.ref.article_id)
            if (own is not None and _BARE_WEEKDAY.match(m.ref.text.strip())
                    and (own - day).days >= _UPDATED_FROM_DAYS and (start - day).days >= _UPDATED_FROM_DAYS):
                moves.append(((iso, granularity), m, (day + timedelta(days=7)).isoformat()))
    for bucket, mention, coming in moves:
        log.debug("%r dated %s: the week after its page's date", mention.ref.text, coming)
        buckets[bucket].remove(mention)
        if not buckets[bucket]:
            del buckets[bucket]
        buckets[(coming, "day")].append(mention)


_WEEKDAY_REF = re.compile(r"^(?:(?:on|this|next|by|until|from)\s+)?(" + "|".join(WEEKDAYS) + r")\b[\w\s.,:]*$",
                          re.IGNORECASE)
#: Words just before a time expression that put it ahead of the writing: "is expected to
#: be arraigned Wednesday", "was scheduled to return Tuesday", "will meet on Friday",
#: "schools would stay closed on Monday", "could be arraigned as early as Sunday", "are
#: likely to face off in a primary in April".
_FUTURE = re.compile(r"\b(?:will|won[’']t|shall|would|(?:expected|scheduled|set|due|slated|planned|planning|plans?|"
                     r"going|about|likely|unlikely|poised|bound)\s+to|upcoming|next|tomorrow|as\s+(?:early|soon)\s+as)\b",
                     re.IGNORECASE)
_SCHEDULE = re.compile(r"\b(?:takes? effect|effective|with effect from|comes? into force|in force from|begins?|starts?|opens?|ends?|expires?|runs? until"
                       r"|(?:scheduled|slated|set|planned|expected|due|postponed|rescheduled|continued|moved)"
                       r"\s+(?:[^.;!?]{0,60}?\s)?(?:for|by|until|till))\b", re.IGNORECASE)
#: A weekday with its date ("Friday, Nov. 6", "Monday April 14, 2014") is that date.
_DIGIT = re.compile(r"\d")
_YEAR_WRITTEN = re.compile(r"\b\d{4}\b|[’']\d{2}\b")
_CUE_WINDOW = 80


_PAST = re.compile(r"\b(?:was|were|had|did|said|says|told)\b", re.IGNORECASE)
#: A forecast, with words between it and the time ("forecast a further 30 millimetres of
#: rain by Tuesday", "predicts that prices will fall by Friday"): the time it tells of is
#: ahead; a time right after the verb is when it was made ("predicted on Monday"), and
#: "the forecast" is no verb ("storms in the forecast every afternoon").
_FORECAST = re.compile(r"(?<!\bthe )(?<!\ba )(?<!\bits )(?<!\btheir )"
                       r"\b(?:forecast(?:s|ed|ing)?|predict(?:s|ed|ing)?|projected|projects|projecting)\b"
                       r"(?!\s+(?:on\s+)?$)", re.IGNORECASE)


def _ahead(article: Article, ref: TimeRef, sentence_start: int) -> bool:
    """Whether the words before the reference, in its clause (not across a quotation
    mark or a comma), put it in the future (``_FUTURE``, ``_FORECAST``), with no past
    verb after the cue ("the families of the children who were shot Friday will be
    there")."""
    if ref.text.lower().startswith("next "):
        return True
    start = max(sentence_start, ref.start - _CUE_WINDOW)
    before = re.split(r";\s|[,\"“”]", article.text[start:ref.start])[-1]
    cues = sorted([*_FUTURE.finditer(before), *_FORECAST.finditer(before)], key=lambda m: m.end())
    return bool(cues) and not _PAST.search(before, cues[-1].end())


#: A quoted passage, to its closing mark or the end of the sentence.
_QUOTED = re.compile(r"[\"“][^\"”]*(?:[\"”]|$)")


def _unquoted_sentence(article: Article, ref: TimeRef, sentence_span: tuple[int, int]) -> str:
    """The reference's sentence (the comparison's sentence splitter: "Mr." ends none)
    without the quoted passages that do not hold the reference: their tense is the
    speaker's ("Nuland said in a Sept. 14 email that it "could be abused ... so why would
    we want to feed that"" tells of no date ahead)."""
    start, end = sentence_span
    sentence = article.text[start:end]
    at = ref.start - start
    return _QUOTED.sub(lambda m: m.group() if m.start() <= at < m.end() else " ", sentence)


def _by_tense(iso: str, granularity: str, ref: TimeRef, article: Article, own: date,
              sentence: tuple[int, int]) -> str:
    """The date as tense and publication date place it: a weekday in a sentence about
    the future is the next such day from publication ("is expected to be arraigned
    Wednesday" in a Tuesday article is the next day, not six days before; in a Wednesday
    article, that day: news names the day of writing by its name); a month or a
    day given without its year that falls well after publication, in a sentence that is
    not about the future, is last year's ("Sept. 11" in a May article)."""
    ahead = _ahead(article, ref, sentence[0])
    if granularity == "day" and (m := _WEEKDAY_REF.match(ref.text.strip())):
        if ahead and not _DIGIT.search(ref.text):  # (the day of writing itself when it is that day)
            return weekday_date(own, WEEKDAYS[m.group(1).lower()], None, "future").isoformat()
        return iso  # as extracted: a weekday with its date has the year where the two agree
    if ahead or _YEAR_WRITTEN.search(ref.text) or granularity not in ("day", "month"):
        return iso
    unquoted = _unquoted_sentence(article, ref, sentence)
    if _FUTURE.search(unquoted) or _SCHEDULE.search(unquoted):
        return iso  # a date ahead, whatever the clause ("a cut that takes effect on April 1")
    year, month = int(iso[:4]), int(iso[5:7])
    if year != own.year:
        return iso
    if granularity == "month" and month > own.month:
        return f"{year - 1:04d}{iso[4:]}"
    if granularity == "day":
        try:
            d = date.fromisoformat(iso)
            earlier = d.replace(year=year - 1)
        except ValueError:
            return iso
        if (d - own).days > 7:
            return earlier.isoformat()
    return iso


def _resolve(ref: TimeRef, article: Article, anchor: date | None,
             sentence: tuple[int, int]) -> tuple[str, str, bool] | None:
    """The reference's date, granularity and whether its year was inferred from the
    story's anchor; ``sentence``: the span of the sentence it is in."""
    if season := _SEASON_IN_A_YEAR.match(ref.value):
        return season[1], "year", False
    if ref.granularity not in ("day", "time", "month", "year"):
        return None
    own = article.published.date() if article.published is not None else None
    resolved = resolve_value(ref.value, own or anchor)
    if resolved is None:
        return None
    iso, granularity, inferred = resolved
    if own is not None:
        iso = _by_tense(iso, granularity, ref, article, own, sentence)
    return iso, granularity, inferred and own is None


def _dates_by_sentence(buckets: dict[tuple[str, str], list[TimelineMention]]
                       ) -> dict[tuple[str, str, int, int], set[tuple[str, str]]]:
    """The dates (and granularities) of the timeline's events each sentence mentions."""
    out: dict[tuple[str, str, int, int], set[tuple[str, str]]] = defaultdict(set)
    for date_key, mentions in buckets.items():
        for m in mentions:
            out[m.sentence.location].add(date_key)
    return out


def _names_another_day(iso: str, dates: set[tuple[str, str]]) -> bool:
    """Whether ``dates`` hold a day outside the month or year ``iso``."""
    return any(granularity == "day" and not day.startswith(iso) for day, granularity in dates)


def _shared_words(k: int, bags: list[set[str]], mentions: list[TimelineMention]) -> int:
    """Content words mention ``k``'s sentence shares with the other articles' mentions."""
    return sum(len(bags[k] & bags[j]) for j in range(len(bags))
               if j != k and mentions[j].ref.article_id != mentions[k].ref.article_id)


#: Before a time expression, a word that makes it the bound of a span ("since 2014"):
#: no earlier event is told there.
_SPAN_BOUND = re.compile(r"\b(?:since|from|until|till)\s+$", re.IGNORECASE)


class BackgroundSpans:
    """Where a story's articles mention its background events (the timeline's events
    marked ``background``: an earlier incident, "last month", "On Nov. 1 a boy was
    killed"), by article and field; not a span's bound ("tracked river levels since
    2014")."""

    def __init__(self, timeline: Sequence[TimelineEvent]) -> None:
        self.spans: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
        for ev in timeline:
            if ev.background:
                for m in ev.mentions:
                    before = m.sentence.text[:max(0, m.ref.start - m.sentence.start)]
                    if not _SPAN_BOUND.search(before[-12:]):
                        self.spans[(m.ref.article_id, m.ref.field)].append((m.ref.start, m.ref.end))

    def mentioned_in(self, c: Citation) -> bool:
        """Whether the cited span holds a mention of a background event."""
        return any(c.start <= s and e <= c.end for s, e in self.spans.get((c.article_id, c.field), ()))
