"""Text helpers shared by the quote, framing and timeline comparisons: quotation marks
with nesting, words with offsets and their normalised forms, sentence spans.

Pure functions over strings; every span is ``[start, end)`` into the string given.

Quotation marks (:func:`quoted_spans`): curly marks say which way they face; a straight
``"`` or ``'`` is classified by its neighbours (an opener follows a space or an opening
bracket and precedes a non-space; a closer follows a non-space and precedes a space,
punctuation or the end). Openers are pushed on a stack, so a quote inside a quote
(``"... a sign of "Good Faith." The crews are ..."``) comes out as an inner span of
depth 1 inside an outer span of depth 0. A straight ``'`` counts only when it faces
one way unambiguously and, to close, only when a ``'`` is open (otherwise it is an
apostrophe). Nothing pairs across a blank line (paragraph break).
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from dataclasses import dataclass
from typing import NamedTuple

from storylens.posts import signature_starts
from storylens.text import MONTH_WORD, WEEKDAY_WORD, fold, stripped_span

__all__ = ["QuotedSpan", "quoted_spans", "Word", "words", "WORD_PATTERN", "norm_word", "sentence_spans",
           "sentence_around", "fold"]

log = logging.getLogger(__name__)

_DOUBLE_OPEN = "\u201c\u201e\u00ab"
_DOUBLE_CLOSE = "\u201d\u00bb"
_SINGLE_OPEN = "\u2018"
_SINGLE_CLOSE = "\u2019"
_MARKS = re.compile("[\"'\u201c\u201d\u201e\u00ab\u00bb\u2018\u2019]")
_OPEN_BEFORE = set(" \t\n([{\u2014\u2013-/") | set(_DOUBLE_OPEN) | set(_SINGLE_OPEN) | {'"', "'"}
_CLOSE_AFTER = set(" \t\n.,;:!?)]}\u2014\u2013-/") | set(_DOUBLE_CLOSE) | set(_SINGLE_CLOSE) | {'"', "'"}


@dataclass(frozen=True)
class QuotedSpan:
    """Text between a pair of quotation marks: ``start``/``end`` bound the content,
    ``outer_start``/``outer_end`` include the marks; ``depth`` 0 is a top-level quote."""

    start: int
    end: int
    outer_start: int
    outer_end: int
    depth: int


def _family(ch: str) -> str:
    return "single" if ch in ("'", _SINGLE_OPEN, _SINGLE_CLOSE) else "double"


def _role(text: str, i: int) -> str | None:
    """``open``, ``close``, ``either`` or None (an apostrophe) for the mark at ``i``."""
    ch = text[i]
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if ch in _DOUBLE_OPEN:
        return "open"
    if ch in _DOUBLE_CLOSE:
        return "close"
    if ch == _SINGLE_OPEN:
        return "open" if not before.isalnum() else None
    can_open = before in _OPEN_BEFORE and not after.isspace()
    can_close = not before.isspace() and (after in _CLOSE_AFTER)
    if ch in ("'", _SINGLE_CLOSE):
        if before.isalnum() and after.isalnum():
            return None  # it's, Venezuela's
        if ch == _SINGLE_CLOSE:
            return "close" if can_close else None
        if can_open and after.isalnum():
            return "open"
        return "close" if can_close else None
    if can_open and not can_close:
        return "open"
    if can_close and not can_open:
        return "close"
    return "either" if (can_open or can_close) else None


def quoted_spans(text: str) -> list[QuotedSpan]:
    """Every quoted passage of ``text`` (nested ones too), ordered by start."""
    out: list[QuotedSpan] = []
    stack: list[tuple[int, str]] = []  # (mark position, family)
    last = 0
    for m in _MARKS.finditer(text):
        i = m.start()
        if "\n\n" in text[last:i]:
            stack.clear()  # never pair across a paragraph break
        last = i
        role = _role(text, i)
        if role is None:
            continue
        family = _family(text[i])
        open_same = [k for k, (_, fam) in enumerate(stack) if fam == family]
        if role == "either":
            role = "close" if open_same and open_same[-1] == len(stack) - 1 else "open"
        if role == "open":
            stack.append((i, family))
            continue
        if not open_same:
            continue  # a stray closer (or an apostrophe after a plural)
        k = open_same[-1]
        start, _ = stack[k]
        del stack[k:]
        if i > start + 1:
            out.append(QuotedSpan(start + 1, i, start, i + 1, len(stack)))
    out.sort(key=lambda s: (s.outer_start, -s.outer_end))
    # depth from containment (robust to marks that closed out of order)
    fixed = []
    for s in out:
        depth = sum(1 for o in out if o is not s and o.outer_start <= s.outer_start and s.outer_end <= o.outer_end
                    and (o.outer_start, o.outer_end) != (s.outer_start, s.outer_end))
        fixed.append(QuotedSpan(s.start, s.end, s.outer_start, s.outer_end, depth))
    return fixed


class Word(NamedTuple):
    """A word as written (``text``) with its offsets and normalised form (``norm``); a
    named tuple, as a story's comparison makes hundreds of thousands of them."""

    text: str
    start: int
    end: int
    norm: str


