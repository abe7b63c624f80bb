"""The JSON API under ``/api/``: one endpoint per page, same data, paginated lists."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import APIRouter, Request

from . import views
from .models import (
    ArticleListOut,
    ArticlePageOut,
    ErrorBody,
    SearchOut,
    StoryListOut,
    StoryPageOut,
    StoryRecordsOut,
)
from .params import ArticleId, Limit, Offset, OutletParam, SearchOffset, SearchQuery, SpanEnd, SpanStart, StoreDep, \
    StoryFilterDep, StoryId

__all__ = ["router", "ERROR_RESPONSES"]

logger = logging.getLogger(__name__)

#: Documented on every endpoint: the one error shape.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody, "description": what}
    for code, what in ((400, "Malformed request, e.g. a search query with FTS5 syntax errors or over the "
                             "search's cost budget (too many words or prefixes, or too long to run)"),
                       (404, "No such story or article"),
                       (422, "A parameter is out of bounds or malformed"),
                       (500, "Internal error"),
                       (503, "The store cannot be read"))
}

router = APIRouter(prefix="/api", responses=ERROR_RESPONSES)


@router.get("/stories", response_model=StoryListOut, summary="Stories, most covered or newest first")
def list_stories(request: Request, store: StoreDep, flt: StoryFilterDep, limit: Limit = 20,
                 offset: Offset = 0) -> dict[str, Any]:
    return views.story_list(store, flt, limit, offset, request.app.state.page_cache)


@router.get("/stories/{story_id}", response_model=StoryPageOut,
            summary="A story with its articles and their cited quotes, figures and time references")
def get_story(store: StoreDep, story_id: StoryId) -> dict[str, Any]:
    return views.story_page(store, story_id)


@router.get("/stories/{story_id}/records", response_model=StoryRecordsOut,
            summary="Every quote, figure and time reference of a story's articles, each cited")
def get_story_records(store: StoreDep, story_id: StoryId) -> dict[str, Any]:
    story, records = views.story_records(store, story_id)
    return {"story_id": story.id, **records.to_dict()}


@router.get("/articles", response_model=ArticleListOut, summary="Articles, newest first")
def list_articles(store: StoreDep, outlet: OutletParam = None, limit: Limit = 20,
                  offset: Offset = 0) -> dict[str, Any]:
    return views.article_list(store, outlet, limit, offset)


@router.get("/articles/{article_id}", response_model=ArticlePageOut,
            summary="An article; with start and end, the cited span too")
def get_article(request: Request, store: StoreDep, article_id: ArticleId, start: SpanStart = None,
                end: SpanEnd = None) -> dict[str, Any]:
    return views.article_page(store, article_id, start, end, request.app.state.page_cache)


@router.get("/search", response_model=SearchOut, summary="Full-text search over headlines and text")
def search(store: StoreDep, q: SearchQuery, limit: Limit = 20, offset: SearchOffset = 0) -> dict[str, Any]:
    return views.search(store, q, limit, offset)
