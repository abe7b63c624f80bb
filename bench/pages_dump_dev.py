"""Iterate on the furniture line classifier: P/R/F1 on page dumps of ``shared/eval/pages``.

Usage: ``.venv/bin/python bench/pages_dump_dev.py [--worst N] [--show URL-SUBSTRING]``

Each page is turned into its select-all text (``visible_text``); the body is the lines
that ``classify_lines`` keeps, joined by newlines. Prints snippet P/R/F1 against the
raw dump and the pages that lose the most snippets.
"""

from __future__ import annotations

import argparse
import logging
import re
import sys
import time

from storylens.clean.boilerplate import classify_lines
from storylens.eval.pages import Page, load_pages, score_bodies, visible_text

log = logging.getLogger(__name__)


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def dump_lines(page: Page) -> list[str]:
    return [line.strip() for line in visible_text(page.html).split("\n") if line.strip()]


def body(lines: list[str]) -> str:
    return "\n".join(line for line, v in zip(lines, classify_lines(lines)) if v.keep)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--worst", type=int, default=10)
    ap.add_argument("--show", default=None, help="print verdicts for pages whose URL contains this")
    args = ap.parse_args(argv)
    pages = load_pages()
    dumps = {p.url: dump_lines(p) for p in pages}
    raw = score_bodies(pages, lambda p: "\n".join(dumps[p.url]))
    start = time.perf_counter()
    bodies = {p.url: body(dumps[p.url]) for p in pages}
    elapsed = time.perf_counter() - start
    ours = score_bodies(pages, lambda p: bodies[p.url])
    print(f"raw dump : {raw.as_dict()}")
    print(f"classify : {ours.as_dict()}  ({elapsed:.2f} s)")
    rows = []
    for p in pages:
        b = _norm(bodies[p.url])
        fn = [s for s in p.with_snippets if _norm(s) not in b and _norm(s) in _norm("\n".join(dumps[p.url]))]
        fp = [s for s in p.without_snippets if _norm(s) in b]
        rows.append((2 * len(fn) + len(fp), p.url, fn, fp))
    rows.sort(key=lambda r: -r[0])
    for cost, url, fn, fp in rows[: args.worst]:
        if cost:
            print(f"\n{url}\n  lost: {fn}\n  kept furniture: {fp}")
    if args.show:
        for p in pages:
            if args.show in p.url:
                lines = dumps[p.url]
                for i, (line, v) in enumerate(zip(lines, classify_lines(lines))):
                    mark = "+" if v.keep else "-"
                    print(f"{i:4d} {mark} {line[:100]!r}  [{v.reason or ''}]")
    return 0


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    sys.exit(main())
