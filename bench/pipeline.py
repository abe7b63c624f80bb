"""End-to-end cost of `storylens analyze` and `storylens ingest` against bare spaCy.

Input: the first N real GVA dev articles (../shared/eval/gva/dev.jsonl, ~200 words
each), as the JSONL a user would give (url, outlet, published, headline, text). Side by
side in one run, each mode in its own child process (so CPU and peak RSS are its own):

  spacy     bare ``nlp.pipe`` with the same model, as spaCy loads it, over the same
            articles' cleaned text (the baseline: what any NLP-based tool pays)
  spacy-ruler  the same model as Storylens loads it (``extract.nlp.load_nlp``: the
            attribute ruler matching by lookup, the lemmatizer's lemmas cached per word
            form; the same attributes, found faster), so the cost of Storylens's own
            stages can be read apart from the model's
  analyze   what ``storylens analyze FILE --format json`` runs: ``pipeline.analyze`` (read,
            clean, extract, group, compare) and the JSON report
  ingest    what ``storylens ingest FILE --db new.db`` runs: ``pipeline.ingest`` into a
            new SQLite store (read, clean, extract, store, group, compare, store)

each with 1 and 2 processes (``--processes``). Reported: wall and CPU seconds (the mode's
process and its workers), CPU per article, CPU relative to bare spaCy at the same size,
peak RSS, and the CPU of each stage (clean and extract summed over the workers; ``other``
is reading, writing and the runner's overhead: total minus the stages). Every mode loads
the spaCy model before its clock starts, as a long-running process has it loaded.

    .venv/bin/python bench/pipeline.py [--sizes 250,1000,2000] [--processes 1,2] [--json]

GVA dev has 2,102 articles, so 2,000 is the largest size.
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

MODES = ("spacy", "spacy-ruler", "analyze", "ingest")
FETCHED = datetime(2016, 1, 1, tzinfo=timezone.utc)


def write_input(count: int, folder: Path) -> Path:
    from storylens.eval.data import shared_dir

    source = shared_dir("eval/gva/dev.jsonl") / "eval" / "gva" / "dev.jsonl"
    path = folder / f"gva-{count}.jsonl"
    with source.open(encoding="utf-8") as src, path.open("w", encoding="utf-8") as out:
        for n, line in enumerate(src):
            if n >= count:
                break
            r = json.loads(line)
            out.write(json.dumps({"url": r["url"], "outlet": r["outlet"], "published": r["published"],
                                  "text": r["text"]}) + "\n")
    return path


def cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def stock_nlp():  # type: ignore[no-untyped-def]
    """The verified model as ``spacy.load`` gives it (malloc's thresholds fixed as
    ``load_nlp`` fixes them, which does not change spaCy's CPU)."""
    import spacy

    from storylens.allocator import keep_freed_memory
    from storylens.extract.nlp import model_path

    keep_freed_memory()
    return spacy.load(model_path())


def run_mode(mode: str, processes: int, path: Path) -> dict[str, object]:
    from storylens.config import load_settings
    from storylens.extract.nlp import load_nlp
    from storylens.pipeline import analyze, ingest, read_inputs

    # the user's settings ($STORYLENS_CONFIG, STORYLENS_* variables), the processes given
    settings = load_settings(overrides={"pipeline.processes": processes}).settings
    stages: dict[str, float] = {}
    if mode.startswith("spacy"):  # the cleaned texts are computed first, not timed
        texts = [a.text for a in analyze([path], fetched_at=FETCHED, extract=False, compare=False).articles]
    # Every mode starts with the model loaded (importing spaCy and loading the model cost
    # about 1 CPU s per process, whatever the number of articles): the clock measures the
    # work per input, the same in the baseline and in storylens.
    nlp = load_nlp() if mode != "spacy" else stock_nlp()
    cpu0, wall0 = cpu_seconds(), time.perf_counter()
    if mode.startswith("spacy"):
        for _doc in nlp.pipe(texts, batch_size=32, n_process=processes):
            pass
        count = len(texts)
    elif mode == "analyze":
        from storylens.report import Report, write_json

        result = analyze([path], fetched_at=FETCHED, settings=settings)
        with tempfile.TemporaryDirectory() as out:
            write_json(Report(articles=result.articles, skipped=result.skipped, stories=result.stories,
                              generated_at=FETCHED, inputs=[str(path)]), Path(out) / "report.json")
        count, stages = len(result.articles), result.stage_cpu
    else:
        from storylens.store import open_store

        with tempfile.TemporaryDirectory() as folder, open_store(Path(folder) / "s.db") as store:
            done = ingest(store, read_inputs([path], fetched_at=FETCHED), settings=settings)
        count, stages = done.added, done.stage_cpu
    wall, cpu = time.perf_counter() - wall0, cpu_seconds() - cpu0
    stages = {k: round(v, 2) for k, v in stages.items()}
    if stages:
        stages["other"] = round(cpu - sum(stages.values()), 2)
    return {"mode": mode, "processes": processes, "articles": count, "wall_s": round(wall, 2),
            "cpu_s": round(cpu, 2), "cpu_ms_per_article": round(1000 * cpu / max(count, 1), 1),
            "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            "peak_worker_rss_mib": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)
            if processes > 1 else None, "stage_cpu_s": stages}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="250,1000,2000")
    parser.add_argument("--processes", default="1,2")
    parser.add_argument("--modes", default=",".join(MODES))
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        mode, processes, path = args.child
        print(json.dumps(run_mode(mode, int(processes), Path(path))))
        return
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for size in (int(s) for s in args.sizes.split(",")):
            path = write_input(size, Path(folder))
            for processes in (int(p) for p in args.processes.split(",")):
                for mode in args.modes.split(","):
                    out = subprocess.run([sys.executable, __file__, "--child", mode, str(processes), str(path)],
                                         check=True, capture_output=True, text=True).stdout
                    rows.append(json.loads(out.strip().splitlines()[-1]))
                    print(f"  done: {mode} x{processes} on {size}", file=sys.stderr)
    spacy_cpu = {(r["processes"], r["articles"]): r["cpu_s"] for r in rows if r["mode"] == "spacy"}
    for r in rows:
        ref = spacy_cpu.get((r["processes"], r["articles"]))
        r["cpu_vs_spacy"] = round(r["cpu_s"] / ref, 2) if ref else None
    if args.json:
        print(json.dumps({"machine": platform.platform(), "rows": rows}, indent=2))
        return
    print(f"{'mode':11} {'proc':>4} {'art':>5} {'wall s':>7} {'CPU s':>7} {'ms/art':>7} {'x spaCy':>7} "
          f"{'RSS MiB':>8} {'worker':>7}  stage CPU s")
    for r in rows:
        print(f"{r['mode']:11} {r['processes']:>4} {r['articles']:>5} {r['wall_s']:>7} {r['cpu_s']:>7} "
              f"{r['cpu_ms_per_article']:>7} {r['cpu_vs_spacy'] or '':>7} {r['peak_rss_mib']:>8} "
              f"{r['peak_worker_rss_mib'] or '-':>7}  {r['stage_cpu_s'] or ''}")


if __name__ == "__main__":
    main()
