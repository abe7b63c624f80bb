"""The fetcher against a local server (tests/live_site.py): every misbehaving endpoint
becomes one clear Skipped line, within bounds of time and memory; responses are archived."""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping
from datetime import datetime
from pathlib import Path

import httpx
import pytest
from live_site import HUGE_BYTES, LiveServer

from storylens.fetch import Fetched, FetchSettings, open_fetcher, user_agent
from storylens.ingest.warc import read_warc
from storylens.model import RawDocument, Skipped

FAST = FetchSettings(connect_timeout=0.5, read_timeout=0.5, min_interval=0.0, retries=1, backoff=0.01,
                     max_retry_after=2.0, max_bytes=1024 * 1024)


@pytest.fixture(scope="module")
def server() -> Iterator[LiveServer]:
    with LiveServer() as live:
        yield live


def fetch(server: LiveServer, path: str, tmp_path: Path, settings: FetchSettings = FAST) -> Fetched | Skipped:
    with open_fetcher(settings, tmp_path / "archive") as fetcher:
        return fetcher.fetch(server.url(path))


def test_a_page_is_fetched_as_bytes_with_its_content_type_and_archived(server: LiveServer, tmp_path: Path) -> None:
    got = fetch(server, "/news/atlantic-ledger-tavrin-rates.html", tmp_path)
    assert isinstance(got, Fetched) and got.status == 200 and got.mime == "text/html"
    assert got.data.startswith(b"<") and got.fetched_at.tzinfo is not None
    (archived,) = (tmp_path / "archive").glob("*.warc.gz")
    pages = [d for d in read_warc(archived, got.fetched_at) if isinstance(d, RawDocument)]
    assert [p.data for p in pages] == [got.data]
    assert pages[0].url == server.url("/news/atlantic-ledger-tavrin-rates.html")


@pytest.mark.parametrize(("path", "reason"), [
    ("/missing", "HTTP 404 Not Found"),
    ("/broken", "HTTP 500 Internal Server Error (a server error)"),
    ("/busy-forever", "asks to retry after 3600 s, longer than the 2 s Storylens waits"),
    ("/loop-a", "redirect loop ("),
    ("/photo.jpg", "content type image/jpeg is not an article"),
    ("/private/secret.html", "robots.txt of http://127.0.0.1:"),
    ("/slow", "timed out waiting for the server (no data for 0.5 s, fetch.read_timeout)"),
])
def test_each_failure_is_one_clear_line(server: LiveServer, tmp_path: Path, path: str, reason: str) -> None:
    started = time.monotonic()
    got = fetch(server, path, tmp_path)
    assert isinstance(got, Skipped), got
    assert got.source == server.url(path)
    assert reason in got.reason and "\n" not in got.reason
    assert time.monotonic() - started < 2.5


def test_a_100_mb_body_is_cut_at_the_cap_without_reading_it_all(server: LiveServer, tmp_path: Path) -> None:
    got = fetch(server, "/huge", tmp_path)
    assert isinstance(got, Skipped) and got.reason.startswith("too large: more than 1 MiB (fetch.max_bytes)")
    assert server.site.huge_sent < HUGE_BYTES / 4  # the server was stopped far before the end
    (archived,) = (tmp_path / "archive").glob("*.warc.gz")
    assert archived.stat().st_size < 2 * 1024 * 1024


def test_429_with_retry_after_is_retried_after_the_wait(server: LiveServer, tmp_path: Path) -> None:
    started = time.monotonic()
    with open_fetcher(FAST, None) as fetcher:
        got = fetcher.fetch(server.url("/busy"))
        assert isinstance(got, Fetched) and got.status == 200
        assert fetcher.stats.retries == 1
    assert time.monotonic() - started >= 1.0  # Retry-After: 1 was honoured


def test_the_redirect_limit(server: LiveServer, tmp_path: Path) -> None:
    got = fetch(server, "/loop-a", tmp_path, FetchSettings(**{**FAST.__dict__, "max_redirects": 0}))
    assert isinstance(got, Skipped) and got.reason.startswith("more than 0 redirects (fetch.max_redirects)")


def test_the_user_agent_names_storylens_its_version_and_the_contact() -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers["User-Agent"])
        return httpx.Response(200, headers={"Content-Type": "text/plain"}, content=b"ok")

    settings = FetchSettings(min_interval=0.0, contact="ops@example.org")
    from storylens.fetch import Fetcher

    with Fetcher(settings, transport=httpx.MockTransport(handler)) as fetcher:
        assert isinstance(fetcher.fetch("http://example.test/a"), Fetched)
    assert seen == ["Storylens/0.1.0 (+ops@example.org)"] * 2  # robots.txt, then the page
    assert user_agent(FetchSettings()) == "Storylens/0.1.0"


def test_requests_to_one_host_are_spaced_by_the_min_interval(server: LiveServer, tmp_path: Path) -> None:
    settings = FetchSettings(**{**FAST.__dict__, "min_interval": 0.3, "max_connections": 4})
    urls = [server.url(path) for path in sorted(server.site.pages)[:3]]
    started = time.monotonic()
    with open_fetcher(settings, None) as fetcher:
        results = list(fetcher.fetch_many(urls))
    assert all(isinstance(r, Fetched) for r in results)
    assert [r.url for r in results if isinstance(r, Fetched)] == urls  # in the order given
    assert time.monotonic() - started >= 0.3 * 3  # robots.txt + 3 pages, one turn each


class _Validators:
    def __init__(self) -> None:
        self.kept: dict[str, tuple[str | None, str | None]] = {}

    def fetch_validators(self, url: str) -> tuple[str | None, str | None] | None:
        return self.kept.get(url)

    def save_fetch_validators(self, validators: Mapping[str, tuple[str | None, str | None, datetime]]) -> None:
        self.kept.update((url, (etag, modified)) for url, (etag, modified, _at) in validators.items())


def test_a_conditional_get_answered_304_is_not_modified(server: LiveServer, tmp_path: Path) -> None:
    validators = _Validators()
    url = server.url("/news/meridian-press-greymoor-night.html")
    with open_fetcher(FAST, None, validators) as fetcher:
        first = fetcher.fetch(url)
        assert fetcher.keep_validators() == 1
        second = fetcher.fetch(url)
    assert isinstance(first, Fetched) and not first.not_modified and validators.kept[url][0]
    assert isinstance(second, Fetched) and second.not_modified and second.data == b""


def test_validators_are_kept_only_when_the_caller_says_the_fetch_is_committed(server: LiveServer,
                                                                              tmp_path: Path) -> None:
    validators = _Validators()
    url = server.url("/news/meridian-press-greymoor-night.html")
    with open_fetcher(FAST, None, validators) as fetcher:
        first = fetcher.fetch(url)
    assert isinstance(first, Fetched) and validators.kept == {}  # a run that stops here saved nothing
    with open_fetcher(FAST, None, validators) as fetcher:
        again = fetcher.fetch(url)  # so the next run gets the page in full, not a 304
        assert isinstance(again, Fetched) and not again.not_modified and again.data == first.data
        assert fetcher.keep_validators() == 1 and fetcher.keep_validators() == 0
    assert validators.kept[url][0]
