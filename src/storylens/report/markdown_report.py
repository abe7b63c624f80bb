"""Write the report as Markdown (CommonMark / GitHub-flavoured).

Untrusted text is escaped so that it renders literally: every character that can start
emphasis, code, links, images, raw HTML, entities, tables, strikethrough, math or
headings is backslash-escaped, and line starts that would open a list, quote, heading,
thematic break or indented code block are neutralised. Hidden characters are shown as
``⟨U+XXXX⟩`` markers. (Renderers that autolink bare ``http(s)://`` / ``www.`` text
still make such text clickable; the link target is then exactly the text shown.)
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from .. import __version__
from ..model import Article, Story
from .json_report import Report, report_counts, reveal_hidden, single_line, source_name, write_text_atomic
from .markdown_story import comparison_lines
from .present.names import Names
from ..text import fold

__all__ = ["md_escape", "md_line", "render_markdown", "write_markdown"]

log = logging.getLogger(__name__)

_INLINE_ACTIVE = re.compile(r"([\\`*_\[\]<>&|~#$])")
# After inline escaping: list markers, setext underlines, ordered-list numbers.
_LINE_START = re.compile(r"^([-+=])|^(\d+)([.)])")


def md_escape(text: str | None) -> str:
    """Escape untrusted (possibly multi-line) text so Markdown shows it literally.

    Newlines inside the text become hard line breaks; blank lines are dropped so the
    text stays one Markdown block.
    """
    lines = []
    for raw in reveal_hidden(text or "").split("\n"):
        line = _INLINE_ACTIVE.sub(r"\\\1", raw.strip())
        if not line:
            continue
        line = _LINE_START.sub(lambda m: "\\" + m.group(1) if m.group(1) else m.group(2) + "\\" + m.group(3), line)
        lines.append(line)
    return "\\\n".join(lines)


def md_line(text: str | None) -> str:
    """Escape a one-line field: whitespace (including newlines) collapses to spaces."""
    return md_escape(single_line(text))


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _outlet(article: Article) -> str:
    outlet = single_line(article.outlet)
    if outlet:
        return md_line(outlet)
    return f"*unknown outlet* ({md_line(source_name(article.source))})"


def _headline(article: Article) -> str:
    return md_line(article.headline) or "*(no headline)*"


def _notes(article: Article, name: str) -> str:
    notes = []
    if name in article.explicit:
        notes.append(f"stated: {md_line(article.explicit[name])}")
    if name in article.inferred:
        notes.append(f"inferred: {md_line(article.inferred[name])}")
    return f" *({'; '.join(notes)})*" if notes else ""


def _article_lines(article: Article, number: int, names: Names) -> list[str]:
    out = [f"### {number}. {_headline(article)}", ""]
    outlet = _outlet(article) if not single_line(article.outlet) else f"**{_outlet(article)}**"
    out.append(f"{outlet}{_notes(article, 'outlet')}")
    out.append("")
    if "headline" in article.explicit or "headline" in article.inferred:
        out += [f"Headline{_notes(article, 'headline')}", ""]
    fields: list[tuple[str, str, str | None]] = [
        ("byline", "Byline", md_line(article.byline)),
        ("published", "Published", article.published.isoformat() if article.published else None),
        ("updated", "Updated", article.updated.isoformat() if article.updated else None),
        ("dateline", "Dateline", md_line(article.dateline)),
        ("language", "Language", md_line(article.language)),
        ("url", "URL", md_line(article.url)),
        ("credits", "Credits", " · ".join(md_line(c) for c in article.credits)),
        ("hashtags", "Hashtags", " · ".join(md_line(h) for h in article.hashtags)),
        ("feed_notice", "Feed notice", md_escape(article.feed_notice)),
    ]
    for name, label, value in fields:
        notes = _notes(article, name)
        if value or notes:
            out.append(f"- **{label}:** {value or '*none*'}{notes}")
    out.append(f"- **Source:** {md_line(article.source)}")
    out.append(f"- **ID:** {md_line(article.id)}")
    shown = {name for name, _, _ in fields} | {"headline", "outlet"}
    for kind, mapping in (("stated", article.explicit), ("inferred", article.inferred)):
        for name, how in sorted(mapping.items()):
            if name not in shown:
                out.append(f"- **{md_line(name)}** {kind}: {md_line(how)}")
    out.append("")
    paragraphs = [md_escape(p) for p in article.paragraphs]
    paragraphs = [p for p in paragraphs if p]
    for para in paragraphs or ["*(no body text)*"]:
        out += [para, ""]
    out += _extracted_lines(article, names)
    if article.removed:
        out += [f"#### Removed from the page ({_plural(len(article.removed), 'line')})", ""]
        for r in article.removed:
            where = f" (line {r.line + 1})" if r.line is not None else ""
            out.append(f"- *{md_line(r.reason)}*{where}: {md_line(r.text)}")
        out.append("")
    return out


def _extracted_lines(article: Article, names: Names) -> list[str]:
    """Quotes, figures and time references, each with its character span in ``text``;
    ``names``: the report's names for entity keys (whom a quote was given to)."""
    out: list[str] = []
    if article.quotes:
        out += [f"#### Quotes ({len(article.quotes)})", ""]
        for q in article.quotes:
            who = md_line(q.speaker) if q.speaker else "*unattributed*"
            # whom the speaker was resolved to, by name (no internal key on the page)
            resolved = names.name(q.speaker_entity) if q.speaker_entity else None
            named = resolved is not None and fold(resolved) in fold(q.speaker or "")
            entity = f" (= {md_line(resolved)})" if resolved and not named else ""
            how = " ".join(md_line(x) for x in (q.cue, f"({q.medium})" if q.medium else None) if x)
            out.append(f"- {who}{entity} {how} — {q.kind}: {md_line(q.text)} (chars {q.start}–{q.end})")
        out.append("")
    if article.figures:
        out += [f"#### Figures ({len(article.figures)})", ""]
        for f in article.figures:
            if f.low is not None or f.high is not None:
                value = f"{f.low}–{f.high}"
            elif f.value is not None:
                value = f"{'' if f.bound == '=' else f.bound + ' '}{f.value:,.10g}"
            else:
                value = md_line(f.vague or "vague")
            unit = f.currency or f.unit
            extra = [md_line(unit)] if unit else []
            if f.counts and f.counts != unit:  # what is counted, unless the unit says it
                extra.append(f"(counts {md_line(f.counts)})")
            if f.trend:
                extra.append(f"({md_line(f.trend)})")
            out.append(f"- {md_line(f.text)}: {' '.join([value, *extra])} (chars {f.start}–{f.end})")
        out.append("")
    if article.time_refs:
        out += [f"#### Time references ({len(article.time_refs)})", ""]
        for t in article.time_refs:
            anchor = md_line(t.anchor) if t.anchor else "no publication time"
            out.append(f"- {md_line(t.text)}: {md_line(t.value)} ({md_line(t.granularity)}, anchored on {anchor}; "
                       f"chars {t.start}–{t.end})")
        out.append("")
    return out


