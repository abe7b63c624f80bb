"""``keep_freed_memory`` fixes glibc's malloc thresholds once per process, where the model loads."""

from __future__ import annotations

import platform

from storylens.allocator import keep_freed_memory
from storylens.extract.nlp import load_nlp


def test_the_thresholds_are_fixed_once_where_glibc_is_the_allocator() -> None:
    expected = platform.system() == "Linux" and platform.libc_ver()[0] == "glibc"
    assert keep_freed_memory() is expected
    assert keep_freed_memory() is expected  # again: nothing more to do


def test_loading_the_model_fixes_them() -> None:
    load_nlp()
    assert keep_freed_memory.cache_info().currsize == 1
