"""Two articles of one outlet are one source, through `storylens analyze`.

Fictional story: the Tarnwick Courier reports the harbour board's vote and the loss its
chair gave, then runs a follow-up the next day that repeats the loss; the Millbay Post
reports the vote. The vote is corroborated (two outlets); the loss, said twice by one
newsroom, is single-source and no summary line."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from test_genre_corroboration import COURIER, LOSS, POST, VOTE, fact_stating, record, run  # noqa: E402

FOLLOW_UP = (
    "Islanders on Pellow began collecting signatures on Tuesday against the end of Sunday ferry sailings.\n\n"
    f"Harbour board chair Morwenna Teague has said {LOSS}, and that fuel costs had doubled since 2024.\n\n"
    "The petition will be handed to the harbour office on Friday, its organisers said.")


def test_a_newsrooms_follow_up_does_not_corroborate_its_own_report(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    lines = [record("Tarnwick Courier", COURIER, "Harbour board ends Sunday ferry sailings to Pellow",
                    "https://tarnwick-courier.example/news/ferry-sundays"),
             json.dumps({**json.loads(record("Tarnwick Courier", FOLLOW_UP, "Pellow petition against ferry cut",
                                             "https://tarnwick-courier.example/news/ferry-petition")),
                         "published": "2026-03-10T09:00:00+00:00"}),
             record("Millbay Post", POST, "Sunday ferry to Pellow Island to stop in April",
                    "https://millbay-post.example/local/pellow-ferry")]
    (inputs / "news.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "report"
    run("analyze", inputs, "--out", out, "--format", "json", "-q")
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    [story] = [s for s in report["stories"] if len(s["articles"]) == 3]
    assert story["independent_sources"] == 2
    loss = fact_stating(story, LOSS)
    assert len({c["article_id"] for c in loss["support"]}) == 2  # both Courier articles say it ...
    assert loss["independent_sources"] == 1 and loss["status"] == "single-source"  # ... one newsroom
    vote = fact_stating(story, VOTE)
    assert vote["independent_sources"] == 2 and vote["status"] == "corroborated"
    assert not [s for s in story["brief"]["summary"] if LOSS in s["text"]]
