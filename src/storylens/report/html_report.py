"""Write the report as one self-contained, printable HTML file.

Safety: every value from an article is untrusted. The Jinja2 environment autoescapes
everything, no template uses ``|safe`` on article data, and the page carries a
Content-Security-Policy that forbids scripts and every network load. Links are made
only for ``http``/``https`` article URLs; anything else is shown as text.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from .. import __version__
from ..model import Article
from .json_report import (
    Report,
    hidden_char_label,
    report_counts,
    reveal_hidden,
    single_line,
    source_name,
    write_text_atomic,
)

__all__ = ["CSP", "render_html", "write_html", "show", "show_line", "safe_href", "fact_grid", "GridCell",
           "diff_segments", "cue_context", "citation_context", "FACT_ROWS_SHOWN"]

log = logging.getLogger(__name__)

#: No scripts, no fetches, no fonts, no frames; inline styles and data: images only.
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

_LANG_RE = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")
_NO_LINK_RE = re.compile(r"[\s\x00-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")


def _hidden_marker(char: str) -> str:
    return f'<span class="hc" title="{escape(hidden_char_label(char))}">⟨U+{ord(char):04X}⟩</span>'


def show(value: object) -> Markup:
    """Jinja filter: escape, then make hidden characters visible. Safe for any input."""
    if value is None:
        value = ""
    # Markup only comes from the template itself (already escaped); anything else is
    # treated as untrusted text.
    escaped = str(value) if isinstance(value, Markup) else str(escape(str(value)))
    return Markup(reveal_hidden(escaped, _hidden_marker))


def show_line(value: object) -> Markup:
    """Like :func:`show` for one-line fields: newlines and runs of spaces collapse."""
    return show(single_line("" if value is None else str(value)))


def safe_href(url: str | None) -> str | None:
    """The URL if it is a plain absolute http(s) URL, else None (shown as text only)."""
    if not url or _NO_LINK_RE.search(url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


@dataclass
class _Row:
    label: str
    value: str | None = None
    values: list[str] = field(default_factory=list)
    href: str | None = None
    notes: list[str] = field(default_factory=list)
    multiline: bool = False


@dataclass
class _ArticleView:
    article: Article
    anchor: str
    number: int
    outlet_label: str
    outlet_known: bool
    headline: str | None
    headline_note: str
    lang: str | None
    rows: list[_Row]
    other_note: str


# Field name in Article.inferred/explicit -> label shown, in display order.
_META_FIELDS: tuple[tuple[str, str], ...] = (
    ("outlet", "Outlet"),
    ("byline", "Byline"),
    ("published", "Published"),
    ("updated", "Updated"),
    ("dateline", "Dateline"),
    ("language", "Language"),
    ("url", "URL"),
    ("credits", "Credits"),
    ("hashtags", "Hashtags"),
    ("feed_notice", "Feed notice"),
)


def _notes(article: Article, name: str) -> list[str]:
    notes = []
    if name in article.explicit:
        notes.append(f"stated: {article.explicit[name]}")
    if name in article.inferred:
        notes.append(f"inferred: {article.inferred[name]}")
    return notes


def _view(article: Article, number: int) -> _ArticleView:
    values: dict[str, Any] = {
        "outlet": article.outlet,
        "byline": article.byline,
        "published": _iso(article.published),
        "updated": _iso(article.updated),
        "dateline": article.dateline,
        "language": article.language,
        "url": article.url,
        "credits": article.credits,
        "hashtags": article.hashtags,
        "feed_notice": article.feed_notice,
    }
    rows: list[_Row] = []
    for name, label in _META_FIELDS:
        value = values[name]
        notes = _notes(article, name)
        if not value and not notes:
            continue
        if isinstance(value, list):
            rows.append(_Row(label, values=[str(v) for v in value], notes=notes))
        else:
            href = safe_href(value) if name == "url" else None
            rows.append(_Row(label, value=value, href=href, notes=notes, multiline=name == "feed_notice"))
    rows.append(_Row("Source", value=article.source))
    rows.append(_Row("ID", value=article.id))
    shown = {name for name, _ in _META_FIELDS} | {"headline"}
    other = [
        f"{name} {kind}: {how}"
        for kind, mapping in (("stated", article.explicit), ("inferred", article.inferred))
        for name, how in sorted(mapping.items())
        if name not in shown
    ]
    language = article.language or ""
    return _ArticleView(
        article=article,
        anchor=f"article-{article.id}",
        number=number,
        outlet_label=single_line(article.outlet) or f"unknown outlet ({source_name(article.source)})",
        outlet_known=bool(single_line(article.outlet)),
        headline=single_line(article.headline) or None,
        headline_note="; ".join(_notes(article, "headline")),
        lang=language if _LANG_RE.match(language) else None,
        rows=rows,
        other_note="; ".join(other),
    )


@lru_cache(maxsize=1)
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("storylens.report", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["show"] = show
    env.filters["show_line"] = show_line
    env.globals["diff_segments"] = diff_segments
    env.globals["citation_context"] = citation_context
    return env


def _report_grid(story: dict[str, Any], views: dict[str, _ArticleView]) -> dict[str, Any]:
    """The report's grid: one column per member article (its outlet as the header)."""
    columns = [(views[i], [i]) for i in story.get("articles") or [] if i in views]
    return fact_grid(story, columns, FACT_ROWS_SHOWN)


