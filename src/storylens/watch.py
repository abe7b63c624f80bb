"""``storylens watch``: poll feeds (or OPML lists of feeds) and ingest new entries.

Each round reads the feeds through the one source stage (``pipeline.read_inputs`` with a
fetcher: conditional GETs, summary-only entries' pages fetched) and ingests what it
yields through ``pipeline.ingest``, the same pipeline as ``storylens ingest``: an entry
already stored is counted as present and not processed again, a changed one is stored
as a new version (``store.versions``). The ETag / Last-Modified of the round's answers are
saved after its ingest (``Fetcher.keep_validators``), so a round that dies before its
commit is fetched in full by the next. Rounds repeat every ``every`` seconds (counted
from the start of the round) until ``stop`` is set; a round in progress is finished
first, so stopping never leaves a half-ingested chunk.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .model import Skipped
from .pipeline import Ingested, ingest, read_inputs

if TYPE_CHECKING:
    from .fetch import Fetcher
    from .store import Store

__all__ = ["Watched", "watch"]


@dataclass
class Watched:
    """What a watch did over all its rounds."""

    rounds: int = 0
    added: int = 0
    already_present: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)


def watch(store: "Store", feeds: Sequence[Path | str], *, fetcher: "Fetcher", every: float, once: bool = False,
          stop: threading.Event | None = None, on_round: Callable[[int, Ingested], None] | None = None,
          **options: Any) -> Watched:
    """Ingest the entries of ``feeds`` into ``store`` every ``every`` seconds until
    ``stop`` is set (after one round with ``once``). ``on_round`` hears of each round's
    result; ``options`` are those of ``pipeline.ingest``."""
    stop = stop or threading.Event()
    total = Watched()
    while True:
        started = time.monotonic()
        now = datetime.now(timezone.utc)
        result = ingest(store, read_inputs(feeds, fetched_at=now, fetcher=fetcher), **options)
        fetcher.keep_validators()  # only now that the round's articles are committed
        total.rounds += 1
        total.added += result.added
        total.already_present += result.already_present
        total.skipped.extend(result.skipped)
        known = set(total.article_ids)
        total.article_ids.extend(i for i in result.article_ids if i not in known)
        if on_round:
            on_round(total.rounds, result)
        if once or stop.is_set():
            return total
        if stop.wait(max(0.0, every - (time.monotonic() - started))):
            return total
