"""A sentence cut into clauses that no other source shares is one single-source fact.

The alignment cuts a long sentence into clauses (``statements.statement_spans``) so that
one clause can agree with another outlet's sentence. Where none of a sentence's clauses
joined another article's statement, each clause would be listed as a claim of its own:
"citing the repairs finished by the divers over the weekend," read as a fragment with
no subject. Such a sentence is shown as the one claim it is: a
single-source fact citing the whole sentence.

A sentence is left cut where any of its clauses is in a fact of more than one citation
(the others are then what the outlet alone adds), is a side of a conflict or inside
one, or is a statement a later one supersedes (``status_updates``): those are read by
their clause. Run once the conflicts are found (they cite the clauses). Pure.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from storylens.compare.facts import fact_id
from storylens.compare.statements import statement_spans
from storylens.model import Article, Citation, Conflict, Fact

__all__ = ["join_unshared_clauses"]

_Location = tuple[str, str, int, int]


def join_unshared_clauses(facts: Sequence[Fact], articles: Sequence[Article], conflicts: Sequence[Conflict],
                          superseded: set[_Location]) -> list[Fact]:
    """``facts`` with the single-source facts of each sentence none of whose clauses is
    shared (see the module docstring) replaced, where the first of them stood, by one
    fact citing the sentence."""
    fact_at = {c.location: f for f in facts for c in f.support}
    sides: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for conflict in conflicts:
        for side in conflict.sides:
            if side.citation.field == "text":
                sides[side.citation.article_id].append((side.citation.start, side.citation.end))
    replaced: dict[str, Fact | None] = {}  # fact id -> the sentence fact where it stood, or None: dropped
    for article in articles:
        clauses: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)
        for start, end, s_start, s_end in statement_spans(article.text):
            clauses[(s_start, s_end)].append((start, end))
        for (s_start, s_end), cut in clauses.items():
            if len(cut) < 2 or any(s < s_end and s_start < e for s, e in sides[article.id]):
                continue
            locations = [(article.id, "text", s, e) for s, e in cut]
            mine = [f for loc in locations if (f := fact_at.get(loc)) is not None]
            if not mine or any(len(f.support) > 1 or f.status != "single-source" for f in mine) \
                    or any(loc in superseded for loc in locations):
                continue
            support = [Citation(article.id, s_start, s_end, article.text[s_start:s_end])]
            first = mine[0]
            replaced[first.id] = Fact(id=fact_id(support), statement=support[0].text, support=support,
                                      independent_sources=first.independent_sources, status="single-source",
                                      asserted_by=first.asserted_by, outlets=list(first.outlets))
            replaced.update({f.id: None for f in mine[1:]})
    out: list[Fact] = []
    for f in facts:
        if f.id not in replaced:
            out.append(f)
        elif (whole := replaced[f.id]) is not None:
            out.append(whole)
    return out
