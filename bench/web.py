"""Web app load benchmark: requests/s and p50/p95/p99 latency per page and JSON endpoint.

    .venv/bin/python bench/web.py                 # full run (about 4 minutes)
    .venv/bin/python bench/web.py --workers 2     # two uvicorn worker processes
    .venv/bin/python bench/web.py --quick --only "story page"   # smoke run of one endpoint
    .venv/bin/python bench/web.py --pg --only "story page"      # on SQLite, then on a throwaway PostgreSQL
    .venv/bin/python bench/web.py --pg --src /tmp/old --src .   # two versions side by side on each store

1. Builds (once; reused if present) a store of 10,000 synthetic articles in 1,000
   stories with a stored comparison each (bench/web_store.py), reproducibly from a seed.
2. Starts the app with uvicorn (uvloop + httptools when installed) in a child process
   on 127.0.0.1 (a free port), with ``--workers`` processes.
3. Drives it with an open-loop generator on raw asyncio streams (keep-alive HTTP/1.1,
   a connection opened whenever none is idle; about 0.4 ms of CPU per request, where
   an httpx AsyncClient cost several ms): requests are *scheduled* at a fixed rate and
   sent at their time whether or not earlier ones have finished; latency is measured
   from the scheduled time, so queueing delay counts (no coordinated omission). Each
   step is bounded in requests and seconds; a request taking over 5 s counts as failed.
   Every step continues where the endpoint's previous one stopped, so story pages keep
   cycling through all 1,000 stories, each pass with its own query parameter (``COLD``):
   all misses, with any number of workers.
   The generator and the server share this machine's CPU cores (2 on the reference
   machine), so the numbers are a floor for a server with cores of its own.

Reports, per endpoint: the median of 30 requests sent one at a time, p50/p95/p99 and
achieved rate at 50 req/s, CPU ms per request of the server and of the generator in
that step, the page cache's state, and the highest rate in the sweep at which p95
stays at or under 250 ms. Goal: story page p95 <= 100 ms at 50 req/s.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from web_store import N_STORIES, PLACES, SEED, TOPICS, WORDS, add_comparisons, build_store

logger = logging.getLogger("bench.web")

P95_LIMIT_S = 0.250
GOAL_RATE = 50.0
GOAL_P95_S = 0.100
REQUEST_TIMEOUT_S = 5.0
MAX_IN_FLIGHT = 400

# -- server --------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve(db: str, port: int, workers: int) -> None:
    from storylens.web.app import serve

    serve(db, port=port, workers=workers, log_level="warning")


def _start_server(db: Path | str, workers: int, src: Path | None = None) -> tuple[subprocess.Popen[bytes], str]:
    """The server in a child process; with ``src``, importing storylens from ``src/src``
    (another checkout, or a ``git archive`` of another commit) instead of this one."""
    port = _free_port()
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(src / "src"), env.get("PYTHONPATH")) if p)
    proc = subprocess.Popen([sys.executable, __file__, "--serve", str(db), "--port", str(port),
                             "--workers", str(workers)], env=env)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    import httpx

    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("the server exited during start-up")
        try:
            if httpx.get(base + "/api/stories?limit=1", timeout=2).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    proc.terminate()
    raise RuntimeError("the server did not start within 60 s")


# -- load generator ------------------------------------------------------------------


@dataclass
class StepResult:
    endpoint: str
    rate: float
    sent: int
    ok: int
    failed: int
    seconds: float
    p50: float
    p95: float
    p99: float

    @property
    def achieved(self) -> float:
        return self.ok / self.seconds if self.seconds else 0.0


def _pct(values: list[float], q: float) -> float:
    if not values:
        return float("inf")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


class _Conn:
    """One keep-alive HTTP/1.1 connection on raw asyncio streams: the generator's whole
    client (an httpx AsyncClient cost several times the server's CPU per request)."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer

    async def get(self, path: str, host: bytes) -> int:
        self.writer.write(b"GET " + path.encode() + b" HTTP/1.1\r\nHost: " + host + b"\r\n\r\n")
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head[9:12])
        length = None
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        if length is None:
            raise ConnectionError("response without Content-Length")
        await self.reader.readexactly(length)
        return status


