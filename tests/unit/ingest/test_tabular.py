from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

from storylens.ingest.tabular import read_csv, read_jsonl
from storylens.model import RawDocument, Skipped

TABULAR = Path(__file__).resolve().parents[2] / "fixtures" / "tabular"
FETCHED = datetime(2031, 5, 1, 12, 0, tzinfo=timezone.utc)


def test_jsonl_records_and_bad_lines() -> None:
    path = TABULAR / "articles.jsonl"
    items = list(read_jsonl(path, FETCHED))
    by_source = {i.source: i for i in items}
    assert list(by_source) == [f"{path}#line-{n}" for n in (1, 2, 3, 4, 6, 7, 8)]  # blank line 5 ignored

    first = by_source[f"{path}#line-1"]
    assert isinstance(first, RawDocument)
    assert first.kind == "plain"
    assert first.data.decode("utf-8").startswith("The winter ice road to Fellhaven")
    assert "\n\nHauliers said" in first.data.decode("utf-8")
    assert first.url == "https://northern-beacon.example/2031/ice-road"
    assert first.fetched_at == FETCHED
    assert first.metadata == {
        "url": "https://northern-beacon.example/2031/ice-road",
        "outlet": "Northern Beacon",
        "headline": "Ice road opens early",
        "published": "2031-01-12T08:00:00-05:00",
        "byline": "Ines Marchetti, Joon Arkwright",
        "language": "en",
    }
    assert first.metadata_origin["outlet"] == "articles.jsonl line 1 column 'Source'"
    assert first.metadata_origin["published"] == "articles.jsonl line 1 column 'published_at'"

    second = by_source[f"{path}#line-2"]
    assert isinstance(second, RawDocument) and second.kind == "html"
    assert second.data == b"<p>The ferry strike planned for Friday was called off late on Wednesday.</p>"
    assert second.metadata["outlet"] == "Harbour Tribune"

    reasons = {n: by_source[f"{path}#line-{n}"] for n in (3, 4, 6, 7)}
    assert all(isinstance(r, Skipped) for r in reasons.values())
    assert "line 3 is not valid JSON" in reasons[3].reason  # type: ignore[union-attr]
    assert "not an object" in reasons[4].reason  # type: ignore[union-attr]
    assert "no article text column" in reasons[6].reason  # type: ignore[union-attr]
    assert "'text' column is empty" in reasons[7].reason  # type: ignore[union-attr]

    epoch = by_source[f"{path}#line-8"]
    assert isinstance(epoch, RawDocument)
    assert epoch.metadata["published"] == "2031-01-05T08:00:00+00:00"
    assert epoch.metadata["updated"] == "2031-01-05T08:00:00+00:00"  # milliseconds read as such


def test_jsonl_non_utf8_line_is_skipped_alone(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    good = json.dumps({"text": "Fine line."}).encode()
    path.write_bytes(good + b"\n" + b'{"text": "caf\xe9"}\n' + good + b"\n")
    items = list(read_jsonl(path, FETCHED))
    assert [type(i).__name__ for i in items] == ["RawDocument", "Skipped", "RawDocument"]
    assert "not UTF-8" in items[1].reason  # type: ignore[union-attr]


def test_empty_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_text("\n\n")
    assert list(read_jsonl(path, FETCHED)) == [Skipped(str(path), "no records (the file is empty)")]


def test_csv_quoted_multiline_text() -> None:
    path = TABULAR / "articles.csv"
    items = list(read_csv(path, FETCHED))
    assert [i.source for i in items] == [f"{path}#line-{n}" for n in (2, 5, 6)]
    first, second, third = items
    assert isinstance(first, RawDocument) and isinstance(second, RawDocument)
    assert first.data.decode() == (
        "The council postponed its vote on the new bridge.\n\nA decision is now expected in March, officials said."
    )
    assert first.metadata == {"outlet": "Valley Courier", "headline": "Bridge vote delayed", "published": "2031-02-03"}
    assert first.metadata_origin["published"] == "articles.csv line 2 column 'Date'"
    assert second.data.decode() == 'Schools across the hill district closed on Tuesday, "for safety", the authority said.'
    assert isinstance(third, Skipped) and "'Text' column is empty" in third.reason


def test_csv_latin1_tab_separated_with_html(tmp_path: Path) -> None:
    path = tmp_path / "latin.csv"
    rows = "site\ttitle\tHTML\tLanguage\nFjord Post\tCafé reopens\t<p>The café by the fjord reopened on Saturday.</p>\tno\n"
    path.write_bytes(rows.encode("latin-1"))
    (doc,) = list(read_csv(path, FETCHED))
    assert isinstance(doc, RawDocument) and doc.kind == "html"
    assert doc.data.decode("utf-8") == "<p>The café by the fjord reopened on Saturday.</p>"
    assert doc.metadata == {"outlet": "Fjord Post", "headline": "Café reopens", "language": "no"}


def test_csv_large_field_and_no_text_column(tmp_path: Path) -> None:
    big = "word " * 60_000  # 300 KB, over csv's default field limit
    path = tmp_path / "big.csv"
    path.write_text(f'text,url\n"{big}",https://x.example/1\n', encoding="utf-8")
    (doc,) = list(read_csv(path, FETCHED))
    assert isinstance(doc, RawDocument) and len(doc.data) == len(big.encode())

    path2 = tmp_path / "notext.csv"
    path2.write_text("title,url\nSomething,https://x.example/2\n", encoding="utf-8")
    (skipped,) = list(read_csv(path2, FETCHED))
    assert isinstance(skipped, Skipped) and skipped.source == f"{path2}#line-2"
    assert "no article text column" in skipped.reason


def test_csv_without_rows(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_text("")
    (item,) = list(read_csv(path, FETCHED))
    assert isinstance(item, Skipped) and "no header row" in item.reason
    path.write_text("text,title\n")
    (item,) = list(read_csv(path, FETCHED))
    assert isinstance(item, Skipped) and "no data rows" in item.reason


def test_readers_stream(tmp_path: Path) -> None:
    path = tmp_path / "many.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for i in range(1000):
            out.write(json.dumps({"text": f"Story {i}."}) + "\n")
    reader = read_jsonl(path, FETCHED)
    first = next(reader)
    assert isinstance(first, RawDocument) and first.data == b"Story 0."
