"""Rendered pages cached until the store changes.

The web app is read-only by default, so a page rendered once stays right until the
store changes. The cache asks the store for its version (``Store.version()``: on SQLite
the size and modification time of the file and its write-ahead log; on PostgreSQL a
counter every write transaction bumps), so a commit by any process, ``storylens ingest``
included, empties it; this works on every store.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar, cast

from starlette.responses import Response

__all__ = ["PageCache"]

Version = Hashable
T = TypeVar("T")
_MISSING = object()


class PageCache:
    """An LRU of successful responses (status 200) keyed by request path and query, and a
    small LRU of computed values (the filtered story listings) under the same rule."""

    def __init__(self, version: Callable[[], Hashable], max_pages: int = 512, max_values: int = 64) -> None:
        self._store_version = version
        self._max = max_pages
        self._max_values = max_values
        self._pages: OrderedDict[str, tuple[bytes, int, dict[str, str], str | None]] = OrderedDict()
        self._values: OrderedDict[str, Any] = OrderedDict()
        self._version: Version | None = None
        self._lock = threading.Lock()

    def _renew(self, version: Version) -> None:
        """Empty both caches when the store changed (caller holds the lock)."""
        if version != self._version:
            self._pages.clear()
            self._values.clear()
            self._version = version

    def get_or_compute(self, key: str, compute: Callable[[], T]) -> T:
        """``compute()``'s value, kept until the store changes. Callers must not mutate it."""
        version = self._store_version()
        hit = self._lookup(self._values, key, version)
        if hit is not _MISSING:
            return cast(T, hit)
        value = compute()
        self._keep(self._values, self._max_values, key, value, version)
        return value

    def _lookup(self, table: OrderedDict[str, Any], key: str, version: Version) -> Any:
        """The entry kept under ``key`` (``_MISSING`` if none), after emptying both caches
        if the store changed."""
        with self._lock:
            self._renew(version)
            hit = table.get(key, _MISSING)
            if hit is not _MISSING:
                table.move_to_end(key)
            return hit

    def _keep(self, table: OrderedDict[str, Any], limit: int, key: str, value: Any, version: Version) -> None:
        """Keep ``value`` unless the store changed while it was computed; drop the least
        recently used entries beyond ``limit``."""
        with self._lock:
            if self._version == version:
                table[key] = value
                while len(table) > limit:
                    table.popitem(last=False)

    def get_or_render(self, key: str, render: Callable[[], Response]) -> Response:
        version = self._store_version()
        hit = self._lookup(self._pages, key, version)
        if hit is not _MISSING:
            body, status, headers, media_type = hit
            return Response(body, status_code=status, headers=headers, media_type=media_type)
        response = render()
        if response.status_code == 200:
            entry = (bytes(response.body), response.status_code, dict(response.headers), response.media_type)
            self._keep(self._pages, self._max, key, entry, version)
        return response