_WORD = re.compile(r"\w+(?:[.'\u2019\u2018\-]\w+)*")
#: What ``words`` counts as a word.
WORD_PATTERN = _WORD


@lru_cache(maxsize=65536)
def norm_word(word: str) -> str:
    """Case, accents, full stops and apostrophe style folded: "U.S.A" and "USA" -> "usa"."""
    return fold(word).replace("'", "")


def words(text: str, start: int = 0, end: int | None = None) -> list[Word]:
    """The words of ``text[start:end]`` with offsets into ``text``."""
    end = len(text) if end is None else end
    return [Word(m.group(), m.start(), m.end(), norm_word(m.group())) for m in _WORD.finditer(text, start, end)]


def word_texts(text: str, start: int = 0, end: int | None = None) -> list[str]:
    """The words of ``text[start:end]`` as written: ``words`` without offsets or
    normalised forms, for a caller that needs no more (cheaper)."""
    return _WORD.findall(text, start, len(text) if end is None else end)


def word_norms(text: str) -> list[str]:
    """The normalised form of each word of ``text`` (``Word.norm``)."""
    return [norm_word(w) for w in _WORD.findall(text)]


#: A sentence ends at . ! ? … (and closing quotes or brackets after it) before white space
#: and an upper-case letter, a digit or an opening quote; or at a line break; or, in text
#: whose sentences were glued together ("a sponsor of that bill.In a statement, ..."),
#: after a word of two lower-case letters or more and before a capitalised word.
_SENTENCE_END = re.compile(r"""[.!?…]+["'”’)\]]*(?=\s+["'“‘(\[]?[A-Z0-9À-Ý])|\n+"""
                           r"""|(?<=[a-z][a-z])[.!?]["”’]?(?=[A-Z][a-z])""")
#: Words whose full stop ends no sentence (titles, months, US states, "No.", "Inc.",
#: "Mt. Oliver", "Ft. Worth").
_ABBREVIATIONS = frozenset("""mr mrs ms dr st mt ft gov sen rep gen col lt sgt capt cmdr jr sr no vs prof rev
fla calif mass conn ariz jan feb mar apr aug sept sep oct nov dec inc corp co ltd
""".split())
#: An initial or a run of them ("J.", "U.S.") before the full stop.
_INITIAL = re.compile(r"(?:^|[\s(])(?:[A-Z]\.)*[A-Z]$")
#: "11:20 p.m. Wednesday", "9 a.m. EST": after a time of day, its day, month or time zone
#: goes on the sentence ("at 11 p.m. Police said ..." ends one).
_TIME_OF_DAY = frozenset({"am", "pm"})  # as folded
_DAY_OR_ZONE = re.compile(rf"\s+(?:{WEEKDAY_WORD}|{MONTH_WORD}|[ECMP][SD]?T|GMT|UTC)\b")


#: A photo gallery's counter or button left in the text ("Image 8 of 13", "Caption Close",
#: "1 / 12 Back to Gallery"): captions and the titles of other stories run together
#: with them, without a full stop between.
GALLERY_MARK = re.compile(r"Image \d+ of(?: \d+)?(?: / \d+)?|Caption Close|(?:\d+ / \d+ )?Back to Gallery")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans (stripped of surrounding white space), in order: the one sentence
    splitter of the comparison (statements, quotes, framing and the timeline read the
    same sentences, so each article's are found once and kept)."""
    return list(_sentence_spans_of(text))


@lru_cache(maxsize=4096)
def _sentence_spans_of(text: str) -> tuple[tuple[int, int], ...]:
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if m.group(0)[0] == "\n":
            end = m.start()
        else:
            before = text[start:m.start()]
            last = fold(before.rsplit(None, 1)[-1]).rstrip(".") if before.split() else ""
            if last in _ABBREVIATIONS or _INITIAL.search(before) or (
                    last in _TIME_OF_DAY and _DAY_OR_ZONE.match(text, m.end())):
                continue
            end = m.end()
        spans.append((start, end))
        start = m.end()
    spans.append((start, len(text)))
    # an embedded post's signature, a photo gallery's counter: each a sentence of its own
    cuts = signature_starts(text) | {i for m in GALLERY_MARK.finditer(text) for i in m.span()}
    if cuts:
        spans = [piece for s, e in spans for piece in _cut_at(s, e, cuts)]
    stripped = (stripped_span(text, s, e) for s, e in spans)
    return tuple((s, e) for s, e in stripped if e > s)


def _cut_at(start: int, end: int, cuts: frozenset[int]) -> list[tuple[int, int]]:
    inside = sorted(c for c in cuts if start < c < end)
    bounds = [start, *inside, end]
    return list(zip(bounds, bounds[1:]))


def sentence_around(text: str, start: int, end: int, spans: list[tuple[int, int]] | None = None) -> tuple[int, int]:
    """The sentence containing ``[start, end)`` (several joined if the span crosses a boundary)."""
    spans = sentence_spans(text) if spans is None else spans
    hit = [(s, e) for s, e in spans if s < end and start < e]
    if not hit:
        return start, end
    return hit[0][0], hit[-1][1]
