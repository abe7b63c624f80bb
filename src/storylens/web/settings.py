"""The web app's settings: request limits and what one search may cost.

``WebSettings`` is the ``web`` section of ``storylens.config.Settings``. ``storylens
serve`` passes the loaded section to ``create_app(..., settings=)``; the app applies it
around every request (``WebSettingsMiddleware``) and the views and parameter checks read
it with ``current()`` (the defaults outside a request).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..scoped import SettingsScope

if TYPE_CHECKING:
    from ..store.listing import SearchBudget

__all__ = ["WebSettings", "web_settings", "current"]


@dataclass(frozen=True)
class WebSettings:
    """See ``docs/settings.md`` for what each one does."""

    max_body_bytes: int = 16 * 1024 * 1024  # a request body (POST /api/ingest) larger than this: 413
    max_limit: int = 100  # items per page of a list
    max_offset: int = 100_000  # items a list may skip
    max_search_window: int = 1000  # search ranks every match; offset + limit stays below this
    search_max_terms: int = 16  # words one search may have (prefixes included) ...
    search_max_prefixes: int = 4  # ... prefixes (``word*``) ...
    search_seconds: float = 1.0  # ... and seconds of the database's time, else 400

    @property
    def search_budget(self) -> SearchBudget:
        """The search bounds as the store takes them."""
        from ..store.listing import SearchBudget

        return SearchBudget(self.search_max_terms, self.search_max_prefixes, self.search_seconds)


_SCOPE = SettingsScope("storylens_web_settings", WebSettings())

#: ``with web_settings(settings):`` answers requests with ``settings`` inside the block.
web_settings = _SCOPE.applied
#: The settings in force: those of the enclosing ``web_settings`` block, else the defaults.
current = _SCOPE.current
