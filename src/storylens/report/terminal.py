"""A short rich summary of a run for the terminal.

Untrusted text is only ever put into ``rich.text.Text`` objects (never parsed as
markup), after control characters, escape sequences and direction overrides have been
replaced by visible ``⟨U+XXXX⟩`` markers, so a headline cannot style, move or
overwrite the terminal.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..model import Citation, Comparison, Story
from .json_report import Report, report_counts, reveal_hidden, single_line, source_name
from .present import Names, disputes, updated_articles

__all__ = ["print_summary", "print_story", "MAX_ARTICLE_ROWS", "MAX_SKIPPED_ROWS"]

log = logging.getLogger(__name__)

#: Rows of the article table before "and N more"; the full list is in the reports.
MAX_ARTICLE_ROWS = 30
MAX_SKIPPED_ROWS = 10
_HEADLINE_WIDTH = 70
_OUTLET_WIDTH = 30
_DATE_WIDTH = 10


def _safe(text: str | None) -> str:
    return reveal_hidden(single_line(text))


def _truncate(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def print_summary(
    report: Report,
    console: Console,
    paths: Mapping[str, Path],
    *,
    max_articles: int = MAX_ARTICLE_ROWS,
    max_skipped: int = MAX_SKIPPED_ROWS,
) -> None:
    """Print counts, an article table, skipped inputs and the written report paths.

    ``paths`` maps a label (``"json"``, ``"html"``, ...) to the file written.
    """
    counts = report_counts(report)
    summary = Text()
    summary.append(_plural(counts["articles"], "article"), style="bold")
    summary.append(" from ")
    summary.append(_plural(counts["outlets"], "outlet"), style="bold")
    if counts["articles_without_outlet"]:
        summary.append(f" (+{counts['articles_without_outlet']} with unknown outlet)")
    summary.append(", ")
    summary.append(_plural(counts["skipped"], "skipped input"), style="bold" if counts["skipped"] else "")
    summary.append(f", {_plural(counts['removed_lines'], 'line')} removed from pages")
    console.print(summary)

    if report.articles:
        shown = report.articles[:max_articles]
        outlets = [
            _safe(a.outlet) if single_line(a.outlet) else f"unknown ({_safe(source_name(a.source))})" for a in shown
        ]
        # Fixed widths that fit the console, so that rich never has to squeeze a column.
        spare = console.width - _DATE_WIDTH - 4  # two gaps of two spaces
        outlet_width = min(_OUTLET_WIDTH, max(len("Outlet"), *(len(o) for o in outlets)), max(8, spare - 20))
        headline_width = max(12, min(_HEADLINE_WIDTH, spare - outlet_width))
        table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
        table.add_column("Outlet", no_wrap=True, width=outlet_width)
        table.add_column("Published", no_wrap=True, width=_DATE_WIDTH)
        table.add_column("Headline", no_wrap=True, width=headline_width)
        for article, outlet in zip(shown, outlets):
            published = article.published.date().isoformat() if article.published else "—"
            headline = _safe(article.headline)
            table.add_row(
                Text(_truncate(outlet, outlet_width), style="" if single_line(article.outlet) else "dim italic"),
                Text(published, style="" if article.published else "dim"),
                Text(_truncate(headline, headline_width)) if headline else Text("(no headline)", style="dim"),
            )
        console.print(table)
        hidden = len(report.articles) - max_articles
        if hidden > 0:
            console.print(Text(f"… and {hidden} more (see the HTML or Markdown report)", style="dim"))

    if report.skipped:
        console.print(Text(f"Skipped ({len(report.skipped)}):", style="bold yellow"))
        for item in report.skipped[:max_skipped]:
            line = Text("  ")
            line.append(_safe(item.source))
            line.append(": ", style="dim")
            line.append(_safe(item.reason))
            console.print(line)
        more = len(report.skipped) - max_skipped
        if more > 0:
            console.print(Text(f"  and {more} more (listed in the reports)", style="dim"))

    if paths:
        console.print(Text("Reports written:", style="bold"))
        for label, path in paths.items():
            line = Text(f"  {_safe(label)}: ")
            line.append(_safe(str(path)), style="cyan")
            console.print(line)
    log.debug("printed summary of %d articles", len(report.articles))


def print_story(console: Console, story: Story, comparison: Comparison | None, sources: dict[str, str],
                facts_only_counts: bool = False) -> None:
    """One story for the terminal: the disputed points (each once, its sides with who makes
    them and their sources), the brief and the facts by status. ``comparison`` is the
    story's (None when it has none). ``sources`` maps article ids to the outlet (or file)
    name shown in citations. ``facts_only_counts`` keeps the brief to its first lines (the
    report has the rest)."""

    def cited(citations: Sequence[Citation]) -> str:
        names = sorted({sources.get(c.article_id, c.article_id) for c in citations})
        return f" [{', '.join(names)}]"

    console.print(Text(story.title or story.id, style="bold"))
    console.print(Text(f"{len(story.articles)} articles, {story.independent_sources} independent sources, "
                       f"outlets: {', '.join(story.outlets) or '-'} · {story.id}", style="dim"))
    updated = updated_articles(story, sources)
    if updated:
        console.print(Text(f"\nUpdated ({len(updated)}): fetched again with changed text; the latest version is "
                           "compared, older ones are kept", style="bold"))
        for item in updated:
            line = Text("• ")
            line.append(_safe(item["label"]))
            line.append(f" — version {_safe(str(item['versions']))}, updated {_safe(item['when'])} ")
            line.append(_safe(item["id"]), style="dim")
            if item["previous"]:
                line.append(" (previous: " + ", ".join(_safe(p["id"]) for p in item["previous"]) + ")", style="dim")
            console.print(line)
    if comparison is None:
        console.print(Text("No comparison stored for this story (re-run `storylens ingest` to compute it).", style="yellow"))
        return
    brief = comparison.brief
    points = disputes(comparison, Names.for_story(comparison, [], story))
    if points:
        console.print(Text(f"\nDisputed ({len(points)})", style="bold"))
        for point in points:
            heading = point["title"] or f"{point['label']}: {point['about']}"
            console.print(Text("• " + reveal_hidden(heading)))
            for side in point["sides"]:
                who = ", ".join(side["who"]) or "the outlet's own voice"
                console.print(Text(f"    {reveal_hidden(side['claim'])} — {reveal_hidden(who)}"
                                   + cited(side["citations"])))
    if brief is not None:
        for lines, title in ((brief.summary, "Brief"),
                             (brief.single_source, "Brief (one outlet only: nothing corroborated yet)")):
            if lines:
                console.print(Text(f"\n{title}", style="bold"))
                for sentence in lines[: 3 if facts_only_counts else None]:
                    console.print(Text("• " + reveal_hidden(sentence.text) + cited(sentence.citations)))
    facts = comparison.facts
    if facts:
        counts = {status: sum(1 for f in facts if f.status == status)
                  for status in ("corroborated", "disputed", "single-source")}
        console.print(Text(f"\nFacts: {counts['corroborated']} corroborated, {counts['disputed']} disputed, "
                           f"{counts['single-source']} single-source", style="bold"))
    if brief is not None and brief.hashtags:
        console.print(Text(" ".join(brief.hashtags), style="dim"))
    if not facts and brief is None:
        console.print(Text("No comparison stored for this story (re-run `storylens ingest` to compute it).", style="yellow"))
