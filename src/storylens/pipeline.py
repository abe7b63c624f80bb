"""The stages wired together for a batch of inputs (used by the CLI and the Python API)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from pathlib import Path
from dataclasses import dataclass, field
from typing import Any

from .clean import clean_document
from .ingest import iter_documents
from .ingest.metadata import Manifest
from .model import Article, RawDocument, Skipped
from .stories import group_into_stories

__all__ = ["iter_articles", "Analysis", "analyze"]


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


@dataclass
class Analysis:
    """One run's result: the cleaned articles (with their extraction fields and story
    links), the inputs that were skipped, the stories (JSON-report layout), and for each
    article where an extractor failed, which ones (logged; the run went on)."""

    articles: list[Article]
    skipped: list[Skipped]
    stories: list[dict[str, Any]] = field(default_factory=list)
    extraction_failures: dict[str, list[str]] = field(default_factory=dict)
    comparison_failures: dict[str, str] = field(default_factory=dict)


def analyze(
    paths: Iterable[Path],
    *,
    fetched_at: datetime,
    manifest: Manifest | None = None,
    extract: bool = True,
    compare: bool = True,
    n_process: int = 1,
    progress: Callable[[Iterator[Any]], Iterator[Any]] | None = None,
    on_skipped: Callable[[Skipped], None] | None = None,
    on_stage: Callable[[str], None] | None = None,
) -> Analysis:
    """Every article under ``paths``: cleaned; with ``extract``, with entities, quotes,
    figures and time references; grouped into stories (agency copies and duplicates
    marked); with ``compare``, each story's facts, conflicts, quote variants, framing,
    timeline and brief. Also every input that was skipped.

    ``progress`` wraps the reading iterator (a progress bar), ``on_skipped`` hears of each
    skipped input as it happens, ``on_stage`` of each later stage as it starts.
    """
    result = Analysis([], [])
    seen: set[str] = set()
    items: Iterator[Any] = iter_articles(paths, fetched_at=fetched_at, manifest=manifest)
    for item in progress(items) if progress else items:
        if isinstance(item, Article):
            if item.id in seen:  # the same bytes given twice (e.g. a file and its folder)
                continue
            seen.add(item.id)
            result.articles.append(item)
        elif isinstance(item, Skipped):
            result.skipped.append(item)
            if on_skipped:
                on_skipped(item)
    features = {}
    if extract and result.articles:
        from .extract import extract_articles

        if on_stage:
            on_stage(f"extracting entities, quotes, figures and dates from {len(result.articles)} articles")
        extraction = extract_articles(result.articles, n_process=n_process)
        features, result.extraction_failures = extraction.features, extraction.failures
    if on_stage and result.articles:
        on_stage("grouping articles into stories")
    result.stories = group_into_stories(result.articles, features)
    if compare and result.stories:
        from .compare import compare_stories

        if on_stage:
            on_stage(f"comparing the articles of {len(result.stories)} stories")
        result.comparison_failures = compare_stories(result.articles, result.stories)
    return result
