"""Rendered pages cached until the store changes.

The web app is read-only by default, so a page rendered once stays right until the
store file changes. The store's version is the size and modification time of the SQLite
file and its write-ahead log (a commit by any process, ``storylens ingest`` included,
changes one of them); a different version empties the cache. Stores that are not a file
(in memory, or a database URL) are never cached.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar, cast

from starlette.responses import Response

__all__ = ["PageCache"]

Version = tuple[tuple[int, int], ...]
T = TypeVar("T")


class PageCache:
    """An LRU of successful responses (status 200) keyed by request path and query, and a
    small LRU of computed values (the filtered story listings) under the same rule."""

    def __init__(self, store_file: str, max_pages: int = 512, max_values: int = 64) -> None:
        path = Path(store_file)
        self._files = (path, path.with_name(path.name + "-wal")) if path.is_file() else ()
        self._max = max_pages
        self._max_values = max_values
        self._pages: OrderedDict[str, tuple[bytes, int, dict[str, str], str | None]] = OrderedDict()
        self._values: OrderedDict[str, Any] = OrderedDict()
        self._version: Version | None = None
        self._lock = threading.Lock()

    @property
    def active(self) -> bool:
        """Whether anything is kept (the store is a file); else every value is recomputed."""
        return bool(self._files)

    def _renew(self, version: Version) -> None:
        """Empty both caches when the store changed (caller holds the lock)."""
        if version != self._version:
            self._pages.clear()
            self._values.clear()
            self._version = version

    def get_or_compute(self, key: str, compute: Callable[[], T]) -> T:
        """``compute()``'s value, kept until the store changes. Callers must not mutate it."""
        version = self._current_version()
        if version is None:
            return compute()
        with self._lock:
            self._renew(version)
            if key in self._values:
                self._values.move_to_end(key)
                return cast(T, self._values[key])
        value = compute()
        with self._lock:
            if self._version == version:
                self._values[key] = value
                while len(self._values) > self._max_values:
                    self._values.popitem(last=False)
        return value

    def _current_version(self) -> Version | None:
        if not self._files:
            return None
        stamps = []
        for file in self._files:
            try:
                st = os.stat(file)
            except FileNotFoundError:
                stamps.append((0, 0))
                continue
            stamps.append((st.st_size, st.st_mtime_ns))
        return tuple(stamps)

    def get_or_render(self, key: str, render: Callable[[], Response]) -> Response:
        version = self._current_version()
        if version is None:
            return render()
        with self._lock:
            self._renew(version)
            hit = self._pages.get(key)
            if hit is not None:
                self._pages.move_to_end(key)
        if hit is not None:
            body, status, headers, media_type = hit
            return Response(body, status_code=status, headers=headers, media_type=media_type)
        response = render()
        if response.status_code == 200:
            entry = (bytes(response.body), response.status_code, dict(response.headers), response.media_type)
            with self._lock:
                if self._version == version:
                    self._pages[key] = entry
                    while len(self._pages) > self._max:
                        self._pages.popitem(last=False)
        return response
