"""Reads for browsing a store: the filtered story list, article summaries by id, each
article's duplicates, article counts, and the cost bounds of a search.

``Store`` exposes these as methods (``list_story_summaries``, ``article_summaries``,
``duplicates_of``, ``duplicate_index``, ``count_articles``, ``search(..., budget=)``);
the functions here take the caller's connection. They are written in portable
SQLAlchemy Core over the store's own table definitions, so they run on any backend the
store supports; story rows come from the store's one listing (``stories.story_rows``).

Story filters: the date range and sort order are applied in Python on the story
summaries (one small row per story) because stored times keep their original UTC
offsets, which do not compare correctly as strings.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, fields
from datetime import date, datetime, timedelta, timezone
from typing import Annotated, Any

from pydantic import Field
from sqlalchemy import Connection, func, select

from ..errors import StoreError
from .comparisons import conflicts, facts, story_sections
from .schema import articles
from .stories import story_rows
from .versions import latest_only

__all__ = ["StoryFilter", "StorySummary", "ArticleSummary", "SORTS", "parse_time", "story_summaries",
           "dispute_counts", "article_summaries", "duplicates_of", "duplicate_index", "count_articles",
           "SearchBudget", "SearchTooCostly", "check_search_terms", "SearchDeadline"]

logger = logging.getLogger(__name__)

#: Sort orders of the story list: ``covered`` (most independent sources, then most
#: articles, then newest) and ``newest`` (latest publication first).
SORTS = ("covered", "newest")

_FAR_PAST = datetime(1, 1, 2, tzinfo=timezone.utc)
_LOOKUP_CHUNK = 500


def parse_time(value: str | None) -> datetime | None:
    """An ISO 8601 string from the store as an aware datetime (naive read as UTC)."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        logger.warning("unreadable time %r in the store; treated as unknown", value)
        return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=timezone.utc)


@dataclass(frozen=True)
class StoryFilter:
    """What the story list shows. ``since``/``until`` are calendar days in UTC, both
    included: a story matches when its publication span overlaps them. ``has_disputes``
    filters on the story's ``disputes`` (its conflicts), which the compare stage fills; a
    story it has not run on has none, so ``True`` leaves it out and ``False`` keeps it."""

    sort: str = "covered"
    outlet: str | None = None
    since: date | None = None
    until: date | None = None
    has_disputes: bool | None = None


@dataclass(frozen=True)
class StorySummary:
    """One story of the story list (also the JSON API's ``stories[]`` item: its OpenAPI
    schema is generated from this class)."""

    id: str
    title: str | None
    lead: str
    first_published: str | None
    last_published: str | None
    article_count: int
    outlet_count: int
    independent_sources: int
    outlets: list[str]
    disputes: Annotated[int | None, Field(description=(
        "Disputed points (compare stage); null until that stage has run."))]

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class ArticleSummary:
    id: str
    outlet: str | None
    headline: str | None
    published: str | None
    url: str | None
    story_id: str | None
    duplicate_of: str | None
    syndication_group: str | None
    genre: str = "news"  # news, opinion or blog

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def _day_start(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=timezone.utc)


def _overlaps(s: StorySummary, since: date | None, until: date | None) -> bool:
    first = parse_time(s.first_published)
    last = parse_time(s.last_published) or first
    if first is None or last is None:
        return False  # undated stories cannot be placed in a date range
    if since is not None and last < _day_start(since):
        return False
    # The end of the last day (an exclusive bound); the last representable day has none.
    if until is not None and until < date.max and first >= _day_start(until + timedelta(days=1)):
        return False
    return True


_SUMMARY_FIELDS = tuple(f.name for f in fields(StorySummary) if f.name != "disputes")


def story_summaries(conn: Connection, flt: StoryFilter) -> list[StorySummary]:
    """Every story matching ``flt``, in its sort order (the caller paginates). The rows
    come from the store's one story listing (``story_rows``, which matches the outlet)."""
    if flt.sort not in SORTS:
        raise ValueError(f"unknown sort {flt.sort!r}; use one of {', '.join(SORTS)}")
    rows = story_rows(conn, outlet=flt.outlet)
    disputes = dispute_counts(conn)
    out: list[StorySummary] = []
    for r in rows:
        summary = StorySummary(**{k: r[k] for k in _SUMMARY_FIELDS}, disputes=disputes.get(r["id"]))
        if (flt.since or flt.until) and not _overlaps(summary, flt.since, flt.until):
            continue
        if flt.has_disputes is not None and bool(summary.disputes) != flt.has_disputes:
            continue
        out.append(summary)

    def newest(x: StorySummary) -> datetime:
        return parse_time(x.last_published) or parse_time(x.first_published) or _FAR_PAST

    out.sort(key=lambda x: x.id)
    out.sort(key=newest, reverse=True)
    if flt.sort == "covered":
        out.sort(key=lambda x: (x.independent_sources, x.article_count), reverse=True)
    return out


def dispute_counts(conn: Connection) -> dict[str, int]:
    """Conflicts (disputed points) per story, for every story the compare stage has run on."""
    compared: dict[str, int] = {}
    for table in (facts, story_sections):
        for story_id in conn.execute(select(table.c.story_id).distinct()).scalars():
            compared[story_id] = 0
    stmt = select(conflicts.c.story_id, func.count()).group_by(conflicts.c.story_id)
    for story_id, n in conn.execute(stmt):
        compared[story_id] = int(n)
    return compared


_SUMMARY_COLUMNS = tuple(articles.c[f.name] for f in fields(ArticleSummary))


