"""What a compared story shows, arranged for the shared templates: disputes first (each
conflict once, its sides grouped by claim with every source), the agreed brief, the
outlet-by-fact grid, quotes across outlets, the timeline, framing cues and what each
outlet alone reports. Used by the HTML report and the story page alike; values stay
unescaped here (the templates escape every piece)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from ...model import Article, Comparison
from ...serialise import comparison_to_dict
from .context import framing_context
from .grid import FACT_ROWS_SHOWN, fact_grid, outlet_columns
from .names import Names, outlet_label
from .quotes import shared_quote_groups

__all__ = ["comparison_view", "disputes", "iter_citations", "link_citations", "linked_sections", "KIND_LABELS"]

#: how a conflict's kind reads on the page
KIND_LABELS = {"figure": "figures differ", "date": "dates differ", "time": "times differ", "place": "places differ",
               "identity": "names differ", "age": "ages differ", "role": "roles differ",
               "attribution": "attributed differently", "hedging": "stated flatly by one, hedged by another"}
_QUOTE_MARKS = " \t\n\"'\u201c\u201d\u2018\u2019\u00ab\u00bb"
#: an ``about`` longer than this is a whole statement: shown under the heading, not as it
_SHORT_ABOUT = 90


def iter_citations(comparison: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every citation object in a comparison's sections (docs/json-schema.md)."""
    for fact in comparison.get("facts") or []:
        yield from fact.get("support") or []
    for conflict in comparison.get("conflicts") or []:
        yield from (side["citation"] for side in conflict.get("sides") or [])
    for group in comparison.get("quote_variants") or []:
        yield from (v["citation"] for v in group.get("variants") or [])
    yield from (cue["citation"] for cue in comparison.get("framing") or [])
    for event in comparison.get("timeline") or []:
        yield event["description"]
        for mention in event.get("mentions") or []:
            yield mention["ref"]
            yield mention["sentence"]
    brief = comparison.get("brief") or {}
    for part in ("summary", "single_source", "disputed", "timeline", "quoted"):
        for line in brief.get(part) or []:
            yield from line.get("citations") or []


def link_citations(comparison: dict[str, Any], labels: dict[str, str],
                   url: Callable[[dict[str, Any]], str]) -> None:
    """Give every citation in the comparison (in place) its article's outlet label and
    the URL that opens it (``url(citation)``)."""
    for cite in iter_citations(comparison):
        if isinstance(cite, dict) and "article_id" in cite:
            cite["outlet"] = labels.get(cite["article_id"])
            cite["url"] = url(cite)


def linked_sections(comparison: Comparison, labels: dict[str, str],
                    url: Callable[[dict[str, Any]], str]) -> dict[str, Any]:
    """A comparison's sections as the serialiser writes them, every citation linked
    (:func:`link_citations`): what :func:`comparison_view` arranges, and what the API's
    story page returns."""
    sections = comparison_to_dict(comparison)
    link_citations(sections, labels, url)
    return sections


def _claim_key(claim: str) -> str:
    return " ".join(claim.strip(_QUOTE_MARKS).casefold().split())


def disputes(comparison: dict[str, Any], names: Names) -> list[dict[str, Any]]:
    """Each disputed point once: ``{"id", "kind", "label", "title", "about", "sides"}``
    where each side is one claim as written, with who makes it (display names; None for
    an outlet's own voice) and one citation per article that makes it. Conflicts with
    the same subject and the same claims are one point."""
    out: list[dict[str, Any]] = []
    seen: dict[tuple[str, frozenset[str]], dict[str, Any]] = {}
    for conflict in comparison.get("conflicts") or []:
        sides: dict[str, dict[str, Any]] = {}
        for side in conflict.get("sides") or []:
            claim = str(side.get("claim") or "")
            entry = sides.setdefault(_claim_key(claim), {"claim": claim, "who": [], "own_voice": False,
                                                         "citations": []})
            who = names.who(side.get("asserted_by"))
            if who is None:
                entry["own_voice"] = True
            elif who not in entry["who"]:
                entry["who"].append(who)
            cite = side.get("citation") or {}
            if all(c.get("article_id") != cite.get("article_id") for c in entry["citations"]):
                entry["citations"].append(cite)
        about = str(conflict.get("about") or "")
        key = (_claim_key(about), frozenset(sides))
        if key in seen:
            continue
        kind = str(conflict.get("kind") or "")
        point = {"id": conflict.get("id"), "kind": kind, "label": KIND_LABELS.get(kind, kind),
                 "title": about if len(about) <= _SHORT_ABOUT else None, "about": about,
                 "sides": list(sides.values()), "fact_ids": conflict.get("fact_ids") or []}
        seen[key] = point
        out.append(point)
    return out


