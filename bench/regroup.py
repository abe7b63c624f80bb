"""The grouping step of ``storylens ingest`` as the store grows: a batch of new articles
grouped with the stored stories it can still join, against regrouping the whole store.

Stores of 2k, 10k and 40k articles are built from the ``bench/cluster.py`` stream (real
sentences from ../shared/eval, events covered by several outlets, 400 articles a day),
each grouped once in full. Then the next ``--batch`` articles of the stream (50, the
size of one ingest batch) are stored and grouped, side by side on two copies of the
store: ``regroup_store(store, window=7 days)`` (what ``ingest`` runs: the new articles
and the open stories) and ``regroup_store(store, window=None)`` (every stored article:
what ``ingest`` ran before). Timed: reading the articles back, agency-copy detection,
clustering (cheap lemmas, as ``ingest`` uses) and saving the stories; not timed:
comparing the changed stories (the same stories in both).

    .venv/bin/python bench/regroup.py [--sizes 2000 10000 40000] [--batch 50] [--json]
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import cluster as stream  # noqa: E402  (bench/cluster.py: the stream generator)

from storylens.model import Article  # noqa: E402
from storylens.store import open_store  # noqa: E402
from storylens.stories import regroup_store  # noqa: E402

WINDOW = timedelta(days=7)


def _articles(n: int, rate: float) -> list[Article]:
    out = []
    for art in stream.write(stream.generate(n, rate), stream._sources()):
        out.append(Article(id=art.id, source=f"stream/{art.id}", text=art.body, paragraphs=[art.body],
                           headline=art.title, published=art.published, outlet=f"Outlet {art.event % 7}"))
    return out


def _timed_regroup(db: Path, window: timedelta | None) -> dict[str, float]:
    with open_store(str(db)) as store:
        t = time.perf_counter()
        result = regroup_store(store, window)
        seconds = time.perf_counter() - t
    return {"seconds": round(seconds, 3), "articles_regrouped": len(result.articles),
            "stories_saved": len(result.stories)}


def run(sizes: list[int], batch: int, rate: float) -> dict[str, object]:
    everything = _articles(max(sizes) + batch, rate)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            db = Path(tmp) / f"store-{n}.db"
            with open_store(str(db)) as store:
                store.add_articles(everything[:n])
            full_build = _timed_regroup(db, None)
            with open_store(str(db)) as store:
                store.add_articles(everything[n:n + batch])
            copy = Path(tmp) / f"store-{n}-full.db"
            shutil.copy(db, copy)
            windowed = _timed_regroup(db, WINDOW)
            full = _timed_regroup(copy, None)
            rows.append({"stored": n, "new": batch, "windowed": windowed, "full": full,
                         "first_full_grouping_seconds": full_build["seconds"],
                         "speedup": round(full["seconds"] / windowed["seconds"], 1)})
            copy.unlink()
            db.unlink()
    return {"machine": f"{platform.machine()}, Python {platform.python_version()}", "rate_per_day": rate,
            "rows": rows}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2_000, 10_000, 40_000])
    parser.add_argument("--batch", type=int, default=50)
    parser.add_argument("--rate", type=float, default=400.0)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = run(args.sizes, args.batch, args.rate)
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"{result['machine']}; {args.batch} new articles per ingest")
    print(f"{'stored':>8} {'windowed s':>11} {'regrouped':>10} {'full s':>8} {'regrouped':>10} {'speedup':>8}")
    for r in result["rows"]:  # type: ignore[union-attr]
        w, f = r["windowed"], r["full"]
        print(f"{r['stored']:>8} {w['seconds']:>11} {w['articles_regrouped']:>10} {f['seconds']:>8} "
              f"{f['articles_regrouped']:>10} {r['speedup']:>8}")


if __name__ == "__main__":
    main()
