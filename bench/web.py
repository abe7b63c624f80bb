"""Web app load benchmark: requests/s and p50/p95/p99 latency per page and JSON endpoint.

    .venv/bin/python bench/web.py                 # full run (about 5-8 minutes)
    .venv/bin/python bench/web.py --quick         # smoke run (under a minute)

1. Builds (once; reused if present) a store of 10,000 synthetic articles in 1,000
   stories, generated reproducibly from a seed and written through the Store API:
   fictional outlets, places and people, 5-7 paragraphs, quotes, figures, time
   references and entity mentions with real spans, some agency-copy groups.
2. Starts the app with uvicorn in a child process on 127.0.0.1 (a free port).
3. Drives it with an open-loop generator: requests are *scheduled* at a fixed rate and
   sent at their time whether or not earlier ones have finished; latency is measured
   from the scheduled time, so queueing delay counts (no coordinated omission). Each
   step is bounded in requests and seconds; a request taking over 5 s counts as failed.
   The generator and the server share this machine's CPU cores (2 on the reference
   machine), so the numbers are a floor for a server with cores of its own.

Reports, per endpoint: achieved requests/s, p50/p95/p99 at 50 req/s, and the highest
rate in the sweep at which p95 stays at or under 250 ms. Goal: story page p95 <= 100 ms
at 50 req/s.
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
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

logger = logging.getLogger("bench.web")

SEED = 20260308
N_ARTICLES = 10_000
N_STORIES = 1_000
P95_LIMIT_S = 0.250
GOAL_RATE = 50.0
GOAL_P95_S = 0.100
REQUEST_TIMEOUT_S = 5.0
MAX_IN_FLIGHT = 400

OUTLETS = ["Norland Courier", "Harbor Wire", "Kessel Valley Today", "Meridian Press", "Radio Kessel",
           "Alder Evening Post", "Tavrin Herald", "The Atlantic Ledger", "The Kalesh Observer",
           "Kalesh Morning Star", "Port Vell Gazette", "Coast Wire", "Lindqvist Daily", "Orsa Times"]
PLACES = ["Port Alder", "Lindby", "Ostervik", "Greymoor", "Tavrin", "Kalesh", "Port Vell", "Orsa", "Brannholm",
          "Sundmark", "Vellmar", "Kessel Valley", "Halden Bay", "Eskerby"]
FIRST = ["Renée", "Mikaël", "Sunita", "Tomás", "Omar", "Ada", "Jonah", "Mara", "Ilse", "Pavel", "Noor", "Keiko"]
LAST = ["Duchâtel", "Bråthen", "Kharvel", "Ferreiro-Nadal", "Lindenbaum", "Brenner", "Quill", "Quist", "Aaltonen",
        "Varga", "Haddad", "Moreau"]
ROLES = ["the mayor", "a spokesperson for the water authority", "the finance minister", "a local engineer",
         "the harbour master", "a union leader", "the governor", "an economist at Corran Hale Securities"]
TOPICS = ["flood defences", "the ferry service", "interest rates", "fuel prices", "the dam inspection",
          "school closures", "the port expansion", "a hospital strike", "rail repairs", "the grain harvest"]
VERBS = ["said", "told reporters", "said in a statement", "wrote on social media", "added"]
UNITS = [("people", "person"), ("homes", "home"), ("percent", None), ("million krona", None), ("boats", "boat"),
         ("kilometres", None), ("jobs", "job")]
TIMES = [("on Monday", "day"), ("on Tuesday", "day"), ("last week", "week"), ("in March", "month"),
         ("next year", "year"), ("three days ago", "day"), ("this morning", "time")]
WORDS = ("council water river bridge vote budget repair storm harbour ferry rates inflation evacuation dam "
         "engineers residents minister report inquiry contract").split()


class _Text:
    """Builds article text piece by piece and records spans as it goes."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0

    def add(self, piece: str) -> tuple[int, int]:
        start = self.pos
        self.parts.append(piece)
        self.pos += len(piece)
        return start, self.pos

    def text(self) -> str:
        return "".join(self.parts)


