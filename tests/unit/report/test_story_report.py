"""The HTML and Markdown reports of the bundled examples, written by `storylens analyze`:
a reader sees the disputes first (each once, with its sides and their outlets, each
citation opening its span), no internal keys, quotes with their punctuation, and the
Markdown report carries the comparison too."""

from __future__ import annotations

import json
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from storylens.cli import main
from storylens.report.present import as_excerpt

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
_KEY = re.compile(r"\b(?:person|org|place):[a-z]")


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("report")
    result = CliRunner().invoke(main, ["analyze", str(EXAMPLES), "--out", str(folder), "--format", "html,json,md",
                                       "-q"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return folder


def _report(out: Path) -> dict[str, Any]:
    return dict(json.loads((out / "report.json").read_text(encoding="utf-8")))


class _Page(HTMLParser):
    """Visible text, element ids, and the text that follows each id'd anchor."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.ids: set[str] = set()
        self.after: dict[str, str] = {}
        self._open: list[str] = []
        self._skip = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(str(a["id"]))
            if a.get("class") == "anchor":
                self._open.append(str(a["id"]))
        self._skip = tag in ("style", "title")

    def handle_endtag(self, tag: str) -> None:
        self._skip = False

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        self.text.append(data)
        for anchor in self._open:
            self.after[anchor] = self.after.get(anchor, "") + data
        self._open = [a for a in self._open if len(self.after[a]) < 400]


def _visible_stories(page: str) -> str:
    return page[page.index('id="stories"'):page.index('id="articles"')]


def test_html_story_shows_disputes_first_each_once_with_sources(out: Path) -> None:
    report = _report(out)
    page = (out / "report.html").read_text(encoding="utf-8")
    parsed = _Page()
    parsed.feed(page)
    outlets = {a["id"]: a["outlet"] or "" for a in report["articles"]}
    checked = 0
    for story in report["stories"]:
        p = story["id"] + "-"
        section = page[page.index(f'id="{p}disputes"'):page.index(f'id="{p}brief"')]
        assert page.index(f'id="{p}disputes"') < page.index(f'id="{p}brief"') < page.index(f'id="{p}facts"')
        assert section.count('<section class="conflict">') == len(story["conflicts"]) > 0
        text = unescape(re.sub(r"<[^>]+>", "", section))
        sides = unescape(re.sub(r"<[^>]+>", "", " ".join(re.findall(r'<ul class="sides">.*?</ul>', section, re.S))))
        for conflict in story["conflicts"]:
            claims = {side["claim"] for side in conflict["sides"]}
            for claim in claims:  # each claim once, however many articles make it
                assert sides.count(claim) == 1, claim
            for side in conflict["sides"]:
                cite = side["citation"]
                anchor = f"c-{cite['article_id']}-{cite['start']}-{cite['end']}"
                assert f'href="#{anchor}"' in section and anchor in parsed.ids
                assert parsed.after[anchor].startswith(cite["text"])  # the link opens the cited span
                if outlets[cite["article_id"]]:
                    assert outlets[cite["article_id"]] in text
                checked += 1
        assert "— outlet" not in text and "outlet's own voice" in text or all(
            s["asserted_by"] != "outlet" for c in story["conflicts"] for s in c["sides"])
    assert checked >= 6
    assert "Tavrin Herald" in page and "brief disputed" not in page
    assert not _KEY.search(unescape(" ".join(parsed.text))), _KEY.findall(unescape(" ".join(parsed.text)))[:5]


def test_html_quotes_keep_their_punctuation(out: Path) -> None:
    report = _report(out)
    page = (out / "report.html").read_text(encoding="utf-8")
    without_deleted = re.sub(r"<del>.*?</del>", "", _visible_stories(page))
    stories = re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", "", without_deleted)))
    altered = [v for s in report["stories"] for g in s["quote_variants"] for v in g["variants"][1:]
               if v["fidelity"] == "altered"]
    assert altered, "the examples alter a quote"
    for v in altered:
        assert v["citation"]["text"] in stories, v["citation"]["text"]  # as written, commas and all
    for g in (g for s in report["stories"] for g in s["quote_variants"] if len(g["variants"]) > 1):
        assert g["variants"][0]["citation"]["text"] in stories  # the reference as written


def test_markdown_carries_the_comparison(out: Path) -> None:
    report = _report(out)
    md = (out / "report.md").read_text(encoding="utf-8")
    stories = md[md.index("\n## Stories\n"):md.index("\n## Articles\n")]
    plain = stories.replace("\\", "")
    assert not _KEY.search(plain), _KEY.findall(plain)[:5]
    numbers = {a["id"]: i for i, a in enumerate(report["articles"], start=1)}
    clauses = 0
    for n, story in enumerate(report["stories"], start=1):
        block = plain.split(f"### {n}. ", 1)[1].split("\n### ", 1)[0]
        heads = [h for h in ("#### Disputed points", "#### Corroborated facts", "#### Single-source claims",
                             "#### Quotes across outlets", "#### Timeline") if h in block]
        assert len(heads) == 5 and [block.index(h) for h in heads] == sorted(block.index(h) for h in heads)
        disputes = block[block.index("#### Disputed points"):block.index("#### In brief")]
        sides = "\n".join(x for x in disputes.splitlines() if x.startswith("  - "))
        for conflict in story["conflicts"]:
            for side in conflict["sides"]:
                cite = side["citation"]
                assert f"[{numbers[cite['article_id']]}]" in disputes
            for claim in {s["claim"] for s in conflict["sides"]}:
                assert sides.count(f"- {claim} — ") == 1
        agreed = [f for f in story["facts"] if f["status"] == "corroborated"]
        assert f"#### Corroborated facts ({len(agreed)})" in block
        for fact in agreed:
            section = block[block.index("#### Corroborated facts"):block.index("#### Single-source claims")]
            said = "- " + as_excerpt(fact["statement"])  # the whole statement: two facts may begin alike
            line = next(x for x in section.splitlines() if x.startswith(said) and x[len(said):][:2] in (" —", " ("))
            assert f"{fact['independent_sources']} independent sources" in line
            assert all(f"[{numbers[c['article_id']]}" in line for c in fact["support"])
            # each article once (a fact may cite an article's headline and its sentence)
            assert all(len(re.findall(rf"\[{numbers[a]}(?: headline)?\]", line)) == 1
                       for a in {c["article_id"] for c in fact["support"]})
        # a clause cut from its sentence is shown as an excerpt, never as if it were a sentence
        single = block[block.index("#### Single-source claims"):block.index("#### Quotes across outlets")]
        for fact in story["facts"]:
            cut = fact["statement"].strip()
            if fact["status"] == "single-source" and cut[0].islower():
                assert f"- {cut[:30]}" not in single
                clauses += f"- … {cut[:30]}" in single
        for group in (g for g in story["quote_variants"] if len(g["variants"]) > 1):
            assert f"— {group['fidelity']}" in block
            for v in group["variants"]:
                assert f"“{v['citation']['text']}”" in block
        for event in story["timeline"]:
            assert f"- **{event['date']}**" in block
    assert clauses, "the examples hold a single-source clause cut from a longer sentence"
    assert "changed: −“a single life” +“lives”" in plain  # the altered quote's words, as written
    hedged = [(n, c) for n, s in enumerate(report["stories"], start=1) for c in s["framing"]
              if c["kind"] == "hedged_claim"]
    assert hedged, "the examples hedge a claim another outlet states flatly"
    for n, cue in hedged:
        block = plain.split(f"### {n}. ", 1)[1].split("\n### ", 1)[0]
        framing = block[block.index("#### Framing cues"):]
        assert f"- *hedged claim* “{cue['cue']}” ({cue['note']}) — " in framing
        assert f"[{numbers[cue['article_id']]}]" in framing
    scare = [c for s in report["stories"] for c in s["framing"] if c["kind"] == "scare_quote"]
    assert scare, "the examples put a word in scare quotes"
    for cue in scare:  # the word in one pair of quotation marks, not two
        assert f"*scare quote* “{cue['cue'].strip(chr(34) + chr(39) + '“”‘’')}” (" in plain


def test_html_framing_marks_the_cue_word_inside_a_hedged_claim(out: Path) -> None:
    report = _report(out)
    page = (out / "report.html").read_text(encoding="utf-8")
    hedged = [c for s in report["stories"] for c in s["framing"] if c["kind"] == "hedged_claim"]
    assert hedged, "the examples hedge a claim another outlet states flatly"
    for cue in hedged:
        assert re.search(f'<mark class="cue">{re.escape(cue["cue"])}</mark>', unescape(page), re.IGNORECASE), cue
        assert f'<mark class="cue">{cue["citation"]["text"]}</mark>' not in unescape(page)  # not the whole sentence


def test_html_contents_lead_to_each_storys_disputes(out: Path) -> None:
    report = _report(out)
    page = (out / "report.html").read_text(encoding="utf-8")
    toc = page[page.index('<nav class="toc"'):page.index("</nav>")]
    for story in report["stories"]:
        n = len(story["conflicts"])
        assert f'<a href="#{story["id"]}-disputes">{n} disputed point{"" if n == 1 else "s"}</a>' in toc
