"""docs/export.md and the exported tables must describe the same columns, both ways."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from storylens.export import FORMULA_PREFIXES, TABLES, Bundle, rows_of
from storylens.model import Article
from storylens.serialise import story_from_dict


DOC = (Path(__file__).resolve().parents[3] / "docs" / "export.md").read_text(encoding="utf-8")


def _documented() -> dict[str, list[tuple[str, str]]]:
    """(column, type) of the table after each ``<!-- export:NAME -->``."""
    tables: dict[str, list[tuple[str, str]]] = {}
    for match in re.finditer(r"<!-- export:(\w+) -->\n((?:\|.*\n)+)", DOC):
        rows = []
        for line in match.group(2).splitlines()[2:]:
            cells = [c.strip() for c in line.split("|")[1:-1]]
            name = re.fullmatch(r"`([^`]+)`", cells[0])
            assert name, f"export:{match.group(1)}: first cell {cells[0]!r} is not a `column`"
            rows.append((name.group(1), cells[1]))
        tables[match.group(1)] = rows
    return tables


def test_every_table_and_column_is_documented_with_its_type_in_order() -> None:
    documented = _documented()
    assert list(documented) == [t.name for t in TABLES]
    for table in TABLES:
        assert documented[table.name] == [(c.name, c.type) for c in table.columns], table.name


def test_the_rows_have_exactly_the_documented_columns(report: dict[str, Any]) -> None:
    documented = _documented()
    seen: dict[str, int] = {}
    articles = [Article.from_dict(a) for a in report["articles"] if a["story_id"]]
    story = story_from_dict(report["stories"][0])
    for name, row in rows_of(Bundle(story, articles, dict.fromkeys(a.id for a in articles))):
        assert list(row) == [c for c, _ in documented[name]], name
        seen[name] = seen.get(name, 0) + 1
    assert set(seen) == set(documented), "the fixture should give a row of every table"


def test_the_formula_rule_is_documented_as_applied() -> None:
    assert "leading apostrophe" in DOC
    for prefix in ("=", "+", "-", "@"):
        assert prefix in FORMULA_PREFIXES and f"`{prefix}`" in DOC
