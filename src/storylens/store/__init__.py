"""Article store: the ``Store`` protocol (``store.base``) and its SQLite implementation
(SQLAlchemy Core over SQLite: WAL, FTS5 search).

>>> with open_store("news.db") as store:          # doctest: +SKIP
...     store.add_articles(articles)
...     hits = store.search('"central bank" rates')
"""

from __future__ import annotations

from .base import SNIPPET_END, SNIPPET_START, AddResult, SearchHit, Store
from .store import SQLiteStore, open_store

__all__ = ["open_store", "Store", "SQLiteStore", "AddResult", "SearchHit", "SNIPPET_START", "SNIPPET_END"]


def _implements_the_protocol(store: SQLiteStore) -> Store:
    return store  # mypy checks that SQLiteStore is a Store
