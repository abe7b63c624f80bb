"""Words a regular expression cannot match without: a cheap test before the search.

Cleaning tries a score of furniture patterns ("cookies ... accept", "all rights
reserved", "sign up for our newsletter") on every line of every article, and almost no
line of an article is furniture. ``needles(pattern)`` reads the parsed pattern for
strings every match must contain, in lower case: a run of literal characters the
pattern cannot skip, or, for an alternation, one such string per alternative. A line
whose lower-case text holds none of them cannot match, and Python's ``str.__contains__``
tells that faster than the engine's walk over every position (``holds_one``); where one
is there, the pattern itself decides.

A pattern that ignores case matches characters that ``str.lower`` does not bring to
the pattern's letters (the long s, the Kelvin sign, the dotted and dotless i): a text
holding any of them (``folds_oddly``) must always be searched.
"""

from __future__ import annotations

import re
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

__all__ = ["CASE_FOLDS", "folds_oddly", "holds_one", "needles"]

#: Characters other than its two ASCII cases that an ASCII letter matches when case is
#: ignored (Python's ``re`` with Unicode strings; the unit tests check this table).
CASE_FOLDS = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}
#: Characters a case-ignoring pattern's ASCII letters match that ``str.lower`` does not
#: turn into those letters.
_ODD_CASES = frozenset("".join(CASE_FOLDS.values()))
_Needles = frozenset[str]


def _best(options: list[_Needles]) -> _Needles | None:
    """Of several conditions that all hold, the most selective: the one whose shortest
    string is longest, then the fewest strings."""
    if not options:
        return None
    return max(options, key=lambda o: (min(len(s) for s in o), -len(o)))


def _of_sequence(items: Any) -> _Needles | None:
    """The strings one of which every match of a sequence of parsed items contains."""
    options: list[_Needles] = []
    run: list[str] = []
    for op, av in items:
        if op is sre.LITERAL:
            run.append(chr(av).lower())
            continue
        if run:
            options.append(frozenset({"".join(run)}))
            run = []
        found: _Needles | None = None
        if op is sre.SUBPATTERN:
            found = _of_sequence(av[-1])
        elif op is sre.BRANCH:
            alternatives = [_of_sequence(branch) for branch in av[1]]
            if all(a is not None for a in alternatives):
                found = frozenset().union(*alternatives)  # type: ignore[arg-type]
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and av[0] >= 1:
            found = _of_sequence(av[2])
        elif op is sre.ATOMIC_GROUP:
            found = _of_sequence(av)
        if found:
            options.append(found)
    if run:
        options.append(frozenset({"".join(run)}))
    return _best(options)


def needles(pattern: re.Pattern[str]) -> _Needles | None:
    """Lower-case strings one of which every match of ``pattern`` contains, or None
    where the pattern has no such strings (every match of ``\\d+``)."""
    found = _of_sequence(sre_parse.parse(pattern.pattern, pattern.flags).data)
    if not found or not all(n.isascii() for n in found):
        return None  # a letter outside ASCII may match more than its lower case
    return found


def holds_one(found: _Needles | None, lower: str) -> bool:
    """Whether ``lower`` (a text in lower case) holds one of the ``needles`` (True where
    there are none to look for)."""
    return found is None or any(map(lower.__contains__, found))


def folds_oddly(text: str) -> bool:
    """Whether ``text`` holds a character ``str.lower`` does not fold as the engine does
    when it ignores case: then the needles cannot rule a match out."""
    return not _ODD_CASES.isdisjoint(text)
