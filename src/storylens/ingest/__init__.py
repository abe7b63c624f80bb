"""ingest: files and folders to RawDocuments (or Skipped with the reason), with provenance.

Readers are chosen by file extension; folders are walked recursively in sorted order
(hidden files skipped). An http(s) URL among the inputs is fetched (``fetch.Fetcher``)
and read as a page, a feed, a sitemap or an OPML list (``ingest.remote``); so are the
pages of summary-only feed entries and the remote feeds of an OPML list, when a fetcher
is given (without one, each is a Skipped naming its URL). Explicit metadata from a sidecar ``NAME.meta.json`` or a
``--meta`` manifest is attached to each document; it wins over the record's own fields.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError
from ..model import RawDocument, Skipped
from .feeds import Link
from .metadata import SIDECAR_SUFFIX, Manifest, read_sidecar, sidecar_path
from .remote import expand, resolve_links

if TYPE_CHECKING:
    from ..fetch import Fetcher

__all__ = ["READERS", "MAX_SINGLE_FILE_BYTES", "iter_documents", "reader_for"]

log = logging.getLogger(__name__)

#: A .txt or .html file holds one article; larger files are skipped without being read.
#: Container formats (WARC, JSONL, CSV, feeds) are streamed and have no such limit.
MAX_SINGLE_FILE_BYTES = 10 * 1024 * 1024

Reader = Callable[[Path, datetime], Iterator[RawDocument | Skipped]]


def _read_single(kind: str) -> Reader:
    def read(path: Path, fetched_at: datetime) -> Iterator[RawDocument | Skipped]:
        size = path.stat().st_size
        if size == 0:
            yield Skipped(str(path), "empty file")
            return
        if size > MAX_SINGLE_FILE_BYTES:
            yield Skipped(
                str(path),
                f"file is {size / 2**20:.1f} MiB; one article is expected to be under "
                f"{MAX_SINGLE_FILE_BYTES // 2**20} MiB (split it, or use JSONL/WARC, which are streamed)",
            )
            return
        yield RawDocument(source=str(path), data=path.read_bytes(), kind=kind, fetched_at=fetched_at)

    return read


def _read_feed(path: Path, fetched_at: datetime) -> Iterator[RawDocument | Skipped]:
    from .feeds import read_feed

    return read_feed(path, fetched_at)


def _read_opml(path: Path, fetched_at: datetime) -> Iterator[RawDocument | Skipped]:
    from .feeds import read_opml

    return read_opml(path, fetched_at)


def _read_xml(path: Path, fetched_at: datetime) -> Iterator[RawDocument | Skipped]:
    with path.open("rb") as handle:
        head = handle.read(2048).lower()
    return _read_opml(path, fetched_at) if b"<opml" in head else _read_feed(path, fetched_at)


def _feed_links(path: Path, fetched_at: datetime) -> Iterator[RawDocument | Skipped | Link]:
    from .feeds import feed_items

    return feed_items(path.read_bytes(), str(path), path.name, fetched_at)


def _opml_links(path: Path, fetched_at: datetime) -> Iterator[RawDocument | Skipped | Link]:
    from .feeds import opml_items

    return opml_items(path.read_bytes(), str(path), fetched_at, local_base=path)


def _xml_links(path: Path, fetched_at: datetime) -> Iterator[RawDocument | Skipped | Link]:
    with path.open("rb") as handle:
        head = handle.read(2048).lower()
    return _opml_links(path, fetched_at) if b"<opml" in head else _feed_links(path, fetched_at)


def _read_warc(path: Path, fetched_at: datetime) -> Iterator[RawDocument | Skipped]:
    from .warc import read_warc

    return read_warc(path, fetched_at)


def _read_jsonl(path: Path, fetched_at: datetime) -> Iterator[RawDocument | Skipped]:
    from .tabular import read_jsonl

    return read_jsonl(path, fetched_at)


def _read_csv(path: Path, fetched_at: datetime) -> Iterator[RawDocument | Skipped]:
    from .tabular import read_csv

    return read_csv(path, fetched_at)


READERS: dict[str, Reader] = {
    ".txt": _read_single("text"),
    ".text": _read_single("text"),
    ".html": _read_single("html"),
    ".htm": _read_single("html"),
    ".xhtml": _read_single("html"),
    ".rss": _read_feed,
    ".atom": _read_feed,
    ".xml": _read_xml,
    ".opml": _read_opml,
    ".warc": _read_warc,
    ".warc.gz": _read_warc,
    ".jsonl": _read_jsonl,
    ".ndjson": _read_jsonl,
    ".csv": _read_csv,
}


#: The readers of formats that link to other inputs, as used by ``iter_documents``: they
#: yield a ``Link`` where ``READERS``' yield a Skipped naming the URL.
_LINKING: dict[Reader, Callable[[Path, datetime], Iterator[RawDocument | Skipped | Link]]] = {
    _read_feed: _feed_links, _read_opml: _opml_links, _read_xml: _xml_links}


def reader_for(path: Path) -> Reader | None:
    name = path.name.lower()
    for suffix in sorted(READERS, key=len, reverse=True):
        if name.endswith(suffix):
            return READERS[suffix]
    return None


def _is_sidecar(path: Path) -> bool:
    return path.name.lower().endswith(SIDECAR_SUFFIX)


def _walk(folder: Path) -> Iterator[Path]:
    for child in sorted(folder.iterdir()):
        if child.name.startswith("."):
            continue
        if child.is_dir():
            yield from _walk(child)
        elif child.is_file():
            yield child


def _expand(paths: Iterable[Path | str]) -> Iterator[Path | str | Skipped]:
    """Every file under ``paths``, each once (a file given alone and through its folder,
    or under two spellings of its path, is read once)."""
    given: set[Path] = set()

    def first_time(path: Path) -> bool:
        try:
            key = path.resolve()
        except (OSError, RuntimeError):  # a symlink loop: keep the spelling
            key = path.absolute()
        if key in given:
            log.debug("%s given more than once; read once", path)
            return False
        given.add(key)
        return True

    for given_path in paths:
        if isinstance(given_path, str):
            if _is_url(given_path):
                yield given_path
                continue
            given_path = Path(given_path)
        path = given_path
        if path.is_dir():
            files = [f for f in _walk(path) if not _is_sidecar(f)]
            if not any(reader_for(f) for f in files):
                yield Skipped(str(path), f"no readable files in this folder (readable: {', '.join(READERS)})")
            yield from (f for f in files if first_time(f))
        elif path.exists():
            if not _is_sidecar(path) and first_time(path):
                yield path
        else:
            yield Skipped(str(path), "no such file or folder")


def _with_metadata(
    doc: RawDocument, sidecar: tuple[dict[str, str], str] | None, manifest: Manifest | None
) -> RawDocument:
    layers = []
    if sidecar:
        layers.append(sidecar)
    if manifest is not None:
        found = manifest.lookup(doc.source)
        if found:
            layers.append(found)
    if not layers:
        return doc
    metadata, origin = dict(doc.metadata), dict(doc.metadata_origin)
    for values, where in layers:
        for key, value in values.items():
            metadata[key] = value
            origin[key] = where
    return dataclasses.replace(doc, metadata=metadata, metadata_origin=origin, url=metadata.get("url", doc.url))


def _once(doc: RawDocument, first_source: dict[str, str]) -> RawDocument | Skipped:
    """The document, or a Skipped when an earlier record of the run is the same article."""
    first = first_source.setdefault(doc.id, doc.source)
    if first == doc.source:
        return doc
    what = doc.provenance.split(" ", 1)[0]
    same = {"url": "URL", "outlet": "outlet", "file": "file name and record position"}.get(what, what)
    return Skipped(doc.source, f"the same article as {first} (same {same} and the same text); read once")


def _is_url(value: str) -> bool:
    from ..fetch import is_url

    return is_url(value)


def _read_url(url: str, fetcher: "Fetcher | None") -> Iterator[RawDocument | Skipped]:
    """The documents at ``url``: a page, or a feed's, a sitemap's or an OPML list's."""
    if fetcher is None:
        yield Skipped(url, "a URL, and this run fetches nothing (no fetcher given)")
        return
    got = fetcher.fetch(url)
    if isinstance(got, Skipped):
        yield got
    elif got.not_modified:
        log.info("%s unchanged since the last fetch (HTTP 304 Not Modified)", url)
    else:
        yield from resolve_links(expand(got, None, fetcher.settings.max_links), fetcher, 1)


