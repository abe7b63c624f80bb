"""Ingest/clean throughput, peak memory and body quality on ../shared/eval/pages.

Side by side in one run, each mode in its own child process (so peak RSS is its own):
  trafilatura      bare ``trafilatura.extract(html)``: the baseline
  storylens-html   Storylens' HTML cleaner (trafilatura + metadata + audit trail)
  storylens-dump   Storylens' page-dump cleaner on the select-all text of the same pages
Each mode loads the pages first (not timed), then cleans every page ``--repeat`` times.

    .venv/bin/python bench/ingest.py [--repeat 3] [--json]
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import subprocess
import sys
import time
from datetime import datetime, timezone

MODES = ("trafilatura", "storylens-html", "storylens-dump")


def run_mode(mode: str, repeat: int) -> dict[str, object]:
    from storylens.eval.pages import cleaned_body, load_pages, page_input, score_bodies

    pages = load_pages()
    now = datetime.now(timezone.utc)
    if mode == "trafilatura":
        import trafilatura

        def extract(page):  # type: ignore[no-untyped-def]
            return trafilatura.extract(page.html)
    else:
        kind = "html" if mode == "storylens-html" else "text"
        inputs = {p.url: page_input(p, kind) for p in pages}

        def extract(page):  # type: ignore[no-untyped-def]
            return cleaned_body(page, inputs[page.url], kind, now)

    bodies: dict[str, str | None] = {}
    start = time.perf_counter()
    for _ in range(repeat):
        for page in pages:
            bodies[page.url] = extract(page)
    elapsed = time.perf_counter() - start
    scores = score_bodies(pages, lambda p: bodies[p.url])
    return {
        "mode": mode,
        "pages": len(pages),
        "repeat": repeat,
        "seconds": round(elapsed, 2),
        "articles_per_s": round(len(pages) * repeat / elapsed, 1),
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        **{k: v for k, v in scores.as_dict().items() if k in ("precision", "recall", "f1")},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--mode", choices=MODES, help=argparse.SUPPRESS)  # child process
    args = parser.parse_args()
    if args.mode:
        print(json.dumps(run_mode(args.mode, args.repeat)))
        return
    rows = []
    for mode in MODES:
        child = subprocess.run([sys.executable, __file__, "--mode", mode, "--repeat", str(args.repeat)],
                               capture_output=True, text=True, check=True)
        rows.append(json.loads(child.stdout.strip().splitlines()[-1]))
    base = rows[0]["articles_per_s"]
    for row in rows:
        row["speed_vs_trafilatura"] = round(row["articles_per_s"] / base, 2)
    if args.json:
        print(json.dumps({"machine": platform.platform(), "python": platform.python_version(), "rows": rows}, indent=2))
        return
    print(f"{'mode':16} {'art/s':>7} {'ratio':>6} {'peak MiB':>9} {'P':>6} {'R':>6} {'F1':>6}")
    for r in rows:
        print(f"{r['mode']:16} {r['articles_per_s']:>7} {r['speed_vs_trafilatura']:>6} {r['peak_rss_mib']:>9} "
              f"{r['precision']:>6} {r['recall']:>6} {r['f1']:>6}")


if __name__ == "__main__":
    main()
