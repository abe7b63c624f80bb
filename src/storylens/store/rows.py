"""Article rows: writing an article with its child rows, and assembling stored rows back
into ``Article`` records (SQLAlchemy Core, any backend)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime, timezone
from typing import Any, TypeVar

from sqlalchemy import Connection, Table, insert, select

from ..model import Article, RemovedLine
from . import schema as sch
from .extraction_tables import insert_extractions, load_extractions

__all__ = ["LOOKUP_CHUNK", "chunks", "now", "article_row", "insert_articles", "insert_children", "assemble", "children", "utc_key"]

# Keep "WHERE id IN (...)" well below SQLite's host-parameter limit.
LOOKUP_CHUNK = 500

T = TypeVar("T")


def chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def utc_key(value: datetime | None) -> str | None:
    """Fixed-width UTC form that sorts chronologically as a string."""
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(timezone.utc)
    return value.replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def insert_articles(conn: Connection, new: Sequence[Article]) -> None:
    """Insert these articles (none of them stored yet) with every child row."""
    if not new:
        return
    stamp = now()
    conn.execute(insert(sch.articles), [article_row(a, stamp) for a in new])
    insert_children(conn, new)


def insert_children(conn: Connection, new: Sequence[Article]) -> None:
    """Insert the child rows (credits, hashtags, removed lines, field provenance,
    extraction records) of articles whose ``articles`` rows were just inserted."""
    child_rows: list[tuple[Table, list[dict[str, Any]]]] = [
        (sch.article_credits, [
            {"article_id": a.id, "position": i, "credit": c}
            for a in new for i, c in enumerate(a.credits)
        ]),
        (sch.article_hashtags, [
            {"article_id": a.id, "position": i, "hashtag": h}
            for a in new for i, h in enumerate(a.hashtags)
        ]),
        (sch.removed_lines, [
            {"article_id": a.id, "position": i, "line": r.line, "text": r.text, "reason": r.reason}
            for a in new for i, r in enumerate(a.removed)
        ]),
        (sch.article_fields, [
            {"article_id": a.id, "field": f, "provenance": prov, "how": how}
            for a in new
            for prov, fields in (("inferred", a.inferred), ("explicit", a.explicit))
            for f, how in fields.items()
        ]),
    ]
    for table, rows in child_rows:
        if rows:
            conn.execute(insert(table), rows)
    insert_extractions(conn, new)



def assemble(conn: Connection, rows: Sequence[Any]) -> list[Article]:
    if not rows:
        return []
    ids = [r["id"] for r in rows]
    credits = children(conn, sch.article_credits, ids, "credit")
    hashtags = children(conn, sch.article_hashtags, ids, "hashtag")
    removed: dict[str, list[RemovedLine]] = {}
    fields: dict[tuple[str, str], dict[str, str]] = {}
    for chunk in chunks(ids, LOOKUP_CHUNK):
        t = sch.removed_lines
        for r in conn.execute(select(t).where(t.c.article_id.in_(chunk)).order_by(t.c.article_id, t.c.position)):
            removed.setdefault(r.article_id, []).append(RemovedLine(text=r.text, reason=r.reason, line=r.line))
        f = sch.article_fields
        stmt = select(f).where(f.c.article_id.in_(chunk)).order_by(f.c.article_id, f.c.provenance, f.c.field)
        for r in conn.execute(stmt):
            fields.setdefault((r.article_id, r.provenance), {})[r.field] = r.how
    extracted = load_extractions(conn, ids)
    out: list[Article] = []
    for r in rows:
        d = dict(r)
        d.pop("published_utc", None)
        d.pop("ingested_at", None)
        d["credits"] = credits.get(r["id"], [])
        d["hashtags"] = hashtags.get(r["id"], [])
        article = Article.from_dict(d)
        article.removed = removed.get(r["id"], [])
        article.inferred = fields.get((r["id"], "inferred"), {})
        article.explicit = fields.get((r["id"], "explicit"), {})
        found = extracted[r["id"]]
        article.entities, article.quotes = found["entities"], found["quotes"]
        article.figures, article.time_refs = found["figures"], found["time_refs"]
        out.append(article)
    return out



def children(conn: Connection, table: Table, ids: Sequence[str], column: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for chunk in chunks(ids, LOOKUP_CHUNK):
        stmt = (
            select(table.c.article_id, table.c[column])
            .where(table.c.article_id.in_(chunk))
            .order_by(table.c.article_id, table.c.position)
        )
        for article_id, value in conn.execute(stmt):
            out.setdefault(article_id, []).append(value)
    return out


def article_row(a: Article, ingested_at: str) -> dict[str, Any]:
    return {
        "id": a.id,
        "source": a.source,
        "url": a.url,
        "outlet": a.outlet,
        "headline": a.headline,
        "byline": a.byline,
        "published": _iso(a.published),
        "published_utc": utc_key(a.published),
        "updated": _iso(a.updated),
        "dateline": a.dateline,
        "language": a.language,
        "genre": a.genre,
        "text": a.text,
        "feed_notice": a.feed_notice,
        "story_id": a.story_id,
        "duplicate_of": a.duplicate_of,
        "syndication_group": a.syndication_group,
        "ingested_at": ingested_at,
    }