#: Endpoints measured cold. From the second pass through their paths on, each path gets a
#: query parameter the page ignores (``?pass=N``), and the one-at-a-time requests get
#: ``?alone``, so no request repeats a page-cache key: every request is a miss whatever
#: the number of workers (2 workers' caches hold 1,024 pages, more than the 1,000 stories).
COLD = ("story page",)


def _nth_path(endpoint: str, paths: list[str], n: int) -> str:
    """The ``n``-th request's path when cycling through ``paths``."""
    path, lap = paths[n % len(paths)], n // len(paths)
    return f"{path}?pass={lap}" if lap and endpoint in COLD else path


async def _step(base: str, endpoint: str, paths: list[str], rate: float, seconds: float,
                first: int = 0) -> StepResult:
    """Send ``rate * seconds`` requests at fixed times, cycling through ``paths`` from
    index ``first``; connections are reused when idle and opened when none is."""
    host_port = base.removeprefix("http://")
    host, port = host_port.rsplit(":", 1)
    count = max(1, int(rate * seconds))
    latencies: list[float] = []
    failed = 0
    idle: list[_Conn] = []
    opened: list[_Conn] = []
    in_flight = 0

    async def one(path: str, scheduled: float) -> None:
        nonlocal failed, in_flight
        in_flight += 1
        conn = idle.pop() if idle else None
        try:
            if conn is None:
                conn = _Conn(*await asyncio.open_connection(host, int(port)))
                opened.append(conn)
            status = await asyncio.wait_for(conn.get(path, host_port.encode()), REQUEST_TIMEOUT_S)
            if status == 200:
                latencies.append(time.perf_counter() - scheduled)
            else:
                failed += 1
            idle.append(conn)
        except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError, ValueError, ConnectionError):
            failed += 1
            if conn is not None:
                conn.writer.close()
        finally:
            in_flight -= 1

    start = time.perf_counter() + 0.05
    tasks = []
    for i in range(count):
        scheduled = start + i / rate
        delay = scheduled - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        if in_flight >= MAX_IN_FLIGHT:
            failed += 1  # the generator refuses to pile up more: count it as a failure
            continue
        tasks.append(asyncio.create_task(one(_nth_path(endpoint, paths, first + i), scheduled)))
    await asyncio.gather(*tasks)
    elapsed = time.perf_counter() - start
    for conn in opened:
        conn.writer.close()
    return StepResult(endpoint, rate, count, len(latencies), failed, elapsed,
                      _pct(latencies, 50), _pct(latencies, 95), _pct(latencies, 99))


def _paths(db: Path | str, rng: random.Random) -> dict[str, list[str]]:
    """Request paths per endpoint. Story pages cycle through every story of the store in
    a shuffled order (1,000: more than the page cache keeps, so each one is a miss)."""
    from storylens.store import open_store

    with open_store(db) as store:
        stories = [s.id for s in store.list_stories(limit=N_STORIES)]
        articles = [a.id for a in store.list_articles(limit=2000, offset=rng.randrange(5000))]
    story_ids = rng.sample(stories, len(stories))
    article_ids = rng.sample(articles, min(200, len(articles)))
    queries = [f'"{rng.choice(PLACES)}" {rng.choice(TOPICS).split()[-1]}' for _ in range(100)] + \
              [f"{rng.choice(WORDS)} {rng.choice(WORDS)}" for _ in range(50)]
    offsets = [rng.randrange(0, 900, 20) for _ in range(100)]
    return {
        "story list": [f"/stories?offset={o}" for o in offsets],
        "story page": [f"/stories/{i}" for i in story_ids],
        "article page": [f"/articles/{i}" for i in article_ids],
        "search": [f"/search?q={quote(q)}" for q in queries],
        "API story list": [f"/api/stories?offset={o}" for o in offsets],
        "API story": [f"/api/stories/{i}" for i in story_ids],
        "API article": [f"/api/articles/{i}" for i in article_ids],
        "API search": [f"/api/search?q={quote(q)}" for q in queries],
    }


#: What the page cache holds during each endpoint's steps (it keeps 512 pages per worker).
CACHE_STATE = {
    "story list": "warm (45 distinct pages, all cached after the warm-up)",
    "story page": "cold (1,000 stories cycled in turn, a query parameter per pass: every request a miss)",
    "API story list": "summaries cached per filter (warm), each page built per request",
}


