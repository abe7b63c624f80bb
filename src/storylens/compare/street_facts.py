"""Where it happened: a street that independent accounts name.

A sentence says many things; where the event happened is often said in passing ("Four
people were shot Friday night in the area of Brownsville Road and Amanda Street", "the
gunfire on Brownsville Road was reported at about 7 p.m.") in sentences that otherwise
say different things and share too few words to align. A street named after a locative
("on", "at", "near", "along", "off", "in the area of", "the 5300 block of") in the
articles of two or more independent news sources is a fact: the street, cited in each
article where it first names it so.

A street's name is one to four capitalised words or numbers and its type ("Genesee
Street", "Northwest 20th Avenue", "115 Turner St": a house number is part of it, so two
numbers are two places); "Genesee St." and "Genesee Street" are one street
(``details.street_key``). The fact cites the name, never the block it is in (blocks that
differ are a dispute: ``details``), and is worded "Location named: Genesee Street" (the
first citation's words). Pure.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from storylens.compare.details import STREET_TYPES, street_key
from storylens.compare.facts import corroborated_fact
from storylens.model import Article, Citation, Fact

__all__ = ["street_facts"]

#: The street types ``street_key`` reads, capitalised ("Street|St|Road|Rd|..."; each long
#: form before its short ones, so "Street" is not read as "St").
_TYPES = "|".join(t.capitalize() for t in STREET_TYPES)
_NAME = rf"(?:(?:[A-Z][\w'’.-]*|\d+(?:st|nd|rd|th)?)\s+){{1,4}}(?:{_TYPES})\b"
#: A locative, then (after an optional "the") a street: one to four capitalised words or
#: numbers ("20th", "115") and its type, whole words; and a second street after "and"
#: ("at Penn Avenue and 29th Street").
_STREET = re.compile(r"\b(?i:on|at|near|along|off|onto|in\s+the\s+area\s+of|block\s+of)\s+(?:the\s+)?"
                     rf"(?P<name>{_NAME})(?:\s+(?:and|&)\s+(?P<second>{_NAME}))?")


def _named_streets(article: Article) -> dict[str, tuple[int, int]]:
    """Street key -> the span of the article's first naming of it after a locative."""
    out: dict[str, tuple[int, int]] = {}
    for m in _STREET.finditer(article.text):
        for group in ("name", "second"):
            if m.group(group):
                key, _ = street_key(m.group(group))
                out.setdefault(key, (m.start(group), m.end(group)))
    return out


def street_facts(articles: Sequence[Article]) -> list[Fact]:
    """The streets two or more independent news sources name (see the module docstring),
    in the order the articles (in the order given) first name them."""
    cited: dict[str, list[Citation]] = {}
    for a in articles:
        for key, (start, end) in sorted(_named_streets(a).items(), key=lambda kv: kv[1]):
            cited.setdefault(key, []).append(Citation(a.id, start, end, a.text[start:end]))
    by_id = {a.id: a for a in articles}
    facts = (corroborated_fact(support, by_id, f"Location named: {support[0].text}") for support in cited.values())
    return [f for f in facts if f is not None]
