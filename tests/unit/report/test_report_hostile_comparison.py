"""A compared story full of hostile strings (written here) through the HTML and Markdown
reports: every value escaped, citation anchors safe even for a hostile article id,
names instead of keys, each dispute once."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any
from html.parser import HTMLParser

from storylens.model import Article, Entity, Span
from storylens.report import Report, render_html, render_markdown
from storylens.serialise import story_from_dict

SCRIPT = "<script>alert(1)</script>"
ODD_ID = 'x"><img src=x onerror=alert(1)>'
_TAGS = {"html", "head", "meta", "title", "style", "body", "main", "header", "h1", "h2", "h3", "h4", "h5", "p", "time",
         "ul", "ol", "li", "strong", "span", "nav", "a", "article", "dl", "dt", "dd", "div", "details", "summary",
         "section", "table", "thead", "tbody", "tr", "th", "td", "footer", "q", "ins", "del", "mark", "br"}


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _report() -> Report:
    text1 = f"Mara Quist said {SCRIPT} 40 boats sank.\n\nThe harbour closed."
    text2 = "About 12 boats sank, the port said."
    a1 = Article(id=ODD_ID, source="one.txt", text=text1, paragraphs=text1.split("\n\n"), outlet=f"Evil {SCRIPT}",
                 headline=f"Boats {SCRIPT}",
                 entities=[Entity("person:mara quist", f"Mara {SCRIPT}", "person", [], [Span(0, 10)])])
    a2 = Article(id="b2", source="two.txt", text=text2, paragraphs=[text2], outlet="Coast Wire", headline="Boats")
    s1 = text1.index("40 boats")
    cite1 = {"article_id": ODD_ID, "start": s1, "end": s1 + 8, "text": "40 boats"}
    cite2 = {"article_id": "b2", "start": 0, "end": 14, "text": "About 12 boats"}
    story: dict[str, Any] = {
        "id": "story-x", "title": "Boats", "lead": ODD_ID, "articles": [ODD_ID, "b2"], "entities": [],
        "first_published": None, "last_published": None, "outlets": [], "independent_sources": 2,
        "syndication_groups": [],
        "facts": [{"id": "fact-1", "statement": f"Boats {SCRIPT} sank", "support": [cite1, cite2],
                   "independent_sources": 2, "status": "disputed", "asserted_by": "person:mara quist",
                   "outlets": []}],
        "conflicts": [{"id": "c1", "kind": "figure", "about": f"how many {SCRIPT}", "fact_ids": ["fact-1"], "sides": [
            {"claim": f"40 {SCRIPT}", "asserted_by": "person:mara quist", "citation": cite1, "value": 40.0},
            {"claim": "About 12 boats", "asserted_by": "outlet", "citation": cite2, "value": 12.0}]}],
        "quote_variants": [], "exclusives": {"only_in": {}, "missing_from": {}}, "framing": [], "timeline": [],
        "brief": {"summary": [{"text": f"Summary {SCRIPT}", "citations": [cite1, cite2]}], "disputed": [],
                  "timeline": [], "quoted": [], "hashtags": []},
        "hashtags": [f"#{SCRIPT}"], "entity_links": {},
    }
    return Report(articles=[a1, a2], skipped=[], stories=[story_from_dict(story)],
                  generated_at=datetime(2031, 1, 1, tzinfo=timezone.utc), inputs=[])


def test_html_escapes_a_hostile_comparison_and_anchors_its_citations() -> None:
    html = render_html(_report())
    parser = _Tags()
    parser.feed(html)
    assert "<script" not in html.lower() and "<img" not in html.lower()
    for tag, attrs in parser.tags:
        assert tag in _TAGS, tag
        assert not any(name.startswith("on") for name in attrs)
    ids = {str(a["id"]) for _, a in parser.tags if a.get("id")}
    hrefs = [str(a["href"]) for t, a in parser.tags if t == "a" and a.get("href")]
    comparison = _report().stories[0].comparison
    assert comparison is not None
    anchor = f"c-{ODD_ID}-{comparison.conflicts[0].sides[0].citation.start}-"
    linked = [h for h in hrefs if h.startswith("#" + anchor)]
    assert linked and all(h[1:] in ids for h in linked)  # the link opens the span, however odd the id
    assert "Mara &lt;script&gt;" in html and "person:" not in html  # the entity's name, escaped
    disputes = html[html.index('id="story-x-disputes"'):html.index('id="story-x-brief"')]
    assert "how many &lt;script&gt;" in disputes and disputes.count("40 &lt;script&gt;") == 1


def test_markdown_escapes_a_hostile_comparison() -> None:
    md = render_markdown(_report())
    assert "<script>" not in md and "\\<script\\>" in md
    assert "person:" not in md
    stories = md[md.index("\n## Stories\n"):md.index("\n## Articles\n")]
    assert "- 40 \\<script\\>alert(1)\\</script\\> — Mara \\<script\\>" in stories
    assert "About 12 boats — the outlet's own voice · Coast Wire \\[2\\]" in stories
