"""``fewer_collections`` raises the collector's young-generation threshold for a block only."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from types import SimpleNamespace
from typing import cast

import pytest

from storylens.collector import BATCH_GC_THRESHOLD, fewer_collections


@pytest.fixture(autouse=True)
def _default_threshold() -> Iterator[None]:
    found = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    yield
    gc.set_threshold(*found)


def test_the_threshold_is_raised_in_the_block_and_restored_after() -> None:
    with fewer_collections():
        assert gc.get_threshold() == (BATCH_GC_THRESHOLD, 10, 10)
        with fewer_collections():
            assert gc.get_threshold() == (BATCH_GC_THRESHOLD, 10, 10)
        assert gc.get_threshold() == (BATCH_GC_THRESHOLD, 10, 10)  # the outer block is still open
    assert gc.get_threshold() == (700, 10, 10)


def test_restored_when_the_block_fails_and_a_higher_threshold_is_kept() -> None:
    with pytest.raises(RuntimeError), fewer_collections():
        raise RuntimeError("boom")
    assert gc.get_threshold() == (700, 10, 10)
    gc.set_threshold(2 * BATCH_GC_THRESHOLD, 10, 10)
    with fewer_collections():
        assert gc.get_threshold()[0] == 2 * BATCH_GC_THRESHOLD
    assert gc.get_threshold() == (2 * BATCH_GC_THRESHOLD, 10, 10)


def test_blocks_in_two_threads_restore_the_threshold_once_both_are_done() -> None:
    entered, leave = threading.Event(), threading.Event()

    def other() -> None:
        with fewer_collections():
            entered.set()
            leave.wait(5)

    thread = threading.Thread(target=other)
    with fewer_collections():
        thread.start()
        entered.wait(5)
    assert gc.get_threshold()[0] == BATCH_GC_THRESHOLD  # the other thread's block is still open
    leave.set()
    thread.join(5)
    assert gc.get_threshold() == (700, 10, 10)


def test_the_per_article_stages_run_with_the_raised_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    import storylens.pipeline as pipeline
    from storylens.model import RawDocument, Skipped

    seen: list[int] = []

    def clean(raw: RawDocument) -> Skipped:
        seen.append(gc.get_threshold()[0])
        return Skipped(raw.source, "not read")

    monkeypatch.setattr(pipeline, "clean_document", clean)
    raw = cast(RawDocument, SimpleNamespace(source="a.txt"))
    assert len(pipeline.process_documents(pipeline.Chunk([raw], extract=False)).skipped) == 1
    assert seen == [BATCH_GC_THRESHOLD] and gc.get_threshold() == (700, 10, 10)
