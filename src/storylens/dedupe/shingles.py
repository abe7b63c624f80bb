"""Word shingles and MinHash signatures of article text (the input of copy detection).

Text is folded (``storylens.text.fold_text``: case, accents, punctuation; the fold every
stage shares) into a sequence of word tokens; a shingle is
``dedupe.shingle_words`` consecutive tokens (a setting, default 5). Two articles whose folded token sequences are equal
are exact duplicates, whatever their furniture, spacing or typography.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from datasketch import MinHash

from ..text import fold_text

__all__ = ["words", "shingles", "Fingerprint", "fingerprint", "jaccard", "containment"]

_WORD = re.compile(r"\w+", re.UNICODE)


def words(text: str) -> list[str]:
    """The folded word tokens of ``text`` (punctuation and spacing dropped)."""
    return _WORD.findall(fold_text(text))


def shingles(tokens: list[str], size: int) -> set[str]:
    """Every run of ``size`` consecutive tokens; a text shorter than that is one shingle."""
    if not tokens:
        return set()
    if len(tokens) <= size:
        return {" ".join(tokens)}
    return {" ".join(tokens[i:i + size]) for i in range(len(tokens) - size + 1)}


@dataclass
class Fingerprint:
    """What copy detection keeps of one article: its exact-text digest, its shingle set
    and the MinHash of that set."""

    digest: str
    shingles: set[str]
    minhash: MinHash


def fingerprint(text: str, shingle_words: int, permutations: int) -> Fingerprint:
    """``text``'s digest, its shingles of ``shingle_words`` tokens and their MinHash of
    ``permutations`` permutations (the ``dedupe`` settings)."""
    tokens = words(text)
    digest = hashlib.sha256(" ".join(tokens).encode("utf-8")).hexdigest()
    sh = shingles(tokens, shingle_words)
    mh = MinHash(num_perm=permutations, seed=1)
    mh.update_batch([s.encode("utf-8") for s in sh])
    return Fingerprint(digest, sh, mh)


def jaccard(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


def containment(a: set[str], b: set[str]) -> float:
    """Share of the smaller set's shingles found in the other: 1.0 for a trimmed copy."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))
