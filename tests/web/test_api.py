"""JSON API over the examples corpus and the small hostile store (FastAPI TestClient)."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from storylens.web import create_app


def _error(response: Any, status: int) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"status", "message"}
    assert body["status"] == status
    assert isinstance(body["message"], str) and body["message"]
    return str(body["message"])


def test_story_list_counts_and_fields(examples: TestClient) -> None:
    body = examples.get("/api/stories").json()
    n_stories = examples.app.state.store.count_stories()  # type: ignore[attr-defined]
    assert n_stories >= 2, "the examples corpus covers two events"
    assert body["total"] == n_stories and body["limit"] == 20 and body["offset"] == 0 and body["sort"] == "covered"
    first = body["stories"][0]
    assert set(first) >= {"id", "title", "lead", "first_published", "last_published", "article_count",
                          "outlet_count", "independent_sources", "outlets", "disputes"}
    sources = [s["independent_sources"] for s in body["stories"]]
    assert sources == sorted(sources, reverse=True)
    assert sum(s["article_count"] for s in body["stories"]) == 12


def test_story_list_newest_first(examples: TestClient) -> None:
    stories = examples.get("/api/stories", params={"sort": "newest"}).json()["stories"]
    from storylens.store.listing import parse_time

    lasts = [parse_time(s["last_published"]) for s in stories]
    assert lasts == sorted(lasts, reverse=True)  # type: ignore[type-var]


def test_story_list_filters(hostile: TestClient) -> None:
    ids = lambda **p: [s["id"] for s in hostile.get("/api/stories", params=p).json()["stories"]]  # noqa: E731
    assert ids() == ["story-hostile", "story-quiet"]
    assert ids(outlet="Coast Wire") == ["story-hostile", "story-quiet"]
    assert ids(outlet="Coast") == []  # exact outlet names only
    assert ids(since="2031-05-07", until="2031-05-07") == ["story-hostile"]  # overlaps the span
    assert ids(since="2031-05-08") == ["story-quiet"]
    assert ids(until="2031-05-05") == []
    body = hostile.get("/api/stories", params={"has_disputes": "true"}).json()
    assert body["stories"] == [] and any("compare stage" in n for n in body["notices"])
    assert ids(has_disputes="false") == ["story-hostile", "story-quiet"]
    _error(hostile.get("/api/stories", params={"since": "yesterday"}), 422)
    _error(hostile.get("/api/stories", params={"sort": "random"}), 422)


def test_pagination_and_bounds(examples: TestClient) -> None:
    all_ids = [s["id"] for s in examples.get("/api/stories").json()["stories"]]
    page = examples.get("/api/stories", params={"limit": 1, "offset": 1}).json()
    assert [s["id"] for s in page["stories"]] == all_ids[1:2] and page["total"] == len(all_ids)
    assert examples.get("/api/stories", params={"offset": 500}).json()["stories"] == []
    assert "limit" in _error(examples.get("/api/stories", params={"limit": 0}), 422)
    assert "limit" in _error(examples.get("/api/stories", params={"limit": 101}), 422)
    assert "offset" in _error(examples.get("/api/stories", params={"offset": 10**12}), 422)
    _error(examples.get("/api/articles", params={"offset": -1}), 422)
    _error(examples.get("/api/articles", params={"limit": "ten"}), 422)
    articles = examples.get("/api/articles", params={"limit": 5, "offset": 10}).json()
    assert articles["total"] == 12 and len(articles["articles"]) == 2


def test_story_page_cites_exact_spans(examples: TestClient) -> None:
    story_id = examples.get("/api/stories").json()["stories"][0]["id"]
    body = examples.get(f"/api/stories/{story_id}").json()
    assert body["story"]["id"] == story_id
    assert [a["id"] for a in body["articles"]] == body["story"]["articles"]
    assert body["quotes"] and body["figures"] and body["time_refs"]
    assert body["comparison"] is not None and not any("have not run" in n for n in body["notices"])
    texts: dict[str, str] = {}
    for kind, key in (("quotes", "quote"), ("figures", "figure"), ("time_refs", "time_ref")):
        for cited in body[kind][:5]:
            c = cited["citation"]
            if c["article_id"] not in texts:
                texts[c["article_id"]] = examples.get(f"/api/articles/{c['article_id']}").json()["article"]["text"]
            assert texts[c["article_id"]][c["start"]:c["end"]] == cited[key]["text"]
            assert c["url"] == f"/articles/{c['article_id']}?start={c['start']}&end={c['end']}#cited"
            opened = examples.get(c["url"].split("#")[0].replace("/articles/", "/api/articles/")).json()
            assert opened["citation"]["text"] == cited[key]["text"]


def test_story_records_page_and_its_json_twin(examples: TestClient) -> None:
    story_id = examples.get("/api/stories").json()["stories"][0]["id"]
    story = examples.get(f"/api/stories/{story_id}").json()
    records = examples.get(f"/api/stories/{story_id}/records").json()
    assert records["story_id"] == story_id
    for kind in ("quotes", "figures", "time_refs"):
        assert records[kind] == story[kind] and records[kind]
    page = examples.get(f"/stories/{story_id}/records").text
    for cited in records["quotes"]:
        assert f'href="{cited["citation"]["url"]}"'.replace("&", "&amp;") in page
    assert f'href="/stories/{story_id}/records"' in examples.get(f"/stories/{story_id}").text
    assert "no story" in _error(examples.get("/api/stories/story-nope/records"), 404)
    assert examples.get("/stories/story-nope/records").status_code == 404


def test_article_page_fields_and_links(examples: TestClient) -> None:
    listed = examples.get("/api/articles", params={"limit": 100}).json()["articles"]
    assert len(listed) == 12
    grouped = [a for a in listed if a["syndication_group"]]
    assert grouped, "the examples corpus has a Harbor Wire syndication group"
    body = examples.get(f"/api/articles/{grouped[0]['id']}").json()
    article = body["article"]
    assert set(article) >= {"id", "source", "text", "removed", "entities", "quotes", "figures", "time_refs",
                            "syndication_group", "duplicate_of", "story_id"}
    assert body["syndication_group"]["id"] == grouped[0]["syndication_group"]
    assert article["id"] in body["syndication_group"]["members"]
    assert body["citation"] is None
    assert any(a["removed"] for a in [examples.get(f"/api/articles/{x['id']}").json()["article"] for x in listed])


def test_citation_bounds(hostile: TestClient) -> None:
    article_id = hostile.get("/api/articles", params={"limit": 100}).json()["articles"][0]["id"]
    n = len(hostile.get(f"/api/articles/{article_id}").json()["article"]["text"])
    ok = hostile.get(f"/api/articles/{article_id}", params={"start": 0, "end": n}).json()
    assert len(ok["citation"]["text"]) == n
    for params in ({"start": 5, "end": 5}, {"start": 0, "end": n + 1}, {"start": 9, "end": 3}, {"start": 2}):
        _error(hostile.get(f"/api/articles/{article_id}", params=params), 422)
    _error(hostile.get(f"/api/articles/{article_id}", params={"start": -1, "end": 3}), 422)


def test_unknown_and_malformed_ids(examples: TestClient) -> None:
    assert "no article" in _error(examples.get("/api/articles/0000000000000000"), 404)
    assert "no story" in _error(examples.get("/api/stories/story-nope"), 404)
    _error(examples.get("/api/articles/" + "a" * 500), 422)
    _error(examples.get("/api/articles/%00%3Cscript%3E"), 404)
    _error(examples.get("/api/no-such-endpoint"), 404)
    _error(examples.post("/api/stories"), 405)


def test_search_snippets_and_errors(examples: TestClient) -> None:
    body = examples.get("/api/search", params={"q": "Greymoor"}).json()
    assert body["hits"]
    for hit in body["hits"]:
        assert hit["matches"]
        for m in hit["matches"]:
            assert hit["snippet"][m["start"]:m["end"]].casefold().startswith("greymoor")
        assert "\ue000" not in hit["snippet"] and "\ue001" not in hit["snippet"]
    one = examples.get("/api/search", params={"q": "Greymoor", "limit": 1, "offset": 1}).json()
    assert one["hits"][0]["article_id"] == body["hits"][1]["article_id"]
    for bad in ('"unclosed', "AND", "NOT OR (", "col:umn:x"):
        message = _error(examples.get("/api/search", params={"q": bad}), 400)
        assert "invalid search query" in message
    _error(examples.get("/api/search", params={"q": "  "}), 422)
    _error(examples.get("/api/search"), 422)
    _error(examples.get("/api/search", params={"q": "dam", "offset": 990, "limit": 20}), 422)
    _error(examples.get("/api/search", params={"q": "x" * 501}), 422)


def test_openapi_schema_describes_api_and_error_shape(examples: TestClient) -> None:
    schema = examples.get("/openapi.json").json()
    assert {"/api/stories", "/api/stories/{story_id}", "/api/articles", "/api/articles/{article_id}",
            "/api/search"} <= set(schema["paths"])
    assert "/api/ingest" not in schema["paths"]
    assert not any(p.startswith("/stories") or p == "/" for p in schema["paths"])  # pages are not API
    for path in schema["paths"].values():
        for op in path.values():
            assert op["responses"]["422"]["content"]["application/json"]["schema"] == {
                "$ref": "#/components/schemas/ErrorBody"}
    assert "HTTPValidationError" not in schema["components"]["schemas"]
    assert examples.get("/docs").status_code == 404  # Swagger UI needs inline scripts and a CDN


def test_unexpected_error_is_500_without_details(examples_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    app = create_app(examples_db)

    def boom(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(app.state.store, "get_story_page", boom)
    client = TestClient(app, raise_server_exceptions=False)
    story_id = client.get("/api/stories").json()["stories"][0]["id"]
    response = client.get(f"/api/stories/{story_id}")
    message = _error(response, 500)
    assert "secret" not in message and "Traceback" not in response.text
    assert "script-src" not in response.headers["content-security-policy"]
    page = client.get(f"/stories/{story_id}")
    assert page.status_code == 500 and "text/html" in page.headers["content-type"]
    assert "secret" not in page.text and "Error 500" in page.text
    assert page.headers["content-security-policy"].startswith("default-src 'none'")


def test_store_error_is_503(examples_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from storylens.errors import StoreError

    app = create_app(examples_db)

    def broken(*_args: object, **_kwargs: object) -> None:
        raise StoreError("cannot read store /secret/path.db: disk I/O error")

    monkeypatch.setattr(app.state.store, "get_article", broken)
    message = _error(TestClient(app).get("/api/articles/0123456789abcdef"), 503)
    assert "/secret" not in message


def test_page_errors_are_html_with_the_same_status(examples: TestClient) -> None:
    page = examples.get("/articles/0000000000000000")
    assert page.status_code == 404 and "text/html" in page.headers["content-type"]
    assert "no article with id" in page.text
    as_json = examples.get("/articles/0000000000000000", headers={"Accept": "application/json"})
    _error(as_json, 404)
    assert examples.get("/stories", params={"limit": 1000}).status_code == 422

