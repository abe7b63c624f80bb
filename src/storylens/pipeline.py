"""The stages wired together for a batch of inputs (used by the CLI and the Python API)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from pathlib import Path

from .clean import clean_document
from .ingest import iter_documents
from .ingest.metadata import Manifest
from .model import Article, RawDocument, Skipped

__all__ = ["iter_articles", "analyze_paths"]


def iter_articles(
    paths: Iterable[Path],
    *,
    fetched_at: datetime,
    manifest: Manifest | None = None,
    should_clean: Callable[[RawDocument], bool] | None = None,
) -> Iterator[Article | Skipped | RawDocument]:
    """Ingest and clean. Yields Articles and Skipped; a raw document that ``should_clean``
    rejects (e.g. already stored) is yielded as the RawDocument itself, uncleaned."""
    for item in iter_documents(paths, fetched_at, manifest):
        if isinstance(item, Skipped):
            yield item
        elif should_clean is not None and not should_clean(item):
            yield item
        else:
            yield clean_document(item)


def analyze_paths(
    paths: Iterable[Path],
    *,
    fetched_at: datetime,
    manifest: Manifest | None = None,
    extract: bool = True,
    n_process: int = 1,
) -> tuple[list[Article], list[Skipped]]:
    """Every article under ``paths``, cleaned (and, with ``extract``, with entities,
    quotes, figures and time references), and every input that was skipped."""
    articles: list[Article] = []
    skipped: list[Skipped] = []
    seen: set[str] = set()
    for item in iter_articles(paths, fetched_at=fetched_at, manifest=manifest):
        if isinstance(item, Article):
            if item.id in seen:  # the same bytes given twice (e.g. a file and its folder)
                continue
            seen.add(item.id)
            articles.append(item)
        elif isinstance(item, Skipped):
            skipped.append(item)
    if extract and articles:
        from .extract import extract_articles

        extract_articles(articles, n_process=n_process)
    return articles, skipped
