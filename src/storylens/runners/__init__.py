"""Runners: how the per-article stages (clean, extract) are mapped over chunks of input.

The pipeline hands a runner a picklable function and an iterable of chunks; the runner
yields one result per chunk, **in the order of the chunks**, so results never depend on
which worker finished first. ``SerialRunner`` runs in this process; ``ProcessPoolRunner``
in N worker processes (each loads the spaCy model once and keeps it); ``DaskRunner``
(``runners.dask``) as Dask tasks on a local or remote cluster. ``make_runner`` opens the
one the settings name and closes it (a Dask cluster) when the run is done.
"""

from __future__ import annotations

import multiprocessing
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Protocol, TypeVar

__all__ = ["Runner", "SerialRunner", "ProcessPoolRunner", "make_runner"]

T = TypeVar("T")
R = TypeVar("R")


class Runner(Protocol):
    """Maps ``func`` over ``chunks`` and yields the results in the chunks' order."""

    workers: int

    def map(self, func: Callable[[T], R], chunks: Iterable[T]) -> Iterator[R]: ...


class SerialRunner:
    """Every chunk in this process, one after the other."""

    workers = 1

    def map(self, func: Callable[[T], R], chunks: Iterable[T]) -> Iterator[R]:
        for chunk in chunks:
            yield func(chunk)


class ProcessPoolRunner:
    """Chunks spread over ``workers`` processes; at most ``2 x workers`` chunks in flight,
    so memory stays bounded however long the input is."""

    def __init__(self, workers: int) -> None:
        if workers < 1:
            raise ValueError(f"a process pool needs at least 1 worker, got {workers}")
        self.workers = workers

    def map(self, func: Callable[[T], R], chunks: Iterable[T]) -> Iterator[R]:
        context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
        with ProcessPoolExecutor(max_workers=self.workers, mp_context=context) as pool:
            pending: deque[Future[R]] = deque()
            for chunk in chunks:
                pending.append(pool.submit(func, chunk))
                if len(pending) >= 2 * self.workers:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()


@contextmanager
def make_runner(processes: int = 1, dask: str = "") -> Iterator[Runner]:
    """The runner for ``--processes N`` or, when ``dask`` is an address, ``--dask``
    (``local``, ``local:N``, ``tcp://host:port``); a Dask cluster it starts or joins is
    shut down or left on exit."""
    if dask:
        from .dask import DaskRunner

        with DaskRunner(dask) as runner:
            yield runner
    else:
        yield SerialRunner() if processes <= 1 else ProcessPoolRunner(processes)
