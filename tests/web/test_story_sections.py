"""The story page's compare and brief sections over the examples corpus (TestClient):
grid, disputed points, quote variants with diffs, timeline, framing, exclusives, brief,
hashtags; every citation opens the exact span. Plus the shared helpers they use."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser
from typing import Any

from fastapi.testclient import TestClient

from storylens.compare.framing import FramingCue
from storylens.model import Citation, Comparison, Conflict, ConflictSide, Fact
from storylens.report.present import FACT_ROWS_SHOWN, cue_context, diff_segments, fact_grid

SECTION_IDS = ("brief", "disputes", "facts", "quote-variants", "timeline", "framing", "exclusives")


class _Links(HTMLParser):
    """Every link's href with the class of the element (td, span...) around it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.links: list[tuple[str, str]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(str(a["id"]))
        if tag == "a" and a.get("href"):
            self.links.append((str(a["href"]), self.stack[-1] if self.stack else ""))
        if tag in ("td", "span", "li", "p"):
            self.stack.append(f"{tag}.{a.get('class') or ''}")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "span", "li", "p") and self.stack:
            self.stack.pop()


def _stories(client: TestClient) -> list[dict[str, Any]]:
    ids = [s["id"] for s in client.get("/api/stories").json()["stories"]]
    return [client.get(f"/api/stories/{i}").json() for i in ids]


def _opens(client: TestClient, url: str, text: str) -> bool:
    """The article page's JSON twin at this URL cites exactly ``text``."""
    api = url.split("#")[0].replace("/articles/", "/api/articles/", 1)
    return bool(client.get(api).json()["citation"]["text"] == text)


def test_every_section_is_rendered_and_the_raw_dump_is_gone(examples: TestClient) -> None:
    for body in _stories(examples):
        cmp = body["comparison"]
        assert cmp is not None
        assert set(cmp) >= {"facts", "conflicts", "quote_variants", "exclusives", "framing", "timeline", "brief",
                            "hashtags"}
        page = examples.get(f"/stories/{body['story']['id']}").text
        parser = _Links()
        parser.feed(page)
        assert set(SECTION_IDS) <= parser.ids
        assert "later-stages" not in page and "More from the compare" not in page and "&#34;article_id&#34;" not in page
        text = unescape(page)
        for tag in cmp["hashtags"]:
            assert tag in text
        for event in cmp["timeline"]:
            assert f'<time datetime="{event["date"]}">' in page
        unmarked = re.sub(r'<mark class="cue">(.*?)</mark>', r"\1", text)
        for cue in cmp["framing"]:  # the cue word marked, also inside a cited statement (hedged claims)
            assert re.search(f'<mark class="cue">{re.escape(cue["cue"])}</mark>', text, re.IGNORECASE), cue
            c = cue["citation"]
            article = examples.get(f"/api/articles/{cue['article_id']}").json()["article"]
            source = article["headline"] if c.get("field") == "headline" else article["text"]
            before, cited, after = cue_context(source, c["start"], c["end"])
            assert f"{before}{cited}{after}" in unmarked  # in context, spaces kept
        for outlet, fact_ids in cmp["exclusives"]["only_in"].items():
            assert f"{outlet}</span>: {len(fact_ids)} fact" in text
        for fact_ids in cmp["exclusives"]["missing_from"].values():
            for fact_id in fact_ids:  # each left-out fact links to its row of the grid
                assert f'href="#{fact_id}"' in page and fact_id in parser.ids


def test_grid_cells_open_the_supporting_span(examples: TestClient) -> None:
    checked = 0
    for body in _stories(examples):
        cmp = body["comparison"]
        page = examples.get(f"/stories/{body['story']['id']}").text
        header = page[page.index('<table class="grid">'):page.index("</thead>", page.index('<table class="grid">'))]
        assert header.count('class="outlet-col"') == len({o for f in cmp["facts"] for o in f["outlets"]} |
                                                         set(cmp["exclusives"]["only_in"]))
        rows = page[page.index('<table class="grid">'):].split("</table>")[0].count("<tr class=")
        shared = sum(1 for f in cmp["facts"] if f["status"] != "single-source")
        assert rows == min(len(cmp["facts"]), max(FACT_ROWS_SHOWN, shared))  # every shared fact has a row
        if rows < len(cmp["facts"]):
            assert f"{len(cmp['facts']) - rows} more single-source facts" in page
        only_here = {i for ids in cmp["exclusives"]["only_in"].values() for i in ids}
        assert {f["id"] for f in cmp["facts"] if f["status"] == "single-source"} <= only_here  # listed there
        parser = _Links()
        parser.feed(page)
        supported = [href for href, where in parser.links if where == "td.cell supported"]
        conflicting = [href for href, where in parser.links if where == "td.cell conflicting"]
        assert supported and (conflicting or not cmp["conflicts"])
        support = {c["url"]: c["text"] for f in cmp["facts"] for c in f["support"]}
        sides = {s["citation"]["url"]: s["citation"]["text"] for c in cmp["conflicts"] for s in c["sides"]}
        for href in supported[:15]:
            assert href in support
            if "?start=" in href:
                assert _opens(examples, href, support[href])
                checked += 1
        for href in conflicting[:5]:
            assert href in sides and _opens(examples, href, sides[href])
    assert checked >= 10


