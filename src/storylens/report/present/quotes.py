"""Quote variants across outlets: which groups to show, and each variant's word diff
from its reference as pieces of the quoted text *as written* (punctuation and all)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from ...compare.quote_variants import QuoteGroup, QuoteVariant
from ...compare.textspans import WORD_PATTERN, Word
from ...model import Comparison

__all__ = ["diff_segments", "quote_pieces", "shared_quote_groups", "FIDELITY_RANK"]

#: worst first, as the comparison orders fidelity
FIDELITY_RANK = {"paraphrase": 0, "altered": 1, "minor": 2, "verbatim": 3}


def shared_quote_groups(comparison: Comparison) -> tuple[list[QuoteGroup], int]:
    """Quote groups quoted by two articles or more, altered and paraphrased ones first;
    and how many groups only one article quotes."""
    groups = comparison.quote_variants
    shared = [g for g in groups if len(g.variants) > 1]
    shared.sort(key=lambda g: (FIDELITY_RANK.get(g.fidelity, 4), -len(g.variants)))
    return shared, len(groups) - len(shared)


def diff_segments(diff: Sequence[dict[str, Any]]) -> list[tuple[str, str]]:
    """A quote variant's word diff as ``(kind, words)`` pieces to show in order: ``equal``
    (in both), ``del`` (in the reference only), ``ins`` (in this variant only); a
    replacement is a ``del`` followed by an ``ins``. The caller escapes the words."""
    out: list[tuple[str, str]] = []
    for op in diff:
        ref, variant = " ".join(op.get("ref") or []), " ".join(op.get("variant") or [])
        kind = op.get("op")
        if kind == "equal":
            out.append(("equal", variant))
        elif kind == "insert":
            out.append(("ins", variant))
        elif kind == "delete":
            out.append(("del", ref))
        else:
            out += [("del", ref), ("ins", variant)]
    return [(k, w) for k, w in out if w]


@lru_cache(maxsize=256)
def _words(text: str) -> tuple[Word, ...]:
    """``textspans.words(text)`` without the normalised forms (``norm`` is empty): the
    pieces need the words as written and their offsets only. Cached: a quote group's
    reference is located once for each of its variants."""
    return tuple(Word(m.group(), m.start(), m.end(), "") for m in WORD_PATTERN.finditer(text))


def _words_after(text: str, start: int) -> list[Word]:
    return [w for w in _words(text) if w.start >= start]


def _locate(text: str, wanted: list[str]) -> list[Word] | None:
    """The run of ``text``'s words that reads ``wanted`` (the first such run), or None."""
    found = _words(text)
    n = len(wanted)
    if not n:
        return None
    texts = [w.text for w in found]
    for i in range(len(found) - n + 1):
        if texts[i:i + n] == wanted:
            return list(found[i:i + n])
    return None


def _slice(text: str, run: list[Word], k: int, j: int, following: int) -> str:
    """``run[k:j]`` as written: from its first word to the next word (``following`` when
    it is the run's last), so the punctuation after each word comes with it."""
    end = run[j].start if j < len(run) else following
    return text[run[k].start:end]


def quote_pieces(variant: QuoteVariant, reference: QuoteVariant | None) -> list[tuple[str, str]]:
    """A variant's diff from its reference as ``(kind, text)`` pieces that keep the
    quotation's punctuation: ``equal`` and ``ins`` pieces are cut from the variant's
    quoted text, ``del`` pieces from the reference's; a piece's text ends with the
    space that follows it in the quote, if any. Where the words cannot be found in the
    quoted texts (an old report), the pieces are :func:`diff_segments`' words."""
    diff = variant.diff
    text = variant.citation.text
    ref_text = reference.citation.text if reference is not None else ""
    mine = _locate(text, [w for op in diff for w in op.get("variant") or []])
    theirs = _locate(ref_text, [w for op in diff for w in op.get("ref") or []])
    if mine is None or (theirs is None and any(op.get("ref") and op.get("op") != "equal" for op in diff)):
        return [(k, w + " ") for k, w in diff_segments(diff)]
    theirs = theirs or []
    ref_end = theirs[-1].end if theirs else 0
    after = _words_after(ref_text, ref_end)
    ref_after = after[0].start if after else len(ref_text)
    out: list[tuple[str, str]] = []
    i = r = 0  # next word of the variant's run, of the reference's run
    for op in diff:
        nv, nr = len(op.get("variant") or []), len(op.get("ref") or [])
        kind = op.get("op")
        if kind != "equal" and nr:
            space = " " if out and not out[-1][1][-1:].isspace() else ""
            out.append(("del", space + _slice(ref_text, theirs, r, r + nr, ref_after).strip() + " "))
        if nv:
            out.append(("equal" if kind == "equal" else "ins", _slice(text, mine, i, i + nv, len(text))))
        i, r = i + nv, r + nr
    lead = text[:mine[0].start].lstrip()
    if lead:
        out.insert(0, ("equal", lead))
    return [(k, w) for k, w in out if w.strip()]
