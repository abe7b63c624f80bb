"""A compared story in the Markdown report: disputed points first (each once, its sides
with who makes them and their sources), the brief, corroborated facts with their
sources, single-source claims by outlet, quotes across outlets with fidelity and what
changed, the timeline, and the framing cues (hedges, later updates, names spelled
otherwise ...). Sources are outlet names with the number of the article
(``[4]``: article 4 under "Articles"). Arranged by :mod:`storylens.report.present`, so
the Markdown and HTML reports say the same; every value goes through ``md_line``."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..compare.brief import BriefSentence
from ..model import Article, Citation, Comparison, Story, sentences_before_headlines
from .present import Names, as_excerpt, disputes, outlet_label, quote_pieces, shared_quote_groups

__all__ = ["comparison_lines", "SINGLE_SOURCE_SHOWN"]

#: single-source claims listed per story (the rest are in report.json)
SINGLE_SOURCE_SHOWN = 30
#: framing cues listed per story (the rest are in report.json)
FRAMING_SHOWN = 30
_QUOTE_MARKS = "\"“”'‘’"

Escape = Callable[[str | None], str]


class _Sources:
    """``Outlet [n]`` for citations, n the article's number in the report."""

    def __init__(self, articles: Sequence[Article], md_line: Escape) -> None:
        self.numbers = {a.id: i for i, a in enumerate(articles, start=1)}
        self.labels = {a.id: outlet_label(a) for a in articles}
        self.md_line = md_line

    def one(self, cite: Citation) -> str:
        label = self.md_line(self.labels.get(cite.article_id, "unknown article"))
        where = " headline" if cite.field == "headline" else ""
        return f"{label} \\[{self.numbers.get(cite.article_id, '?')}{where}\\]"

    def many(self, cites: Sequence[Citation]) -> str:
        """Each article once, in order: its text citation, its headline where that is all
        it is cited by (a fact holds an article's headline and its sentence)."""
        seen: list[str] = []
        for c in sentences_before_headlines(cites):
            shown = self.one(c)
            if shown not in seen:
                seen.append(shown)
        return " · ".join(seen)


def _dispute_lines(comparison: Comparison, names: Names, src: _Sources, md_line: Escape) -> list[str]:
    points = disputes(comparison, names)
    out = [f"#### Disputed points ({len(points)})", ""]
    for d in points:
        head = f"**{md_line(d['title'])}** ({md_line(d['label'])})" if d["title"] else f"**{md_line(d['label'])}**"
        out.append(f"- {head}" + ("" if d["title"] else f": {md_line(d['about'])}"))
        for side in d["sides"]:
            who = ", ".join(md_line(w) for w in side["who"]) or "the outlet's own voice"
            if side["who"] and side["own_voice"]:
                who += "; and the outlet's own voice"
            out.append(f"  - {md_line(side['claim'])} — {who} · {src.many(side['citations'])}")
    if not points:
        out.append("The outlets do not contradict one another on anything the compare stage checks.")
    return out + [""]


def _fact_lines(comparison: Comparison, names: Names, src: _Sources, md_line: Escape) -> list[str]:
    facts = comparison.facts
    agreed = [f for f in facts if f.status == "corroborated"]
    agreed.sort(key=lambda f: -f.independent_sources)
    out = [f"#### Corroborated facts ({len(agreed)})", ""]
    for f in agreed:
        who = names.who(f.asserted_by)
        by = f" ({md_line(who)})" if who else ""
        out.append(f"- {md_line(as_excerpt(f.statement))}{by} — {f.independent_sources} independent sources: "
                   f"{src.many(f.support)}")
    if not agreed:
        out.append("No fact is reported by two independent sources.")
    single = [f for f in facts if f.status == "single-source"]
    out += ["", f"#### Single-source claims ({len(single)})", ""]
    for f in single[:SINGLE_SOURCE_SHOWN]:
        who = names.who(f.asserted_by)
        by = f" ({md_line(who)})" if who else ""
        out.append(f"- {md_line(as_excerpt(f.statement))}{by} — {src.many(f.support)}")
    if len(single) > SINGLE_SOURCE_SHOWN:
        out.append(f"- … and {len(single) - SINGLE_SOURCE_SHOWN} more (in report.json)")
    return out + [""]


