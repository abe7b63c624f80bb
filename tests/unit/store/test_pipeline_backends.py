"""`ingest` of the examples corpus gives the same articles, stories and comparisons in a
SQLite store and in a PostgreSQL store, and ingesting again changes neither."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from storylens.pipeline import ingest, read_inputs
from storylens.store import open_store

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
FETCHED = datetime(2026, 4, 1, tzinfo=timezone.utc)


def contents(location: str) -> dict[str, Any]:
    with open_store(location) as store:
        stories = store.list_stories(limit=1000)
        ids = [a.id for a in store.list_articles(limit=1000)]
        return {"articles": [a.to_dict() for a in store.get_articles(ids)], "stories": stories,
                "comparisons": {s.id: store.get_comparison(s.id) for s in stories},
                "skipped": store.list_skipped(), "summaries": store.article_summaries(ids),
                "duplicates": store.duplicate_index()}


def test_ingest_gives_the_same_store_on_both_backends(tmp_path: Path, pg_database: str) -> None:
    sqlite = str(tmp_path / "s.db")
    for location in (sqlite, pg_database):
        with open_store(location) as store:
            first = ingest(store, read_inputs([EXAMPLES], fetched_at=FETCHED))
            assert first.added > 10 and first.stories >= 2
    lite, post = contents(sqlite), contents(pg_database)
    assert post == lite
    with open_store(pg_database) as store:
        again = ingest(store, read_inputs([EXAMPLES], fetched_at=FETCHED))
        assert again.added == 0 and again.already_present == first.added
    assert contents(pg_database) == post
