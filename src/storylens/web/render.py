"""Jinja2 environment of the web pages.

Autoescape is on and StrictUndefined catches template typos. Article values go through
the HTML report's ``show`` / ``show_line`` filters (escape, then reveal hidden
characters); highlighted text is built by :mod:`storylens.web.highlight`, which escapes
every piece itself. No template uses ``|safe``.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from .. import __version__
from ..report.html_report import GridCell, diff_segments, safe_href, show, show_line
from ..store.listing import parse_time

__all__ = ["environment", "render", "page_url", "cites", "grid_cells", "grid_row", "show_short", "diff_words", "quote_variants", "row_links"]

logger = logging.getLogger(__name__)


def _when(value: str | None) -> str:
    """A stored ISO time as 'YYYY-MM-DD HH:MM +HH:MM' (its own offset), '' when unknown."""
    parsed = parse_time(value)
    if parsed is None:
        return ""
    return parsed.strftime("%Y-%m-%d %H:%M ") + (parsed.strftime("%z")[:3] + ":" + parsed.strftime("%z")[3:])


@lru_cache(maxsize=8192)
def _short_line(value: str) -> Markup:
    return show_line(value)


def show_short(value: object) -> Markup:
    """``show_line``, remembered for short strings (outlet names, statuses, labels repeat
    hundreds of times on a story page). Markup is immutable, so sharing it is safe."""
    if type(value) is str and len(value) <= 80:
        return _short_line(value)
    return show_line(value)


def cites(items: list[dict[str, Any]]) -> Markup:
    """Citation links, each opening its article at the exact span (``url``), labelled with
    the outlet. Built here rather than in a macro because a story page has hundreds; every
    value is escaped (``escape`` for the URL, ``show_line`` for text)."""
    links = []
    for c in items:
        outlet = c.get("outlet")
        label = (f'<span class="outlet" dir="auto">{show_short(outlet)}</span>' if outlet
                 else '<span class="outlet unknown">unknown outlet</span>')
        note = ' <span class="muted">(headline)</span>' if c.get("field") == "headline" else ""
        links.append(f'<a class="citation" href="{escape(c["url"])}">'
                     f"{label}{note}</a>")
    return Markup('<span class="cites">' + " · ".join(links) + "</span>")


def grid_cells(cells: list[GridCell]) -> Markup:
    """The cells of one row of the outlet-by-fact grid (a story page has hundreds): a
    supported or conflicting cell links to its span; a conflicting one shows its claim."""
    out = []
    for cell in cells:
        if cell.state == "supported" and cell.citation:
            out.append(f'<td class="cell supported"><a href="{escape(cell.citation["url"])}" '
                       'aria-label="reports it: open the passage">✓</a></td>')
        elif cell.state == "conflicting" and cell.citation:
            out.append(f'<td class="cell conflicting"><a href="{escape(cell.citation["url"])}" '
                       'aria-label="reports it differently: open the passage">⚠</a> '
                       f'<span class="claim" dir="auto">{show_line(cell.claim or "")}</span></td>')
        else:
            out.append('<td class="cell absent">—</td>')
    return Markup("".join(out))


def grid_row(number: int, row: dict[str, Any]) -> Markup:
    """One row of the outlet-by-fact grid (a ``fact_grid`` row): number, statement (with
    who asserts it when not the outlet), status, independent sources, then its cells."""
    fact = row["fact"]
    status = show_short(fact["status"])
    by = fact["asserted_by"]
    attribution = f' <span class="attribution">({show_short(by)})</span>' if by != "outlet" else ""
    return Markup(f'<tr class="status-{status}" id="{show_short(fact["id"])}"><td class="num">{number}</td>'
                  f'<td dir="auto">{show(fact["statement"])}{attribution}</td>\n'
                  f'<td><span class="tag">{status}</span> <span class="muted" title="independent sources">'
                  f'{escape(fact["independent_sources"])}</span></td>\n{grid_cells(row["cells"])}</tr>\n')


def diff_words(diff: list[dict[str, Any]]) -> Markup:
    """A quote variant's word diff (``diff_segments``) as escaped words, deletions in
    ``<del>`` and insertions in ``<ins>``, separated by spaces."""
    out = []
    for kind, words in diff_segments(diff):
        shown = show_short(words)
        out.append(f"<{kind}>{shown}</{kind}>" if kind in ("ins", "del") else str(shown))
    return Markup(" ".join(out))


def quote_variants(variants: list[dict[str, Any]]) -> Markup:
    """The list items of a quote group's variants: the first is the reference (its text),
    each other its fidelity and its word diff from the reference; each cited."""
    out = []
    for i, v in enumerate(variants):
        fidelity = show_short(v["fidelity"])
        words = (f'<q dir="auto">{show_short(v["citation"]["text"])}</q>' if i == 0
                 else f'<q class="diff" dir="auto">{diff_words(v["diff"])}</q>')
        out.append(f'<li><span class="tag fidelity-{fidelity}">{"reference" if i == 0 else fidelity}</span> '
                   f'{cites([v["citation"]])}:\n{words}</li>\n')
    return Markup("".join(out))


def row_links(rows: list[tuple[int, str]]) -> Markup:
    """Links to grid rows, ``(number, fact id)`` each: "3, 7, 12"."""
    return Markup(", ".join(f'<a href="#{show_short(fact_id)}">{n}</a>' for n, fact_id in rows))


def page_url(path: str, params: dict[str, Any]) -> str:
    """``path`` with the non-empty ``params`` as a query string (values are URL-encoded)."""
    kept = {k: v for k, v in params.items() if v not in (None, "", False)}
    return path + ("?" + urlencode(kept) if kept else "")


class _Environment(Environment):
    """Jinja's environment with ``value.key`` looking a dict's key up first (Jinja tries
    the attribute first, which for a dict fails with an exception: a story page does
    over a thousand such lookups). A key named like a dict method (``items``, ``get``)
    still gives the method, as in plain Jinja."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute in obj and not hasattr(dict, attribute):
            return obj[attribute]
        return super().getattr(obj, attribute)


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = _Environment(
        loader=PackageLoader("storylens.web", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["show"] = show
    env.filters["show_line"] = show_short
    env.filters["when"] = _when
    env.filters["pathseg"] = lambda value: quote(str(value), safe="")
    env.globals["safe_href"] = safe_href
    env.globals["quote_variants"] = quote_variants
    env.globals["row_links"] = row_links
    env.globals["cites"] = cites
    env.globals["grid_row"] = grid_row
    env.globals["page_url"] = page_url
    env.globals["version"] = __version__
    return env


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    template = environment().get_template(name)
    html = template.render(request_path=request.url.path, **context)
    return HTMLResponse(html, status_code=status_code)
