"""Live sources end to end: `storylens analyze URL`, `ingest URL`, `watch --once` against a
local HTTP server (tests/live_site.py) serving the examples as pages and a summary-only
feed, and endpoints that misbehave. No test touches the internet."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from live_site import HTML_PAGES, LiveServer

from storylens.cli import main
from storylens.store import SQLStore, open_store

FAST = ["--set", "fetch.connect_timeout=0.5", "--set", "fetch.read_timeout=0.5", "--set", "fetch.min_interval=0",
        "--set", "fetch.retries=1", "--set", "fetch.backoff=0.01", "--set", "fetch.max_retry_after=2",
        "--set", "fetch.max_bytes=1048576"]
BAD = {"/slow": "timed out waiting for the server", "/missing": "HTTP 404 Not Found",
       "/broken": "HTTP 500 Internal Server Error", "/busy-forever": "asks to retry after 3600 s",
       "/loop-a": "redirect loop", "/huge": "too large: more than 1 MiB", "/photo.jpg": "content type image/jpeg",
       "/private/secret.html": "robots.txt of http://127.0.0.1:"}


@pytest.fixture()
def server() -> Iterator[LiveServer]:
    with LiveServer() as live:
        yield live


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, [*args, *FAST], catch_exceptions=False, env={"COLUMNS": "1000"})
    return result.exit_code, result.output


def skipped_lines(output: str) -> dict[str, str]:
    return {line.split(": ", 1)[0].removeprefix("skipped "): line for line in output.splitlines()
            if line.startswith("skipped ")}


def test_analyze_urls_fetches_the_feed_s_pages_and_says_what_failed(server: LiveServer, tmp_path: Path) -> None:
    urls = [server.url("/feed.xml"), *(server.url(p) for p in BAD)]
    code, output = run("analyze", *urls, "--out", str(tmp_path / "out"), "--format", "json",
                       "--archive", str(tmp_path / "archive"))
    assert code == 0, output
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    got = {a["url"] for a in report["articles"]}
    assert got == {server.url(f"/news/{name}") for name in HTML_PAGES}  # summary-only entries: pages fetched
    by_source = {s["source"]: s["reason"] for s in report["skipped"]}
    for path, reason in BAD.items():
        assert reason in by_source[server.url(path)], (path, by_source)
    lines = skipped_lines(output)
    assert all(server.url(p) in lines for p in BAD)
    # the archive holds every response and reads back offline as the same pages
    (archive,) = (tmp_path / "archive").glob("*.warc.gz")
    code, output = run("analyze", str(archive), "--out", str(tmp_path / "offline"), "--format", "json")
    offline = json.loads((tmp_path / "offline" / "report.json").read_text())
    assert {a["url"] for a in offline["articles"]} == got
    assert {a["text"] for a in offline["articles"]} == {a["text"] for a in report["articles"]}


def test_ingest_a_page_twice_then_changed_keeps_both_versions(server: LiveServer, tmp_path: Path) -> None:
    db = str(tmp_path / "news.db")
    page = f"/news/{HTML_PAGES[0]}"
    url = server.url(page)
    code, output = run("ingest", server.url("/feed.xml"), server.url("/missing"), "--db", db)
    assert code == 0, output
    assert "3 added" in output and server.url("/missing") in skipped_lines(output)
    assert (tmp_path / "news-archive").is_dir()  # next to the SQLite file
    # unchanged: a conditional GET answered 304, nothing new, not an error
    code, output = run("ingest", url, "--db", db)
    assert code == 0 and "1 unchanged since the last fetch (HTTP 304)" in output, output
    # changed at the same URL: a new version; the old one stays stored
    content_type, body = server.site.pages[page]
    server.site.pages[page] = (content_type, body.replace(b"</p>", b" An update was added later.</p>", 1))
    code, output = run("ingest", url, "--db", db)
    assert code == 0 and "1 added" in output, output
    with open_store(db) as store:
        assert store.count_articles(older_versions=True) == 4 and store.count_articles() == 3
        both = [a for a in store.list_articles(limit=10, older_versions=True) if a.url == url]
        assert len(both) == 2
        info = store.article_versions([a.id for a in both])
        (new_id, versions), = info.items()
        assert versions.versions == 2 and len(versions.previous) == 1
        old_id = versions.previous[0]
        assert [a.id for a in store.list_articles(limit=10) if a.url == url] == [new_id]  # the user's list
        stories = store.list_stories(limit=50)
        members = {i for s in stories for i in s.articles}
        assert new_id in members and old_id not in members  # the latest version is the one grouped
        (story,) = [s for s in stories if new_id in s.articles]
        assert story.updated_articles[new_id].versions == 2
        assert store.get_comparison(story.id) is not None
        text = store.get_article(new_id).text  # type: ignore[union-attr]
        word = max((w for w in text.split() if w.isalpha()), key=len)
    # what a user lists, searches and reads: the latest version, the update said
    code, output = run("articles", "--db", db)
    assert code == 0 and new_id in output and old_id not in output and "3 articles" in output, output
    code, output = run("articles", "--all-versions", "--db", db)
    assert new_id in output and old_id in output and "4 articles" in output, output
    code, output = run("search", word, "--db", db)
    assert code == 0 and new_id in output and old_id not in output, output
    code, output = run("search", word, "--all-versions", "--db", db)
    assert new_id in output and old_id in output, output
    code, output = run("show", story.id, "--db", db)
    assert code == 0 and "Updated (1)" in output and "version 2, updated " in output, output
    assert f"{new_id} (previous: {old_id})" in output


class _Died(Exception):
    """Stands for a process dying (power cut, kill) after its fetches, before its commit."""


def test_a_run_that_dies_between_fetch_and_commit_loses_nothing(server: LiveServer, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    db = str(tmp_path / "news.db")
    page = f"/news/{HTML_PAGES[0]}"
    url = server.url(page)

    def die(*_args: object, **_kwargs: object) -> None:
        raise _Died

    with monkeypatch.context() as patched:
        patched.setattr(SQLStore, "add_articles", die)
        with pytest.raises(_Died):
            run("ingest", url, "--db", db)
    assert server.site.hits[page] == 1  # the page was fetched (with its ETag) but never committed
    with open_store(db) as store:
        assert store.count_articles() == 0 and store.fetch_validators(url) is None
    # the next run gets the page in full (not a 304 for a page never stored) and stores it
    code, output = run("ingest", url, "--db", db)
    assert code == 0 and "1 added" in output and "HTTP 304" not in output, output
    with open_store(db) as store:
        assert [a.url for a in store.list_articles()] == [url] and store.fetch_validators(url) is not None
    # now that it is stored, the validator is kept: the run after that is a 304
    code, output = run("ingest", url, "--db", db)
    assert code == 0 and "1 unchanged since the last fetch (HTTP 304)" in output, output


def test_a_wrong_charset_header_does_not_garble_the_text(server: LiveServer, tmp_path: Path) -> None:
    text = "<html><head><title>Café crème</title></head><body>" + "".join(
        f"<p>Le café de la gare a rouvert ses portes après {n} mois de travaux, à la joie des habitués.</p>"
        for n in range(2, 12)) + "</body></html>"
    server.site.pages["/news/cafe.html"] = ("text/html; charset=iso-8859-1", text.encode("utf-8"))
    code, output = run("analyze", server.url("/news/cafe.html"), "--out", str(tmp_path / "out"), "--format", "json",
                       "--archive", str(tmp_path / "archive"))
    assert code == 0, output
    (article,) = json.loads((tmp_path / "out" / "report.json").read_text())["articles"]
    assert "après 2 mois" in article["text"] and "Ã" not in article["text"]


def test_watch_once_reads_an_opml_list_of_feeds(server: LiveServer, tmp_path: Path) -> None:
    db = str(tmp_path / "watch.db")
    code, output = run("watch", server.url("/feeds.opml"), "--once", "--db", db)
    assert code == 0, output
    assert "round 1" in output and "watched 1 rounds: 3 added" in output
    assert "missing.xml could not be fetched: HTTP 404" in output
    code, output = run("watch", server.url("/feeds.opml"), "--once", "--db", db)
    assert "0 added" in output
    with open_store(db) as store:
        assert store.count_articles() == 3


def test_a_sitemap_by_url_is_expanded_to_its_pages(server: LiveServer, tmp_path: Path) -> None:
    code, output = run("analyze", server.url("/sitemap.xml"), "--out", str(tmp_path / "out"), "--format", "json",
                       "--archive", str(tmp_path / "archive"))
    assert code == 0, output
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    assert {a["url"] for a in report["articles"]} == {server.url(f"/news/{n}") for n in HTML_PAGES[:2]}


def test_ctrl_c_in_watch_finishes_the_round_and_exits_cleanly(server: LiveServer, tmp_path: Path) -> None:
    """`storylens watch FEED --every 1s` as a process of its own: SIGINT after the first round
    ends it with exit status 0, the summary, and every article of the round stored."""
    db = tmp_path / "watch.db"
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "COLUMNS": "1000"}
    process = subprocess.Popen([sys.executable, "-m", "storylens", "watch", server.url("/feed.xml"), "--every", "1s",
                                "--db", str(db), *FAST], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env=env, cwd=tmp_path)
    lines: list[str] = []
    watchdog = threading.Timer(120, process.kill)  # a hung process fails the test, not the suite
    watchdog.start()
    try:
        assert process.stdout is not None
        for line in process.stdout:  # the first round's line, then Ctrl-C
            lines.append(line)
            if line.startswith("round 1 "):
                break
        assert lines and lines[-1].startswith("round 1 (") and "3 added" in lines[-1], lines
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=120)
    finally:
        watchdog.cancel()
        if process.poll() is None:
            process.kill()
            process.wait()
    output = "".join(lines) + out
    assert process.returncode == 0, (output, err)
    assert "stopping after this round" in err and "Traceback" not in err, err
    assert re.search(r"watched \d+ rounds: 3 added, \d+ already stored, 0 skipped; \d+ stories in ", output), output
    with open_store(str(db)) as store:
        assert {a.url for a in store.list_articles()} == {server.url(f"/news/{name}") for name in HTML_PAGES}
        stories = store.list_stories()
        assert stories and all(store.get_comparison(s.id) is not None for s in stories)
        assert store.fetch_validators(server.url(f"/news/{HTML_PAGES[0]}")) is not None
