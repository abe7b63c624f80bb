"""Which stored articles a regrouping after an ingest must see, and replacing only the
stories regrouped (fictional articles)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from storylens.model import Article, Story
from storylens.store import open_store

T0 = datetime(2026, 5, 1, 9, 0, tzinfo=timezone.utc)
WEEK = timedelta(days=7)


def article(id: str, published: datetime | None) -> Article:
    text = f"Article {id} about the harbour."
    return Article(id=id, source=f"fixtures/{id}.txt", text=text, paragraphs=[text], published=published)


def story(id: str, members: list[str]) -> Story:
    return Story(id, members[0], id, members, independent_sources=len(members))


def put_in_stories(store, groups: dict[str, list[str]]) -> None:
    links = {a: {"story_id": sid} for sid, members in groups.items() for a in members}
    store.replace_stories([story(sid, m) for sid, m in groups.items()], links)


def test_nothing_new_means_nothing_to_regroup(location):
    with open_store(location) as store:
        store.add_articles([article("a1", T0)])
        put_in_stories(store, {"story-a1": ["a1"]})
        assert store.open_story_article_ids(WEEK) == []


def test_a_story_older_than_the_window_before_the_new_articles_is_closed(location):
    with open_store(location) as store:
        store.add_articles([article("old1", T0), article("old2", T0 + timedelta(days=1)),
                            article("recent", T0 + timedelta(days=10)),
                            article("span1", T0 - timedelta(days=30)), article("span2", T0 + timedelta(days=12)),
                            article("undated", None)])
        put_in_stories(store, {"story-old1": ["old1", "old2"], "story-recent": ["recent"],
                               "story-span1": ["span1", "span2"], "story-undated": ["undated"]})
        store.add_articles([article("new1", T0 + timedelta(days=15)), article("new2", T0 + timedelta(days=16))])
        # cutoff: the earliest new article (day 15) minus 7 days = day 8; old1's story ended
        # on day 1 (closed); "recent" (day 10) and the span story (ends day 12) are open,
        # whatever their first article's date; a story with no dated article is always open
        assert store.open_story_article_ids(WEEK) == ["new1", "new2", "recent", "span1", "span2", "undated"]


def test_an_undated_new_article_counts_at_the_newest_stored_time(location):
    with open_store(location) as store:
        store.add_articles([article("a", T0), article("b", T0 + timedelta(days=20))])
        put_in_stories(store, {"story-a": ["a"], "story-b": ["b"]})
        store.add_articles([article("new", None)])
        assert store.open_story_article_ids(WEEK) == ["b", "new"]


def test_replacing_some_stories_leaves_the_others(location):
    with open_store(location) as store:
        store.add_articles([article(i, T0) for i in ("a", "b", "c")])
        put_in_stories(store, {"story-a": ["a"], "story-b": ["b"], "story-c": ["c"]})
        store.replace_stories([story("story-b", ["b", "c"])], {"c": {"story_id": "story-b"}},
                              replacing={"story-b", "story-c"})
        assert {s.id: s.articles for s in store.list_stories()} == {"story-a": ["a"], "story-b": ["b", "c"]}


def test_without_a_window_every_story_is_open(location):
    with open_store(location) as store:
        store.add_articles([article("a", T0), article("b", T0 + timedelta(days=20))])
        put_in_stories(store, {"story-a": ["a"], "story-b": ["b"]})
        store.add_articles([article("new", T0 + timedelta(days=40))])
        assert store.open_story_article_ids(None) == ["a", "b", "new"]
        assert store.open_story_article_ids(WEEK) == ["new"]
