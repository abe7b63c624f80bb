"""``storylens export``: the stories, articles and comparisons as flat tables (CSV, JSON
Lines, Parquet) for spreadsheets and notebooks, and a Datasette description of the store.

The tables and their columns are in ``tables.TABLES`` and documented in
``docs/export.md``. Rows come from a store (``bundles_from_store``) or a JSON report
(``bundles_from_report``); both give the same rows for the same articles.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .datasette import CANNED_QUERIES, datasette_metadata
from .sources import ExportError, ExportFilter, bundles_from_report, bundles_from_store, parse_since
from .tables import TABLES, Bundle, Column, Table, rows_of
from .writers import FORMATS, FORMULA_PREFIXES, TableWriter, normalise, open_writer, safe_cell

__all__ = [
    "TABLES", "Table", "Column", "Bundle", "FORMATS", "FORMULA_PREFIXES", "ExportError", "ExportFilter",
    "CANNED_QUERIES", "bundles_from_store", "bundles_from_report", "parse_since", "rows_of", "normalise",
    "safe_cell", "write_tables", "datasette_metadata",
]


def write_tables(bundles: Iterable[Bundle], fmt: str, out_dir: Path) -> dict[str, tuple[Path, int]]:
    """Write every table of ``bundles`` in format ``fmt`` into ``out_dir`` (created when
    missing). Returns each table's file and row count. On an error no half-written table
    is left behind (a table written before keeps its previous file)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    tables = {t.name: t for t in TABLES}
    writers: dict[str, TableWriter] = {}
    counts = dict.fromkeys(tables, 0)
    try:
        for name, table in tables.items():
            writers[name] = open_writer(fmt, table, out_dir)
        for bundle in bundles:
            grouped: dict[str, list[dict[str, object]]] = {}
            for name, row in rows_of(bundle):
                grouped.setdefault(name, []).append(normalise(tables[name], row))
            for name, rows in grouped.items():
                writers[name].write(rows)
                counts[name] += len(rows)
    except BaseException:
        for writer in writers.values():
            writer.abort()
        raise
    for writer in writers.values():
        writer.close()
    return {name: (writers[name].path, counts[name]) for name in tables}
