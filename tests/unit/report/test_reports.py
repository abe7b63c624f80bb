"""The JSON, HTML, Markdown and terminal writers, including hostile article text."""

from __future__ import annotations

import json
import os
import re
from datetime import datetime, timedelta, timezone
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt  # ships with rich
from rich.console import Console

from storylens import __version__
from storylens.model import Article, RemovedLine, Skipped, Story
from storylens.report import (
    Report,
    print_summary,
    render_html,
    render_markdown,
    report_to_dict,
    write_html,
    write_json,
    write_markdown,
)
from storylens.report.markdown_report import md_escape
from storylens.serialise import story_from_dict

CEST = timezone(timedelta(hours=2))
GENERATED = datetime(2024, 5, 15, 9, 30, 7, tzinfo=timezone.utc)

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
JS_LINK = "[click me](javascript:alert(1))"
RLO = "\u202e"
ZWSP = "\u200b"
BOM = "\ufeff"
HOSTILE = f"{SCRIPT} {IMG} {JS_LINK} <a href=\"javascript:alert(1)\">x</a> \"dq\" 'sq' {RLO}gnp.exe{ZWSP}{BOM}"


def make_article(id: str = "a1b2c3d4e5f60718", paragraphs: list[str] | None = None, **kw: object) -> Article:
    paragraphs = paragraphs if paragraphs is not None else [
        "The Lakeview town council voted 7–2 on Tuesday to close the old ferry pier for repairs.",
        "“We cannot keep patching it,” said council member Ada Brenner. Café owners were consulted.",
    ]
    fields: dict[str, object] = dict(
        source="inputs/lakeview-gazette.html",
        url="https://gazette.example/local/pier",
        outlet="Lakeview Gazette",
        headline="Council votes to close ferry pier",
        byline="By Jonah Quill",
        published=datetime(2024, 5, 14, 18, 5, tzinfo=CEST),
        updated=datetime(2024, 5, 14, 21, 40, tzinfo=CEST),
        dateline="LAKEVIEW, May 14",
        language="en",
        credits=["Harbor Wire"],
        hashtags=["#Lakeview"],
        feed_notice=None,
        removed=[
            RemovedLine("Subscribe to our newsletter", "newsletter prompt", 3),
            RemovedLine("Share on social media", "share buttons", None),
        ],
        inferred={"published": "visible date line on the page"},
        explicit={"outlet": "sidecar lakeview-gazette.meta.json"},
    )
    fields.update(kw)
    return Article(id=id, text="\n\n".join(paragraphs), paragraphs=list(paragraphs), **fields)  # type: ignore[arg-type]


def hostile_article() -> Article:
    return make_article(
        id="deadbeefdeadbeef",
        paragraphs=[HOSTILE, "Second paragraph with [bold red]rich markup[/]."],
        source="inputs/<b>hostile</b>.txt",
        url="javascript:alert(1)",
        outlet=HOSTILE,
        headline=HOSTILE,
        byline=HOSTILE,
        dateline=HOSTILE,
        language="en\" onmouseover=\"alert(1)",
        credits=[HOSTILE],
        hashtags=[HOSTILE],
        feed_notice=HOSTILE,
        removed=[RemovedLine(HOSTILE, HOSTILE, 1)],
        inferred={"published": HOSTILE, HOSTILE: HOSTILE},
        explicit={"byline": HOSTILE},
    )


def make_report(articles: list[Article] | None = None, **kw: object) -> Report:
    args: dict[str, object] = dict(
        articles=articles if articles is not None else [
            make_article(),
            make_article(
                id="0f9e8d7c6b5a4321",
                paragraphs=["Le conseil municipal a voté la fermeture du quai."],
                source="inputs/feed.jsonl#record-2",
                url=None,
                outlet=None,
                headline="Lakeview ferme son quai",
                language="fr",
                removed=[],
                inferred={"language": "py3langid"},
                explicit={},
            ),
        ],
        skipped=[Skipped("inputs/broken.pdf", "PDF files are not supported (save the article as HTML or text)")],
        stories=[],
        generated_at=GENERATED,
        inputs=["inputs/"],
    )
    args.update(kw)
    return Report(**args)  # type: ignore[arg-type]


# --- JSON ------------------------------------------------------------------------------


