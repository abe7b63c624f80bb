"""The story page read in 30 seconds (examples corpus and a hostile stored comparison,
TestClient): disputed points first, each once with its sides and the outlets that cite
them (links open the exact span), names instead of entity keys, quotes with their
punctuation."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from web_fixtures import SCRIPT, hostile_articles, make_hostile_store

from storylens.store import open_store
from storylens.web import create_app
from storylens.serialise import comparison_from_dict

_KEY = re.compile(r"\b(?:person|org|place):[a-z]")


def _visible(html: str) -> str:
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", "", html, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def _stories(client: TestClient) -> list[dict[str, Any]]:
    ids = [s["id"] for s in client.get("/api/stories").json()["stories"]]
    return [client.get(f"/api/stories/{i}").json() for i in ids]


def test_disputes_come_first_each_once_with_their_sources(examples: TestClient) -> None:
    seen = 0
    for body in _stories(examples):
        cmp = body["comparison"]
        page = examples.get(f"/stories/{body['story']['id']}").text
        order = [page.index(f'id="{s}"') for s in ("disputes", "brief", "articles", "facts", "quote-variants")]
        assert order == sorted(order)
        section = page[order[0]:order[1]]
        assert section.count('<section class="conflict">') == len(cmp["conflicts"])
        sides = _visible(" ".join(re.findall(r'<ul class="sides">.*?</ul>', section, re.S)))
        for conflict in cmp["conflicts"]:
            for claim in {s["claim"] for s in conflict["sides"]}:
                assert sides.count(claim) == 1, claim
            for side in conflict["sides"]:
                cite = side["citation"]
                assert f'href="{cite["url"]}"'.replace("&", "&amp;") in section
                assert cite["outlet"] in sides
                seen += 1
        assert "— outlet" not in _visible(section)
        glance = _visible(page[page.index('<p class="glance">'):order[0]])
        status = [f["status"] for f in cmp["facts"]]
        assert (f"{len(cmp['conflicts'])} disputed point" in glance
                and f"{status.count('corroborated')} fact" in glance and f"{status.count('single-source')} claim" in glance)
    assert seen >= 6


def test_no_internal_keys_on_the_story_page(examples: TestClient) -> None:
    for body in _stories(examples):
        page = examples.get(f"/stories/{body['story']['id']}").text
        text = _visible(page)
        assert not _KEY.search(text), _KEY.findall(text)[:5]
        names = {e["name"] for e in body["story"]["entities"]}
        keyed = [f for f in body["comparison"]["facts"] if f["asserted_by"].startswith("person:")]
        assert keyed  # facts asserted by a person: shown by name in the grid
        assert any(n in text for n in names)


def test_quotes_are_shown_with_their_punctuation(examples: TestClient) -> None:
    shown = 0
    for body in _stories(examples):
        page = examples.get(f"/stories/{body['story']['id']}").text
        section = page[page.index('id="quote-variants"'):page.index('id="timeline"')]
        text = _visible(re.sub(r"<del>.*?</del>", "", section))
        for group in body["comparison"]["quote_variants"]:
            if len(group["variants"]) < 2:
                continue
            for v in group["variants"]:
                quoted = " ".join(v["citation"]["text"].split())
                assert quoted in text, quoted
                shown += 1
    assert shown >= 4


def test_hostile_keys_are_named_and_escaped(tmp_path: Path) -> None:
    db = make_hostile_store(tmp_path / "named.db")
    a1, a2 = hostile_articles()[:2]
    q, f = a1.quotes[0], a2.figures[0]
    cite1 = {"article_id": a1.id, "start": q.start, "end": q.end, "text": q.text}
    cite2 = {"article_id": a2.id, "start": f.start, "end": f.end, "text": f.text}
    comparison = {
        "facts": [{"id": "fact-1", "statement": "Fees rise", "support": [cite1, cite2], "independent_sources": 2,
                   "status": "disputed", "asserted_by": "person:mara quist", "outlets": []}],
        "conflicts": [{"id": "c-1", "kind": "figure", "about": "fee rise", "fact_ids": ["fact-1"], "sides": [
            {"claim": "5%", "asserted_by": "outlet", "citation": cite2, "value": 5.0},
            {"claim": SCRIPT, "asserted_by": "person:mara quist", "citation": cite1, "value": None},
            {"claim": SCRIPT, "asserted_by": "org:port authority", "citation": cite2, "value": None}]}],
        "quote_variants": [], "exclusives": {}, "framing": [], "timeline": [], "hashtags": [], "entity_links": {},
        "brief": {"summary": [], "disputed": [], "timeline": [], "quoted": [], "hashtags": []},
    }
    with open_store(db) as store:
        store.replace_comparison("story-hostile", comparison_from_dict(comparison))
    page = TestClient(create_app(db)).get("/stories/story-hostile").text
    section = page[page.index('id="disputes"'):page.index('id="brief"')]
    assert "<script>" not in page and section.count("&lt;script&gt;") == 1  # one side for the claim, escaped
    assert "Mara &lt;img src=x onerror=&#34;alert(1)&#34;&gt;, Port Authority" in section  # story entity's name
    assert "in the outlet's own voice" in section and "person:" not in _visible(page)
    assert "(Mara &lt;img" in page[page.index('id="facts"'):]  # the grid names who asserts the fact


def test_agency_copies_are_named_not_keyed(examples: TestClient) -> None:
    grouped = 0
    for body in _stories(examples):
        page = examples.get(f"/stories/{body['story']['id']}").text
        text = _visible(page)
        for group in body["story"]["syndication_groups"]:
            assert group["id"] not in text  # the group's id is not shown, its agency is
            assert f"{group['agency']} copy: {len(group['members'])} articles, one source" in text
            assert text.count(f"agency copy ({group['agency']})") == len(group["members"]) - (1 if group["original"] else 0)
            grouped += 1
    assert grouped >= 1
