"""Social-media posts a page embeds, read from the signature line it gives each one.

A page that embeds a post (a tweet, an X post) prints the post's words and then its
signature: a dash, the author's name, the handle in brackets and, usually, the post's
date ("no school today ... #PrayforManchester — Ann Lee (@annlee) April 24, 2013").
The words are the author's, not the outlet's: the extraction gives them to the author
as a quotation (:mod:`storylens.extract.quotes`), the comparison's sentence splitter
makes the signature a sentence of its own, a signature is never a claim, and the
timeline dates the post by it (the post's words with the signature are that event's
sentence).

The post is the text before the dash on the signature's own line, or, where the
signature stands alone on its line, the line before it; without a trailing link
("pic.twitter.com/...", "https://..."); at most ``POST_MAX_CHARS`` characters (a longer
run of text is the article's own, not one post). Pure functions over strings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from storylens.text import stripped_span

__all__ = ["POST_MAX_CHARS", "EmbeddedPost", "embedded_posts", "is_signature", "post_words_start", "signature_starts"]

#: The most characters one embedded post's words take (280 and its links, with room).
POST_MAX_CHARS = 400

#: Dash, name, (@handle), optional date, at the end of a line.
_SIGNATURE = re.compile(
    r"(?P<dash>[\u2014\u2013]|(?<=\s)-)[ \t]*(?P<name>[^\s()\u2014\u2013@][^\n()\u2014\u2013@]{0,59}?)[ \t]*"
    r"\((?P<handle>@\w{1,30})\)"
    r"(?:[ \t]+(?:on[ \t]+)?[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2},[ \t]+\d{4})?[ \t]*$", re.MULTILINE)
#: Links a post ends on ("pic.twitter.com/Jfz1w9kE4e", "https://t.co/abc"): not its words.
_TRAILING_LINKS = re.compile(r"(?:\s*(?:https?://|pic\.twitter\.com/|www\.)\S+)+\s*$")


@dataclass(frozen=True)
class EmbeddedPost:
    """One embedded post: its words ``[start, end)`` (``start == end`` when none can be
    read), its author's name as signed ``[name_start, name_end)``, the handle, and the
    signature line ``[signature_start, signature_end)`` (from the dash)."""

    start: int
    end: int
    name_start: int
    name_end: int
    handle: str
    signature_start: int
    signature_end: int


def embedded_posts(text: str) -> tuple[EmbeddedPost, ...]:
    """Every embedded post of ``text``, in order."""
    return _posts_of(text)


@lru_cache(maxsize=1024)
def _posts_of(text: str) -> tuple[EmbeddedPost, ...]:
    out = []
    for m in _SIGNATURE.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        start, end = stripped_span(text, line_start, m.start())
        if start == end and line_start > 0:  # the signature alone on its line: the line before
            previous_end = len(text[:line_start].rstrip())
            start, end = stripped_span(text, text.rfind("\n", 0, previous_end) + 1, previous_end)
            if is_signature(text[start:end]):
                start = end
        links = _TRAILING_LINKS.search(text, start, end)
        if links is not None:
            end = stripped_span(text, start, links.start())[1]
        if end - start > POST_MAX_CHARS:
            start = end = m.start()
        out.append(EmbeddedPost(start, end, m.start("name"), m.end("name"), m.group("handle"),
                                m.start(), m.end()))
    return tuple(out)


def signature_starts(text: str) -> frozenset[int]:
    """Where each post signature of ``text`` begins (its dash)."""
    return frozenset(p.signature_start for p in _posts_of(text))


def post_words_start(text: str, start: int) -> int:
    """Where the words of the post signed at ``start`` begin, when a signature begins
    there and its post's words can be read; else ``start``."""
    for p in _posts_of(text):
        if p.signature_start == start and p.end > p.start:
            return p.start
    return start


def is_signature(text: str) -> bool:
    """Whether ``text`` is one post signature and nothing else ("— Ann Lee (@annlee)
    April 24, 2013", or "Ann Lee (@annlee)" with no dash)."""
    stripped = text.strip()
    if not stripped:
        return False
    if stripped[0] == "-":
        stripped = "\u2014" + stripped[1:]
    elif stripped[0] not in "\u2014\u2013":
        stripped = "\u2014 " + stripped
    m = _SIGNATURE.match(stripped)
    return m is not None and m.end() == len(stripped)
