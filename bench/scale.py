"""Runners side by side: the serial runner, the process pool and Dask, on the GVA dev stream.

Input: the first N real GVA dev articles (../shared/eval/gva/dev.jsonl) as the JSONL a
user gives, through ``storylens.pipeline.analyze`` (what ``storylens analyze`` runs:
read, clean, extract, group, compare) with each runner, each mode in its own child
process (so CPU, peak memory and the model cache are its own):

  serial    one process (``--processes 1``)
  pool:2    the process pool of 2 workers (``--processes 2``)
  dask:1    a Dask LocalCluster of 1 worker process (``--dask local:1``)
  dask:2    a Dask LocalCluster of 2 worker processes (``--dask local:2``)

The runner is started before the clock of the run, and started warm: one short article
through the per-article stages (the spaCy model loaded, the stages' modules imported) in
this process before the serial run and before the pool forks its workers, and on every
Dask worker (``client.run``); that start is timed on its own
(``start s``). Then ``analyze`` is timed twice over: the per-article stages (read,
clean, extract, up to the moment the pipeline starts grouping: ``per-article s``) and
the whole run (``wall s``, also as articles/s; ``start + wall`` is what a CLI run
costs). ``stage CPU`` is the pipeline's ``stage_cpu``: clean and extract summed over
the workers, then grouping and comparison in this process. Parallel efficiency is Dask's
2 workers against 1 on the per-article wall time: t(1) / (2 x t(2)), each mode's
fastest run where ``--modes`` names it more than once (on a shared machine other
jobs only ever add time). Peak memory: each
Dask worker's own peak RSS (asked of the workers before the cluster closes), the pool's
largest worker, and the process itself.

Then grouping alone (``group_into_stories``, what ``analyze`` runs after the per-article
stages and ``ingest`` runs on the open stories) over the first 1/4, 1/2 and all of the
serial run's articles with their NLP features: CPU seconds against the number of
articles, the serial part that no runner spreads.

    .venv/bin/python bench/scale.py [--limit 400] [--modes serial,pool:2,dask:1,dask:2] [--json]
    .venv/bin/python bench/scale.py --modes serial,pool:2,dask:1,dask:2,dask:1,dask:2   # a busy machine
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

MODES = ("serial", "pool:2", "dask:1", "dask:2")
FETCHED = datetime(2016, 1, 1, tzinfo=timezone.utc)


def write_input(count: int, folder: Path) -> Path:
    from storylens.eval.data import shared_dir

    source = shared_dir("eval/gva/dev.jsonl") / "eval" / "gva" / "dev.jsonl"
    path = folder / f"gva-{count}.jsonl"
    with source.open(encoding="utf-8") as src, path.open("w", encoding="utf-8") as out:
        for _, line in zip(range(count), src):
            record = json.loads(line)
            out.write(json.dumps({k: record[k] for k in ("url", "outlet", "published", "text")}) + "\n")
    return path


def peak_rss_mib() -> float:
    """This process's peak resident memory (run on each Dask worker too)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def warm_up() -> None:
    """One short article through the per-article stages: the model loaded and every
    module the stages import imported, in the process that runs it."""
    from storylens.model import RawDocument
    from storylens.pipeline import Chunk, process_documents

    text = "The council met on Monday in Springfield. \"We will rebuild the bridge,\" the mayor said."
    process_documents(Chunk([RawDocument(source="warm-up", data=text.encode(), kind="plain", fetched_at=FETCHED)]))


class Recording:
    """A runner that passes another's results through and keeps the articles' features
    (for the grouping sweep)."""

    def __init__(self, inner: Any) -> None:
        self.inner, self.workers, self.features = inner, inner.workers, {}

    def map(self, func: Any, chunks: Any) -> Any:
        from storylens.pipeline import Processed

        for done in self.inner.map(func, chunks):
            if isinstance(done, Processed):  # (the comparison's batches come back as Compared)
                self.features.update(done.features)
            yield done


