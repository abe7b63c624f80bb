"""Query and path parameters shared by the pages and the JSON API, with their bounds."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Annotated, Literal

from fastapi import Depends, Path, Query, Request
from pydantic import AfterValidator

from ..store import Store
from ..store.listing import StoryFilter
from .settings import current as current_web_settings

if TYPE_CHECKING:
    from .settings import WebSettings

__all__ = ["Limit", "Offset", "SearchOffset", "ArticleId", "StoryId", "SpanStart", "SpanEnd", "SearchQuery", "SearchPageQuery", "StoreDep",
           "StoryFilterDep", "OutletParam"]


def _at_most(setting: str, bound: Callable[[WebSettings], int]) -> AfterValidator:
    """A check against a ``web`` setting in force for the request (``web.settings``); a
    value above it is answered 422 like any other bad parameter."""
    def check(value: int) -> int:
        most = bound(current_web_settings())
        if value > most:
            raise ValueError(f"should be at most {most} (the setting {setting})")
        return value

    return AfterValidator(check)


Limit = Annotated[int, Query(ge=1, description="Items per page (1 to the setting web.max_limit, default 100)."),
                  _at_most("web.max_limit", lambda s: s.max_limit)]
Offset = Annotated[int, Query(ge=0, description="Items to skip (0 to the setting web.max_offset, default 100000)."),
                   _at_most("web.max_offset", lambda s: s.max_offset)]
SearchOffset = Annotated[int, Query(ge=0, description=(
    "Results to skip: search ranks at most web.max_search_window matches (default 1000), so the offset goes "
    "up to that less web.max_limit.")),
    _at_most("web.max_search_window", lambda s: s.max_search_window - s.max_limit)]
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
