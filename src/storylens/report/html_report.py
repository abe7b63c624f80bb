"""Write the report as one self-contained, printable HTML file.

Safety: every value from an article is untrusted. The Jinja2 environment autoescapes
everything, no template uses ``|safe`` on article data, and the page carries a
Content-Security-Policy that forbids scripts and every network load. Links are made
only for ``http``/``https`` article URLs; anything else is shown as text.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment
from markupsafe import Markup, escape

from .. import __version__
from ..model import Article, Citation, Comparison, Story
from .json_report import Report, report_counts, single_line, source_name, write_text_atomic
from .present import (
    FACT_ROWS_SHOWN,
    GridCell,
    Names,
    citation_context,
    comparison_view,
    cue_context,
    diff_segments,
    fact_grid,
    iter_citations,
    link_citations,
    make_environment,
    genre_suffix,
    outlet_label,
    safe_href,
    show,
    show_line,
)

# show, show_line, safe_href, fact_grid, GridCell, diff_segments, cue_context,
# citation_context and FACT_ROWS_SHOWN live in storylens.report.present; re-exported here.
__all__ = ["CSP", "render_html", "write_html", "show", "show_line", "safe_href", "fact_grid", "GridCell",
           "diff_segments", "cue_context", "citation_context", "FACT_ROWS_SHOWN"]

log = logging.getLogger(__name__)

#: No scripts, no fetches, no fonts, no frames; inline styles and data: images only.
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

_LANG_RE = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")


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
        outlet_label=(single_line(article.outlet) or f"unknown outlet ({source_name(article.source)})")
        + genre_suffix(article.genre),
        outlet_known=bool(single_line(article.outlet)),
        headline=single_line(article.headline) or None,
        headline_note="; ".join(_notes(article, "headline")),
        lang=language if _LANG_RE.match(language) else None,
        rows=rows,
        other_note="; ".join(other),
    )


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return make_environment("storylens.report")


def _span_id(cite: Citation) -> str:
    return f"c-{cite.article_id}-{cite.start}-{cite.end}"


def _cite_url(cite: Citation) -> str:
    """A text citation opens its span in the article's body; a headline one the article."""
    if cite.field == "text":
        return "#" + _span_id(cite)
    return f"#article-{cite.article_id}"


def _story_view(story: Story, linked: Comparison | None, articles: dict[str, Article]) -> dict[str, Any] | None:
    """The story's comparison (``linked``: its citations linked to their spans in this
    file) arranged by the shared presentation layer; None when there is nothing to show."""
    c = linked
    if c is None or not (c.facts or c.conflicts or c.quote_variants or c.timeline or c.framing or c.brief):
        return None
    members = [articles[i] for i in story.articles if i in articles]
    return comparison_view(c, members, Names.for_story(c, members, story))


def _anchored_bodies(report: Report, comparisons: Iterable[Comparison]) -> dict[str, list[Markup]]:
    """Each cited article's paragraphs with an anchor where every cited span starts, so a
    citation opens the passage it cites. Articles whose text is not their paragraphs
    joined (never seen) keep plain paragraphs."""
    starts: dict[str, dict[int, list[str]]] = {}
    for comparison in comparisons:
        for cite in iter_citations(comparison):
            if cite.field == "text":
                ids = starts.setdefault(cite.article_id, {}).setdefault(cite.start, [])
                if _span_id(cite) not in ids:
                    ids.append(_span_id(cite))
    out = {}
    for article in report.articles:
        marks = starts.get(article.id)
        if marks and "\n\n".join(article.paragraphs) == article.text:
            out[article.id] = _anchored(article.text, marks)
    return out


def _anchored(text: str, marks: dict[int, list[str]]) -> list[Markup]:
    """The text's paragraphs (split at blank lines), escaped, with the anchors of
    ``marks`` (offset -> element ids) placed where their spans start."""
    out = []
    pos = 0
    for para in text.split("\n\n"):
        end = pos + len(para)
        pieces, last = [], pos
        for i in sorted(k for k in marks if pos <= k < end):
            pieces.append(str(show(text[last:i])))
            pieces += [f'<span class="anchor" id="{escape(a)}"></span>' for a in marks[i]]
            last = i
        pieces.append(str(show(text[last:end])))
        out.append(Markup("".join(pieces)))
        pos = end + 2
    return out


def render_html(report: Report) -> str:
    """The HTML report as a string."""
    template = _environment().get_template("report.html.j2")
    views = [_view(a, i) for i, a in enumerate(report.articles, start=1)]
    articles = {a.id: a for a in report.articles}
    labels = {a.id: outlet_label(a) for a in report.articles}
    linked = {s.id: link_citations(s.comparison, labels, _cite_url) for s in report.stories
              if s.comparison is not None}
    return template.render(
        version=__version__,
        generated_at=report.generated_at.isoformat(),
        counts=report_counts(report),
        inputs=report.inputs,
        articles=views,
        article_views={v.article.id: v for v in views},
        skipped=report.skipped,
        stories=report.stories,
        comparisons={s.id: _story_view(s, linked.get(s.id), articles) for s in report.stories},
        bodies=_anchored_bodies(report, linked.values()),
        csp=CSP,
    )


def write_html(report: Report, path: Path | str) -> Path:
    """Write the self-contained HTML report atomically; returns the path."""
    return write_text_atomic(Path(path), render_html(report))
