"""End to end in a real browser: Debian's Chromium driven headless by Playwright.

Opens the story list, clicks into a story, follows a citation to the highlighted span,
searches, and checks the hostile articles run no script. Screenshots go to
``test-artifacts/web/`` (look at them). Skipped when /usr/bin/chromium or the
playwright package is missing.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from live_server import live_server

CHROMIUM = Path(os.environ.get("STORYLENS_CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "web"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]

sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright Python package is not installed")
if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium package (apt-get install chromium)",
                allow_module_level=True)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True, timeout=60_000)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    problems: list[str] = []
    page.on("dialog", lambda d: problems.append(f"dialog opened: {d.message}"))
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.problems = problems
    try:
        yield page
    finally:
        context.close()


def _shot(page: Any, name: str, full_page: bool = False) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full_page)


def test_browse_story_follow_citation_and_search(examples_app: FastAPI, page: Any) -> None:
    with live_server(examples_app, max_seconds=120) as base:
        page.goto(base + "/")
        assert page.title() == "Stories · Storylens"
        items = page.locator("li.story-item")
        assert items.count() == examples_app.state.store.count_stories() >= 2
        # The stylesheet loaded (CSP allows 'self' styles): the header has its panel background.
        assert page.eval_on_selector("header.site", "e => getComputedStyle(e).display") == "flex"
        _shot(page, "01-stories")

        title = items.nth(0).locator("a.story-title").inner_text()
        items.nth(0).locator("a.story-title").click()
        page.wait_for_url("**/stories/story-*")
        assert page.locator("h1").inner_text() == title
        columns = page.locator(".side-by-side .column")
        assert columns.count() >= 2
        # Side by side: the first two columns share a row.
        boxes = [columns.nth(i).bounding_box() for i in range(2)]
        assert boxes[0] and boxes[1] and abs(boxes[0]["y"] - boxes[1]["y"]) < 2 and boxes[1]["x"] > boxes[0]["x"]
        _shot(page, "02-story")
        _shot(page, "02-story-full", full_page=True)

        page.locator("a[href$='/records']").first.click()
        page.wait_for_url("**/stories/story-*/records")
        assert page.locator("section.speaker").count() >= 1
        link = page.locator("section.speaker a.citation").first
        quote_text = link.locator("xpath=ancestor::li[1]//q").inner_text()
        link.click()
        page.wait_for_url("**/articles/*?start=*&end=*#cited")
        cited = page.locator(".body mark.cite")
        assert cited.count() >= 1
        assert "".join(cited.all_inner_texts()).split() == quote_text.split()
        anchor_box = page.locator("#cited").bounding_box()
        assert anchor_box is not None and 0 <= anchor_box["y"] < 900, "the cited span is scrolled into view"
        outline = cited.first.evaluate("e => getComputedStyle(e).outlineStyle")
        assert outline == "solid"
        size = "e => getComputedStyle(e).fontSize"
        assert cited.first.evaluate(size) == page.locator(".body p").first.evaluate(size)
        _shot(page, "03-article-cited")

        page.fill("#site-q", "Greymoor")
        page.press("#site-q", "Enter")
        page.wait_for_url("**/search?q=Greymoor")
        hits = page.locator("ol.hits > li")
        assert hits.count() >= 3
        assert page.locator("mark.hit").first.inner_text().casefold() == "greymoor"
        _shot(page, "04-search")
        assert page.problems == []

        page.fill("#q", '"unclosed')
        page.press("#q", "Enter")
        assert "invalid search query" in page.locator("p.error").inner_text()
        _shot(page, "05-search-error")
    # The malformed query is answered 400, which the browser logs; nothing else.
    assert all("status of 400" in p for p in page.problems), page.problems


def test_examples_pages_render(examples_app: FastAPI, page: Any) -> None:
    with live_server(examples_app, max_seconds=120) as base:
        page.goto(base + "/articles")
        assert page.locator("ol.articles > li").count() == 12
        page.locator("ol.articles > li a").first.click()
        page.wait_for_url("**/articles/*")
        assert page.locator(".body p").count() >= 3
        assert page.locator(".body mark.ent").count() > 0 and page.locator(".body mark.time").count() > 0
        assert page.locator("#removed + ol li").count() > 0
        _shot(page, "06-article", full_page=True)
        page.goto(base + "/stories?sort=newest&has_disputes=true")
        assert page.locator("li.story-item").count() >= 1  # the examples' stories have disputed points
    assert page.problems == []


def test_story_comparison_and_brief_citation(examples_app: FastAPI, page: Any) -> None:
    with live_server(examples_app, max_seconds=120) as base:
        page.goto(base + "/")
        page.locator("li.story-item a.story-title").first.click()
        page.wait_for_url("**/stories/story-*")
        grid = page.locator("table.grid")
        assert grid.locator("thead th.outlet-col").count() >= 3
        assert grid.locator("td.cell.supported a").count() > 0 and grid.locator("td.cell.absent").count() > 0
        assert page.locator("section.qgroup").count() >= 1 and page.locator("ol.timeline > li").count() >= 3
        page.locator("#facts").scroll_into_view_if_needed()
        _shot(page, "08-story-grid")
        page.locator("#quote-variants").scroll_into_view_if_needed()
        _shot(page, "09-story-quote-variants")
        page.locator("#timeline").scroll_into_view_if_needed()
        _shot(page, "10-story-timeline-framing")

        line = page.locator("ul.brief > li").first
        sentence = line.locator("span[dir=auto]").first.inner_text()
        link = line.locator("a.citation[href*='?start=']").first
        href = link.get_attribute("href") or ""
        api = href.split("#")[0].replace("/articles/", "/api/articles/", 1)
        cited_text = page.request.get(base + api).json()["citation"]["text"]
        link.click()
        page.wait_for_url("**/articles/*?start=*&end=*#cited")
        cited = page.locator(".body mark.cite")
        assert cited.count() >= 1 and sentence
        assert " ".join("".join(cited.all_inner_texts()).split()) == " ".join((cited_text or "").split())
        box = page.locator("#cited").bounding_box()
        assert box is not None and 0 <= box["y"] < 900, "the cited span is scrolled into view"
        _shot(page, "11-brief-citation")
    assert page.problems == []


def test_hostile_articles_run_no_script(hostile_app: FastAPI, page: Any) -> None:
    from web_fixtures import hostile_articles

    a1 = hostile_articles()[0]
    with live_server(hostile_app, max_seconds=120) as base:
        for path in ("/", "/stories/story-hostile", f"/articles/{a1.id}?start=0&end=80", "/search?q=script"):
            page.goto(base + path)
            assert page.evaluate("typeof window.__pwned") == "undefined"
        page.goto(base + f"/articles/{a1.id}")
        assert page.locator("script").count() == 0 and page.locator(".body img").count() == 0
        assert "<script>alert('x')</script>" in page.locator(".body").inner_text()
        assert "⟨U+202E⟩" in page.locator(".body").inner_text()
        assert page.locator("a[href^='javascript']").count() == 0
        _shot(page, "07-hostile-article", full_page=True)
    # An alert() would have opened a dialog; a blocked inline script would log a CSP error.
    assert page.problems == []
