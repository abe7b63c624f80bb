"""What the compare stage found for each story, stored so that `storylens show`, the web
app and exports read it without recomputing.

Plain tables for what people query (``facts``, ``fact_support``, ``conflicts``) and one
row per remaining section (``story_sections``: quote variants, exclusives, framing,
timeline, brief, hashtags, entity links as JSON). A ``Comparison`` is written and read
back through ``storylens.serialise``, so a comparison stored by an older version (a
section or a field missing) loads with the defaults. Replacing a story's comparison deletes and writes
all of its rows inside the caller's transaction, so a rerun replaces the previous
results atomically.
"""

from __future__ import annotations

import json
from typing import Any

from collections.abc import Iterable

from sqlalchemy import Column, Connection, Integer, PrimaryKeyConstraint, String, Table, Text, delete, insert, select

from ..model import Comparison
from ..serialise import comparison_from_dict, comparison_to_dict
from .schema import metadata

__all__ = ["facts", "fact_support", "conflicts", "story_sections", "replace_comparison", "load_comparison"]

#: The sections kept in tables of their own; every other one is a ``story_sections`` row.
_TABLE_SECTIONS = ("facts", "conflicts")

facts = Table(
    "facts",
    metadata,
    Column("story_id", String, nullable=False),
    Column("position", Integer, nullable=False),
    Column("fact_id", String, nullable=False),
    Column("statement", Text, nullable=False),
    Column("status", String, nullable=False),
    Column("independent_sources", Integer, nullable=False),
    Column("asserted_by", Text, nullable=False),
    Column("outlets", Text, nullable=False),  # JSON array
    PrimaryKeyConstraint("story_id", "position"),
)

fact_support = Table(
    "fact_support",
    metadata,
    Column("story_id", String, nullable=False),
    Column("fact_position", Integer, nullable=False),
    Column("position", Integer, nullable=False),
    Column("article_id", String, nullable=False),
    Column("field", String, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    PrimaryKeyConstraint("story_id", "fact_position", "position"),
)

conflicts = Table(
    "conflicts",
    metadata,
    Column("story_id", String, nullable=False),
    Column("position", Integer, nullable=False),
    Column("conflict_id", String, nullable=False),
    Column("kind", String, nullable=False),
    Column("about", Text, nullable=False),
    Column("sides", Text, nullable=False),  # JSON array of sides with citations
    Column("fact_ids", Text, nullable=False),  # JSON array
    PrimaryKeyConstraint("story_id", "position"),
)

story_sections = Table(
    "story_sections",
    metadata,
    Column("story_id", String, nullable=False),
    Column("section", String, nullable=False),
    Column("content", Text, nullable=False),  # JSON
    PrimaryKeyConstraint("story_id", "section"),
)

_TABLES = (facts, fact_support, conflicts, story_sections)


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def replace_comparison(conn: Connection, story_id: str, record: Comparison) -> None:
    """Store ``record`` as the story's only comparison."""
    comparison = comparison_to_dict(record)
    for table in _TABLES:
        conn.execute(delete(table).where(table.c.story_id == story_id))
    fact_rows, support_rows = [], []
    for i, fact in enumerate(comparison["facts"]):
        fact_rows.append({"story_id": story_id, "position": i, "fact_id": fact["id"], "statement": fact["statement"],
                          "status": fact["status"], "independent_sources": fact["independent_sources"],
                          "asserted_by": fact["asserted_by"], "outlets": _dumps(fact["outlets"])})
        for j, cite in enumerate(fact["support"]):
            support_rows.append({"story_id": story_id, "fact_position": i, "position": j,
                                 "article_id": cite["article_id"], "field": cite.get("field", "text"),
                                 "start": cite["start"], "end": cite["end"], "text": cite["text"]})
    conflict_rows = [
        {"story_id": story_id, "position": i, "conflict_id": c["id"], "kind": c["kind"], "about": c["about"],
         "sides": _dumps(c["sides"]), "fact_ids": _dumps(c["fact_ids"])}
        for i, c in enumerate(comparison["conflicts"])
    ]
    section_rows = [{"story_id": story_id, "section": name, "content": _dumps(value)}
                    for name, value in comparison.items() if name not in _TABLE_SECTIONS]
    for table, rows in ((facts, fact_rows), (fact_support, support_rows), (conflicts, conflict_rows),
                        (story_sections, section_rows)):
        if rows:
            conn.execute(insert(table), rows)


def compared_story_ids(conn: Connection) -> set[str]:
    """Ids of the stories that have a stored comparison."""
    return {r[0] for r in conn.execute(select(story_sections.c.story_id).distinct())}


def delete_comparisons(conn: Connection, story_ids: Iterable[str]) -> None:
    """Delete the stored comparisons of these stories (e.g. stories that no longer exist)."""
    ids = list(story_ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        for table in _TABLES:
            conn.execute(delete(table).where(table.c.story_id.in_(chunk)))


def load_comparison(conn: Connection, story_id: str) -> Comparison | None:
    """The stored comparison of a story, or None."""
    sections = {r.section: json.loads(r.content)
                for r in conn.execute(select(story_sections).where(story_sections.c.story_id == story_id)).all()}
    fact_list = conn.execute(select(facts).where(facts.c.story_id == story_id).order_by(facts.c.position)).all()
    if not sections and not fact_list:
        return None
    support: dict[int, list[dict[str, Any]]] = {}
    stmt = select(fact_support).where(fact_support.c.story_id == story_id)
    for r in conn.execute(stmt.order_by(fact_support.c.fact_position, fact_support.c.position)).all():
        cite = {"article_id": r.article_id, "start": r.start, "end": r.end, "text": r.text}
        if r.field != "text":
            cite["field"] = r.field
        support.setdefault(r.fact_position, []).append(cite)
    out: dict[str, Any] = {
        "facts": [{"id": r.fact_id, "statement": r.statement, "support": support.get(r.position, []),
                   "independent_sources": r.independent_sources, "status": r.status,
                   "asserted_by": r.asserted_by, "outlets": json.loads(r.outlets)} for r in fact_list],
        "conflicts": [{"id": r.conflict_id, "kind": r.kind, "about": r.about, "sides": json.loads(r.sides),
                       "fact_ids": json.loads(r.fact_ids)}
                      for r in conn.execute(select(conflicts).where(conflicts.c.story_id == story_id)
                                            .order_by(conflicts.c.position)).all()],
    }
    out.update(sections)
    return comparison_from_dict(out)
