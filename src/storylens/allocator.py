"""Freed memory kept for the NLP pass's next batch (glibc's malloc; elsewhere nothing).

Each batch of the spaCy pass allocates and frees arrays of several to tens of MiB. By
default glibc's malloc moves its thresholds as it goes and gives the free top of the
heap back to the system once more than twice its current mmap threshold (at most
64 MiB) is free; the next batch then takes the same memory back, every page faulted in
and zeroed by the kernel again. Whether that happens on a batch depends on what else the
process holds: in ``extract_articles`` over the first 1,000 GVA dev articles (969 kept),
in one process, the heap went up and down by about 1.3 GB per 200 articles, 4-5 CPU s
of the extract stage's ~59; the same extractors called from a plain loop over the same
docs, by 0.3 GB.

``keep_freed_memory`` fixes the two thresholds once per process, where the model is
loaded: blocks from 32 MiB up are still mapped on their own and unmapped when freed (the
largest mmap threshold glibc's own adjustment reaches), and the heap's free top goes back
to the system only past 256 MiB (more than one batch frees at once). It changes no
result, only how often the same memory is handed back and taken again; the process keeps
at most 256 MiB of freed heap for reuse.
"""

from __future__ import annotations

import ctypes
import logging
import platform
from functools import lru_cache

__all__ = ["MMAP_THRESHOLD", "TRIM_THRESHOLD", "keep_freed_memory"]

log = logging.getLogger(__name__)

#: Blocks at least this large are mapped on their own (glibc's ``M_MMAP_THRESHOLD``).
MMAP_THRESHOLD = 32 << 20
#: Free heap top kept for reuse before it goes back to the system (``M_TRIM_THRESHOLD``).
TRIM_THRESHOLD = 256 << 20
_M_TRIM_THRESHOLD = -1
_M_MMAP_THRESHOLD = -3


@lru_cache(maxsize=1)
def keep_freed_memory() -> bool:
    """Fix malloc's thresholds (module docstring) once per process; True when set (glibc)."""
    if platform.system() != "Linux" or platform.libc_ver()[0] != "glibc":
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    done = bool(mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD)) and bool(mallopt(_M_TRIM_THRESHOLD, TRIM_THRESHOLD))
    log.debug("malloc thresholds %s", "fixed" if done else "left as they were")
    return done
