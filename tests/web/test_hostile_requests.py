"""Hostile requests get a clear 4xx in the one error shape, or are served: extreme date
filters, ingest dates a store cannot hold, request bodies over the limit however they
are sent (chunked ones counted as they arrive), costly searches (a term budget and a time
budget), and HEAD wherever GET is answered. Articles are written here (fictional)."""

from __future__ import annotations

import asyncio
import socket
import time
from typing import Any
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient
from live_server import live_server
from web_fixtures import make_hostile_store

from storylens.model import Article
from storylens.store import open_store
from storylens.store.listing import SearchBudget, SearchTooCostly, check_search_terms
from storylens.web import create_app
from storylens.web.settings import WebSettings
from storylens.serialise import story_from_dict

MAX_BODY_BYTES = WebSettings().max_body_bytes
TOKEN = "hostile-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def _error(response: Any, status: int) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"status", "message"} and body["status"] == status
    return str(body["message"])


@pytest.fixture()
def writable(tmp_path: Any) -> TestClient:
    db = make_hostile_store(tmp_path / "hostile-writable.db")
    return TestClient(create_app(db, allow_ingest=True, ingest_token=TOKEN), raise_server_exceptions=False)


# -- date filters ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/api/stories", "/stories", "/"])
def test_date_filters_at_the_ends_of_the_calendar_are_served(hostile: TestClient, path: str) -> None:
    for params, expected in (({"until": "9999-12-31"}, 2), ({"since": "0001-01-01"}, 2),
                             ({"since": "0001-01-01", "until": "9999-12-31"}, 2), ({"since": "9999-12-31"}, 0),
                             ({"until": "0001-01-01"}, 0), ({"since": "9999-12-31", "until": "0001-01-01"}, 0)):
        response = hostile.get(path, params=params)
        assert response.status_code == 200, (params, response.text)
        if path == "/api/stories":
            assert response.json()["total"] == expected, params
    _error(hostile.get("/api/stories", params={"until": "10000-01-01"}), 422)
    _error(hostile.get("/api/stories", params={"since": "0000-12-31"}), 422)


def test_stored_times_at_the_ends_of_the_calendar_do_not_break_the_list(tmp_path: Any) -> None:
    db = str(tmp_path / "ends.db")
    text = "The Brannholm tide gauge was read at dawn, the harbour office said."
    with open_store(db) as store:
        store.add_articles([Article(id="e1", source="e1.txt", text=text, paragraphs=[text], outlet="Orsa Post")])
        story = {"id": "story-ends", "title": "Tide gauge", "lead": "e1", "articles": ["e1"], "entities": [],
                 "first_published": "0001-01-01T00:00:00+14:00", "last_published": "9999-12-31T23:59:59-14:00",
                 "outlets": ["Orsa Post"], "independent_sources": 1, "syndication_groups": []}
        store.replace_stories([story_from_dict(story)], {"e1": {"story_id": "story-ends"}})
    client = TestClient(create_app(db))
    for params in ({}, {"sort": "newest"}, {"until": "9999-12-31"}, {"since": "0001-01-01"}, {"since": "5000-01-01"}):
        response = client.get("/api/stories", params=params)
        assert response.status_code == 200 and response.json()["total"] == 1, (params, response.text)
        assert client.get("/stories", params=params).status_code == 200


# -- ingest ---------------------------------------------------------------------------------


_TEXT = ("The Eskerby bridge reopened to lorries on Thursday after three weeks of repairs, the county "
         "roads office said, adding that a weight limit of 30 tonnes stays in place.")


@pytest.mark.parametrize("field, value, why", [
    ("published", "0001-01-01T00:00:00+14:00", "years 1 to 9999"),
    ("published", "9999-12-31T23:59:59-14:00", "years 1 to 9999"),
    ("updated", "0001-01-01T03:00:00+05:00", "years 1 to 9999"),
    ("published", "2031-01-01T00:00:00+25:00", "24 hours or more"),
])
def test_ingest_refuses_a_time_no_store_can_hold(writable: TestClient, field: str, value: str, why: str) -> None:
    body = {"articles": [{"text": _TEXT, "outlet": "Sundmark Post"}, {"text": _TEXT + " More later.", field: value}]}
    message = _error(writable.post("/api/ingest", json=body, headers=AUTH), 422)
    assert f"articles.1.{field}" in message and value in message and why in message
    assert writable.get("/api/articles").json()["total"] == 3  # nothing of the batch was added


