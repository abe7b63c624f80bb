"""Article store: SQLAlchemy Core over SQLite (WAL, FTS5 search).

>>> with open_store("news.db") as store:          # doctest: +SKIP
...     store.add_articles(articles)
...     hits = store.search('"central bank" rates')
"""

from __future__ import annotations

from .store import SNIPPET_END, SNIPPET_START, AddResult, SearchHit, Store, open_store

__all__ = ["open_store", "Store", "AddResult", "SearchHit", "SNIPPET_START", "SNIPPET_END"]
