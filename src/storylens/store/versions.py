"""Live sources in the store: article versions and the validators of conditional GETs.

A page (or feed entry) fetched again with changed text is a new article (its id hashes
the bytes with the URL) and a new *version* of the article at that URL:

* ``article_versions(article_id, url, superseded_by, superseded_at)`` — one row per
  older version: the stored article ``article_id`` was replaced by ``superseded_by``
  (the next version at the same ``url``) when that one was stored. The latest version
  has no row. Older versions stay stored whole (text, extraction, features) but leave
  their story: the story they were in is dissolved (its members become ungrouped, its
  comparison deleted) in the transaction that stores the new version, so that the next
  regrouping (``stories.regroup_store``) groups and compares it again with the latest
  version only. ``open_story_article_ids`` never hands a superseded version back, and
  the lists a user reads (``list_articles``, ``count_articles``, ``search``) leave older
  versions out unless asked for them; ``history`` lists every version of one article.
* ``fetch_validators(url, etag, last_modified, fetched_at)`` — the ``ETag`` and
  ``Last-Modified`` of the last successful fetch of each URL, sent back as
  ``If-None-Match`` / ``If-Modified-Since`` next time (``fetch.Fetcher``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Column, Connection, String, Table, Text, delete, insert, select, update

from ..model import Article, ArticleUpdate
from .comparisons import delete_comparisons
from .schema import SortKey, _article_fk, articles, metadata

__all__ = ["article_versions", "fetch_validators", "history", "latest_only", "supersede", "superseded_ids",
           "version_info"]

_CHUNK = 500

article_versions = Table(
    "article_versions",
    metadata,
    Column("article_id", SortKey, _article_fk(), primary_key=True),
    Column("url", Text, nullable=False),
    Column("superseded_by", String, nullable=False),
    Column("superseded_at", String, nullable=False),
)

fetch_validators = Table(
    "fetch_validators",
    metadata,
    Column("url", SortKey, primary_key=True),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("fetched_at", String, nullable=False),
)


def supersede(conn: Connection, new: Sequence[Article], stamp: str) -> set[str]:
    """Record the just-inserted ``new`` articles as the latest versions of the stored
    articles at the same URLs (in input order: a later one supersedes an earlier one of
    the same batch); dissolve the stories those older versions were in. Returns the ids
    of the stories dissolved."""
    from .stories import stories, story_entities

    a = articles.c
    dissolved: set[str] = set()
    for article in new:
        url = (article.url or "").strip()
        if not url:
            continue
        already = select(article_versions.c.article_id)
        older = conn.execute(select(a.id, a.story_id).where(a.url == article.url, a.id != article.id,
                                                             a.id.not_in(already))).all()
        if not older:
            continue
        conn.execute(insert(article_versions), [
            {"article_id": row.id, "url": article.url, "superseded_by": article.id, "superseded_at": stamp}
            for row in older])
        dissolved.update(row.story_id for row in older if row.story_id)
        conn.execute(update(articles).where(a.id.in_([row.id for row in older]))
                     .values(story_id=None, duplicate_of=None, syndication_group=None))
    if dissolved:
        ids = sorted(dissolved)
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start:start + _CHUNK]
            conn.execute(update(articles).where(a.story_id.in_(chunk))
                         .values(story_id=None, duplicate_of=None, syndication_group=None))
            conn.execute(delete(story_entities).where(story_entities.c.story_id.in_(chunk)))
            conn.execute(delete(stories).where(stories.c.id.in_(chunk)))
        delete_comparisons(conn, ids)
    return dissolved


def superseded_ids() -> Any:
    """A subquery of the ids of every superseded (older) version."""
    return select(article_versions.c.article_id)


def latest_only(stmt: Any, article_id: Any) -> Any:
    """``stmt`` narrowed to the articles whose id (the column ``article_id``) is no older
    version of another."""
    return stmt.where(article_id.not_in(superseded_ids()))


def history(conn: Connection, article_id: str) -> list[dict[str, Any]]:
    """Every version of the article ``article_id`` is one of, oldest first, each with
    ``id``, ``headline``, ``outlet``, ``published``, ``url``, ``ingested_at``,
    ``superseded_by`` and ``superseded_at`` (None for the latest); empty when the
    article has no other version (or is not stored)."""
    v = article_versions.c
    latest, seen = article_id, {article_id}
    while (newer := conn.execute(select(v.superseded_by).where(v.article_id == latest)).scalar()) is not None:
        if newer in seen:  # a loop cannot be written by supersede(); stop rather than spin
            break
        latest = newer
        seen.add(latest)
    info = version_info(conn, [latest]).get(latest)
    if info is None:
        return []
    ids = [*info.previous, latest]
    a = articles.c
    rows = {r.id: r for r in conn.execute(
        select(a.id, a.headline, a.outlet, a.published, a.url, a.ingested_at, v.superseded_by, v.superseded_at)
        .select_from(articles.outerjoin(article_versions, v.article_id == a.id)).where(a.id.in_(ids)))}
    return [{"id": i, "headline": rows[i].headline, "outlet": rows[i].outlet, "published": rows[i].published,
             "url": rows[i].url, "ingested_at": rows[i].ingested_at, "superseded_by": rows[i].superseded_by,
             "superseded_at": rows[i].superseded_at} for i in ids if i in rows]


def version_info(conn: Connection, article_ids: Sequence[str]) -> dict[str, ArticleUpdate]:
    """For each of ``article_ids`` that replaced an earlier version, an ``ArticleUpdate``:
    ``versions`` (how many, itself included), ``previous`` (the older versions' ids,
    oldest first) and ``updated_at`` (when this version replaced the one before)."""
    v = article_versions.c
    by_next: dict[str, tuple[str, str]] = {}
    frontier = list(dict.fromkeys(article_ids))
    while frontier:  # walk back along superseded_by, a few steps per changed page
        found: list[Any] = []
        for start in range(0, len(frontier), _CHUNK):
            chunk = frontier[start:start + _CHUNK]
            found += conn.execute(select(v.article_id, v.superseded_by, v.superseded_at)
                                  .where(v.superseded_by.in_(chunk))).all()
        frontier = []
        for row in found:
            if row.superseded_by not in by_next:
                by_next[row.superseded_by] = (row.article_id, row.superseded_at)
                frontier.append(row.article_id)
    out: dict[str, ArticleUpdate] = {}
    for article_id in article_ids:
        if article_id not in by_next:
            continue
        previous: list[str] = []
        current = article_id
        while current in by_next and by_next[current][0] not in previous:
            current = by_next[current][0]
            previous.append(current)
        out[article_id] = ArticleUpdate(versions=len(previous) + 1, previous=previous[::-1],
                                        updated_at=by_next[article_id][1])
    return out


def get_validators(conn: Connection, url: str) -> tuple[str | None, str | None] | None:
    row = conn.execute(select(fetch_validators.c.etag, fetch_validators.c.last_modified)
                       .where(fetch_validators.c.url == url)).first()
    return (row.etag, row.last_modified) if row else None


def validator_row(url: str, etag: str | None, last_modified: str | None, fetched_at: datetime) -> dict[str, Any]:
    return {"url": url, "etag": etag, "last_modified": last_modified, "fetched_at": fetched_at.isoformat()}
