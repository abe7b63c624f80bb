"""Versions of a page fetched again (``store.versions``), on both backends: the lists a
user reads (articles, counts, search, a story's members) hold the latest version only;
older versions stay stored, readable by id and listed in the latest one's history."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timezone

import pytest

from storylens.model import Article, Story
from storylens.store import Store, open_store

URL = "https://coast-gazette.example/lighthouse"


def page(id: str, words: str, url: str = URL) -> Article:
    text = f"The harbour council voted to repaint the lighthouse. {words}"
    return Article(id=id, source=url, text=text, paragraphs=[text], url=url, outlet="Coast Gazette",
                   headline="Lighthouse to be repainted", published=datetime(2024, 3, 5, 9, tzinfo=timezone.utc))


@pytest.fixture()
def store(location: str) -> Iterator[Store]:
    with open_store(location) as s:
        s.add_articles([page("v1", "Work begins in spring."),
                        page("other", "A second lighthouse, further north.", url="https://coast.example/north")])
        s.replace_stories([Story("story-1", "v1", "Lighthouse", ["v1", "other"], independent_sources=2)],
                          {"v1": {"story_id": "story-1"}, "other": {"story_id": "story-1"}})
        s.add_articles([page("v2", "Work begins in summer.")])  # fetched again, changed
        s.add_articles([page("v3", "Work begins in autumn, the council said.")])
        yield s


def test_the_lists_hold_the_latest_version_only(store: Store) -> None:
    assert {a.id for a in store.list_articles()} == {"v3", "other"}
    assert store.count_articles() == 2 and store.count_articles("Coast Gazette") == 2
    assert {a.id for a in store.list_articles(older_versions=True)} == {"v1", "v2", "v3", "other"}
    assert store.count_articles(older_versions=True) == 4
    assert {h.article_id for h in store.search("lighthouse")} == {"v3", "other"}
    assert {h.article_id for h in store.search("begins")} == {"v3"}
    assert [h.article_id for h in store.search("summer")] == []  # only the older version says it
    assert [h.article_id for h in store.search("summer", older_versions=True)] == ["v2"]
    assert {h.article_id for h in store.search("lighthouse", older_versions=True)} == {"v1", "v2", "v3", "other"}


def test_a_limited_search_is_filled_with_latest_versions(store: Store) -> None:
    # the older versions rank as well as the latest: they must not take the places
    assert [h.article_id for h in store.search("lighthouse", limit=2)] in (["v3", "other"], ["other", "v3"])


def test_older_versions_stay_readable_by_id_and_in_the_history(store: Store) -> None:
    old = store.get_article("v1")
    assert old is not None and "spring" in old.text
    history = store.article_history("v3")
    assert [v["id"] for v in history] == ["v1", "v2", "v3"]
    assert [v["superseded_by"] for v in history] == ["v2", "v3", None]
    assert history[0]["superseded_at"] and history[2]["superseded_at"] is None
    assert history[0]["headline"] == "Lighthouse to be repainted" and history[0]["url"] == URL
    assert store.article_history("v1") == history == store.article_history("v2")
    assert store.article_history("other") == [] and store.article_history("nope") == []
    assert store.article_versions(["v3"])["v3"].previous == ["v1", "v2"]


def test_a_story_s_members_are_latest_versions(store: Store) -> None:
    # the story of v1 was dissolved when v2 came; a regrouping sees the latest version only
    assert store.get_story("story-1") is None
    assert set(store.open_story_article_ids(None)) == {"v3", "other"}
    store.replace_stories([Story("story-2", "v3", "Lighthouse", ["v3", "other"], independent_sources=2)],
                          {"v3": {"story_id": "story-2"}, "other": {"story_id": "story-2"}})
    story = store.get_story("story-2")
    assert story is not None and set(story.articles) == {"v3", "other"}
    assert story.updated_articles["v3"].versions == 3
