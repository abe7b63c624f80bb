"""What no other source shares is shown whole: a sentence cut into clauses, or a
quotation of several sentences, is one single-source fact.

The alignment cuts a long sentence into clauses (``statements.statement_spans``) so that
one clause can agree with another outlet's sentence, and reads a quotation sentence by
sentence so that one of its sentences can agree with another outlet's. Where none of the
pieces joined another article's statement, each piece would be listed as a claim of its
own: "citing the repairs finished by the divers over the weekend," read as a fragment
with no subject, or 'That would be an honour," he said.' cut from the quotation it ends.
Such a sentence, and such a quotation with the sentences it runs over (one paragraph's
direct quotation: ``Article.quotes``, up to ``compare.joined_quotation_max_chars``), is
shown as the one claim it is: a single-source fact citing the whole span.

A span is left cut where any of its pieces is in a fact of more than one citation (the
others are then what the outlet alone adds), is a side of a conflict or inside one, or
is a statement a later one supersedes (``status_updates``): those are read piece by
piece. A quotation that cannot be joined still has each of its sentences joined where
that sentence can be. A single-source fact whose words a shared fact cites as they stand
("Nobody was in custody early Monday." in the fact that no arrest has been made) is no
claim of the outlet's alone: not listed again. Run once the conflicts are found (they
cite the pieces). Pure.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from storylens.compare.facts import fact_id
from storylens.compare.settings import current
from storylens.compare.statements import UNKNOWN_SPEAKER, statement_spans
from storylens.model import Article, Citation, Conflict, Fact

__all__ = ["join_unshared_pieces"]

_Location = tuple[str, str, int, int]
_Span = tuple[int, int]


def _quotation_runs(article: Article, sentences: Sequence[_Span]) -> list[list[_Span]]:
    """The sentences each direct quotation runs over, two or more within one paragraph,
    overlapping runs merged, in text order, each at most
    ``compare.joined_quotation_max_chars`` long (a longer one, or a page's worth an
    unclosed mark ran over, is read sentence by sentence)."""
    runs: list[list[_Span]] = []
    for q in sorted(article.quotes, key=lambda q: (q.start, q.end)):
        if q.kind != "direct":
            continue
        touched = [s for s in sentences if s[0] < q.end and q.start < s[1]]
        if len(touched) < 2 or "\n" in article.text[touched[0][0]:touched[-1][1]]:
            continue
        if runs and touched[0] <= runs[-1][-1]:
            runs[-1] = sorted(set(runs[-1]) | set(touched))
        else:
            runs.append(touched)
    longest = current().joined_quotation_max_chars
    return [run for run in runs if run[-1][1] - run[0][0] <= longest]


def join_unshared_pieces(facts: Sequence[Fact], articles: Sequence[Article], conflicts: Sequence[Conflict],
                         superseded: set[_Location]) -> list[Fact]:
    """``facts`` with the single-source facts of each sentence or quotation none of whose
    pieces is shared (see the module docstring) replaced, where the first of them stood,
    by one fact citing the whole span, and those a shared fact cites as they stand left
    out."""
    fact_at = {c.location: f for f in facts for c in f.support}
    sides: dict[str, list[_Span]] = defaultdict(list)
    for conflict in conflicts:
        for side in conflict.sides:
            if side.citation.field == "text":
                sides[side.citation.article_id].append((side.citation.start, side.citation.end))
    replaced: dict[str, Fact | None] = {}  # fact id -> the whole span's fact where it stood, or None: dropped

    def join(article: Article, span: _Span, pieces: list[_Span]) -> bool:
        start, end = span
        if len(pieces) < 2 or any(s < end and start < e for s, e in sides[article.id]):
            return False
        locations = [(article.id, "text", s, e) for s, e in pieces]
        mine = [f for loc in locations if (f := fact_at.get(loc)) is not None]
        if not mine or any(len(f.support) > 1 or f.status != "single-source" for f in mine) \
                or any(loc in superseded for loc in locations):
            return False
        support = [Citation(article.id, start, end, article.text[start:end])]
        first = mine[0]
        # a quotation is its speaker's, though its first sentence may be the outlet's own words
        # or name the speaker only by a pronoun: a named speaker, else any, else the outlet
        voices = [f.asserted_by for f in mine]
        voice = next((v for v in voices if v not in ("outlet", UNKNOWN_SPEAKER)),
                     next((v for v in voices if v != "outlet"), first.asserted_by))
        replaced[first.id] = Fact(id=fact_id(support), statement=support[0].text, support=support,
                                  independent_sources=first.independent_sources, status="single-source",
                                  asserted_by=voice, outlets=list(first.outlets))
        replaced.update({f.id: None for f in mine[1:]})
        return True

    for article in articles:
        clauses: dict[_Span, list[_Span]] = defaultdict(list)
        for start, end, s_start, s_end in statement_spans(article.text):
            clauses[(s_start, s_end)].append((start, end))
        in_run: set[_Span] = set()
        for run in _quotation_runs(article, list(clauses)):
            if join(article, (run[0][0], run[-1][1]), [c for s in run for c in clauses[s]]):
                in_run.update(run)
        for sentence, cut in clauses.items():
            if sentence not in in_run:
                join(article, sentence, cut)
    out: list[Fact] = []
    for f in facts:
        if f.id not in replaced:
            out.append(f)
        elif (whole := replaced[f.id]) is not None:
            out.append(whole)
    shared = {c.location for f in out if f.status != "single-source" for c in f.support}
    return [f for f in out if f.status != "single-source" or not all(c.location in shared for c in f.support)]
