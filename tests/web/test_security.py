"""Hostile article text is shown, never executed: every page is parsed and checked for
script elements, event-handler attributes and javascript: links; hidden characters
are made visible; CSP and read-only defaults hold on every response."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

import pytest
from fastapi.testclient import TestClient

from storylens.web import create_app
from storylens.serialise import comparison_from_dict

from web_fixtures import RLO, ZWSP, hostile_articles, make_hostile_store


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def _assert_inert(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    parser = _Tags()
    parser.feed(html)
    for tag, attrs in parser.tags:
        assert tag not in ("script", "iframe", "object", "embed", "img", "base"), (tag, attrs)
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name, value)
            if name in ("href", "src", "action", "formaction"):
                assert value is not None and not value.strip().lower().startswith(("javascript:", "data:")), value
            if name == "style":
                raise AssertionError(f"inline style on <{tag}>")
    assert RLO not in html and ZWSP not in html, "hidden characters must be shown as markers"
    return parser.tags


def _ids(client: TestClient) -> tuple[str, str, str]:
    articles = hostile_articles()
    return articles[0].id, articles[1].id, "story-hostile"


def test_every_hostile_page_is_inert(hostile: TestClient) -> None:
    a1, a2, story = _ids(hostile)
    urls = ["/", "/stories", "/articles", f"/stories/{story}", f"/stories/{story}/records", f"/articles/{a1}", f"/articles/{a2}",
            f"/articles/{a1}?start=0&end=60", "/search?q=script", "/search?q=alert", "/search?q=onerror",
            "/stories?outlet=%3Cscript%3E", "/search?q=%3Cscript%3Ealert(1)%3C/script%3E"]
    for url in urls:
        response = hostile.get(url)
        assert response.status_code in (200, 400), (url, response.status_code)
        _assert_inert(response.text)


def test_hostile_text_is_escaped_and_visible(hostile: TestClient) -> None:
    a1, _, story = _ids(hostile)
    page = hostile.get(f"/articles/{a1}").text
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page  # shown as text
    assert "onerror=&#34;alert(1)&#34;" in page
    assert "⟨U+202E⟩" in page and "⟨U+200B⟩" in page  # revealed, with a title naming them
    assert "RIGHT-TO-LEFT OVERRIDE" in page
    assert "javascript:alert(document.cookie)" in page and "(not a web address; not linked)" in page
    assert 'lang="en&#34; onload=&#34;x"' in page  # attribute value escaped, not broken out of
    story_page = hostile.get(f"/stories/{story}").text
    assert "Port Vell &lt;script&gt;" in story_page
    assert "&lt;i&gt;<span class=\"hc\"" in story_page  # agency name: escaped, override revealed
    assert "Mara &lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in story_page


def test_highlighted_quote_with_markup_inside(hostile: TestClient) -> None:
    a1, _, _ = _ids(hostile)
    article = hostile_articles()[0]
    quote = article.quotes[0]
    page = hostile.get(f"/articles/{a1}", params={"start": quote.start, "end": quote.end}).text
    tags = _assert_inert(page)
    marks = [dict(attrs) for tag, attrs in tags if tag == "mark"]
    assert any("cite" in (m.get("class") or "").split() and "quote" in (m.get("class") or "").split()
               for m in marks)
    assert any(dict(attrs).get("id") == "cited" for _, attrs in tags)
    assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in page


def test_search_snippet_highlight_is_escaped(hostile: TestClient) -> None:
    page = hostile.get("/search", params={"q": "script"}).text
    _assert_inert(page)
    assert '<mark class="hit">script</mark>' in page
    body = hostile.get("/api/search", params={"q": "onerror"}).json()
    assert body["hits"] and "<img" in body["hits"][0]["snippet"]  # JSON keeps text as is


@pytest.mark.parametrize("url", ["/", "/stories/story-hostile", "/api/stories", "/openapi.json",
                                 "/static/style.css", "/nope", "/api/nope", "/api/stories?limit=0",
                                 "/search?q=%22"])
def test_csp_on_every_response(hostile: TestClient, url: str) -> None:
    response = hostile.get(url)
    csp = response.headers["content-security-policy"]
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "default-src 'none'" in csp and "script-src" not in csp  # no script source at all
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"


def test_read_only_by_default(hostile: TestClient) -> None:
    response = hostile.post("/api/ingest", json={"articles": [{"text": "x"}]})
    assert response.status_code == 403 and "read-only" in response.json()["message"]
    for method in ("put", "delete", "patch"):
        assert getattr(hostile, method)("/api/stories").status_code == 405


def test_ingest_needs_a_token(hostile_db: str) -> None:
    with pytest.raises(ValueError, match="token"):
        create_app(hostile_db, allow_ingest=True)
    with pytest.raises(ValueError, match="token"):
        create_app(hostile_db, allow_ingest=True, ingest_token="  ")


def test_ingest_with_token(tmp_path: Any) -> None:
    db = make_hostile_store(tmp_path / "ingest.db")
    client = TestClient(create_app(db, allow_ingest=True, ingest_token="s3cret-token"))
    article = {"text": "The Vell ferry will stop running on 1 July, the operator Nordhaven Lines said in a "
                       "statement on Monday, citing falling passenger numbers over three years.",
               "headline": "Vell ferry to stop", "outlet": "Coast Wire", "published": "2031-06-02T10:00:00+00:00"}
    body = {"articles": [article]}
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic s3cret-token"},
                    {"Authorization": "s3cret-token"}):
        response = client.post("/api/ingest", json=body, headers=headers)
        assert response.status_code == 401 and response.json()["status"] == 401
        assert response.headers["www-authenticate"].startswith("Bearer")
    auth = {"Authorization": "Bearer s3cret-token"}
    response = client.post("/api/ingest", json=body, headers=auth)
    assert response.status_code == 201, response.text
    result = response.json()
    assert result["added"] == 1 and len(result["ids"]) == 1
    stored = client.get(f"/api/articles/{result['ids'][0]}").json()["article"]
    assert stored["headline"] == "Vell ferry to stop" and stored["outlet"] == "Coast Wire"
    assert client.post("/api/ingest", json=body, headers=auth).json()["already_present"] == 1
    anonymous = {"text": "The Vell ferry crews accepted the pay offer on Tuesday, the union said, and sailings "
                         "resume on Wednesday morning after a two-day stoppage."}
    first = client.post("/api/ingest", json={"articles": [anonymous]}, headers=auth).json()
    again = client.post("/api/ingest", json={"articles": [article, anonymous]}, headers=auth).json()
    assert first["added"] == 1 and again["added"] == 0 and again["already_present"] == 2
    assert again["ids"][1] == first["ids"][0]  # no URL or outlet: known by its text, wherever it stands
    assert client.post("/api/ingest", json={"articles": []}, headers=auth).status_code == 422
    assert client.post("/api/ingest", json={"articles": [dict(article, extra=1)]}, headers=auth).status_code == 422
    big = client.post("/api/ingest", content=b"x", headers={**auth, "Content-Length": str(64 * 1024 * 1024),
                                                              "Content-Type": "application/json"})
    assert big.status_code == 413 and big.json()["status"] == 413
    assert "/api/ingest" in client.get("/openapi.json").json()["paths"]


def _hostile_comparison() -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """Every compare/brief section, shaped as docs/json-schema.md, carrying hostile strings."""
    a1, a2 = hostile_articles()[:2]
    q = a1.quotes[0]
    f = a2.figures[0]
    cite1 = {"article_id": a1.id, "start": q.start, "end": q.end, "text": q.text}
    cite2 = {"article_id": a2.id, "start": f.start, "end": f.end, "text": f.text}
    head = {"article_id": a1.id, "start": 0, "end": 7, "text": "Council", "field": "headline"}
    t0 = a1.text.index("on Tuesday")
    when = {"article_id": a1.id, "start": t0, "end": t0 + 10, "text": "on Tuesday"}
    sentence = {"article_id": a1.id, "start": 0, "end": t0 + 11, "text": a1.text[:t0 + 11]}
    comparison = {
        "facts": [{"id": "fact-1", "statement": "Fees <b>rise</b>", "support": [cite1, cite2],
                   "independent_sources": 2, "status": "disputed", "asserted_by": "outlet", "outlets": []},
                  {"id": "fact-2", "statement": f"Only {SCRIPT_TEXT}", "support": [cite2],
                   "independent_sources": 1, "status": "single-source", "asserted_by": "outlet",
                   "outlets": ["Coast Wire"]}],
        "conflicts": [{"id": "c-1", "kind": "figure", "about": "fee <script>rise</script>",
                       "sides": [{"claim": "5%", "asserted_by": "outlet", "citation": cite2, "value": 5.0},
                                 {"claim": "<img src=x onerror=alert(3)>", "asserted_by": "person:mara quist",
                                  "citation": cite1, "value": None}], "fact_ids": ["fact-1"]}],
        "quote_variants": [{"id": "qg-1", "speaker": "person:mara quist", "speaker_name": f"Mara {SCRIPT_TEXT}",
                            "speakers": ["person:mara quist"], "attribution_differs": True, "fidelity": "altered",
                            "articles": [a1.id, a2.id], "independent_sources": 2, "variants": [
                                {"article_id": a1.id, "citation": cite1, "fidelity": "verbatim", "kind": "direct",
                                 "speaker": "person:mara quist", "against": 0, "coverage": 1.0,
                                 "diff": [{"op": "equal", "ref": ["We"], "variant": ["We"]}]},
                                {"article_id": a2.id, "citation": cite2, "fidelity": "altered", "kind": "direct",
                                 "speaker": None, "against": 0, "coverage": 0.5,
                                 "diff": [{"op": "equal", "ref": ["We"], "variant": ["We"]},
                                          {"op": "replace", "ref": ["reject"], "variant": ["<del>accept"]},
                                          {"op": "insert", "ref": [], "variant": ["<ins onclick=x>"]}]}]}],
        "exclusives": {"only_in": {"Coast Wire": ["fact-2"]}, "missing_from": {f"Evil{RLO}Gazette <b>": ["fact-1"]}},
        "framing": [{"article_id": a1.id, "kind": "scare_quote", "cue": "Council", "citation": head,
                     "note": "<b>no speaker</b>"}],
        "timeline": [{"id": "ev-1", "date": "2031-05-06", "granularity": "day", "description": sentence,
                      "articles": [a1.id], "inferred_anchor": True,
                      "mentions": [{"article_id": a1.id, "ref": when, "sentence": sentence,
                                    "value": "2031-05-06", "inferred_anchor": True}]}],
        "brief": {"summary": [{"text": f"Summary {SCRIPT_TEXT}", "citations": [cite1, head]}],
                  "disputed": [{"text": "d", "citations": [cite2]}],
                  "timeline": [{"text": "t", "citations": [when], "date": "2031-05-06"}],
                  "quoted": [{"speaker": "person:mara quist", "name": "Mara <i>Quist", "outlets": ["x"],
                              "outlet_count": 1, "utterances": 1, "citations": [cite1]}],
                  "hashtags": ["#PortVell"]},
        "hashtags": ["#PortVell", "#<script>"],
        "entity_links": {},
    }
    return comparison, cite1, cite2


SCRIPT_TEXT = "<script>alert('c')</script>"


def test_stored_comparison_is_shown_cited_and_filterable(tmp_path: Any) -> None:
    db = make_hostile_store(tmp_path / "compared.db")
    a1, a2 = hostile_articles()[:2]
    comparison, cite1, cite2 = _hostile_comparison()
    from storylens.store import open_store

    with open_store(db) as store:
        store.replace_comparison("story-hostile", comparison_from_dict(comparison))
    client = TestClient(create_app(db))
    listed = {s["id"]: s["disputes"] for s in client.get("/api/stories").json()["stories"]}
    assert listed == {"story-hostile": 1, "story-quiet": None}
    assert [s["id"] for s in client.get("/api/stories", params={"has_disputes": "true"}).json()["stories"]] == [
        "story-hostile"]
    body = client.get("/api/stories/story-hostile").json()
    span1 = f"/articles/{a1.id}?start={cite1['start']}&end={cite1['end']}#cited"
    assert body["comparison"]["conflicts"][0]["sides"][1]["citation"]["url"] == span1
    assert body["comparison"]["brief"]["summary"][0]["citations"][0]["url"] == span1
    assert body["comparison"]["brief"]["summary"][0]["citations"][1]["url"] == f"/articles/{a1.id}"  # headline
    assert body["comparison"]["hashtags"] == ["#PortVell", "#<script>"]  # JSON keeps the text as stored
    assert not any("have not run" in n for n in body["notices"])
    page = client.get("/stories/story-hostile").text
    tags = _assert_inert(page)
    assert "fee &lt;script&gt;rise&lt;/script&gt;" in page and "Fees &lt;b&gt;rise&lt;/b&gt;" in page
    assert "Summary &lt;script&gt;" in page and "Mara &lt;i&gt;Quist" in page and "#&lt;script&gt;" in page
    assert "&lt;del&gt;accept" in page and "&lt;ins onclick=x&gt;" in page and "&lt;b&gt;no speaker" in page
    assert page.count("<ins>") == 2 and page.count("<del>") == 1  # the diff's own markup only
    hrefs = [dict(attrs).get("href") for tag, attrs in tags if tag == "a"]
    assert f"/articles/{a2.id}?start={cite2['start']}&end={cite2['end']}#cited" in hrefs
    assert span1 in hrefs
    quiet = client.get("/api/stories/story-quiet").json()
    assert quiet["comparison"] is None and any("have not run" in n for n in quiet["notices"])
