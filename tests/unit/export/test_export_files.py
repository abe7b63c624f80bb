"""The three formats read back as written; CSV cells a spreadsheet would run are defused;
a failed export leaves no half-written table."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from storylens.export import TABLES, ExportFilter, bundles_from_report, safe_cell, write_tables


def _write(report: dict[str, Any], tmp_path: Path, fmt: str) -> dict[str, tuple[Path, int]]:
    path = tmp_path / "report.json"
    path.write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    return write_tables(bundles_from_report(path, ExportFilter()), fmt, tmp_path / fmt)


def _csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


@pytest.mark.parametrize("cell, written", [
    ("=1+2", "'=1+2"), ("+44 20 7946 0000", "'+44 20 7946 0000"), ("-5%", "'-5%"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"), ("\r=1", "'\r=1"), ("a=1", "a=1"), ("'quoted'", "'quoted'"), ("", ""), (None, ""),
    (-5, "-5"), (2.5, "2.5"), (True, "true"), (["=x", "b"], '["=x", "b"]'),
])
def test_safe_cell(cell: Any, written: str) -> None:
    assert safe_cell(cell) == written


def test_csv_defuses_formulas_and_keeps_text_exact_otherwise(report: dict[str, Any], tmp_path: Path) -> None:
    written = _write(report, tmp_path, "csv")
    articles = {r["article_id"]: r for r in _csv(written["articles"][0])}
    assert articles["bbbb000000000002"]["headline"] == "'=HYPERLINK(\"https://evil.example\",\"Ferry strike\")"
    assert articles["cccc000000000003"]["headline"] == "'@tides -5% +2"
    paper = next(a for a in report["articles"] if a["id"] == "bbbb000000000002")
    assert articles["bbbb000000000002"]["text"] == paper["text"]  # commas, quotes, blank lines survive
    assert "\n\n" in paper["text"]
    sides = _csv(written["conflict_sides"][0])
    assert [s["claim"] for s in sides] == ["About 250", "'-300"]
    assert [s["value"] for s in sides] == ["250.0", "300.0"]
    assert json.loads(sides[0]["fact_ids"]) == ["fact-1"]
    for path, _ in written.values():
        assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # a BOM: spreadsheets read UTF-8


def test_jsonl_and_parquet_keep_text_and_types(report: dict[str, Any], tmp_path: Path) -> None:
    report["articles"][0]["headline"] = "Line\u2028separator and =formula"
    jsonl = _write(report, tmp_path, "jsonl")
    parquet = _write(report, tmp_path, "parquet")
    for table in TABLES:
        path, count = jsonl[table.name]
        lines = path.read_text(encoding="utf-8").split("\n")[:-1]
        rows = [json.loads(line) for line in lines]
        arrow = pq.read_table(parquet[table.name][0])
        assert len(rows) == count == arrow.num_rows == parquet[table.name][1], table.name
        assert arrow.column_names == list(table.names)
        assert arrow.to_pylist() == rows, table.name
    articles = {r["article_id"]: r for r in pq.read_table(parquet["articles"][0]).to_pylist()}
    assert articles["bbbb000000000002"]["headline"] == "Line\u2028separator and =formula"
    schema = pq.read_schema(parquet["stories"][0])
    assert str(schema.field("outlets").type) == "list<element: string>"
    assert str(schema.field("article_count").type) == "int64"
    assert str(pq.read_schema(parquet["figures"][0]).field("value").type) == "double"
    variant = pq.read_table(parquet["quote_variants"][0]).to_pylist()[0]
    assert variant["changes"] == 'replace "shall" → "will"; insert "not"; delete "today"'
    assert variant["coverage"] == 1.0 and variant["attribution_differs"] is False


def test_every_table_is_written_even_when_empty(tmp_path: Path) -> None:
    path = tmp_path / "empty.json"
    path.write_text(json.dumps({"articles": [], "stories": []}), encoding="utf-8")
    written = write_tables(bundles_from_report(path, ExportFilter()), "parquet", tmp_path / "out")
    assert {name: n for name, (_, n) in written.items()} == {t.name: 0 for t in TABLES}
    assert pq.read_table(written["facts"][0]).column_names == list(TABLES[2].names)


def test_a_failed_export_leaves_no_partial_file_and_keeps_the_previous_one(report: dict[str, Any],
                                                                           tmp_path: Path) -> None:
    out = tmp_path / "csv"
    _write(report, tmp_path, "csv")
    before = (out / "facts.csv").read_bytes()

    def broken() -> Any:
        yield from bundles_from_report(tmp_path / "report.json", ExportFilter())
        raise RuntimeError("disk gone")

    with pytest.raises(RuntimeError):
        write_tables(broken(), "csv", out)
    assert (out / "facts.csv").read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{t.name}.csv" for t in TABLES)
