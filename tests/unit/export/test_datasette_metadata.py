"""The Datasette metadata describes exactly the tables and columns of docs/store.md, which
are the store's; its canned queries run on an empty store."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from storylens.export import CANNED_QUERIES, datasette_metadata
from storylens.export.datasette import STORE_TABLES
from storylens.store import open_store

STORE_DOC = (Path(__file__).resolve().parents[3] / "docs" / "store.md").read_text(encoding="utf-8")


def _documented_store() -> dict[str, list[str]]:
    """table -> columns, from the `| `table` | `col` (…), `col`, … |` rows of docs/store.md."""
    tables: dict[str, list[str]] = {}
    for name, cells in re.findall(r"^\| `(\w+)` \| (.*) \|$", STORE_DOC, re.M):
        without_notes = re.sub(r"\([^()]*(?:\([^()]*\)[^()]*)*\)", "", cells)  # drop (explanations)
        tables[name] = re.findall(r"`(\w+)`", without_notes)
    return tables


def test_the_metadata_lists_the_documented_tables_and_columns() -> None:
    documented = _documented_store()
    assert set(STORE_TABLES) == set(documented)
    for table, (description, columns) in STORE_TABLES.items():
        assert description
        if table != "articles_fts":  # documented as prose: "FTS5 index over headline and text"
            assert list(columns) == documented[table], table


def test_the_documented_columns_are_the_stores(tmp_path: Path) -> None:
    open_store(tmp_path / "s.db").close()
    with sqlite3.connect(tmp_path / "s.db") as conn:
        for table, (_, columns) in STORE_TABLES.items():
            if table == "articles_fts":
                continue
            actual = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
            assert set(columns) <= set(actual), (table, set(columns) - set(actual))


def test_the_canned_queries_run_on_an_empty_store(tmp_path: Path) -> None:
    open_store(tmp_path / "s.db").close()
    meta = datasette_metadata("s")
    queries = meta["databases"]["s"]["queries"]
    assert {q["title"] for q in queries.values()} == {
        "Disputed facts by outlet", "Altered quotes", "Stories by independent sources"}
    with sqlite3.connect(tmp_path / "s.db") as conn:
        for name, (_, _, sql) in CANNED_QUERIES.items():
            assert conn.execute(sql).fetchall() == [], name
    assert meta["databases"]["s"]["tables"]["facts"]["columns"]["status"] == "corroborated, single-source, disputed"
