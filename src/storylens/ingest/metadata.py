"""Explicit metadata a user gives: a sidecar ``NAME.meta.json`` or a ``--meta`` manifest CSV."""

from __future__ import annotations

import codecs
import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..model import METADATA_FIELDS, Skipped

__all__ = ["SIDECAR_SUFFIX", "USER_STATED", "MAX_SIDECAR_BYTES", "Manifest", "load_manifest", "sidecar_path", "read_sidecar"]

SIDECAR_SUFFIX = ".meta.json"
_PATH_COLUMNS = ("path", "file", "filename", "source")


#: Longest sidecar read (a few fields of metadata never come near it).
MAX_SIDECAR_BYTES = 1024 * 1024
#: Where a value was stated by the user, as ``metadata_origin`` starts (``USER_STATED``):
#: a sidecar or a manifest, as opposed to a field of the record itself (feed, JSONL, WARC).
USER_STATED = ("sidecar ", "manifest ")


@dataclass
class Manifest:
    """Rows of a manifest CSV keyed by resolved path and by bare file name. ``problems``
    are the rows that could not be used (and a note when the file was not UTF-8); the
    reader reports them as skipped inputs and reads the articles without them."""

    origin: str
    by_path: dict[str, dict[str, str]] = field(default_factory=dict)
    by_name: dict[str, dict[str, str]] = field(default_factory=dict)
    problems: list[Skipped] = field(default_factory=list)

    def lookup(self, source: str) -> tuple[dict[str, str], str] | None:
        """Metadata for a source (a path, or ``path#record``), exact source first."""
        path = source.split("#", 1)[0]
        try:
            resolved = str(Path(path).resolve())
        except (OSError, RuntimeError, ValueError):
            resolved = path
        for key in (source, resolved, Path(path).name):
            row = self.by_path.get(key) or self.by_name.get(key)
            if row is not None:
                return row, self.origin
        return None


def _decode(data: bytes) -> tuple[str, str | None]:
    """The manifest's text: UTF-8 (with or without BOM), else the detected encoding, else
    Windows-1252 with undecodable bytes replaced; and a note when it was not UTF-8."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        where = exc.start
    from charset_normalizer import from_bytes

    best = from_bytes(data[:1_000_000]).best()
    encoding = best.encoding if best is not None and best.encoding else "cp1252"
    return (data.decode(encoding, errors="replace"),
            f"not UTF-8 (byte {where}); read as {encoding}: check that the paths and names came out right")


def load_manifest(path: Path) -> Manifest:
    """Read ``--meta manifest.csv``: a path/file column and any of METADATA_FIELDS.

    Raises InputError only when the manifest cannot be used at all (unreadable, no path
    column); a bad row, stray bytes or another encoding than UTF-8 become ``problems``.
    """
    source = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(source, f"cannot read the metadata manifest: {exc.strerror or exc}") from exc
    text, note = _decode(data.replace(b"\x00", b""))
    manifest = Manifest(origin=f"manifest {path.name}")
    if note:
        manifest.problems.append(Skipped(source, f"the manifest is {note}"))
    if csv.field_size_limit() < MAX_SIDECAR_BYTES:
        csv.field_size_limit(MAX_SIDECAR_BYTES)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        fieldnames = reader.fieldnames or []
    except csv.Error as exc:
        raise InputError(source, f"the manifest's header row is not CSV ({exc})") from exc
    columns = {c.strip().lower(): c for c in fieldnames if isinstance(c, str)}
    path_column = next((columns[c] for c in _PATH_COLUMNS if c in columns), None)
    if path_column is None:
        raise InputError(source, "the manifest has no path column", f"add one of: {', '.join(_PATH_COLUMNS)}")
    row_number = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            manifest.problems.append(Skipped(f"{source}#line-{reader.line_num}",
                                             f"manifest line {reader.line_num} is not CSV ({exc}); nothing after it was read"))
            break
        row_number += 1
        target = (row.get(path_column) or "").strip()
        if not target:
            manifest.problems.append(Skipped(f"{source}#line-{reader.line_num}",
                                             f"manifest row {row_number} has an empty {path_column!r}; row not used"))
            continue
        values = {f: (row.get(columns[f]) or "").strip() for f in METADATA_FIELDS if f in columns}
        values = {k: v for k, v in values.items() if v}
        manifest.by_name[target] = values
        if "#" not in target:
            try:
                candidate = (path.parent / target).resolve()
            except (OSError, RuntimeError, ValueError):
                continue
            manifest.by_path[str(candidate)] = values
            manifest.by_name.setdefault(Path(target).name, values)
    return manifest


def sidecar_path(path: Path) -> Path | None:
    """``a.meta.json`` (or ``a.txt.meta.json``) next to ``a.txt`` if it exists."""
    for candidate in (path.with_name(path.stem + SIDECAR_SUFFIX), path.with_name(path.name + SIDECAR_SUFFIX)):
        if candidate.is_file():
            return candidate
    return None


def read_sidecar(path: Path) -> dict[str, str]:
    """Metadata fields of a sidecar file; InputError naming the sidecar when it is bad."""
    source = str(path)
    try:
        if path.stat().st_size > MAX_SIDECAR_BYTES:
            raise InputError(source, f"the metadata sidecar is larger than {MAX_SIDECAR_BYTES // 1024} KiB; "
                                     "it should hold a few fields")
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(source, f"cannot read the metadata sidecar: {exc}") from exc
    except json.JSONDecodeError as exc:
        raise InputError(source, f"the metadata sidecar is not valid JSON: {exc}", "fix it or delete it") from exc
    except (RecursionError, ValueError) as exc:  # nested too deep; a number too long to convert
        raise InputError(source, f"the metadata sidecar is not usable JSON ({type(exc).__name__})",
                         "it should be one flat object of strings") from exc
    if not isinstance(data, dict):
        raise InputError(source, "the metadata sidecar must be a JSON object", f"keys: {', '.join(METADATA_FIELDS)}")
    unknown = sorted(set(data) - set(METADATA_FIELDS))
    if unknown:
        raise InputError(source, f"unknown keys in the metadata sidecar: {', '.join(unknown)}",
                         f"allowed: {', '.join(METADATA_FIELDS)}")
    nested = sorted(k for k, v in data.items() if isinstance(v, (dict, list)))
    if nested:
        raise InputError(source, f"the metadata sidecar's {', '.join(nested)} must be a string, not a list or object")
    return {k: str(v) for k, v in data.items() if v not in (None, "")}
