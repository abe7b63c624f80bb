"""Fewer runs of Python's cyclic garbage collector while a batch is processed.

With Python's default threshold a young-generation collection runs after every 700 new
container objects, and every few hundred of them a full collection walks every object
alive: the loaded model, and the articles, features and comparisons the run keeps until
it ends, more of them with each chunk. On 995 GVA articles in one process that cost
about 3 CPU s of 77 (eleven full collections); bare spaCy over the same texts, with
nothing kept, runs none. Almost everything a stage builds is freed by reference
counting, not by the collector, so ``fewer_collections`` raises the young-generation
threshold for the duration of a block (nested and concurrent blocks share it; the
last one out restores the threshold it found).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["BATCH_GC_THRESHOLD", "fewer_collections"]

#: Young-generation threshold while a batch is processed (Python's default: 700).
BATCH_GC_THRESHOLD = 50_000

_lock = threading.Lock()
_open_blocks = 0
_found: tuple[int, int, int] = gc.get_threshold()


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Run the block with the young-generation threshold at least ``BATCH_GC_THRESHOLD``."""
    global _open_blocks, _found
    with _lock:
        if _open_blocks == 0:
            _found = gc.get_threshold()
            gc.set_threshold(max(_found[0], BATCH_GC_THRESHOLD), *_found[1:])
        _open_blocks += 1
    try:
        yield
    finally:
        with _lock:
            _open_blocks -= 1
            if _open_blocks == 0:
                gc.set_threshold(*_found)
