"""The outlet-by-fact grid of a compared story (the report and the story page)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ...model import Article, Citation, Comparison, ConflictSide
from .names import outlet_label

__all__ = ["FACT_ROWS_SHOWN", "GridCell", "fact_grid", "outlet_columns"]

#: facts per story in the grid (disputed and corroborated first); a page shows at least
#: every shared fact
FACT_ROWS_SHOWN = 40
_STATUS_ORDER = {"disputed": 0, "corroborated": 1, "single-source": 2}


@dataclass(frozen=True)
class GridCell:
    """One cell of the outlet-by-fact grid: ``supported`` (``citation`` is the supporting
    span), ``stated`` (an opinion or blog column states it: ``citation`` is its span; it
    does not corroborate, so no ✓), ``conflicting`` (the column's account is one side of a conflict on this fact:
    ``citation`` and ``claim`` are that side's) or ``absent`` (the column does not report it)."""

    state: str
    citation: Citation | None = None
    claim: str | None = None


def outlet_columns(members: Sequence[Article]) -> list[tuple[dict[str, Any], list[str]]]:
    """One grid column per outlet and genre (an outlet's opinion pieces are a column of
    their own, labelled "Outlet (opinion)"), in the order the story's articles first name
    them: ``({"outlet": label, "articles": n, "genre": genre}, article ids)``."""
    ids: dict[str, list[str]] = {}
    genres: dict[str, str] = {}
    for a in members:
        label = outlet_label(a)
        ids.setdefault(label, []).append(a.id)
        genres[label] = a.genre
    return [({"outlet": label, "articles": len(found), "genre": genres[label]}, found) for label, found in ids.items()]


def fact_grid(comparison: Comparison, columns: Sequence[tuple[Any, Sequence[str]]],
              limit: int | None = None) -> dict[str, Any]:
    """The outlet-by-fact grid of a compared story.

    ``columns`` are ``(header, article ids)`` pairs (one per outlet); rows are the
    story's facts, disputed and corroborated first, at most ``limit`` of them (``hidden``
    says how many were left out; ``stated`` whether any cell is ``stated``). A cell is ``conflicting`` when one of its articles is
    cited on a side of a conflict that involves the fact, else ``supported`` when one of
    its articles supports the fact (``stated`` when the column is an opinion or blog
    column, whose articles never corroborate), else ``absent``."""
    sides: dict[str, dict[str, ConflictSide]] = {}
    for conflict in comparison.conflicts:
        for fact_id in conflict.fact_ids:
            for side in conflict.sides:
                if side.citation.article_id:
                    sides.setdefault(fact_id, {}).setdefault(side.citation.article_id, side)
    ordered = sorted(comparison.facts, key=lambda f: (_STATUS_ORDER.get(f.status, 3), -f.independent_sources))
    shown = ordered if limit is None else ordered[:limit]
    rows: list[dict[str, Any]] = []
    for fact in shown:
        cited = {c.article_id: c for c in fact.support}
        disputed = sides.get(fact.id, {})
        cells = []
        for header, ids in columns:
            other = next((disputed[i] for i in ids if i in disputed), None)
            support = next((cited[i] for i in ids if i in cited), None)
            news = not isinstance(header, dict) or header.get("genre", "news") == "news"
            if other is not None:
                cells.append(GridCell("conflicting", other.citation, other.claim))
            elif support is not None:
                cells.append(GridCell("supported" if news else "stated", support))
            else:
                cells.append(GridCell("absent"))
        rows.append({"fact": fact, "cells": cells})
    return {"columns": [header for header, _ids in columns], "rows": rows, "hidden": len(ordered) - len(shown),
            "stated": any(c.state == "stated" for row in rows for c in row["cells"])}
