"""What a compared story shows, arranged for the shared templates: disputes first (each
conflict once, its sides grouped by claim with every source), the agreed brief, the
outlet-by-fact grid, quotes across outlets, the timeline, framing cues and what each
outlet alone reports, from the story's ``Comparison`` record with its citations linked
(:func:`link_citations`). Used by the HTML report and the story page alike; values stay
unescaped here (the templates escape every piece)."""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from ...model import Article, Citation, Comparison
from ...serialise import record_hints
from .context import framing_context
from .grid import FACT_ROWS_SHOWN, fact_grid, outlet_columns
from .names import Names, outlet_label
from .quotes import shared_quote_groups

__all__ = ["comparison_view", "disputes", "iter_citations", "link_citations", "LinkedCitation", "KIND_LABELS"]

#: how a conflict's kind reads on the page
KIND_LABELS = {"figure": "figures differ", "date": "dates differ", "time": "times differ", "place": "places differ",
               "identity": "names differ", "age": "ages differ", "role": "roles differ",
               "attribution": "attributed differently", "hedging": "stated flatly by one, hedged by another"}
_QUOTE_MARKS = " \t\n\"'\u201c\u201d\u2018\u2019\u00ab\u00bb"
#: an ``about`` longer than this is a whole statement: shown under the heading, not as it
_SHORT_ABOUT = 90


@dataclass
class LinkedCitation(Citation):
    """A citation with what a page needs to show it: its article's outlet label and the URL
    that opens the span (in the report file or the web app). Serialised, it is the
    citation's layout with ``outlet`` and ``url`` after it, as the API returns it."""

    outlet: str | None = None
    url: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {**super().to_dict(), "outlet": self.outlet, "url": self.url}


def iter_citations(comparison: Comparison) -> Iterator[Citation]:
    """Every citation in a comparison's sections."""
    for fact in comparison.facts:
        yield from fact.support
    for conflict in comparison.conflicts:
        yield from (side.citation for side in conflict.sides)
    for group in comparison.quote_variants:
        yield from (v.citation for v in group.variants)
    yield from (cue.citation for cue in comparison.framing)
    for event in comparison.timeline:
        yield event.description
        for mention in event.mentions:
            yield mention.ref
            yield mention.sentence
    brief = comparison.brief
    if brief is not None:
        for line in (*brief.summary, *brief.single_source, *brief.disputed, *brief.timeline):
            yield from line.citations
            if line.speaker is not None:
                yield line.speaker
        for quoted in brief.quoted:
            yield from quoted.citations


def link_citations(comparison: Comparison, labels: Mapping[str, str], url: Callable[[Citation], str]) -> Comparison:
    """A copy of the comparison with every citation a ``LinkedCitation``: its article's
    outlet label (from ``labels``) and ``url(citation)``. The page and the API's story
    page are made from it (``serialise.comparison_to_dict`` of it is the API's
    ``comparison``)."""
    def link(value: Any) -> Any:
        if isinstance(value, Citation):
            return LinkedCitation(value.article_id, value.start, value.end, value.text, value.field,
                                  outlet=labels.get(value.article_id), url=url(value))
        if isinstance(value, list):
            return [link(v) for v in value]
        if dataclasses.is_dataclass(value) and not isinstance(value, type) and _has_citations(type(value)):
            return dataclasses.replace(value, **{f.name: link(getattr(value, f.name))
                                                 for f in dataclasses.fields(value) if f.init})
        return value

    linked: Comparison = link(comparison)
    return linked


@cache
def _has_citations(cls: type) -> bool:
    """Whether a record holds citations (those that do not are kept as they are)."""
    hints = record_hints(cls)
    return any(_names_citation(hints[f.name]) for f in dataclasses.fields(cls))


def _names_citation(hint: Any) -> bool:
    if hint is Citation:
        return True
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _has_citations(hint)
    return any(_names_citation(a) for a in typing.get_args(hint))


def _claim_key(claim: str) -> str:
    return " ".join(claim.strip(_QUOTE_MARKS).casefold().split())


