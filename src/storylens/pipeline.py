"""The one pipeline every entry point runs: sources -> clean -> extract -> group -> compare -> sink.

* ``analyze(paths)`` (``storylens analyze``, the Python API, the evaluations of story
  grouping and comparison): every input read, cleaned and extracted, grouped into
  stories, compared; the result is returned for the reports.
* ``ingest(store, documents)`` (``storylens ingest``, ``POST /api/ingest``): the same
  stages; articles the store already holds are not cleaned again; new articles and
  their clustering features are stored in batches (each one transaction), then grouped
  with the stored stories they can still join (``stories.regroup_store``), and the
  stories that changed are compared again and stored.

The per-article stages (clean, extract) are mapped over chunks of raw documents through
a runner (``storylens.runners``): in this process, in worker processes, or as Dask tasks
on a cluster (``pipeline.dask``); results come back in input order, and nothing after
them depends on the order anyway (grouping and comparison are order-free). Grouping
needs the whole batch and runs in this process; the comparison is mapped through the
same runner again, over batches of stories (a story's comparison depends on its members
only). Reading stays in this process (it is I/O and cheap).

Failures are per item: a document that cannot be read or cleaned becomes ``Skipped``
with the reason; an extractor that fails on one article leaves that field empty and is
reported in ``extraction_failures``; a story whose comparison fails keeps empty sections
and is reported in ``comparison_failures``. The run goes on in every case.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .clean import clean_document
from .cluster.features import ArticleFeatures
from .clean.dates import CleanConfig, clean_settings
from .collector import fewer_collections
from .compare.settings import CompareSettings, compare_settings
from .extract.settings import ExtractSettings, extract_settings
from .config import PipelineSettings, Settings
from .ingest import iter_documents
from .ingest.metadata import Manifest
from .model import Article, Comparison, RawDocument, Skipped, Story
from .runners import Runner
from .stories import group_into_stories

if TYPE_CHECKING:
    from .fetch import Fetcher
    from .store import Store

__all__ = ["read_inputs", "Chunk", "process_documents", "Processed", "Analysis", "analyze",
           "analyze_documents", "Ingested", "ingest"]

log = logging.getLogger(__name__)

Progress = Callable[[Iterator[Any]], Iterator[Any]]


def read_inputs(paths: Iterable[Path | str], *, fetched_at: datetime, manifest: Manifest | None = None,
                fetcher: Fetcher | None = None) -> Iterator[RawDocument | Skipped]:
    """The source stage for files, folders and http(s) URLs (strings; fetched, with the
    pages of summary-only feed entries and the remote feeds of OPML lists, by ``fetcher``,
    see ``storylens.fetch``): raw documents with provenance, or the reason an input could
    not be read."""
    return iter_documents(paths, fetched_at, manifest, fetcher)


@dataclass
class Processed:
    """What the per-article stages made of one chunk: cleaned (and extracted) articles
    with their clustering features, the inputs that were skipped, per article the
    extractors that failed, and the CPU seconds each stage took (``stage_cpu``)."""

    articles: list[Article] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    features: dict[str, ArticleFeatures] = field(default_factory=dict)
    extraction_failures: dict[str, list[str]] = field(default_factory=dict)
    stage_cpu: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Chunk:
    """The per-article stages' input: raw documents, whether to run the NLP pass, and the
    longest text one article may have (``PipelineSettings.max_article_chars``), and the
    clean and extract settings sections, applied in the worker."""

    documents: list[RawDocument]
    extract: bool = True
    max_article_chars: int = PipelineSettings.max_article_chars
    clean: CleanConfig = field(default_factory=CleanConfig)
    extract_settings: ExtractSettings = field(default_factory=ExtractSettings)


@fewer_collections()
def process_documents(chunk: Chunk) -> Processed:
    """Clean every raw document of the chunk and, when asked, run the NLP pass over the
    cleaned articles (entities, quotes, figures, time references, clustering features).
    Runs in a runner's worker: takes and returns picklable values only."""
    out = Processed()
    started = time.process_time()
    for raw in chunk.documents:
        with clean_settings(chunk.clean):
            item = clean_document(raw)
        if isinstance(item, Article) and len(item.text) > chunk.max_article_chars:
            item = Skipped(raw.source, f"the article's text is {len(item.text):,} characters, more than the "
                                       f"{chunk.max_article_chars:,} one article may have (a page of many articles, "
                                       "or not an article?); split it, or raise the setting "
                                       "pipeline.max_article_chars")
        if isinstance(item, Article):
            out.articles.append(item)
        else:
            out.skipped.append(item)
    cleaned = time.process_time()
    out.stage_cpu["clean"] = cleaned - started
    if chunk.extract and out.articles:
        with extract_settings(chunk.extract_settings):
            _extract_isolated(out)
        out.stage_cpu["extract"] = time.process_time() - cleaned
    return out