def _story_lines(story: Story, number: int, articles: dict[str, Article], ordered: list[Article]) -> list[str]:
    out = [f"### {number}. {md_line(story.title or '(untitled story)')}", "",
           f"{_plural(len(story.articles), 'article')}, {_plural(story.independent_sources, 'independent source')}",
           "", *comparison_lines(story, ordered, md_line), "#### Articles", ""]
    numbers = {a.id: i for i, a in enumerate(ordered, start=1)}
    for article_id in story.articles:
        article = articles.get(article_id)
        if article is None:
            out.append(f"- {md_line(article_id)}")
            continue
        notes = []
        if article.syndication_group:
            notes.append("agency copy")
        if article.duplicate_of:
            notes.append(f"duplicate of \\[{numbers.get(article.duplicate_of, '?')}\\]")
        extra = f" ({'; '.join(notes)})" if notes else ""
        out.append(f"- \\[{numbers[article_id]}\\] {_headline(article)} — {_outlet(article)}{extra}")
    for group in story.syndication_groups:
        agency = f" {md_line(group.agency)}" if group.agency else ""
        out.append(f"- Agency copy: {len(group.members)} articles carry one"
                   f"{agency} story and count as one source.")
    return out + [""]


def render_markdown(report: Report) -> str:
    """The Markdown report as a string."""
    counts = report_counts(report)
    out = ["# Storylens report", ""]
    out += [f"Generated {report.generated_at.isoformat()} by Storylens {__version__}.", ""]
    outlets = _plural(counts["outlets"], "outlet")
    if counts["articles_without_outlet"]:
        outlets += f" (+{_plural(counts['articles_without_outlet'], 'article')} with unknown outlet)"
    out += [
        f"- {_plural(counts['articles'], 'article')}",
        f"- {outlets}",
        f"- {_plural(counts['skipped'], 'skipped input')}",
        f"- {_plural(counts['removed_lines'], 'line')} removed from pages",
        "",
    ]
    if report.inputs:
        out += ["Inputs: " + ", ".join(md_line(i) for i in report.inputs), ""]
    out += ["## Contents", ""]
    for i, article in enumerate(report.articles, start=1):
        out.append(f"{i}. {_headline(article)} — {_outlet(article)}")
    if not report.articles:
        out.append("No articles.")
    out += ["", "## Stories", ""]
    if report.stories:
        by_id = {a.id: a for a in report.articles}
        for i, story in enumerate(report.stories, start=1):
            out += _story_lines(story, i, by_id, report.articles)
    else:
        out += ["No stories: there were no articles to group.", ""]
    out += ["## Articles", ""]
    names = Names.for_story(None, report.articles)  # a speaker linked to a name another article gives
    for i, article in enumerate(report.articles, start=1):
        out += _article_lines(article, i, names)
    out += ["## Skipped inputs", ""]
    for s in report.skipped:
        out.append(f"- {md_line(s.source)}: {md_line(s.reason)}")
    if not report.skipped:
        out.append("No inputs were skipped.")
    out.append("")
    out += [
        "---",
        "",
        "Dates are ISO 8601 with their UTC offset. Invisible and direction-changing characters "
        "are shown as ⟨U+XXXX⟩ markers; the JSON report keeps the text exactly as found.",
        "",
    ]
    return "\n".join(out)


def write_markdown(report: Report, path: Path | str) -> Path:
    """Write the Markdown report atomically; returns the path."""
    return write_text_atomic(Path(path), render_markdown(report))