FACT_ROWS_SHOWN = 40  # facts per story in the report's outlet-by-fact grid (disputed and corroborated first)
_STATUS_ORDER = {"disputed": 0, "corroborated": 1, "single-source": 2}


@dataclass(frozen=True)
class GridCell:
    """One cell of the outlet-by-fact grid: ``supported`` (``citation`` is the supporting
    span), ``conflicting`` (the column's account is one side of a conflict on this fact:
    ``citation`` and ``claim`` are that side's) or ``absent`` (the column does not report it)."""

    state: str
    citation: dict[str, Any] | None = None
    claim: str | None = None


def fact_grid(story: dict[str, Any], columns: Sequence[tuple[Any, Sequence[str]]],
              limit: int | None = None) -> dict[str, Any]:
    """The outlet-by-fact grid of a compared story, shared by the HTML report and the web app.

    ``columns`` are ``(header, article ids)`` pairs (one per article in the report, one per
    outlet on the web); rows are the story's facts, disputed and corroborated first, at
    most ``limit`` of them (``hidden`` says how many were left out). A cell is
    ``conflicting`` when one of its articles is cited on a side of a conflict that
    involves the fact, else ``supported`` when one of its articles supports the fact,
    else ``absent``."""
    sides: dict[str, dict[str, dict[str, Any]]] = {}
    for conflict in story.get("conflicts") or []:
        for fact_id in conflict.get("fact_ids") or []:
            for side in conflict.get("sides") or []:
                cite = side.get("citation") or {}
                if cite.get("article_id"):
                    sides.setdefault(fact_id, {}).setdefault(cite["article_id"], side)
    ordered = sorted(story.get("facts") or [], key=lambda f: (_STATUS_ORDER.get(f["status"], 3),
                                                              -f["independent_sources"]))
    shown = ordered if limit is None else ordered[:limit]
    rows = []
    for fact in shown:
        cited = {c["article_id"]: c for c in fact.get("support") or []}
        disputed = sides.get(fact["id"], {})
        cells = []
        for _header, ids in columns:
            side = next((disputed[i] for i in ids if i in disputed), None)
            support = next((cited[i] for i in ids if i in cited), None)
            if side is not None:
                cells.append(GridCell("conflicting", side["citation"], side.get("claim")))
            elif support is not None:
                cells.append(GridCell("supported", support))
            else:
                cells.append(GridCell("absent"))
        rows.append({"fact": fact, "cells": cells})
    return {"columns": [header for header, _ids in columns], "rows": rows, "hidden": len(ordered) - len(shown)}


def diff_segments(diff: Sequence[dict[str, Any]]) -> list[tuple[str, str]]:
    """A quote variant's word diff as ``(kind, words)`` pieces to show in order: ``equal``
    (in both), ``del`` (in the reference only), ``ins`` (in this variant only); a
    replacement is a ``del`` followed by an ``ins``. The caller escapes the words."""
    out: list[tuple[str, str]] = []
    for op in diff:
        ref, variant = " ".join(op.get("ref") or []), " ".join(op.get("variant") or [])
        kind = op.get("op")
        if kind == "equal":
            out.append(("equal", variant))
        elif kind == "insert":
            out.append(("ins", variant))
        elif kind == "delete":
            out.append(("del", ref))
        else:
            out += [("del", ref), ("ins", variant)]
    return [(k, w) for k, w in out if w]


_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+|\n")


def cue_context(text: str, start: int, end: int, width: int = 160) -> tuple[str, str, str]:
    """The cue ``text[start:end]`` with the rest of its sentence around it, each side cut at
    ``width`` characters ('…' where cut): ``(before, cue, after)``, unescaped."""
    lo = max(0, start - width)
    breaks = [m.end() for m in _SENTENCE_BREAK.finditer(text, lo, start)]
    left = breaks[-1] if breaks else lo
    following = _SENTENCE_BREAK.search(text, end, min(len(text), end + width))
    right = following.start() if following else min(len(text), end + width)
    before = ("…" if left == lo and lo > 0 else "") + text[left:start]
    after = text[end:right] + ("…" if not following and right < len(text) else "")
    return before, text[start:end], after


def citation_context(cite: dict[str, Any], article: Article | None) -> tuple[str, str, str] | None:
    """:func:`cue_context` of a citation in its article (headline or text, per its
    ``field``); None when the article is unknown or the span no longer matches it."""
    if article is None:
        return None
    text = (article.headline or "") if cite.get("field") == "headline" else article.text
    start, end = cite.get("start", -1), cite.get("end", -1)
    if not 0 <= start < end <= len(text) or text[start:end] != cite.get("text"):
        return None
    return cue_context(text, start, end)


def render_html(report: Report) -> str:
    """The HTML report as a string."""
    template = _environment().get_template("report.html.j2")
    views = [_view(a, i) for i, a in enumerate(report.articles, start=1)]
    return template.render(
        version=__version__,
        generated_at=report.generated_at.isoformat(),
        counts=report_counts(report),
        inputs=report.inputs,
        articles=views,
        article_views={v.article.id: v for v in views},
        skipped=report.skipped,
        stories=report.stories,
        grids={s["id"]: _report_grid(s, {v.article.id: v for v in views}) for s in report.stories},
        csp=CSP,
    )


def write_html(report: Report, path: Path | str) -> Path:
    """Write the self-contained HTML report atomically; returns the path."""
    return write_text_atomic(Path(path), render_html(report))
