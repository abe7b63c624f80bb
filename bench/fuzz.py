"""Malformed inputs at scale: whole-run crashes, inputs unaccounted for, peak memory.

Generates ``--count`` malformed inputs (``tests/fuzz/malformed_inputs.py``: every reader,
sidecars and manifests; random and flipped bytes, truncations, huge single-word lines,
deep nesting, XML entities, mixed and other encodings, NUL bytes, absurd dates and
offsets) and runs them through ``storylens.pipeline.analyze(paths, fetched_at=...,
extract=False, compare=False)`` in batches of ``--batch`` inputs, each batch in a worker
process (inputs with a manifest are analysed one by one: a run takes one manifest). A
batch whose run raises is rerun input by input to name the input that crashed it.

Every ``--big-every``-th input gets the large mutations (2-9 MB single words, nesting
200,000 deep) and ``--huge`` more inputs are 20-50 MB (one JSONL/CSV record, a page, a
WARC payload); each of those runs alone in its own worker, whose peak RSS
(``resource.getrusage``, baseline after imports included) is that input's peak memory.

    .venv/bin/python bench/fuzz.py [--count 10000] [--batch 50] [--seed 0] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "fuzz"))

from malformed_inputs import FETCHED_AT, Input, make_input, unaccounted  # noqa: E402

WORKER_TIMEOUT_S = 900
HUGE_KINDS = ("jsonl", "csv", "txt", "html", "warc")


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _huge_input(rng: random.Random, directory: Path, seed: int) -> Input:
    """One input of 20-50 MB: a single record or page that large."""
    kind = HUGE_KINDS[seed % len(HUGE_KINDS)]
    size = rng.randint(20, 50) * 2**20
    directory.mkdir(parents=True, exist_ok=True)
    word = "Skarholm ferry strike ends. "
    body = (word * (size // len(word) + 1))[:size]
    if kind == "jsonl":
        path = directory / "huge.jsonl"
        path.write_text(json.dumps({"url": "https://alder-post.example/h", "published": "0001-01-01", "text": body}) + "\n")
    elif kind == "csv":
        path = directory / "huge.csv"
        path.write_text('url,published,text\nhttps://alder-post.example/h,9999-12-31,"' + body + '"\n')
    elif kind == "txt":
        path = directory / "huge.txt"
        path.write_text(body)
    elif kind == "html":
        path = directory / "huge.html"
        path.write_text("<html><body><p>" + body.replace(". ", ".</p><p>") + "</p></body></html>")
    else:
        from warcio.statusandheaders import StatusAndHeaders
        from warcio.warcwriter import WARCWriter
        import io

        path = directory / "huge.warc"
        with path.open("wb") as out:
            writer = WARCWriter(out, gzip=False)
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                "https://alder-post.example/h", "response", payload=io.BytesIO(b"<html><body><p>" + body.encode()),
                http_headers=http))
    return Input(seed, f"huge-{kind}", "huge", [path], None, path.stat().st_size)


def _make(spec: dict[str, Any], directory: Path) -> Input:
    rng = random.Random(spec["seed"])
    if spec.get("huge"):
        return _huge_input(rng, directory, spec["seed"])
    if spec.get("big"):
        return make_input(rng, directory, spec["seed"], big=True, mutation=rng.choice(("huge_line", "deep_nesting")))
    return make_input(rng, directory, spec["seed"])


def _analyze(items: list[Input]) -> tuple[set[str], str | None]:
    """Sources reported by one run over ``items`` (all with the same manifest), or the crash."""
    from datetime import datetime

    from storylens.errors import InputError
    from storylens.ingest.metadata import load_manifest
    from storylens.pipeline import analyze

    manifest = None
    if items[0].manifest is not None:
        try:
            manifest = load_manifest(items[0].manifest)
        except InputError:
            manifest = None  # refused with a message: the CLI says why and stops; not a crash
        except Exception as exc:  # noqa: BLE001 - what the bench counts
            return set(), f"load_manifest: {type(exc).__name__}: {str(exc)[:200]}"
    paths = [p for item in items for p in item.paths]
    try:
        result = analyze(paths, fetched_at=datetime.fromisoformat(FETCHED_AT), manifest=manifest,
                         extract=False, compare=False)
    except BaseException as exc:  # noqa: BLE001 - a crash is what is measured
        if isinstance(exc, KeyboardInterrupt):
            raise
        return set(), f"{type(exc).__name__}: {str(exc)[:200]}"
    bad = [s for s in result.skipped if not s.reason.strip()]
    if bad:
        return set(), f"skipped without a reason: {bad[0].source}"
    return {a.source for a in result.articles} | {s.source for s in result.skipped}, None


def worker(specs: list[dict[str, Any]]) -> dict[str, Any]:
    """Run one batch; return crashes, unaccounted inputs and peak RSS."""
    import storylens.pipeline  # noqa: F401 - imports counted in the baseline

    baseline = _rss_mb()
    out: dict[str, Any] = {"inputs": len(specs), "crashes": [], "unaccounted": [], "baseline_mb": baseline,
                           "bytes": 0, "kinds": Counter(), "mutations": Counter()}
    with tempfile.TemporaryDirectory(prefix="storylens-fuzz-") as tmp:
        items = [_make(spec, Path(tmp) / f"i{spec['seed']}") for spec in specs]
        for item in items:
            out["bytes"] += item.size
            out["kinds"][item.kind] += 1
            out["mutations"][item.mutation] += 1
        plain = [i for i in items if i.manifest is None]
        groups = ([plain] if plain else []) + [[i] for i in items if i.manifest is not None]
        for group in groups:
            sources, crash = _analyze(group)
            if crash is not None and len(group) > 1:  # name the input that crashed the batch
                for item in group:
                    sources_one, crash_one = _analyze([item])
                    if crash_one is not None:
                        out["crashes"].append(f"{item.label}: {crash_one}")
                    sources |= sources_one
            elif crash is not None:
                out["crashes"].append(f"{group[0].label}: {crash}")
                continue
            for item in group:
                missing = unaccounted(item, sources)
                if missing:
                    out["unaccounted"].append(f"{item.label}: {len(missing)} records, e.g. {Path(missing[0]).name}")
    out["peak_mb"] = _rss_mb()
    return out


def _run_worker(specs: list[dict[str, Any]]) -> dict[str, Any]:
    started = time.perf_counter()
    try:
        proc = subprocess.run([sys.executable, __file__, "--worker"], input=json.dumps(specs), text=True,
                              capture_output=True, timeout=WORKER_TIMEOUT_S, cwd=ROOT)
    except subprocess.TimeoutExpired:
        return {"inputs": len(specs), "crashes": [f"seeds {specs[0]['seed']}..: worker timed out"],
                "unaccounted": [], "peak_mb": 0.0, "baseline_mb": 0.0, "bytes": 0, "kinds": {}, "mutations": {},
                "seconds": WORKER_TIMEOUT_S}
    if proc.returncode != 0:
        tail = proc.stderr.strip().splitlines()[-1:] or ["?"]
        return {"inputs": len(specs), "crashes": [f"seeds {specs[0]['seed']}..: worker died ({proc.returncode}): {tail[0]}"],
                "unaccounted": [], "peak_mb": 0.0, "baseline_mb": 0.0, "bytes": 0, "kinds": {}, "mutations": {},
                "seconds": time.perf_counter() - started}
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["seconds"] = time.perf_counter() - started
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=10_000, help="malformed inputs (default 10,000)")
    parser.add_argument("--batch", type=int, default=50, help="inputs per analyze run (default 50)")
    parser.add_argument("--big-every", type=int, default=200, help="every Nth input gets the 2-9 MB mutations")
    parser.add_argument("--huge", type=int, default=5, help="extra inputs of 20-50 MB, each alone")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(json.loads(sys.stdin.read()))))
        return

    seeds = [args.seed * 1_000_000 + i for i in range(args.count)]
    small = [{"seed": s} for i, s in enumerate(seeds) if args.big_every <= 0 or i % args.big_every]
    alone = [{"seed": s, "big": True} for i, s in enumerate(seeds) if args.big_every > 0 and not i % args.big_every]
    alone += [{"seed": args.seed * 1_000_000 + args.count + i, "huge": True} for i in range(args.huge)]
    batches = [small[i:i + args.batch] for i in range(0, len(small), args.batch)] + [[spec] for spec in alone]
    started = time.perf_counter()
    totals: dict[str, Any] = {"inputs": 0, "crashes": [], "unaccounted": [], "bytes": 0, "kinds": Counter(),
                              "mutations": Counter(), "peak_batch_mb": 0.0, "peak_single_mb": 0.0,
                              "baseline_mb": 0.0, "largest_single": []}
    for n, batch in enumerate(batches, start=1):
        result = _run_worker(batch)
        totals["inputs"] += result["inputs"]
        totals["crashes"] += result["crashes"]
        totals["unaccounted"] += result["unaccounted"]
        totals["bytes"] += result["bytes"]
        totals["kinds"].update(result["kinds"])
        totals["mutations"].update(result["mutations"])
        totals["baseline_mb"] = max(totals["baseline_mb"], result["baseline_mb"])
        if len(batch) == 1:
            totals["peak_single_mb"] = max(totals["peak_single_mb"], result["peak_mb"])
            totals["largest_single"].append((result["bytes"], result["peak_mb"], round(result["seconds"], 1)))
        else:
            totals["peak_batch_mb"] = max(totals["peak_batch_mb"], result["peak_mb"])
        if not args.json and (n % 20 == 0 or n == len(batches)):
            print(f"  {n}/{len(batches)} runs, {totals['inputs']} inputs, {len(totals['crashes'])} crashes, "
                  f"{len(totals['unaccounted'])} unaccounted, {time.perf_counter() - started:.0f} s", flush=True)
    totals["seconds"] = round(time.perf_counter() - started, 1)
    totals["largest_single"] = sorted(totals["largest_single"], reverse=True)[:5]
    totals["machine"] = f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} CPUs"
    if args.json:
        print(json.dumps(totals, indent=2))
        return
    print(f"{totals['inputs']} malformed inputs ({totals['bytes'] / 2**20:.0f} MiB) in {totals['seconds']} s")
    print(f"  kinds: {dict(sorted(totals['kinds'].items()))}")
    print(f"  mutations: {dict(sorted(totals['mutations'].items()))}")
    print(f"  whole-run crashes: {len(totals['crashes'])}")
    for line in totals["crashes"][:20]:
        print(f"    {line}")
    print(f"  inputs with records unaccounted for: {len(totals['unaccounted'])}")
    for line in totals["unaccounted"][:20]:
        print(f"    {line}")
    print(f"  peak RSS: batches of {args.batch} {totals['peak_batch_mb']:.0f} MB; a single large input "
          f"{totals['peak_single_mb']:.0f} MB (worker baseline after imports {totals['baseline_mb']:.0f} MB)")
    print("  largest single inputs (bytes, peak MB, s): "
          + ", ".join(f"({b / 2**20:.1f} MiB, {m:.0f}, {s})" for b, m, s in totals["largest_single"]))


if __name__ == "__main__":
    main()
