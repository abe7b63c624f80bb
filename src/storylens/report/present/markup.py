"""HTML builders for the parts a story shows hundreds of times (citations, grid rows,
quote diffs), shared by the report and the web app. Built in Python rather than in
macros for speed; every value is escaped (``escape`` for URLs and ids, ``show`` /
``show_short`` for text)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from markupsafe import Markup, escape

from ...compare.quote_variants import QuoteVariant
from ...model import Citation, Fact

from .escape import show, show_line, show_short
from .excerpt import as_excerpt
from .grid import GridCell
from .quotes import diff_segments, quote_pieces
from .view import LinkedCitation

__all__ = ["cites", "grid_cells", "grid_row", "diff_words", "diff_pieces", "quote_variants", "row_links"]


def _linked(cite: Citation) -> LinkedCitation:
    if not isinstance(cite, LinkedCitation):
        raise TypeError(f"citation of {cite.article_id} {cite.start}-{cite.end} is not linked (see link_citations)")
    return cite


def cites(items: Sequence[Citation]) -> Markup:
    """Citation links, each opening its article at the exact span (``url``), labelled with
    the outlet (``outlet``); the cited words are the link's tooltip."""
    links = []
    for cite in map(_linked, items):
        label = (f'<span class="outlet" dir="auto">{show_short(cite.outlet)}</span>' if cite.outlet
                 else '<span class="outlet unknown">unknown outlet</span>')
        note = ' <span class="muted">(headline)</span>' if cite.field == "headline" else ""
        links.append(f'<a class="citation" href="{escape(cite.url)}">'
                     f"{label}{note}</a>")
    return Markup('<span class="cites">' + " · ".join(links) + "</span>")


def grid_cells(cells: list[GridCell]) -> Markup:
    """The cells of one row of the outlet-by-fact grid: a supported, stated or conflicting
    cell links to its span; a conflicting one shows its claim."""
    out = []
    for cell in cells:
        if cell.state == "supported" and cell.citation:
            out.append(f'<td class="cell supported"><a href="{escape(_linked(cell.citation).url)}" '
                       'aria-label="reports it: open the passage">✓</a></td>')
        elif cell.state == "stated" and cell.citation:
            out.append(f'<td class="cell stated"><a href="{escape(_linked(cell.citation).url)}" '
                       'aria-label="states it (opinion or blog: does not corroborate): open the passage">○</a></td>')
        elif cell.state == "conflicting" and cell.citation:
            out.append(f'<td class="cell conflicting"><a href="{escape(_linked(cell.citation).url)}" '
                       'aria-label="reports it differently: open the passage">⚠</a> '
                       f'<span class="claim" dir="auto">{show_line(cell.claim or "")}</span></td>')
        else:
            out.append('<td class="cell absent">—</td>')
    return Markup("".join(out))


def grid_row(number: int, row: dict[str, Any]) -> Markup:
    """One row of the outlet-by-fact grid (a ``fact_grid`` row): number, statement (with
    who asserts it, ``row["who"]``, when not the outlet), status, independent sources,
    then its cells."""
    fact: Fact = row["fact"]
    status = show_short(fact.status)
    by = row["who"] if "who" in row else (fact.asserted_by if fact.asserted_by != "outlet" else None)
    attribution = f' <span class="attribution">({show_short(by)})</span>' if by else ""
    return Markup(f'<tr class="status-{status}" id="{show_short(fact.id)}"><td class="num">{number}</td>'
                  f'<td dir="auto">{show(as_excerpt(fact.statement))}{attribution}</td>\n'
                  f'<td><span class="tag">{status}</span> <span class="muted" title="independent sources">'
                  f'{escape(fact.independent_sources)}</span></td>\n{grid_cells(row["cells"])}</tr>\n')


def diff_words(diff: list[dict[str, Any]]) -> Markup:
    """A quote variant's word diff (``diff_segments``) as escaped words, deletions in
    ``<del>`` and insertions in ``<ins>``, separated by spaces."""
    out = []
    for kind, words in diff_segments(diff):
        shown = show_short(words)
        out.append(f"<{kind}>{shown}</{kind}>" if kind in ("ins", "del") else str(shown))
    return Markup(" ".join(out))


def diff_pieces(pieces: list[tuple[str, str]]) -> Markup:
    """``quote_pieces`` as escaped text, deletions in ``<del>`` and insertions in
    ``<ins>``; the spaces around a piece stay outside its tag."""
    out = []
    for kind, text in pieces:
        core = text.strip()
        lead, trail = text[:len(text) - len(text.lstrip())], text[len(text.rstrip()):]
        shown = str(show_line(core))
        out.append(lead + (f"<{kind}>{shown}</{kind}>" if kind in ("ins", "del") else shown) + trail)
    return Markup("".join(out).strip())


def quote_variants(variants: Sequence[QuoteVariant]) -> Markup:
    """The list items of a quote group's variants: the first is the reference (its text),
    each other its fidelity and its diff from the variant it was compared with, in its
    own words and punctuation; each cited."""
    out = []
    for i, v in enumerate(variants):
        fidelity = show_short(v.fidelity)
        against = v.against
        reference = variants[against] if 0 <= against < len(variants) else variants[0]
        words = (f'<q dir="auto">{show_line(v.citation.text)}</q>' if i == 0
                 else f'<q class="diff" dir="auto">{diff_pieces(quote_pieces(v, reference))}</q>')
        out.append(f'<li><span class="tag fidelity-{fidelity}">{"reference" if i == 0 else fidelity}</span> '
                   f'{cites([v.citation])}:\n{words}</li>\n')
    return Markup("".join(out))


def row_links(rows: list[tuple[int, str]]) -> Markup:
    """Links to grid rows, ``(number, fact id)`` each: "3, 7, 12"."""
    return Markup(", ".join(f'<a href="#{show_short(fact_id)}">{n}</a>' for n, fact_id in rows))
