"""Online story clustering at scale: a reproducible stream of 10k, 50k and 100k articles.

The stream is generated from real text under ../shared/eval (ECB+, NewsWCL50 and PolNeAR
article texts, read at run time, never copied): each *event* takes 7 random sentences of one
source article, 4 of a second and 3 of a third, and an event-specific cast (two invented person
names and a place) mentioned in its sentences; 2-8 outlets cover it, each article keeps
60-90% of the event's sentences in order, drops 5% of words, adds one or two unrelated
sentences, and gets its own headline (its first kept sentence, cut). Events start
uniformly over the stream's span at ``--rate`` articles a day (400: 10k articles span 25
days, 100k span 250 days), and their articles follow within about three days. Source
articles are reused across events (about 1,700 sources for up to 20k events), so
unrelated stories share realistic vocabulary and sometimes whole sentences.

Features are precomputed in chunks outside the timed region with the cheap tokenizer
(``storylens.cluster.text_features``: regex words, suffix-stripping lemma, capitalised
runs as entities), so no spaCy time is counted: the timing is ``StoryClusterer.add``
alone. Each size runs in its own child process, so the peak RSS (which includes the
source texts and the Python interpreter) is that size's own.

Baseline, on the 10k stream only: naive all-pairs. Every article is compared with every
earlier article (cosine of the same TF-IDF vectors, computed as sparse matrix products
in blocks, i.e. in C), and joins the story of its most similar earlier article at or
above the same similarity threshold. Reported as articles/s and as the ratio to
Storylens on the same stream, with its BCubed F1.

    .venv/bin/python bench/cluster.py [--sizes 10000 50000 100000] [--json]
    .venv/bin/python bench/cluster.py --batch-sizes 2000 5000 10000 --batch-only --json
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import re
import resource
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storylens.cluster import ClusterConfig

SEED = 20260308
_SENT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
_SYL = "ka ri to ven sa lo mir dal ne tor ga vi ru hel an bo sel fa en dor mi lan ur ves co".split()


def _sources() -> list[list[str]]:
    from storylens.eval.data import MissingDataError, shared_dir

    try:
        root = shared_dir("eval/ecbplus/dev.jsonl") / "eval"
    except MissingDataError as exc:
        sys.exit(f"bench/cluster.py needs the shared evaluation data: {exc}")
    texts: list[str] = []
    for name in ("ecbplus/dev.jsonl", "newswcl50/dev.jsonl"):
        with (root / name).open(encoding="utf-8") as fh:
            texts += [json.loads(line)["text"] for line in fh if line.strip()]
    for path in sorted((root / "polnear").glob("*/text/*.txt")):
        texts.append(path.read_text(encoding="utf-8"))
    docs = []
    for text in texts:
        sentences = [s.strip() for line in text.split("\n") for s in _SENT.split(line)
                     if len(s.split()) >= 6 and not s.lstrip().lower().startswith("http")]
        if len(sentences) >= 5:
            docs.append(sentences)
    return docs


def _name(rng: random.Random, parts: int) -> str:
    return " ".join("".join(rng.choice(_SYL) for _ in range(rng.randint(2, 3))).capitalize() for _ in range(parts))


@dataclass
class StreamArticle:
    id: str
    event: int
    published: datetime
    title: str
    body: str


def generate(n: int, rate: float, seed: int = SEED) -> list[tuple[datetime, int, int, int]]:
    """The stream's skeleton: (published, event, outlet number, event source seed) per
    article, sorted by time; articles are written later, chunk by chunk."""
    rng = random.Random(seed)
    start = datetime(2025, 1, 1, tzinfo=timezone.utc)
    span_days = n / rate
    out: list[tuple[datetime, int, int, int]] = []
    event = 0
    while len(out) < n:
        t0 = start + timedelta(days=rng.uniform(0, span_days))
        for k in range(rng.randint(2, 8)):
            delay = timedelta(hours=min(rng.expovariate(1 / 18), 96))
            out.append((t0 + delay, event, k, rng.randrange(1 << 30)))
        event += 1
    out = out[:n]
    out.sort()
    return out


def write(skeleton: list[tuple[datetime, int, int, int]], docs: list[list[str]], seed: int = SEED) -> Iterator[StreamArticle]:
    """Write each article of the skeleton (deterministic per event and outlet)."""
    cast: dict[int, tuple[list[str], list[str]]] = {}
    for i, (published, event, outlet, _) in enumerate(skeleton):
        if event not in cast:
            erng = random.Random(seed * 1_000_003 + event)
            a, b, c = erng.sample(range(len(docs)), 3)
            core = [s for d, k in ((a, 7), (b, 4), (c, 3)) for s in erng.sample(docs[d], min(k, len(docs[d])))]
            names = [_name(erng, 2), _name(erng, 2), _name(erng, 1)]
            core = [s + (f" {erng.choice(names[:2])} said in {names[2]}." if erng.random() < 0.4 else "")
                    for s in core]
            cast[event] = (core, names)
        core, _ = cast[event]
        arng = random.Random(seed * 7_919 + event * 101 + outlet)
        keep = [s for s in core if arng.random() < arng.uniform(0.6, 0.9)] or core[:3]
        noise = [arng.choice(arng.choice(docs)) for _ in range(arng.randint(1, 2))]
        for s in noise:
            keep.insert(arng.randrange(len(keep) + 1), s)
        body = " ".join(w for w in " ".join(keep).split() if arng.random() >= 0.05)
        title = " ".join(keep[0].split()[:12])
        yield StreamArticle(f"a{i:06d}", event, published, title, body)


def _config(threshold: float | None) -> "ClusterConfig":
    from dataclasses import replace

    from storylens.cluster import ClusterConfig

    return ClusterConfig() if threshold is None else replace(ClusterConfig(), threshold=threshold)


def run_size(n: int, rate: float, threshold: float | None = None, chunk: int = 2000) -> dict[str, object]:
    from storylens.cluster import StoryClusterer, cluster_scores, text_features

    docs = _sources()
    skeleton = generate(n, rate)
    clusterer = StoryClusterer(_config(threshold))
    gold: dict[str, int] = {}
    pred: dict[str, str] = {}
    timed = 0.0
    segments: list[float] = []
    max_candidates = max_active = 0
    stream = write(skeleton, docs)
    done = 0
    while done < n:
        batch = []
        for art in stream:
            batch.append(text_features(art.id, art.title, art.body, art.published))
            gold[art.id] = art.event
            if len(batch) == chunk:
                break
        t = time.perf_counter()
        for f in batch:
            pred[f.id] = clusterer.add(f)
            if clusterer.last_candidates > max_candidates:
                max_candidates = clusterer.last_candidates
        dt = time.perf_counter() - t
        timed += dt
        segments.append(len(batch) / dt if dt else 0.0)
        max_active = max(max_active, clusterer.active_count)
        done += len(batch)
    scores = cluster_scores(gold, pred)
    return {
        "articles": n,
        "events": len(set(gold.values())),
        "days": round(n / rate, 1),
        "articles_per_s": round(n / timed, 1),
        "first_chunk_per_s": round(segments[0], 1),
        "last_chunk_per_s": round(segments[-1], 1),
        "cluster_seconds": round(timed, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "max_live_stories": max_active,
        "max_candidates": max_candidates,
        "stories": len(set(pred.values())),
        "bcubed_p": round(scores["bcubed_p"], 4),
        "bcubed_r": round(scores["bcubed_r"], 4),
        "bcubed_f1": round(scores["bcubed_f1"], 4),
    }


def run_baseline(n: int, rate: float, threshold: float | None = None, block: int = 1000) -> dict[str, object]:
    """Naive all-pairs: every article against every earlier one."""
    import math
    from collections import Counter

    import numpy as np
    from scipy.sparse import csr_matrix

    from storylens.cluster import cluster_scores, text_features

    docs = _sources()
    arts = list(write(generate(n, rate), docs))
    feats = [text_features(a.id, a.title, a.body, a.published) for a in arts]
    threshold = _config(threshold).threshold
    t = time.perf_counter()
    df: Counter[str] = Counter()
    for f in feats:
        df.update(set(f.body) | set(f.title) | {"§" + k for k in f.entities})
    vocab = {term: i for i, term in enumerate(df)}
    data: list[float] = []
    ind: list[int] = []
    ptr = [0]
    for f in feats:
        terms = set(f.body) | set(f.title) | {"§" + k for k in f.entities}
        vec = {term: math.log((n + 1) / (df[term] + 1)) + 1 for term in terms if df[term] >= 2}
        norm = math.sqrt(sum(w * w for w in vec.values())) or 1.0
        for term, w in vec.items():
            ind.append(vocab[term])
            data.append(w / norm)
        ptr.append(len(ind))
    x = csr_matrix((np.array(data), np.array(ind), np.array(ptr)), shape=(n, len(vocab)))
    story = np.arange(n)
    for lo in range(0, n, block):
        sims = (x[lo:lo + block] @ x[: lo + block].T).toarray()
        for r in range(sims.shape[0]):
            i = lo + r
            if i == 0:
                continue
            row = sims[r, :i]
            j = int(row.argmax())
            if row[j] >= threshold:
                story[i] = story[j]
    timed = time.perf_counter() - t
    scores = cluster_scores({a.id: a.event for a in arts}, {a.id: int(story[i]) for i, a in enumerate(arts)})
    return {"articles": n, "articles_per_s": round(n / timed, 1), "cluster_seconds": round(timed, 2),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            "bcubed_f1": round(scores["bcubed_f1"], 4)}


def run_batch(n: int, rate: float, threshold: float | None = None) -> dict[str, object]:
    """The batch clusterer (what ``analyze`` and ``ingest``'s regroup use) on the first
    ``n`` articles of the same stream, as one batch."""
    from dataclasses import replace

    from storylens.cluster import BatchConfig, batch_cluster, cluster_scores, text_features

    arts = list(write(generate(n, rate), _sources()))
    feats = [text_features(a.id, a.title, a.body, a.published) for a in arts]
    config = BatchConfig() if threshold is None else replace(BatchConfig(), threshold=threshold)
    t = time.perf_counter()
    assignment, stories = batch_cluster(feats, config)
    timed = time.perf_counter() - t
    scores = cluster_scores({a.id: a.event for a in arts}, assignment)
    return {"articles": n, "days": round(n / rate, 1), "articles_per_s": round(n / timed, 1),
            "cluster_seconds": round(timed, 2),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            "stories": len(stories), "bcubed_p": round(scores["bcubed_p"], 4),
            "bcubed_r": round(scores["bcubed_r"], 4), "bcubed_f1": round(scores["bcubed_f1"], 4)}


def _child(args: list[str]) -> dict[str, object]:
    out = subprocess.run([sys.executable, __file__, *args], check=True, capture_output=True, text=True)
    result: dict[str, object] = json.loads(out.stdout)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000, 100_000])
    parser.add_argument("--rate", type=float, default=400.0, help="articles per day in the stream")
    parser.add_argument("--baseline-size", type=int, default=10_000)
    parser.add_argument("--threshold", type=float, help="similarity threshold (default: ClusterConfig's)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--batch-sizes", type=int, nargs="*", default=[],
                        help="also time the batch clusterer (analyze's) on the first N articles, as one batch")
    parser.add_argument("--batch-only", action="store_true", help="only the --batch-sizes runs")
    parser.add_argument("--child", choices=["size", "baseline", "batch"], help=argparse.SUPPRESS)
    parser.add_argument("--n", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        fn = {"size": run_size, "baseline": run_baseline, "batch": run_batch}[args.child]
        print(json.dumps(fn(args.n, args.rate, args.threshold)))
        return
    extra = ["--rate", str(args.rate)] + (["--threshold", str(args.threshold)] if args.threshold is not None else [])
    batch_rows = [_child(["--child", "batch", "--n", str(n), *extra]) for n in args.batch_sizes]
    if args.batch_only:
        print(json.dumps({"batch": batch_rows}, indent=2 if args.json else None))
        return
    rows = [_child(["--child", "size", "--n", str(n), *extra]) for n in args.sizes]
    base = _child(["--child", "baseline", "--n", str(args.baseline_size), *extra])
    same = next((r for r in rows if r["articles"] == args.baseline_size), None)
    ratio = round(float(same["articles_per_s"]) / float(base["articles_per_s"]), 2) if same else None
    result = {"machine": f"{platform.processor() or platform.machine()}, Python {platform.python_version()}",
              "rate_per_day": args.rate, "threshold": _config(args.threshold).threshold, "storylens": rows, "all_pairs_baseline": base,
              "speed_ratio_storylens_over_baseline": ratio, "batch": batch_rows}
    if args.json:
        print(json.dumps(result, indent=2))
        return
    head = ("articles", "events", "days", "articles_per_s", "first_chunk_per_s", "last_chunk_per_s",
            "peak_rss_mb", "max_live_stories", "max_candidates", "bcubed_p", "bcubed_r", "bcubed_f1")
    print(" | ".join(head))
    for r in rows:
        print(" | ".join(str(r[h]) for h in head))
    print(f"all-pairs baseline on {base['articles']}: {base['articles_per_s']} articles/s, "
          f"BCubed F1 {base['bcubed_f1']}, peak RSS {base['peak_rss_mb']} MB; "
          f"Storylens / baseline speed: {ratio}")


if __name__ == "__main__":
    main()
