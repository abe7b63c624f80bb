"""Quotation-mark pairing for the quote extractor: where quoted passages are in a text.

Marks understood: curly double quotes (U+201C/U+201D), straight double quotes, two
apostrophes used as a double quote (``''``, as some newspaper archives print them),
guillemets, and curly single quotes (U+2018/U+2019) as top-level marks when no double
mark is open. Single quotes inside an open double quote are inner quotes: they are part
of the content and never close the outer quote. A straight ``'`` is never a quote mark
(it is far more often an apostrophe).

News style continues a quotation over several paragraphs by opening each paragraph
with a quote mark and closing only the last one: a paragraph that ends with a quote
still open continues when the next paragraph opens with a mark; otherwise the open
quote runs to the paragraph end. Each paragraph's part is one :class:`QuoteSpan`; parts
of one quotation share a ``group`` number.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

__all__ = ["QuoteSpan", "find_quote_spans", "OPEN_MARKS", "CLOSE_MARKS"]

log = logging.getLogger(__name__)

OPEN_MARKS = "\u201c\u00ab\u2018\u201e"
CLOSE_MARKS = "\u201d\u00bb\u2019"

_MARK = re.compile(r"''|[\"\u201c\u201d\u00ab\u00bb\u201e\u2018\u2019]")
_PARAGRAPH = re.compile(r"[^\n]+")
_WORDCHAR = re.compile(r"\w")


@dataclass(frozen=True)
class QuoteSpan:
    """One quoted passage (or one paragraph's part of a multi-paragraph quotation).

    ``start``/``end`` bound the content without the marks; ``outer_start``/``outer_end``
    include the marks (``outer_end == end`` when the part has no closing mark).
    """

    start: int
    end: int
    outer_start: int
    outer_end: int
    group: int
    closed: bool


def _is_single_open(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not _WORDCHAR.match(before) and not after.isspace()


def _is_single_close(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isspace() and not _WORDCHAR.match(after)


def _paragraph_marks(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """Quote marks in one paragraph as (position, length, role) with role open/close/toggle."""
    marks: list[tuple[int, int, str]] = []
    for m in _MARK.finditer(text, start, end):
        ch = m.group()
        if ch in ('"', "''"):
            role = "toggle"
        elif ch in "\u201c\u00ab\u201e":
            role = "open"
        elif ch in "\u201d\u00bb":
            role = "close"
        elif ch == "\u2018":
            if not _is_single_open(text, m.start()):
                continue
            role = "sopen"
        else:  # U+2019: apostrophe unless it can close an open single quote
            if not _is_single_close(text, m.start()):
                continue
            role = "sclose"
        marks.append((m.start(), len(ch), role))
    return marks


def _opens_inner(text: str, i: int, after: list[int]) -> bool:
    """Whether a straight double quote at ``i`` inside a straight-quoted passage opens an
    inner quotation rather than closing the passage: it stands after a space (or a
    bracket or dash) and before a word ('"... as a sign of "Good Faith." The crews are
    back," the post read'), and of the paragraph's straight marks after it (``after``) the
    next is a closing one (after a word, not a space) and one more closes the passage. A
    mark typed with the space on the wrong side ('... as it should. "The mayor is ...')
    closes."""
    before = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    return (len(after) >= 2 and not text[after[0] - 1].isspace()
            and (before.isspace() or before in "([—–") and bool(_WORDCHAR.match(nxt)))


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """All top-level quoted passages in ``text``, in order. A straight-quoted passage may
    hold an inner quotation in straight quotes too (:func:`_opens_inner`): its marks are
    part of the passage."""
    spans: list[QuoteSpan] = []
    group = -1
    carry_open = False  # a quotation left open by the previous paragraph
    paragraphs = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text) if text[m.start():m.end()].strip()]
    for index, (p_start, p_end) in enumerate(paragraphs):
        marks = _paragraph_marks(text, p_start, p_end)
        first_non_space = p_start + (len(text[p_start:p_end]) - len(text[p_start:p_end].lstrip()))
        opens_with_mark = bool(marks) and marks[0][0] == first_non_space and marks[0][2] != "close"
        open_at: int | None = None
        open_len = 0
        single = False
        inner = 0  # straight-quoted inner quotations open inside a straight-quoted passage
        if carry_open and not opens_with_mark:
            carry_open = False
        straight = [pos for pos, length, role in marks if role == "toggle" and length == 1]
        for pos, length, role in marks:
            if open_at is None:
                if role in ("open", "toggle") or role == "sopen":
                    if not (carry_open and pos == first_non_space):
                        group += 1
                    carry_open = False
                    open_at, open_len, single = pos, length, role == "sopen"
                    inner = 0
                continue
            if role == "toggle" and length == 1 and text[open_at] == '"':
                if _opens_inner(text, pos, [p for p in straight if p > pos]):
                    inner += 1
                    continue
                if inner:
                    inner -= 1
                    continue
            closes = (role in ("close", "toggle") and not single) or (role == "sclose" and single)
            if role == "toggle" and single:
                closes = False
            if closes:
                spans.append(QuoteSpan(open_at + open_len, pos, open_at, pos + length, group, True))
                open_at = None
        if open_at is not None:
            nxt = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
            content_end = p_start + len(text[p_start:p_end].rstrip())
            spans.append(QuoteSpan(open_at + open_len, content_end, open_at, content_end, group, False))
            carry_open = nxt is not None and not single
    return [s for s in spans if s.end > s.start]