def test_ingest_serves_other_hostile_bodies(writable: TestClient) -> None:
    items = [{"text": _TEXT, "published": "not a date at all"},
             {"text": "<script>alert(1)</script> " + _TEXT, "headline": "\x00\x01<b>", "url": "http://[::1"},
             {"text": _TEXT + " \u202e\u200b", "published": "0001-01-02T00:00:00", "language": "\x00"},
             {"text": "\x00\x01\x02"}]
    response = writable.post("/api/ingest", json={"articles": items}, headers=AUTH)
    assert response.status_code == 201, response.text
    result = response.json()
    assert len(result["ids"]) + len(result["skipped"]) == len(items)  # every item accounted for
    raw = '{"articles": [{"text": "Eskerby \\ud800 bridge"}]}'
    message = _error(writable.post("/api/ingest", content=raw, headers={**AUTH, "Content-Type": "application/json"}),
                     422)
    assert "articles.0.text" in message


# -- request bodies over the limit ----------------------------------------------------------


def test_a_chunked_body_over_the_limit_is_refused_once_the_limit_is_read(hostile_db: str) -> None:
    """Driven over ASGI directly, so that the body arrives in chunks as a server passes them on."""
    app = create_app(hostile_db, allow_ingest=True, ingest_token=TOKEN)
    chunk = b"x" * (1024 * 1024)
    sent = 0
    messages: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if sent >= 64 * len(chunk):
            return {"type": "http.request", "body": b"", "more_body": False}
        sent += len(chunk)
        return {"type": "http.request", "body": chunk, "more_body": True}

    async def send(message: dict[str, Any]) -> None:
        messages.append(message)

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST", "scheme": "http",
             "path": "/api/ingest", "raw_path": b"/api/ingest", "root_path": "", "query_string": b"",
             "server": ("127.0.0.1", 8000), "client": ("127.0.0.1", 50000),
             "headers": [(b"host", b"127.0.0.1"), (b"content-type", b"application/json"),
                         (b"transfer-encoding", b"chunked"), (b"authorization", f"Bearer {TOKEN}".encode())]}
    asyncio.run(app(scope, receive, send))  # type: ignore[arg-type]
    start = next(m for m in messages if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in messages if m["type"] == "http.response.body")
    assert start["status"] == 413 and b'"status":413' in body and str(MAX_BODY_BYTES).encode() in body
    assert sent <= MAX_BODY_BYTES + len(chunk)  # it stopped reading at the limit


