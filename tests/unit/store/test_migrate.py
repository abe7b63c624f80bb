"""`storylens migrate`: a SQLite store copied into PostgreSQL (and back) holds the same
articles with every child row, features, skipped inputs, stories and comparisons, and
the counts are verified (fictional records)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from store_backends import raw_rows

from storylens.cli import main
from storylens.cluster.features import ArticleFeatures
from storylens.errors import StoreError
from storylens.model import (Article, Comparison, Entity, Figure, Quote, RemovedLine, Skipped, Span, Story, StoryEntity,
                             TimeRef)
from storylens.store import open_store
from storylens.store.migrate import copied_tables, copy_store

TEXT = 'Governor Renée Duchâtel said on Saturday that "at least 1,200 people" had left Lindby.'


def articles() -> list[Article]:
    first = Article(
        id="feedfacecafe0001", source="x.txt", text=TEXT, paragraphs=[TEXT], outlet="Harbor Wire",
        headline="Lindby evacuated", credits=["Desk"], hashtags=["#Lindby"],
        removed=[RemovedLine("Share this", "social", 2)], inferred={"language": "py3langid"},
        entities=[Entity("person:renee duchatel", "Renée Duchâtel", "person", ["Duchâtel"], [Span(9, 23)])],
        quotes=[Quote("at least 1,200 people", 47, 68, "partial", speaker="Governor Renée Duchâtel")],
        figures=[Figure("at least 1,200 people", 47, 68, value=1200.0, bound=">=", counts="person")],
        time_refs=[TimeRef("on Saturday", 29, 40, "2026-03-07", "day", "2026-03-09")],
    )
    second = Article(id="feedfacecafe0002", source="y.txt", text="About 900 people left Lindby.",
                     paragraphs=["About 900 people left Lindby."], outlet="Vellmar Courier")
    return [first, second]


def fill(location: str) -> None:
    arts = articles()
    features = {a.id: ArticleFeatures(a.id, {"lindby": 1}, {"leave": 2}, {"place:lindby": 1}, names={"place:lindby": "Lindby"})
                for a in arts}
    with open_store(location) as store:
        store.add_articles(arts, features=features)
        store.add_skipped([Skipped("z.bin", "binary file")])
        story = Story("story-1", arts[0].id, "Lindby", [a.id for a in arts], [StoryEntity("place:lindby", "Lindby", 2)],
                      outlets=["Harbor Wire", "Vellmar Courier"], independent_sources=2)
        store.replace_stories([story], {a.id: {"story_id": "story-1"} for a in arts})
        store.replace_comparison("story-1", Comparison(hashtags=["#Lindby"]))


def snapshot(location: str) -> dict[str, object]:
    with open_store(location) as store:
        arts = store.get_articles([a.id for a in articles()])
        return {"articles": [a.to_dict() for a in arts], "features": store.get_features(arts),
                "skipped": store.list_skipped(), "stories": store.list_stories(),
                "comparison": store.get_comparison("story-1"), "search": [h.article_id for h in store.search("lindby")],
                "ingested": store.ingested_times()}


def test_sqlite_to_postgresql_and_back(tmp_path: Path, pg_database: str) -> None:
    db = str(tmp_path / "s.db")
    fill(db)
    result = CliRunner().invoke(main, ["migrate", "--from", db, "--to", pg_database])
    assert result.exit_code == 0, result.output
    assert "every count verified" in result.output and "2 articles" in result.output
    assert snapshot(pg_database) == snapshot(db)
    for table in copied_tables():
        assert raw_rows(pg_database, f"SELECT count(*) FROM {table.name}") == raw_rows(
            db, f"SELECT count(*) FROM {table.name}"), table.name
    back = str(tmp_path / "back.db")
    with open_store(pg_database) as src, open_store(back) as dst:
        counts = copy_store(src, dst)
    assert counts["articles"] == 2 and counts["entity_mentions"] == 1 and counts["article_terms"] == 2
    assert snapshot(back) == snapshot(db)


def test_a_store_that_holds_rows_is_not_a_target(tmp_path: Path, pg_database: str) -> None:
    db = str(tmp_path / "s.db")
    fill(db)
    with open_store(pg_database) as store:
        store.add_skipped([Skipped("already.txt", "empty file")])
    with open_store(db) as src, open_store(pg_database) as dst, pytest.raises(StoreError, match="empty store"):
        copy_store(src, dst)
    assert raw_rows(pg_database, "SELECT count(*) FROM articles") == [(0,)]
    result = CliRunner().invoke(main, ["migrate", "--from", str(tmp_path / "missing.db"), "--to", pg_database])
    assert result.exit_code != 0 and "no store at" in result.output
