"""JSON Lines and CSV files with one article per record, streamed.

Columns are matched case-insensitively, with common synonyms (``COLUMNS``). The article
is the ``text`` column (extracted article text, kind "plain") or else the ``html`` column (kind
"html"); the other recognised columns are explicit metadata. A bad record becomes one
Skipped naming its line and the problem; the rest of the file is still read.

``source`` is ``PATH#line-N``: N is the 1-based line of the file where the record
starts (for CSV the header is line 1, and a quoted multi-line field spans lines).
"""

from __future__ import annotations

import codecs
import csv
import json
import logging
import re
from collections.abc import Iterable, Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ..model import RawDocument, Skipped

__all__ = ["COLUMNS", "read_jsonl", "read_csv"]

log = logging.getLogger(__name__)

#: Field -> accepted column names (compared lower-case, spaces and hyphens as "_").
COLUMNS: dict[str, tuple[str, ...]] = {
    "url": ("url", "link", "href", "article_url", "canonical_url"),
    "outlet": ("outlet", "source", "publisher", "site", "site_name", "source_name", "outlet_name"),
    "headline": ("headline", "title"),
    "published": ("published", "date", "published_at", "pubdate", "pub_date", "publish_date", "date_published", "published_date"),
    "updated": ("updated", "modified", "updated_at", "modified_at", "date_modified", "last_modified"),
    "language": ("language", "lang"),
    "byline": ("byline", "author", "authors"),
    "genre": ("genre", "article_genre"),  # news, opinion or blog (clean.genre)
    "text": ("text", "body", "content", "article_text", "maintext", "body_text"),
    "html": ("html", "raw_html", "body_html", "content_html"),
}
_LOOKUP = {name: fieldname for fieldname, names in COLUMNS.items() for name in names}
_SEPARATORS = re.compile(r"[\s\-]+")
_MAX_FIELD = 64 * 1024 * 1024
_SNIFF_BYTES = 1024 * 1024


def _key(column: str) -> str:
    return _SEPARATORS.sub("_", column.strip().lower())


def _columns(names: Iterable[str]) -> dict[str, str]:
    """Field -> the actual column name that carries it (the first matching column wins)."""
    found: dict[str, str] = {}
    for name in names:
        fieldname = _LOOKUP.get(_key(name))
        if fieldname and fieldname not in found:
            found[fieldname] = name
    return found


