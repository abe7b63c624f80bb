"""What each page shows, as plain data: the JSON API returns it as is and the HTML
pages render it. Raises WebError for anything the client got wrong (unknown id, span
outside the text, malformed search)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Generic, TypeVar
from urllib.parse import quote

from ..errors import StoreError
from ..model import Article, Citation, Comparison, Figure, Quote, StoredStory, TimeRef
from ..report.present import LinkedCitation, link_citations, outlet_label
from ..serialise import comparison_to_dict, story_to_dict
from ..store import Store
from ..store.listing import ArticleSummary, SearchTooCostly, StoryFilter
from .cache import PageCache
from .errors import WebError
from .highlight import snippet_text
from .settings import current as current_web_settings

__all__ = ["article_url", "citation_url", "story_list", "story_page", "StoryView",
           "story_view", "story_records", "CitedRecord", "StoryRecords", "article_page", "article_page_for", "group_members", "check_span", "article_list", "search",
           "get_article"]

logger = logging.getLogger(__name__)

# The limits of lists and of search (web.max_limit, web.max_search_window, the search
# budget) are the ``web`` settings: ``web.settings.current()``.


def citation_url(article_id: str, start: int, end: int) -> str:
    """The URL that opens an article with ``[start, end)`` highlighted and scrolled to."""
    return f"{_article_path(article_id)}?start={start}&end={end}#cited"


@lru_cache(maxsize=4096)
def _article_path(article_id: str) -> str:
    return f"/articles/{quote(article_id, safe='')}"


def article_url(article_id: str) -> str:
    """The URL of an article's page."""
    return _article_path(article_id)


def story_list(store: Store, flt: StoryFilter, limit: int, offset: int,
               cache: PageCache | None = None) -> dict[str, Any]:
    """One page of the filtered story list; the whole filtered listing is kept in
    ``cache`` (until the store changes) so that other pages and offsets reuse it."""
    found = (cache.get_or_compute(f"stories:{flt!r}", lambda: store.list_story_summaries(flt)) if cache
             else store.list_story_summaries(flt))
    notices = []
    if store.count_stories() == 0:
        notices.append("This store has no stories yet: the clustering stage has not run on it "
                       "(run `storylens ingest` with a version that groups articles into stories).")
    if flt.has_disputes is not None and all(s.disputes is None for s in found):
        notices.append("The has-disputes filter uses the disputed points that the compare stage records; "
                       "it has not run on these stories, so none has disputes.")
    return {"total": len(found), "limit": limit, "offset": offset, "sort": flt.sort,
            "stories": [s.to_dict() for s in found[offset:offset + limit]], "notices": notices}


def get_article(store: Store, article_id: str) -> Article:
    article = store.get_article(article_id)
    if article is None:
        raise WebError(404, f"no article with id {article_id!r} in this store "
                            "(article ids are 16 hexadecimal digits; see /api/articles)")
    return article


R = TypeVar("R", Quote, Figure, TimeRef)

#: The key of each kind of record in the API's JSON (``models.CitedQuoteOut`` ...).
_RECORD_KEY: dict[type, str] = {Quote: "quote", Figure: "figure", TimeRef: "time_ref"}


@dataclass(frozen=True)
class CitedRecord(Generic[R]):
    """A quote, figure or time reference of a story's article with the citation that opens
    the article at it: ``citation`` carries the outlet label and URL a page shows;
    ``outlet`` and ``headline`` are the article's own, as the API writes them."""

    record: R
    citation: LinkedCitation
    outlet: str | None
    headline: str | None

    def to_dict(self) -> dict[str, Any]:
        c = self.citation
        return {"citation": {"article_id": c.article_id, "outlet": self.outlet, "headline": self.headline,
                             "start": c.start, "end": c.end, "url": c.url},
                _RECORD_KEY[type(self.record)]: self.record.to_dict()}


