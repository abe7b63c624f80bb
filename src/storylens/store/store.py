"""The article store: open it, add articles and skipped inputs, read and search them.

Written in SQLAlchemy Core so that another backend (PostgreSQL, a later issue) needs
only its own engine set-up and full-text search, not a rewrite. Search here is SQLite
FTS5.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, Table, insert, select, text
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError

from ..cluster.features import ArticleFeatures
from ..errors import StoreError
from ..model import Article, RemovedLine, Skipped
from . import schema as sch
from .extraction_tables import attach_records, insert_extractions, load_extractions
from .terms import insert_terms, load_terms
from .comparisons import compared_story_ids, delete_comparisons, load_comparison, replace_comparison
from .stories import count_stories, load_stories, open_story_article_ids, replace_stories
from .sqlite import BEGIN_OPTION, MEMORY, check_location, sqlite_engine
from . import listing
from .base import SNIPPET_END, SNIPPET_START, AddResult, SearchHit
from .listing import ArticleSummary, SearchBudget, SearchTooCostly, StoryFilter, StorySummary

__all__ = ["SQLiteStore", "open_store"]

logger = logging.getLogger(__name__)

_SNIPPET_ELLIPSIS = "…"
_SNIPPET_TOKENS = 24
# bm25 weights per FTS column: headline, text, article_id (unindexed).
_BM25_WEIGHTS = (4.0, 1.0, 0.0)
# Keep "WHERE id IN (...)" well below SQLite's host-parameter limit.
_LOOKUP_CHUNK = 500

T = TypeVar("T")


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _utc_key(value: datetime | None) -> str | None:
    """Fixed-width UTC form that sorts chronologically as a string."""
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(timezone.utc)
    return value.replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _db_message(exc: DBAPIError) -> str:
    return str(exc.orig) if exc.orig is not None else str(exc)


class SQLiteStore:
    """An open SQLite article store (the ``Store`` protocol of ``store.base``). Use
    ``open_store()`` to get one; close it when done."""

    def __init__(self, engine: Engine, where: str) -> None:
        self._engine = engine
        self._writer = engine.execution_options(**{BEGIN_OPTION: "IMMEDIATE"})
        self._where = where
        self._closed = False
        self._writes = 0

    @property
    def engine(self) -> Engine:
        """The underlying SQLAlchemy engine (for tests and advanced use)."""
        return self._engine

    @property
    def where(self) -> str:
        """The file path (or ``:memory:``) this store lives in."""
        return self._where

    def version(self) -> Hashable:
        """Changes whenever the store changes, whichever process wrote: the size and
        modification time of the file and its write-ahead log; for an in-memory store, a
        count of this object's write transactions."""
        if self._where == MEMORY:
            return self._writes
        found = []
        for path in (self._where, self._where + "-wal"):
            try:
                stat = os.stat(path)
            except OSError:
                continue
            found.append((stat.st_size, stat.st_mtime_ns))
        return tuple(found)

    # -- life cycle -------------------------------------------------------------------

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._engine.dispose()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        self._check_open()
        try:
            with self._engine.begin() as conn:
                yield conn
        except DBAPIError as exc:
            raise StoreError(f"cannot read store {self._where}: {_db_message(exc)}") from exc

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        self._check_open()
        try:
            with self._writer.begin() as conn:
                yield conn
            self._writes += 1
        except DBAPIError as exc:
            raise StoreError(
                f"cannot write to store {self._where}: {_db_message(exc)} "
                "(check free disk space and that the file and its folder are writable; "
                "if another process holds the store, wait for it to finish)"
            ) from exc

    def _check_open(self) -> None:
        if self._closed:
            raise StoreError(f"store {self._where} is closed")

    # -- writing ----------------------------------------------------------------------

    def add_articles(self, articles: Iterable[Article], batch_size: int = 100,
                     features: Mapping[str, ArticleFeatures] | None = None) -> AddResult:
        """Add articles not yet stored (by id), with their clustering ``features`` where
        given (``ArticleFeatures`` by article id); each batch is one transaction.

        Re-adding an article that is already stored changes nothing. If the process
        dies, every batch already committed is complete and the current batch is
        absent as a whole.
        """
        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, got {batch_size}")
        added = present = 0
        for batch in _chunks(articles, batch_size):
            with self._write() as conn:
                existing = self._existing_ids(conn, [a.id for a in batch])
                new: list[Article] = []
                for article in batch:
                    if article.id in existing:
                        present += 1
                    else:
                        existing.add(article.id)  # also skips a repeat inside the batch
                        new.append(article)
                self._insert_articles(conn, new)
                insert_terms(conn, new, features or {})
            added += len(new)
            logger.debug("committed batch: %d added, %d already present", len(new), len(batch) - len(new))
        logger.info("added %d articles to %s (%d already present)", added, self._where, present)
        return AddResult(added=added, already_present=present)

    @staticmethod
    def _existing_ids(conn: Connection, ids: Sequence[str]) -> set[str]:
        found: set[str] = set()
        for chunk in _chunks(sorted(set(ids)), _LOOKUP_CHUNK):
            found.update(conn.execute(select(sch.articles.c.id).where(sch.articles.c.id.in_(chunk))).scalars())
        return found

    @staticmethod
    def _insert_articles(conn: Connection, new: Sequence[Article]) -> None:
        if not new:
            return
        now = _now()
        conn.execute(insert(sch.articles), [_article_row(a, now) for a in new])
        children: list[tuple[Table, list[dict[str, Any]]]] = [
            (sch.article_credits, [
                {"article_id": a.id, "position": i, "credit": c}
                for a in new for i, c in enumerate(a.credits)
            ]),
            (sch.article_hashtags, [
                {"article_id": a.id, "position": i, "hashtag": h}
                for a in new for i, h in enumerate(a.hashtags)
            ]),
            (sch.removed_lines, [
                {"article_id": a.id, "position": i, "line": r.line, "text": r.text, "reason": r.reason}
                for a in new for i, r in enumerate(a.removed)
            ]),
            (sch.article_fields, [
                {"article_id": a.id, "field": f, "provenance": prov, "how": how}
                for a in new
                for prov, fields in (("inferred", a.inferred), ("explicit", a.explicit))
                for f, how in fields.items()
            ]),
        ]
        for table, rows in children:
            if rows:
                conn.execute(insert(table), rows)
        insert_extractions(conn, new)

    def add_skipped(self, items: Iterable[Skipped]) -> int:
        """Record inputs that could not be used; one row per source.

        A source seen again has ``times`` incremented, ``last_seen`` and ``reason``
        updated. Returns how many items were recorded. All items go in one transaction.
        """
        now = _now()
        rows = [
            {"source": s.source, "reason": s.reason, "first_seen": now, "last_seen": now, "times": 1}
            for s in items
        ]
        if not rows:
            return 0
        stmt = sqlite_insert(sch.skipped)
        stmt = stmt.on_conflict_do_update(
            index_elements=[sch.skipped.c.source],
            set_={
                "times": sch.skipped.c.times + 1,
                "last_seen": stmt.excluded.last_seen,
                "reason": stmt.excluded.reason,
            },
        )
        with self._write() as conn:
            conn.execute(stmt, rows)
        return len(rows)

    # -- reading ----------------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        with self._read() as conn:
            return bool(self._existing_ids(conn, [article_id]))

    def get_article(self, article_id: str) -> Article | None:
        with self._read() as conn:
            rows = conn.execute(select(sch.articles).where(sch.articles.c.id == article_id)).mappings().all()
            found = self._assemble(conn, rows)
        return found[0] if found else None

    def get_articles(self, article_ids: Sequence[str]) -> list[Article]:
        """The stored articles among ``article_ids``, in the order given (one batched read)."""
        a = sch.articles
        found: dict[str, Article] = {}
        with self._read() as conn:
            for chunk in _chunks(list(dict.fromkeys(article_ids)), _LOOKUP_CHUNK):
                rows = conn.execute(select(a).where(a.c.id.in_(chunk))).mappings().all()
                found.update((art.id, art) for art in self._assemble(conn, rows))
        return [found[i] for i in article_ids if i in found]

    def get_features(self, articles: Sequence[Article]) -> dict[str, ArticleFeatures]:
        """The stored clustering features of these articles, by id (articles stored
        without them are absent)."""
        with self._read() as conn:
            return load_terms(conn, articles)

    def get_articles_light(self, article_ids: Sequence[str]) -> list[Article]:
        """The stored articles among ``article_ids``, in the order given, with their text,
        metadata, quotes, figures and time references only: entities (and their mentions),
        credits, hashtags, removed lines and field provenance are left empty. For pages
        that show many articles' records but not those (4 queries instead of 10)."""
        a = sch.articles
        found: dict[str, Article] = {}
        with self._read() as conn:
            for chunk in _chunks(list(dict.fromkeys(article_ids)), _LOOKUP_CHUNK):
                for r in conn.execute(select(a).where(a.c.id.in_(chunk))).mappings():
                    found[r["id"]] = Article.from_dict({k: v for k, v in r.items()
                                                        if k not in ("published_utc", "ingested_at")})
            attach_records(conn, list(found.values()))
        return [found[i] for i in article_ids if i in found]

    def list_articles(self, limit: int = 50, offset: int = 0, outlet: str | None = None) -> list[Article]:
        """Articles newest first (by published instant, undated last), then by id."""
        a = sch.articles
        stmt = select(a)
        if outlet is not None:
            stmt = stmt.where(a.c.outlet == outlet)
        stmt = stmt.order_by(a.c.published_utc.is_(None), a.c.published_utc.desc(), a.c.id)
        stmt = stmt.limit(limit).offset(offset)
        with self._read() as conn:
            return self._assemble(conn, conn.execute(stmt).mappings().all())

    def count_articles(self, outlet: str | None = None) -> int:
        """How many articles the store holds (from ``outlet`` only, when given)."""
        with self._read() as conn:
            return listing.count_articles(conn, outlet)

    def article_summaries(self, article_ids: Sequence[str]) -> dict[str, ArticleSummary]:
        """Headline, outlet, time and links of these articles, by id (missing ids left out)."""
        with self._read() as conn:
            return listing.article_summaries(conn, article_ids)

    def duplicates_of(self, article_id: str) -> list[ArticleSummary]:
        """The articles marked as duplicates of ``article_id``, oldest first (reads the
        whole articles table; ``duplicate_index`` does that once for every article)."""
        with self._read() as conn:
            return listing.duplicates_of(conn, article_id)

    def duplicate_index(self) -> dict[str, list[ArticleSummary]]:
        """``duplicates_of`` for every article that has duplicates, in one read."""
        with self._read() as conn:
            return listing.duplicate_index(conn)

    def list_skipped(self) -> list[Skipped]:
        """Skipped inputs, most recently seen first."""
        s = sch.skipped
        stmt = select(s.c.source, s.c.reason).order_by(s.c.last_seen.desc(), s.c.source)
        with self._read() as conn:
            return [Skipped(source=r.source, reason=r.reason) for r in conn.execute(stmt)]

    def ingested_times(self) -> dict[str, datetime]:
        """Every stored article's id with when it was stored (``articles.ingested_at``)."""
        a = sch.articles.c
        with self._read() as conn:
            rows = conn.execute(select(a.id, a.ingested_at)).all()
        return {r.id: datetime.fromisoformat(r.ingested_at) for r in rows}

    @staticmethod
    def _assemble(conn: Connection, rows: Sequence[Any]) -> list[Article]:
        if not rows:
            return []
        ids = [r["id"] for r in rows]
        credits = _children(conn, sch.article_credits, ids, "credit")
        hashtags = _children(conn, sch.article_hashtags, ids, "hashtag")
        removed: dict[str, list[RemovedLine]] = {}
        fields: dict[tuple[str, str], dict[str, str]] = {}
        for chunk in _chunks(ids, _LOOKUP_CHUNK):
            t = sch.removed_lines
            for r in conn.execute(select(t).where(t.c.article_id.in_(chunk)).order_by(t.c.article_id, t.c.position)):
                removed.setdefault(r.article_id, []).append(RemovedLine(text=r.text, reason=r.reason, line=r.line))
            f = sch.article_fields
            stmt = select(f).where(f.c.article_id.in_(chunk)).order_by(f.c.article_id, f.c.provenance, f.c.field)
            for r in conn.execute(stmt):
                fields.setdefault((r.article_id, r.provenance), {})[r.field] = r.how
        extracted = load_extractions(conn, ids)
        out: list[Article] = []
        for r in rows:
            d = dict(r)
            d.pop("published_utc", None)
            d.pop("ingested_at", None)
            d["credits"] = credits.get(r["id"], [])
            d["hashtags"] = hashtags.get(r["id"], [])
            article = Article.from_dict(d)
            article.removed = removed.get(r["id"], [])
            article.inferred = fields.get((r["id"], "inferred"), {})
            article.explicit = fields.get((r["id"], "explicit"), {})
            found = extracted[r["id"]]
            article.entities, article.quotes = found["entities"], found["quotes"]
            article.figures, article.time_refs = found["figures"], found["time_refs"]
            out.append(article)
        return out

    # -- stories ----------------------------------------------------------------------

    def replace_stories(self, story_dicts: Sequence[dict[str, Any]],
                        article_links: dict[str, dict[str, str | None]],
                        replacing: Iterable[str] | None = None) -> None:
        """Replace the stored stories named in ``replacing`` (all of them when None) by
        ``story_dicts`` and set the member articles' links, in one transaction."""
        with self._write() as conn:
            replace_stories(conn, story_dicts, article_links, replacing)

    def open_story_article_ids(self, window: timedelta | None) -> list[str]:
        """Articles not in a story yet and the members of the stories they could join
        (see ``store.stories.open_story_article_ids``)."""
        with self._read() as conn:
            return open_story_article_ids(conn, window)

    def list_stories(self, limit: int = 50, offset: int = 0, outlet: str | None = None) -> list[dict[str, Any]]:
        """Stories (JSON-report layout), most independent sources first, then newest."""
        with self._read() as conn:
            return load_stories(conn, limit=limit, offset=offset, outlet=outlet)

    def get_story(self, story_id: str) -> dict[str, Any] | None:
        with self._read() as conn:
            found = load_stories(conn, story_id=story_id, limit=1)
        return found[0] if found else None

    def count_stories(self) -> int:
        with self._read() as conn:
            return count_stories(conn)

    def list_story_summaries(self, flt: StoryFilter) -> list[StorySummary]:
        """Every story matching ``flt`` as a summary row, in its sort order (see
        ``store.listing.story_summaries``); the caller paginates."""
        with self._read() as conn:
            return listing.story_summaries(conn, flt)

    def replace_comparison(self, story_id: str, comparison: dict[str, Any]) -> None:
        """Store a story's comparison (compare_story's sections), replacing the previous one atomically."""
        with self._write() as conn:
            replace_comparison(conn, story_id, comparison)

    def story_members(self, story_ids: Iterable[str] | None = None) -> dict[str, frozenset[str]]:
        """Each stored story's member article ids (of the stories in ``story_ids``, or
        all), for stories that have a stored comparison (what ``ingest`` needs to
        re-compare only stories that changed)."""
        a = sch.articles.c
        with self._read() as conn:
            compared = compared_story_ids(conn)
            if story_ids is not None:
                compared &= set(story_ids)
            rows: list[Any] = []
            for chunk in _chunks(sorted(compared), _LOOKUP_CHUNK):
                rows += conn.execute(select(a.id, a.story_id).where(a.story_id.in_(chunk))).all()
        members: dict[str, set[str]] = {}
        for article_id, story_id in rows:  # only compared stories were read
            members.setdefault(story_id, set()).add(article_id)
        return {k: frozenset(v) for k, v in members.items()}

    def delete_comparisons(self, story_ids: Iterable[str]) -> None:
        """Delete the stored comparisons of these stories, in one transaction."""
        with self._write() as conn:
            delete_comparisons(conn, story_ids)

    def get_comparison(self, story_id: str) -> dict[str, Any] | None:
        with self._read() as conn:
            return load_comparison(conn, story_id)

    # -- search -----------------------------------------------------------------------

    def search(self, query: str, limit: int = 20, budget: SearchBudget | None = None) -> list[SearchHit]:
        """Full-text search over headlines and text (FTS5 query syntax), best first.

        Words are ANDed; use double quotes for phrases, ``OR``/``NOT`` between terms,
        ``word*`` for prefixes. Accents are ignored when matching. See ``SearchHit``
        for how to display the snippet safely. With a ``budget``, a query with too many
        words or prefixes, or one that runs past its time, raises SearchTooCostly.
        """
        if not query or not query.strip():
            raise StoreError("empty search query: give at least one word to search for")
        if limit < 1:
            raise ValueError(f"limit must be at least 1, got {limit}")
        if budget is not None:
            listing.check_search_terms(query, budget)
        fts = sch.FTS_TABLE
        weights = ", ".join(str(w) for w in _BM25_WEIGHTS)
        # The best matches are chosen on the index alone first (equal scores in the order
        # the articles were stored: the rowid, which needs no row read), and snippets and
        # article rows are read for those only. A query of common words matches most
        # articles; ranking them all with snippets and joined rows took 3-4x as long.
        stmt = text(
            f"SELECT {fts}.article_id AS article_id, a.headline AS headline, a.outlet AS outlet, "
            f"a.published AS published, "
            f"snippet({fts}, -1, :start, :end, :ellipsis, :tokens) AS snippet "
            f"FROM {fts} JOIN articles AS a ON a.id = {fts}.article_id "
            f"WHERE {fts} MATCH :query AND {fts}.rowid IN ("
            f"SELECT rowid FROM {fts} WHERE {fts} MATCH :query "
            f"ORDER BY bm25({fts}, {weights}), rowid LIMIT :limit) "
            f"ORDER BY bm25({fts}, {weights}), {fts}.rowid"
        )
        params = {
            "start": SNIPPET_START, "end": SNIPPET_END, "ellipsis": _SNIPPET_ELLIPSIS,
            "tokens": _SNIPPET_TOKENS, "query": query, "limit": limit,
        }
        deadline = listing.SearchDeadline(budget)
        self._check_open()
        try:
            with self._engine.begin() as conn, deadline.applied(conn):
                rows = conn.execute(stmt, params).all()
        except DBAPIError as exc:
            message = _db_message(exc)
            if deadline.stopped and budget is not None:
                raise SearchTooCostly(
                    f"search too costly: it ran past its {budget.seconds:g} s and was stopped; use more "
                    "specific words, and fewer or longer prefixes (word*)") from exc
            if _is_query_error(message):
                raise StoreError(
                    f"invalid search query {query!r}: {message}; use quotes for phrases "
                    '(e.g. "central bank"), and put AND/OR/NOT only between words'
                ) from exc
            raise StoreError(f"search failed in store {self._where}: {message}") from exc
        return [
            SearchHit(
                article_id=r.article_id,
                headline=r.headline,
                outlet=r.outlet,
                published=datetime.fromisoformat(r.published) if r.published else None,
                snippet=r.snippet or "",
            )
            for r in rows
        ]


