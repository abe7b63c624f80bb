"""Every fetched response kept as a WARC record, so that a run can be audited and re-run
offline (``storylens analyze ARCHIVE/*.warc.gz`` reads the pages back).

One gzipped WARC file per fetcher (``storylens-YYYYmmddTHHMMSSZ-PID.warc.gz``), opened on
the first response. The payload is the body as Storylens read it: decoded from any
``Content-Encoding`` (the header is dropped from the record), and cut at the size cap
(the record then carries ``WARC-Truncated: length``, as the WARC standard asks).
"""

from __future__ import annotations

import io
import os
import threading
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, BinaryIO

__all__ = ["WarcArchive"]

#: Headers that describe the bytes on the wire, not the payload as kept.
_WIRE_HEADERS = {"content-encoding", "transfer-encoding", "content-length"}


class WarcArchive:
    """Appends response records to one WARC file in ``folder`` (thread-safe)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path: Path | None = None
        self.records = 0
        self._handle: BinaryIO | None = None
        self._writer: Any = None
        self._lock = threading.Lock()

    def _open(self) -> Any:
        if self._writer is None:
            from warcio.warcwriter import WARCWriter

            self.folder.mkdir(parents=True, exist_ok=True)
            stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
            self.path = self.folder / f"storylens-{stamp}-{os.getpid()}.warc.gz"
            self._handle = self.path.open("xb")
            self._writer = WARCWriter(self._handle, gzip=True)
        return self._writer

    def write(self, url: str, status: int, reason: str, headers: list[tuple[str, str]], body: bytes,
              fetched_at: datetime, truncated: bool = False) -> None:
        """One ``response`` record: the status line, the headers, the body as read."""
        from warcio.statusandheaders import StatusAndHeaders

        kept = [(k, v) for k, v in headers if k.lower() not in _WIRE_HEADERS]
        kept.append(("Content-Length", str(len(body))))
        http_headers = StatusAndHeaders(f"{status} {reason}".strip(), kept, protocol="HTTP/1.1")
        warc_headers = {"WARC-Date": fetched_at.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")}
        if truncated:
            warc_headers["WARC-Truncated"] = "length"
        with self._lock:
            writer = self._open()
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), length=len(body),
                                               http_headers=http_headers, warc_headers_dict=warc_headers)
            writer.write_record(record)
            assert self._handle is not None
            self._handle.flush()
            self.records += 1

    def close(self) -> None:
        with self._lock:
            if self._handle is not None:
                self._handle.close()
                self._handle = None
                self._writer = None
