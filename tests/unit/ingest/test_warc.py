from __future__ import annotations

import gzip
import io
from datetime import datetime, timezone
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storylens.ingest.warc import read_warc
from storylens.model import RawDocument, Skipped

FETCHED = datetime(2031, 5, 1, 12, 0, tzinfo=timezone.utc)


def page(i: int) -> bytes:
    words = " ".join(f"word{j}" for j in range(150))
    return f"<html><body><h1>Story {i}</h1><p>Harbour story number {i}. {words}</p></body></html>".encode()


def write_warc(path: Path, gz: bool, records: list[tuple[str, str, str, bytes]]) -> None:
    """records: (url, status line, content type, payload); 'request' as status writes a request record."""
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gz)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "storylens-test"}))
        for i, (url, status, content_type, payload) in enumerate(records):
            if status == "request":
                headers = StatusAndHeaders(f"GET {url} HTTP/1.1", [("Host", "example")], is_http_request=True)
                record = writer.create_warc_record(url, "request", payload=io.BytesIO(b""), http_headers=headers)
            else:
                headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
                record = writer.create_warc_record(
                    url,
                    "response",
                    payload=io.BytesIO(payload),
                    http_headers=headers,
                    warc_headers_dict={"WARC-Date": f"2031-04-0{i % 9 + 1}T10:00:00Z"},
                )
            writer.write_record(record)


MIXED = [
    ("https://gazette.example/a", "200 OK", "text/html; charset=utf-8", page(1)),
    ("https://gazette.example/a", "request", "", b""),
    ("https://gazette.example/logo.png", "200 OK", "image/png", b"\x89PNG...."),
    ("https://gazette.example/gone", "404 Not Found", "text/html", b"<html>missing</html>"),
    ("https://gazette.example/b", "200 OK", "application/xhtml+xml", page(2)),
]


@pytest.mark.parametrize("gz", [False, True])
def test_reads_html_responses_only(tmp_path: Path, gz: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    write_warc(path, gz, MIXED)
    if gz:
        assert path.read_bytes()[:2] == b"\x1f\x8b"
    items = list(read_warc(path, FETCHED))
    *docs, summary = items
    assert all(isinstance(i, RawDocument) for i in docs), items
    assert summary == Skipped(f"{path}#not-pages", "2 response records are not HTML pages with status 200 and "
                                                   "were not read: 1 with HTTP status 404, 1 with content type image/png")
    assert [d.url for d in docs] == ["https://gazette.example/a", "https://gazette.example/b"]
    # Records are numbered in the file, warcinfo first: the pages are records 2 and 6.
    assert [d.source for d in docs] == [f"{path}#record-2", f"{path}#record-6"]
    assert docs[0].data == page(1) and docs[1].data == page(2)
    assert docs[0].kind == "html"
    assert docs[0].fetched_at == datetime(2031, 4, 1, 10, 0, tzinfo=timezone.utc)
    assert docs[0].metadata == {"url": "https://gazette.example/a"}
    assert "WARC-Target-URI" in docs[0].metadata_origin["url"]


@pytest.mark.parametrize("gz", [False, True])
def test_truncated_file_keeps_earlier_pages(tmp_path: Path, gz: bool) -> None:
    full = tmp_path / "full.warc"
    write_warc(full, gz, [(f"https://gazette.example/{i}", "200 OK", "text/html", page(i)) for i in range(4)])
    data = full.read_bytes()
    cut = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    cut.write_bytes(data[: len(data) - 200])
    items = list(read_warc(cut, FETCHED))
    docs = [i for i in items if isinstance(i, RawDocument)]
    assert [d.url for d in docs] == [f"https://gazette.example/{i}" for i in range(3)]
    assert all(d.data == page(i) for i, d in enumerate(docs))
    assert isinstance(items[-1], Skipped)
    assert items[-1].source == str(cut)
    assert "cut off in record 5" in items[-1].reason
    assert "3 pages before it were read" in items[-1].reason


def test_corrupt_gzip_member(tmp_path: Path) -> None:
    full = tmp_path / "full.warc.gz"
    write_warc(full, True, [(f"https://gazette.example/{i}", "200 OK", "text/html", page(i)) for i in range(3)])
    data = bytearray(full.read_bytes())
    # Overwrite the middle of the file (inside a later gzip member) with junk.
    middle = len(data) * 3 // 4
    data[middle : middle + 40] = b"\x00" * 40
    bad = tmp_path / "bad.warc.gz"
    bad.write_bytes(bytes(data))
    items = list(read_warc(bad, FETCHED))
    assert isinstance(items[-1], Skipped) and items[-1].source == str(bad)
    assert "WARC file is corrupt at record 4" in items[-1].reason
    assert "the 2 pages before it were read" in items[-1].reason
    assert items[-1].reason.isprintable()
    assert [i.url for i in items if isinstance(i, RawDocument)] == ["https://gazette.example/0", "https://gazette.example/1"]


@pytest.mark.parametrize("content", [b"just some text, not an archive\n" * 5, b"", gzip.compress(b"<html>nope</html>")])
def test_not_a_warc(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "x.warc"
    path.write_bytes(content)
    items = list(read_warc(path, FETCHED))
    assert len(items) == 1 and isinstance(items[0], Skipped)
    assert items[0].reason.startswith("not a WARC file")


def test_streams_lazily(tmp_path: Path) -> None:
    path = tmp_path / "many.warc.gz"
    write_warc(path, True, [(f"https://gazette.example/{i}", "200 OK", "text/html", page(i)) for i in range(50)])
    reader = read_warc(path, FETCHED)
    first = next(reader)
    assert isinstance(first, RawDocument) and first.url == "https://gazette.example/0"


def test_response_without_content_type_is_read_when_html_and_reported_when_not(tmp_path: Path) -> None:
    path = tmp_path / "bare.warc"
    write_warc(path, False, [
        ("https://gazette.example/a", "200 OK", "", page(1)),
        ("https://gazette.example/blob", "200 OK", "", b"\x00\x01binary payload"),
    ])
    first, second = read_warc(path, FETCHED)
    assert isinstance(first, RawDocument) and first.url == "https://gazette.example/a"
    assert isinstance(second, Skipped) and second.source == f"{path}#record-3"
    assert "without a Content-Type" in second.reason


def test_implausible_warc_date_falls_back_to_the_run_time(tmp_path: Path) -> None:
    path = tmp_path / "dated.warc"
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=False)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            "https://gazette.example/a", "response", payload=io.BytesIO(page(1)), http_headers=headers,
            warc_headers_dict={"WARC-Date": "0001-01-02T00:00:00Z"}))
    (doc,) = read_warc(path, FETCHED)
    assert doc.fetched_at == FETCHED


def test_warc_without_any_response_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "requests.warc"
    write_warc(path, False, [("https://gazette.example/a", "request", "", b"")])
    (only,) = read_warc(path, FETCHED)
    assert isinstance(only, Skipped) and only.source == str(path)
    assert only.reason == "no HTML page responses in the WARC file (1 request record, 1 warcinfo record)"
