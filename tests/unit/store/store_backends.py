"""Helpers of the store tests that run on both backends (see conftest.py)."""

from __future__ import annotations


def is_postgres(location: object) -> bool:
    return str(location).startswith("postgresql://")


def raw_rows(location: object, sql: str) -> list[tuple[object, ...]]:
    """Rows of ``sql`` read outside the store (sqlite3 or psycopg, autocommitted)."""
    if is_postgres(location):
        import psycopg

        with psycopg.connect(str(location), autocommit=True) as conn:
            cur = conn.execute(sql)  # type: ignore[arg-type]
            return [tuple(r) for r in cur.fetchall()] if cur.description else []
    import sqlite3

    with sqlite3.connect(str(location)) as conn:
        return conn.execute(sql).fetchall()
