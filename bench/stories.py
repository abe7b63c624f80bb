"""Story grouping measured through the user's path: ``storylens analyze`` on JSONL files.

The evaluation sets (``../shared/eval/{ecbplus,gva,newswcl50}/dev.jsonl``, read at run
time, never copied) are written as JSONL a user could give ``analyze``: ``url``
``https://example.org/<sha1 of the document id>`` (no topic, outlet or event in it, no
``id`` field), ``headline``, ``text`` and, where the set has them, ``published`` and
``outlet`` (GVA's host names). The lines are shuffled (one seed per order), never sorted
by id or url. Each file goes through the real CLI::

    storylens analyze FILE --out DIR --format json

and the stories of ``report.json`` (each story's ``articles``) are scored against the
gold ``cluster`` (report articles are mapped back to gold documents by url): BCubed and
pairwise P/R/F1 over every document, singletons included, and whether every order gave
the same stories (members and ids).

Commands::

    .venv/bin/python bench/stories.py cli [--datasets ecbplus gva newswcl50] [--orders 5] [--json]
    .venv/bin/python bench/stories.py weekly [--month 2015-07]   # ingest --db in weekly batches vs analyze
    .venv/bin/python bench/stories.py corpora [--orders 5]       # examples and seeds, files in shuffled orders
    .venv/bin/python bench/stories.py capture [--datasets ...]   # tuning cache (see below)
    .venv/bin/python bench/stories.py tune [--datasets ...] [--set followup_share=0 ...]  # regroup the cache

``capture`` and ``tune`` are for tuning only (the recorded numbers come from ``cli``):
``capture`` runs ``storylens.pipeline.analyze`` once per set and keeps the features its
extraction pass hands to the grouping step (``/tmp/storylens-bench-stories``), ``tune``
re-runs only the clustering on them, in several shuffled orders of the input, with the
``BatchConfig`` fields given by ``--set NAME=VALUE`` changed. A cache captured before
the features held ``named_dates`` gives no follow-ups: capture again.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CACHE = Path(tempfile.gettempdir()) / "storylens-bench-stories"
DATASETS = ("ecbplus", "gva", "newswcl50")
SEED = 20261205


def _records(dataset: str) -> list[dict[str, Any]]:
    from storylens.eval.data import MissingDataError, shared_dir

    try:
        folder = shared_dir(f"eval/{dataset}/dev.jsonl") / "eval" / dataset
    except MissingDataError as exc:
        sys.exit(f"bench/stories.py needs the shared evaluation data: {exc}")
    with (folder / "dev.jsonl").open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def write_jsonl(dataset: str, records: Sequence[dict[str, Any]], seed: int, path: Path) -> None:
    from storylens.eval.ecbplus import write_user_jsonl

    write_user_jsonl(records, path, dataset, seed)


def gold_by_url(records: Sequence[dict[str, Any]]) -> dict[str, str]:
    from storylens.eval.ecbplus import topic_free_url

    return {topic_free_url(r["id"]): r["cluster"] for r in records}


def score_report(report: dict[str, Any], records: Sequence[dict[str, Any]]) -> dict[str, Any]:
    from storylens.eval.ecbplus import score_stories

    return score_stories(records, report["articles"], report["stories"])


def _partition(report: dict[str, Any]) -> list[tuple[str, tuple[str, ...]]]:
    """The stories as (id, sorted member urls): what must not depend on input order."""
    url_of = {a["id"]: a.get("url") or a["id"] for a in report["articles"]}
    return sorted((s["id"], tuple(sorted(url_of[a] for a in s["articles"]))) for s in report["stories"])


def run_cli(dataset: str, orders: int, work: Path, first: int = 0) -> dict[str, Any]:
    records = _records(dataset)
    runs, partitions = [], []
    for k in range(first, first + orders):
        path = work / f"{dataset}-{k}.jsonl"
        out = work / f"{dataset}-{k}-report"
        write_jsonl(dataset, records, SEED + k, path)
        cmd = [str(ROOT / ".venv/bin/storylens"), "analyze", str(path), "--out", str(out), "--format", "json", "-q"]
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True)
        seconds = time.perf_counter() - t0
        report = json.loads((out / "report.json").read_text(encoding="utf-8"))
        scores = score_report(report, records)
        scores["seconds"] = round(seconds, 1)
        scores["order_seed"] = SEED + k
        partitions.append(_partition(report))
        scores["stories_sha1"] = hashlib.sha1(json.dumps(partitions[-1]).encode()).hexdigest()[:12]
        runs.append(scores)
        print(f"{dataset} order {k}: " + ", ".join(f"{k_}={v:.3f}" if isinstance(v, float) else f"{k_}={v}"
                                                   for k_, v in scores.items()), file=sys.stderr)
    same = all(p == partitions[0] for p in partitions)
    return {"dataset": dataset, "documents": len(records), "orders": orders, "same_stories_every_order": same,
            "runs": runs, "command": "storylens analyze FILE --out DIR --format json"}


# -- tuning helpers (not the recorded numbers) ------------------------------------------
def capture(dataset: str) -> Path:
    """Run ``storylens.pipeline.analyze`` once (no comparison) and keep what the grouping
    step receives: the articles' ids, urls and publication times, and their features."""
    from datetime import datetime, timezone

    import storylens.pipeline as pipeline

    CACHE.mkdir(parents=True, exist_ok=True)
    records = _records(dataset)
    path = CACHE / f"{dataset}.jsonl"
    write_jsonl(dataset, records, SEED, path)
    seen: dict[str, Any] = {}
    original = pipeline.group_into_stories  # type: ignore[attr-defined]

    def spy(articles, features=None, *settings):  # type: ignore[no-untyped-def]
        seen["articles"] = [(a.id, a.url, a.published) for a in articles]
        seen["features"] = dict(features or {})
        return original(articles, features, *settings)

    pipeline.group_into_stories = spy  # type: ignore[attr-defined]
    try:
        t0 = time.perf_counter()
        pipeline.analyze([path], fetched_at=datetime.now(timezone.utc), compare=False)
        print(f"{dataset}: analyze without comparison {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    finally:
        pipeline.group_into_stories = original  # type: ignore[attr-defined]
    out = CACHE / f"{dataset}.pkl"
    with out.open("wb") as fh:
        pickle.dump({"articles": seen["articles"], "features": seen["features"], "gold": gold_by_url(records)}, fh)
    return out


def load_capture(dataset: str) -> dict[str, Any]:
    with (CACHE / f"{dataset}.pkl").open("rb") as fh:
        data: dict[str, Any] = pickle.load(fh)
    return data


def regroup_scores(data: dict[str, Any], config: Any = None, orders: int = 3) -> dict[str, Any]:
    """Cluster the cached features in ``orders`` shuffled input orders; mean scores and
    whether every order gave the same stories."""
    from storylens.cluster import cluster_features, cluster_scores

    feats = [data["features"][aid] for aid, _, _ in data["articles"]]
    url_of = {aid: url for aid, url, _ in data["articles"]}
    gold = data["gold"]
    rows, parts = [], []
    for k in range(orders):
        order = list(feats)
        random.Random(SEED + 100 + k).shuffle(order)
        assignment, _ = cluster_features(order, config) if config is not None else cluster_features(order)
        predicted = {url_of[a]: s for a, s in assignment.items() if url_of[a] in gold}
        for u in gold:
            predicted.setdefault(u, "missing:" + u)
        rows.append(cluster_scores(gold, predicted))
        parts.append(sorted(assignment.items()))
    mean = {k: sum(r[k] for r in rows) / len(rows) for k in rows[0]}
    mean["same_every_order"] = all(p == parts[0] for p in parts)
    return mean


def batch_config(assignments: Sequence[str]) -> Any:
    """A ``BatchConfig`` with the fields of ``NAME=VALUE`` assignments changed (each value
    read as its default's type); None when there are none."""
    from dataclasses import fields, replace

    from storylens.cluster import BatchConfig

    if not assignments:
        return None
    default = BatchConfig()
    kinds = {f.name: type(getattr(default, f.name)) for f in fields(BatchConfig)}
    changes: dict[str, Any] = {}
    for assignment in assignments:
        name, _, value = assignment.partition("=")
        if name not in kinds:
            raise SystemExit(f"--set {assignment}: BatchConfig has no field {name!r}")
        kind = kinds[name]
        changes[name] = (value.lower() in ("1", "true", "yes")) if kind is bool else (
            None if value.lower() == "none" else kind(value) if kind in (int, float, str) else value)
    return replace(default, **changes)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=("cli", "capture", "tune", "weekly", "corpora"))
    parser.add_argument("--datasets", nargs="+", default=list(DATASETS), choices=DATASETS)
    parser.add_argument("--orders", type=int, default=5)
    parser.add_argument("--first-order", type=int, default=0, help="start at this order (seed offset)")
    parser.add_argument("--month", default=None, help="GVA month for 'weekly' (YYYY-MM)")
    parser.add_argument("--work", type=Path, default=None, help="folder for the JSONL files and reports")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="for 'tune': a BatchConfig field to change (repeatable)")
    args = parser.parse_args(argv)
    if args.mode == "capture":
        for d in args.datasets:
            print(capture(d))
        return 0
    if args.mode == "tune":
        config = batch_config(args.set)
        for d in args.datasets:
            scores = regroup_scores(load_capture(d), config, orders=args.orders)
            print(d, json.dumps({k: round(v, 4) if isinstance(v, float) else v for k, v in scores.items()}))
        return 0
    work = args.work or Path(tempfile.mkdtemp(prefix="storylens-stories-"))
    work.mkdir(parents=True, exist_ok=True)
    if args.mode == "weekly":
        result: Any = weekly(args.month, work)
    elif args.mode == "corpora":
        result = corpora(args.orders, work)
    else:
        result = [run_cli(d, args.orders, work, args.first_order) for d in args.datasets]
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(json.dumps(result))
    return 0


