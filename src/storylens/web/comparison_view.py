"""What the story page shows of the compare and brief stages, arranged for its template.

The grid, word diffs and cue contexts come from the HTML report's shared helpers
(:mod:`storylens.report.html_report`), so the report and the web page lay them out the
same way; only the links differ (the web page opens each citation at its span). Values
stay unescaped here: the template escapes every piece.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from ..model import Article
from ..report.html_report import FACT_ROWS_SHOWN, citation_context, fact_grid
from ..report.json_report import source_name

__all__ = ["outlet_label", "comparison_view"]

logger = logging.getLogger(__name__)


def outlet_label(article: Article) -> str:
    """The name the compare stage gives an article's outlet (its file name when unknown)."""
    return article.outlet or source_name(article.source)


def _columns(members: list[Article]) -> list[tuple[dict[str, Any], list[str]]]:
    """One grid column per outlet, in the order the story's articles first name them."""
    ids: dict[str, list[str]] = {}
    for a in members:
        ids.setdefault(outlet_label(a), []).append(a.id)
    return [({"outlet": label, "articles": len(found)}, found) for label, found in ids.items()]


def _exclusives(comparison: dict[str, Any], members: list[Article],
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


def _quote_groups(comparison: dict[str, Any]) -> tuple[list[dict[str, Any]], int]:
    """Quote groups quoted by two articles or more, altered and paraphrased ones first;
    and how many groups only one article quotes (listed under Quotes)."""
    order = {"paraphrase": 0, "altered": 1, "minor": 2, "verbatim": 3}
    groups = comparison.get("quote_variants") or []
    shared = [g for g in groups if len(g.get("variants") or []) > 1]
    shared.sort(key=lambda g: (order.get(g["fidelity"], 4), -len(g["variants"])))
    return shared, len(groups) - len(shared)


def _cue_context(cue: dict[str, Any], article: Article | None) -> tuple[str, str, str] | None:
    """``(before, marked, after)``: the cited passage in its sentence, with the cue word
    marked. A cue that cites a whole statement (a hedged claim: "... , according to
    calculations by the Herald.") marks its cue word inside it, where the words are there
    as a whole word; any other cue marks its cited span."""
    context = citation_context(cue["citation"], article)
    word = cue.get("cue") or ""
    if context is None or not word or word == context[1]:
        return context
    before, cited, after = context
    found = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", cited, re.IGNORECASE)
    if found is None:
        return context
    return before + cited[:found.start()], found.group(), cited[found.end():] + after


def comparison_view(comparison: dict[str, Any] | None, members: list[Article]) -> dict[str, Any] | None:
    """The compare and brief sections of a story page, or None when they have not run.

    The grid shows every disputed and corroborated fact and single-source ones up to
    FACT_ROWS_SHOWN rows in all; every single-source fact is also listed under its
    outlet's exclusives, which name the corroborated facts an outlet leaves out by their
    grid row (the page stays small: these lists repeat across outlets)."""
    if comparison is None:
        return None
    by_id = {a.id: a for a in members}
    framing = [{"cue": cue, "context": _cue_context(cue, by_id.get(cue["article_id"]))}
               for cue in comparison.get("framing") or []]
    groups, single = _quote_groups(comparison)
    facts = comparison.get("facts") or []
    shared = sum(1 for f in facts if f.get("status") != "single-source")
    grid = fact_grid(comparison, _columns(members), max(FACT_ROWS_SHOWN, shared))
    rows = {row["fact"]["id"]: n for n, row in enumerate(grid["rows"], start=1)}
    return {
        "grid": grid,
        "conflicts": comparison.get("conflicts") or [],
        "quote_groups": groups,
        "single_quotes": single,
        "timeline": _timeline(comparison),
        "framing": framing,
        "exclusives": _exclusives(comparison, members, rows),
        "brief": comparison.get("brief"),
        "hashtags": comparison.get("hashtags") or [],
        "numbers": {a.id: i for i, a in enumerate(members, start=1)},
    }
