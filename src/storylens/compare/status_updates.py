"""A named person's state that a later article moves on: an update, not a dispute.

News tells a person's state in steps that only go one way: a suspect is *sought*
("wanted by police", "police are looking for ...", "remains at large"), then *in custody*
("was arrested", "was charged", "taken into custody", "turned himself in"), then
*convicted* ("was convicted", "was sentenced", "found guilty"); a victim is *in critical
condition*, then *dead* ("died", "succumbed"). A statement that gives a person an earlier
step is superseded when an article published later gives the same person (the same
entity key) a later step. The brief does not lead with a superseded statement (the
issue's "…is wanted by police" where later articles report him charged), and the later
statement carries an ``updated_status`` framing cue naming the earlier state and its
outlet.

Only states said of a name in the same sentence count: the name is the subject ("Ann Lee,
19, is wanted ...", "Ann Lee and Bo Tam were arrested") or the object of the search or the
arrest ("police are looking for Ann Lee", "officers arrested Ann Lee"). A pronoun or a
description ("the gunman") is not read. Within one article nothing is superseded (an
article telling the arrest of a man who was wanted says both). Pure functions.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from storylens.compare.framing import FramingCue
from storylens.compare.statements import Statement, hours_between, outlet_name
from storylens.model import Article, Citation

__all__ = ["StatusMention", "status_mentions", "find_status_updates", "superseded_citation"]

#: (chain, step, pattern after the name: between them only an age, a list of names, an
#: apposition up to 60 characters; the pattern is matched right after that).
_AFTER_NAME: tuple[tuple[str, int, re.Pattern[str]], ...] = tuple(
    (chain, step, re.compile(pattern, re.IGNORECASE)) for chain, step, pattern in (
        ("suspect", 0, r"(?:is|was|remains|remained|are|were)\s+(?:still\s+|also\s+|now\s+)?"
                       r"(?:wanted\b|being\s+sought\b|sought\b|at\s+large\b|on\s+the\s+run\b)"),
        ("suspect", 1, r"(?:is|was|were|has\s+been|have\s+been|had\s+been)\s+(?:also\s+|since\s+|now\s+)?"
                       r"(?:arrested|charged|indicted|arraigned|booked|taken\s+into\s+custody|apprehended|detained)\b"
                       r"|(?:turned\s+(?:himself|herself)\s+in|surrendered|pleaded|is\s+in\s+custody|was\s+in\s+custody)\b"),
        ("suspect", 2, r"(?:is|was|were|has\s+been|have\s+been)\s+(?:also\s+)?"
                       r"(?:convicted|sentenced|found\s+guilty)\b"),
        ("victim", 0, r"(?:is|was|remains|remained)\s+(?:still\s+)?in\s+(?:critical|grave)\s+condition\b"),
        ("victim", 1, r"(?:has\s+)?(?:died|succumbed)\b|(?:was|has\s+been)\s+pronounced\s+dead\b"),
    ))

#: (chain, step, pattern before the name, ending right before it).
_BEFORE_NAME: tuple[tuple[str, int, re.Pattern[str]], ...] = tuple(
    (chain, step, re.compile(pattern + r"\s*$", re.IGNORECASE)) for chain, step, pattern in (
        ("suspect", 0, r"\b(?:looking|searching|hunting)\s+for(?:\s+\d{1,3}-year-old)?"),
        ("suspect", 1, r"\b(?:arrested|charged|indicted|apprehended|detained|booked)(?:\s+\d{1,3}-year-old)?"),
    ))

#: What may stand between a name and its verb: an age (", 19,"), other names of a list
#: (", Bo Tam and Cy Ray"), a short apposition (", a Lorn resident,").
_BETWEEN = re.compile(r"(?:\s*,\s*\d{1,3}\s*,?"
                      r"|\s*(?:,|\band\b|,\s*and\b)\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}(?:\s*,\s*\d{1,3}\s*,?)?"
                      r"|\s*,\s*(?:a|an|the)\s[^,.;]{1,60},)*\s*")


@dataclass(frozen=True)
class StatusMention:
    """A person given one step of a chain in one statement."""

    person: str  # the entity key
    chain: str  # suspect or victim
    step: int
    phrase: str  # the words that say the state
    statement: Statement
    article: Article


def status_mentions(article: Article, statements: Sequence[Statement]) -> list[StatusMention]:
    """The states the article's body statements give named persons."""
    out = []
    people = [(e.key, m.start, m.end) for e in article.entities if e.kind == "person" for m in e.mentions]
    for st in statements:
        c = st.citation
        if c.field != "text":
            continue
        for key, start, end in people:
            if not (c.start <= start and end <= c.end):
                continue
            after = article.text[end:c.end]
            gap = _BETWEEN.match(after)
            rest = after[gap.end():] if gap else after
            for chain, step, pattern in _AFTER_NAME:
                m = pattern.match(rest)
                if m:
                    out.append(StatusMention(key, chain, step, m.group(0), st, article))
            before = article.text[c.start:start]
            for chain, step, pattern in _BEFORE_NAME:
                m = pattern.search(before)
                if m:
                    out.append(StatusMention(key, chain, step, m.group(0).strip(), st, article))
    return out


def find_status_updates(articles: Sequence[Article], split: Mapping[str, Sequence[Statement]],
                        ) -> tuple[set[tuple[str, str, int, int]], list[FramingCue]]:
    """(superseded, cues): the statements (article id, field, start, end) that give a
    person a state an article published later moves on, and an ``updated_status`` cue on
    each later statement that does (once per later statement and chain)."""
    mentions = [m for a in articles for m in status_mentions(a, split.get(a.id, ()))]
    superseded: set[tuple[str, str, int, int]] = set()
    cues: dict[tuple[str, str, int, int, str], FramingCue] = {}
    for early in mentions:
        for late in mentions:
            if (late.person != early.person or late.chain != early.chain or late.step <= early.step
                    or late.article.id == early.article.id):
                continue
            hours = hours_between(early.article, late.article)
            if hours is None or hours <= 0:  # not known to be published later
                continue
            c = early.statement.citation
            superseded.add(c.location)
            lc = late.statement.citation
            key = (lc.article_id, lc.field, lc.start, lc.end, late.chain)
            if key not in cues:
                cues[key] = FramingCue(late.article.id, "updated_status", late.phrase, lc,
                                       note=f"updates {early.phrase!r} ({outlet_name(early.article)}, published earlier)")
    ordered = sorted(cues.values(), key=lambda q: (q.article_id, q.citation.start, q.cue))
    return superseded, ordered


def superseded_citation(c: Citation, superseded: set[tuple[str, str, int, int]]) -> bool:
    """Whether the cited statement is one of ``find_status_updates``' superseded ones."""
    return c.location in superseded