def test_json_top_level_and_items() -> None:
    report = make_report()
    d = report_to_dict(report)
    assert list(d) == ["storylens_version", "generated_at", "inputs", "counts", "articles", "skipped", "stories"]
    assert d["storylens_version"] == __version__
    assert d["generated_at"] == "2024-05-15T09:30:07+00:00"
    assert d["inputs"] == ["inputs/"]
    assert d["articles"] == [a.to_dict() for a in report.articles]
    assert d["skipped"] == [{"source": "inputs/broken.pdf", "reason": report.skipped[0].reason}]
    assert d["stories"] == []
    assert d["counts"] == {
        "articles": 2, "outlets": 1, "articles_without_outlet": 1,
        "skipped": 1, "removed_lines": 2, "stories": 0,
    }
    assert d["articles"][0]["removed"][0] == {"text": "Subscribe to our newsletter", "reason": "newsletter prompt", "line": 3}


def test_json_file_round_trip(tmp_path: Path) -> None:
    report = make_report(articles=[make_article(), hostile_article()])
    path = write_json(report, tmp_path / "out" / "report.json")
    raw = path.read_bytes().decode("utf-8")
    assert "Café" in raw and "\\u00e9" not in raw  # ensure_ascii=False
    assert raw.startswith('{\n  "storylens_version": ')  # indent 2
    loaded = json.loads(raw)
    assert [Article.from_dict(a) for a in loaded["articles"]] == report.articles
    assert loaded["articles"][1]["headline"] == HOSTILE  # JSON keeps text exactly
    assert [Skipped(**s) for s in loaded["skipped"]] == report.skipped
    assert os.listdir(tmp_path / "out") == ["report.json"]
    umask = os.umask(0o022)
    os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask  # not mkstemp's private 0600


def test_json_write_is_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "report.json"
    path.write_text("previous report", encoding="utf-8")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        write_json(make_report(), path)
    assert path.read_text(encoding="utf-8") == "previous report"
    assert os.listdir(tmp_path) == ["report.json"]  # temp file cleaned up


def test_stories_are_passed_through_not_invented() -> None:
    assert report_to_dict(make_report())["stories"] == []
    story = Story("s1", "a1b2c3d4e5f60718", None, ["a1b2c3d4e5f60718"], independent_sources=1)
    assert report_to_dict(make_report(stories=[story]))["stories"] == [{  # not compared: no sections
        "id": "s1", "lead": "a1b2c3d4e5f60718", "title": None, "articles": ["a1b2c3d4e5f60718"], "entities": [],
        "first_published": None, "last_published": None, "outlets": [], "independent_sources": 1,
        "syndication_groups": []}]


def test_generated_at_must_be_timezone_aware() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        make_report(generated_at=datetime(2024, 5, 15, 9, 30))


# --- HTML ------------------------------------------------------------------------------


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "main", "header", "h1", "h2", "h3", "h4", "p", "time",
    "ul", "ol", "li", "strong", "span", "nav", "a", "article", "dl", "dt", "dd", "div", "details", "summary",
    "section", "table", "thead", "tbody", "tr", "th", "td", "footer",
}


def test_html_is_self_contained(tmp_path: Path) -> None:
    path = write_html(make_report(articles=[make_article(), hostile_article()]), tmp_path / "report.html")
    html = path.read_text(encoding="utf-8")
    assert (
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"
    ) in html
    tags = _tags(html)
    assert {t for t, _ in tags} <= ALLOWED_TAGS  # no script, link, img, iframe, object, form ...
    for tag, attrs in tags:
        for name in attrs:
            assert name not in {"src", "srcset", "action", "formaction", "data", "poster", "background"}, (tag, name)
            assert not name.startswith("on"), (tag, name)
    style = re.search(r"<style>(.*?)</style>", html, re.S)
    assert style and "url(" not in style.group(1) and "@import" not in style.group(1)
    assert "@font-face" not in html
    for _, attrs in tags:
        href = attrs.get("href")
        if href is not None:
            assert href.startswith("#") or href == "https://gazette.example/local/pier", href


