"""Article text as HTML with entity mentions, quotes, figures, time references and a
cited span highlighted, built from the spans on the server.

The text is cut at every span boundary and at every paragraph break; each piece is
escaped (and its hidden characters revealed) on its own and wrapped in one ``<mark>``
whose classes name every annotation covering it. Nothing from the article is ever
inserted as markup, and overlapping spans cannot produce badly nested tags.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from markupsafe import Markup

from ..model import Article
from ..report.present import show
from ..store import SNIPPET_END, SNIPPET_START

__all__ = ["Mark", "article_marks", "highlight_article", "highlight_snippet", "snippet_text"]

logger = logging.getLogger(__name__)

_PARAGRAPH_BREAK = "\n\n"


@dataclass(frozen=True)
class Mark:
    """One annotation: ``kind`` is ``ent``, ``quote``, ``fig``, ``time`` or ``cite``;
    ``anchor`` is the element id put on its first piece (e.g. ``q-3``); ``label`` the
    tooltip."""

    start: int
    end: int
    kind: str
    anchor: str
    label: str


def _fmt_number(value: float | None) -> str:
    if value is None:
        return "?"
    return f"{value:g}" if value != int(value) or abs(value) >= 1e15 else f"{int(value):,}"


def article_marks(article: Article) -> list[Mark]:
    """Every annotation of the article whose span lies inside its text."""
    marks: list[Mark] = []
    for i, e in enumerate(article.entities):
        for j, m in enumerate(e.mentions):
            marks.append(Mark(m.start, m.end, "ent", f"e-{i}-{j}", f"{e.kind}: {e.name}"))
    for i, q in enumerate(article.quotes):
        who = q.speaker or "unattributed"
        marks.append(Mark(q.start, q.end, "quote", f"q-{i}", f"{q.kind} quote, {who}"))
    for i, f in enumerate(article.figures):
        value = (f"{_fmt_number(f.low)}–{_fmt_number(f.high)}" if f.low is not None or f.high is not None
                 else _fmt_number(f.value) if f.value is not None else (f.vague or "vague"))
        parts = [f"figure {f.bound if f.bound != '=' else ''}{value}".rstrip()]
        parts += [p for p in (f.currency, f.unit, f.counts) if p]
        marks.append(Mark(f.start, f.end, "fig", f"f-{i}", " ".join(parts)))
    for i, t in enumerate(article.time_refs):
        marks.append(Mark(t.start, t.end, "time", f"t-{i}", f"time {t.value} ({t.granularity})"))
    n = len(article.text)
    kept = [m for m in marks if 0 <= m.start < m.end <= n]
    if len(kept) != len(marks):
        logger.warning("article %s: %d spans outside its text ignored", article.id, len(marks) - len(kept))
    return kept


def _piece(text: str, kinds: list[Mark], anchors: list[str]) -> Markup:
    body = show(text)
    if not kinds:
        return body
    classes = " ".join(sorted({m.kind for m in kinds}))
    title = "; ".join(dict.fromkeys(m.label for m in kinds))
    ids = Markup("").join(Markup('<span class="anchor" id="{}"></span>').format(a) for a in anchors)
    return Markup('{}<mark class="{}" title="{}">{}</mark>').format(ids, classes, title, body)


def highlight_article(text: str, marks: list[Mark]) -> list[Markup]:
    """The text's paragraphs as HTML fragments (one per paragraph, without ``<p>``)."""
    cuts = {0, len(text)}
    for m in marks:
        cuts.update((m.start, m.end))
    pos = text.find(_PARAGRAPH_BREAK)
    breaks: list[int] = []
    while pos != -1:
        breaks.append(pos)
        cuts.update((pos, pos + len(_PARAGRAPH_BREAK)))
        pos = text.find(_PARAGRAPH_BREAK, pos + len(_PARAGRAPH_BREAK))
    break_at = set(breaks)
    starts: dict[int, list[str]] = {}
    for m in marks:
        starts.setdefault(m.start, []).append(m.anchor)
    ordered = sorted(cuts)
    paragraphs: list[Markup] = []
    current: list[Markup] = []
    pending: list[str] = []
    for a, b in zip(ordered, ordered[1:]):
        pending.extend(starts.get(a, []))
        if a in break_at:
            paragraphs.append(Markup("").join(current))
            current = []
            continue  # the break itself is the paragraph boundary
        active = [m for m in marks if m.start <= a and b <= m.end]
        current.append(_piece(text[a:b], active, pending))
        pending = []
    if current or not paragraphs:
        paragraphs.append(Markup("").join(current))
    return paragraphs


def _split_snippet(snippet: str) -> list[tuple[str, bool]]:
    """The snippet as (text, matched) pieces; stray or nested markers are dropped."""
    pieces: list[tuple[str, bool]] = []
    buf: list[str] = []
    inside = False
    for ch in snippet:
        if ch in (SNIPPET_START, SNIPPET_END):
            if buf:
                pieces.append(("".join(buf), inside))
                buf = []
            inside = ch == SNIPPET_START
        else:
            buf.append(ch)
    if buf:
        pieces.append(("".join(buf), inside))
    return pieces


def highlight_snippet(snippet: str) -> Markup:
    """A search snippet as HTML: every piece escaped, matched terms in ``<mark>``."""
    return Markup("").join(
        Markup('<mark class="hit">{}</mark>').format(show(t)) if hit else show(t)
        for t, hit in _split_snippet(snippet)
    )


def snippet_text(snippet: str) -> tuple[str, list[tuple[int, int]]]:
    """The snippet without markers, and the (start, end) of each matched piece in it."""
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    for t, hit in _split_snippet(snippet):
        if hit:
            spans.append((pos, pos + len(t)))
        out.append(t)
        pos += len(t)
    return "".join(out), spans
