"""Through `storylens analyze`: a brief line that gives someone's words with "she said"
names her in brackets when she is the person named just before.

Fictional story: the port of Lindmark closed for a storm swell, told by two outlets."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from test_genre_corroboration import record, run  # noqa: E402

WORDS = "We had no choice with the swell this high, and the ferries will stay in port until Thursday"
POST = (
    "The port of Lindmark closed at noon on Monday as a storm swell reached six metres.\n\n"
    f"Harbour master Ines Varga ordered all ferries to stay at their berths. \"{WORDS},\" she said.\n\n"
    "About 2,000 passengers were stranded at the ferry terminal, the port authority said.")
RADIO = (
    "About 2,000 passengers were stranded at the Lindmark ferry terminal on Monday, the port authority said.\n\n"
    f"The port closed at noon when the swell reached six metres. \"{WORDS},\" she said after the closure.\n\n"
    "The coast guard said two fishing boats were escorted back to harbour.")


POST_RECORD = record("Lindmark Post", POST, "Storm swell closes Lindmark port", "https://lindmark-post.example/port")
RADIO_RECORD = record("Coast Radio", RADIO, "Ferries stay in port", "https://coast-radio.example/swell")


def analyze(tmp_path: Path, records: list[str]) -> tuple[Path, dict]:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "news.jsonl").write_text("\n".join(records) + "\n", encoding="utf-8")
    out = tmp_path / "report"
    run("analyze", inputs, "--out", out, "--format", "json,html,md", "-q")
    return out, json.loads((out / "report.json").read_text(encoding="utf-8"))


def test_the_brief_names_the_speaker_of_she_said(tmp_path: Path) -> None:
    out, report = analyze(tmp_path, [POST_RECORD, RADIO_RECORD])
    [story] = [s for s in report["stories"] if len(s["articles"]) == 2]
    lines = [line["text"] for line in story["brief"]["summary"]]
    quoted = [t for t in lines if WORDS in t]
    # the Post's sentence, its speaker named after the pronoun; Coast Radio's "she" names nobody
    assert quoted == [f"\"{WORDS},\" she [Ines Varga] said."], lines
    # the name added is traced to the words of the Post that name her
    [line] = [line for line in story["brief"]["summary"] if WORDS in line["text"]]
    [post] = [a for a in report["articles"] if a["outlet"] == "Lindmark Post"]
    speaker = line["speaker"]
    assert speaker["article_id"] == post["id"] and post["text"][speaker["start"]:speaker["end"]] == "Ines Varga"
    # and the reports show where the name comes from
    assert "she [Ines Varga] said." in (out / "report.html").read_text(encoding="utf-8").replace("&#34;", '"')
    page = (out / "report.html").read_text(encoding="utf-8")
    named_at = f'c-{post["id"]}-{speaker["start"]}-{speaker["end"]}'
    assert f'(name in brackets: <span class="cites"><a class="citation" href="#{named_at}"' in page
    assert f'id="{named_at}"' in page  # the link opens the words in the Post's text
    markdown = (out / "report.md").read_text(encoding="utf-8")
    [md_line] = [x for x in markdown.splitlines() if "she \\[Ines Varga\\] said" in x or "she [Ines Varga] said" in x]
    assert "(name in brackets: Lindmark Post" in md_line


def test_a_single_source_brief_names_her_too_and_says_where_from(tmp_path: Path) -> None:
    out, report = analyze(tmp_path, [POST_RECORD])
    [story] = report["stories"]
    [line] = [line for line in story["brief"]["single_source"] if WORDS in line["text"]]
    assert line["text"] == f"\"{WORDS},\" she [Ines Varga] said." and line["speaker"]["text"] == "Ines Varga"
    assert "(name in brackets: " in (out / "report.html").read_text(encoding="utf-8")
    assert "(name in brackets: Lindmark Post" in (out / "report.md").read_text(encoding="utf-8")
