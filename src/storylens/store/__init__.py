"""Article store: the ``Store`` protocol (``store.base``) and its implementations in
SQLAlchemy Core: SQLite (WAL, FTS5 search) and PostgreSQL (psycopg 3, tsvector search),
chosen by ``open_store`` from the location (a path or a ``postgresql://`` URL).

>>> with open_store("news.db") as store:          # doctest: +SKIP
...     store.add_articles(articles)
...     hits = store.search('"central bank" rates')
"""

from __future__ import annotations

from .base import SNIPPET_END, SNIPPET_START, AddResult, SearchHit, Store
from .common import SQLStore
from .store import SQLiteStore, open_store

__all__ = ["open_store", "Store", "SQLStore", "SQLiteStore", "AddResult", "SearchHit", "SNIPPET_START",
           "SNIPPET_END"]


def _implements_the_protocol(store: SQLStore) -> Store:
    return store  # mypy checks that SQLiteStore and PostgresStore (SQLStores) are Stores
