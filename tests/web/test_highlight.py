"""Span highlighting and snippet markers (storylens.web.highlight) on small texts."""

from __future__ import annotations

from html.parser import HTMLParser

from storylens.model import Article, Entity, Quote, Span
from storylens.store import SNIPPET_END, SNIPPET_START
from storylens.web.highlight import Mark, article_marks, highlight_article, highlight_snippet, snippet_text


class _Text(HTMLParser):
    """Collects the visible text and the mark classes covering each character."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text = ""
        self.classes: list[str] = []
        self.stack: list[str] = []
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.append(str(a["id"]))
        if tag == "mark":
            self.stack.append(str(a.get("class")))

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text += data
        self.classes += [" ".join(self.stack)] * len(data)


def _parse(fragment: str) -> _Text:
    parser = _Text()
    parser.feed(fragment)
    assert not parser.stack, "every <mark> is closed"
    return parser


def test_overlapping_spans_cover_the_right_characters() -> None:
    text = "Ann Lee said 40 boats left."
    marks = [Mark(0, 7, "ent", "e-0", "person"), Mark(0, 26, "quote", "q-0", "q"), Mark(13, 21, "fig", "f-0", "40")]
    [para] = highlight_article(text, marks)
    parsed = _parse(str(para))
    assert parsed.text == text
    assert parsed.classes[0] == "ent quote" and parsed.classes[8] == "quote"
    assert parsed.classes[14] == "fig quote" and parsed.classes[26] == ""
    assert parsed.ids == ["e-0", "q-0", "f-0"]


def test_spans_across_paragraphs_and_escaping() -> None:
    text = "First <b>para</b>.\n\nSecond & last \u202e."
    marks = [Mark(6, 25, "cite", "cited", "cited")]
    paras = highlight_article(text, marks)
    assert len(paras) == 2
    first, second = (_parse(str(p)) for p in paras)
    assert first.text == "First <b>para</b>." and "<b>" not in str(paras[0])
    assert second.text.startswith("Second & last ⟨U+202E⟩")
    assert first.classes[6] == "cite" and second.classes[0] == "cite" and second.classes[6] == ""
    assert first.ids == ["cited"] and second.ids == []


def test_out_of_range_spans_are_ignored() -> None:
    text = "Short text."
    article = Article(id="0" * 16, source="t", text=text, paragraphs=[text],
                      entities=[Entity("person:x", "X", "person", [], [Span(0, 5), Span(8, 40), Span(3, 3)])],
                      quotes=[Quote("t", -1, 2, "direct")])
    assert [(m.start, m.end) for m in article_marks(article)] == [(0, 5)]
    assert _parse(str(highlight_article(text, article_marks(article))[0])).text == text


def test_empty_text_gives_one_empty_paragraph() -> None:
    assert [str(p) for p in highlight_article("", [])] == [""]


def test_snippet_markers_become_marks_and_offsets() -> None:
    raw = f"…the {SNIPPET_START}dam{SNIPPET_END} <x> {SNIPPET_START}leak{SNIPPET_END}"
    html = str(highlight_snippet(raw))
    assert html == '…the <mark class="hit">dam</mark> &lt;x&gt; <mark class="hit">leak</mark>'
    plain, spans = snippet_text(raw)
    assert plain == "…the dam <x> leak" and [plain[s:e] for s, e in spans] == ["dam", "leak"]


def test_stray_markers_cannot_unbalance_markup() -> None:
    raw = f"a{SNIPPET_END}b{SNIPPET_START}c{SNIPPET_START}d"
    parsed = _parse(str(highlight_snippet(raw)))
    assert parsed.text == "abcd"
