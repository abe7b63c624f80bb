"""The SQLite store (``SQLiteStore``: a file, WAL, FTS5 search) and ``open_store``,
which opens a SQLite file or a PostgreSQL database (``store.postgres``) by location.

The methods every backend shares are in ``store.common``; here are SQLite's engine
set-up (``store.sqlite``), its version, its ``skipped`` upsert and FTS5 search.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Hashable
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Table, text
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError

from ..errors import StoreError
from . import listing
from . import schema as sch
from .base import SNIPPET_END, SNIPPET_START, SearchHit
from .common import SQLStore, db_message
from .listing import SearchBudget, SearchTooCostly
from .sqlite import BEGIN_OPTION, MEMORY, check_location, sqlite_engine
from .versions import article_versions

__all__ = ["SQLiteStore", "open_store"]

logger = logging.getLogger(__name__)

_SNIPPET_ELLIPSIS = "…"
# Older versions of a page fetched again (store.versions) are not searched by default.
_LATEST_ONLY = f" AND article_id NOT IN (SELECT article_id FROM {article_versions.name})"
_SNIPPET_TOKENS = 24
# bm25 weights per FTS column: headline, text, article_id (unindexed).
_BM25_WEIGHTS = (4.0, 1.0, 0.0)


class SQLiteStore(SQLStore):
    """An open SQLite article store (the ``Store`` protocol of ``store.base``). Use
    ``open_store()`` to get one; close it when done."""

    _write_hint = ("check free disk space and that the file and its folder are writable; "
                   "if another process holds the store, wait for it to finish")

    def __init__(self, engine: Any, where: str) -> None:
        super().__init__(engine, where, writer=engine.execution_options(**{BEGIN_OPTION: "IMMEDIATE"}))

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

    def _insert(self, table: Table) -> Any:
        return sqlite_insert(table)

    # -- search -----------------------------------------------------------------------

    def search(self, query: str, limit: int = 20, budget: SearchBudget | None = None,
               older_versions: bool = False) -> list[SearchHit]:
        """Full-text search over headlines and text (FTS5 query syntax), best first; the
        latest version of a page fetched again only, unless ``older_versions``.

        Words are ANDed; use double quotes for phrases, ``OR``/``NOT`` between terms,
        ``word*`` for prefixes. Accents are ignored when matching. See ``SearchHit``
        for how to display the snippet safely. With a ``budget``, a query with too many
        words or prefixes, or one that runs past its time, raises SearchTooCostly.
        """
        self._check_search(query, limit, budget)
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
            f"SELECT rowid FROM {fts} WHERE {fts} MATCH :query{'' if older_versions else _LATEST_ONLY} "
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
            message = db_message(exc)
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


def _resolve(location: str | Path) -> str | Path:
    """Turn a path or URL into a SQLite file path (or MEMORY), or a PostgreSQL URL (a
    str containing "://"); refuse other backends."""
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
        return raw
    if backend != "sqlite":
        raise StoreError(
            f"cannot open store {url.render_as_string(hide_password=True)}: unsupported database "
            f"{backend!r}; use a SQLite file (a path or sqlite:///path) or a PostgreSQL URL "
            "(postgresql://user@host/database)"
        )
    if not url.database or url.database == MEMORY:
        return MEMORY
    return Path(url.database).expanduser()


def open_store(location: str | Path) -> SQLStore:
    """Open (creating if needed) the store at a file path, a ``sqlite:///path`` URL or a
    ``postgresql://user@host/database`` URL (connection settings as libpq reads them:
    ``PGHOST``, ``PGPASSWORD``, ``~/.pgpass``, ``?sslmode=``...).

    ``sqlite://`` or ``:memory:`` gives a private in-memory store. Raises StoreError,
    naming the location and the fix, when the store cannot be opened.
    """
    target = _resolve(location)
    if isinstance(target, str) and "://" in target:
        from .postgres import open_postgres

        return open_postgres(target)
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
                f"cannot open store {where}: {db_message(exc.__cause__)} (check that it is a "
                "Storylens SQLite file and that you can write to it and to its folder)"
            ) from exc.__cause__
        raise
    except BaseException:
        engine.dispose()
        raise
    logger.debug("opened store %s (schema version was %d)", where, before)
    return store