def _article(rng: random.Random, n: int, topic: str, place: str, people: list[str], published: datetime,
             outlet: str) -> Any:
    from storylens.model import Article, Entity, Figure, Quote, Span, TimeRef, content_id

    t = _Text()
    mentions: dict[str, list[Any]] = {}
    quotes: list[Any] = []
    figures: list[Any] = []
    times: list[Any] = []
    paragraphs = rng.randint(5, 7)
    for p in range(paragraphs):
        if p:
            t.add("\n\n")
        for _ in range(rng.randint(2, 3)):
            kind = rng.random()
            if kind < 0.3:
                person = rng.choice(people)
                t.add("\u201c")
                words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 16)))
                q0, q1 = t.add(f"We will not accept delays on {topic}, {words}")
                t.add(",\u201d ")
                s0, s1 = t.add(person)
                mentions.setdefault(person, []).append(Span(s0, s1))
                c0, c1 = t.add(" " + rng.choice(VERBS))
                t.add(". ")
                quotes.append(Quote(t.text()[q0:q1], q0, q1, "direct", person, s0, s1,
                                    f"person:{person.casefold()}", t.text()[c0 + 1:c1], c0 + 1, c1))
            elif kind < 0.6:
                value = rng.randint(2, 5000)
                unit, counts = rng.choice(UNITS)
                t.add("Officials in ")
                p0, p1 = t.add(place)
                mentions.setdefault(place, []).append(Span(p0, p1))
                t.add(" said ")
                f0, f1 = t.add(f"about {value:,} {unit}")
                t.add(f" were affected by {topic} ")
                w, gran = rng.choice(TIMES)
                d0, d1 = t.add(w)
                t.add(". ")
                figures.append(Figure(t.text()[f0:f1], f0, f1, value=float(value), bound="~", unit=unit,
                                      counts=counts))
                times.append(TimeRef(w, d0, d1, published.date().isoformat(), gran, published.date().isoformat()))
            else:
                words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(14, 26)))
                t.add(f"The debate over {topic} in {place} continued as {rng.choice(ROLES)} reviewed the {words}. ")
    text = t.text().replace(" \n\n", "\n\n").rstrip()
    entities = [Entity(("person:" if name in people else "place:") + name.casefold(), name,
                       "person" if name in people else "place", [], [m for m in spans if m.end <= len(text)])
                for name, spans in mentions.items()]
    headline = f"{place}: {topic} {rng.choice(['row deepens', 'plan approved', 'talks stall', 'costs rise'])} ({n})"
    return Article(
        id=content_id(f"bench-{SEED}-{n}".encode()), source=f"bench/synthetic#{n}", text=text,
        paragraphs=text.split("\n\n"), url=f"https://{outlet.lower().replace(' ', '-')}.example/{n}", outlet=outlet,
        headline=headline, byline=f"By {rng.choice(FIRST)} {rng.choice(LAST)}", published=published, language="en",
        entities=entities, quotes=[q for q in quotes if q.end <= len(text)],
        figures=[f for f in figures if f.end <= len(text)], time_refs=[x for x in times if x.end <= len(text)],
    )


