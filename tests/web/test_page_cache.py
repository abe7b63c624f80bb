"""Rendered pages are served from the cache until the store file changes."""

from fastapi.testclient import TestClient

from storylens.model import Article
from storylens.store import open_store
from storylens.web import create_app
from storylens.model import Story
from storylens.serialise import story_from_dict


def _story(title: str) -> Story:
    return story_from_dict({"id": "story-c1", "title": title, "lead": "c1", "articles": ["c1"], "entities": [],
                            "first_published": None, "last_published": None, "outlets": ["Vellmar Courier"],
                            "independent_sources": 1, "syndication_groups": []})


def test_story_page_is_cached_until_the_store_changes(tmp_path):
    db = str(tmp_path / "s.db")
    text = "The Orsa ferry resumed its crossings on Monday after the flood."
    with open_store(db) as store:
        store.add_articles([Article(id="c1", source="c1.txt", text=text, paragraphs=[text], outlet="Vellmar Courier")])
        store.replace_stories([_story("Ferry back in service")], {"c1": {"story_id": "story-c1"}})
    app = create_app(db)
    cache = app.state.page_cache
    rendered = []
    original = cache.get_or_render

    def counting(key, render):
        return original(key, lambda: rendered.append(key) or render())

    cache.get_or_render = counting
    with TestClient(app) as client:
        first = client.get("/stories/story-c1")
        second = client.get("/stories/story-c1")
        assert first.status_code == second.status_code == 200
        assert first.text == second.text and "Ferry back in service" in first.text
        assert len(rendered) == 1  # the second request was served from the cache
        assert second.headers.get("content-security-policy") == first.headers.get("content-security-policy")
        with open_store(db) as store:  # another process changes the store
            store.replace_stories([_story("Ferry crossings resume")], {"c1": {"story_id": "story-c1"}})
        third = client.get("/stories/story-c1")
        assert "Ferry crossings resume" in third.text and len(rendered) == 2
        assert client.get("/stories/story-missing").status_code == 404
        assert client.get("/stories/story-missing").status_code == 404
        assert rendered.count("/stories/story-missing?") == 2  # errors are never cached


def test_api_story_list_reuses_the_listing_until_the_store_changes(tmp_path, monkeypatch):
    db = str(tmp_path / "s.db")
    text = "The Orsa ferry resumed its crossings on Monday after the flood."
    with open_store(db) as store:
        store.add_articles([Article(id="c1", source="c1.txt", text=text, paragraphs=[text], outlet="Vellmar Courier")])
        store.replace_stories([_story("Ferry back in service")], {"c1": {"story_id": "story-c1"}})
    computed = []
    app = create_app(db)
    original = app.state.store.list_story_summaries
    monkeypatch.setattr(app.state.store, "list_story_summaries", lambda flt: computed.append(flt) or original(flt))
    with TestClient(app) as client:
        assert client.get("/api/stories").json()["stories"][0]["title"] == "Ferry back in service"
        assert client.get("/api/stories", params={"offset": 1}).json()["total"] == 1
        assert client.get("/stories").status_code == 200
        assert len(computed) == 1  # one listing for both offsets and the HTML list
        client.get("/api/stories", params={"sort": "newest"})
        assert len(computed) == 2  # another filter, another listing
        with open_store(db) as store:
            store.replace_stories([_story("Ferry crossings resume")], {"c1": {"story_id": "story-c1"}})
        assert client.get("/api/stories").json()["stories"][0]["title"] == "Ferry crossings resume"
        assert len(computed) == 3
