"""A cited span in its sentence, and a framing cue marked inside it (unescaped pieces:
the template escapes each)."""

from __future__ import annotations

import re

from ...compare.framing import FramingCue
from ...model import Article, Citation

__all__ = ["cue_context", "citation_context", "framing_context"]

_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+|\n")


def cue_context(text: str, start: int, end: int, width: int = 160) -> tuple[str, str, str]:
    """The cue ``text[start:end]`` with the rest of its sentence around it, each side cut at
    ``width`` characters ('…' where cut): ``(before, cue, after)``, unescaped."""
    lo = max(0, start - width)
    breaks = [m.end() for m in _SENTENCE_BREAK.finditer(text, lo, start)]
    left = breaks[-1] if breaks else lo
    following = _SENTENCE_BREAK.search(text, end, min(len(text), end + width))
    right = following.start() if following else min(len(text), end + width)
    before = ("…" if left == lo and lo > 0 else "") + text[left:start]
    after = text[end:right] + ("…" if not following and right < len(text) else "")
    return before, text[start:end], after


def citation_context(cite: Citation, article: Article | None) -> tuple[str, str, str] | None:
    """:func:`cue_context` of a citation in its article (headline or text, per its
    ``field``); None when the article is unknown or the span no longer matches it."""
    if article is None:
        return None
    text = (article.headline or "") if cite.field == "headline" else article.text
    start, end = cite.start, cite.end
    if not 0 <= start < end <= len(text) or text[start:end] != cite.text:
        return None
    return cue_context(text, start, end)


def framing_context(cue: FramingCue, article: Article | None) -> tuple[str, str, str] | None:
    """``(before, marked, after)``: a framing cue's cited passage in its sentence, with the
    cue word marked. A cue that cites a whole statement (a hedged claim: "... , according
    to calculations by the Herald.") marks its cue word inside it, where the words are
    there as a whole word; any other cue marks its cited span."""
    context = citation_context(cue.citation, article)
    word = cue.cue or ""
    if context is None or not word or word == context[1]:
        return context
    before, cited, after = context
    found = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", cited, re.IGNORECASE)
    if found is None:
        return context
    return before + cited[:found.start()], found.group(), cited[found.end():] + after