def build_store(path: Path, n_articles: int = N_ARTICLES, n_stories: int = N_STORIES) -> None:
    """Write the synthetic corpus into a new store at ``path`` (reproducible from SEED)."""
    from storylens.store import open_store

    rng = random.Random(SEED)
    sizes = [1] * n_stories
    for _ in range(n_articles - n_stories):  # skewed: a few big stories (up to ~90 articles), many small
        sizes[min(int(n_stories * rng.random() ** 1.5), n_stories - 1)] += 1
    rng.shuffle(sizes)
    base = datetime(2026, 1, 1, tzinfo=timezone.utc)
    stories: list[dict[str, Any]] = []
    links: dict[str, dict[str, str | None]] = {}
    n = 0
    started = time.perf_counter()
    with open_store(path) as store:
        for s, size in enumerate(sizes):
            topic, place = rng.choice(TOPICS), rng.choice(PLACES)
            people = [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(3)]
            start = base + timedelta(hours=rng.randrange(24 * 365))
            members = []
            for _ in range(size):
                published = start + timedelta(minutes=rng.randrange(60 * 72))
                members.append(_article(rng, n, topic, place, people, published, rng.choice(OUTLETS)))
                n += 1
            store.add_articles(members, batch_size=200)
            members.sort(key=lambda a: (a.published, a.id))
            story_id = f"story-{members[0].id}"
            group = [a.id for a in members[:3]] if size >= 4 and rng.random() < 0.3 else []
            for a in members:
                links[a.id] = {"story_id": story_id, "duplicate_of": None,
                               "syndication_group": f"syn-{min(group)}" if a.id in group else None}
            outlets = sorted({a.outlet for a in members if a.outlet})
            stories.append({
                "id": story_id, "title": members[0].headline, "lead": members[0].id, "articles": [a.id for a in members],
                "entities": [{"key": f"person:{p.casefold()}", "name": p, "articles": size} for p in people],
                "first_published": members[0].published.isoformat(), "last_published": members[-1].published.isoformat(),
                "outlets": outlets, "independent_sources": size - max(0, len(group) - 1),
                "syndication_groups": ([{"id": f"syn-{min(group)}", "members": group, "agency": "Harbor Wire",
                                         "original": group[0], "similarity": 0.95, "links": []}] if group else []),
            })
        store.replace_stories(stories, links)
    logger.info("built %s: %d articles, %d stories in %.0f s", path, n, len(stories), time.perf_counter() - started)


# -- server --------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve(db: str, port: int) -> None:
    import uvicorn

    from storylens.web import create_app

    uvicorn.run(create_app(db), host="127.0.0.1", port=port, log_level="warning", access_log=False)


def _start_server(db: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    proc = subprocess.Popen([sys.executable, __file__, "--serve", str(db), "--port", str(port)])
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


async def _step(base: str, endpoint: str, paths: list[str], rate: float, seconds: float) -> StepResult:
    import httpx

    count = max(1, int(rate * seconds))
    latencies: list[float] = []
    failed = 0
    limits = httpx.Limits(max_connections=MAX_IN_FLIGHT, max_keepalive_connections=64)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=REQUEST_TIMEOUT_S) as client:
        in_flight = 0

        async def one(path: str, scheduled: float) -> None:
            nonlocal failed, in_flight
            in_flight += 1
            try:
                response = await client.get(path)
                if response.status_code == 200:
                    latencies.append(time.perf_counter() - scheduled)
                else:
                    failed += 1
            except httpx.HTTPError:
                failed += 1
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
            tasks.append(asyncio.create_task(one(paths[i % len(paths)], scheduled)))
        await asyncio.gather(*tasks)
        elapsed = time.perf_counter() - start
    return StepResult(endpoint, rate, count, len(latencies), failed, elapsed,
                      _pct(latencies, 50), _pct(latencies, 95), _pct(latencies, 99))


def _paths(db: Path, rng: random.Random) -> dict[str, list[str]]:
    from storylens.store import open_store

    with open_store(db) as store:
        stories = [s["id"] for s in store.list_stories(limit=N_STORIES)]
        articles = [a.id for a in store.list_articles(limit=2000, offset=rng.randrange(5000))]
    story_ids = rng.sample(stories, min(200, len(stories)))
    article_ids = rng.sample(articles, min(200, len(articles)))
    queries = [f'"{rng.choice(PLACES)}" {rng.choice(TOPICS).split()[-1]}' for _ in range(100)] + \
              [f"{rng.choice(WORDS)} {rng.choice(WORDS)}" for _ in range(50)]
    offsets = [rng.randrange(0, 900, 20) for _ in range(100)]
    return {
        "story list": [f"/stories?offset={o}" for o in offsets],
        "story page": [f"/stories/{i}" for i in story_ids],
        "article page": [f"/articles/{i}" for i in article_ids],
        "search": [f"/search?q={q}" for q in queries],
        "API story list": [f"/api/stories?offset={o}" for o in offsets],
        "API story": [f"/api/stories/{i}" for i in story_ids],
        "API article": [f"/api/articles/{i}" for i in article_ids],
        "API search": [f"/api/search?q={q}" for q in queries],
    }


