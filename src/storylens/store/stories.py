"""Stories in the store: one row per story, its top entities, and each member article's
``story_id`` / ``duplicate_of`` / ``syndication_group`` on the ``articles`` row.

Stories are saved from ``storylens.model.Story`` records, written by
``storylens.serialise``, and read back as ``storylens.model.StoredStory`` records (the
story without its comparison, with its members fetched again with changed text), read
by the same serialiser. Saving a set of stories replaces the stored stories they were
regrouped from (or every stored story), inside the caller's transaction. ``open_story_article_ids`` says which
articles a regrouping after an ingest must see: the new ones and the stories they can
still join.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Column, Connection, Integer, PrimaryKeyConstraint, String, Table, Text, delete, func, insert, select, update

from ..model import StoredStory, Story
from ..serialise import stored_story_from_dict, story_to_dict
from .schema import SortKey, articles, metadata

__all__ = ["stories", "story_entities", "replace_stories", "open_story_article_ids", "story_rows", "load_stories",
           "count_stories"]

_CHUNK = 500  # ids per IN (...) list

stories = Table(
    "stories",
    metadata,
    Column("id", SortKey, primary_key=True),
    Column("title", Text),
    Column("lead", String, nullable=False),
    Column("first_published", String),
    Column("last_published", SortKey),
    Column("article_count", Integer, nullable=False),
    Column("outlet_count", Integer, nullable=False),
    Column("independent_sources", Integer, nullable=False),
    Column("outlets", Text, nullable=False),  # JSON array
    Column("syndication_groups", Text, nullable=False),  # JSON array of group objects
)

story_entities = Table(
    "story_entities",
    metadata,
    Column("story_id", String, nullable=False),
    Column("position", Integer, nullable=False),
    Column("key", Text, nullable=False),
    Column("name", Text, nullable=False),
    Column("articles", Integer, nullable=False),
    PrimaryKeyConstraint("story_id", "position"),
)


def replace_stories(conn: Connection, new_stories: Sequence[Story],
                    article_links: dict[str, dict[str, str | None]],
                    replacing: Iterable[str] | None = None) -> None:
    """Store ``new_stories`` in place of the stored stories ``replacing`` names (all stored
    stories when it is None), and set each article's links (``{article id: {"story_id":
    ..., "duplicate_of": ..., "syndication_group": ...}}``)."""
    story_dicts = [story_to_dict(s) for s in new_stories]
    if replacing is None:
        conn.execute(delete(story_entities))
        conn.execute(delete(stories))
    else:
        gone = sorted(set(replacing) | {s["id"] for s in story_dicts})
        for i in range(0, len(gone), _CHUNK):
            chunk = gone[i:i + _CHUNK]
            conn.execute(delete(story_entities).where(story_entities.c.story_id.in_(chunk)))
            conn.execute(delete(stories).where(stories.c.id.in_(chunk)))
    if story_dicts:
        conn.execute(insert(stories), [_story_row(s) for s in story_dicts])
        rows = [{"story_id": s["id"], "position": i, "key": e["key"], "name": e["name"], "articles": e["articles"]}
                for s in story_dicts for i, e in enumerate(s.get("entities") or [])]
        if rows:
            conn.execute(insert(story_entities), rows)
    for article_id, links in article_links.items():
        conn.execute(update(articles).where(articles.c.id == article_id).values(**links))


def open_story_article_ids(conn: Connection, window: timedelta | None) -> list[str]:
    """The articles a regrouping must see after new articles were stored: every article
    without a story yet, and every member of a story that one of them could still join.

    The online clusterer retires a story once the stream's time has moved ``window``
    past its newest article, so a story whose newest dated article is more than
    ``window`` older than the earliest new article is closed: it is left as it is. An
    undated new article is placed after every dated one (at the newest stored time);
    a story without any dated article is always open; with ``window=None`` every story
    is. Empty when nothing is new."""
    from .versions import superseded_ids

    a = articles.c
    new = a.story_id.is_(None) & a.id.not_in(superseded_ids())
    earliest_new, undated_new = conn.execute(
        select(func.min(a.published_utc), func.count().filter(a.published_utc.is_(None))).where(new)).one()
    if earliest_new is None and not undated_new:
        return []
    earliest = earliest_new
    if undated_new:
        newest_stored = conn.execute(select(func.max(a.published_utc))).scalar_one()
        earliest = min(x for x in (earliest_new, newest_stored) if x is not None) if newest_stored else None
    open_stories = select(a.story_id).where(a.story_id.is_not(None)).group_by(a.story_id)
    if earliest is not None and window is not None:
        cutoff = (datetime.fromisoformat(earliest.rstrip("Z")) - window).isoformat(timespec="microseconds") + "Z"
        latest = func.max(a.published_utc)
        open_stories = open_stories.having(latest.is_(None) | (latest >= cutoff))
    stmt = select(a.id).where(new | a.story_id.in_(open_stories)).order_by(a.id)
    return list(conn.execute(stmt).scalars())


def _story_row(story: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": story["id"], "title": story.get("title"), "lead": story["lead"],
        "first_published": story.get("first_published"), "last_published": story.get("last_published"),
        "article_count": len(story["articles"]), "outlet_count": len(story.get("outlets") or []),
        "independent_sources": story.get("independent_sources", len(story["articles"])),
        "outlets": json.dumps(story.get("outlets") or [], ensure_ascii=False),
        "syndication_groups": json.dumps(story.get("syndication_groups") or [], ensure_ascii=False),
    }


def count_stories(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).select_from(stories)).scalar_one())


def story_rows(conn: Connection, *, story_id: str | None = None, outlet: str | None = None,
               limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
    """Stored story rows, most covered first, then newest by stored time, then id: the one
    story listing that ``load_stories`` and the web app's filtered list build on.

    ``outlet`` keeps the stories with an article from exactly that outlet. Each row has
    the summary fields (``id``, ``title``, ``lead``, ``first_published``,
    ``last_published``, ``article_count``, ``outlet_count``, ``independent_sources``,
    ``outlets``) and ``syndication_groups``, JSON fields parsed.
    """
    s = stories.c
    stmt = select(stories)
    if story_id is not None:
        stmt = stmt.where(s.id == story_id)
    if outlet is not None:  # narrowed in SQL, matched exactly below (the JSON array is text)
        stmt = stmt.where(s.outlets.contains(json.dumps(outlet, ensure_ascii=False), autoescape=True))
    stmt = stmt.order_by(s.independent_sources.desc(), s.article_count.desc(), s.last_published.is_(None),
                         s.last_published.desc(), s.id)
    if outlet is None and limit is not None:
        stmt = stmt.limit(limit).offset(offset)
    out = []
    for r in conn.execute(stmt).mappings().all():
        outlets = json.loads(r["outlets"])
        if outlet is not None and outlet not in outlets:
            continue
        out.append({"id": r["id"], "title": r["title"], "lead": r["lead"], "first_published": r["first_published"],
                    "last_published": r["last_published"], "article_count": r["article_count"],
                    "outlet_count": r["outlet_count"], "independent_sources": r["independent_sources"],
                    "outlets": outlets, "syndication_groups": json.loads(r["syndication_groups"])})
    if outlet is not None and limit is not None:
        out = out[offset:offset + limit]
    return out


def load_stories(conn: Connection, *, limit: int = 50, offset: int = 0, story_id: str | None = None,
                 outlet: str | None = None) -> list[StoredStory]:
    """Stories, most covered first then newest (``story_rows``' order), read from their
    rows in the JSON report's story layout by the serialiser."""
    rows = story_rows(conn, story_id=story_id, outlet=outlet, limit=limit, offset=offset)
    if not rows:
        return []
    ids = [r["id"] for r in rows]
    members: dict[str, list[str]] = {i: [] for i in ids}
    order = (articles.c.published_utc.is_(None), articles.c.published_utc, articles.c.id)
    for r in conn.execute(select(articles.c.id, articles.c.story_id).where(articles.c.story_id.in_(ids)).order_by(*order)).all():
        members[r.story_id].append(r.id)
    entities: dict[str, list[dict[str, Any]]] = {i: [] for i in ids}
    se = story_entities
    for r in conn.execute(select(se).where(se.c.story_id.in_(ids)).order_by(se.c.story_id, se.c.position)).all():
        entities[r.story_id].append({"key": r.key, "name": r.name, "articles": r.articles})
    from .versions import version_info

    versions = version_info(conn, [i for m in members.values() for i in m])
    out = []
    for row in rows:
        story = {"id": row["id"], "title": row["title"], "lead": row["lead"], "articles": members[row["id"]],
                 "entities": entities[row["id"]], "first_published": row["first_published"],
                 "last_published": row["last_published"], "outlets": row["outlets"],
                 "independent_sources": row["independent_sources"], "syndication_groups": row["syndication_groups"]}
        stored = stored_story_from_dict(story)
        # articles fetched again with changed text: the latest version is a member
        stored.updated_articles = {i: versions[i] for i in members[row["id"]] if i in versions}
        out.append(stored)
    return out
