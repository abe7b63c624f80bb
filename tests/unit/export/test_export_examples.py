"""On the bundled examples: `analyze --format json` then `export --report`, and `ingest`
then `export --db`, give the same rows (all but `ingested_at`); the filters on a store;
Datasette opens the store with the exported metadata and runs a canned query."""

from __future__ import annotations

import asyncio
import csv
import json
import sqlite3
from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from storylens.cli import main
from storylens.export import CANNED_QUERIES, TABLES

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"


def _run(*args: str) -> str:
    result = CliRunner().invoke(main, ["-q", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(report.json, storylens.db) of the same examples."""
    root = tmp_path_factory.mktemp("examples")
    _run("analyze", str(EXAMPLES), "--format", "json", "--out", str(root / "report"))
    _run("ingest", str(EXAMPLES), "--db", str(root / "storylens.db"))
    return root / "report" / "report.json", root / "storylens.db"


def _tables(out: Path) -> dict[str, list[dict[str, Any]]]:
    return {t.name: pq.read_table(out / f"{t.name}.parquet").to_pylist() for t in TABLES}


def _export(tmp_path: Path, name: str, *args: str, fmt: str = "parquet") -> Path:
    _run("export", *args, "--format", fmt, "--out", str(tmp_path / name))
    return tmp_path / name


def test_a_store_and_a_report_of_the_same_articles_give_the_same_rows(sources: tuple[Path, Path],
                                                                      tmp_path: Path) -> None:
    report, db = sources
    from_report = _tables(_export(tmp_path, "r", "--report", str(report)))
    from_store = _tables(_export(tmp_path, "s", "--db", str(db)))
    for name, rows in from_store.items():
        assert rows, f"the examples should give {name} rows"
    for row in from_store["articles"]:
        assert row.pop("ingested_at") is not None
    for row in from_report["articles"]:
        assert row.pop("ingested_at") is None
    assert from_store == from_report
    # the examples have what the tables are for: disputed facts, conflicts, altered quotes
    assert {r["status"] for r in from_store["facts"]} == {"corroborated", "single-source", "disputed"}
    assert {r["fidelity"] for r in from_store["quote_variants"]} >= {"verbatim", "altered"}
    # CSV from both is byte-identical but for the ingested_at column
    for fmt_dir in ("rc", "sc"):
        _export(tmp_path, fmt_dir, "--report" if fmt_dir == "rc" else "--db",
                str(report if fmt_dir == "rc" else db), fmt="csv")
    for table in TABLES:
        if table.name != "articles":
            assert (tmp_path / "rc" / f"{table.name}.csv").read_bytes() == \
                (tmp_path / "sc" / f"{table.name}.csv").read_bytes(), table.name


def test_store_filters(sources: tuple[Path, Path], tmp_path: Path) -> None:
    _, db = sources
    everything = _tables(_export(tmp_path, "all", "--db", str(db)))
    future = (datetime.now(timezone.utc) + timedelta(days=1)).isoformat()
    nothing = _tables(_export(tmp_path, "none", "--db", str(db), "--ingested-since", future))
    assert all(not rows for rows in nothing.values())
    past = _tables(_export(tmp_path, "past", "--db", str(db), "--ingested-since", "2000-01-01"))
    assert past == everything
    story = everything["stories"][1]["story_id"]
    one = _tables(_export(tmp_path, "one", "--db", str(db), "--story", story))
    assert [r["story_id"] for r in one["stories"]] == [story]
    assert one["facts"] == [r for r in everything["facts"] if r["story_id"] == story]
    assert {r["story_id"] for r in one["articles"]} == {story}
    assert len(one["articles"]) == one["stories"][0]["article_count"]
    # the story whose articles were published from 2026-03-11 on (the other's last is 03-12)
    late = _tables(_export(tmp_path, "late", "--db", str(db), "--published-since", "2026-03-13"))
    assert {r["story_id"] for r in late["stories"]} == {
        a["story_id"] for a in everything["articles"] if a["published_utc"] and a["published_utc"] >= "2026-03-13"}
    assert 0 < len(late["stories"]) < len(everything["stories"])


def _csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def test_canned_queries_agree_with_the_exported_tables(sources: tuple[Path, Path], tmp_path: Path) -> None:
    _, db = sources
    tables = _tables(_export(tmp_path, "t", "--db", str(db)))
    disputed: dict[str, set[tuple[str, str]]] = {}
    for r in tables["facts"]:
        if r["status"] == "disputed":
            disputed.setdefault(r["outlet"] or "(unknown)", set()).add((r["story_id"], r["fact_id"]))
    altered = [r for r in tables["quote_variants"] if r["fidelity"] in ("altered", "paraphrase")]
    with sqlite3.connect(db) as conn:
        by_outlet = {o: n for o, n, _ in conn.execute(CANNED_QUERIES["disputed_facts_by_outlet"][2])}
        quotes = conn.execute(CANNED_QUERIES["altered_quotes"][2]).fetchall()
        ranked = [r[0] for r in conn.execute(CANNED_QUERIES["stories_by_independent_sources"][2])]
    assert by_outlet == {o: len(f) for o, f in disputed.items()} and by_outlet
    assert Counter((q[0], q[4]) for q in quotes) == Counter((r["story_id"], r["citation"]) for r in altered)
    assert ranked == [r["story_id"] for r in tables["stories"]]


def test_datasette_opens_the_store_and_runs_a_canned_query(sources: tuple[Path, Path], tmp_path: Path) -> None:
    from datasette.app import Datasette  # pinned in the test extra

    _, db = sources
    meta_file = tmp_path / "metadata.json"
    _run("export", "--db", str(db), "--datasette-metadata", str(meta_file))
    metadata = json.loads(meta_file.read_text(encoding="utf-8"))
    assert list(metadata["databases"]) == ["storylens"]  # Datasette names it after the file

    async def query() -> tuple[list[dict[str, Any]], str]:
        ds = Datasette(files=[str(db)], metadata=metadata)
        await ds.invoke_startup()
        rows = await ds.client.get("/storylens/disputed_facts_by_outlet.json?_shape=array")
        assert rows.status_code == 200, rows.text
        page = await ds.client.get("/storylens/facts")
        assert page.status_code == 200
        return rows.json(), page.text

    rows, page = asyncio.run(query())
    with sqlite3.connect(db) as conn:
        direct = conn.execute(CANNED_QUERIES["disputed_facts_by_outlet"][2]).fetchall()
    assert [(r["outlet"], r["disputed_facts"], r["stories"]) for r in rows] == direct and direct
    assert "corroborated, single-source, disputed" in page  # the column description is shown