def _as_text(field: str, value: Any) -> str | None:
    """A column value as a metadata string (None when empty or unusable)."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)) and field in ("published", "updated"):
        seconds = value / 1000 if value > 1e11 else value  # epoch milliseconds
        try:
            return datetime.fromtimestamp(seconds, tz=timezone.utc).isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, dict):
        value = value.get("name")
    if isinstance(value, list):  # one level only: ["A", {"name": "B"}]; deeper nesting is not metadata
        items = [v.get("name") if isinstance(v, dict) else v for v in value]
        parts = [_as_text(field, v) for v in items if not isinstance(v, (list, dict))]
        joined = ", ".join(p for p in parts if p)
        return joined or None
    if isinstance(value, str):
        return value.strip() or None
    return None


def _record(
    values: dict[str, Any], path: Path, n: int, fetched_at: datetime, unknown_logged: set[str]
) -> RawDocument | Skipped:
    source = f"{path}#line-{n}"
    columns = _columns(values)
    unknown = [c for c in values if _key(c) not in _LOOKUP and c not in unknown_logged]
    if unknown:
        unknown_logged.update(unknown)
        log.debug("%s: columns ignored: %s", path, ", ".join(unknown))
    body: tuple[str, str] | None = None
    for fieldname, kind in (("text", "plain"), ("html", "html")):
        column = columns.get(fieldname)
        value = values.get(column) if column else None
        if isinstance(value, str) and value.strip():
            body = (value, kind)
            break
    if body is None:
        present = [columns[f] for f in ("text", "html") if f in columns]
        if not present:
            wanted = ", ".join(COLUMNS["text"] + COLUMNS["html"])
            return Skipped(source, f"line {n} has no article text column (expected one of: {wanted})")
        return Skipped(source, f"line {n}: the {' / '.join(repr(c) for c in present)} column is empty")
    metadata: dict[str, str] = {}
    origin: dict[str, str] = {}
    for fieldname, column in columns.items():
        if fieldname in ("text", "html"):
            continue
        text = _as_text(fieldname, values.get(column))
        if text:
            metadata[fieldname] = text
            origin[fieldname] = f"{path.name} line {n} column '{column}'"
    data = body[0].replace("\r\n", "\n").encode("utf-8")
    return RawDocument(
        source=source,
        data=data,
        kind=body[1],
        fetched_at=fetched_at,
        url=metadata.get("url"),
        metadata=metadata,
        metadata_origin=origin,
    )


def read_jsonl(path: Path, fetched_at: datetime) -> Iterator[RawDocument | Skipped]:
    """One article per line: a JSON object with a text (or html) field and metadata fields."""
    unknown: set[str] = set()
    records = 0
    with path.open("rb") as handle:
        for n, raw_line in enumerate(handle, start=1):
            if n == 1 and raw_line.startswith(codecs.BOM_UTF8):
                raw_line = raw_line[len(codecs.BOM_UTF8) :]
            if not raw_line.strip():
                continue
            records += 1
            source = f"{path}#line-{n}"
            try:
                line = raw_line.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield Skipped(source, f"line {n} is not UTF-8 (byte {exc.start}); JSON Lines must be UTF-8")
                continue
            try:
                value = json.loads(line)
            except json.JSONDecodeError as exc:
                yield Skipped(source, f"line {n} is not valid JSON ({exc.msg} at column {exc.colno})")
                continue
            except RecursionError:
                yield Skipped(source, f"line {n} is JSON nested too deep to be an article record")
                continue
            except ValueError as exc:  # e.g. an integer of more digits than Python converts
                yield Skipped(source, f"line {n} is not usable JSON ({exc})")
                continue
            if not isinstance(value, dict):
                yield Skipped(source, f"line {n} is a JSON {type(value).__name__}, not an object with named fields")
                continue
            yield _record(value, path, n, fetched_at, unknown)
    if records == 0:
        yield Skipped(str(path), "no records (the file is empty)")


def _encoding(path: Path) -> str:
    """UTF-8 when the start of the file decodes as UTF-8, else the detected encoding."""
    with path.open("rb") as handle:
        sample = handle.read(_SNIFF_BYTES)
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(sample).best()
    return best.encoding if best is not None and best.encoding else "utf-8"


def _delimiter(header: str) -> str:
    counts = {d: header.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_csv(path: Path, fetched_at: datetime) -> Iterator[RawDocument | Skipped]:
    """One article per row, with a header row naming the columns (see COLUMNS)."""
    if csv.field_size_limit() < _MAX_FIELD:
        csv.field_size_limit(_MAX_FIELD)  # article HTML easily exceeds csv's 128 KiB default
    encoding = _encoding(path)
    unknown: set[str] = set()
    with path.open("r", encoding=encoding, newline="") as handle:
        try:
            first = handle.readline()
            handle.seek(0)
            reader = csv.reader(handle, delimiter=_delimiter(first))
            header = next(reader, None)
        except (UnicodeDecodeError, csv.Error) as exc:
            yield Skipped(str(path), f"unreadable CSV header ({exc})")
            return
        if not header or not any(h.strip() for h in header):
            yield Skipped(str(path), "no header row (the first line must name the columns)")
            return
        header = [h.strip() for h in header]
        previous_end = reader.line_num
        records = 0
        while True:
            n = previous_end + 1
            try:
                row = next(reader)
            except StopIteration:
                break
            except UnicodeDecodeError:
                yield Skipped(
                    f"{path}#line-{n}",
                    f"the file is not valid {encoding} from line {n} on; nothing after it was read "
                    "(re-save the file as UTF-8)",
                )
                return
            except csv.Error as exc:
                if reader.line_num <= previous_end:
                    yield Skipped(f"{path}#line-{n}", f"line {n}: {exc}; nothing after it was read")
                    return
                previous_end = reader.line_num
                yield Skipped(f"{path}#line-{n}", f"line {n} is not a valid CSV row ({exc})")
                continue
            previous_end = reader.line_num
            if not row or not any(cell.strip() for cell in row):
                continue
            records += 1
            if len(row) > len(header):
                log.debug("%s line %d: %d cells beyond the header ignored", path, n, len(row) - len(header))
            yield _record(dict(zip(header, row)), path, n, fetched_at, unknown)
    if records == 0:
        yield Skipped(str(path), "no data rows under the header")