def group_sweep(articles: list[Any], features: dict[str, Any]) -> list[dict[str, Any]]:
    from storylens.config import Settings
    from storylens.stories import group_into_stories

    settings, rows = Settings(), []
    for size in sorted({max(1, len(articles) // 4), max(1, len(articles) // 2), len(articles)}):
        started = time.process_time()
        stories = group_into_stories(articles[:size], features, settings.cluster, settings.dedupe)
        rows.append({"articles": size, "stories": len(stories), "group_cpu_s": round(time.process_time() - started, 2)})
    return rows


def run_mode(mode: str, path: Path) -> dict[str, Any]:
    from storylens.pipeline import analyze
    from storylens.runners import ProcessPoolRunner, SerialRunner
    from storylens.runners.dask import DaskRunner

    kind, _, n = mode.partition(":")
    started = time.perf_counter()
    runner: Any
    if kind == "dask":
        runner = DaskRunner(f"local:{n}")
        runner.client.run(warm_up)
    else:
        warm_up()  # the pool's workers are forked from this process: they start with the model
        runner = SerialRunner() if kind == "serial" else ProcessPoolRunner(int(n))
    if kind == "serial":
        runner = Recording(runner)
    start_s = time.perf_counter() - started
    per_article: list[float] = []
    t0 = time.perf_counter()
    try:
        result = analyze([path], fetched_at=FETCHED, runner=runner,
                         on_stage=lambda _what: per_article.append(time.perf_counter() - t0))
        wall = time.perf_counter() - t0
        workers_mib = (sorted(runner.client.run(peak_rss_mib).values()) if kind == "dask"
                       else [round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)]
                       if kind == "pool" else [])
    finally:
        if kind == "dask":
            runner.close()
    count = len(result.articles)
    row: dict[str, Any] = {
        "mode": mode, "articles": count, "start_s": round(start_s, 2), "per_article_s": round(per_article[0], 2),
        "wall_s": round(wall, 2), "articles_per_s": round(count / wall, 1),
        "per_article_stages_per_s": round(count / per_article[0], 1),
        "stage_cpu_s": {k: round(v, 2) for k, v in result.stage_cpu.items()},
        "per_article_cpu_ms": round(1000 * (result.stage_cpu.get("clean", 0) + result.stage_cpu.get("extract", 0))
                                    / max(count, 1), 1),
        "peak_rss_mib": peak_rss_mib(), "peak_worker_rss_mib": workers_mib}
    if kind == "serial":
        row["group_sweep"] = group_sweep(result.articles, runner.features)
    return row


def uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=400, help="GVA dev articles (at most 2,102)")
    parser.add_argument("--modes", default=",".join(MODES))
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_mode(args.child[0], Path(args.child[1]))))
        return
    rows, load = [], [uptime()]
    with tempfile.TemporaryDirectory() as folder:
        path = write_input(args.limit, Path(folder))
        for mode in args.modes.split(","):
            out = subprocess.run([sys.executable, __file__, "--child", mode, str(path)],
                                 check=True, capture_output=True, text=True).stdout
            rows.append(json.loads(out.strip().splitlines()[-1]))
            load.append(uptime())
            print(f"  done: {mode} ({load[-1]})", file=sys.stderr)
    best: dict[str, float] = {}  # a mode given more than once (to see through a busy machine): its fastest run
    for r in rows:
        best[r["mode"]] = min(best.get(r["mode"], r["per_article_s"]), r["per_article_s"])
    efficiency = None
    if "dask:1" in best and "dask:2" in best:
        efficiency = round(best["dask:1"] / (2 * best["dask:2"]), 2)
    if args.json:
        print(json.dumps({"machine": platform.platform(), "load": load, "rows": rows,
                          "dask_parallel_efficiency": efficiency}, indent=2))
        return
    print(f"load: {load[0]}  ->  {load[-1]}")
    print(f"{'mode':7} {'art':>4} {'start s':>7} {'per-art s':>9} {'art/s':>6} {'wall s':>7} {'art/s':>6} "
          f"{'CPU ms/art':>10} {'RSS MiB':>8} {'workers MiB':>14}  stage CPU s")
    for r in rows:
        print(f"{r['mode']:7} {r['articles']:>4} {r['start_s']:>7} {r['per_article_s']:>9} "
              f"{r['per_article_stages_per_s']:>6} {r['wall_s']:>7} {r['articles_per_s']:>6} "
              f"{r['per_article_cpu_ms']:>10} {r['peak_rss_mib']:>8} "
              f"{'/'.join(str(m) for m in r['peak_worker_rss_mib']) or '-':>14}  {r['stage_cpu_s']}")
    if efficiency is not None:
        print(f"Dask parallel efficiency, 2 workers vs 1, per-article stages: {efficiency}")
    for r in rows:
        for g in r.get("group_sweep", []):
            print(f"grouping {g['articles']:>5} articles -> {g['stories']:>4} stories: {g['group_cpu_s']} CPU s")


if __name__ == "__main__":
    main()