def _service_time(base: str, urls: list[str], n: int = 30) -> float:
    """Median latency of ``n`` requests sent one at a time (the server's cost per request),
    spread evenly over ``urls`` (search: both place and common-word queries)."""
    urls = urls[::max(1, len(urls) // n)]

    async def go() -> list[float]:
        host_port = base.removeprefix("http://")
        host, port = host_port.rsplit(":", 1)
        conn = _Conn(*await asyncio.open_connection(host, int(port)))
        times = []
        for path in urls[:n]:
            t = time.perf_counter()
            await conn.get(path, host_port.encode())
            times.append(time.perf_counter() - t)
        conn.writer.close()
        return times

    return statistics.median(asyncio.run(go()))


def _cpu_seconds(pid: int) -> float:
    """User + system CPU of a process and its children (uvicorn's workers), from /proc."""
    total = 0.0
    tick = os.sysconf("SC_CLK_TCK")
    pids = [pid]
    try:
        pids += [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        pass
    for p in pids:
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / tick
    return total


def _measured_step(base: str, pid: int, endpoint: str, urls: list[str], rate: float, seconds: float,
                   cursor: dict[str, int]) -> tuple[StepResult, float, float]:
    """One step continuing the endpoint's cycle; also the CPU ms per request of the
    server and of this generator."""
    server0, gen0 = _cpu_seconds(pid), time.process_time()
    step = asyncio.run(_step(base, endpoint, urls, rate, seconds, cursor.get(endpoint, 0)))
    cursor[endpoint] = cursor.get(endpoint, 0) + step.sent
    n = max(1, step.sent)
    return step, (_cpu_seconds(pid) - server0) / n, (time.process_time() - gen0) / n


def run(db: Path | str, rates: list[float], seconds: float, goal_seconds: float, workers: int,
        only: list[str] | None = None, src: Path | None = None) -> dict[str, Any]:
    rng = random.Random(SEED + 1)
    paths = {k: v for k, v in _paths(db, rng).items() if not only or k in only}
    proc, base = _start_server(db, workers, src)
    results: dict[str, Any] = {}
    cursor: dict[str, int] = {}
    try:
        for endpoint, urls in paths.items():
            _measured_step(base, proc.pid, endpoint, urls, 10, 2.0, cursor)  # warm-up
            alone_urls = (urls[cursor[endpoint]:] + urls)[:len(urls)]
            if endpoint in COLD:
                alone_urls = [f"{u}?alone" for u in alone_urls]
            alone = _service_time(base, alone_urls)
            at_goal, server_cpu, gen_cpu = _measured_step(base, proc.pid, endpoint, urls, GOAL_RATE, goal_seconds,
                                                          cursor)
            best = None
            sweep = []
            for rate in rates:
                step = _measured_step(base, proc.pid, endpoint, urls, rate, seconds, cursor)[0]
                sweep.append(step)
                if step.p95 > P95_LIMIT_S or step.failed:
                    break
                best = rate
            results[endpoint] = {"at_50": at_goal, "sweep": sweep, "best_rate": best, "service_s": alone,
                                 "server_cpu_ms": server_cpu * 1000, "generator_cpu_ms": gen_cpu * 1000,
                                 "cache": CACHE_STATE.get(endpoint, "not cached")}
            print(f"{endpoint:15s} alone: {alone * 1000:5.1f} ms  at 50/s: p50 {at_goal.p50 * 1000:6.1f} ms  p95 {at_goal.p95 * 1000:6.1f} ms  "
                  f"p99 {at_goal.p99 * 1000:6.1f} ms  ({at_goal.achieved:.0f} req/s, {at_goal.failed} failed; CPU per request: "
                  f"server {server_cpu * 1000:.1f} ms, generator {gen_cpu * 1000:.2f} ms)  "
                  f"highest rate with p95 <= 250 ms: {best if best is not None else 'below ' + str(rates[0])}; "
                  f"page cache: {results[endpoint]['cache']}",
                  flush=True)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/storylens-bench-web.db"))
    parser.add_argument("--rebuild", action="store_true", help="rebuild the synthetic store")
    parser.add_argument("--quick", action="store_true", help="smoke run: short steps, few rates")
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes (default 1)")
    parser.add_argument("--only", action="append", help="measure only this endpoint (repeatable)")
    parser.add_argument("--serve", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--pg", action="store_true",
                        help="also on PostgreSQL: a throwaway server (tests/pg_fixture.py) holding a copy of the store")
    parser.add_argument("--src", type=Path, action="append",
                        help="serve the storylens of this checkout (DIR/src; e.g. a `git archive` of another commit) "
                             "instead of this one; repeat to measure several side by side, each on every store")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    if args.serve:
        _serve(args.serve, args.port, args.workers)
        return
    if args.rebuild and args.db.exists():
        for suffix in ("", "-wal", "-shm"):
            Path(str(args.db) + suffix).unlink(missing_ok=True)
    if not args.db.exists():
        build_store(args.db)
    add_comparisons(args.db)
    from storylens.web.app import server_options

    rates: list[float] = [25, 50, 100] if args.quick else [25, 50, 75, 100, 150, 200, 300]
    seconds, goal_seconds = (2.0, 3.0) if args.quick else (4.0, 10.0)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"store {args.db}; load average before the run {load:.1f}; {os.cpu_count()} CPU cores shared by the server "
          f"({args.workers} uvicorn worker{'s' if args.workers > 1 else ''}, {server_options() or 'default loop'}) and "
          f"this load generator (raw asyncio, keep-alive HTTP/1.1); open-loop; steps of {seconds:.0f} s, "
          f"{goal_seconds:.0f} s at 50 req/s", flush=True)
    started = time.perf_counter()
    stores: list[tuple[str, Path | str]] = [("SQLite", args.db)]
    server = None
    if args.pg:
        server, url = _postgres_copy(args.db)
        stores.append(("PostgreSQL", url))
    sources: list[Path | None] = list(args.src or [None])
    runs: dict[str, dict[str, Any]] = {}
    try:
        for store_name, location in stores:
            for src in sources:
                label = store_name + (f", {src}" if src else "")
                if len(stores) > 1 or len(sources) > 1:
                    print(f"-- {label}; load average {os.getloadavg()[0]:.1f}", flush=True)
                results = run(location, rates, seconds, goal_seconds, args.workers, args.only, src)
                if "story page" in results:
                    story = results["story page"]["at_50"]
                    verdict = "meets" if story.p95 <= GOAL_P95_S and not story.failed else "MISSES"
                    print(f"goal: story page p95 <= 100 ms at 50 req/s: {verdict} ({story.p95 * 1000:.1f} ms)",
                          flush=True)
                runs[label] = results
    finally:
        if server is not None:
            server.stop()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"total {time.perf_counter() - started:.0f} s; load average after {load:.1f}")
    if args.json:
        out = {label: {k: {**{x: y for x, y in v.items() if x not in ("at_50", "sweep")},
                           "at_50": v["at_50"].__dict__, "sweep": [s.__dict__ for s in v["sweep"]]}
                       for k, v in results.items()} for label, results in runs.items()}
        args.json.write_text(json.dumps(out[next(iter(out))] if len(out) == 1 else out, indent=2))


def _postgres_copy(db: Path) -> tuple[Any, str]:
    """A throwaway PostgreSQL server (tests/pg_fixture.py: initdb + pg_ctl, fsync on) and
    the URL of a database holding a copy of the store at ``db`` (``copy_store``, what
    ``storylens migrate`` runs)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    from pg_fixture import MISSING_MESSAGE, PostgresServer, find_bin_dir  # type: ignore[import-not-found]

    from storylens.store import open_store
    from storylens.store.migrate import copy_store

    bin_dir = find_bin_dir()
    if bin_dir is None:
        sys.exit(MISSING_MESSAGE)
    server = PostgresServer(bin_dir)
    server.start()
    try:
        url = server.new_database()
        started = time.perf_counter()
        logging.getLogger("storylens.store").setLevel(logging.WARNING)  # not a line per table
        with open_store(db) as src, open_store(url) as dst:
            copy_store(src, dst)
        logging.getLogger("storylens.store").setLevel(logging.NOTSET)
        print(f"PostgreSQL: {server.url()} (throwaway), the store copied in {time.perf_counter() - started:.0f} s",
              flush=True)
    except BaseException:
        server.stop()
        raise
    return server, url


if __name__ == "__main__":
    main()
