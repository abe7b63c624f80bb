"""Tables for what the extraction stage finds in each article, and their reading/writing.

One plain table per record type, one row per record, columns named as in the JSON
report (docs/json-schema.md): ``entities`` (+ ``entity_mentions``), ``quotes``,
``figures``, ``time_refs``. Offsets index ``articles.text``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import fields as dataclass_fields
from typing import Any

from sqlalchemy import Column, Connection, Float, Integer, PrimaryKeyConstraint, String, Table, Text, insert, select

from ..model import Article, Entity, Figure, Quote, Span, TimeRef
from .schema import _article_fk, metadata

__all__ = ["entities", "entity_mentions", "quotes", "figures", "time_refs", "insert_extractions", "load_extractions",
           "attach_records"]

_LOOKUP_CHUNK = 500


def _child(name: str, *columns: Column[Any]) -> Table:
    return Table(
        name,
        metadata,
        Column("article_id", String, _article_fk(), nullable=False),
        Column("position", Integer, nullable=False),
        *columns,
        PrimaryKeyConstraint("article_id", "position"),
    )


entities = _child(
    "entities",
    Column("key", Text, nullable=False),
    Column("name", Text, nullable=False),
    Column("kind", String, nullable=False),
    Column("aliases", Text, nullable=False),  # JSON array of strings
)

entity_mentions = Table(
    "entity_mentions",
    metadata,
    Column("article_id", String, _article_fk(), nullable=False),
    Column("entity_position", Integer, nullable=False),
    Column("position", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    PrimaryKeyConstraint("article_id", "entity_position", "position"),
)

quotes = _child(
    "quotes",
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("kind", String, nullable=False),
    Column("speaker", Text),
    Column("speaker_start", Integer),
    Column("speaker_end", Integer),
    Column("speaker_entity", Text),
    Column("cue", Text),
    Column("cue_start", Integer),
    Column("cue_end", Integer),
    Column("medium", Text),
)

figures = _child(
    "figures",
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("value", Float),
    Column("low", Float),
    Column("high", Float),
    Column("bound", String, nullable=False),
    Column("trend", String),
    Column("unit", Text),
    Column("currency", String),
    Column("counts", Text),
    Column("vague", Text),
)

time_refs = _child(
    "time_refs",
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("value", Text, nullable=False),
    Column("granularity", String, nullable=False),
    Column("anchor", String),
)

_RECORDS: tuple[tuple[Table, str, type], ...] = ((quotes, "quotes", Quote), (figures, "figures", Figure),
                                                  (time_refs, "time_refs", TimeRef))


def insert_extractions(conn: Connection, articles: Sequence[Article]) -> None:
    """Write every article's entities, quotes, figures and time references."""
    entity_rows = [
        {"article_id": a.id, "position": i, "key": e.key, "name": e.name, "kind": e.kind,
         "aliases": json.dumps(e.aliases, ensure_ascii=False)}
        for a in articles for i, e in enumerate(a.entities)
    ]
    mention_rows = [
        {"article_id": a.id, "entity_position": i, "position": j, "start": m.start, "end": m.end}
        for a in articles for i, e in enumerate(a.entities) for j, m in enumerate(e.mentions)
    ]
    for table, rows in ((entities, entity_rows), (entity_mentions, mention_rows)):
        if rows:
            conn.execute(insert(table), rows)
    for table, attribute, _record in _RECORDS:
        rows = [
            {"article_id": a.id, "position": i, **item.to_dict()}
            for a in articles for i, item in enumerate(getattr(a, attribute))
        ]
        if rows:
            conn.execute(insert(table), rows)


def load_extractions(conn: Connection, ids: Sequence[str]) -> dict[str, dict[str, list[Any]]]:
    """For each article id: ``{"entities": [...], "quotes": [...], "figures": [...], "time_refs": [...]}``."""
    out: dict[str, dict[str, list[Any]]] = {i: {"entities": [], "quotes": [], "figures": [], "time_refs": []}
                                             for i in ids}
    for start in range(0, len(ids), _LOOKUP_CHUNK):
        chunk = list(ids[start : start + _LOOKUP_CHUNK])
        mentions: dict[tuple[str, int], list[Span]] = {}
        m = entity_mentions
        stmt = (select(m.c.article_id, m.c.entity_position, m.c.start, m.c.end).where(m.c.article_id.in_(chunk))
                .order_by(m.c.article_id, m.c.entity_position, m.c.position))
        for article_id, entity_position, start_, end in conn.execute(stmt):
            mentions.setdefault((article_id, entity_position), []).append(Span(start_, end))
        e = entities
        stmt = (select(e.c.article_id, e.c.position, e.c.key, e.c.name, e.c.kind, e.c.aliases)
                .where(e.c.article_id.in_(chunk)).order_by(e.c.article_id, e.c.position))
        for row in conn.execute(stmt):
            out[row.article_id]["entities"].append(Entity(row.key, row.name, row.kind, json.loads(row.aliases),
                                                          mentions.get((row.article_id, row.position), [])))
        _read_records(conn, chunk, out)
    return out


def attach_records(conn: Connection, articles: Sequence[Article]) -> None:
    """Set each article's quotes, figures and time references from the store (what
    ``load_extractions`` reads, without the entities and their mentions)."""
    ids = [a.id for a in articles]
    out: dict[str, dict[str, list[Any]]] = {i: {"quotes": [], "figures": [], "time_refs": []} for i in ids}
    for start in range(0, len(ids), _LOOKUP_CHUNK):
        _read_records(conn, ids[start : start + _LOOKUP_CHUNK], out)
    for a in articles:
        found = out[a.id]
        a.quotes, a.figures, a.time_refs = found["quotes"], found["figures"], found["time_refs"]


def _read_records(conn: Connection, chunk: list[str], out: dict[str, dict[str, list[Any]]]) -> None:
    """Append the quotes, figures and time references of the articles in ``chunk`` to ``out``."""
    for table, attribute, record in _RECORDS:
        # Columns in the record's field order, so that rows build records positionally
        # (a story page reads hundreds of these rows).
        columns = [table.c[f.name] for f in dataclass_fields(record)]
        stmt = (select(table.c.article_id, *columns).where(table.c.article_id.in_(chunk))
                .order_by(table.c.article_id, table.c.position))
        for article_id, *values in conn.execute(stmt).all():
            out[article_id][attribute].append(record(*values))
