"""Text patterns around a number core: what is glued to it, what follows, what precedes.

Each matcher looks at the text right after (``match_*_after``) or right before
(``match_*_before``) a character offset and returns what it found with the offset where
the match ends (after) or starts (before), so the caller can grow the figure's span.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Figure
from .figures_lexicon import (
    BOUND_PHRASES, CURRENCY_CODES, CURRENCY_PREFIXES, CURRENCY_WORDS, GLUED_SCALES, MONTHS,
    RATE_DENOMINATORS, SCALES, TREND_DOWN, TREND_UP, UNIT_SYMBOLS, UNIT_WORDS, alternation, folded_alternation,
)

__all__ = [
    "After", "match_scale", "match_glued_scale", "match_measure", "match_rate", "match_connector",
    "match_prefix", "match_sign", "match_bound", "match_intro", "match_trend", "rejected_suffix",
    "is_month", "glued_letters_before", "restatement",
]


@dataclass
class After:
    kind: str  # "currency" or "unit"
    key: str
    end: int


_SCALE_RE = re.compile(rf"[\s-]*({alternation(list(SCALES))})(?![A-Za-z])", re.IGNORECASE)
_GLUED_BIG = re.compile(r"(bn|mn|mln|bln|tn|trn)(?![A-Za-z])", re.IGNORECASE)
_GLUED_ONE = re.compile(r"([kKmMbB])(?![A-Za-z0-9])")
_CUR_WORD_RE = re.compile(rf"[\s-]?({alternation(list(CURRENCY_WORDS))})(?![A-Za-z])", re.IGNORECASE)
_CUR_CODE_RE = re.compile(rf"\s?({alternation(list(CURRENCY_CODES))})(?![A-Za-z])")
_CUR_SYMBOL_AFTER = re.compile(r"\s?([€$£¥₹₪])")
_UNIT_WORD_RE = re.compile(rf"[\s-]?({alternation(list(UNIT_WORDS))})(?![A-Za-z0-9])", re.IGNORECASE)
_MULTI_SYMBOLS = [s for s in UNIT_SYMBOLS if len(s) > 1 or s in "%°″′'\""]
_SINGLE_SYMBOLS = [s for s in UNIT_SYMBOLS if len(s) == 1 and s.isalpha()]
_UNIT_SYMBOL_RE = re.compile(rf"[\s-]?({alternation(_MULTI_SYMBOLS)})(?![A-Za-z0-9])")
_UNIT_SINGLE_RE = re.compile(rf"({alternation(_SINGLE_SYMBOLS)})(?![A-Za-z0-9])")
_SPACED_SINGLE_RE = re.compile(r"\s(W|V)(?![A-Za-z0-9])")
_RATE_RE = re.compile(
    rf"[\s-]*(?:per|a|an|/)[\s-]*({alternation(list(RATE_DENOMINATORS))})(?![A-Za-z])"
    r"(?!\s+(?:earlier|ago|before|later|after|prior|on|in\s+advance))", re.IGNORECASE)
_CONNECTOR_RE = re.compile(r"\s*(?:(?P<dash>[-–—])|(?<![A-Za-z])(?P<word>-?to-?|and|or)(?![A-Za-z]))\s*",
                           re.IGNORECASE)
_PREFIX_RE = re.compile(
    rf"(?<![A-Za-z0-9-])(?P<cur>{alternation([p for p in CURRENCY_PREFIXES if len(p) > 1 or not p.isalpha()])})"
    r"(?P<space>\s?)$|(?<![A-Za-z0-9-])(?P<single>R)$")
_SIGN_RE = re.compile(r"(?:(?<![\w\-])(?P<sym>[-−+~])|(?<![A-Za-z])(?P<word>minus[-\s]|plus\s|sub-))$", re.IGNORECASE)
_BOUND_RE = re.compile(rf"(?<![A-Za-z])({folded_alternation([b for b in BOUND_PHRASES if not b.endswith('-')])})\s*$",
                       re.IGNORECASE)
_INTRO_RE = re.compile(r"(?<![A-Za-z])(between|from|of between)\s+$", re.IGNORECASE)
_TREND_RE = re.compile(
    rf"(?<![A-Za-z])(?P<verb>{folded_alternation(list(TREND_UP) + list(TREND_DOWN))})"
    r"(?:\s+(?P<prep>by|to|as much as|another|a further|an additional))?\s+$", re.IGNORECASE)
_TREND_UP_SET = {t.lower() for t in TREND_UP}
_NEEDS_PREPOSITION = frozenset({"raise", "raised", "raises", "boosted", "cut", "cuts", "lowered", "lower"})
_ORDINAL_RE = re.compile(r"(?:st|nd|rd|th)(?![A-Za-z])|s(?![A-Za-z])|['’′]s(?![A-Za-z])")
_TIME_RE = re.compile(r":\d|\s?(?:a\.m\.|p\.m\.|am\b|pm\b|AM\b|PM\b|GMT\b|UTC\b|EDT\b|EST\b|BST\b|CET\b|ET\b|PT\b)")
_MONTH_RE = re.compile(rf"^(?:{alternation(list(MONTHS))})\.?$", re.IGNORECASE)


def _longest(text: str, pos: int, patterns: list[tuple[re.Pattern[str], str, dict[str, str]]]) -> After | None:
    best: After | None = None
    for pattern, kind, table in patterns:
        m = pattern.match(text, pos)
        if not m:
            continue
        surface = m.group(1)
        key = table.get(surface) or table.get(re.sub(r"\s+", " ", surface.lower()))
        if key is None:
            continue
        if best is None or m.end() > best.end:
            best = After(kind, key, m.end())
    return best


def match_scale(text: str, pos: int) -> tuple[float, int] | None:
    """A spaced or hyphenated scale word ("million", "bn") at ``pos``."""
    m = _SCALE_RE.match(text, pos)
    if not m:
        return None
    return SCALES[m.group(1).lower()], m.end()


def match_glued_scale(text: str, pos: int, money: bool) -> tuple[float, int] | None:
    """A scale glued to the number: "100bn", "$13.6M", "1.2m tons" (not "37m (121ft)")."""
    m = _GLUED_BIG.match(text, pos)
    if m:
        return SCALES[m.group(1).lower()], m.end()
    m = _GLUED_ONE.match(text, pos)
    if not m:
        return None
    letter = m.group(1)
    if letter in "mM" and not money:
        # "m" is metres unless a word follows ("1.2m tons", "35m of its devices").
        follow = re.match(r"\s+([A-Za-z]+)", text[m.end():])
        if not follow or follow.group(1).lower() in {"long", "high", "wide", "tall", "deep", "away", "in",
                                                      "from", "above", "below", "under", "to", "and", "or"}:
            return None
    if letter in "kKbB" and not money:
        return None
    return GLUED_SCALES[letter], m.end()


def match_measure(text: str, pos: int) -> After | None:
    """Currency word/code/symbol or unit right after ``pos`` (glued, spaced or hyphenated)."""
    found = _longest(text, pos, [
        (_CUR_WORD_RE, "currency", CURRENCY_WORDS), (_CUR_CODE_RE, "currency", CURRENCY_CODES),
        (_UNIT_WORD_RE, "unit", UNIT_WORDS), (_UNIT_SYMBOL_RE, "unit", UNIT_SYMBOLS),
        (_UNIT_SINGLE_RE, "unit", UNIT_SYMBOLS), (_SPACED_SINGLE_RE, "unit", UNIT_SYMBOLS),
    ])
    if found is None:
        m = _CUR_SYMBOL_AFTER.match(text, pos)
        if m:
            return After("currency", CURRENCY_PREFIXES[m.group(1)], m.end())
    return found


def match_rate(text: str, pos: int) -> tuple[str, int] | None:
    """A rate denominator after a unit or currency: "a month", "per share", "/sq m"."""
    m = _RATE_RE.match(text, pos)
    if not m:
        return None
    return RATE_DENOMINATORS[re.sub(r"\s+", " ", m.group(1).lower())], m.end()


def match_connector(text: str, pos: int) -> tuple[str, int] | None:
    """Range/alternative connector after a quantity: "-", "to", "and", "or"."""
    m = _CONNECTOR_RE.match(text, pos)
    if not m:
        return None
    if m.group("dash"):
        return "-", m.end()
    word = m.group("word").lower().strip("-")
    return word, m.end()


def match_prefix(text: str, pos: int) -> tuple[str, int] | None:
    """Currency symbol or code written before ``pos`` ("$", "US $", "RM", "EUR", "Y=")."""
    window_start = max(0, pos - 8)
    m = _PREFIX_RE.search(text[window_start:pos])
    if not m:
        return None
    if m.group("single"):
        return "ZAR", window_start + m.start()
    surface = m.group("cur")
    if surface in ("PS", "Y=", "R") and m.group("space"):
        return None  # transliterations only count glued to the number
    return CURRENCY_PREFIXES[re.sub(r"\s+", " ", surface)], window_start + m.start()


def match_sign(text: str, pos: int) -> tuple[str, int] | None:
    """'-', '+', '~', 'minus', 'sub-' right before ``pos``: returns "-", "+", "~" or "<"."""
    m = _SIGN_RE.search(text[max(0, pos - 7):pos])
    if not m:
        return None
    start = max(0, pos - 7) + m.start()
    if m.group("sym"):
        sym = m.group("sym")
        return ("-" if sym in "-−" else sym), start
    word = m.group("word").lower()
    return ("-" if word.startswith("minus") else "+" if word.startswith("plus") else "<"), start


def match_bound(text: str, pos: int) -> tuple[str, int] | None:
    m = _BOUND_RE.search(text[max(0, pos - 24):pos])
    if not m:
        return None
    return BOUND_PHRASES[re.sub(r"\s+", " ", m.group(1).lower())], max(0, pos - 24) + m.start()


def match_intro(text: str, pos: int) -> tuple[str, int] | None:
    """'between' or 'from' opening a range."""
    m = _INTRO_RE.search(text[max(0, pos - 16):pos])
    if not m:
        return None
    return m.group(1).lower().split()[-1], max(0, pos - 16) + m.start()


def match_trend(text: str, pos: int, floor: int) -> tuple[str, str | None, int] | None:
    """A change verb right before ``pos`` ("rose", "down", "fell by", "climbed to"):
    returns (up|down, preposition or None, start). Looks no further back than ``floor``."""
    start = max(floor, pos - 40)
    if pos <= start or not text[pos - 1].isspace():
        return None  # the pattern ends in white space at ``pos`` (spared the search)
    m = _TREND_RE.search(text[start:pos])
    if not m:
        return None
    verb = re.sub(r"\s+", " ", m.group("verb").lower())
    prep = m.group("prep").lower() if m.group("prep") else None
    if verb in _NEEDS_PREPOSITION and prep not in ("by", "to"):
        return None  # "raised $100bn" is money raised, "raised it by 2%" a change
    return ("up" if verb in _TREND_UP_SET else "down"), prep, start + m.start()


def rejected_suffix(text: str, pos: int) -> bool:
    """Ordinals ("10th"), decades and possessives ("1990s", "2019's") and clock times."""
    return bool(_ORDINAL_RE.match(text, pos) or _TIME_RE.match(text, pos))


def is_month(word: str) -> bool:
    return bool(_MONTH_RE.match(word))


def glued_letters_before(text: str, pos: int) -> bool:
    """The number is part of a word or code ("S22", "ID.3", "TA-35", "COVID-19", "T10")."""
    if pos == 0:
        return False
    before = text[pos - 1]
    if before.isalpha() or before == "_":
        return True
    if before in ".-/" and pos >= 2 and (text[pos - 2].isalnum()):
        return True
    return False


_RESTATEMENT = re.compile(r"\s*(?:\(|,\s*or\s+|\bor\s+)$")


def restatement(text: str, previous: Figure, fig: Figure) -> None:
    """'lost 190 points, or 0.6%' / 'under 8.9 ksi (61.4 MPa)': the same amount restated in
    another unit shares the trend and bound of the first statement."""
    between = text[previous.end:fig.start]
    if not _RESTATEMENT.fullmatch(between):
        return
    if fig.trend is None and fig.bound == "=":
        fig.trend = previous.trend
        fig.bound = previous.bound
