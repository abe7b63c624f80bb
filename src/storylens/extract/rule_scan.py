"""Run many regular expressions over one text in a single pass, with the matches each
would find on its own.

The extractors look for dozens of patterns in every article (31 time-expression rules,
four kinds of number). ``pattern.finditer(text)`` for each walks the whole text once per
pattern, and Python's engine pays its per-position cost at every character each time.
``RuleScanner`` compiles the patterns into one expression that is tried once per
position: an alternation of all of them inside a lookahead tells whether any matches
there, and a capturing lookahead per pattern records where each one matches. Each
pattern's alternative opens with the class of characters its matches can start with
(worked out from the parsed pattern, cases spelled out), which the engine checks before
trying the alternative, so at a position only the patterns that can start with its
character are tried. Patterns that begin with one shared zero-width ``edge`` (a
lookbehind such as "not after a letter") have it tested once per position for all; an
edge "not after one of these characters" (``(?<![...])``) becomes a character outside
them, consumed before the position tried, so the engine skips the positions after a
letter in C instead of entering the pattern at each (the first position, which has no
character before it, is tried on its own).

``scan(text)`` returns, for each pattern, exactly the non-empty matches that
``pattern.finditer(text)`` yields: at a position every pattern's own match is the one
the engine finds there anyway, and a pattern's next match is its first one that starts
at or after the end of its previous match, as ``finditer`` goes on. (A pattern that can
match the empty string is run on its own, as are patterns with back-references.)
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]

from ..regex_needles import CASE_FOLDS

__all__ = ["Found", "RuleScanner", "first_char_class"]

_CATEGORIES = {
    sre.CATEGORY_DIGIT: r"\d", sre.CATEGORY_NOT_DIGIT: r"\D", sre.CATEGORY_SPACE: r"\s",
    sre.CATEGORY_NOT_SPACE: r"\S", sre.CATEGORY_WORD: r"\w", sre.CATEGORY_NOT_WORD: r"\W",
}
_NAMED_GROUP = re.compile(r"\(\?P<(\w+)>")
#: An edge "not after one of these characters": ``(?<![...])``.
_NOT_AFTER = re.compile(r"\(\?<!\[((?:[^\]\\]|\\.)+)\]\)")


@dataclass(frozen=True)
class Found:
    """One match: its span, its text and its named groups (None where a group took no part)."""

    start: int
    end: int
    text: str
    groups: dict[str, str | None]


class _Unknown(Exception):
    """A construct whose first characters are not worked out: the pattern gets no guard."""


def _char(code: int, ignorecase: bool) -> str:
    """The class members that match the character ``code``, with its other cases when
    case is ignored (ASCII only: another character with case cannot be listed exactly)."""
    char = chr(code)
    if not ignorecase or not char.isalpha():
        return re.escape(char)
    if not char.isascii():
        raise _Unknown
    return char.lower() + char.upper() + CASE_FOLDS.get(char.lower(), "")


def _class_text(op: Any, av: Any, ignorecase: bool) -> str:
    if op is sre.LITERAL:
        return _char(av, ignorecase)
    if op is sre.IN:
        out = ""
        for item_op, item in av:
            if item_op is sre.LITERAL:
                out += _char(item, ignorecase)
            elif item_op is sre.RANGE and not ignorecase:
                out += re.escape(chr(item[0])) + "-" + re.escape(chr(item[1]))
            elif item_op is sre.RANGE and item[1] < 128:
                out += "".join(_char(code, ignorecase) for code in range(item[0], item[1] + 1))
            elif item_op is sre.CATEGORY and item in _CATEGORIES:
                out += _CATEGORIES[item]
            else:  # a negated set, or anything else: cannot be merged into one class
                raise _Unknown
        return out
    raise _Unknown


def _first(items: list[tuple[Any, Any]], ignorecase: bool, out: list[str]) -> bool:
    """Add to ``out`` the character classes that a match of the sequence ``items`` can
    start with; return whether the sequence can match the empty string."""
    for op, av in items:
        if op is sre.LITERAL or op is sre.IN:
            out.append(_class_text(op, av, ignorecase))
            return False
        if op is sre.SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            inner = (ignorecase or bool(add_flags & sre.SRE_FLAG_IGNORECASE)) and not del_flags & sre.SRE_FLAG_IGNORECASE
            if not _first(sub.data, inner, out):
                return False
        elif op is sre.BRANCH:
            nullable = False
            for alternative in av[1]:
                nullable = _first(alternative.data, ignorecase, out) or nullable
            if not nullable:
                return False
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            low, _high, sub = av
            if not _first(sub.data, ignorecase, out) and low > 0:
                return False
        elif op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue  # zero-width: the first character is what follows
        else:
            raise _Unknown
    return True


def first_char_class(pattern: str) -> str | None:
    """A character class (``[...]``, case spelled out) holding the first character of
    every match of ``pattern``, or None when that is not worked out or the pattern can
    match the empty string."""
    try:
        parsed = sre_parse.parse(pattern)
        out: list[str] = []
        if _first(parsed.data, bool(parsed.state.flags & sre.SRE_FLAG_IGNORECASE), out):
            return None
    except (_Unknown, re.error):
        return None
    return "[" + "".join(out) + "]"


def _at_first_char(first: str, body: str) -> str:
    """``body`` tried at a position only when the character there is in ``first``.

    The class comes first so that the engine rules an alternative out by the character
    alone; the lookbehind then steps back over that one character and tries ``body``
    where it starts."""
    return f"{first}(?<=(?={body})(?s:.))"


@dataclass(frozen=True)
class _Member:
    index: int
    group: int
    names: tuple[str, ...]
    name_groups: tuple[int, ...]


class RuleScanner:
    """Scan ``patterns`` over a text in one pass (see the module docstring). Patterns
    whose source starts with ``edge`` (a zero-width assertion) share its test."""

    def __init__(self, patterns: Sequence[re.Pattern[str]], edge: str = "") -> None:
        self.patterns = tuple(patterns)
        self._alone: list[int] = []
        gate: list[str] = []
        captures: list[str] = []
        joined: list[tuple[int, str]] = []
        for i, pattern in enumerate(self.patterns):
            body = self._body(pattern, edge)
            first = first_char_class(body) if body is not None else None
            if body is None or first is None:
                self._alone.append(i)
                continue
            unnamed = _NAMED_GROUP.sub("(?:", body)
            renamed = _NAMED_GROUP.sub(lambda m, i=i: f"(?P<_{i}_{m.group(1)}>", body)  # type: ignore[misc]
            gate.append(_at_first_char(first, unnamed))
            captures.append(f"(?:(?={_at_first_char(first, f'(?P<_{i}>{renamed})')})|)")
            joined.append((i, body))
        self._members: list[_Member] = []
        self._regex: re.Pattern[str] | None = None
        self._at_start: re.Pattern[str] | None = None
        if joined:
            tried = "(?=" + "|".join(gate) + ")" + "".join(captures)
            after = _NOT_AFTER.fullmatch(edge)
            if after:  # the character before, consumed, so the engine skips the rest in C
                self._regex = re.compile(f"[^{after.group(1)}]{tried}")
                self._at_start = re.compile(tried)  # no character before the first
            else:
                self._regex = re.compile(edge + tried)
            index = self._regex.groupindex
            for i, _body in joined:
                names = tuple(self.patterns[i].groupindex)
                if any(f"_{i}_{name}" not in index for name in names):
                    raise ValueError(f"pattern {i}: its named groups could not be renamed")
                self._members.append(_Member(i, index[f"_{i}"], names, tuple(index[f"_{i}_{n}"] for n in names)))

    @staticmethod
    def _body(pattern: re.Pattern[str], edge: str) -> str | None:
        """The pattern's source to join (its own flags made inline, ``edge`` taken off),
        or None when it must run alone: flags other than IGNORECASE, back-references, or
        an edge that does not cover the whole pattern (``edge`` + ``A|B``)."""
        flags = pattern.flags & ~re.UNICODE
        if flags & ~re.IGNORECASE:
            return None
        source = pattern.pattern
        if "(?P=" in source or re.search(r"\\[1-9]", source) or len(_NAMED_GROUP.findall(source)) != len(pattern.groupindex):
            return None
        if edge:
            if not source.startswith(edge):
                return None
            parsed = sre_parse.parse(source)
            if not parsed.data or parsed.data[0][0] is not sre.ASSERT_NOT and parsed.data[0][0] is not sre.ASSERT:
                return None
            source = source[len(edge):]
        return f"(?i:{source})" if flags & re.IGNORECASE else source

    def scan(self, text: str) -> list[list[Found]]:
        """For each pattern, in order, the non-empty matches ``finditer`` finds in ``text``."""
        found: list[list[Found]] = [[] for _ in self.patterns]
        if self._regex is not None:
            ends = [0] * len(self.patterns)
            members = self._members
            first = self._at_start.match(text) if self._at_start is not None else None
            for m in itertools.chain((first,) if first else (), self._regex.finditer(text)):
                regs = m.regs
                for member in members:
                    start, end = regs[member.group]
                    if start < ends[member.index] or end <= start:
                        continue  # no match here, or inside this pattern's previous match
                    ends[member.index] = end
                    groups = {name: text[a:b] if a >= 0 else None
                              for name, (a, b) in zip(member.names, (regs[g] for g in member.name_groups))}
                    found[member.index].append(Found(start, end, text[start:end], groups))
        for i in self._alone:
            found[i] = [Found(m.start(), m.end(), m.group(0), m.groupdict())
                        for m in self.patterns[i].finditer(text) if m.end() > m.start()]
        return found