def _quote_lines(comparison: Comparison, names: Names, src: _Sources, md_line: Escape) -> list[str]:
    groups, single = shared_quote_groups(comparison)
    out = [f"#### Quotes across outlets ({len(groups)})", ""]
    for g in groups:
        speaker = g.speaker_name or (names.name(g.speaker) if g.speaker else "unattributed")
        extra = "; attributed to different speakers" if g.attribution_differs else ""
        out.append(f"- **{md_line(speaker)}** — {md_line(g.fidelity)}{extra}")
        variants = g.variants
        for i, v in enumerate(variants):
            label = "reference" if i == 0 else md_line(v.fidelity)
            out.append(f"  - {label}, {src.one(v.citation)}: “{md_line(v.citation.text)}”")
            if i and v.fidelity != "verbatim":
                ref = variants[v.against] if 0 <= v.against < len(variants) else None
                changes = [("−" if k == "del" else "+") + f"“{md_line(t.strip())}”"
                           for k, t in quote_pieces(v, ref) if k != "equal"]
                if changes:
                    out.append(f"    - changed: {' '.join(changes)}")
    if single:
        out.append(f"- {single} more quoted by one article only")
    return out + [""]


def _timeline_lines(comparison: Comparison, src: _Sources, md_line: Escape) -> list[str]:
    events = comparison.timeline
    out = [f"#### Timeline ({len(events)})", ""]
    for ev in events:
        inferred = " (date inferred)" if ev.inferred_anchor else ""
        inferred += " (background)" if ev.background else ""
        cites = [ev.description, *(m.sentence for m in ev.mentions)]
        out.append(f"- **{md_line(ev.date)}**{inferred} — {md_line(ev.description.text)} · "
                   f"{src.many(cites)}")
    return out + [""]


def _framing_lines(comparison: Comparison, src: _Sources, md_line: Escape) -> list[str]:
    cues = comparison.framing
    out = [f"#### Framing cues ({len(cues)})", ""]
    for f in cues[:FRAMING_SHOWN]:
        neutral = f" (neutral: {md_line(f.neutral)})" if f.neutral else ""
        note = f" ({md_line(f.note)})" if f.note else ""
        cue = f.cue.strip(_QUOTE_MARKS) or f.cue  # a scare quote's cue holds its own marks
        out.append(f"- *{md_line(f.kind.replace('_', ' '))}* “{md_line(cue)}”{neutral}{note} — {src.one(f.citation)}")
    if len(cues) > FRAMING_SHOWN:
        out.append(f"- … and {len(cues) - FRAMING_SHOWN} more (in report.json)")
    return out + [""]


def _brief_line(line: BriefSentence, src: _Sources, md_line: Escape) -> str:
    """A brief line with its sources, and where a name in brackets comes from."""
    named = f" (name in brackets: {src.one(line.speaker)})" if line.speaker is not None else ""
    return f"- {md_line(line.text)} — {src.many(line.citations)}{named}"


def comparison_lines(record: Story, articles: Sequence[Article], md_line: Escape) -> list[str]:
    """The compare and brief sections of one story, as Markdown lines ([] when the story
    was not compared)."""
    c = record.comparison
    if c is None or not (c.facts or c.conflicts or c.quote_variants or c.timeline or c.brief):
        return []
    members = [a for a in articles if a.id in set(record.articles)]
    names = Names.for_story(c, members, record)
    src = _Sources(articles, md_line)
    out = _dispute_lines(c, names, src, md_line)
    summary = c.brief.summary if c.brief is not None else []
    if summary:
        out += ["#### In brief", ""]
        out += [_brief_line(line, src, md_line) for line in summary]
        out.append("")
    single = c.brief.single_source if c.brief is not None else []
    if single:
        out += ["#### Reported by one outlet only", "", "Nothing here is corroborated yet: no fact has two independent sources.", ""]
        out += [_brief_line(line, src, md_line) for line in single]
        out.append("")
    out += _fact_lines(c, names, src, md_line)
    out += _quote_lines(c, names, src, md_line)
    out += _timeline_lines(c, src, md_line)
    out += _framing_lines(c, src, md_line)
    return out
