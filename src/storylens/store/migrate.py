"""Copy one store into another (``storylens migrate``): typically a SQLite file into a
PostgreSQL database, or back.

Every table of the shared schema is copied row by row as stored (ids, times,
``ingested_at`` and JSON columns unchanged): articles with their child rows and
extraction records, ``article_terms``, ``skipped``, stories with ``story_entities``,
and the comparisons. The target's own search index (FTS5 triggers, or PostgreSQL's
generated ``search_vector``) fills itself as rows arrive. The whole copy is one
transaction on the target, read from one snapshot of the source; afterwards every
table's row count is compared on both sides.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from sqlalchemy import Connection, Table, func, insert, select

from ..errors import StoreError
from . import schema as sch
from .common import SQLStore

__all__ = ["copy_store", "copied_tables"]

logger = logging.getLogger(__name__)

_CHUNK = 1000


def copied_tables() -> list[Table]:
    """The tables a copy covers, parents before children (foreign keys)."""
    return [t for t in sch.metadata.sorted_tables if t is not sch.schema_version]


def _counts(conn: Connection) -> dict[str, int]:
    return {t.name: int(conn.execute(select(func.count()).select_from(t)).scalar_one()) for t in copied_tables()}


def copy_store(source: SQLStore, target: SQLStore, progress: Callable[[str, int], None] | None = None
               ) -> dict[str, int]:
    """Copy every row of ``source`` into ``target``, which must hold no articles,
    stories, comparisons or skipped inputs yet; return the rows per table. Raises
    StoreError when the target is not empty or a count differs after the copy.
    ``progress(table, rows)`` is called after each chunk."""
    with target._read() as conn:
        held = {name: n for name, n in _counts(conn).items() if n}
    if held:
        raise StoreError(
            f"cannot migrate into {target.where}: it already holds "
            + ", ".join(f"{n} {name}" for name, n in sorted(held.items()))
            + " rows; migrate into an empty store (a new database or file)")
    with source._read() as src, target._write() as dst:
        for table in copied_tables():
            order = list(table.primary_key.columns) or list(table.columns)
            done = 0
            result = src.execution_options(yield_per=_CHUNK).execute(select(table).order_by(*order))
            for rows in result.mappings().partitions(_CHUNK):
                dst.execute(insert(table), [dict(r) for r in rows])
                done += len(rows)
                if progress:
                    progress(table.name, done)
            logger.info("copied %d rows of %s", done, table.name)
        expected = _counts(src)
    with target._read() as conn:
        found = _counts(conn)
    wrong = {name: (n, found.get(name)) for name, n in expected.items() if found.get(name) != n}
    if wrong:
        raise StoreError(f"migration into {target.where} is incomplete: " + ", ".join(
            f"{name} has {got} rows, the source {n}" for name, (n, got) in sorted(wrong.items())))
    return found
