"""Text normalisation every stage shares: one accent/case fold, so that the key of a name
is the same in extraction, story grouping and comparison.

``fold("Renée Duchâtel")`` -> ``"renee duchatel"``; ``fold("œuvre")`` -> ``"oeuvre"``;
full stops dropped (``"U.S.A."`` -> ``"usa"``), apostrophes and dashes normalised, runs
of white space collapsed.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["fold", "fold_text", "narrow"]

#: Letters NFKD does not decompose, and typographic apostrophes and dashes.
_NARROW = str.maketrans({
    "ø": "o", "Ø": "o", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ł": "l", "Ł": "l",
    "đ": "d", "Đ": "d", "ð": "d", "Ð": "d", "þ": "th", "Þ": "th", "ı": "i", "’": "'", "‘": "'", "ʼ": "'", "`": "'",
    "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "ß": "ss",
})
_SPACES = re.compile(r"\s+")


def fold_text(text: str) -> str:
    """Accent-, case- and punctuation-fold ``text`` (see the module docstring); for
    article-length text, which is folded once (:func:`fold` is the same fold, cached)."""
    text = unicodedata.normalize("NFKD", text.translate(_NARROW))
    if not text.isascii():  # (ASCII has no combining marks: most news text skips the filter)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.casefold().replace(".", "")
    return _SPACES.sub(" ", text).strip()


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """:func:`fold_text`, cached: for names, keys and words, folded again and again."""
    return fold_text(text)


def narrow(text: str) -> str:
    """``text`` with the letters NFKD leaves alone spelled out and typographic apostrophes
    and dashes made plain (case and accents kept): "O’Neil" -> "O'Neil"."""
    return text.translate(_NARROW)