def test_brief_citations_open_their_exact_span(examples: TestClient) -> None:
    for body in _stories(examples):
        brief = body["comparison"]["brief"]
        page = examples.get(f"/stories/{body['story']['id']}").text
        assert page.index('id="disputes"') < page.index('id="brief"') < page.index('id="articles"')  # disputes first
        brief_html = page[page.index('id="brief"'):page.index('id="articles"')]
        assert len(brief["summary"]) >= 1
        for line in brief["summary"]:
            assert re.sub(r"\s+", " ", unescape(brief_html)).count(line["text"]) >= 1
            assert line["citations"]
            for cite in line["citations"]:
                assert f'href="{cite["url"]}"'.replace("&", "&amp;") in brief_html
                if cite.get("field") == "headline":
                    assert cite["url"] == f"/articles/{cite['article_id']}"
                else:
                    assert cite["url"].endswith(f"?start={cite['start']}&end={cite['end']}#cited")
                    assert _opens(examples, cite["url"], cite["text"])


def test_quote_variants_show_word_diffs(examples: TestClient) -> None:
    shown = 0
    for body in _stories(examples):
        page = examples.get(f"/stories/{body['story']['id']}").text
        section = page[page.index('id="quote-variants"'):page.index('id="timeline"')]
        for group in body["comparison"]["quote_variants"]:
            if len(group["variants"]) < 2:
                continue
            shown += 1
            assert f"fidelity-{group['fidelity']}" in section
            for v in group["variants"][1:]:
                kinds = {k for k, _ in diff_segments(v["diff"])}
                if v["fidelity"] in ("altered", "paraphrase"):
                    assert kinds & {"ins", "del"}, v
        assert section.count("<ins>") + section.count("<del>") == sum(
            1 for g in body["comparison"]["quote_variants"] if len(g["variants"]) > 1
            for v in g["variants"][1:] for k, _ in diff_segments(v["diff"]) if k != "equal")
    assert shown >= 2, "the examples quote people across outlets"


def test_fact_grid_states() -> None:
    c = lambda a, s: Citation(a, s, s + 3, "abc")  # noqa: E731
    story = Comparison(
        facts=[Fact("f1", "one", [c("a", 0)], 1, "single-source"),
               Fact("f2", "two", [c("a", 5), c("b", 9)], 2, "disputed")],
        conflicts=[Conflict("x", "figure", "boats", [ConflictSide("12", "outlet", c("b", 20))], fact_ids=["f2"])],
    )
    grid = fact_grid(story, [("A", ["a"]), ("B", ["b", "b2"]), ("C", ["c"])])
    assert grid["columns"] == ["A", "B", "C"] and grid["hidden"] == 0
    assert [r["fact"].id for r in grid["rows"]] == ["f2", "f1"]  # disputed first
    f2, f1 = grid["rows"]
    assert [x.state for x in f2["cells"]] == ["supported", "conflicting", "absent"]
    assert f2["cells"][1].citation.start == 20 and f2["cells"][1].claim == "12"
    assert [x.state for x in f1["cells"]] == ["supported", "absent", "absent"]
    assert fact_grid(story, [("A", ["a"])], limit=1)["hidden"] == 1


def test_diff_segments_and_cue_context() -> None:
    diff = [{"op": "equal", "ref": ["the", "boat"], "variant": ["the", "boat"]},
            {"op": "replace", "ref": ["sank"], "variant": ["drifted"]},
            {"op": "delete", "ref": ["slowly"], "variant": []},
            {"op": "insert", "ref": [], "variant": ["away"]}]
    assert diff_segments(diff) == [("equal", "the boat"), ("del", "sank"), ("ins", "drifted"), ("del", "slowly"),
                                   ("ins", "away")]
    text = "First line here. The mayor claims the bridge is safe. Next sentence follows."
    start = text.index("claims")
    assert cue_context(text, start, start + 6) == ("The mayor ", "claims", " the bridge is safe.")
    long = "x" * 400 + " claims " + "y" * 400
    before, cue, after = cue_context(long, 401, 407, width=20)
    assert before.startswith("…") and len(before) == 21 and cue == "claims" and after.endswith("…")


def test_a_cue_citing_a_whole_statement_marks_its_cue_word() -> None:
    from storylens.model import Article
    from storylens.report.present import framing_context as _cue_context

    text = "The port reclaims land. The mayor Claims the <b>dam</b> is safe, engineers said."
    article = Article(id="c1", source="c1.txt", text=text, paragraphs=[text])
    start = text.index("The mayor")
    end = text.index(", engineers")

    def cue(word: str, s: int = start, e: int = end) -> FramingCue:
        return FramingCue("c1", "hedged_claim", word, Citation("c1", s, e, text[s:e]))

    assert _cue_context(cue("claims"), article) == ("The mayor ", "Claims", " the <b>dam</b> is safe, engineers said.")
    whole = text.index("reclaims")
    assert _cue_context(cue("claims", whole, whole + 8), article) == ("The port ", "reclaims", " land.")
    assert _cue_context(cue("says"), article) == ("", text[start:end], ", engineers said.")  # not there: the span
    assert _cue_context(cue("claims"), None) is None