def article_summaries(conn: Connection, ids: Sequence[str]) -> dict[str, ArticleSummary]:
    """Headline, outlet, time and links of the articles with these ids (missing ids left out)."""
    found: dict[str, ArticleSummary] = {}
    unique = sorted(set(ids))
    for i in range(0, len(unique), _LOOKUP_CHUNK):
        stmt = select(*_SUMMARY_COLUMNS).where(articles.c.id.in_(unique[i:i + _LOOKUP_CHUNK]))
        for r in conn.execute(stmt).mappings():
            found[r["id"]] = ArticleSummary(**r)
    return found


def duplicates_of(conn: Connection, article_id: str) -> list[ArticleSummary]:
    """Articles marked as duplicates of ``article_id``, oldest first. The store has no
    index on ``duplicate_of``, so this reads the whole articles table (about 13 ms for
    10,000 articles); ``duplicate_index`` does it once for every article."""
    a = articles.c
    stmt = select(*_SUMMARY_COLUMNS).where(a.duplicate_of == article_id).order_by(a.published_utc, a.id)
    return [ArticleSummary(**r) for r in conn.execute(stmt).mappings()]


def duplicate_index(conn: Connection) -> dict[str, list[ArticleSummary]]:
    """``duplicates_of`` for every article that has duplicates, in one read (for callers
    that keep it until the store changes)."""
    a = articles.c
    stmt = select(*_SUMMARY_COLUMNS).where(a.duplicate_of.is_not(None)).order_by(a.published_utc, a.id)
    out: dict[str, list[ArticleSummary]] = {}
    for r in conn.execute(stmt).mappings():
        out.setdefault(r["duplicate_of"], []).append(ArticleSummary(**r))
    return out


def count_articles(conn: Connection, outlet: str | None = None, older_versions: bool = False) -> int:
    """How many articles the store holds (from ``outlet`` only, when given), older
    versions of a page fetched again (``store.versions``) only with ``older_versions``."""
    stmt = select(func.count()).select_from(articles)
    if outlet is not None:
        stmt = stmt.where(articles.c.outlet == outlet)
    if not older_versions:
        stmt = latest_only(stmt, articles.c.id)
    return int(conn.execute(stmt).scalar_one())


# -- the cost of a search ---------------------------------------------------------------


@dataclass(frozen=True)
class SearchBudget:
    """How much one search may cost: at most ``max_terms`` words (prefixes included), at
    most ``max_prefixes`` of them prefixes (``word*``, each of which matches every indexed
    word it begins: a one-letter prefix reads a large part of the index), and at most
    ``seconds`` of the database's time, after which the query is stopped."""

    max_terms: int = 16
    max_prefixes: int = 4
    seconds: float = 1.0


class SearchTooCostly(StoreError):
    """A search over its ``SearchBudget``: the message says which bound and how to narrow it."""


# FTS5 query syntax: "phrases" (a doubled quote inside is a literal quote), bare words,
# and the operators and punctuation between them.
_QUOTED = re.compile(r'"(?:[^"]|"")*"?')
_WORD = re.compile(r"[^\s\"()^:+{}*]+\*?|\*")
_OPERATORS = frozenset({"AND", "OR", "NOT", "NEAR"})


def check_search_terms(query: str, budget: SearchBudget) -> None:
    """Raise SearchTooCostly when ``query`` has more words or prefix terms than ``budget``
    allows. Words are counted in phrases too; ``AND``/``OR``/``NOT``/``NEAR`` are not."""
    terms = prefixes = 0
    pos = 0
    for phrase in _QUOTED.finditer(query):
        t, p = _count_words(query[pos:phrase.start()], operators=True)
        terms, prefixes = terms + t, prefixes + p
        t, p = _count_words(phrase.group().strip('"'), operators=False)
        terms, prefixes = terms + t, prefixes + p
        pos = phrase.end()
        if phrase.end() < len(query) and query[phrase.end()] == "*":
            prefixes += 1  # "phrase"* makes the phrase's last word a prefix
    t, p = _count_words(query[pos:], operators=True)
    terms, prefixes = terms + t, prefixes + p
    if prefixes > budget.max_prefixes:
        raise SearchTooCostly(
            f"search too costly: the query has {prefixes} prefix terms (word*); at most {budget.max_prefixes} "
            "are allowed, because each reads every indexed word it begins: use fewer or longer prefixes")
    if terms > budget.max_terms:
        raise SearchTooCostly(
            f"search too costly: the query has {terms} words; at most {budget.max_terms} are allowed: "
            "use fewer, more specific words")


def _count_words(part: str, *, operators: bool) -> tuple[int, int]:
    words = [w for w in _WORD.findall(part) if w != "*" and not (operators and w.rstrip("*") in _OPERATORS)]
    return len(words), sum(w.endswith("*") for w in words)


class SearchDeadline:
    """Stops the statements run inside ``applied(conn)`` once ``budget.seconds`` have
    passed (SQLite's progress handler, checked every thousand virtual-machine steps; the
    statement then fails with "interrupted"), and says so in ``stopped``. Without a
    budget, or on another database, it stops nothing."""

    def __init__(self, budget: SearchBudget | None) -> None:
        self.budget = budget
        self.stopped = False

    @contextmanager
    def applied(self, conn: Connection) -> Iterator[None]:
        raw = conn.connection.dbapi_connection
        set_handler = getattr(raw, "set_progress_handler", None)
        if self.budget is None or set_handler is None:
            yield
            return
        deadline = time.perf_counter() + self.budget.seconds

        def past_deadline() -> int:
            if time.perf_counter() > deadline:
                self.stopped = True
                return 1
            return 0

        set_handler(past_deadline, 1000)
        try:
            yield
        finally:
            set_handler(None, 1000)
