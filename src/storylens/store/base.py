"""What the pipeline, the CLI and the web app need from a store: the ``Store`` protocol.

``SQLiteStore`` (``store.store``) and ``PostgresStore`` (``store.postgres``) implement
it, sharing their dialect-neutral code (``store.common.SQLStore``), and pass the same
tests. Nothing outside ``store/``
runs SQL or reaches past these methods. The tables a backend keeps, as a stable
interface for people who query the database directly, are in ``docs/store.md``.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime, timedelta
from types import TracebackType
from typing import Any, Protocol

from ..cluster.features import ArticleFeatures
from ..model import Article, ArticleUpdate, Comparison, Skipped, StoredStory, Story
from .listing import ArticleSummary, SearchBudget, StoryFilter, StorySummary

__all__ = ["Store", "AddResult", "SearchHit", "SNIPPET_START", "SNIPPET_END"]

#: Markers around matched terms in ``SearchHit.snippet``: Unicode private-use characters,
#: which article text does not contain (unlike brackets: "Washington DC [US]").
SNIPPET_START = "\ue000"
SNIPPET_END = "\ue001"


@dataclass(frozen=True)
class AddResult:
    added: int
    already_present: int


@dataclass(frozen=True)
class SearchHit:
    """One search result.

    ``snippet`` is raw article text with each matched term wrapped in ``SNIPPET_START``
    and ``SNIPPET_END`` (U+E000, U+E001) and ``…`` where text was cut. It is NOT safe
    to show as HTML or terminal markup: the caller must escape it first, then replace
    the markers with its own highlighting.
    """

    article_id: str
    headline: str | None
    outlet: str | None
    published: datetime | None
    snippet: str


class Store(Protocol):
    """An open article store; a context manager that closes it."""

    @property
    def where(self) -> str:
        """Where the store lives, for messages (a file path; a URL without its password)."""
        ...

    def version(self) -> Hashable:
        """A value that changes whenever the store changes, whichever process wrote."""
        ...

    def close(self) -> None: ...

    def __enter__(self) -> Store: ...

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None: ...

    # -- articles and skipped inputs

    def add_articles(self, articles: Iterable[Article], batch_size: int = 100,
                     features: Mapping[str, ArticleFeatures] | None = None) -> AddResult:
        """Add the articles not yet stored (by id) with their clustering features; each
        batch one transaction."""
        ...

    def add_skipped(self, items: Iterable[Skipped]) -> int: ...

    def save_fetch_validators(self, validators: Mapping[str, tuple[str | None, str | None, datetime]]) -> None:
        """Keep fetched URLs' ETag / Last-Modified, ``{url: (etag, last_modified,
        fetched_at)}``, in one transaction (``fetch.Validators``; the fetcher calls it
        from ``keep_validators`` once what it fetched is committed)."""
        ...

    def fetch_validators(self, url: str) -> tuple[str | None, str | None] | None: ...

    def article_versions(self, article_ids: Sequence[str]) -> dict[str, ArticleUpdate]:
        """Of these articles, those that replaced an older version of their URL (a page
        fetched again with changed text; ``store.versions``): ``versions``, ``previous``,
        ``updated_at`` (``ArticleUpdate``s by id)."""
        ...

    def article_history(self, article_id: str) -> list[dict[str, Any]]:
        """Every version of the page this article is a version of, oldest first: ``id``,
        ``headline``, ``outlet``, ``published``, ``url``, ``ingested_at``,
        ``superseded_by`` and ``superseded_at`` (None for the latest); empty when the
        article has no other version. Older versions are read by id (``get_article``)."""
        ...

    def has_article(self, article_id: str) -> bool: ...

    def get_article(self, article_id: str) -> Article | None: ...

    def get_articles(self, article_ids: Sequence[str]) -> list[Article]:
        """Full articles (every child record), in the order given."""
        ...

    def get_articles_light(self, article_ids: Sequence[str]) -> list[Article]:
        """Articles with text, metadata, quotes, figures and time references only."""
        ...

    def get_features(self, articles: Sequence[Article]) -> dict[str, ArticleFeatures]: ...

    def list_articles(self, limit: int = 50, offset: int = 0, outlet: str | None = None,
                      older_versions: bool = False) -> list[Article]:
        """Articles newest first; of a page fetched again with changed text, the latest
        version only unless ``older_versions``."""
        ...

    def count_articles(self, outlet: str | None = None, older_versions: bool = False) -> int: ...

    def article_summaries(self, article_ids: Sequence[str]) -> dict[str, ArticleSummary]: ...

    def duplicates_of(self, article_id: str) -> list[ArticleSummary]: ...

    def duplicate_index(self) -> dict[str, list[ArticleSummary]]: ...

    def list_skipped(self) -> list[Skipped]: ...

    def ingested_times(self) -> dict[str, datetime]:
        """Every stored article's id with when it was stored (timezone-aware)."""
        ...

    # -- stories and comparisons

    def regrouping(self) -> AbstractContextManager[None]:
        """Hold while regrouping stories after an ingest (``stories.regroup_store``), so
        that processes ingesting into one store at once regroup one at a time (a
        PostgreSQL advisory lock; nothing on SQLite)."""
        ...

    def replace_stories(self, stories: Sequence[Story],
                        article_links: dict[str, dict[str, str | None]],
                        replacing: Iterable[str] | None = None) -> None: ...

    def open_story_article_ids(self, window: timedelta | None) -> list[str]: ...

    def list_stories(self, limit: int = 50, offset: int = 0, outlet: str | None = None) -> list[StoredStory]:
        """Stories (without their comparisons), most independent sources first, then newest."""
        ...

    def list_story_summaries(self, flt: StoryFilter) -> list[StorySummary]: ...

    def get_story(self, story_id: str) -> StoredStory | None:
        """A stored story without its comparison (``get_comparison``); None when there is none."""
        ...

    def get_story_page(self, story_id: str, comparison: bool = True
                       ) -> tuple[StoredStory, list[Article], Comparison | None] | None:
        """A story, its members as ``get_articles_light`` reads them and (with
        ``comparison``) its stored comparison, from one read; None when there is no such story."""
        ...

    def count_stories(self) -> int: ...

    def story_members(self, story_ids: Iterable[str] | None = None) -> dict[str, frozenset[str]]: ...

    def replace_comparison(self, story_id: str, comparison: Comparison) -> None: ...

    def delete_comparisons(self, story_ids: Iterable[str]) -> None: ...

    def get_comparison(self, story_id: str) -> Comparison | None: ...

    # -- search

    def search(self, query: str, limit: int = 20, budget: SearchBudget | None = None,
               older_versions: bool = False) -> list[SearchHit]:
        """Full-text search (words, "phrases", OR, NOT, prefix*), best first; older
        versions of a page fetched again are left out unless ``older_versions``."""
        ...
