"""WARC files (.warc, .warc.gz; e.g. Common Crawl CC-NEWS), streamed record by record.

Each ``response`` record with status 200 and an HTML content type (or none, and a
payload that starts as HTML) becomes one RawDocument; a response without HTTP headers, or
without a content type and not HTML, is one Skipped; the other responses (redirects,
errors, images) are counted in one Skipped per file (``PATH#not-pages``); requests and
metadata records are not inputs and are ignored. Memory stays bounded whatever the
file size: one record's payload at a time, at most ``MAX_PAYLOAD_BYTES``. A file cut off
or corrupt part-way keeps what was read and ends with one Skipped naming the record.
"""

from __future__ import annotations

import logging
import re
import zlib
from collections import Counter
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO

from ..clean.dates import check_date
from ..model import RawDocument, Skipped

__all__ = ["MAX_PAYLOAD_BYTES", "read_warc"]

log = logging.getLogger(__name__)

#: The same bound as for a single .html file: one page is never larger than this.
MAX_PAYLOAD_BYTES = 10 * 1024 * 1024

_GZIP_MAGIC = b"\x1f\x8b"


def _head(handle: BinaryIO) -> bytes:
    """The first bytes of the file, decompressed when it is gzip."""
    start = handle.read(4096)
    handle.seek(0)
    if start.startswith(_GZIP_MAGIC):
        try:
            return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(start, 64)
        except zlib.error:
            return b""
    return start


def _is_archive(head: bytes) -> bool:
    head = head.lstrip(b"\r\n")
    return head.startswith(b"WARC/") or head.startswith(b"filedesc://")


#: The start of a payload served without a Content-Type that makes it an HTML page.
_HTML_START = re.compile(rb"^(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|article|p|div)[\s>/]",
                         re.IGNORECASE | re.DOTALL)


def _html_response(record: Any) -> tuple[str, bool] | None:
    """Why the record is not an HTML page with status 200, or None when it is one; the
    flag says whether the record is an input a user would miss (reported one by one) or
    one of the ordinary others of a crawl (requests, images, redirects: counted)."""
    if record.rec_type != "response":
        return f"{record.rec_type or 'unknown'} record", False
    headers = record.http_headers
    if headers is None:
        return "a response record without HTTP headers", True
    status = headers.get_statuscode()
    if status != "200":
        return f"HTTP status {status}", False
    content_type = (headers.get_header("Content-Type") or "").strip().lower()
    if not content_type:
        return "no content type", True  # decided by the payload itself
    if "html" not in content_type:
        return f"content type {content_type.split(';')[0].strip()}", False
    return None


def _printable(exc: BaseException) -> str:
    """The error message without the binary junk warcio quotes from a corrupt record."""
    message = str(exc).split(", first line:")[0].strip()
    return re.sub(r"[^\x20-\x7e]+", "?", message)[:160]


def _date(record: Any, fallback: datetime) -> datetime:
    """The record's WARC-Date (when it was fetched), unless it is implausible for a fetch
    that happened before this run (``clean.dates``): then the run's own time."""
    text = record.rec_headers.get_header("WARC-Date")
    if not text:
        return fallback
    check = check_date(text, fallback)
    if not check.usable or check.value is None:
        log.debug("WARC-Date %r not used: %s", text, check.rejected)
        return fallback
    return check.value


def read_warc(path: Path, fetched_at: datetime) -> Iterator[RawDocument | Skipped]:
    """Each HTML page (status 200) archived in a WARC file, in file order."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed
    from warcio.statusandheaders import StatusAndHeadersParserException

    errors = (ArchiveLoadFailed, StatusAndHeadersParserException, zlib.error, EOFError, ValueError, OSError)
    size = path.stat().st_size
    ignored: Counter[str] = Counter()
    n = 0
    pages = 0
    with path.open("rb") as handle:
        if not _is_archive(_head(handle)):
            yield Skipped(str(path), "not a WARC file (it does not start with a WARC/ record header)")
            return
        iterator = ArchiveIterator(handle)
        last: Any = None
        try:
            for record in iterator:
                n += 1
                last = record
                source = f"{path}#record-{n}"
                why_not = _html_response(record)
                if why_not is not None and not why_not[1]:
                    ignored[why_not[0]] += 1
                    log.debug("%s record %d ignored: %s", path, n, why_not[0])
                    continue
                if why_not is not None and why_not[0] != "no content type":
                    yield Skipped(source, f"{why_not[0]}: not read")
                    continue
                payload = record.content_stream().read(MAX_PAYLOAD_BYTES + 1)
                if len(payload) > MAX_PAYLOAD_BYTES:
                    yield Skipped(source, f"HTML payload larger than {MAX_PAYLOAD_BYTES // 2**20} MiB; not a news page")
                    continue
                if record.raw_stream.limit > 0:  # the record ends before its declared length
                    break
                if why_not is not None and not _HTML_START.match(payload[:4096]):
                    yield Skipped(source, "a response without a Content-Type whose payload does not start as "
                                          "HTML: not read")
                    continue
                target = record.rec_headers.get_header("WARC-Target-URI") or None
                pages += 1
                yield RawDocument(
                    source=source,
                    data=payload,
                    kind="html",
                    fetched_at=_date(record, fetched_at),
                    url=target,
                    metadata={"url": target} if target else {},
                    metadata_origin={"url": f"WARC-Target-URI of record {n} in {path.name}"} if target else {},
                )
        except errors as exc:
            log.debug("%s broke at record %d", path, n + 1, exc_info=True)
            yield Skipped(
                str(path),
                f"WARC file is corrupt at record {n + 1} ({type(exc).__name__}: {_printable(exc)}); "
                f"the {pages} pages before it were read",
            )
            return
        cut = last is not None and last.raw_stream.limit > 0
        if cut or iterator.offset < size:
            where = n if cut else n + 1
            yield Skipped(
                str(path),
                f"WARC file is cut off in record {where} (truncated download?); the {pages} pages before it were read",
            )
    log.debug("%s: %d records, %d HTML pages, ignored: %s", path, n, pages, dict(ignored))
    responses = {why: count for why, count in ignored.items() if not why.endswith(" record")}
    if responses:
        listed = ", ".join(f"{count} with {why}" for why, count in sorted(responses.items()))
        yield Skipped(f"{path}#not-pages", f"{sum(responses.values())} response records are not HTML pages "
                                           f"with status 200 and were not read: {listed}")
    elif n == sum(ignored.values()):  # nothing read, nothing reported: say what the file held
        held = ", ".join(f"{count} {why}" for why, count in sorted(ignored.items())) or "no records"
        yield Skipped(str(path), f"no HTML page responses in the WARC file ({held})")