def _exclusives(comparison: dict[str, Any], members: Sequence[Article],
                rows: dict[str, int]) -> list[dict[str, Any]]:
    """Per outlet: the facts only it reports (cited in its own article), and the numbers
    of the grid rows of the corroborated facts it leaves out."""
    facts = {f["id"]: f for f in comparison.get("facts") or []}
    label_of = {a.id: outlet_label(a) for a in members}
    found = comparison.get("exclusives") or {}
    only_in, missing = found.get("only_in") or {}, found.get("missing_from") or {}
    out = []
    for outlet in sorted(set(only_in) | set(missing), key=str.casefold):
        own = []
        for fact_id in only_in.get(outlet, []):
            fact = facts.get(fact_id)
            if fact:
                cites = [c for c in fact.get("support") or [] if label_of.get(c["article_id"]) == outlet]
                own.append({"fact": fact, "citations": cites or fact.get("support") or []})
        left_out = sorted({(rows[i], i) for i in missing.get(outlet, []) if i in rows})
        out.append({"outlet": outlet, "only_in": own, "missing_from": left_out})
    return out


def _timeline(comparison: dict[str, Any]) -> list[dict[str, Any]]:
    """Timeline events with one citation per article: its description sentence where it
    is that article's, else the sentence of the article's first mention."""
    out = []
    for event in comparison.get("timeline") or []:
        description = event["description"]
        cites = {description["article_id"]: description}
        for mention in event.get("mentions") or []:
            cites.setdefault(mention["article_id"], mention["sentence"])
        out.append({"event": event, "citations": list(cites.values())})
    return out


def comparison_view(comparison: dict[str, Any] | None, members: Sequence[Article],
                    names: Names, rows_shown: int = FACT_ROWS_SHOWN) -> dict[str, Any] | None:
    """The compare and brief sections of a story, or None when they have not run.

    The grid shows every disputed and corroborated fact and single-source ones up to
    ``rows_shown`` rows in all; every single-source fact is also listed under its
    outlet's exclusives, which name the corroborated facts an outlet leaves out by their
    grid row. Citations must carry ``url`` and ``outlet`` (:func:`link_citations`)."""
    if comparison is None:
        return None
    by_id = {a.id: a for a in members}
    framing = [{"cue": cue, "context": framing_context(cue, by_id.get(cue["article_id"]))}
               for cue in comparison.get("framing") or []]
    groups, single = shared_quote_groups(comparison)
    facts = comparison.get("facts") or []
    shared = sum(1 for f in facts if f.get("status") != "single-source")
    grid = fact_grid(comparison, outlet_columns(members), max(rows_shown, shared))
    for row in grid["rows"]:
        row["who"] = names.who(row["fact"].get("asserted_by"))
    rows = {row["fact"]["id"]: n for n, row in enumerate(grid["rows"], start=1)}
    brief = comparison.get("brief")
    quoted = [dict(q, label=q.get("name") or names.name(q.get("speaker") or "") or "unnamed")
              for q in (brief or {}).get("quoted") or []]
    points = disputes(comparison, names)
    status = [f.get("status") for f in facts]
    glance = {"disputes": len(points), "corroborated": status.count("corroborated"),
              "single": status.count("single-source"), "quoted": len(groups),
              "changed": sum(1 for g in groups if g.get("fidelity") in ("altered", "paraphrase"))}
    return {
        "glance": glance,
        "disputes": points,
        "grid": grid,
        "conflicts": comparison.get("conflicts") or [],
        "quote_groups": [dict(g, label=g.get("speaker_name") or (names.name(g["speaker"]) if g.get("speaker")
                                                                 else "unattributed")) for g in groups],
        "single_quotes": single,
        "timeline": _timeline(comparison),
        "framing": framing,
        "exclusives": _exclusives(comparison, members, rows),
        "brief": brief,
        "quoted": quoted,
        "hashtags": comparison.get("hashtags") or [],
        "numbers": {a.id: i for i, a in enumerate(members, start=1)},
    }
