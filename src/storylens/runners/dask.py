"""The Dask runner: the per-article stages as Dask tasks, on this machine or a cluster.

``DaskRunner(address)`` with ``address``:

* ``local``: a ``LocalCluster`` of one worker process per core (1 thread each; fewer
  when memory is short: each worker needs ``WORKER_MEMORY``);
* ``local:N``: a ``LocalCluster`` of N worker processes;
* ``tcp://host:port``: the scheduler of an existing cluster (``dask scheduler`` and
  ``dask worker`` on the machines; see docs/scaling.md). Every worker must have the same
  Storylens installed (it is checked on connecting).

One task is one chunk (``process_documents(chunk)``); at most ``2 x workers`` chunks are
in flight, so memory stays bounded on inputs of any length, and results are yielded in
the chunks' order. A worker process loads the spaCy model once (``extract.nlp.load_nlp``
caches it per process) and keeps it for every task it runs. A task that raises raises
the same exception from ``map`` (as the process pool does); a worker killed under a
task (out of memory) is retried on another worker by Dask and, if it dies again, raises
``distributed.KilledWorker``.

The runner owns the cluster and client it creates: ``close()`` (or ``with``) shuts a
``LocalCluster`` down and disconnects from a remote scheduler (which keeps running).
"""

from __future__ import annotations

import logging
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar

from ..errors import StorylensError

if TYPE_CHECKING:
    from distributed import Client, Future, LocalCluster

__all__ = ["DaskRunner", "DaskAddress", "RunnerError", "parse_address", "WORKER_MEMORY", "ADDRESS_FORMS"]

log = logging.getLogger(__name__)

T = TypeVar("T")
R = TypeVar("R")

#: Memory one worker process is given at least: the spaCy model (~0.5 GiB resident)
#: plus the NLP pass over the longest text a chunk may hold (``pipeline.max_article_chars``:
#: ~1 GiB per 100,000 characters), with headroom for Dask's own bookkeeping.
WORKER_MEMORY = 2 * 1024**3
#: How long to wait for a remote scheduler, and for its first worker.
CONNECT_TIMEOUT_S = 30
#: Dask settings of the workers of a local cluster (a remote cluster's are its own:
#: ``DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED=False``, docs/scaling.md).
WORKER_CONFIG = {"distributed.worker.profile.enabled": False}
ADDRESS_FORMS = "local, local:N (N worker processes) or tcp://HOST:PORT (a running Dask scheduler)"

_LOCAL = re.compile(r"local(?::(\d+))?")
_TCP = re.compile(r"tcp://(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9_.-]+):(\d{1,5})")


class RunnerError(StorylensError):
    """A runner that cannot be set up: a bad address, a scheduler out of reach, workers
    without Storylens."""


@dataclass(frozen=True)
class DaskAddress:
    """A parsed ``--dask`` value: ``scheduler`` for a remote cluster, else a local
    cluster of ``workers`` processes (``None``: as many as the machine allows)."""

    scheduler: str | None = None
    workers: int | None = None


def parse_address(address: str) -> DaskAddress:
    """``local``, ``local:N`` or ``tcp://host:port``; RunnerError for anything else."""
    text = address.strip()
    if local := _LOCAL.fullmatch(text):
        if local.group(1) is None:
            return DaskAddress()
        workers = int(local.group(1))
        if not 1 <= workers <= 1024:
            raise RunnerError(f"--dask {address!r}: a local cluster needs 1 to 1024 workers, not {workers}")
        return DaskAddress(workers=workers)
    if tcp := _TCP.fullmatch(text):
        if not 1 <= int(tcp.group(2)) <= 65535:
            raise RunnerError(f"--dask {address!r}: the port must be 1 to 65535")
        return DaskAddress(scheduler=text)
    raise RunnerError(f"--dask {address!r} is not a Dask address: give {ADDRESS_FORMS}")


