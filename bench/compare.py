"""Comparison speed and memory on stories of 5, 20 and 100 articles.

The stories are built reproducibly from NewsWCL50 dev (``../shared/eval/newswcl50``,
read at run time, never copied). A story of N articles about one event: article k is a
rewrite of the event's document k mod 5 that keeps each sentence with probability 0.8
(``random.Random(seed)``), so the five outlets' accounts are repeated with variations,
as agency copies and rewrites repeat them: the alignment sees many near-identical
statements, its worst case. The five source documents go through the extractors once
(not timed); a rewrite keeps the entities, quotes, figures and time references of the
sentences it keeps, with their offsets shifted.

Timed: splitting into statements, ``align_facts``, ``find_conflicts`` and
``find_exclusives`` on the story, as ``compare_story`` calls them (best of
``--repeat`` runs, wall clock and CPU time of this process: on a shared machine the CPU
time is the steadier of the two). Counted: facts, corroborated facts, conflicts (one per
disagreement) and their sides (one per article asserting a claim in dispute). Memory:
the peak of Python allocations during one comparison (tracemalloc, measured in a
separate run so it does not slow the timed one).

    .venv/bin/python bench/compare.py [--sizes 5 20 100] [--event 0] [--json]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
import tracemalloc
from dataclasses import replace
from typing import Any

from storylens.compare.conflicts import find_conflicts
from storylens.compare.exclusives import find_exclusives
from storylens.compare.facts import align_facts
from storylens.compare.statements import statement_spans, statements_of
from storylens.eval import newswcl50
from storylens.eval.compare_gold import records_to_articles
from storylens.model import Article, Span


def rewrite(source: Article, k: int, rng: random.Random) -> Article:
    """A copy of ``source`` keeping each sentence with probability 0.8 (at least one)."""
    sentences = sorted({(ss, se) for _, _, ss, se in statement_spans(source.text)})
    kept = [s for s in sentences if rng.random() < 0.8] or sentences[:1]
    parts: list[str] = []
    shift: list[tuple[int, int, int]] = []  # (old start, old end, new start)
    pos = 0
    for s, e in kept:
        shift.append((s, e, pos))
        parts.append(source.text[s:e])
        pos += e - s + 1
    text = " ".join(parts)

    def move(start: int, end: int) -> tuple[int, int] | None:
        for s, e, new in shift:
            if s <= start and end <= e:
                return start - s + new, end - s + new
        return None

    art = Article(id=f"{source.id}#{k}", source=f"bench/{source.id}#{k}", text=text, paragraphs=[text],
                  outlet=f"{source.outlet} {k}")
    for ent in source.entities:
        mentions = [Span(*m) for m in (move(x.start, x.end) for x in ent.mentions) if m]
        if mentions:
            art.entities.append(replace(ent, mentions=mentions))
    for q in source.quotes:
        m = move(q.start, q.end)
        if m:
            art.quotes.append(replace(q, start=m[0], end=m[1], speaker_start=None, speaker_end=None,
                                      cue_start=None, cue_end=None))
    for f in source.figures:
        m = move(f.start, f.end)
        if m:
            art.figures.append(replace(f, start=m[0], end=m[1]))
    for t in source.time_refs:
        m = move(t.start, t.end)
        if m:
            art.time_refs.append(replace(t, start=m[0], end=m[1]))
    return art


def build_story(sources: list[Article], size: int, seed: int) -> list[Article]:
    rng = random.Random(seed)
    return [rewrite(sources[k % len(sources)], k, rng) for k in range(size)]


def compare(articles: list[Article]) -> dict[str, int]:
    split = {a.id: statements_of(a) for a in articles}  # as compare_story: split once
    facts = align_facts(articles, split=split)
    conflicts = find_conflicts(articles, facts, split)
    find_exclusives(articles, facts)
    return {"facts": len(facts), "corroborated": sum(f.independent_sources >= 2 for f in facts),
            "conflicts": len(conflicts), "conflict_sides": sum(len(c.sides) for c in conflicts)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5, 20, 100])
    parser.add_argument("--event", default="0", help="NewsWCL50 dev event (topic) whose 5 documents are rewritten")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    records = [r for r in newswcl50.load_records(None, "dev", None) if str(r["topic"]) == args.event]
    sources = records_to_articles(records)
    rows: list[dict[str, Any]] = []
    for size in args.sizes:
        story = build_story(sources, size, args.seed + size)
        statements = sum(len(statement_spans(a.text)) for a in story)
        best = cpu = float("inf")
        for _ in range(args.repeat):
            started, cpu_started = time.perf_counter(), time.process_time()
            counts = compare(story)
            best = min(best, time.perf_counter() - started)
            cpu = min(cpu, time.process_time() - cpu_started)
        tracemalloc.start()
        compare(story)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        rows.append({"articles": size, "statements": statements, "seconds": round(best, 4),
                     "cpu_seconds": round(cpu, 4),
                     "ms_per_statement": round(1000 * best / statements, 3), "peak_mib": round(peak / 2**20, 2),
                     **counts})
    if args.json:
        print(json.dumps(rows, indent=1))
    else:
        print(f"{'articles':>8} {'statements':>10} {'seconds':>8} {'cpu s':>8} {'ms/stmt':>8} {'peak MiB':>9} "
              f"{'facts':>6} {'corrob.':>7} {'confl.':>6} {'sides':>6}")
        for r in rows:
            print(f"{r['articles']:>8} {r['statements']:>10} {r['seconds']:>8} {r['cpu_seconds']:>8} "
                  f"{r['ms_per_statement']:>8} {r['peak_mib']:>9} {r['facts']:>6} {r['corroborated']:>7} "
                  f"{r['conflicts']:>6} {r['conflict_sides']:>6}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