def corpora(orders: int, work: Path) -> list[dict[str, Any]]:
    """The bundled examples (two stories) and the seeds (one story) through ``storylens
    analyze``, their files given in ``orders`` shuffled orders: how many stories, and
    whether every order gave the same stories (members by source, and ids)."""
    from storylens.eval.data import MissingDataError, shared_dir

    sets = {"examples": sorted(p for p in (ROOT / "examples").rglob("*")
                               if p.is_file() and p.suffix in (".txt", ".html", ".rss", ".jsonl")
                               and p.name != "README.md")}
    try:
        sets["seeds"] = sorted((shared_dir("corpus/seeds") / "corpus" / "seeds").glob("*.txt"))
    except MissingDataError:
        pass
    out = []
    for name, files in sets.items():
        seen = []
        for k in range(orders):
            order = list(files)
            random.Random(SEED + k).shuffle(order)
            report_dir = work / f"{name}-{k}-report"
            _run([str(ROOT / ".venv/bin/storylens"), "analyze", *map(str, order), "--out", str(report_dir),
                  "--format", "json", "-q"])
            report = json.loads((report_dir / "report.json").read_text(encoding="utf-8"))
            source = {a["id"]: a.get("source") or a["id"] for a in report["articles"]}
            seen.append(sorted((s["id"], tuple(sorted(source[a] for a in s["articles"]))) for s in report["stories"]))
        out.append({"corpus": name, "files": len(files), "orders": orders,
                    "stories": sorted({len(p) for p in seen}), "same_stories_every_order": all(p == seen[0] for p in seen),
                    "members": [list(m) for _, m in seen[0]]})
    return out


