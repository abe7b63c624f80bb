"""What each outlet alone reports, and which of the story's corroborated facts it leaves out.

Outlet names are those of ``Fact.outlets`` (the outlet, or the source's file name when
it is unknown). A fact "only in" an outlet rests on one independent source; a
republished agency copy reports the same account as its original, so a fact only the
agency group reports is listed under each of the group's outlets. Pure.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from storylens.compare.statements import outlet_name
from storylens.model import Article, Fact

__all__ = ["find_exclusives"]


def find_exclusives(articles: Sequence[Article], facts: Sequence[Fact]) -> dict[str, Any]:
    """``{"only_in": {outlet: [fact ids]}, "missing_from": {outlet: [fact ids]}}``, every
    outlet of the story a key of both (possibly with an empty list), fact ids in the
    order of ``facts``. Corroborated means ≥ 2 independent sources (disputed facts with
    ≥ 2 sources count too: the outlet leaves out a point others make)."""
    outlets = sorted({outlet_name(a) for a in articles})
    only_in: dict[str, list[str]] = {o: [] for o in outlets}
    missing: dict[str, list[str]] = {o: [] for o in outlets}
    for fact in facts:
        if fact.independent_sources <= 1:
            for o in fact.outlets:
                only_in.setdefault(o, []).append(fact.id)
        else:
            for o in outlets:
                if o not in fact.outlets:
                    missing[o].append(fact.id)
    return {"only_in": only_in, "missing_from": missing}
