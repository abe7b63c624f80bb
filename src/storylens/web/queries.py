"""Read queries the web app needs beyond ``Store``'s methods: filtered story listings and
article summaries by id.

They are written in portable SQLAlchemy Core over the store's own table definitions
(``storylens.store.schema``, ``storylens.store.comparisons``), so they run on any backend
the store supports; story rows come from the store's one listing
(``storylens.store.stories.story_rows``). Everything else goes through ``Store``
(get_story, get_article, list_articles, search).

Story filters: the date range and sort order are applied in Python on the story
summaries (one small row per story) because stored times keep their original UTC
offsets, which do not compare correctly as strings.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import date, datetime, time, timedelta, timezone
from typing import Annotated, Any

from pydantic import Field
from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError

from ..errors import StoreError
from ..model import Article
from ..store import Store
from ..store.schema import articles
from ..store.comparisons import conflicts, facts, story_sections
from ..store.stories import story_rows

__all__ = ["StoryFilter", "StorySummary", "ArticleSummary", "story_summaries", "article_summaries",
           "duplicates_of", "duplicate_index", "count_articles", "dispute_counts", "load_articles", "parse_time", "SORTS"]

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
    """One story of the story list: the record the web app builds and the JSON API's
    ``stories[]`` item (its OpenAPI schema is generated from this class)."""

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

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def _run(store: Store, stmt: Any) -> list[Any]:
    try:
        with store.engine.connect() as conn:
            return list(conn.execute(stmt).mappings())
    except DBAPIError as exc:
        raise StoreError(f"cannot read store {store.where}: {exc.orig or exc}") from exc


def _overlaps(s: StorySummary, since: date | None, until: date | None) -> bool:
    first = parse_time(s.first_published)
    last = parse_time(s.last_published) or first
    if first is None or last is None:
        return False  # undated stories cannot be placed in a date range
    if since is not None and last < datetime.combine(since, time(), timezone.utc):
        return False
    if until is not None and first >= datetime.combine(until + timedelta(days=1), time(), timezone.utc):
        return False
    return True


def story_summaries(store: Store, flt: StoryFilter) -> list[StorySummary]:
    """Every story matching ``flt``, in its sort order (the caller paginates). The rows
    come from the store's one story listing (``story_rows``, which matches the outlet)."""
    if flt.sort not in SORTS:
        raise ValueError(f"unknown sort {flt.sort!r}; use one of {', '.join(SORTS)}")
    try:
        with store.engine.connect() as conn:
            rows = story_rows(conn, outlet=flt.outlet)
    except DBAPIError as exc:
        raise StoreError(f"cannot read store {store.where}: {exc.orig or exc}") from exc
    disputes = dispute_counts(store)
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


_SUMMARY_FIELDS = tuple(f.name for f in fields(StorySummary) if f.name != "disputes")


def dispute_counts(store: Store) -> dict[str, int]:
    """Conflicts (disputed points) per story, for every story the compare stage has run on."""
    compared: dict[str, int] = {}
    for table in (facts, story_sections):
        for r in _run(store, select(table.c.story_id).distinct()):
            compared[r["story_id"]] = 0
    stmt = select(conflicts.c.story_id, func.count().label("n")).group_by(conflicts.c.story_id)
    for r in _run(store, stmt):
        compared[r["story_id"]] = int(r["n"])
    return compared


_SUMMARY_COLUMNS = tuple(articles.c[f.name] for f in fields(ArticleSummary))


def article_summaries(store: Store, ids: Sequence[str]) -> dict[str, ArticleSummary]:
    """Headline, outlet, time and links of the articles with these ids (missing ids left out)."""
    a = articles.c
    found: dict[str, ArticleSummary] = {}
    unique = sorted(set(ids))
    for i in range(0, len(unique), _LOOKUP_CHUNK):
        stmt = select(*_SUMMARY_COLUMNS).where(a.id.in_(unique[i:i + _LOOKUP_CHUNK]))
        for r in _run(store, stmt):
            found[r["id"]] = ArticleSummary(**dict(r))
    return found


def duplicates_of(store: Store, article_id: str) -> list[ArticleSummary]:
    """Articles marked as duplicates of ``article_id``, oldest first. The store has no
    index on ``duplicate_of``, so this reads the whole articles table (about 13 ms for
    10,000 articles); ``duplicate_index`` does it once for every article."""
    a = articles.c
    stmt = (select(*_SUMMARY_COLUMNS).where(a.duplicate_of == article_id).order_by(a.published_utc, a.id))
    return [ArticleSummary(**dict(r)) for r in _run(store, stmt)]


def duplicate_index(store: Store) -> dict[str, list[ArticleSummary]]:
    """``duplicates_of`` for every article that has duplicates, in one read (for callers
    that keep it until the store changes)."""
    a = articles.c
    stmt = (select(*_SUMMARY_COLUMNS).where(a.duplicate_of.is_not(None)).order_by(a.published_utc, a.id))
    out: dict[str, list[ArticleSummary]] = {}
    for r in _run(store, stmt):
        out.setdefault(r["duplicate_of"], []).append(ArticleSummary(**dict(r)))
    return out


def count_articles(store: Store, outlet: str | None = None) -> int:
    """How many articles the store holds (from ``outlet`` only, when given)."""
    stmt = select(func.count()).select_from(articles)
    if outlet is not None:
        stmt = stmt.where(articles.c.outlet == outlet)
    rows = _run(store, stmt)
    return int(next(iter(rows[0].values())))


def load_articles(store: Store, ids: Sequence[str]) -> list[Article]:
    """The articles with these ids, in this order (missing ids left out), for pages that
    show their text, metadata and records but not their entities, credits, hashtags or
    removed lines (the story pages), which may come back empty.

    Uses the store's light batched read (``get_articles_light``, 4 queries for the whole
    list) when it has one, else its full batched read (``get_articles``), else reads them
    one by one (about 3x slower for a 10-article story).
    """
    for method in ("get_articles_light", "get_articles"):
        batched = getattr(store, method, None)
        if callable(batched):
            found = {a.id: a for a in batched(list(ids))}
            return [found[i] for i in ids if i in found]
    out = []
    for article_id in ids:
        article = store.get_article(article_id)
        if article is not None:
            out.append(article)
    return out
