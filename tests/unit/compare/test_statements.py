"""Statement splitting helpers, on generated text."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from storylens.compare.statements import _contains_name


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="Ann Lé_.U S2-", max_size=30), st.text(alphabet="Ann Lé_.US", max_size=6))
def test_a_name_is_found_as_whole_words_exactly_as_the_regex_would(haystack: str, name: str) -> None:
    expected = bool(name) and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", haystack) is not None
    assert _contains_name(haystack, name) == expected
