"""An opinion piece states a claim but never corroborates it, through the user's entry
points: `storylens analyze` (JSON and HTML reports) and `storylens ingest` (the store).

Fictional story: two news reports (Tarnwick Courier, Millbay Post) and one opinion column
(Pellow Voice). The vote is reported by both news outlets: corroborated. The loss figure
is reported by one news outlet and repeated by the column: single-source, and the
column's cell in the grid is no ✓."""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner

from storylens.cli import main
from storylens.serialise import comparison_to_dict
from storylens.store import open_store

VOTE = "voted on Monday to end Sunday ferry sailings to Pellow Island from April"
LOSS = "the Sunday crossings lost 40,000 pounds last year"

COURIER = (
    f"The Tarnwick harbour board {VOTE}, closing a route that has run for sixty years.\n\n"
    f"Harbour board chair Morwenna Teague said {LOSS}, and that fuel costs had doubled since 2024.\n\n"
    "Islanders who travel to the clinic in Tarnwick on Sundays will be offered a minibus from the quay "
    "at Millbay, the board said in a statement.\n\n"
    "The Tarnwick Courier asked the island council for comment on the timetable change.")
POST = (
    f"Members of the Tarnwick harbour board {VOTE} after a two-hour meeting at the harbour office.\n\n"
    "Three deckhands left the company this winter and the board has struggled to fill the posts, "
    "according to the ferry operator's manager Idris Penhale.\n\n"
    "A petition against the cut has been signed by 1,200 residents of Pellow Island, its organisers said.\n\n"
    "The Saturday timetable will not change.")
COLUMN = (
    "Once again the islanders of Pellow are told to make do with less.\n\n"
    f"Harbour board chair Morwenna Teague said {LOSS}, as if a lifeline were a shop to be closed "
    "when the till runs short.\n\n"
    "The board should have asked the people who rely on the Sunday ferry to Pellow Island before it voted "
    "to end the sailings.\n\n"
    "A minibus from Millbay is no answer for an elderly islander with a hospital appointment.")


def run(*args: object) -> None:
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == 0, result.output


def record(outlet: str, text: str, headline: str, url: str, genre: str | None = None) -> str:
    values = {"outlet": outlet, "url": url, "headline": headline, "published": "2026-03-09T10:00:00+00:00",
              "text": text}
    if genre:
        values["genre"] = genre
    return json.dumps(values)


def news_jsonl(folder: Path) -> Path:
    path = folder / "news.jsonl"
    path.write_text("\n".join([
        record("Tarnwick Courier", COURIER, "Harbour board ends Sunday ferry sailings to Pellow",
               "https://tarnwick-courier.example/news/ferry-sundays", "news"),
        record("Millbay Post", POST, "Sunday ferry to Pellow Island to stop in April",
               "https://millbay-post.example/local/pellow-ferry"),
    ]) + "\n", encoding="utf-8")
    return path


def column_page(folder: Path) -> Path:
    node = {"@context": "https://schema.org", "@type": "OpinionNewsArticle",
            "headline": "The Sunday ferry is a lifeline, not a ledger line",
            "datePublished": "2026-03-09T12:00:00+00:00",
            "publisher": {"@type": "Organization", "name": "Pellow Voice"}}
    paragraphs = "".join(f"<p>{p}</p>" for p in COLUMN.split("\n\n"))
    path = folder / "column.html"
    path.write_text(
        "<html><head><meta charset='utf-8'><title>Pellow Voice</title>"
        f"<script type='application/ld+json'>{json.dumps(node)}</script></head>"
        f"<body><article><h1>The Sunday ferry is a lifeline, not a ledger line</h1>{paragraphs}</article>"
        "</body></html>", encoding="utf-8")
    return path


def fact_stating(story: dict, words: str) -> dict:
    found = [f for f in story["facts"] if any(words in c["text"] for c in f["support"])]
    assert len(found) == 1, [f["statement"] for f in story["facts"]]
    return found[0]


def check_story(story: dict, articles: dict[str, dict]) -> None:
    outlets = {articles[i]["outlet"] for i in story["articles"]}
    assert outlets == {"Tarnwick Courier", "Millbay Post", "Pellow Voice"}
    loss = fact_stating(story, LOSS)
    assert sorted(loss["outlets"]) == ["Pellow Voice", "Tarnwick Courier"]  # both state it ...
    assert loss["independent_sources"] == 1 and loss["status"] == "single-source"  # ... one news source
    vote = fact_stating(story, VOTE)
    assert {articles[c["article_id"]]["outlet"] for c in vote["support"]} >= {"Tarnwick Courier", "Millbay Post"}
    assert vote["independent_sources"] == 2 and vote["status"] == "corroborated"


def test_analyze_an_opinion_column_never_corroborates(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    news_jsonl(inputs)
    column_page(inputs)
    out = tmp_path / "report"
    run("analyze", inputs, "--out", out, "--format", "json,html", "-q")
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    articles = {a["id"]: a for a in report["articles"]}
    genres = {a["outlet"]: a["genre"] for a in articles.values()}
    assert genres == {"Tarnwick Courier": "news", "Millbay Post": "news", "Pellow Voice": "opinion"}
    column = next(a for a in articles.values() if a["outlet"] == "Pellow Voice")
    assert column["inferred"]["genre"] == "JSON-LD @type OpinionNewsArticle"
    courier = next(a for a in articles.values() if a["outlet"] == "Tarnwick Courier")
    assert courier["explicit"]["genre"] == "news.jsonl line 1 column 'genre'"
    [story] = [s for s in report["stories"] if len(s["articles"]) == 3]
    check_story(story, articles)

    html = (out / "report.html").read_text(encoding="utf-8")
    assert "Pellow Voice (opinion)" in html
    rows = [m.group(0) for m in re.finditer(r"<tr[^>]*>.*?</tr>", html, re.S) if "cell" in m.group(0)]
    loss_row = next(row for row in rows if "40,000 pounds" in row)
    assert loss_row.count('class="cell supported"') == 1  # the Courier's ✓ only
    assert loss_row.count('class="cell stated"') == 1  # the column states it: no ✓
    assert "never corroborates" in html  # the grid's legend explains the ○


def test_ingest_stores_the_genre_and_the_same_corroboration(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    news_jsonl(inputs)
    (inputs / "news.jsonl").write_text(
        (inputs / "news.jsonl").read_text(encoding="utf-8")
        + record("Pellow Voice", COLUMN, "The Sunday ferry is a lifeline, not a ledger line",
                 "https://pellow-voice.example/2026/03/ferry", "Opinion") + "\n", encoding="utf-8")
    db = tmp_path / "s.db"
    run("ingest", inputs, "--db", db, "-q")
    with open_store(db) as store:
        articles = {a.id: a for a in store.list_articles(limit=10)}
        assert {a.outlet: a.genre for a in articles.values()} == {
            "Tarnwick Courier": "news", "Millbay Post": "news", "Pellow Voice": "opinion"}
        [story] = [s for s in store.list_stories(limit=10) if len(s.articles) == 3]
        comparison = store.get_comparison(story.id)
        assert comparison is not None
        check_story(comparison_to_dict(comparison) | {"articles": story.articles},
                    {i: {"outlet": a.outlet} for i, a in articles.items()})
