"""Snippet precision/recall/F1 of body extraction on ``shared/eval/pages`` (165 real pages).

A ``with`` snippet found in the body is a true positive, one missing a false negative;
a ``without`` snippet found is a false positive. Matching is a substring test after
collapsing whitespace, as the eval README states.
"""

from __future__ import annotations

import functools

import gzip
import importlib.util
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from .data import shared_dir

__all__ = ["Page", "load_pages", "visible_text", "score_bodies", "PageScores", "page_input", "cleaned_body"]

_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Page:
    url: str
    html: str
    with_snippets: tuple[str, ...]
    without_snippets: tuple[str, ...]


@dataclass(frozen=True)
class PageScores:
    precision: float
    recall: float
    f1: float
    true_positives: int
    false_negatives: int
    false_positives: int
    pages: int

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "true_positives": self.true_positives,
            "false_negatives": self.false_negatives,
            "false_positives": self.false_positives,
            "pages": self.pages,
        }


def load_pages(root: Path | None = None) -> list[Page]:
    root = root or shared_dir("eval/pages/gold.json") / "eval" / "pages"
    gold = json.loads((root / "gold.json").read_text(encoding="utf-8"))
    pages = []
    for url, entry in gold.items():
        raw = gzip.decompress((root / entry["file"]).read_bytes())
        pages.append(
            Page(
                url=url,
                html=raw.decode("utf-8", errors="replace"),
                with_snippets=tuple(entry.get("with") or ()),
                without_snippets=tuple(entry.get("without") or ()),
            )
        )
    return pages


def visible_text(html: str) -> str:
    """Select-all-and-copy text of a page, by the shared tool ``tools/visible_text.py``."""
    tool = shared_dir("tools/visible_text.py") / "tools" / "visible_text.py"
    spec = importlib.util.spec_from_file_location("_shared_visible_text", tool)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return str(module.visible_text(html))


def _norm(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def score_bodies(pages: Iterable[Page], extract: Callable[[Page], str | None]) -> PageScores:
    """Score ``extract(page) -> body text`` over the pages (None counts as an empty body)."""
    tp = fn = fp = n = 0
    for page in pages:
        n += 1
        body = _norm(extract(page) or "")
        for snippet in page.with_snippets:
            if _norm(snippet) in body:
                tp += 1
            else:
                fn += 1
        fp += sum(1 for snippet in page.without_snippets if _norm(snippet) in body)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return PageScores(precision, recall, f1, tp, fn, fp, n)


def page_input(page: Page, kind: str) -> bytes:
    """What a cleaner reads of a page: the HTML itself (``"html"``) or its select-all
    text (``"text"``, a page dump)."""
    return (page.html if kind == "html" else visible_text(page.html)).encode("utf-8")


def _cleaned(page: Page, *, kind: str, now: datetime) -> str | None:
    return cleaned_body(page, page_input(page, kind), kind, now)


def cleaned_body(page: Page, data: bytes, kind: str, fetched_at: datetime) -> str | None:
    """The body Storylens' cleaner gives for ``data`` (see ``page_input``); None if skipped."""
    from ..clean import clean_document
    from ..model import Article, RawDocument

    result = clean_document(RawDocument(page.url, data, kind, fetched_at, page.url if kind == "html" else None))
    return result.text if isinstance(result, Article) else None


def evaluate(data: Path | None = None, split: str = "dev", limit: int | None = None) -> dict[str, float]:
    """Snippet P/R/F1 of both cleaning paths: ``dump_*`` (the page-dump cleaner on each
    page's select-all text) and ``html_*`` (the HTML cleaner on the page itself)."""
    if split != "dev":
        raise ValueError(f"the pages set has only a dev split, not {split!r}")
    pages = load_pages(data)
    pages = sorted(pages, key=lambda p: p.url)[:limit] if limit else pages
    now = datetime.now(timezone.utc)
    out: dict[str, float] = {"documents": len(pages)}
    for kind, prefix in (("text", "dump"), ("html", "html")):
        scores = score_bodies(pages, functools.partial(_cleaned, kind=kind, now=now))
        out.update({f"{prefix}_precision": scores.precision, f"{prefix}_recall": scores.recall, f"{prefix}_f1": scores.f1})
    return out