@dataclass(frozen=True)
class StoryRecords:
    """Every quote (by speaker), figure (by what it counts) and time reference (by value)
    of a story's articles, each cited."""

    quotes: list[CitedRecord[Quote]]
    figures: list[CitedRecord[Figure]]
    time_refs: list[CitedRecord[TimeRef]]

    def to_dict(self) -> dict[str, list[dict[str, Any]]]:
        return {"quotes": [c.to_dict() for c in self.quotes], "figures": [c.to_dict() for c in self.figures],
                "time_refs": [c.to_dict() for c in self.time_refs]}


def _cited(article: Article, record: R) -> CitedRecord[R]:
    citation = LinkedCitation(article.id, record.start, record.end, record.text, outlet=outlet_label(article),
                              url=citation_url(article.id, record.start, record.end))
    return CitedRecord(record, citation, article.outlet, article.headline)


def story_page(store: Store, story_id: str) -> dict[str, Any]:
    return story_view(store, story_id).data


@dataclass(frozen=True)
class StoryView:
    """A story page: ``data`` as the JSON API returns it (the story and its comparison
    written by the serialiser), and the records it was made from: the stored story, its
    light member articles and its comparison with every citation linked (None when it
    has not been compared)."""

    data: dict[str, Any]
    story: StoredStory
    members: list[Article]
    comparison: Comparison | None


def story_view(store: Store, story_id: str) -> StoryView:
    """The story page's data (as the JSON API returns it) and its records."""
    story, members, stored = _story_and_members(store, story_id, comparison=True)
    linked = (link_citations(stored, {a.id: outlet_label(a) for a in members}, _citation_url)
              if stored is not None else None)
    notices = []
    if linked is None:
        notices.append("The compare and brief stages have not run on this story, so it has no comparison "
                       "grid, disputed points, quote variants, timeline, framing cues or brief yet.")
    summaries = [_article_summary(a) for a in members]
    data = {"story": story_to_dict(story), "articles": summaries, **_records(members).to_dict(),
            "comparison": comparison_to_dict(linked) if linked is not None else None, "notices": notices}
    return StoryView(data, story, members, linked)


def story_records(store: Store, story_id: str) -> tuple[StoredStory, StoryRecords]:
    """A story and every quote, figure and time reference of its articles, each cited."""
    story, members, _ = _story_and_members(store, story_id, comparison=False)
    return story, _records(members)


def _story_and_members(store: Store, story_id: str,
                       comparison: bool) -> tuple[StoredStory, list[Article], Comparison | None]:
    """The story, its light member articles and (with ``comparison``) its stored comparison, in one read."""
    found = store.get_story_page(story_id, comparison=comparison)
    if found is None:
        raise WebError(404, f"no story with id {story_id!r} in this store (see /api/stories)")
    story, members, stored = found
    if len(members) != len(story.articles):
        logger.warning("story %s lists %d articles that are not in the store", story_id,
                       len(story.articles) - len(members))
    return story, members, stored


def _records(members: list[Article]) -> StoryRecords:
    """The articles' quotes (by speaker), figures (by what they count) and time references
    (by value), each with the citation that opens it."""
    quotes = [_cited(a, q) for a in members for q in a.quotes]
    figures = [_cited(a, f) for a in members for f in a.figures]
    time_refs = [_cited(a, t) for a in members for t in a.time_refs]
    quotes.sort(key=lambda c: (c.record.speaker_entity or c.record.speaker or "~").casefold())
    figures.sort(key=lambda c: (c.record.counts or "~", c.record.unit or ""))
    time_refs.sort(key=lambda c: c.record.value)
    return StoryRecords(quotes, figures, time_refs)


def _citation_url(cite: Citation) -> str:
    """The URL that opens a citation of the comparison: the article at the span, or the
    article's page for a headline span."""
    return (citation_url(cite.article_id, cite.start, cite.end) if cite.field == "text"
            else _article_path(cite.article_id))


def _article_summary(a: Article) -> dict[str, Any]:
    return ArticleSummary(id=a.id, outlet=a.outlet, headline=a.headline,
                          published=a.published.isoformat() if a.published else None, url=a.url,
                          story_id=a.story_id, duplicate_of=a.duplicate_of,
                          syndication_group=a.syndication_group, genre=a.genre).to_dict()