def iter_documents(
    paths: Iterable[Path | str], fetched_at: datetime, manifest: Manifest | None = None,
    fetcher: "Fetcher | None" = None,
) -> Iterator[RawDocument | Skipped]:
    """Every document under ``paths`` (files, folders, and http(s) URLs given as strings,
    fetched with ``fetcher``); each unusable input becomes one Skipped.

    Every input record ends as exactly one of the two: a record whose id another record
    of the run already has (the same URL, or outlet, or file name and position, with the
    same bytes: one article given twice) is a Skipped naming the first.
    """
    first_source: dict[str, str] = {}
    if manifest is not None:
        yield from manifest.problems
    for item in _expand(paths):
        if isinstance(item, Skipped):
            yield item
            continue
        if isinstance(item, str):
            for doc in _read_url(item, fetcher):
                yield doc if isinstance(doc, Skipped) else _once(_with_metadata(doc, None, manifest), first_source)
            continue
        path = item
        reader = reader_for(path)
        if reader is None:
            suffix = "".join(path.suffixes[-2:]) or "(none)"
            yield Skipped(str(path), f"unknown file type {suffix} (readable: {', '.join(READERS)})")
            continue
        sidecar: tuple[dict[str, str], str] | None = None
        side = sidecar_path(path)
        if side is not None:
            try:
                sidecar = (read_sidecar(side), f"sidecar {side.name}")
            except InputError as exc:
                yield Skipped(exc.source, exc.reason + "; the article was read without it")
        try:
            linking = _LINKING.get(reader)
            docs = resolve_links(linking(path, fetched_at), fetcher) if linking else reader(path, fetched_at)
            for doc in docs:
                yield doc if isinstance(doc, Skipped) else _once(_with_metadata(doc, sidecar, manifest), first_source)
        except FileNotFoundError:
            yield Skipped(str(path), "the file vanished before it could be read")
        except PermissionError:
            yield Skipped(str(path), "permission denied (check the file's permissions)")
        except IsADirectoryError:
            yield Skipped(str(path), "is a folder, not a file")
        except OSError as exc:
            yield Skipped(str(path), f"could not be read: {exc.strerror or exc}")
        except Exception as exc:  # a reader bug must not stop the run; say so plainly
            log.exception("reading %s failed", path)
            yield Skipped(str(path), f"could not be read: {type(exc).__name__}: {exc} (please report this as a bug)")
