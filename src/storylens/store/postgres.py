"""The PostgreSQL store (``PostgresStore``): the same tables and methods as the SQLite
store (``store.common``) over SQLAlchemy Core and psycopg 3, for several processes or
machines writing into one database.

* Connection settings are libpq's: the URL (``postgresql://user@host:port/db?sslmode=
  require``) and whatever it leaves out from ``PGHOST``, ``PGUSER``, ``PGPASSWORD``,
  ``~/.pgpass``, ``PGSSLMODE``... A password never appears in a message: the store
  names itself by ``url.render_as_string(hide_password=True)``.
* Concurrent ingests: articles are inserted with ``ON CONFLICT (id) DO NOTHING`` in id
  order (two writers with overlapping batches cannot deadlock) and only the articles
  actually inserted get child rows; creating the schema and regrouping stories
  (``regrouping()``) are serialised with transaction-level advisory locks.
* Reads run in REPEATABLE READ transactions: a story and its members, or an article
  and its child rows, come from one snapshot while others write.
* ``version()`` reads ``store_writes.writes`` (one statement in autocommit mode), bumped
  as the last statement of every write transaction of any process: it becomes visible
  with the data it counts.
* Full-text search: ``store.pg_search`` (tsvector column, GIN index, ``unaccent``).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Hashable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from sqlalchemy import (BigInteger, Column, Connection, Integer, MetaData, Table, create_engine, event, func,
                        literal_column, select, text, update)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError
from sqlalchemy.sql.elements import ColumnElement

from ..errors import StoreError
from ..model import Article
from . import schema as sch
from .base import SNIPPET_END, SNIPPET_START, SearchHit
from .common import SQLStore, db_message
from .listing import SearchBudget, SearchTooCostly
from .pg_search import CONFIG, MASKED, VECTOR_COLUMN, create_search, masked, to_tsquery
from .rows import article_row, insert_children, now
from .versions import latest_only

__all__ = ["PostgresStore", "open_postgres", "store_writes", "create_postgres_objects", "SCHEMA_LOCK", "REGROUP_LOCK"]

logger = logging.getLogger(__name__)

#: Advisory lock keys (``pg_advisory_xact_lock``): creating or migrating the schema,
#: and regrouping stories. Arbitrary constants ("SLNS" + a number).
SCHEMA_LOCK = 0x534C4E53_0001
REGROUP_LOCK = 0x534C4E53_0002

_SNIPPET_WORDS = 24
_HEADLINE_OPTIONS = (f'StartSel="{SNIPPET_START}", StopSel="{SNIPPET_END}", MaxWords={_SNIPPET_WORDS}, '
                     f"MinWords={_SNIPPET_WORDS // 2}, ShortWord=0, HighlightAll=false, MaxFragments=1")
_ELLIPSIS = "…"
_WORD = re.compile(r"\w")
_MASK_ARGS = (MASKED, " " * len(MASKED))
# ts_rank weights for D, C, B (text), A (headline): the SQLite store's bm25 weights 1:4.
_RANK_WEIGHTS = "{0, 0, 0.25, 1}"

#: One row: how many write transactions the store has committed (PostgreSQL only).
#: Kept out of the shared ``schema.metadata``: a SQLite store does not have it.
store_writes = Table(
    "store_writes",
    MetaData(),
    Column("id", Integer, primary_key=True),
    Column("writes", BigInteger, nullable=False),
)


def create_postgres_objects(conn: Connection) -> None:
    """What a new PostgreSQL store has beyond the shared tables (``schema.ensure_schema``
    calls this inside its transaction): the write counter and full-text search."""
    store_writes.create(conn)
    conn.execute(store_writes.insert().values(id=1, writes=0))
    create_search(conn)


class PostgresStore(SQLStore):
    """An open PostgreSQL article store (the ``Store`` protocol of ``store.base``). Use
    ``open_store("postgresql://…")`` to get one; close it when done."""

    _write_hint = ("check that the server is up, that your role may write to the database, "
                   "and that it has free disk space")

    def __init__(self, engine: Any, where: str) -> None:
        super().__init__(engine, where, reader=engine.execution_options(isolation_level="REPEATABLE READ"))
        self._autocommit = engine.execution_options(isolation_level="AUTOCOMMIT")

    @property
    def where(self) -> str:
        """The database URL, without its password."""
        return self._where

    def version(self) -> Hashable:
        """The count of committed write transactions (``store_writes``), whichever process wrote."""
        # One statement, outside a transaction: the web app asks on every request, and a
        # read transaction costs two more round trips (BEGIN, COMMIT).
        self._check_open()
        try:
            with self._autocommit.connect() as conn:
                return int(conn.execute(select(store_writes.c.writes)).scalar_one())
        except DBAPIError as exc:
            raise StoreError(f"cannot read store {self._where}: {db_message(exc)}") from exc

    def _before_commit(self, conn: Connection) -> None:
        conn.execute(update(store_writes).values(writes=store_writes.c.writes + 1))

    def _insert(self, table: Table) -> Any:
        return pg_insert(table)

    def _add_batch(self, conn: Connection, batch: Sequence[Article]) -> list[Article]:
        """Insert with ``ON CONFLICT DO NOTHING``: an article another process stores at
        the same time is waited for and then counted as present, not an error."""
        firsts: dict[str, Article] = {}
        for article in batch:
            firsts.setdefault(article.id, article)
        if not firsts:
            return []
        stamp = now()
        a = sch.articles
        stmt = pg_insert(a).on_conflict_do_nothing(index_elements=[a.c.id]).returning(a.c.id)
        rows = [article_row(firsts[i], stamp) for i in sorted(firsts)]
        inserted = set(conn.execute(stmt, rows).scalars())
        new = [x for x in firsts.values() if x.id in inserted]
        insert_children(conn, new)
        return new

    @contextmanager
    def regrouping(self) -> Iterator[None]:
        """Hold the regrouping lock (a transaction-level advisory lock on a connection of
        its own, released at the end, or when the process dies)."""
        self._check_open()
        try:
            with self._engine.connect() as conn, conn.begin():
                conn.execute(select(func.pg_advisory_xact_lock(REGROUP_LOCK)))
                yield
        except DBAPIError as exc:
            raise StoreError(f"cannot lock store {self._where} for regrouping: {db_message(exc)}") from exc

    # -- search -----------------------------------------------------------------------

    def search(self, query: str, limit: int = 20, budget: SearchBudget | None = None,
               older_versions: bool = False) -> list[SearchHit]:
        """Full-text search over headlines and text, best first (ties by id), with the
        SQLite store's query syntax (``store.pg_search``); the latest version of a page
        fetched again only, unless ``older_versions``. With a ``budget``, a query
        with too many words or prefixes, or one that runs past its time, raises
        SearchTooCostly."""
        self._check_search(query, limit, budget)
        tsquery = to_tsquery(query)
        a = sch.articles
        vector: ColumnElement[Any] = literal_column(f"articles.{VECTOR_COLUMN}")
        q = select(tsquery.label("query")).cte("q")
        rank = func.ts_rank(text(f"'{_RANK_WEIGHTS}'::float4[]"), vector, q.c.query, 1)
        matching = select(a.c.id, rank.label("rank")).select_from(a).join(q, text("true")).where(vector.op("@@")(q.c.query))
        if not older_versions:
            matching = latest_only(matching, a.c.id)
        top = matching.order_by(rank.desc(), a.c.id).limit(limit).cte("top")
        config = text(f"'{CONFIG}'::regconfig")
        stmt = (select(a.c.id, a.c.headline, a.c.outlet, a.c.published, a.c.text,
                       func.ts_headline(config, func.translate(a.c.text, *_MASK_ARGS), q.c.query,
                                        _HEADLINE_OPTIONS).label("snippet"),
                       func.ts_headline(config, func.translate(func.coalesce(a.c.headline, ""), *_MASK_ARGS), q.c.query,
                                        _HEADLINE_OPTIONS).label("headline_snippet"))
                .select_from(top).join(a, a.c.id == top.c.id).join(q, text("true"))
                .order_by(top.c.rank.desc(), a.c.id))
        self._check_open()
        try:
            with self._reader.begin() as conn:
                if budget is not None:
                    conn.execute(text(f"SET LOCAL statement_timeout = {max(1, int(budget.seconds * 1000))}"))
                rows = conn.execute(stmt).all()
        except DBAPIError as exc:
            message = db_message(exc)
            if budget is not None and "statement timeout" in message:
                raise SearchTooCostly(
                    f"search too costly: it ran past its {budget.seconds:g} s and was stopped; use more "
                    "specific words, and fewer or longer prefixes (word*)") from exc
            raise StoreError(f"search failed in store {self._where}: {message}") from exc
        return [SearchHit(article_id=r.id, headline=r.headline, outlet=r.outlet,
                          published=datetime.fromisoformat(r.published) if r.published else None,
                          snippet=_snippet(r.text, r.snippet, r.headline, r.headline_snippet))
                for r in rows]


def _snippet(body: str, snippet: str | None, headline: str | None, headline_snippet: str | None) -> str:
    """The text's highlighted fragment with ``…`` where text was cut; the headline's
    when only the headline matched (as SQLite's snippet picks the matching column).
    ``ts_headline`` ran on the masked text (``pg_search.masked``): the fragment's
    characters are taken back from the original."""
    if snippet and SNIPPET_START not in snippet and headline and headline_snippet \
            and SNIPPET_START in headline_snippet:
        return _unmask(headline, headline_snippet)[0]
    restored, at, end = _unmask(body, snippet or "")
    if at < 0 or end == at:
        return restored
    before, after = body[:at], body[end:]
    # what was cut: "…"; only spaces and punctuation (the text's last "."): kept
    return ((_ELLIPSIS if _WORD.search(before) else before.lstrip()) + restored
            + (_ELLIPSIS if _WORD.search(after) else after.rstrip()))


def _unmask(original: str, snippet: str) -> tuple[str, int, int]:
    """``snippet`` (markers in a fragment of ``masked(original)``) with the original's
    characters, and where the fragment starts and ends in ``original`` (-1 if not found)."""
    plain = snippet.replace(SNIPPET_START, "").replace(SNIPPET_END, "")
    at = masked(original).find(plain) if plain else -1
    if at < 0:
        return snippet, -1, -1
    out, i = [], at
    for ch in snippet:
        if ch in (SNIPPET_START, SNIPPET_END):
            out.append(ch)
        else:
            out.append(original[i])
            i += 1
    return "".join(out), at, i


def _nul_safe_dumpers() -> list[type]:
    """psycopg's str dumpers (text and binary), replacing NUL, which PostgreSQL text
    cannot hold, by U+FFFD: one character for one, so offsets into a text stay right, and
    a looked-up id or word with a NUL finds nothing, as on SQLite, instead of failing."""
    from psycopg.types import string

    def safe(base: Any) -> type:
        def dump(self: Any, obj: str) -> Any:
            return base.dump(self, obj.replace("\x00", "\ufffd") if "\x00" in obj else obj)

        return type(f"NulSafe{base.__name__}", (base,), {"dump": dump})

    return [safe(string.StrDumperUnknown), safe(string.StrBinaryDumper)]


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    for dumper in _NUL_SAFE:
        dbapi_connection.adapters.register_dumper(str, dumper)


_NUL_SAFE = _nul_safe_dumpers()


def _postgres_url(raw: str) -> URL:
    try:
        url = make_url(raw)
    except ArgumentError as exc:
        raise StoreError(f"cannot read store location: {exc}") from exc
    return url.set(drivername="postgresql+psycopg")


def open_postgres(location: str) -> PostgresStore:
    """Open the store in the PostgreSQL database at ``location`` (a ``postgresql://``
    URL), creating or migrating its schema. The database itself must exist."""
    url = _postgres_url(location)
    where = url.set(drivername="postgresql").render_as_string(hide_password=True)
    # No pool_pre_ping (a round trip per read): after a server restart the first read on
    # a stale connection fails (a StoreError) and SQLAlchemy drops the whole pool.
    engine = create_engine(url)
    event.listen(engine, "connect", _on_connect)
    store = PostgresStore(engine, where)
    try:
        with engine.begin() as conn:
            conn.execute(select(func.pg_advisory_xact_lock(SCHEMA_LOCK)))
            before = sch.ensure_schema(conn, where)
    except DBAPIError as exc:
        engine.dispose()
        raise StoreError(
            f"cannot open store {where}: {db_message(exc)} (check that the server is running and reachable, "
            "that the database exists (createdb), and your credentials: the URL's user, PGPASSWORD or "
            "~/.pgpass, and ?sslmode= when the server requires TLS)") from exc
    except BaseException:
        engine.dispose()
        raise
    logger.debug("opened store %s (schema version was %d)", where, before)
    return store