def _run(cmd: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True)
    return round(time.perf_counter() - t0, 1)


def weekly(month: str | None, work: Path) -> dict[str, Any]:
    """One GVA dev month: ``storylens ingest --db`` in weekly batches (days 1-7, 8-14,
    15-21, 22-end, each file shuffled) against one ``storylens analyze`` of the whole
    month and against one ``ingest`` of the whole month; BCubed F1 between the
    partitions (the one-batch run as the reference) and of each against the gold
    incidents."""
    import sqlite3
    from collections import defaultdict

    from storylens.cluster import cluster_scores
    from storylens.eval.ecbplus import score_stories, write_user_jsonl

    month = month or "2015-07"
    records = [r for r in _records("gva") if str(r.get("published", "")).startswith(month)]
    if not records:
        raise SystemExit(f"no GVA dev article published in {month}")
    exe = str(ROOT / ".venv/bin/storylens")
    whole = work / f"gva-{month}.jsonl"
    write_user_jsonl(records, whole, "gva", SEED)
    report_dir = work / f"gva-{month}-report"
    analyze_s = _run([exe, "analyze", str(whole), "--out", str(report_dir), "--format", "json", "-q"])
    report = json.loads((report_dir / "report.json").read_text(encoding="utf-8"))
    url_of = {a["id"]: a.get("url") for a in report["articles"]}
    by_analyze = {url_of[a]: s["id"] for s in report["stories"] for a in s["articles"] if url_of.get(a)}

    weeks: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for r in records:
        day = int(str(r["published"])[8:10])
        weeks[min((day - 1) // 7, 3)].append(r)
    db = work / f"gva-{month}.db"
    if db.exists():
        db.unlink()
    ingest_s = []
    for k in sorted(weeks):
        path = work / f"gva-{month}-week{k + 1}.jsonl"
        write_user_jsonl(weeks[k], path, "gva", SEED + k)
        ingest_s.append(_run([exe, "ingest", str(path), "--db", str(db), "-q"]))
    def stored(path: Path) -> dict[str, str]:
        with sqlite3.connect(path) as con:
            rows = con.execute("select url, story_id from articles").fetchall()
        return {url: sid for url, sid in rows if url}

    def agreement(reference: dict[str, str], other: dict[str, str]) -> dict[str, float]:
        common = sorted(set(reference) & set(other))
        return cluster_scores({u: reference[u] for u in common}, {u: other[u] for u in common})

    by_ingest = stored(db)
    one_db = work / f"gva-{month}-one.db"
    if one_db.exists():
        one_db.unlink()
    one_s = _run([exe, "ingest", str(whole), "--db", str(one_db), "-q"])
    by_one = stored(one_db)
    common = sorted(set(by_analyze) & set(by_ingest))
    between = agreement(by_analyze, by_ingest)
    ingest_stories: dict[str, list[str]] = defaultdict(list)
    for url, sid in by_ingest.items():
        ingest_stories[sid].append(url)
    ingest_vs_gold = score_stories(records, [{"id": u, "url": u} for u in by_ingest],
                                   [{"id": sid, "articles": urls} for sid, urls in ingest_stories.items()])
    return {"month": month, "articles": len(records), "weeks": [len(weeks[k]) for k in sorted(weeks)],
            "compared": len(common), "analyze_seconds": analyze_s, "ingest_seconds": ingest_s,
            "between_partitions": between, "one_batch_ingest_seconds": one_s,
            "weekly_vs_one_batch_ingest": agreement(by_one, by_ingest),
            "one_batch_ingest_vs_analyze": agreement(by_analyze, by_one),
            "analyze_vs_gold": score_report(report, records),
            "ingest_vs_gold": ingest_vs_gold,
            "commands": ["storylens analyze MONTH.jsonl --out DIR --format json",
                         "storylens ingest WEEK_k.jsonl --db DB  (k = 1..4, in order)",
                         "storylens ingest MONTH.jsonl --db DB_ONE"]}


if __name__ == "__main__":
    sys.exit(main())
