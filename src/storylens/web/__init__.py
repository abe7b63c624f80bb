"""Web app and JSON API over a Storylens store (FastAPI, server-rendered Jinja2 pages).

>>> app = create_app("storylens.db")             # doctest: +SKIP
>>> serve("storylens.db", "127.0.0.1", 8000, False, None)   # doctest: +SKIP

The app is imported on first use, so that reading the ``web`` settings section
(``storylens.web.settings``, as ``storylens.config`` does) does not load FastAPI.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .app import create_app, serve

__all__ = ["create_app", "serve"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import app

        return getattr(app, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
