"""Where exported rows come from: a store (through the ``Store`` protocol only) or a JSON
report, both read as ``Bundle``s of typed records (the report through the one serialiser
and ``Article.from_dict``), and the filters on them.

A story is exported whole (every member article, fact, conflict and quote variant) when
one of its articles passes every filter, so that the tables join without dangling ids;
an article outside any story is exported when it passes them itself.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timezone
from pathlib import Path
from typing import Any

from ..errors import StorylensError
from ..model import Article, StoredStory, Story
from ..serialise import story_from_dict
from ..store.base import Store
from .tables import Bundle, utc_key

__all__ = ["ExportError", "ExportFilter", "parse_since", "bundles_from_store", "bundles_from_report"]

#: Articles read from the store per call (bounds memory on a large store).
_CHUNK = 200


class ExportError(StorylensError):
    """An export that cannot run as asked (unknown story, a filter the source cannot apply)."""


@dataclass(frozen=True)
class ExportFilter:
    story: str | None = None
    published_since: datetime | None = None
    ingested_since: datetime | None = None

    def keeps(self, article: Article, ingested: datetime | None) -> bool:
        """Whether one article passes the time filters."""
        if self.published_since is not None:
            if article.published is None or _aware(article.published) < self.published_since:
                return False
        if self.ingested_since is not None and (ingested is None or ingested < self.ingested_since):
            return False
        return True


def _aware(when: datetime) -> datetime:
    return when if when.tzinfo is not None else when.replace(tzinfo=timezone.utc)


def parse_since(value: str) -> datetime:
    """``YYYY-MM-DD`` (midnight UTC) or an ISO 8601 time (UTC when it has no offset)."""
    text = value.strip()
    try:
        if len(text) == 10:
            return datetime.combine(date.fromisoformat(text), time(0), tzinfo=timezone.utc)
        return _aware(datetime.fromisoformat(text.replace("Z", "+00:00")))
    except ValueError as exc:
        raise ValueError(f"{value!r} is not a date (YYYY-MM-DD) or an ISO 8601 time "
                         "(e.g. 2026-03-14T08:00:00+01:00)") from exc


def _story_order(story: Story) -> tuple[int, int, str]:
    """Stories, from a store or a report, in one order: most independent sources first."""
    return (-story.independent_sources, -len(story.articles), story.id)


def _article_order(article: Article) -> tuple[bool, str, str]:
    published = article.published.isoformat() if article.published else None
    return (not published, utc_key(published) or "", article.id)


def _kept(bundle: Bundle, flt: ExportFilter) -> bool:
    return any(flt.keeps(a, bundle.ingested_at.get(a.id)) for a in bundle.articles)


# -- from a store ---------------------------------------------------------------------

def bundles_from_store(store: Store, flt: ExportFilter) -> Iterator[Bundle]:
    """The stories (with their comparison) and the articles outside any story, story by
    story, read through the ``Store`` protocol. An unknown ``flt.story`` raises here,
    before anything is read or written."""
    if flt.story is not None:
        found = store.get_story(flt.story)
        if found is None:
            raise ExportError(f"no story {flt.story!r} in {store.where} "
                              f"(list them with `storylens stories --db {store.where}`)")
        return _store_bundles(store, flt, [found])
    return _store_bundles(store, flt, sorted(store.list_stories(limit=max(store.count_stories(), 1)),
                                             key=_story_order))


def _store_bundles(store: Store, flt: ExportFilter, stories: list[StoredStory]) -> Iterator[Bundle]:
    times = store.ingested_times()
    members: set[str] = set()
    for story in stories:
        ids = list(story.articles)
        members.update(ids)
        articles = sorted(store.get_articles(ids), key=_article_order)
        bundle = Bundle(story, articles, {i: times.get(i) for i in ids})
        if not _kept(bundle, flt):
            continue
        story.comparison = store.get_comparison(story.id)
        yield bundle
    if flt.story is not None:
        return
    loose = sorted(i for i in times if i not in members)
    for start in range(0, len(loose), _CHUNK):
        for article in store.get_articles(loose[start:start + _CHUNK]):
            single = Bundle(None, [article], {article.id: times.get(article.id)})
            if _kept(single, flt):
                yield single


# -- from a report --------------------------------------------------------------------

def _load_report(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ExportError(f"cannot read the report {path}: {exc.strerror or exc}") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ExportError(f"{path} is not a Storylens JSON report (not valid UTF-8 JSON: {exc}); "
                          "write one with `storylens analyze PATHS --format json`") from exc
    if not isinstance(data, dict) or not isinstance(data.get("articles"), list):
        raise ExportError(f"{path} is not a Storylens JSON report (no `articles` list); "
                          "write one with `storylens analyze PATHS --format json`")
    return data


def bundles_from_report(path: Path, flt: ExportFilter) -> Iterator[Bundle]:
    """The same bundles from a JSON report (``docs/json-schema.md``). A report has no
    ingest times, so ``ingested_since`` is refused; that, an unreadable report and an
    unknown ``flt.story`` raise here, before anything is written."""
    if flt.ingested_since is not None:
        raise ExportError("--ingested-since needs a store: a JSON report records when it was generated, not when "
                          "each article was ingested; export from the store (--db) or use --published-since")
    data = _load_report(path)
    stories: Sequence[dict[str, Any]] = data.get("stories") or []
    if flt.story is not None:
        stories = [s for s in stories if s.get("id") == flt.story]
        if not stories:
            raise ExportError(f"no story {flt.story!r} in the report {path}")
    try:
        articles = [Article.from_dict(a) for a in data["articles"]]
        records = [story_from_dict(s) for s in stories]
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ExportError(f"{path} is not a Storylens JSON report (a story or an article does not read as one: "
                          f"{exc!r}); write one with `storylens analyze PATHS --format json`") from exc
    return _report_bundles(articles, records, flt)


def _report_bundles(articles: Sequence[Article], stories: Sequence[Story], flt: ExportFilter) -> Iterator[Bundle]:
    by_id = {a.id: a for a in articles}
    members: set[str] = set()
    for story in sorted(stories, key=_story_order):
        ids = [i for i in story.articles if i in by_id]
        members.update(ids)
        bundle = Bundle(story, sorted((by_id[i] for i in ids), key=_article_order), dict.fromkeys(ids))
        if _kept(bundle, flt):
            yield bundle
    if flt.story is not None:
        return
    for article_id in sorted(set(by_id) - members):
        single = Bundle(None, [by_id[article_id]], {article_id: None})
        if _kept(single, flt):
            yield single
