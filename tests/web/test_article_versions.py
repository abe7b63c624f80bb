"""A page fetched again with changed text, in the web app (SQLite and PostgreSQL): the
article list and search show the latest version only; an older version's page says it
is one and links the latest; every version's page lists the versions; the story page
says which of its articles were updated. Headlines and outlets here are hostile."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timezone
from typing import Any

import pytest
from fastapi.testclient import TestClient
from web_fixtures import SCRIPT

from storylens.model import Article, Story
from storylens.store import open_store
from storylens.web import create_app

URL = "https://coast-gazette.example/lighthouse"
OUTLET = f"Coast {SCRIPT} Gazette"


def page(id: str, words: str, url: str = URL, headline: str = "Lighthouse to be repainted") -> Article:
    text = f"The harbour council voted to repaint the lighthouse. {words}"
    return Article(id=id, source=url, text=text, paragraphs=[text], url=url, outlet=OUTLET, headline=headline,
                   published=datetime(2031, 3, 5, 9, tzinfo=timezone.utc))


@pytest.fixture(params=("sqlite", "postgresql"))
def client(request: pytest.FixtureRequest, tmp_path: Any) -> Iterator[TestClient]:
    location = str(tmp_path / "versions.db") if request.param == "sqlite" else \
        str(request.getfixturevalue("pg_server").new_database())
    with open_store(location) as store:
        store.add_articles([page("a1000000000000v1", "Work begins in spring.", headline=f"Old {SCRIPT} headline"),
                            page("b2000000000other", "A second lighthouse, further north.",
                                 url="https://coast.example/north", headline="North light")])
        store.add_articles([page("a1000000000000v2", "Work begins in autumn, the council said.")])
        store.replace_stories([Story("story-lights", "a1000000000000v2", "Lighthouses",
                                     ["a1000000000000v2", "b2000000000other"], independent_sources=2)],
                              {"a1000000000000v2": {"story_id": "story-lights"},
                               "b2000000000other": {"story_id": "story-lights"}})
    app = create_app(location)
    with TestClient(app) as test_client:
        yield test_client


def test_the_article_list_and_search_show_the_latest_version_only(client: TestClient) -> None:
    listed = client.get("/api/articles").json()
    assert listed["total"] == 2 and {a["id"] for a in listed["articles"]} == {"a1000000000000v2", "b2000000000other"}
    html = client.get("/articles").text
    assert "/articles/a1000000000000v2" in html and "/articles/a1000000000000v1" not in html
    hits = client.get("/api/search", params={"q": "lighthouse"}).json()["hits"]
    assert {h["article_id"] for h in hits} == {"a1000000000000v2", "b2000000000other"}
    assert client.get("/api/search", params={"q": "spring"}).json()["hits"] == []
    html = client.get("/search", params={"q": "lighthouse"}).text
    assert "/articles/a1000000000000v2" in html and "/articles/a1000000000000v1" not in html


def test_an_older_version_is_reachable_by_id_and_links_the_latest(client: TestClient) -> None:
    old = client.get("/articles/a1000000000000v1")
    assert old.status_code == 200
    assert "An older version" in old.text and 'href="/articles/a1000000000000v2">Read the latest version' in old.text
    assert SCRIPT not in old.text and "&lt;script&gt;" in old.text  # the hostile headline, escaped
    latest = client.get("/articles/a1000000000000v2").text
    assert "An older version" not in latest and 'id="versions"' in latest
    assert 'href="/articles/a1000000000000v1"' in latest and "this version" in latest
    versions = client.get("/api/articles/a1000000000000v2").json()["versions"]
    assert [v["id"] for v in versions] == ["a1000000000000v1", "a1000000000000v2"]
    assert versions[0]["superseded_by"] == "a1000000000000v2" and versions[1]["superseded_at"] is None
    assert client.get("/api/articles/b2000000000other").json()["versions"] == []
    assert 'id="versions"' not in client.get("/articles/b2000000000other").text


def test_the_story_page_says_which_article_was_updated(client: TestClient) -> None:
    story = client.get("/api/stories/story-lights").json()["story"]
    update = story["updated_articles"]["a1000000000000v2"]
    assert update["versions"] == 2 and update["previous"] == ["a1000000000000v1"] and update["updated_at"]
    html = client.get("/stories/story-lights").text
    assert 'id="updated"' in html and "Updated articles (1)" in html
    assert 'href="#updated-a1000000000000v2">updated</a> (version 2)' in html
    assert 'href="/articles/a1000000000000v1"><code>a1000000000000v1</code>' in html
    assert update["updated_at"][:10] in html and " UTC</time>" in html
    assert SCRIPT not in html and "Coast &lt;script&gt;" in html  # the hostile outlet, escaped