def _service_time(base: str, urls: list[str], n: int = 30) -> float:
    """Median latency of ``n`` requests sent one at a time (the server's cost per request)."""
    import httpx

    times = []
    with httpx.Client(base_url=base, timeout=REQUEST_TIMEOUT_S) as client:
        for path in urls[:n]:
            t = time.perf_counter()
            client.get(path)
            times.append(time.perf_counter() - t)
    return statistics.median(times)


def run(db: Path, rates: list[float], seconds: float, goal_seconds: float) -> dict[str, Any]:
    rng = random.Random(SEED + 1)
    paths = _paths(db, rng)
    proc, base = _start_server(db)
    results: dict[str, Any] = {}
    try:
        for endpoint, urls in paths.items():
            asyncio.run(_step(base, endpoint, urls[:20], 10, 1.0))  # warm-up
            alone = _service_time(base, urls)
            at_goal = asyncio.run(_step(base, endpoint, urls, GOAL_RATE, goal_seconds))
            best = None
            sweep = []
            for rate in rates:
                step = asyncio.run(_step(base, endpoint, urls, rate, seconds))
                sweep.append(step)
                if step.p95 > P95_LIMIT_S or step.failed:
                    break
                best = rate
            results[endpoint] = {"at_50": at_goal, "sweep": sweep, "best_rate": best, "service_s": alone}
            print(f"{endpoint:15s} alone: {alone * 1000:5.1f} ms  at 50/s: p50 {at_goal.p50 * 1000:6.1f} ms  p95 {at_goal.p95 * 1000:6.1f} ms  "
                  f"p99 {at_goal.p99 * 1000:6.1f} ms  ({at_goal.achieved:.0f} req/s, {at_goal.failed} failed)  "
                  f"highest rate with p95 <= 250 ms: {best if best is not None else 'below ' + str(rates[0])}",
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
    parser.add_argument("--serve", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    if args.serve:
        _serve(args.serve, args.port)
        return
    if args.rebuild and args.db.exists():
        for suffix in ("", "-wal", "-shm"):
            Path(str(args.db) + suffix).unlink(missing_ok=True)
    if not args.db.exists():
        build_store(args.db)
    rates = [25, 50, 100] if args.quick else [25, 50, 75, 100, 150, 200, 300]
    seconds, goal_seconds = (2.0, 3.0) if args.quick else (4.0, 10.0)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"store {args.db}; load average before the run {load:.1f}; {os.cpu_count()} CPU cores shared by the server (1 uvicorn worker) and this "
          f"load generator; open-loop; steps of {seconds:.0f} s, {goal_seconds:.0f} s at 50 req/s", flush=True)
    started = time.perf_counter()
    results = run(args.db, rates, seconds, goal_seconds)
    story = results["story page"]["at_50"]
    verdict = "meets" if story.p95 <= GOAL_P95_S and not story.failed else "MISSES"
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"goal: story page p95 <= 100 ms at 50 req/s: {verdict} ({story.p95 * 1000:.1f} ms); "
          f"total {time.perf_counter() - started:.0f} s; load average after {load:.1f}")
    if args.json:
        args.json.write_text(json.dumps({k: {"at_50": v["at_50"].__dict__, "best_rate": v["best_rate"],
                                             "service_s": v["service_s"],
                                             "sweep": [s.__dict__ for s in v["sweep"]]}
                                         for k, v in results.items()}, indent=2))


if __name__ == "__main__":
    main()
