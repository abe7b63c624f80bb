"""The strings a pattern cannot match without, and the test that skips a search on them."""

import random
import re

from storylens.clean.boilerplate import _family, _features
from storylens.clean.furniture_patterns import FAMILIES
from storylens.regex_needles import folds_oddly, holds_one, needles


def test_needles_are_the_literals_every_match_holds():
    assert needles(re.compile(r"\bcookies?\b.*\bconsent\b", re.I)) == {"consent"}  # the longest
    assert needles(re.compile(r"^(?:sign in|log in)$", re.I)) == {"sign in", "log in"}
    assert needles(re.compile(r"(?:read|see) more")) == {" more"}
    assert needles(re.compile(r"(?:ab)+cd?")) == {"ab"}
    assert needles(re.compile(r"Share")) == {"share"}  # compared in lower case


def test_a_pattern_that_can_match_without_any_literal_has_none():
    assert needles(re.compile(r"\d+")) is None
    assert needles(re.compile(r"(?:foo)?bar|\w+")) is None  # one alternative holds no literal
    assert needles(re.compile(r"x*")) is None
    assert needles(re.compile(r"caf\u00e9", re.I)) is None  # a letter outside ASCII


def test_holds_one():
    words = needles(re.compile(r"\ball rights reserved\b", re.I))
    assert holds_one(words, "(c) 2026 all rights reserved.")
    assert not holds_one(words, "the mayor said the pier was unsafe.")
    assert holds_one(None, "anything")


def test_a_character_lower_case_does_not_fold_as_the_engine_does_is_always_searched():
    pattern = re.compile(r"\bcookies\b", re.I)
    text = "We use cookie\u017f"  # the long s matches s when case is ignored
    assert pattern.search(text)
    assert not holds_one(needles(pattern), text.lower())
    assert folds_oddly(text) and not folds_oddly("We use cookies")


def test_furniture_families_find_the_same_lines_with_and_without_the_needles():
    """Every family's verdict on lines built from its own literals and from prose is the
    one its pattern gives alone."""
    rng = random.Random(7)
    pieces = ["Accept all cookies", "We use cookies to improve your experience.", "Sign in", "Log out",
              "Advertisement", "Share this:", "All rights reserved.", "Skip Ad", "Related Topics: harbour",
              "Click to share on Facebook", "Comments are moderated.", "The council voted 5-2 on Tuesday.",
              "Photo: Ada Crane/Marrow Gazette", "Read more", "OK", "Got it", "Copyright 2026 Marrow Gazette",
              "The pier was closed after the storm, the harbour master said.", "coo\u212aies", "\u017fign in"]
    lines = pieces + [" ".join(rng.sample(pieces, rng.randint(2, 4))) for _ in range(400)]

    def alone(text: str) -> str | None:
        line = _features(text)
        return next((reason for reason, pattern, most in FAMILIES
                     if line.n_words <= most and pattern.search(text)), None)

    assert [_family(_features(t)) for t in lines] == [alone(t) for t in lines]