def test_html_content() -> None:
    html = render_html(make_report())
    assert "2024-05-15T09:30:07+00:00" in html  # generated_at as passed in, not the clock
    assert re.search(r"<strong>2</strong> articles", html)
    assert re.search(r"<strong>1</strong> outlet\b", html)
    assert re.search(r"<strong>1</strong> skipped input\b", html)
    assert 'id="article-a1b2c3d4e5f60718"' in html and 'href="#article-a1b2c3d4e5f60718"' in html
    assert 'id="article-0f9e8d7c6b5a4321"' in html and 'href="#article-0f9e8d7c6b5a4321"' in html
    assert "unknown outlet (feed.jsonl#record-2)" in html
    assert "2024-05-14T18:05:00+02:00" in html and "2024-05-14T21:40:00+02:00" in html
    assert "inferred: visible date line on the page" in html
    assert "stated: sidecar lakeview-gazette.meta.json" in html
    for text in ("By Jonah Quill", "LAKEVIEW, May 14", "Harbor Wire", "#Lakeview", "Café owners were consulted"):
        assert text in html
    assert "Removed from the page (2 lines)" in html
    assert re.search(r'newsletter prompt</span> <span class="prov">input line 4:</span> <span[^>]*>Subscribe', html)
    assert re.search(r'share buttons</span> <span[^>]*>Share on social media</span>', html)
    assert "inputs/broken.pdf" in html and "PDF files are not supported" in html
    assert "No stories: there were no articles to group." in html or "Stories (0)" in html
    assert 'lang="fr"' in html


def test_html_print_shows_removed_lines() -> None:
    html = render_html(make_report())
    print_css = html[html.index("@media print"):html.index("</style>")]
    assert re.search(r"details\.removed\s*\{\s*display:\s*none", print_css)
    assert re.search(r"\.print-only\s*\{\s*display:\s*block", print_css)
    # Each removed line is in the collapsible list and in the print-only copy.
    assert html.count("Subscribe to our newsletter") == 2
    assert html.index('class="print-only removed-print"') > html.index("<details")


def test_html_stories_rendered_when_present() -> None:
    story = {"id": "s1", "title": SCRIPT, "lead": "x", "articles": ["missing-id"], "entities": [],
             "first_published": None, "last_published": None, "outlets": [], "independent_sources": 1,
             "syndication_groups": [{"id": "syn-x", "members": ["a", "b"], "agency": SCRIPT, "original": None,
                                     "similarity": 0.9, "links": []}]}
    html = render_html(make_report(stories=[story_from_dict(story)]))
    assert "No stories" not in html
    assert "s1" in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>" not in html
    assert "1</strong> independent source" in html


def test_html_escapes_hostile_text() -> None:
    html = render_html(make_report(articles=[hostile_article()], skipped=[Skipped(HOSTILE, HOSTILE)],
                                   inputs=[HOSTILE]))
    lowered = html.lower()
    assert "<script" not in lowered and "<img" not in lowered and "<b>" not in lowered
    assert "onerror=alert(1)>" not in html
    assert 'href="javascript' not in lowered and "href='javascript" not in lowered
    assert '"dq"' not in html and "'sq'" not in html
    assert RLO not in html and ZWSP not in html and BOM not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # shown, not dropped
    assert "⟨U+202E⟩" in html and "⟨U+200B⟩" in html and "⟨U+FEFF⟩" in html
    assert 'title="U+202E RIGHT-TO-LEFT OVERRIDE"' in html
    assert "&lt;b&gt;hostile&lt;/b&gt;.txt" in html
    for tag, attrs in _tags(html):
        assert tag in ALLOWED_TAGS
        assert not any(name.startswith("on") for name in attrs)
        assert "lang" not in attrs or attrs["lang"] == "en"  # the hostile language code is not an attribute


def test_html_escapes_values_used_in_attributes() -> None:
    article = make_article(id='x"><script>alert(1)</script>', url='https://e.example/"onmouseover="alert(1)')
    html = render_html(make_report(articles=[article]))
    assert "<script" not in html.lower()
    tags = _tags(html)
    assert ("article", {"class": "article", "id": 'article-x"><script>alert(1)</script>'}) in tags
    links = [attrs for tag, attrs in tags if tag == "a" and "rel" in attrs]
    assert links == [{"href": 'https://e.example/"onmouseover="alert(1)', "rel": "noopener noreferrer nofollow"}]
    assert not any(name.startswith("on") for _, attrs in tags for name in attrs)