def _tally(done: Processed, skipped: list[Skipped], extraction_failures: dict[str, list[str]],
           stage_cpu: dict[str, float], on_skipped: Callable[[Skipped], None] | None) -> None:
    """Add a chunk's skipped inputs (telling ``on_skipped`` of each), extraction failures
    and stage CPU to a run's totals (``analyze`` and ``ingest`` alike)."""
    skipped.extend(done.skipped)
    if on_skipped:
        for item in done.skipped:
            on_skipped(item)
    extraction_failures.update(done.extraction_failures)
    for stage, seconds in done.stage_cpu.items():
        stage_cpu[stage] = stage_cpu.get(stage, 0.0) + seconds


def _extract_isolated(out: Processed) -> None:
    """The NLP pass over a chunk; if the pass itself fails (not one extractor: those are
    isolated inside), each article is retried alone, and one that fails again keeps its
    cleaned text with empty extraction fields, reported as failed."""
    from .extract import extract_articles

    try:
        extraction = extract_articles(out.articles)
    except Exception:
        log.exception("the NLP pass failed on a chunk of %d articles; retrying them one by one", len(out.articles))
        for article in out.articles:
            try:
                single = extract_articles([article])
            except Exception as exc:
                log.exception("the NLP pass failed on %s", article.source)
                out.extraction_failures[article.id] = [f"NLP pass ({type(exc).__name__}: {exc})"]
                continue
            out.features.update(single.features)
            out.extraction_failures.update(single.failures)
        return
    out.features.update(extraction.features)
    out.extraction_failures.update(extraction.failures)


@dataclass(frozen=True)
class StoryBatch:
    """The comparison's input for a runner's worker: some stories, their member
    articles and the compare settings."""

    stories: list[Story]
    articles: list[Article]
    settings: CompareSettings


@dataclass
class Compared:
    """A batch's comparisons by story id, the stories whose comparison failed (with
    the error), and the CPU seconds it took."""

    comparisons: dict[str, Comparison]
    failures: dict[str, str]
    cpu: float


def compare_batch(batch: StoryBatch) -> Compared:
    """Compare each story of the batch (a story's comparison depends on its members
    only). Runs in a runner's worker: takes and returns picklable values only."""
    from .compare import compare_stories

    started = time.process_time()
    with compare_settings(batch.settings), fewer_collections():
        failures = compare_stories(batch.articles, batch.stories)
    comparisons = {s.id: s.comparison or Comparison() for s in batch.stories}
    return Compared(comparisons, failures, time.process_time() - started)


def _compare(mapper: Runner, articles: Iterable[Article], stories: list[Story], settings: Settings,
             stage_cpu: dict[str, float]) -> dict[str, str]:
    """Every story's comparison, through the runner in batches of about
    ``pipeline.chunk_size`` member articles; returns the failures."""
    by_id = {a.id: a for a in articles}
    by_story = {s.id: s for s in stories}
    failures: dict[str, str] = {}
    stage_cpu.setdefault("compare", 0.0)
    settings = _without_missing_paraphrases(settings) if stories else settings
    for done in mapper.map(compare_batch, _story_batches(stories, by_id, settings)):
        for story_id, comparison in done.comparisons.items():
            by_story[story_id].comparison = comparison
        failures.update(done.failures)
        stage_cpu["compare"] += done.cpu
    return failures


def _without_missing_paraphrases(settings: Settings) -> Settings:
    """The settings, with paraphrase alignment turned off for this run (and a warning
    saying why and how to install it) when its model cannot be loaded: every story is
    then aligned the same way, on shared words, rather than each failing."""
    from .compare.paraphrase import unavailable

    if not settings.compare.align_paraphrase or not (why := unavailable()):
        return settings
    log.warning("paraphrase alignment is off for this run: %s", why)
    return replace(settings, compare=replace(settings.compare, align_paraphrase=False))


def _story_batches(stories: list[Story], by_id: dict[str, Article], settings: Settings) -> Iterator[StoryBatch]:
    size = max(1, settings.pipeline.chunk_size)
    batch: list[Story] = []
    members = 0
    for story in stories:
        batch.append(story)
        members += len(story.articles)
        if members >= size:
            yield _batch(batch, by_id, settings)
            batch, members = [], 0
    if batch:
        yield _batch(batch, by_id, settings)


def _batch(stories: list[Story], by_id: dict[str, Article], settings: Settings) -> StoryBatch:
    return StoryBatch(stories, [by_id[i] for s in stories for i in s.articles if i in by_id], settings.compare)