def _is_query_error(message: str) -> bool:
    lowered = message.lower()
    return any(
        marker in lowered
        for marker in ("fts5", "syntax error", "unterminated string", "no such column", "unknown special query")
    )


def _children(conn: Connection, table: Table, ids: Sequence[str], column: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for chunk in _chunks(ids, _LOOKUP_CHUNK):
        stmt = (
            select(table.c.article_id, table.c[column])
            .where(table.c.article_id.in_(chunk))
            .order_by(table.c.article_id, table.c.position)
        )
        for article_id, value in conn.execute(stmt):
            out.setdefault(article_id, []).append(value)
    return out


def _article_row(a: Article, ingested_at: str) -> dict[str, Any]:
    return {
        "id": a.id,
        "source": a.source,
        "url": a.url,
        "outlet": a.outlet,
        "headline": a.headline,
        "byline": a.byline,
        "published": _iso(a.published),
        "published_utc": _utc_key(a.published),
        "updated": _iso(a.updated),
        "dateline": a.dateline,
        "language": a.language,
        "text": a.text,
        "feed_notice": a.feed_notice,
        "story_id": a.story_id,
        "duplicate_of": a.duplicate_of,
        "syndication_group": a.syndication_group,
        "ingested_at": ingested_at,
    }


def _resolve(location: str | Path) -> str | Path:
    """Turn a path or URL into a SQLite file path (or MEMORY); refuse other backends."""
    if isinstance(location, Path):
        return location.expanduser()
    raw = str(location)
    if raw == MEMORY:
        return MEMORY
    if "://" not in raw:
        return Path(raw).expanduser()
    try:
        url = make_url(raw)
    except ArgumentError as exc:
        raise StoreError(f"cannot read store location {raw!r}: {exc}") from exc
    backend = url.get_backend_name()
    if backend in ("postgresql", "postgres"):
        raise StoreError(
            f"cannot open store {url.render_as_string(hide_password=True)}: PostgreSQL support "
            "is not available yet; use a SQLite file (a path or sqlite:///path) for now"
        )
    if backend != "sqlite":
        raise StoreError(
            f"cannot open store {url.render_as_string(hide_password=True)}: unsupported database "
            f"{backend!r}; use a SQLite file (a path or sqlite:///path)"
        )
    if not url.database or url.database == MEMORY:
        return MEMORY
    return Path(url.database).expanduser()


def open_store(location: str | Path) -> SQLiteStore:
    """Open (creating if needed) the store at a file path or ``sqlite:///path`` URL.

    ``sqlite://`` or ``:memory:`` gives a private in-memory store. Raises StoreError,
    naming the location and the fix, when the store cannot be opened.
    """
    target = _resolve(location)
    where = str(target)
    if isinstance(target, Path):
        check_location(target)
    engine = sqlite_engine(target)
    store = SQLiteStore(engine, where)
    try:
        with store._write() as conn:
            before = sch.ensure_schema(conn, where)
    except StoreError as exc:
        engine.dispose()
        if isinstance(exc.__cause__, DBAPIError):
            raise StoreError(
                f"cannot open store {where}: {_db_message(exc.__cause__)} (check that it is a "
                "Storylens SQLite file and that you can write to it and to its folder)"
            ) from exc.__cause__
        raise
    except BaseException:
        engine.dispose()
        raise
    logger.debug("opened store %s (schema version was %d)", where, before)
    return store
