"""Table writers: CSV (spreadsheet-safe), JSON Lines and Parquet, one file per table.

Each file is written under a temporary name and renamed into place when complete, so a
reader never sees half a table. Rows arrive a few at a time (a story's worth), so memory
stays bounded however big the store is.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any, Protocol

from .tables import Table

__all__ = ["FORMATS", "FORMULA_PREFIXES", "TableWriter", "open_writer", "safe_cell", "normalise"]

FORMATS = ("csv", "jsonl", "parquet")

#: A CSV cell starting with one of these is read as a formula by spreadsheet programs
#: (OWASP "CSV injection"); such a cell gets a leading apostrophe.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

#: Rows buffered per Parquet row group.
_PARQUET_BATCH = 5000


class TableWriter(Protocol):
    path: Path

    def write(self, rows: Iterable[dict[str, Any]]) -> None: ...

    def close(self) -> None: ...

    def abort(self) -> None: ...


def normalise(table: Table, row: dict[str, Any]) -> dict[str, Any]:
    """The row with exactly the table's columns, numbers as int/float, lists as lists."""
    out: dict[str, Any] = {}
    for column in table.columns:
        value = row.get(column.name)
        if value is not None:
            if column.type == "integer":
                value = int(value)
            elif column.type == "number":
                value = float(value)
            elif column.type == "boolean":
                value = bool(value)
            elif column.type == "list":
                value = [str(v) for v in value]
            else:
                value = str(value)
        out[column.name] = value
    return out


def safe_cell(value: Any) -> str:
    """One CSV cell: empty for null, `true`/`false`, lists as JSON arrays, and text that a
    spreadsheet would run as a formula prefixed with an apostrophe."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (int, float)):
        return repr(value)
    text = str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


class _FileWriter:
    suffix = ""

    def __init__(self, table: Table, out_dir: Path) -> None:
        self.table = table
        self.path = out_dir / f"{table.name}.{self.suffix}"
        self._partial = out_dir / f".{table.name}.{self.suffix}.partial"

    def _finish(self) -> None:
        os.replace(self._partial, self.path)

    def abort(self) -> None:
        self._partial.unlink(missing_ok=True)


class _TextWriter(_FileWriter):
    encoding = "utf-8"

    def __init__(self, table: Table, out_dir: Path) -> None:
        super().__init__(table, out_dir)
        self._file: IO[str] = open(self._partial, "w", encoding=self.encoding, newline="")

    def close(self) -> None:
        self._file.close()
        self._finish()

    def abort(self) -> None:
        self._file.close()
        super().abort()


class _CSVWriter(_TextWriter):
    suffix = "csv"
    encoding = "utf-8-sig"  # with a byte-order mark: spreadsheet programs then read accents right

    def __init__(self, table: Table, out_dir: Path) -> None:
        super().__init__(table, out_dir)
        self._csv = csv.writer(self._file, lineterminator="\r\n")
        self._csv.writerow(table.names)

    def write(self, rows: Iterable[dict[str, Any]]) -> None:
        for row in rows:
            self._csv.writerow([safe_cell(row[name]) for name in self.table.names])


class _JSONLWriter(_TextWriter):
    suffix = "jsonl"

    def write(self, rows: Iterable[dict[str, Any]]) -> None:
        for row in rows:
            line = json.dumps(row, ensure_ascii=False)
            # U+2028/U+2029 end a line for some readers (Python's splitlines): escape them.
            self._file.write(line.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029") + "\n")


class _ParquetWriter(_FileWriter):
    suffix = "parquet"

    def __init__(self, table: Table, out_dir: Path) -> None:
        super().__init__(table, out_dir)
        import pyarrow as pa  # type: ignore[import-untyped]
        import pyarrow.parquet as pq  # type: ignore[import-untyped]

        types = {"string": pa.string(), "integer": pa.int64(), "number": pa.float64(), "boolean": pa.bool_(),
                 "list": pa.list_(pa.string())}
        self._pa = pa
        self._schema = pa.schema([pa.field(c.name, types[c.type]) for c in table.columns])
        self._writer = pq.ParquetWriter(str(self._partial), self._schema)
        self._buffer: list[dict[str, Any]] = []

    def write(self, rows: Iterable[dict[str, Any]]) -> None:
        self._buffer.extend(rows)
        if len(self._buffer) >= _PARQUET_BATCH:
            self._flush()

    def _flush(self) -> None:
        if self._buffer:
            self._writer.write_table(self._pa.Table.from_pylist(self._buffer, schema=self._schema))
            self._buffer = []

    def close(self) -> None:
        self._flush()
        self._writer.close()
        self._finish()

    def abort(self) -> None:
        self._writer.close()
        super().abort()


def open_writer(fmt: str, table: Table, out_dir: Path) -> TableWriter:
    writers: dict[str, type[_CSVWriter] | type[_JSONLWriter] | type[_ParquetWriter]] = {
        "csv": _CSVWriter, "jsonl": _JSONLWriter, "parquet": _ParquetWriter}
    if fmt not in writers:
        raise ValueError(f"unknown export format {fmt!r}; choose from {', '.join(FORMATS)}")
    return writers[fmt](table, out_dir)
