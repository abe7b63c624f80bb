"""What every SQL backend of the store shares: ``SQLStore``, the ``Store`` protocol's
methods written once in SQLAlchemy Core (``SQLiteStore`` and ``PostgresStore`` add
their engine set-up, version, the ``skipped`` upsert and full-text search).
"""

from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime, timedelta
from types import TracebackType
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, Table, select
from sqlalchemy.exc import DBAPIError

from ..cluster.features import ArticleFeatures
from ..errors import StoreError
from ..model import Article, ArticleUpdate, Comparison, Skipped, StoredStory, Story
from . import listing
from . import rows as rows_module
from . import schema as sch
from .base import AddResult, SearchHit
from .comparisons import compared_story_ids, delete_comparisons, load_comparison, replace_comparison
from .extraction_tables import attach_records
from .listing import ArticleSummary, SearchBudget, StoryFilter, StorySummary
from .rows import LOOKUP_CHUNK, assemble, chunks, insert_articles
from .stories import count_stories, load_stories, open_story_article_ids, replace_stories
from .terms import insert_terms, load_terms
from .versions import fetch_validators, get_validators, history, latest_only, supersede, validator_row, version_info

__all__ = ["SQLStore", "db_message"]

logger = logging.getLogger(__name__)

S = TypeVar("S", bound="SQLStore")


def db_message(exc: DBAPIError) -> str:
    return str(exc.orig).strip() if exc.orig is not None else str(exc)


