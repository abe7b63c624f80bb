"""Query and path parameters shared by the pages and the JSON API, with their bounds."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import Depends, Path, Query, Request

from ..store import Store
from ..store.listing import StoryFilter
from .views import MAX_LIMIT, MAX_OFFSET, MAX_SEARCH_WINDOW

__all__ = ["Limit", "Offset", "SearchOffset", "ArticleId", "StoryId", "SpanStart", "SpanEnd", "SearchQuery", "SearchPageQuery", "StoreDep",
           "StoryFilterDep", "OutletParam"]

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Items per page (1 to {MAX_LIMIT}).")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description=f"Items to skip (0 to {MAX_OFFSET}).")]
SearchOffset = Annotated[int, Query(ge=0, le=MAX_SEARCH_WINDOW - MAX_LIMIT, description=(
    f"Results to skip (0 to {MAX_SEARCH_WINDOW - MAX_LIMIT}): search ranks at most {MAX_SEARCH_WINDOW} matches."))]
ArticleId = Annotated[str, Path(min_length=1, max_length=128, description="Article id (16 hex digits).")]
StoryId = Annotated[str, Path(min_length=1, max_length=128, description="Story id, e.g. story-0123456789abcdef.")]
SpanStart = Annotated[int | None, Query(ge=0, le=2**31, description="Start of a cited span in the article's text.")]
SpanEnd = Annotated[int | None, Query(ge=0, le=2**31, description="End (exclusive) of the cited span.")]
_FTS_HELP = "FTS5 query: words (ANDed), \"phrases\", OR/NOT between terms, prefix*."
SearchQuery = Annotated[str, Query(min_length=1, max_length=500, pattern=r"\S", description=_FTS_HELP)]
#: The search page also accepts an empty query (it then shows only the form).
SearchPageQuery = Annotated[str, Query(max_length=500, description=_FTS_HELP)]
OutletParam = Annotated[str | None, Query(max_length=500, description="Only this outlet (exact name).")]


def _store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


StoreDep = Annotated[Store, Depends(_store)]


def _story_filter(
    sort: Annotated[Literal["covered", "newest"], Query(
        description="covered: most independent sources first; newest: latest publication first.")] = "covered",
    outlet: OutletParam = None,
    since: Annotated[date | None, Query(description="Stories published on or after this UTC day.")] = None,
    until: Annotated[date | None, Query(description="Stories published on or before this UTC day.")] = None,
    has_disputes: Annotated[bool | None, Query(
        description="Only stories with (true) or without (false) disputed points, which the compare "
                    "stage records; until it has run, no story has any.")] = None,
) -> StoryFilter:
    return StoryFilter(sort=sort, outlet=outlet, since=since, until=until, has_disputes=has_disputes)


StoryFilterDep = Annotated[StoryFilter, Depends(_story_filter)]
