"""Server-rendered HTML pages. They read the same data as the JSON API (``views``) and
work without JavaScript."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable
from itertools import groupby
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from starlette.responses import Response

from ..model import Quote, StoryEntity
from ..report.present import outlet_label, updated_articles
from ..store import Store
from ..store.listing import StoryFilter
from . import views
from .cache import PageCache
from .comparison_view import comparison_view
from .errors import WebError
from .highlight import Mark, article_marks, highlight_article, highlight_snippet
from .params import ArticleId, Limit, Offset, OutletParam, SearchOffset, SearchPageQuery, SpanEnd, SpanStart, StoreDep, \
    StoryFilterDep, StoryId
from .render import render

__all__ = ["router"]

logger = logging.getLogger(__name__)

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


def _pages(total: int, limit: int, offset: int) -> dict[str, Any]:
    return {"total": total, "limit": limit, "offset": offset,
            "prev": max(0, offset - limit) if offset > 0 else None,
            "next": offset + limit if offset + limit < total else None,
            "first": offset + 1 if total and offset < total else 0, "last": min(total, offset + limit)}


def _filter_params(flt: StoryFilter) -> dict[str, Any]:
    return {"sort": flt.sort, "outlet": flt.outlet, "since": flt.since.isoformat() if flt.since else None,
            "until": flt.until.isoformat() if flt.until else None,
            "has_disputes": {None: None, True: "true", False: "false"}[flt.has_disputes]}


def _quotes_by_speaker(quotes: list[views.CitedRecord[Quote]],
                       entities: list[StoryEntity]) -> list[tuple[str, list[views.CitedRecord[Quote]]]]:
    """Quotes grouped by the speaker's entity key (else the words naming the speaker), most
    quoted first; each group is labelled with the entity's name or the commonest wording."""
    names = {e.key: e.name for e in entities}
    groups: dict[str, list[views.CitedRecord[Quote]]] = {}
    for c in quotes:
        groups.setdefault(c.record.speaker_entity or (c.record.speaker or "").casefold(), []).append(c)
    out = []
    for key, items in groups.items():
        wordings = Counter(c.record.speaker for c in items if c.record.speaker)
        label = names.get(key) or (wordings.most_common(1)[0][0] if wordings else "(speaker not found)")
        out.append((label, items))
    out.sort(key=lambda g: (-len(g[1]), g[0].casefold()))
    return out


@router.get("/")
@router.get("/stories")
def stories_page(request: Request, store: StoreDep, flt: StoryFilterDep, limit: Limit = 20,
                 offset: Offset = 0) -> Response:
    def page() -> Response:
        data = views.story_list(store, flt, limit, offset, request.app.state.page_cache)
        return render(request, "stories.html.j2", data=data, params=_filter_params(flt),
                      pages=_pages(data["total"], limit, offset), title="Stories")

    return _cached(request, page)


@router.get("/stories/{story_id}")
def story_page(request: Request, store: StoreDep, story_id: StoryId) -> Response:
    return _cached(request, lambda: _render_story(request, store, story_id))


def _cached(request: Request, page: Callable[[], Response]) -> Response:
    """The page from the app's cache of rendered pages, rendering it on a miss."""
    cache: PageCache = request.app.state.page_cache
    return cache.get_or_render(str(request.url.path) + "?" + str(request.url.query), page)


def _render_story(request: Request, store: Store, story_id: str) -> Response:
    view = views.story_view(store, story_id)
    story, members = view.story, view.members
    updates = updated_articles(story, {a.id: outlet_label(a) for a in members}, views.article_url)
    return render(request, "story.html.j2", data=view.data, story=story, updates=updates,
                  cmp=comparison_view(view.comparison, members, story),
                  title=story.title or story.id)


@router.get("/stories/{story_id}/records")
def story_records_page(request: Request, store: StoreDep, story_id: StoryId) -> Response:
    def page() -> Response:
        story, records = views.story_records(store, story_id)
        by_speaker = _quotes_by_speaker(records.quotes, story.entities)
        by_count = [(what, list(items)) for what, items in groupby(
            records.figures, key=lambda c: c.record.counts or "(not stated)")]
        by_time = [(value, list(items)) for value, items in groupby(records.time_refs, key=lambda c: c.record.value)]
        return render(request, "story_records.html.j2", story=story, by_speaker=by_speaker, by_count=by_count,
                      by_time=by_time, title=f"Quotes, figures and times: {story.title or story.id}")

    return _cached(request, page)


@router.get("/articles")
def articles_page(request: Request, store: StoreDep, outlet: OutletParam = None, limit: Limit = 20,
                  offset: Offset = 0) -> HTMLResponse:
    data = views.article_list(store, outlet, limit, offset)
    return render(request, "articles.html.j2", data=data, outlet=outlet,
                  pages=_pages(data["total"], limit, offset), title="Articles")


@router.get("/articles/{article_id}")
def article_page(request: Request, store: StoreDep, article_id: ArticleId, start: SpanStart = None,
                 end: SpanEnd = None) -> HTMLResponse:
    article = views.get_article(store, article_id)
    data = views.article_page_for(store, article, start, end, request.app.state.page_cache)
    marks = article_marks(article)
    cited = data["citation"]
    if cited:
        marks.append(Mark(cited["start"], cited["end"], "cite", "cited", "cited passage"))
    paragraphs = highlight_article(article.text, marks)
    return render(request, "article.html.j2", data=data, article=article, paragraphs=paragraphs,
                  cited=cited, members=views.group_members(store, data["syndication_group"]),
                  title=article.headline or article.id)


@router.get("/search")
def search_page(request: Request, store: StoreDep, q: SearchPageQuery = "", limit: Limit = 20,
                offset: SearchOffset = 0) -> HTMLResponse:
    data: dict[str, Any] | None = None
    error: str | None = None
    status = 200
    if q.strip():
        try:
            data = views.search(store, q, limit, offset)
        except WebError as exc:
            error, status = exc.message, exc.status
    hits = [(h, highlight_snippet(h["raw_snippet"])) for h in (data or {}).get("hits", [])]
    return render(request, "search.html.j2", status_code=status, q=q, data=data, hits=hits, error=error,
                  limit=limit, offset=offset, title=f"Search: {q}" if q else "Search")
