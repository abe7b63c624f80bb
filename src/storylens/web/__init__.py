"""Web app and JSON API over a Storylens store (FastAPI, server-rendered Jinja2 pages).

>>> app = create_app("storylens.db")             # doctest: +SKIP
>>> serve("storylens.db", "127.0.0.1", 8000, False, None)   # doctest: +SKIP
"""

from __future__ import annotations

from .app import create_app, serve

__all__ = ["create_app", "serve"]