def _chunks(items: Iterable[RawDocument], extract: bool, settings: Settings) -> Iterator[Chunk]:
    iterator = iter(items)
    while documents := list(islice(iterator, max(1, settings.pipeline.chunk_size))):
        yield Chunk(documents, extract, settings.pipeline.max_article_chars, settings.clean, settings.extract)


def _split_sources(items: Iterable[RawDocument | Skipped], skipped: list[Skipped],
                   on_skipped: Callable[[Skipped], None] | None,
                   keep: Callable[[RawDocument], bool]) -> Iterator[RawDocument]:
    """Raw documents to process; Skipped items go to ``skipped`` as they pass; documents
    ``keep`` refuses (already seen or stored) are dropped here."""
    for item in items:
        if isinstance(item, Skipped):
            skipped.append(item)
            if on_skipped:
                on_skipped(item)
        elif keep(item):
            yield item


@dataclass
class Analysis:
    """One run's result: the cleaned articles (with their extraction fields and story
    links), the inputs that were skipped, the stories (each with its comparison once
    compared; ``storylens.serialise`` writes them in the JSON report's layout), for each
    article where an extractor failed, which ones (logged; the run went on), and the CPU
    seconds of each stage (``clean`` and ``extract`` summed over the workers)."""

    articles: list[Article]
    skipped: list[Skipped]
    stories: list[Story] = field(default_factory=list)
    extraction_failures: dict[str, list[str]] = field(default_factory=dict)
    comparison_failures: dict[str, str] = field(default_factory=dict)
    stage_cpu: dict[str, float] = field(default_factory=dict)


def analyze(paths: Iterable[Path | str], *, fetched_at: datetime, manifest: Manifest | None = None,
            fetcher: Fetcher | None = None, **options: Any) -> Analysis:
    """Every article under ``paths``: cleaned; with ``extract``, with entities, quotes,
    figures and time references; grouped into stories (agency copies and duplicates
    marked); with ``compare``, each story's facts, conflicts, quote variants, framing,
    timeline and brief. Also every input that was skipped. ``options`` are those of
    ``analyze_documents``."""
    return analyze_documents(read_inputs(paths, fetched_at=fetched_at, manifest=manifest, fetcher=fetcher), **options)


def analyze_documents(
    documents: Iterable[RawDocument | Skipped],
    *,
    extract: bool = True,
    compare: bool = True,
    settings: Settings | None = None,
    n_process: int | None = None,
    runner: Runner | None = None,
    progress: Progress | None = None,
    on_skipped: Callable[[Skipped], None] | None = None,
    on_stage: Callable[[str], None] | None = None,
) -> Analysis:
    """``analyze`` over raw documents from any source, with ``settings`` (default: the
    defaults). ``runner`` maps the per-article stages (default: a process pool of
    ``n_process`` workers, else the Dask cluster of ``settings.pipeline.dask``, else
    ``settings.pipeline.processes`` processes; one runs in this process).
    ``progress`` wraps the reading iterator (a progress bar), ``on_skipped``
    hears of each skipped input as it happens, ``on_stage`` of each later stage as it
    starts."""
    settings = settings or Settings()
    result = Analysis([], [])
    seen: set[str] = set()

    def first_time(raw: RawDocument) -> bool:  # the same input given twice (a file and its folder)
        if raw.id in seen:
            return False
        seen.add(raw.id)
        return True

    items = progress(iter(documents)) if progress else documents
    raws = _split_sources(items, result.skipped, on_skipped, first_time)
    features: dict[str, ArticleFeatures] = {}
    with (_runner(settings, n_process, runner) as mapper, clean_settings(settings.clean),  # readers check dates too
          fewer_collections()):
        for done in mapper.map(process_documents, _chunks(raws, extract, settings)):
            result.articles.extend(done.articles)
            features.update(done.features)
            _tally(done, result.skipped, result.extraction_failures, result.stage_cpu, on_skipped)
        if on_stage and result.articles:
            on_stage(f"grouping {len(result.articles)} articles into stories")
        started = time.process_time()
        result.stories = group_into_stories(result.articles, features, settings.cluster, settings.dedupe)
        result.stage_cpu["group"] = time.process_time() - started
        if compare and result.stories:
            if on_stage:
                on_stage(f"comparing the articles of {len(result.stories)} stories")
            result.comparison_failures = _compare(mapper, result.articles, result.stories, settings,
                                                  result.stage_cpu)
    return result


@dataclass
class Ingested:
    """What ``ingest`` did: articles added, inputs the store already held, the ids of
    both (in input order), inputs skipped (with reasons), the extractors that failed per
    article, how many stored articles were regrouped into how many stories, how many were
    compared again, stories whose comparison was dropped (merged or vanished) or failed,
    and the CPU seconds of each stage."""

    added: int = 0
    already_present: int = 0
    article_ids: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    extraction_failures: dict[str, list[str]] = field(default_factory=dict)
    regrouped_articles: int = 0
    stories: int = 0
    compared: int = 0
    comparisons_dropped: int = 0
    comparison_failures: dict[str, str] = field(default_factory=dict)
    stage_cpu: dict[str, float] = field(default_factory=dict)