def test_a_chunked_body_over_the_limit_is_refused_by_a_real_server(hostile_db: str) -> None:
    app = create_app(hostile_db, allow_ingest=True, ingest_token=TOKEN)
    chunk = b"x" * (256 * 1024)
    frame = f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n"
    with live_server(app, max_seconds=60) as url:
        address = urlsplit(url)
        with socket.create_connection((address.hostname, address.port), timeout=20) as sock:
            sock.sendall(b"POST /api/ingest HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                         b"Transfer-Encoding: chunked\r\nAuthorization: Bearer " + TOKEN.encode() + b"\r\n\r\n")
            sent = 0
            started = time.monotonic()
            try:
                while sent < 64 * 1024 * 1024:
                    sock.sendall(frame)
                    sent += len(chunk)
            except OSError:
                pass  # the server answered and closed the connection while the body was still coming
            answer = b""
            try:
                while b"\r\n\r\n" not in answer or b"}" not in answer:
                    data = sock.recv(65536)
                    if not data:
                        break
                    answer += data
            except OSError:
                pass
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    assert b'"status":413' in answer
    assert b"connection: close" in answer.lower()
    assert sent < 32 * 1024 * 1024 and time.monotonic() - started < 15  # the limit and what the sockets buffer


def test_a_declared_length_over_the_limit_is_refused_before_reading(hostile: TestClient) -> None:
    response = hostile.post("/api/ingest", content=b"{}", headers={"Content-Length": str(MAX_BODY_BYTES + 1),
                                                                   "Content-Type": "application/json"})
    assert "request body too large" in _error(response, 413)
    assert response.headers["connection"] == "close"


# -- search cost ----------------------------------------------------------------------------


def test_search_term_budget_counts_words_and_prefixes() -> None:
    budget = SearchBudget(max_terms=6, max_prefixes=2, seconds=1.0)
    for ok in ("harbour", "e* f*", 'ferry AND "port vell" OR NOT dam', '"a b c d e f"', "NEAR(a b, 3) c*",
               'headline:ferry "rates"*'):
        check_search_terms(ok, budget)
    for costly, what in (("e* f* g*", "3 prefix terms"), ('"e* f*" g*', "3 prefix terms"),
                         ('"a b" c*  "d"* e*', "3 prefix terms"), ("a b c d e f g", "7 words"),
                         ('"a b c d" e f g', "7 words"), ("a OR b OR c OR d OR e OR f OR g", "7 words")):
        with pytest.raises(SearchTooCostly, match=what):
            check_search_terms(costly, budget)


@pytest.mark.parametrize("query, why", [(" ".join(["e*"] * 16), "16 prefix terms"),
                                        (" ".join(f"word{i}" for i in range(40)), "40 words")])
def test_a_search_over_the_term_budget_is_a_400_that_says_why(hostile: TestClient, query: str, why: str) -> None:
    message = _error(hostile.get("/api/search", params={"q": query}), 400)
    assert message.startswith("search too costly") and why in message
    page = hostile.get("/search", params={"q": query})
    assert page.status_code == 400 and why in page.text


def test_a_search_past_its_time_is_stopped_and_answered_400(tmp_path: Any) -> None:
    db = str(tmp_path / "many.db")
    words = "eel ebb echo edge eider elm ember emu engine epoch era estuary ether evening ewe exit eyot".split()
    with open_store(db) as store:
        store.add_articles([
            Article(id=f"m{i:04d}", source=f"m{i}.txt", outlet="Halden Bay Times",
                    text=(t := f"Report {i}: " + " ".join(words[(i + k) % len(words)] for k in range(60)) + "."),
                    paragraphs=[t]) for i in range(300)])
    client = TestClient(create_app(db))
    assert len(client.get("/api/search", params={"q": "e* estuary"}).json()["hits"]) == 20
    client.app.state.web_settings = WebSettings(search_seconds=0.0)  # type: ignore[attr-defined]
    started = time.perf_counter()
    message = _error(client.get("/api/search", params={"q": "e* estuary"}), 400)
    assert "ran past its 0 s" in message and time.perf_counter() - started < 5
    client.app.state.web_settings = WebSettings()  # type: ignore[attr-defined]
    assert len(client.get("/api/search", params={"q": "e* estuary"}).json()["hits"]) == 20  # connection unharmed
    with open_store(db) as store:  # without a budget (the CLI), the store stops nothing
        assert len(store.search("e* f* g* h* i* j*", limit=5)) == 0
        assert len(store.search("e*", limit=5)) == 5


# -- HEAD -----------------------------------------------------------------------------------


def test_head_is_answered_wherever_get_is(hostile: TestClient) -> None:
    story_id = hostile.get("/api/stories").json()["stories"][0]["id"]
    article_id = hostile.get("/api/articles").json()["articles"][0]["id"]
    paths = ["/", "/stories?sort=newest", f"/stories/{story_id}", f"/stories/{story_id}/records", "/articles",
             f"/articles/{article_id}?start=0&end=4", "/search?q=harbour", "/api/stories", f"/api/stories/{story_id}",
             f"/api/articles/{article_id}", "/api/search?q=harbour", "/openapi.json", "/static/style.css",
             "/stories/story-missing", "/api/search?q=" + "+".join(["e*"] * 16), "/nowhere"]
    for path in paths:
        get, head = hostile.get(path), hostile.head(path)
        assert head.status_code == get.status_code and head.status_code != 405, path
        assert head.content == b"", path
        for header in ("content-type", "content-length", "content-security-policy"):
            assert head.headers.get(header) == get.headers.get(header), (path, header)
    assert hostile.head("/api/ingest").status_code == 405  # POST only: no GET, so no HEAD


# -- limits from the web settings ------------------------------------------------------------


def test_the_web_settings_set_the_limits(tmp_path: Any) -> None:
    """The ``web`` section given to the app (as ``storylens serve`` gives the loaded
    settings) bounds bodies, pages and search; the defaults stay as documented."""
    db = make_hostile_store(tmp_path / "limits.db")
    small = WebSettings(max_body_bytes=64, max_limit=5, max_offset=10, max_search_window=8, search_max_terms=2)
    client = TestClient(create_app(db, allow_ingest=True, ingest_token=TOKEN, settings=small),
                        raise_server_exceptions=False)
    body = b'{"articles": [' + b" " * 100 + b"]}"
    assert "at most 64 bytes" in _error(client.post("/api/ingest", content=body, headers={**AUTH, "Content-Type":
                                                                                           "application/json"}), 413)
    assert "web.max_limit" in _error(client.get("/api/stories", params={"limit": 6}), 422)
    assert client.get("/api/stories", params={"limit": 5}).status_code == 200
    assert "web.max_offset" in _error(client.get("/api/articles", params={"offset": 11}), 422)
    assert "web.max_search_window" in _error(client.get("/api/search", params={"q": "a", "offset": 4, "limit": 1}), 422)
    assert "3 words" in _error(client.get("/api/search", params={"q": "a b c", "limit": 1}), 400)
    defaults = TestClient(create_app(db), raise_server_exceptions=False)
    assert defaults.get("/api/stories", params={"limit": 100}).status_code == 200
    assert "web.max_limit" in _error(defaults.get("/api/stories", params={"limit": 101}), 422)