def local_workers(total_memory: int, cores: int) -> int:
    """Workers for ``local``: one per core, but no more than memory gives each
    ``WORKER_MEMORY``."""
    return max(1, min(cores, total_memory // WORKER_MEMORY))


class DaskRunner:
    """Chunks as Dask tasks over the workers of a local or remote cluster; results in
    the chunks' order, at most ``2 x workers`` chunks in flight."""

    def __init__(self, address: str = "local", *, timeout: float = CONNECT_TIMEOUT_S) -> None:
        spec = parse_address(address)
        self.address = address
        self._timeout = timeout
        self._cluster: LocalCluster | None = None
        # Dask logs every start, connection and stop at INFO: kept for -vv (DEBUG) only;
        # its warnings (a worker killed at shutdown) go as ours do (none with -q).
        import distributed  # noqa: F401  (its import sets the "distributed" logger's level)

        self._dask_log = logging.getLogger("distributed")
        self._dask_log_level = self._dask_log.level
        if not log.isEnabledFor(logging.DEBUG):
            self._dask_log.setLevel(max(logging.WARNING, log.getEffectiveLevel()))
        try:
            self._start(spec)
        except BaseException:
            self._dask_log.setLevel(self._dask_log_level)
            raise
        self.workers = self._threads()

    def _start(self, spec: DaskAddress) -> None:
        import dask
        from dask.system import CPU_COUNT
        from distributed import Client, LocalCluster
        from distributed.system import MEMORY_LIMIT

        if spec.scheduler is None:
            workers = spec.workers or local_workers(MEMORY_LIMIT, CPU_COUNT)
            if MEMORY_LIMIT // workers < WORKER_MEMORY:
                log.warning("%d Dask workers get %.1f GiB of memory each, less than the %.0f GiB one may need",
                            workers, MEMORY_LIMIT / workers / 1024**3, WORKER_MEMORY / 1024**3)
            # memory_limit "auto": the machine's memory (or its cgroup's) shared evenly,
            # so the workers together never plan on more than there is.
            # Loopback only; the scheduler's HTTP endpoints on a free port, no dashboard;
            # no statistical profiler in the workers (it samples the stack every 10 ms).
            with dask.config.set(WORKER_CONFIG):
                self._cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                             host="127.0.0.1", dashboard_address=":0",
                                             scheduler_kwargs={"dashboard": False}, silence_logs=logging.ERROR,
                                             memory_limit="auto")
            try:
                self._client = Client(self._cluster, set_as_default=False)
            except BaseException:
                self._cluster.close()
                raise
        else:
            try:
                self._client = Client(spec.scheduler, timeout=self._timeout, set_as_default=False)
            except OSError as exc:
                raise RunnerError(f"cannot reach the Dask scheduler at {spec.scheduler}: {exc}") from exc
            try:
                self._check_workers()
            except BaseException:
                self._client.close()
                raise

    @property
    def client(self) -> "Client":
        """The ``distributed.Client`` the chunks are submitted through (e.g. to ask the
        workers something with ``client.run``)."""
        return self._client

    def _threads(self) -> int:
        threads: dict[str, int] = self._client.nthreads()
        return max(1, sum(threads.values()))

    def _check_workers(self) -> None:
        """A remote cluster: at least one worker, each with this Storylens installed."""
        import importlib.metadata

        try:
            self._client.wait_for_workers(1, timeout=self._timeout)
        except TimeoutError as exc:
            raise RunnerError(f"the Dask scheduler at {self.address} has no workers "
                              f"(start some with `dask worker {self.address}`)") from exc
        ours = importlib.metadata.version("storylens")
        try:
            theirs: dict[str, Any] = self._client.run(importlib.metadata.version, "storylens")
        except importlib.metadata.PackageNotFoundError as exc:
            raise RunnerError(f"a Dask worker of {self.address} has no Storylens installed "
                              f"(install storylens {ours} where the workers run)") from exc
        wrong = {worker: version for worker, version in theirs.items() if version != ours}
        if wrong:
            raise RunnerError(f"Dask workers of {self.address} run another Storylens than {ours}: "
                              + ", ".join(f"{w} has {v}" for w, v in sorted(wrong.items())))

    def map(self, func: Callable[[T], R], chunks: Iterable[T]) -> Iterator[R]:
        self.workers = self._threads()  # a remote cluster may have grown or shrunk
        pending: deque[Future[R]] = deque()
        try:
            for chunk in chunks:
                pending.append(self._client.submit(func, chunk, pure=False))
                if len(pending) >= 2 * self.workers:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:  # a failed chunk or an abandoned map: the rest are not computed
            for future in pending:
                future.cancel()

    def close(self) -> None:
        """Disconnect; shut the local cluster down if this runner started it."""
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None
        self._dask_log.setLevel(self._dask_log_level)

    def __enter__(self) -> "DaskRunner":
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()