class SQLStore(ABC):
    """An open article store over a SQLAlchemy engine (the ``Store`` protocol of
    ``store.base``). Use ``open_store()`` to get one; close it when done."""

    #: Said after a failed write: what to check.
    _write_hint = "check that the store is writable"

    def __init__(self, engine: Engine, where: str, *, reader: Engine | None = None,
                 writer: Engine | None = None) -> None:
        self._engine = engine
        self._reader = reader or engine
        self._writer = writer or engine
        self._where = where
        self._closed = False
        self._writes = 0

    @property
    def engine(self) -> Engine:
        """The underlying SQLAlchemy engine (for tests and advanced use)."""
        return self._engine

    @property
    def where(self) -> str:
        """Where the store lives, for messages (a file path; a URL without its password)."""
        return self._where

    @abstractmethod
    def version(self) -> Hashable:
        """A value that changes whenever the store changes, whichever process wrote."""

    @abstractmethod
    def _insert(self, table: Table) -> Any:
        """The backend's INSERT construct for ``table`` (with ``on_conflict_do_update``)."""

    @abstractmethod
    def search(self, query: str, limit: int = 20, budget: SearchBudget | None = None,
               older_versions: bool = False) -> list[SearchHit]:
        """Full-text search (words, "phrases", OR, NOT, prefix*), best first; older
        versions of a page fetched again only with ``older_versions``."""

    @contextmanager
    def regrouping(self) -> Iterator[None]:
        """Hold while regrouping stories after an ingest (``stories.regroup_store``: read
        the open stories, group, replace them), so that two processes ingesting into one
        store do not regroup the same stories at once. Here nothing is held; a backend
        with concurrent writers (PostgreSQL) takes a lock."""
        self._check_open()
        yield

    @staticmethod
    def _check_search(query: str, limit: int, budget: SearchBudget | None) -> None:
        if not query or not query.strip():
            raise StoreError("empty search query: give at least one word to search for")
        if limit < 1:
            raise ValueError(f"limit must be at least 1, got {limit}")
        if budget is not None:
            listing.check_search_terms(query, budget)

    # -- life cycle -------------------------------------------------------------------

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._engine.dispose()

    def __enter__(self: S) -> S:
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
            with self._reader.begin() as conn:
                yield conn
        except DBAPIError as exc:
            raise StoreError(f"cannot read store {self._where}: {db_message(exc)}") from exc

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """One write transaction; ``_before_commit`` runs as its last statement."""
        self._check_open()
        try:
            with self._writer.begin() as conn:
                yield conn
                self._before_commit(conn)
            self._writes += 1
        except DBAPIError as exc:
            raise StoreError(f"cannot write to store {self._where}: {db_message(exc)} ({self._write_hint})") from exc

    def _before_commit(self, conn: Connection) -> None:
        """Run at the end of every write transaction (a backend's version counter)."""
        return None

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
        for batch in chunks(articles, batch_size):
            with self._write() as conn:
                new = self._add_batch(conn, batch)
                insert_terms(conn, new, features or {})
                supersede(conn, new, rows_module.now())
            present += len(batch) - len(new)
            added += len(new)
            logger.debug("committed batch: %d added, %d already present", len(new), len(batch) - len(new))
        logger.info("added %d articles to %s (%d already present)", added, self._where, present)
        return AddResult(added=added, already_present=present)

    def _add_batch(self, conn: Connection, batch: Sequence[Article]) -> list[Article]:
        """Insert the articles of ``batch`` not stored yet (a repeat inside the batch
        once) with their child rows; return those inserted. Here: look the ids up first,
        which is exact when write transactions queue (SQLite); a backend with
        concurrent writers inserts with ``ON CONFLICT DO NOTHING`` instead."""
        existing = self._existing_ids(conn, [a.id for a in batch])
        new: list[Article] = []
        for article in batch:
            if article.id not in existing:
                existing.add(article.id)  # also skips a repeat inside the batch
                new.append(article)
        insert_articles(conn, new)
        return new

    @staticmethod
    def _existing_ids(conn: Connection, ids: Sequence[str]) -> set[str]:
        found: set[str] = set()
        for chunk in chunks(sorted(set(ids)), LOOKUP_CHUNK):
            found.update(conn.execute(select(sch.articles.c.id).where(sch.articles.c.id.in_(chunk))).scalars())
        return found

    def add_skipped(self, items: Iterable[Skipped]) -> int:
        """Record inputs that could not be used; one row per source.

        A source seen again has ``times`` incremented, ``last_seen`` and ``reason``
        updated. Returns how many items were recorded. All items go in one transaction.
        """
        stamp = rows_module.now()
        rows = [
            {"source": s.source, "reason": s.reason, "first_seen": stamp, "last_seen": stamp, "times": 1}
            for s in items
        ]
        if not rows:
            return 0
        stmt = self._insert(sch.skipped)
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

    def save_fetch_validators(self, validators: Mapping[str, tuple[str | None, str | None, datetime]]) -> None:
        """Keep the ETag / Last-Modified of fetched URLs (``{url: (etag, last_modified,
        fetched_at)}``, one transaction) for their next conditional GETs."""
        if not validators:
            return
        stmt = self._insert(fetch_validators)
        stmt = stmt.on_conflict_do_update(
            index_elements=[fetch_validators.c.url],
            set_={"etag": stmt.excluded.etag, "last_modified": stmt.excluded.last_modified,
                  "fetched_at": stmt.excluded.fetched_at})
        rows = [validator_row(url, etag, modified, at) for url, (etag, modified, at) in sorted(validators.items())]
        with self._write() as conn:
            conn.execute(stmt, rows)

    # -- reading ----------------------------------------------------------------------

    def fetch_validators(self, url: str) -> tuple[str | None, str | None] | None:
        """The ETag and Last-Modified kept from the last fetch of ``url``, if any."""
        with self._read() as conn:
            return get_validators(conn, url)

    def article_versions(self, article_ids: Sequence[str]) -> dict[str, ArticleUpdate]:
        """For each of these articles that replaced an older version of the same URL:
        ``versions``, ``previous`` (older ids, oldest first), ``updated_at``."""
        with self._read() as conn:
            return version_info(conn, article_ids)

    def article_history(self, article_id: str) -> list[dict[str, Any]]:
        """Every version of the page this article is a version of, oldest first (see
        ``store.versions.history``); empty when it has no other version."""
        with self._read() as conn:
            return history(conn, article_id)

    def has_article(self, article_id: str) -> bool:
        with self._read() as conn:
            return bool(self._existing_ids(conn, [article_id]))

    def get_article(self, article_id: str) -> Article | None:
        with self._read() as conn:
            rows = conn.execute(select(sch.articles).where(sch.articles.c.id == article_id)).mappings().all()
            found = assemble(conn, rows)
        return found[0] if found else None

    def get_articles(self, article_ids: Sequence[str]) -> list[Article]:
        """The stored articles among ``article_ids``, in the order given (one batched read)."""
        a = sch.articles
        found: dict[str, Article] = {}
        with self._read() as conn:
            for chunk in chunks(list(dict.fromkeys(article_ids)), LOOKUP_CHUNK):
                rows = conn.execute(select(a).where(a.c.id.in_(chunk))).mappings().all()
                found.update((art.id, art) for art in assemble(conn, rows))
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
        with self._read() as conn:
            return _articles_light(conn, article_ids)

    def get_story_page(self, story_id: str, comparison: bool = True
                       ) -> tuple[StoredStory, list[Article], Comparison | None] | None:
        """A story (``get_story``), its member articles as ``get_articles_light`` reads
        them and, with ``comparison``, its stored comparison (``get_comparison``), in one
        read transaction (one snapshot); None when there is no such story. A story page
        needs the three: read apart, each is a transaction of its own (on PostgreSQL,
        two more round trips to the server each)."""
        with self._read() as conn:
            found = load_stories(conn, story_id=story_id, limit=1)
            if not found:
                return None
            members = _articles_light(conn, found[0].articles)
            return found[0], members, load_comparison(conn, story_id) if comparison else None

    def list_articles(self, limit: int = 50, offset: int = 0, outlet: str | None = None,
                      older_versions: bool = False) -> list[Article]:
        """Articles newest first (by published instant, undated last), then by id; the
        latest version of a page fetched again only, unless ``older_versions``."""
        a = sch.articles
        stmt = select(a)
        if outlet is not None:
            stmt = stmt.where(a.c.outlet == outlet)
        if not older_versions:
            stmt = latest_only(stmt, a.c.id)
        stmt = stmt.order_by(a.c.published_utc.is_(None), a.c.published_utc.desc(), a.c.id)
        stmt = stmt.limit(limit).offset(offset)
        with self._read() as conn:
            return assemble(conn, conn.execute(stmt).mappings().all())

    def count_articles(self, outlet: str | None = None, older_versions: bool = False) -> int:
        """How many articles the store holds (from ``outlet`` only, when given), as
        ``list_articles`` lists them."""
        with self._read() as conn:
            return listing.count_articles(conn, outlet, older_versions)

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

    # -- stories ----------------------------------------------------------------------

    def replace_stories(self, stories: Sequence[Story],
                        article_links: dict[str, dict[str, str | None]],
                        replacing: Iterable[str] | None = None) -> None:
        """Replace the stored stories named in ``replacing`` (all of them when None) by
        ``stories`` and set the member articles' links, in one transaction."""
        with self._write() as conn:
            replace_stories(conn, stories, article_links, replacing)

    def open_story_article_ids(self, window: timedelta | None) -> list[str]:
        """Articles not in a story yet and the members of the stories they could join
        (see ``store.stories.open_story_article_ids``)."""
        with self._read() as conn:
            return open_story_article_ids(conn, window)

    def list_stories(self, limit: int = 50, offset: int = 0, outlet: str | None = None) -> list[StoredStory]:
        """Stories without their comparisons, most independent sources first, then newest."""
        with self._read() as conn:
            return load_stories(conn, limit=limit, offset=offset, outlet=outlet)

    def get_story(self, story_id: str) -> StoredStory | None:
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

    def replace_comparison(self, story_id: str, comparison: Comparison) -> None:
        """Store a story's comparison, replacing the previous one atomically."""
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
            for chunk in chunks(sorted(compared), LOOKUP_CHUNK):
                rows += conn.execute(select(a.id, a.story_id).where(a.story_id.in_(chunk))).all()
        members: dict[str, set[str]] = {}
        for article_id, story_id in rows:  # only compared stories were read
            members.setdefault(story_id, set()).add(article_id)
        return {k: frozenset(v) for k, v in members.items()}

    def delete_comparisons(self, story_ids: Iterable[str]) -> None:
        """Delete the stored comparisons of these stories, in one transaction."""
        with self._write() as conn:
            delete_comparisons(conn, story_ids)

    def get_comparison(self, story_id: str) -> Comparison | None:
        with self._read() as conn:
            return load_comparison(conn, story_id)



def _articles_light(conn: Connection, article_ids: Sequence[str]) -> list[Article]:
    """``SQLStore.get_articles_light`` on an open connection."""
    a = sch.articles
    found: dict[str, Article] = {}
    for chunk in chunks(list(dict.fromkeys(article_ids)), LOOKUP_CHUNK):
        for r in conn.execute(select(a).where(a.c.id.in_(chunk))).mappings().all():
            found[r["id"]] = Article.from_dict({k: v for k, v in r.items()
                                                if k not in ("published_utc", "ingested_at")})
    attach_records(conn, list(found.values()))
    return [found[i] for i in article_ids if i in found]