def check_span(article: Article, start: int | None, end: int | None) -> tuple[int, int] | None:
    if start is None and end is None:
        return None
    if start is None or end is None:
        raise WebError(422, "give both start and end to cite a span (e.g. ?start=10&end=42)")
    n = len(article.text)
    if not 0 <= start < end <= n:
        raise WebError(422, f"span {start}-{end} is outside article {article.id}: its text has {n} characters, "
                            "so start and end must satisfy 0 <= start < end <= " + str(n))
    return start, end


def article_page(store: Store, article_id: str, start: int | None = None, end: int | None = None,
                 cache: PageCache | None = None) -> dict[str, Any]:
    return article_page_for(store, get_article(store, article_id), start, end, cache)


def article_page_for(store: Store, article: Article, start: int | None = None, end: int | None = None,
                     cache: PageCache | None = None) -> dict[str, Any]:
    """An article page's data. Its duplicates come from an index of every article's
    duplicates kept in ``cache`` until the store changes (finding one article's reads the
    whole articles table), else from that read."""
    span = check_span(article, start, end)
    group = None
    if article.syndication_group and article.story_id:
        story = store.get_story(article.story_id)
        for g in story.syndication_groups if story is not None else ():
            if g.id == article.syndication_group:
                group = g.to_dict()
    duplicate_of = None
    if article.duplicate_of:
        found = store.article_summaries([article.duplicate_of]).get(article.duplicate_of)
        duplicate_of = found.to_dict() if found else None
    return {
        "article": article.to_dict(),
        "citation": {"start": span[0], "end": span[1], "text": article.text[span[0]:span[1]]} if span else None,
        "syndication_group": group,
        "duplicate_of": duplicate_of,
        "duplicates": [d.to_dict() for d in _duplicates(store, article.id, cache)],
        "versions": store.article_history(article.id),
    }


def _duplicates(store: Store, article_id: str, cache: PageCache | None) -> list[ArticleSummary]:
    if cache is None:
        return store.duplicates_of(article_id)
    return cache.get_or_compute("duplicates", store.duplicate_index).get(article_id, [])


def group_members(store: Store, group: dict[str, Any] | None) -> list[dict[str, Any]]:
    if not group:
        return []
    found = store.article_summaries(group.get("members", []))
    return [found[i].to_dict() for i in group.get("members", []) if i in found]


def article_list(store: Store, outlet: str | None, limit: int, offset: int) -> dict[str, Any]:
    total = store.count_articles(outlet)
    listed = store.list_articles(limit=limit, offset=offset, outlet=outlet)
    return {"total": total, "limit": limit, "offset": offset, "articles": [_article_summary(x) for x in listed]}


def search(store: Store, query: str, limit: int, offset: int) -> dict[str, Any]:
    if not query.strip():
        raise WebError(422, "empty search query: give at least one word to search for")
    settings = current_web_settings()
    if offset + limit > settings.max_search_window:
        raise WebError(422, f"search results are available up to result {settings.max_search_window}; "
                            "use a narrower query or a smaller offset")
    try:
        hits = store.search(query, limit=offset + limit, budget=settings.search_budget)
    except SearchTooCostly as exc:
        raise WebError(400, str(exc)) from exc
    except StoreError as exc:
        message = str(exc)
        if message.startswith(("invalid search query", "empty search query")):
            raise WebError(400, message) from exc
        raise
    out = []
    for h in hits[offset:]:
        text, spans = snippet_text(h.snippet)
        out.append({"article_id": h.article_id, "headline": h.headline, "outlet": h.outlet,
                    "published": h.published.isoformat() if h.published else None,
                    "snippet": text, "matches": [{"start": s, "end": e} for s, e in spans],
                    "raw_snippet": h.snippet})
    return {"query": query, "limit": limit, "offset": offset, "hits": out}