def ingest(
    store: "Store",
    documents: Iterable[RawDocument | Skipped],
    *,
    extract: bool = True,
    settings: Settings | None = None,
    n_process: int | None = None,
    runner: Runner | None = None,
    progress: Progress | None = None,
    on_skipped: Callable[[Skipped], None] | None = None,
    on_stage: Callable[[str], None] | None = None,
) -> Ingested:
    """Add the documents' articles to ``store`` and bring its stories and comparisons up
    to date, with the same stages as ``analyze``. Idempotent: a document the store holds
    is counted as present and not processed again. Each chunk is committed as it is done,
    so an interrupted ingest keeps what was committed and a rerun picks up from there
    (it also groups the articles an interrupted run stored but did not group). The
    options are those of ``analyze_documents``."""
    settings = settings or Settings()
    result = Ingested()
    seen: set[str] = set()
    order: list[str] = []
    stored: set[str] = set()

    def new_to_store(raw: RawDocument) -> bool:
        order.append(raw.id)
        if raw.id in seen or store.has_article(raw.id):
            result.already_present += 1
            stored.add(raw.id)
            return False
        seen.add(raw.id)
        return True

    items = progress(iter(documents)) if progress else documents
    raws = _split_sources(items, result.skipped, on_skipped, new_to_store)
    with (_runner(settings, n_process, runner) as mapper, clean_settings(settings.clean),  # readers check dates too
          fewer_collections()):
        _store_chunks(store, mapper.map(process_documents, _chunks(raws, extract, settings)), result, on_skipped,
                      stored)
        store.add_skipped(result.skipped)
        result.article_ids = list(dict.fromkeys(i for i in order if i in stored))
        _regroup_and_compare(store, mapper, result, settings, on_stage)
    return result


def _store_chunks(store: "Store", chunks: Iterable[Processed], result: Ingested,
                  on_skipped: Callable[[Skipped], None] | None, stored: set[str]) -> None:
    """Commit each chunk's articles (with their features) as it comes back; their ids go
    to ``stored``."""
    for done in chunks:
        added = store.add_articles(done.articles, features=done.features)
        result.added += added.added
        stored.update(a.id for a in done.articles)
        result.already_present += added.already_present
        _tally(done, result.skipped, result.extraction_failures, result.stage_cpu, on_skipped)


@contextmanager
def _runner(settings: Settings, n_process: int | None, given: Runner | None) -> Iterator[Runner]:
    """The runner given (its owner closes it); else ``n_process`` worker processes; else
    the one the settings name (``pipeline.dask``, else ``pipeline.processes``), closed
    (a Dask cluster shut down) once the stories are compared."""
    if given is not None:
        yield given
        return
    from .runners import make_runner

    dask = "" if n_process is not None else settings.pipeline.dask or ""
    with make_runner(n_process if n_process is not None else settings.pipeline.processes, dask) as runner:
        yield runner


def _regroup_and_compare(store: "Store", mapper: Runner, result: Ingested, settings: Settings,
                         on_stage: Callable[[str], None] | None) -> None:
    """Group the store's ungrouped articles with the stories they can still join, then
    compare again only the stories whose members changed (a story's comparison depends
    on nothing else) and store those comparisons."""
    if on_stage:
        on_stage("grouping new articles into stories")
    with store.regrouping():  # one process at a time regroups a shared store
        _regroup_locked(store, mapper, result, settings, on_stage)


def _regroup_locked(store: "Store", mapper: Runner, result: Ingested, settings: Settings,
                    on_stage: Callable[[str], None] | None) -> None:
    from .stories import regroup_store

    started = time.process_time()
    regrouped = regroup_store(store, settings.cluster.window, settings.cluster, settings.dedupe)
    result.stage_cpu["group"] = time.process_time() - started
    result.regrouped_articles, result.stories = len(regrouped.articles), len(regrouped.stories)
    result.comparisons_dropped = len(regrouped.gone)
    if not regrouped.changed:
        return
    if on_stage:
        on_stage(f"comparing the articles of {len(regrouped.changed)} new or changed stories")
    result.comparison_failures = _compare(mapper, regrouped.articles, regrouped.changed, settings, result.stage_cpu)
    for story in regrouped.changed:
        assert story.comparison is not None  # _compare gave every story one
        store.replace_comparison(story.id, story.comparison)
    result.compared = len(regrouped.changed)
