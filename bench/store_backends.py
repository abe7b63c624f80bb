"""SQLite and PostgreSQL stores side by side: search latency, store write throughput,
`storylens migrate` speed, and (``--web``) the web app's story page and search at 50 req/s.

    .venv/bin/python bench/store_backends.py            # about 2 minutes
    .venv/bin/python bench/store_backends.py --web      # plus bench/web.py's story page and search on each

1. The synthetic store of bench/web.py (10,000 articles in 1,000 stories with
   comparisons; built once at --sqlite, reused) is copied into a new PostgreSQL
   database with ``copy_store`` (what ``storylens migrate`` runs), timed.
2. Search: 150 queries of bench/web.py's kinds (a quoted place and a topic word; two
   random words), each run once to warm up and then timed, limit 20, on both stores;
   the full match sets (limit 100,000) are compared query by query.
3. Writes: 2,000 of those articles (every child record) added in batches of 100 to a
   new store of each kind, from one process; on PostgreSQL also from two processes at
   once (disjoint halves), the aggregate rate.
PostgreSQL: ``--pg URL`` (an empty database), or a throwaway server started with
tests/pg_fixture.py (initdb + pg_ctl, fsync on) for the run. Both stores share this
machine's cores with the benchmark.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "bench"), str(ROOT / "tests")]

from web_store import PLACES, SEED, TOPICS, WORDS, add_comparisons, build_store  # noqa: E402

from storylens.store import open_store  # noqa: E402
from storylens.store.migrate import copy_store  # noqa: E402

N_WRITE = 2_000
BATCH = 100


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def queries(rng: random.Random) -> list[str]:
    return [f'"{rng.choice(PLACES)}" {rng.choice(TOPICS).split()[-1]}' for _ in range(100)] + \
           [f"{rng.choice(WORDS)} {rng.choice(WORDS)}" for _ in range(50)]


def search_latency(location: str, qs: list[str]) -> tuple[dict[str, float], dict[str, set[str]]]:
    times: list[float] = []
    matches: dict[str, set[str]] = {}
    with open_store(location) as store:
        for q in qs:
            store.search(q)
            started = time.perf_counter()
            store.search(q, limit=20)
            times.append(time.perf_counter() - started)
            matches[q] = match_set(store, q)
    return {"p50_ms": statistics.median(times) * 1000, "p95_ms": _pct(times, 0.95) * 1000,
            "max_ms": max(times) * 1000}, matches


def match_set(store: Any, query: str) -> set[str]:
    """Every article the query matches (the index alone: no ranking, no snippets)."""
    from sqlalchemy import literal_column, select

    from storylens.store import schema
    from storylens.store.pg_search import VECTOR_COLUMN, to_tsquery

    with store.engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            rows = conn.exec_driver_sql(f"SELECT article_id FROM {schema.FTS_TABLE} WHERE {schema.FTS_TABLE} MATCH ?",
                                        (query,))
            return {r[0] for r in rows}
        a = schema.articles
        stmt = select(a.c.id).where(literal_column(f"articles.{VECTOR_COLUMN}").op("@@")(to_tsquery(query)))
        return set(conn.execute(stmt).scalars())


def _write(location: str, articles: list[Any]) -> float:
    with open_store(location) as store:
        started = time.perf_counter()
        result = store.add_articles(articles, batch_size=BATCH)
        elapsed = time.perf_counter() - started
    assert result.added == len(articles), result
    return elapsed


def _write_child(location: str, articles: list[Any], start: Any, out: Any) -> None:
    start.wait(60)
    out.put(_write(location, articles))


def write_two_processes(location: str, articles: list[Any]) -> float:
    ctx = multiprocessing.get_context("fork")
    out = ctx.Queue()
    start = ctx.Barrier(2)
    halves = [articles[::2], articles[1::2]]
    open_store(location).close()
    began = time.perf_counter()
    procs = [ctx.Process(target=_write_child, args=(location, half, start, out)) for half in halves]
    for p in procs:
        p.start()
    for _ in procs:
        out.get(timeout=600)
    for p in procs:
        p.join()
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sqlite", type=Path, default=Path("/tmp/storylens-bench-web.db"))
    parser.add_argument("--pg", help="an empty PostgreSQL database (default: start a throwaway server)")
    parser.add_argument("--web", action="store_true", help="also bench/web.py's story page and search on each store")
    args = parser.parse_args()
    server = None
    new_database: Any
    if args.pg:
        urls = iter([args.pg])
        new_database = lambda: next(urls)  # noqa: E731 - only one database given: used for the copy
    else:
        from pg_fixture import MISSING_MESSAGE, PostgresServer, find_bin_dir

        bin_dir = find_bin_dir()
        if bin_dir is None:
            sys.exit(MISSING_MESSAGE)
        server = PostgresServer(bin_dir)
        server.start()
        new_database = server.new_database
    try:
        if not args.sqlite.exists():
            build_store(args.sqlite)
        add_comparisons(args.sqlite)
        pg = new_database()
        with open_store(args.sqlite) as src, open_store(pg) as dst:
            started = time.perf_counter()
            counts = copy_store(src, dst)
            took = time.perf_counter() - started
        rows = sum(counts.values())
        print(f"migrate: {counts['articles']} articles, {rows} rows in {took:.1f} s ({rows / took:,.0f} rows/s, "
              f"{counts['articles'] / took:,.0f} articles/s)", flush=True)

        qs = queries(random.Random(SEED + 2))
        lite, lite_matches = search_latency(str(args.sqlite), qs)
        post, post_matches = search_latency(pg, qs)
        same = sum(lite_matches[q] == post_matches[q] for q in qs)
        hits = statistics.median(len(m) for m in lite_matches.values())
        print(f"search (150 queries, limit 20; median {hits:.0f} matching articles): "
              f"SQLite p50 {lite['p50_ms']:.1f} ms p95 {lite['p95_ms']:.1f} ms max {lite['max_ms']:.1f} ms; "
              f"PostgreSQL p50 {post['p50_ms']:.1f} ms p95 {post['p95_ms']:.1f} ms max {post['max_ms']:.1f} ms; "
              f"same match sets on {same}/{len(qs)} queries", flush=True)
        for q in qs:
            if lite_matches[q] != post_matches[q]:
                print(f"  differs: {q!r}: SQLite {len(lite_matches[q])}, PostgreSQL {len(post_matches[q])}")

        with open_store(args.sqlite) as store:
            ids = [a.id for a in store.list_articles(limit=N_WRITE)]
            articles = store.get_articles(ids)
        lite_db = args.sqlite.with_name("storylens-bench-write.db")
        for suffix in ("", "-wal", "-shm"):
            Path(str(lite_db) + suffix).unlink(missing_ok=True)
        lite_s = _write(str(lite_db), articles)
        post_s = _write(new_database(), articles) if server else float("nan")
        two_s = write_two_processes(new_database(), articles) if server else float("nan")
        print(f"writes ({len(articles)} articles with every child record, batches of {BATCH}): "
              f"SQLite {len(articles) / lite_s:,.0f} articles/s; PostgreSQL {len(articles) / post_s:,.0f} articles/s "
              f"from one process, {len(articles) / two_s:,.0f} articles/s from two at once", flush=True)

        if args.web:
            import web as web_bench

            for name, location in (("SQLite", str(args.sqlite)), ("PostgreSQL", pg)):
                print(f"-- bench/web.py on {name}", flush=True)
                web_bench.run(location, [25, 50, 100], 3.0, 10.0, 1, ["story page", "search"])  # type: ignore[arg-type]
    finally:
        if server is not None:
            server.stop()


if __name__ == "__main__":
    main()
