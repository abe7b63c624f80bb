"""One pass over a text for many patterns finds what each pattern's ``finditer`` finds."""

from __future__ import annotations

import re

import pytest

from storylens.extract.figures_numbers import _FRACTION, _NUMERAL, _VAGUE, _WORD_NUMBER
from storylens.extract.rule_scan import RuleScanner, first_char_class
from storylens.regex_needles import CASE_FOLDS
from storylens.extract.time_refs_patterns import RULES, rule_scanner

TEXTS = [
    "",
    "On Tuesday night, two hours after the 7:30 p.m. vote, Mayor Ilse Varnow said the plan "
    "would cost $4.5 million over the next three years, up 12% from last year's 3.9 million.",
    "The Harbourgate ferry ran twice a day in the summer of 2011; by the third quarter of 2012 "
    "it ran every other week, and in the 1990s dozens of boats sailed. Three-quarters of them were new.",
    "Early Monday, a week ago, the council met at noon ET on March 3, 2014 and again on 4 April 2014 "
    "(2014-04-04T10:15). On 5/6/14 they met the next day; the day before, last night, tomorrow morning.",
    "Twenty-five people, a couple of hundred fans and one thousand and one nights — two-thirds or a half "
    "of the crowd — left at 9 pm on Christmas Eve, 2019, during the fiscal year-earlier period.",
    "Yesterday's résumé: Ölmez (née Brandt) paid ¥1,200 and €3,500 at 11:45 PM; ſome odd letters KELVIN K.",
    "the the the 12 12 12 2019 2019 years years years ago ago, mid-June, late 2010, the spring, this autumn",
]


def _finditer(pattern: re.Pattern[str], text: str) -> list[tuple[int, int, dict[str, str | None]]]:
    return [(m.start(), m.end(), m.groupdict()) for m in pattern.finditer(text) if m.end() > m.start()]


def _scanned(scanner: RuleScanner, text: str) -> list[list[tuple[int, int, dict[str, str | None]]]]:
    return [[(f.start, f.end, f.groups) for f in found] for found in scanner.scan(text)]


@pytest.mark.parametrize("text", TEXTS)
def test_time_rules_in_one_pass_find_what_each_rule_finds(text: str) -> None:
    assert _scanned(rule_scanner(), text) == [_finditer(rule.regex, text) for rule in RULES]


@pytest.mark.parametrize("text", TEXTS)
def test_number_cores_in_one_pass_find_what_each_pattern_finds(text: str) -> None:
    patterns = [_VAGUE, _FRACTION, _WORD_NUMBER, _NUMERAL]
    assert _scanned(RuleScanner(patterns), text) == [_finditer(p, text) for p in patterns]


def test_overlapping_patterns_each_keep_their_own_matches() -> None:
    patterns = [re.compile(r"ab+"), re.compile(r"b+c"), re.compile(r"(?P<x>a)(?P<y>b)?"), re.compile(r"(?i:B)")]
    text = "abbbc abc ac ABBC"
    scanner = RuleScanner(patterns)
    assert _scanned(scanner, text) == [_finditer(p, text) for p in patterns]
    assert [f.text for f in scanner.scan(text)[2]] == ["ab", "ab", "a"]


def test_a_shared_edge_is_tested_once_and_an_edge_on_one_alternative_stays_there() -> None:
    edge = r"(?<![\w-])"
    patterns = [re.compile(edge + r"(?:last|next) week"), re.compile(edge + r"week|day"),
                re.compile(edge + r"\d+ days?"), re.compile(r"days")]
    text = "last week, midweek-day, 3 days, 12days and Monday next week"
    scanner = RuleScanner(patterns, edge=edge)
    assert _scanned(scanner, text) == [_finditer(p, text) for p in patterns]
    assert scanner._alone == [1, 3]  # 'week|day' binds the edge to 'week' only; 'days' has none


@pytest.mark.parametrize("text", ["next week at the start", "x\nnext week", "-next week", "weeknext week", "n",
                                  "last week,next week;(last week) next weekend next week"])
def test_an_edge_not_after_some_characters_is_read_before_the_first_character_too(text: str) -> None:
    edge = r"(?<![\w-])"  # the scanner consumes the character before instead: the first has none
    patterns = [re.compile(edge + r"(?:last|next) week"), re.compile(edge + r"(?:n|l)\w+")]
    scanner = RuleScanner(patterns, edge=edge)
    assert scanner._at_start is not None
    assert _scanned(scanner, text) == [_finditer(p, text) for p in patterns]


def test_patterns_the_joint_pass_cannot_run_are_run_alone() -> None:
    patterns = [re.compile(r"(?P<w>\w)(?P=w)"), re.compile(r"x*"), re.compile(r"[^ ]+y"), re.compile(r"a", re.M)]
    text = "aa bb xyz xxy a"
    scanner = RuleScanner(patterns)
    assert scanner._alone == [0, 1, 2, 3]
    assert _scanned(scanner, text) == [_finditer(p, text) for p in patterns]


def test_first_char_class() -> None:
    assert first_char_class(r"(?:(?i:last|next)\s+)?Monday") == "[lLnNM]"
    assert first_char_class(r"\b\d+|(?i:ski)") == "[\\dsS\u017f]"
    assert first_char_class(r"(?i)[a-c]x|\.") == "[aAbBcC\\.]"
    assert first_char_class(r"x?y*") is None  # can match the empty string
    assert first_char_class(r"[^a]b") is None  # a negated set is not merged into one class
    assert first_char_class(r".b") is None
    assert first_char_class(r"(?i:\u00e9)") is None  # other cases of a non-ASCII letter are not listed


def test_case_folds_are_every_other_character_an_ascii_letter_matches_ignoring_case() -> None:
    every = "".join(chr(code) for code in range(0x110000) if not 0xD800 <= code < 0xE000)
    for letter in "abcdefghijklmnopqrstuvwxyz":
        others = set(re.findall(f"(?i:{letter})", every)) - {letter, letter.upper()}
        assert "".join(sorted(others)) == CASE_FOLDS.get(letter, ""), letter


def test_folded_alternation_matches_what_the_flat_alternation_matches() -> None:
    from storylens.extract.figures_lexicon import alternation, folded_alternation

    words = ["rose", "rise", "Rises", "up", "edged up", "revised upward by", "~", "c.", "circa", "close to", "over"]
    assert folded_alternation(words).startswith("r(?:")
    flat = re.compile(rf"(?<![A-Za-z])({alternation(words)})(?:\s+(?P<prep>by|to))?\s*$", re.IGNORECASE)
    folded = re.compile(rf"(?<![A-Za-z])({folded_alternation(words)})(?:\s+(?P<prep>by|to))?\s*$", re.IGNORECASE)
    for text in ["prices ROSE by ", "it edged   up ", "revised upward by ", "c. ", "circa ", "~", "over to",
                 "crossover ", "sales rises", "Ups ", "close  to\n", "prose "]:
        flat_match, folded_match = flat.search(text), folded.search(text)
        assert (flat_match and (flat_match.span(), flat_match.groups())) == (
            folded_match and (folded_match.span(), folded_match.groups())), text
    assert folded_alternation(["été", "ete"]) == alternation(["été", "ete"])  # a non-ASCII first letter: flat
