"""Number cores for figure extraction: numerals, number words, fractions and vague amounts.

A *core* is the bare number as written ("1,000", "4.5", "twenty-five", "a dozen",
"two-thirds", "dozens of") with its character span and value. Units, scale words,
currencies and bounds around it are added by :mod:`storylens.extract.figures`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .rule_scan import RuleScanner

__all__ = ["Core", "find_cores", "parse_numeral", "WORD_VALUES"]

_ONES = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_MULTIPLIERS = {"hundred": 100.0, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
WORD_VALUES: dict[str, int] = {**_ONES, **_TENS}

_FRACTION_DENOMS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
                    "fourth": 4, "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6,
                    "eighth": 8, "eighths": 8, "tenth": 10, "tenths": 10}

_BASIC = "|".join(sorted(list(_ONES) + list(_TENS), key=len, reverse=True))
_SCALE_WORDS = "hundred|thousand|million|billion|trillion|dozen"
_WORD_NUMBER = re.compile(
    rf"\b(?:(?:an?|one)\s+(?:{_SCALE_WORDS})\b(?:[-\s]+(?:and\s+)?(?:{_BASIC}|{_SCALE_WORDS})\b)*"
    rf"|(?:{_BASIC})\b(?:[-\s]+(?:and\s+)?(?:{_BASIC}|{_SCALE_WORDS})\b)*"
    rf"|(?:dozen|hundred|thousand)(?=\s))",
    re.IGNORECASE,
)
_FRACTION = re.compile(
    rf"\b(?P<num>{_BASIC}|a)[-\s](?P<den>{'|'.join(_FRACTION_DENOMS)})\b", re.IGNORECASE)
_NUMERAL = re.compile(r"(?<![\d.,])(?:(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:/\d+)?|\.\d+)(?![\d])")

#: Vague amounts: phrase -> (low, high) or None when the phrase gives no numbers. Plural
#: scale words follow the NewsQuant/CQE convention of one to ten times the scale word.
VAGUE: dict[str, tuple[float, float] | None] = {
    "dozens of": (12.0, 120.0), "scores of": (20.0, 200.0), "hundreds of": (100.0, 1e3),
    "thousands of": (1e3, 1e4), "tens of thousands of": (1e4, 1e5),
    "hundreds of thousands of": (1e5, 1e6), "millions of": (1e6, 1e7),
    "tens of millions of": (1e7, 1e8), "hundreds of millions of": (1e8, 1e9),
    "billions of": (1e9, 1e10),
    "large numbers of": None, "a large number of": None, "large number of": None,
    "an important number of": None, "a significant number of": None, "significant numbers of": None,
    "a handful of": None, "a small number of": None, "a number of": None, "a host of": None,
    "a couple of": None,
}
_VAGUE = re.compile(r"\b(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+")
                                        for p in sorted(VAGUE, key=len, reverse=True)) + r")(?![\w-])",
                    re.IGNORECASE)


@dataclass
class Core:
    start: int
    end: int
    value: float | None
    kind: str  # "numeral", "word", "fraction", "vague"
    low: float | None = None
    high: float | None = None
    vague: str | None = None


def parse_numeral(text: str) -> float:
    """'1,000' -> 1000.0, '.5' -> 0.5, '1/2' -> 0.5."""
    text = text.replace(",", "")
    if "/" in text:
        num, den = text.split("/", 1)
        return float(num) / float(den) if float(den) else float(num)
    return float(text)


def _parse_words(words: str) -> tuple[float, int] | None:
    """Value of the longest well-formed prefix of ``words`` and its length in characters.

    'twenty-five' -> 25, 'four hundred' -> 400, 'a dozen' -> 12, 'two thousand and one' -> 2001;
    'one two' stops after 'one'.
    """
    total = 0.0
    current = 0.0
    last = ""  # kind of the previous word: "one", "ten", "teen", "scale"
    end = 0
    value: float | None = None
    for m in re.finditer(r"[A-Za-z]+", words):
        part = m.group(0).lower()
        if part == "and":
            continue
        if part in ("a", "an") and m.start() == 0:
            current, last = 1.0, "article"
            continue
        if part in _TENS:
            if last in ("one", "ten", "teen"):
                break
            current += _TENS[part]
            last = "ten"
        elif part in _ONES:
            if last in ("one", "teen") or (last == "ten" and _ONES[part] >= 10):
                break
            current += _ONES[part]
            last = "teen" if _ONES[part] >= 10 else "one"
        elif part == "dozen":
            current = (current or 1) * 12
            last = "scale"
        elif part in _MULTIPLIERS:
            factor = _MULTIPLIERS[part]
            if factor == 100.0:
                current = (current or 1) * 100
            else:
                total += (current or 1) * factor
                current = 0.0
            last = "scale"
        else:
            break
        end = m.end()
        value = total + current
    return (value, end) if value is not None else None


@cache
def _core_scanner() -> RuleScanner:
    """The four kinds of core in one pass over a text (built at first use)."""
    return RuleScanner([_VAGUE, _FRACTION, _WORD_NUMBER, _NUMERAL])


def find_cores(text: str) -> list[Core]:
    """Every number-like core in ``text``, sorted, without overlaps (longest wins)."""
    found: list[Core] = []
    vague, fractions, words, numerals = _core_scanner().scan(text)
    for m in vague:
        phrase = re.sub(r"\s+", " ", m.text.lower())
        rng = VAGUE[phrase]
        found.append(Core(m.start, m.end, None, "vague", rng[0] if rng else None, rng[1] if rng else None, m.text))
    for m in fractions:
        num, den = (m.groups["num"] or "").lower(), (m.groups["den"] or "").lower()
        n = 1 if num == "a" else WORD_VALUES.get(num)
        if n is None or (num in ("a",) and den in ("second", "fourth")):
            continue
        found.append(Core(m.start, m.end, n / _FRACTION_DENOMS[den], "fraction"))
    for m in words:
        parsed = _parse_words(m.text)
        if parsed is not None:
            found.append(Core(m.start, m.start + parsed[1], parsed[0], "word"))
    for m in numerals:
        try:
            value = parse_numeral(m.text)
        except (ValueError, ZeroDivisionError):
            continue
        found.append(Core(m.start, m.end, value, "numeral"))
    found.sort(key=lambda c: (c.start, -(c.end - c.start)))
    cores: list[Core] = []
    for core in found:
        if cores and core.start < cores[-1].end:
            continue
        cores.append(core)
    return cores
