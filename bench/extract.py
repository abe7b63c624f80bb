"""Extraction throughput and peak memory vs bare spaCy, with 1 and 2 processes.

Articles: real news text from ../shared/eval (PolNeAR train articles, cut or joined to
about 600 words each), the first ``--articles`` of them. Side by side in one run, each
mode in its own child process (so peak RSS is its own):
  spacy        bare ``nlp.pipe`` over the texts (the baseline)
  storylens    ``storylens.extract.extract_articles``: the same pass plus entities,
               quotes, figures and time references
each with ``--processes`` 1 and 2.

    .venv/bin/python bench/extract.py [--articles 500] [--json]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

WORDS_PER_ARTICLE = 600


def load_texts(count: int) -> list[str]:
    from storylens.eval.data import shared_dir

    folder = shared_dir("eval/polnear/train/text") / "eval" / "polnear" / "train" / "text"
    words: list[str] = []
    texts: list[str] = []
    for path in sorted(folder.glob("*.txt")):
        words.extend(path.read_text(encoding="utf-8").split())
        while len(words) >= WORDS_PER_ARTICLE and len(texts) < count:
            chunk, words = words[:WORDS_PER_ARTICLE], words[WORDS_PER_ARTICLE:]
            texts.append(" ".join(chunk))
        if len(texts) >= count:
            break
    if len(texts) < count:
        raise SystemExit(f"only {len(texts)} articles of {WORDS_PER_ARTICLE} words available")
    return texts


def run_mode(mode: str, processes: int, count: int) -> dict[str, object]:
    from storylens.extract import extract_articles
    from storylens.extract.nlp import load_nlp
    from storylens.model import Article
    from storylens.runners import make_runner

    texts = load_texts(count)
    nlp = load_nlp()
    published = datetime(2016, 11, 1, 12, tzinfo=timezone.utc)
    start = time.perf_counter()
    if mode == "spacy":
        for _doc in nlp.pipe(texts, batch_size=32, n_process=processes):
            pass
    else:
        articles = [Article(id=str(i), source=f"bench#{i}", text=t, paragraphs=[t], published=published)
                    for i, t in enumerate(texts)]
        chunks = [articles[i:i + 32] for i in range(0, len(articles), 32)]
        with make_runner(processes) as runner:
            for _done in runner.map(extract_articles, chunks):
                pass
    elapsed = time.perf_counter() - start
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"mode": mode, "processes": processes, "articles": count, "seconds": round(elapsed, 1),
            "articles_per_s": round(count / elapsed, 1), "peak_rss_mib": round(own, 1),
            "peak_worker_rss_mib": round(children, 1) if processes > 1 else None}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--mode", help=argparse.SUPPRESS)
    parser.add_argument("--processes", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.mode:
        print(json.dumps(run_mode(args.mode, args.processes, args.articles)))
        return
    rows = []
    for processes in (1, 2):
        for mode in ("spacy", "storylens"):
            child = subprocess.run([sys.executable, str(Path(__file__)), "--mode", mode, "--processes", str(processes),
                                    "--articles", str(args.articles)], capture_output=True, text=True, check=True)
            rows.append(json.loads(child.stdout.strip().splitlines()[-1]))
    for row in rows:
        base = next(r for r in rows if r["mode"] == "spacy" and r["processes"] == row["processes"])
        row["cost_over_spacy"] = round(base["articles_per_s"] / row["articles_per_s"] - 1, 3)
    if args.json:
        print(json.dumps(rows, indent=2))
        return
    print(f"{'mode':10} {'proc':>4} {'art/s':>7} {'extra cost':>10} {'peak MiB':>9} {'worker MiB':>10}")
    for r in rows:
        print(f"{r['mode']:10} {r['processes']:>4} {r['articles_per_s']:>7} {r['cost_over_spacy']:>10.1%} "
              f"{r['peak_rss_mib']:>9} {r['peak_worker_rss_mib'] or '-':>10}")


if __name__ == "__main__":
    main()
