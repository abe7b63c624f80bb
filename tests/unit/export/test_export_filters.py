"""Which stories and articles an export keeps, and the errors it gives instead of guessing."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from storylens.cli import main
from storylens.export import ExportError, ExportFilter, bundles_from_report, parse_since

STORY = "story-aaaa000000000001"


def _report_file(report: dict[str, Any], tmp_path: Path) -> Path:
    path = tmp_path / "report.json"
    path.write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    return path


def _ids(report: dict[str, Any], tmp_path: Path, flt: ExportFilter) -> list[tuple[str | None, list[str]]]:
    return [(b.story.id if b.story else None, [a.id for a in b.articles])
            for b in bundles_from_report(_report_file(report, tmp_path), flt)]


def test_parse_since() -> None:
    assert parse_since("2026-03-11") == datetime(2026, 3, 11, tzinfo=timezone.utc)
    assert parse_since("2026-03-11T09:30:00+01:00") == datetime(2026, 3, 11, 8, 30, tzinfo=timezone.utc)
    assert parse_since("2026-03-11T08:30:00Z") == datetime(2026, 3, 11, 8, 30, tzinfo=timezone.utc)
    assert parse_since("2026-03-11T08:30") == datetime(2026, 3, 11, 8, 30, tzinfo=timezone.utc)
    with pytest.raises(ValueError, match="not a date"):
        parse_since("last week")


def test_no_filter_gives_the_story_in_publication_order_then_loose_articles(report: dict[str, Any],
                                                                            tmp_path: Path) -> None:
    assert _ids(report, tmp_path, ExportFilter()) == [
        (STORY, ["aaaa000000000001", "bbbb000000000002"]), (None, ["cccc000000000003"])]


def test_published_since_keeps_a_whole_story_when_one_article_passes(report: dict[str, Any],
                                                                     tmp_path: Path) -> None:
    # the paper article (08:30 UTC on the 11th) passes; the story comes whole; the undated loose one does not
    assert _ids(report, tmp_path, ExportFilter(published_since=parse_since("2026-03-11T08:30:00Z"))) == [
        (STORY, ["aaaa000000000001", "bbbb000000000002"])]
    assert _ids(report, tmp_path, ExportFilter(published_since=parse_since("2026-03-11T08:31:00Z"))) == []


def test_story_filter(report: dict[str, Any], tmp_path: Path) -> None:
    assert _ids(report, tmp_path, ExportFilter(story=STORY)) == [(STORY, ["aaaa000000000001", "bbbb000000000002"])]
    with pytest.raises(ExportError, match="no story 'story-nope'"):
        _ids(report, tmp_path, ExportFilter(story="story-nope"))


def test_a_report_refuses_ingested_since(report: dict[str, Any], tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="--ingested-since needs a store"):
        bundles_from_report(_report_file(report, tmp_path), ExportFilter(ingested_since=parse_since("2026-01-01")))


@pytest.mark.parametrize("content, message", [
    ("{not json", "not a Storylens JSON report"), ('{"stories": []}', "no `articles` list")])
def test_a_file_that_is_no_report(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "x.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ExportError, match=message):
        bundles_from_report(path, ExportFilter())


@pytest.mark.parametrize("args, message", [
    (["--db", "x.db", "--report", "r.json", "--out", "o"], "not both"),
    (["--report", "r.json"], "give --out DIR"),
    (["--report", "r.json", "--out", "o", "--published-since", "soon"], "not a date"),
    (["--report", "r.json", "--out", "o", "--ingested-since", "2026-01-01"], "needs a store"),
    (["--db", "missing.db", "--out", "o"], "no store at missing.db"),
])
def test_cli_errors(report: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str],
                    message: str) -> None:
    monkeypatch.chdir(tmp_path)
    _report_file(report, tmp_path).rename(tmp_path / "r.json")
    result = CliRunner().invoke(main, ["export", *args])
    assert result.exit_code != 0 and message in result.output, result.output
    assert not (tmp_path / "o").exists()
    assert not (tmp_path / "missing.db").exists()
