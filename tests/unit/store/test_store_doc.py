"""docs/store.md lists every stored table and column, and nothing that is not stored."""

import re
from pathlib import Path

import storylens.store  # noqa: F401  (registers every table)
from storylens.store.postgres import store_writes
from storylens.store.schema import metadata

DOC = (Path(__file__).parents[3] / "docs" / "store.md").read_text(encoding="utf-8")


def documented() -> dict[str, set[str]]:
    out = {}
    for table, columns in re.findall(r"^\| `([a-z_]+)` \| (.+) \|$", DOC, re.M):
        out[table] = set(re.findall(r"`([a-z_]+)`", re.sub(r"\([^)]*\)", "", columns)))
    return out


def test_every_table_and_column_is_documented():
    docs = documented()
    for table in metadata.sorted_tables:
        assert table.name in docs, f"docs/store.md does not list the table {table.name}"
        assert docs[table.name] == {c.name for c in table.columns}, table.name
    assert set(docs) - {t.name for t in metadata.sorted_tables} == {"articles_fts"}


def test_the_postgresql_only_table_is_described():
    # store_writes (PostgreSQL only) is described in prose, outside the tables of SQLite's
    # (which the Datasette metadata of `storylens export` follows)
    columns = ", ".join(f"`{c.name}`" for c in store_writes.columns)
    assert f"`{store_writes.name}` (columns {columns}" in DOC
