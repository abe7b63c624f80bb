"""Every input record ends as an article or as a skipped entry with a reason, and
article ids carry provenance: one text from two outlets is two articles, marked as
copies of one another; the same file read twice (or re-ingested) is one article."""

import json
from datetime import datetime, timezone
from pathlib import Path

import pytest
from lxml import etree

from storylens.eval.data import MissingDataError, shared_dir
from storylens.ingest import iter_documents, reader_for
from storylens.ingest.metadata import SIDECAR_SUFFIX
from storylens.model import RawDocument, Skipped
from storylens.pipeline import analyze

NOW = datetime(2026, 4, 4, tzinfo=timezone.utc)
EXAMPLES = Path(__file__).parents[3] / "examples"
WIRE = (
    "PORT ALDER, March 3 (Harbor Wire) - The ferry between Port Alder and Skarholm resumed "
    "on Tuesday after a four-day strike by deck crews ended with a pay deal, the operator said. "
    "Crews will receive a raise of six percent over two years, and the first sailing left at "
    "seven in the morning with about 300 passengers on board, a spokeswoman said."
)


def _records(path: Path) -> list[str]:
    """The records a file holds, counted without Storylens' readers (a file the readers
    do not know, or that holds no records, counts as one input)."""
    name = path.name.lower()
    if name.endswith((".jsonl", ".ndjson")):
        lines = path.read_bytes().splitlines()
        found = [f"{path}#line-{n}" for n, line in enumerate(lines, start=1) if line.strip()]
    elif name.endswith((".rss", ".atom", ".xml")):
        root = etree.fromstring(path.read_bytes())
        entries = [el for el in root.iter() if isinstance(el.tag, str) and etree.QName(el).localname in ("item", "entry")]
        found = [f"{path}#entry-{n}" for n in range(1, len(entries) + 1)]
    else:
        found = []
    return found or [str(path)]


def _inputs(folder: Path) -> list[str]:
    return [record for path in sorted(folder.rglob("*")) if path.is_file() and not path.name.startswith(".")
            and not path.name.endswith(SIDECAR_SUFFIX) for record in _records(path)]


def _assert_accounted(result, expected: list[str]) -> None:
    sources = [a.source for a in result.articles] + [s.source for s in result.skipped]
    assert len(sources) == len(set(sources)), "an input was reported twice"
    assert sorted(sources) == sorted(expected)
    assert all(s.reason.strip() for s in result.skipped)


def test_every_example_input_is_an_article_or_skipped_with_a_reason():
    expected = _inputs(EXAMPLES)
    assert len(expected) == 15  # 8 pages, 3 feed entries, 2 JSONL lines, README, expected.json
    result = analyze([EXAMPLES], fetched_at=NOW, extract=False, compare=False)
    _assert_accounted(result, expected)
    assert len(result.articles) == 12


def test_gva_dev_inputs_add_up_to_the_lines_of_the_file():
    try:
        path = shared_dir("eval/gva/dev.jsonl") / "eval" / "gva" / "dev.jsonl"
    except MissingDataError as exc:
        pytest.skip(f"evaluation data absent: {exc}")
    expected = _records(path)
    assert len(expected) == 2102
    result = analyze([path], fetched_at=NOW, extract=False, compare=False)
    _assert_accounted(result, expected)
    # Identical text from two outlets is two articles; the copies point at one original.
    texts: dict[str, list] = {}
    for article in result.articles:
        texts.setdefault(article.text, []).append(article)
    shared = [group for group in texts.values() if len({a.outlet for a in group}) > 1]
    assert shared, "GVA dev has texts carried by two outlets"
    for group in shared:
        assert sum(a.duplicate_of is None for a in group) == 1
        heads = {a.duplicate_of or a.id for a in group}
        assert len(heads) == 1
    # Records repeated whole (same URL, same text) are reported, not dropped.
    repeats = [s for s in result.skipped if "the same article as" in s.reason]
    assert all("same URL" in s.reason for s in repeats)


def _jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_identical_text_from_two_outlets_is_two_articles_counted_as_one_source(tmp_path):
    path = _jsonl(tmp_path / "copies.jsonl", [
        {"outlet": "Harbor Wire", "url": "https://harborwire.example/ferry", "text": WIRE},
        {"outlet": "Skarholm Radio", "url": "https://skarholm-radio.example/ferry", "text": WIRE},
    ])
    result = analyze([path], fetched_at=NOW, extract=False, compare=False)
    first, second = sorted(result.articles, key=lambda a: a.source)
    assert first.id != second.id and not result.skipped
    assert {first.duplicate_of, second.duplicate_of} == {None, first.id if second.duplicate_of else second.id}
    sources = {a.syndication_group or a.duplicate_of or a.id for a in result.articles}
    assert len(sources) == 1  # one independent source


def test_page_dumps_of_one_text_in_two_files_are_two_articles(tmp_path):
    (tmp_path / "courier.txt").write_text(WIRE, encoding="utf-8")
    (tmp_path / "radio.txt").write_text(WIRE, encoding="utf-8")
    docs = list(iter_documents([tmp_path], NOW))
    assert [type(d) for d in docs] == [RawDocument, RawDocument]
    assert docs[0].id != docs[1].id


def test_the_same_file_given_twice_is_one_article(tmp_path):
    page = tmp_path / "courier.txt"
    page.write_text(WIRE, encoding="utf-8")
    result = analyze([page, tmp_path, tmp_path / "." / "courier.txt"], fetched_at=NOW, extract=False, compare=False)
    assert len(result.articles) == 1 and not result.skipped


def test_ids_are_stable_across_runs_and_folders(tmp_path):
    rows = [{"url": "https://harborwire.example/ferry", "text": WIRE}, {"text": WIRE}]
    first = [d.id for d in iter_documents([_jsonl(tmp_path / "a.jsonl", rows)], NOW)]
    again = [d.id for d in iter_documents([tmp_path / "a.jsonl"], datetime(2026, 5, 1, tzinfo=timezone.utc))]
    moved = tmp_path / "elsewhere"
    moved.mkdir()
    elsewhere = [d.id for d in iter_documents([_jsonl(moved / "a.jsonl", rows)], NOW)]
    assert first == again == elsewhere and len(set(first)) == 2


def test_one_record_repeated_is_reported_not_dropped(tmp_path):
    row = {"outlet": "Harbor Wire", "url": "https://harborwire.example/ferry", "text": WIRE}
    path = _jsonl(tmp_path / "repeat.jsonl", [row, row])
    first, second = list(iter_documents([path], NOW))
    assert isinstance(first, RawDocument) and isinstance(second, Skipped)
    assert second.source.endswith("#line-2") and "same article as" in second.reason and "#line-1" in second.reason
    assert "same URL" in second.reason


def test_reader_known_for_every_counted_format():
    assert all(reader_for(Path(f"x{suffix}")) for suffix in (".jsonl", ".rss", ".xml", ".txt", ".html"))