def disputes(comparison: Comparison, names: Names) -> list[dict[str, Any]]:
    """Each disputed point once: ``{"id", "kind", "label", "title", "about", "sides"}``
    where each side is one claim as written, with who makes it (display names; None for
    an outlet's own voice) and one citation per article that makes it. Conflicts with
    the same subject and the same claims are one point."""
    out: list[dict[str, Any]] = []
    seen: dict[tuple[str, frozenset[str]], dict[str, Any]] = {}
    for conflict in comparison.conflicts:
        sides: dict[str, dict[str, Any]] = {}
        for side in conflict.sides:
            claim = side.claim
            entry = sides.setdefault(_claim_key(claim), {"claim": claim, "who": [], "own_voice": False,
                                                         "citations": []})
            who = names.who(side.asserted_by)
            if who is None:
                entry["own_voice"] = True
            elif who not in entry["who"]:
                entry["who"].append(who)
            cite = side.citation
            if all(c.article_id != cite.article_id for c in entry["citations"]):
                entry["citations"].append(cite)
        about = conflict.about
        key = (_claim_key(about), frozenset(sides))
        if key in seen:
            continue
        kind = conflict.kind
        point = {"id": conflict.id, "kind": kind, "label": KIND_LABELS.get(kind, kind),
                 "title": about if len(about) <= _SHORT_ABOUT else None, "about": about,
                 "sides": list(sides.values()), "fact_ids": conflict.fact_ids}
        seen[key] = point
        out.append(point)
    return out


def _exclusives(comparison: Comparison, members: Sequence[Article], rows: dict[str, int]) -> list[dict[str, Any]]:
    """Per outlet: the facts only it reports (cited in its own article), and the numbers
    of the grid rows of the corroborated facts it leaves out."""
    facts = {f.id: f for f in comparison.facts}
    label_of = {a.id: outlet_label(a) for a in members}
    only_in, missing = comparison.exclusives.only_in, comparison.exclusives.missing_from
    out = []
    for outlet in sorted(set(only_in) | set(missing), key=str.casefold):
        own = []
        for fact_id in only_in.get(outlet, []):
            fact = facts.get(fact_id)
            if fact:
                cites = [c for c in fact.support if label_of.get(c.article_id) == outlet]
                own.append({"fact": fact, "citations": cites or fact.support})
        left_out = sorted({(rows[i], i) for i in missing.get(outlet, []) if i in rows})
        out.append({"outlet": outlet, "only_in": own, "missing_from": left_out})
    return out


def _timeline(comparison: Comparison) -> list[dict[str, Any]]:
    """Timeline events with one citation per article: its description sentence where it
    is that article's, else the sentence of the article's first mention."""
    out = []
    for event in comparison.timeline:
        cites = {event.description.article_id: event.description}
        for mention in event.mentions:
            cites.setdefault(mention.ref.article_id, mention.sentence)
        out.append({"event": event, "citations": list(cites.values())})
    return out


def comparison_view(comparison: Comparison | None, members: Sequence[Article],
                    names: Names, rows_shown: int = FACT_ROWS_SHOWN) -> dict[str, Any] | None:
    """The compare and brief sections of a story, or None when they have not run.

    The grid shows every disputed and corroborated fact and single-source ones up to
    ``rows_shown`` rows in all; every single-source fact is also listed under its
    outlet's exclusives, which name the corroborated facts an outlet leaves out by their
    grid row. Citations must be ``LinkedCitation``s (:func:`link_citations`)."""
    if comparison is None:
        return None
    by_id = {a.id: a for a in members}
    framing = [{"cue": cue, "context": framing_context(cue, by_id.get(cue.article_id))}
               for cue in comparison.framing]
    groups, single = shared_quote_groups(comparison)
    facts = comparison.facts
    shared = sum(1 for f in facts if f.status != "single-source")
    grid = fact_grid(comparison, outlet_columns(members), max(rows_shown, shared))
    for row in grid["rows"]:
        row["who"] = names.who(row["fact"].asserted_by)
    rows = {row["fact"].id: n for n, row in enumerate(grid["rows"], start=1)}
    brief = comparison.brief
    quoted = [{"speaker": q, "label": q.name or names.name(q.speaker or "") or "unnamed",
               "outlet_count": len(q.outlets), "citations": q.citations}
              for q in (brief.quoted if brief is not None else [])]
    points = disputes(comparison, names)
    status = [f.status for f in facts]
    glance = {"disputes": len(points), "corroborated": status.count("corroborated"),
              "single": status.count("single-source"), "quoted": len(groups),
              "changed": sum(1 for g in groups if g.fidelity in ("altered", "paraphrase"))}
    return {
        "glance": glance,
        "disputes": points,
        "grid": grid,
        "conflicts": comparison.conflicts,
        "quote_groups": [{"group": g, "label": g.speaker_name or (names.name(g.speaker) if g.speaker
                                                                   else "unattributed"),
                          "fidelity": g.fidelity, "attribution_differs": g.attribution_differs,
                          "variants": g.variants} for g in groups],
        "single_quotes": single,
        "timeline": _timeline(comparison),
        "framing": framing,
        "exclusives": _exclusives(comparison, members, rows),
        "brief": brief,
        "quoted": quoted,
        "hashtags": comparison.hashtags,
        "numbers": {a.id: i for i, a in enumerate(members, start=1)},
    }
