"""A small hand-written report (fictional outlets, text written for these tests) with a
row for every exported table, and a headline and a claim that a spreadsheet would run as
formulas."""

from __future__ import annotations

import copy
from typing import Any

import pytest

WIRE_TEXT = "Ferry crews in Port Alder stopped work on Monday. About 300 crew members joined the strike."
PAPER_TEXT = ("Ferry crews in Port Alder stopped work on Monday. About 250 crew members joined the strike, "
              "the union said.\n\n\"We will not sail\" said Mara Lind.")
STRIKE = "Ferry crews in Port Alder stopped work on Monday."


def _span(text: str, part: str, article_id: str) -> dict[str, Any]:
    start = text.index(part)
    return {"article_id": article_id, "start": start, "end": start + len(part), "text": part}


def _article(id_: str, outlet: str | None, published: str | None, text: str, headline: str) -> dict[str, Any]:
    figure = "About 300" if "300" in text else "About 250"
    if figure not in text:  # an article without records
        text = text + " " + figure + " on Monday"
    start = text.index(figure)
    return {
        "id": id_, "source": f"pages/{id_}.txt", "url": f"https://{id_}.example/strike" if outlet else None,
        "outlet": outlet, "headline": headline, "byline": None, "published": published, "updated": None,
        "dateline": None, "language": "en", "text": text, "credits": [], "hashtags": [], "feed_notice": None,
        "removed": [], "inferred": {}, "explicit": {}, "story_id": "story-aaaa000000000001",
        "duplicate_of": None, "syndication_group": None, "entities": [], "quotes": [],
        "figures": [{"text": figure, "start": start, "end": start + len(figure), "value": 300.0 if "300" in figure
                     else 250, "low": None, "high": None, "bound": "~", "trend": None, "unit": None,
                     "currency": None, "counts": "crew member", "vague": None}],
        "time_refs": [{"text": "on Monday", "start": text.index("on Monday"), "end": text.index("on Monday") + 9,
                       "value": "2026-03-09", "granularity": "day", "anchor": "2026-03-10"}],
    }


def _report() -> dict[str, Any]:
    wire = _article("aaaa000000000001", "Harbor Wire", "2026-03-10T08:00:00+00:00", WIRE_TEXT,
                    "Ferry strike halts Port Alder crossings")
    paper = _article("bbbb000000000002", "Alder Gazette", "2026-03-11T09:30:00+01:00", PAPER_TEXT,
                     "=HYPERLINK(\"https://evil.example\",\"Ferry strike\")")
    loose = _article("cccc000000000003", None, None, "A loose note about tides.", "@tides -5% +2")
    loose.update(story_id=None, text="A loose note about tides.", figures=[], time_refs=[])
    fact = {"id": "fact-1", "statement": STRIKE, "support": [_span(WIRE_TEXT, STRIKE, wire["id"]),
                                                             _span(PAPER_TEXT, STRIKE, paper["id"])],
            "independent_sources": 2, "status": "disputed", "asserted_by": "outlet",
            "outlets": ["Harbor Wire", "Alder Gazette"]}
    conflict = {"id": "conflict-1", "kind": "figure", "about": "how many crew member", "fact_ids": ["fact-1"],
                "sides": [{"claim": "About 250", "asserted_by": "the union", "value": 250,
                           "citation": _span(PAPER_TEXT, "About 250 crew members joined the strike", paper["id"])},
                          {"claim": "-300", "asserted_by": "outlet", "value": 300.0,
                           "citation": _span(WIRE_TEXT, "About 300 crew members joined the strike.", wire["id"])}]}
    group = {"id": "qg-1", "speaker": "person:mara lind", "speaker_name": "Mara Lind",
             "speakers": ["person:mara lind"], "attribution_differs": False, "fidelity": "altered",
             "articles": [paper["id"]], "independent_sources": 1,
             "variants": [{"article_id": paper["id"], "citation": _span(PAPER_TEXT, "We will not sail", paper["id"]),
                           "fidelity": "altered", "kind": "direct", "speaker": "person:mara lind", "against": 0,
                           "coverage": 1,
                           "diff": [{"op": "equal", "ref": ["We"], "variant": ["We"]},
                                    {"op": "replace", "ref": ["shall"], "variant": ["will"]},
                                    {"op": "insert", "ref": [], "variant": ["not"]},
                                    {"op": "delete", "ref": ["today"], "variant": []}]}]}
    story = {"id": "story-aaaa000000000001", "lead": wire["id"], "title": wire["headline"],
             "articles": [wire["id"], paper["id"]], "entities": [], "first_published": wire["published"],
             "last_published": paper["published"], "outlets": ["Alder Gazette", "Harbor Wire"],
             "independent_sources": 2, "syndication_groups": [], "facts": [fact], "conflicts": [conflict],
             "quote_variants": [group], "exclusives": {"only_in": {}, "missing_from": {}}, "framing": [],
             "timeline": [], "brief": None, "hashtags": ["#PortAlder"], "entity_links": {}}
    return {"storylens_version": "0.1.0", "generated_at": "2026-03-12T00:00:00+00:00", "inputs": ["pages/"],
            "counts": {}, "articles": [paper, loose, wire], "skipped": [], "stories": [story]}


@pytest.fixture
def report() -> dict[str, Any]:
    return copy.deepcopy(_report())
