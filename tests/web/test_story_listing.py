"""The one story listing (store.stories.story_rows) behind Store.list_stories and the
web app's filtered list: exact outlet matching, pagination after matching, one order."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from storylens.model import Article
from storylens.store import open_store
from storylens.web import create_app
from storylens.model import Story
from storylens.serialise import story_from_dict


def _story(n: int, outlets: list[str], sources: int, last: str) -> Story:
    return story_from_dict({"id": f"story-{n}", "title": f"Story {n}", "lead": f"a{n}", "articles": [f"a{n}"],
                            "entities": [], "first_published": last, "last_published": last, "outlets": outlets,
                            "independent_sources": sources, "syndication_groups": []})


def _store(tmp_path: Path) -> str:
    db = str(tmp_path / "listing.db")
    stories = [_story(1, ["Coast_Wire"], 1, "2031-05-01T10:00:00+00:00"),
               _story(2, ["CoastXWire"], 3, "2031-05-02T10:00:00+00:00"),
               _story(3, ["Coast_Wire", "Orsa Times"], 2, "2031-05-03T10:00:00+00:00"),
               _story(4, ["Coast_Wire 2"], 2, "2031-05-04T10:00:00+00:00")]
    with open_store(db) as store:
        store.add_articles([Article(id=f"a{n}", source=f"a{n}.txt", text=f"Ferry story number {n} from Orsa.",
                                    paragraphs=[f"Ferry story number {n} from Orsa."]) for n in range(1, 5)])
        store.replace_stories(stories, {f"a{n}": {"story_id": f"story-{n}"} for n in range(1, 5)})
    return db


def test_store_and_web_list_the_same_stories_per_outlet(tmp_path: Path) -> None:
    db = _store(tmp_path)
    with open_store(db) as store:
        assert [s.id for s in store.list_stories()] == ["story-2", "story-4", "story-3", "story-1"]
        # "_" is not a wildcard and a longer name is not a match
        assert [s.id for s in store.list_stories(outlet="Coast_Wire")] == ["story-3", "story-1"]
        assert [s.id for s in store.list_stories(outlet="Coast_Wire", limit=1, offset=1)] == ["story-1"]
        assert store.get_story("story-3").outlets == ["Coast_Wire", "Orsa Times"]  # type: ignore[union-attr]
    client = TestClient(create_app(db))
    listed = client.get("/api/stories", params={"outlet": "Coast_Wire"}).json()
    assert [s["id"] for s in listed["stories"]] == ["story-3", "story-1"] and listed["total"] == 2
    assert listed["stories"][0]["article_count"] == 1 and listed["stories"][0]["outlet_count"] == 2
    schema = client.get("/openapi.json").json()["components"]["schemas"]
    assert "StorySummary" in schema and "StorySummaryOut" not in schema
    assert "null until that stage has run" in schema["StorySummary"]["properties"]["disputes"]["description"]
