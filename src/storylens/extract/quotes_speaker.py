"""Speakers of quotes: the subject of a cue verb, its span, and the entity it resolves to."""

from __future__ import annotations

import logging
import re

from spacy.tokens import Doc, Token

from ..model import Entity
from .quotes_lexicon import PERSON_PRONOUNS, PLURAL_PRONOUNS, POSSESSIVE_PRONOUNS, RELATIVE_PRONOUNS
from .nlp import text_of
from .settings import current as _settings

__all__ = ["subject_of", "speaker_span", "resolve_speaker", "MentionIndex"]

log = logging.getLogger(__name__)

_SUBJECT_DEPS = ("nsubj", "csubj")
_TRIM = ".,;:!?\u2014\u2013-\"'\u201c\u201d\u2018\u2019() \n\t"
_MALE = re.compile(r"\b(Mr|Sir|Lord|King|Prince)\.?\s*$")
_FEMALE = re.compile(r"\b(Ms|Mrs|Miss|Madam|Dame|Lady|Queen|Princess)\.?\s*$")


def subject_of(verb: Token) -> Token | None:
    """The grammatical subject of ``verb``, inherited through coordination and participles
    ("Smith said X and added Y", "Smith left, saying Y")."""
    seen = 0
    tok = verb
    while seen < 4:
        seen += 1
        for child in tok.children:
            if child.dep_ in _SUBJECT_DEPS:
                return child
        if tok.dep_ in ("conj", "xcomp") or (tok.dep_ == "advcl" and tok.tag_ == "VBG"):
            tok = tok.head
            continue
        return None
    return None


def speaker_span(subject: Token, blocked: list[tuple[int, int]]) -> tuple[int, int]:
    """Character span of the subject phrase (its subtree), trimmed of edge punctuation and
    kept clear of ``blocked`` spans (quoted content)."""
    doc = subject.doc
    start = subject.left_edge.idx
    end = subject.right_edge.idx + len(subject.right_edge.text)
    for b_start, b_end in blocked:
        if b_start < end and start < b_end:  # the parse swallowed quoted text: head noun phrase only
            start, end = _head_phrase(subject)
            break
    text = text_of(doc)
    head = subject.idx
    cut = text.rfind("\n", start, head)  # never across a paragraph break
    if cut >= 0:
        start = cut + 1
    cut = text.find("\n", head, end)
    if cut >= 0:
        end = cut
    while start < end and (text[start] in _TRIM or text[start].isspace()):
        start += 1
    while end > start and (text[end - 1] in _TRIM or text[end - 1].isspace()):
        if text[end - 1] == ")" and text.count("(", start, end) >= text.count(")", start, end):
            break
        end -= 1
    return start, end


def _head_phrase(tok: Token) -> tuple[int, int]:
    left = tok
    for child in tok.lefts:
        if child.dep_ in ("compound", "det", "amod", "poss", "nmod", "case"):
            left = child.left_edge if child.left_edge.i < left.i else left
    return left.idx, tok.idx + len(tok.text)


class MentionIndex:
    """Entity mentions sorted by position, for overlap and nearest-preceding look-ups."""

    def __init__(self, entities: list[Entity]) -> None:
        self.mentions: list[tuple[int, int, Entity]] = sorted(
            ((m.start, m.end, e) for e in entities for m in e.mentions), key=lambda x: (x[0], x[1]))

    def overlapping(self, start: int, end: int, head: tuple[int, int] | None = None) -> Entity | None:
        hits = [(s, e, ent) for s, e, ent in self.mentions if s < end and start < e]
        if not hits:
            return None
        if head is not None:
            for s, e, ent in hits:
                if s < head[1] and head[0] < e:
                    return ent
        # "Venezuela's interim president, Delcy Rodriguez, who served under Maduro": the
        # first person or organisation named, not a place or a later name in a clause.
        for _s, _e, ent in hits:
            if ent.kind in ("person", "org"):
                return ent
        return hits[-1][2]

    def preceding(self, before: int, kinds: tuple[str, ...], text: str, gender: str | None,
                  subjects: set[int]) -> Entity | None:
        """The nearest mention before ``before`` of an entity of one of ``kinds``; mentions
        that are sentence subjects (``subjects`` holds their start offsets) win over others
        within the same window."""
        fallback: Entity | None = None
        for s, _e, ent in reversed(self.mentions):
            if s >= before or ent.kind not in kinds:
                continue
            if gender is not None and not self.gender_ok(ent, text, gender):
                continue
            if s in subjects:
                return ent
            if fallback is None:
                fallback = ent
            if before - s > _settings().speaker_lookback_chars:
                break
        return fallback


    def gender_ok(self, entity: Entity, text: str, gender: str) -> bool:
        """False when a title before any mention of ``entity`` ("Mr.", "Ms.") says otherwise."""
        for mention in entity.mentions:
            prefix = text[max(0, mention.start - 12):mention.start]
            if gender == "m" and _FEMALE.search(prefix) or gender == "f" and _MALE.search(prefix):
                return False
        return True


def resolve_speaker(doc: Doc, subject: Token, start: int, end: int, index: MentionIndex,
                    subjects: set[int], previous: tuple[int, Entity] | None = None) -> str | None:
    """Key of the entity the speaker names: the mention overlapping the speaker (its head
    first); for a relative pronoun the noun it modifies; for he/she the previous quote's
    speaker when it is close (news writing keeps a pronoun on the current speaker), else
    the nearest preceding compatible person; for they/we the nearest organisation."""
    lower = subject.lower_
    if lower in RELATIVE_PRONOUNS and subject.head.dep_ == "relcl":
        antecedent = subject.head.head
        ent = index.overlapping(antecedent.left_edge.idx, antecedent.idx + len(antecedent.text),
                                (antecedent.idx, antecedent.idx + len(antecedent.text)))
        return ent.key if ent else None
    if lower in PERSON_PRONOUNS | POSSESSIVE_PRONOUNS and lower != "i":
        gender = "m" if lower in ("he", "his") else "f"
        if previous is not None and 0 <= start - previous[0] <= _settings().speaker_continuity_chars \
                and previous[1].kind == "person" and index.gender_ok(previous[1], text_of(doc), gender):
            return previous[1].key
        ent = index.preceding(start, ("person",), text_of(doc), gender, subjects)
        return ent.key if ent else None
    if lower in PLURAL_PRONOUNS:
        ent = index.preceding(start, ("org",), text_of(doc), None, subjects)
        return ent.key if ent else None
    head = (subject.idx, subject.idx + len(subject.text))
    ent = index.overlapping(start, end, head)
    return ent.key if ent else None
