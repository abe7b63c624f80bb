"""A story only one outlet reports, through `storylens analyze`: its brief is shown apart,
as what one outlet says, never as the outlets' agreed summary (JSON, HTML, Markdown)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from storylens.cli import main

_ARTICLE = """Ferry strike halts crossings to Osk Island

By Lena Marr, Harbour Courier

PORT VELL — Ferries to Osk Island stayed in port on Friday after crews walked out over pay.

About 300 crew members joined the strike, the Seafarers' Union said in a statement.

The island's only school closed for the day because its teachers live on the mainland.

Talks between the union and the ferry operator are due to resume on Monday.
"""


def test_a_one_outlet_story_has_no_agreed_summary_and_shows_what_one_outlet_says(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "ferry.txt").write_text(_ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["analyze", str(src), "--out", str(out), "--format", "html,json,md", "-q"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    (story,) = json.loads((out / "report.json").read_text(encoding="utf-8"))["stories"]
    brief = story["brief"]
    assert brief["summary"] == []
    assert brief["single_source"], "a one-article story still gets its lead sentences"
    for line in brief["single_source"]:
        (cite,) = line["citations"]
        assert line["text"].strip() in cite["text"] or cite["text"].strip() in line["text"]
    html = (out / "report.html").read_text(encoding="utf-8")
    md = (out / "report.md").read_text(encoding="utf-8")
    assert "Nothing here is corroborated yet" in html and "Nothing here is corroborated yet" in md
    assert "#### Reported by one outlet only" in md and "#### In brief" not in md
