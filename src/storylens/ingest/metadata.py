"""Explicit metadata a user gives: a sidecar ``NAME.meta.json`` or a ``--meta`` manifest CSV."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..model import METADATA_FIELDS

__all__ = ["SIDECAR_SUFFIX", "Manifest", "load_manifest", "sidecar_path", "read_sidecar"]

SIDECAR_SUFFIX = ".meta.json"
_PATH_COLUMNS = ("path", "file", "filename", "source")


@dataclass
class Manifest:
    """Rows of a manifest CSV keyed by resolved path and by bare file name."""

    origin: str
    by_path: dict[str, dict[str, str]] = field(default_factory=dict)
    by_name: dict[str, dict[str, str]] = field(default_factory=dict)

    def lookup(self, source: str) -> tuple[dict[str, str], str] | None:
        """Metadata for a source (a path, or ``path#record``), exact source first."""
        path = source.split("#", 1)[0]
        for key in (source, str(Path(path).resolve()), Path(path).name):
            row = self.by_path.get(key) or self.by_name.get(key)
            if row is not None:
                return row, self.origin
        return None


def load_manifest(path: Path) -> Manifest:
    """Read ``--meta manifest.csv``: a path/file column and any of METADATA_FIELDS."""
    source = str(path)
    try:
        handle = path.open(newline="", encoding="utf-8-sig")
    except OSError as exc:
        raise InputError(source, f"cannot read the metadata manifest: {exc.strerror or exc}") from exc
    with handle:
        reader = csv.DictReader(handle)
        columns = {c.strip().lower(): c for c in reader.fieldnames or []}
        path_column = next((columns[c] for c in _PATH_COLUMNS if c in columns), None)
        if path_column is None:
            raise InputError(source, "the manifest has no path column", f"add one of: {', '.join(_PATH_COLUMNS)}")
        manifest = Manifest(origin=f"manifest {path.name}")
        for row_number, row in enumerate(reader, start=2):
            target = (row.get(path_column) or "").strip()
            if not target:
                raise InputError(source, f"row {row_number} has an empty {path_column!r}")
            values = {f: (row.get(columns[f]) or "").strip() for f in METADATA_FIELDS if f in columns}
            values = {k: v for k, v in values.items() if v}
            manifest.by_name[target] = values
            if "#" not in target:
                candidate = (path.parent / target).resolve()
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
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read the metadata sidecar: {exc}") from exc
    except json.JSONDecodeError as exc:
        raise InputError(str(path), f"the metadata sidecar is not valid JSON: {exc}", "fix it or delete it") from exc
    if not isinstance(data, dict):
        raise InputError(str(path), "the metadata sidecar must be a JSON object", f"keys: {', '.join(METADATA_FIELDS)}")
    unknown = sorted(set(data) - set(METADATA_FIELDS))
    if unknown:
        raise InputError(str(path), f"unknown keys in the metadata sidecar: {', '.join(unknown)}",
                         f"allowed: {', '.join(METADATA_FIELDS)}")
    return {k: str(v) for k, v in data.items() if v not in (None, "")}