@pytest.mark.parametrize(
    "url, linked",
    [
        ("https://paper.example/a?b=1#c", True),
        ("HTTP://paper.example/", True),
        ("javascript:alert(1)", False),
        ("javascript://paper.example/%0Aalert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("vbscript:msgbox(1)", False),
        ("//paper.example/a", False),
        ("/relative/path", False),
        ("https://paper.example/\u202eevil", False),
        ("https://paper.example/ a", False),
        ("java\tscript:alert(1)", False),
    ],
)
def test_only_plain_http_urls_become_links(url: str, linked: bool) -> None:
    html = render_html(make_report(articles=[make_article(url=url)]))
    hrefs = [attrs["href"] for tag, attrs in _tags(html) if tag == "a" and "rel" in attrs]
    assert hrefs == ([url] if linked else [])


def test_html_keeps_legitimate_joiners_and_rtl_text() -> None:
    text = "نص عربي\u200f مع علامة، and a family emoji 👩\u200d👩\u200d👧, می\u200cخواهم"
    html = render_html(make_report(articles=[make_article(paragraphs=[text], headline=text)]))
    assert text in html


# --- Markdown --------------------------------------------------------------------------


def _md_to_html(md: str) -> str:
    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"]).render(md)


def test_markdown_content(tmp_path: Path) -> None:
    md = write_markdown(make_report(), tmp_path / "report.md").read_text(encoding="utf-8")
    assert md.startswith("# Storylens report\n")
    assert "2024-05-15T09:30:07+00:00" in md
    assert "- 2 articles" in md and "- 1 outlet " in md and "- 1 skipped input" in md
    assert "### 1. Council votes to close ferry pier" in md
    assert "*unknown outlet* (feed.jsonl\\#record-2)" in md
    assert "2024-05-14T18:05:00+02:00 *(inferred: visible date line on the page)*" in md
    assert "#### Removed from the page (2 lines)" in md
    assert "- *newsletter prompt* (line 4): Subscribe to our newsletter" in md
    assert "PDF files are not supported" in md
    assert "No stories: there were no articles to group." in md
    rendered = _md_to_html(md)
    assert "<h3>2. Lakeview ferme son quai</h3>" in rendered


def test_markdown_names_whom_a_quote_was_given_without_an_internal_key() -> None:
    from storylens.model import Entity, Quote, Span

    text = "“We cannot keep patching it,” Brenner said. Council member Ada Brenner chairs the works committee."
    at = text.index("Ada Brenner")
    article = make_article(paragraphs=[text], entities=[
        Entity("person:ada brenner", "Ada Brenner", "person", mentions=[Span(at, at + 11)])],
        quotes=[Quote("We cannot keep patching it,", 1, 29, "direct", speaker="Brenner", cue="said",
                      speaker_entity="person:ada brenner"),
                Quote("patching", 19, 27, "direct", speaker="Ada Brenner", cue="said",
                      speaker_entity="person:ada brenner")])
    md = render_markdown(make_report(articles=[article]))
    assert "- Brenner (= Ada Brenner) said — direct: We cannot keep patching it," in md
    assert "- Ada Brenner said — direct: patching" in md  # the name written out: nothing to add
    assert "person:" not in md


def test_markdown_figures_say_the_unit_and_what_is_counted_once() -> None:
    from storylens.model import Figure

    text = "Two ferries and four large lenders closed; fares rose 3 percent."
    article = make_article(paragraphs=[text], figures=[
        Figure("Two ferries", 0, 11, value=2.0, unit="ferry", counts="ferry"),
        Figure("four large lenders", 16, 34, value=4.0, unit="large lender", counts="lender"),
        Figure("3 percent", 51, 60, value=3.0, unit="percent", trend="up")])
    md = render_markdown(make_report(articles=[article]))
    assert "- Two ferries: 2 ferry (chars 0–11)" in md
    assert "- four large lenders: 4 large lender (counts lender) (chars 16–34)" in md
    assert "- 3 percent: 3 percent (up) (chars 51–60)" in md


def test_markdown_escapes_hostile_text() -> None:
    md = render_markdown(make_report(articles=[hostile_article()], skipped=[Skipped(HOSTILE, HOSTILE)]))
    assert RLO not in md and ZWSP not in md and BOM not in md and "⟨U+202E⟩" in md
    rendered = _md_to_html(md)
    assert "<script" not in rendered and "<img" not in rendered and "<a " not in rendered
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered
    assert "[click me](javascript:alert(1))" in rendered  # literal text, not a link


@pytest.mark.parametrize(
    "text, forbidden",
    [
        ("[x](https://evil.example)", "<a "),
        ("![x](https://evil.example/p.png)", "<img"),
        ("<https://evil.example>", "<a "),
        ("*em* _em_ **strong**", "<em>"),
        ("`code`", "<code>"),
        ("~~gone~~", "<s>"),
        ("&lt;b&gt; entity", "<p>&lt;b&gt;"),  # would display as "<b>" instead of "&lt;b&gt;"
        ("# heading", "<h1>"),
        ("- item", "<li>"),
        ("+ item", "<li>"),
        ("12. item", "<ol"),
        ("3) item", "<ol"),
        ("> quote", "<blockquote>"),
        ("    indented code", "<pre>"),
        ("line\n===", "<h1>"),
        ("line\n---", "<h2>"),
        ("---", "<hr"),
        ("| a | b |\n|---|---|\n| 1 | 2 |", "<table>"),
    ],
)
def test_md_escape_neutralises_markdown(text: str, forbidden: str) -> None:
    rendered = _md_to_html(md_escape(text))
    assert forbidden not in rendered, rendered
    assert rendered.startswith("<p>"), rendered


def test_md_escape_keeps_text_readable() -> None:
    assert md_escape("Plain words, 7–2 vote; it's “fine”.") == "Plain words, 7–2 vote; it's “fine”."
    assert _md_to_html(md_escape("a & b < c [d] *e*")) == "<p>a &amp; b &lt; c [d] *e*</p>\n"


# --- terminal --------------------------------------------------------------------------


def _summary(report: Report, paths: dict[str, Path] | None = None) -> str:
    console = Console(record=True, width=100, color_system=None)
    print_summary(report, console, paths or {})
    return console.export_text()


def test_terminal_summary() -> None:
    long_headline = "A very long fictional headline " * 6
    skipped = [Skipped(f"inputs/bad-{i:02d}.bin", "not a text or HTML file") for i in range(12)]
    report = make_report(articles=[make_article(headline=long_headline), make_article(outlet=None, source="in/feed.jsonl#record-7")], skipped=skipped)
    out = _summary(report, {"json": Path("/tmp/out/report.json"), "html": Path("/tmp/out/report.html")})
    assert "2 articles from 1 outlet" in out and "12 skipped inputs" in out
    assert "Lakeview Gazette" in out and "2024-05-14" in out
    assert "…" in out and long_headline.strip() not in out
    assert "unknown (feed.jsonl#record-7)" in out
    assert "inputs/bad-09.bin" in out and "inputs/bad-10.bin" not in out and "and 2 more" in out
    assert "/tmp/out/report.json" in out and "/tmp/out/report.html" in out


def test_terminal_article_table_is_capped() -> None:
    articles = [make_article(id=f"{i:016x}", headline=f"Story {i}") for i in range(35)]
    out = _summary(make_report(articles=articles))
    assert "Story 29" in out and "Story 30" not in out and "and 5 more" in out


def test_terminal_does_not_interpret_markup_or_control_codes() -> None:
    article = make_article(headline="[bold red]x[/] \x1b[31mred\x1b[0m", outlet="[link=https://e.x]o[/link]")
    skipped = [Skipped("[blink]in[/blink]\x08OK", "[/] reason")]
    console = Console(record=True, width=100, color_system="truecolor", force_terminal=True)
    print_summary(make_report(articles=[article], skipped=skipped), console, {"html": Path("/tmp/[x].html")})
    text = console.export_text()
    assert "[bold red]x[/]" in text
    assert "[link=https://e.x]o[/link]" in text
    assert "[blink]in[/blink]⟨U+0008⟩OK" in text and "[/] reason" in text
    assert "/tmp/[x].html" in text
    assert "⟨U+001B⟩[31mred" in text
    assert "\x1b" not in console.export_text(styles=False)
    styled = console.export_text(styles=True)
    assert "\x1b]8;" not in styled  # no hyperlink escape from the outlet's [link=...]
