"""Speakers of quotes: the subject of a cue verb, its span, and the entity it resolves to."""

from __future__ import annotations

import logging
import re
from typing import NamedTuple

from spacy.tokens import Doc, Token

from ..model import Entity
from .quotes_lexicon import (
    FEMALE_NOUNS,
    MALE_NOUNS,
    PERSON_PRONOUNS,
    PLURAL_PRONOUNS,
    POSSESSIVE_PRONOUNS,
    RELATIVE_PRONOUNS,
)
from .entities_names import is_role_word
from .nlp import text_of
from .settings import current as _settings

__all__ = ["subject_of", "speaker_span", "resolve_speaker", "MentionIndex", "PreviousSpeaker", "previous_speaker"]

log = logging.getLogger(__name__)

_SUBJECT_DEPS = ("nsubj", "csubj")
_TRIM = ".,;:!?\u2014\u2013-\"'\u201c\u201d\u2018\u2019() \n\t"
_MALE = re.compile(r"\b(Mr|Sir|Lord|King|Prince)\.?\s*$")
_FEMALE = re.compile(r"\b(Ms|Mrs|Miss|Madam|Dame|Lady|Queen|Princess)\.?\s*$")
_LAST_WORD = re.compile(r"([A-Za-z]+) +$")
_WORD = re.compile(r"[A-Za-z]+")
#: A role phrase up to its head noun: "tea party congressman" of "tea party congressman
#: and only child of a single mother", "the boy's mother" of "the boy's mother, who".
_ROLE_HEAD = re.compile(r"(?:(?!\b(?:of|and|or|who|whose|with|for|at|in)\b)[^,;(\u2014\u2013])*", re.IGNORECASE)
_POSSESSOR = re.compile(r"['\u2019]s\b")
#: From a possessor to its noun: "'s", "'s older ", "' ".
_POSSESSED = re.compile(r"['\u2019]s?\s+(?:[\w-]+\s+){0,2}")
#: Between a role noun and the name in apposition to it: a comma (and an age), after what
#: the role is of or for ("a spokesman, Eric Schultz"; "a spokesman for the Police
#: Department, Jane Roe"; "his grandmother, 43-year-old Ada Crane"), no clause; or a space
#: right after the noun ("her cousin Ida Berg"; not "a lawyer for Mr. Grimm").
_TO_APPOSITION = re.compile(r"(?:\s+(?:of|for|at|with|to|in|from)\s+[^,;:()\u2014\u2013]*?)?\s*,\s*(?:\d{1,3}-year-old\s+)?"
                            r"|\s+", re.IGNORECASE)
_CLAUSE_WORD = re.compile(r"\b(?:who|whom|whose|which|that)\b", re.IGNORECASE)
#: Nouns of kin and other ties that, like a role, are someone's ("Ann Roe's father, Tom
#: Roe"; "the victim's neighbour, Ida Berg"): the person named after them speaks.
_TIE_NOUNS = (FEMALE_NOUNS | MALE_NOUNS | frozenset(
    "parent parents child sibling cousin friend neighbor neighbour relative partner spouse roommate classmate "
    "coworker co-worker colleague teammate stepfather stepmother stepson stepdaughter godmother godfather "
    "fiancé fiancée".split()))


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
        # "Norland's interim president, Ada Crane, who served under Vance": the
        # first person or organisation named, not a place or a later name in a clause.
        for _s, _e, ent in hits:
            if ent.kind in ("person", "org"):
                return ent
        return hits[-1][2]

    def preceding(self, before: int, kinds: tuple[str, ...], text: str, gender: str | None,
                  subjects: set[int]) -> Entity | None:
        """The nearest mention before ``before`` of an entity of one of ``kinds``; mentions
        that are sentence subjects (``subjects`` holds their start offsets) win over others
        within the same window, except that a subject of unknown gender does not win over a
        nearer mention of a person known to be of ``gender`` ("Draft talking points
        depicted efforts by spokeswoman Ann Roe ... she argued": Roe)."""
        fallback: Entity | None = None
        agreeing: Entity | None = None
        for s, e, ent in reversed(self.mentions):
            if s >= before or ent.kind not in kinds:
                continue
            known = self.genders(ent, text) if gender is not None else set()
            if gender is not None and (known - {gender}):
                continue
            if s in subjects:
                return agreeing if agreeing is not None and not known else ent
            if fallback is None:
                fallback = ent
            if agreeing is None and known and not _POSSESSOR.match(text, e):
                agreeing = ent  # not a possessor ("Ann Roe's father, Tom Roe, said ... he")
            if before - s > _settings().speaker_lookback_chars:
                break
        return fallback

    def other_subject(self, lo: int, hi: int, entity: Entity | None, subjects: set[int]) -> bool:
        """Whether another person than ``entity`` (any, for None) is one of ``subjects``
        between ``lo`` and ``hi`` ("But Justice Antonin Scalia was unconvinced."): the
        story has turned to them."""
        return any(lo < s < hi and s in subjects and ent.kind == "person" and (entity is None or ent.key != entity.key)
                   for s, _e, ent in self.mentions)

    def genders(self, entity: Entity, text: str) -> set[str]:
        """What the text says of ``entity``'s gender: ``m`` or ``f`` from a title or a
        gendered role noun before a mention ("Mr.", "spokeswoman Ann Roe") or in one of
        its roles ("the boy's mother"); both when they disagree, none when it says nothing."""
        out: set[str] = set()
        for mention in entity.mentions:
            prefix = text[max(0, mention.start - 16):mention.start]
            if _FEMALE.search(prefix[-12:]):
                out.add("f")
            if _MALE.search(prefix[-12:]):
                out.add("m")
            last = _LAST_WORD.search(prefix)
            out |= _noun_genders([last.group(1)] if last else [])
        for alias in entity.aliases:
            head = _ROLE_HEAD.match(alias)
            out |= _noun_genders(_WORD.findall(head.group(0))[-1:] if head else [])
        return out

    def gender_ok(self, entity: Entity, text: str, gender: str) -> bool:
        """False when the text says ``entity`` is of the other gender (see :meth:`genders`)."""
        return not (self.genders(entity, text) - {gender})


def _noun_genders(words: list[str]) -> set[str]:
    lowered = {w.lower() for w in words}
    return ({"f"} if lowered & FEMALE_NOUNS else set()) | ({"m"} if lowered & MALE_NOUNS else set())


def _role_or_tie(noun: Token) -> bool:
    """Whether a noun says who a person is to others: a role ("lawyer", "governor") or a
    tie (``_TIE_NOUNS``: "mother", "neighbour")."""
    return is_role_word(noun.text) or noun.lower_ in _TIE_NOUNS


class PreviousSpeaker(NamedTuple):
    """The speaker of the quote before: where the speaker's words start, the entity (None:
    a person described, not named: "Ann Roe's mother"), and the genders its noun gives
    ("mother": f)."""

    start: int
    entity: Entity | None
    genders: frozenset[str] = frozenset()


def previous_speaker(subject: Token, start: int, entity: Entity | None) -> PreviousSpeaker | None:
    """The speaker a following "he" or "she" may continue: a named one, or a person a role
    or a tie brings in without a name ("the victim's mother said", "a spokesman said");
    None for any other (an unresolved pronoun, a group, "the congressman": someone named
    before, whom the text did not link)."""
    if entity is not None:
        return PreviousSpeaker(start, entity)
    introduced = any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in ("a", "an")) for c in subject.children)
    if introduced and _role_or_tie(subject):
        return PreviousSpeaker(start, None, frozenset(_noun_genders([subject.text])))
    return None


def resolve_speaker(doc: Doc, subject: Token, start: int, end: int, index: MentionIndex,
                    subjects: set[int], previous: PreviousSpeaker | None = None,
                    turned_to: set[int] | None = None) -> str | None:
    """Key of the entity the speaker names: the person named in apposition to a role or a
    tie noun that is the speaker ("said Varga's lawyer, Tomas Reule": the lawyer, not the
    client; "Ann Roe's father, Tom Roe, said": the father), else the mention overlapping
    the speaker (its head first), but never a place for a role ("the Texas governor" is not
    Texas: None) nor the person whose kin or role it is ("Smith's lawyer said": None; an
    organisation's spokesman speaks for it); for a relative pronoun the noun it modifies; for he/she the previous
    quote's speaker when it is close (news writing keeps a pronoun on the current speaker)
    and no other person became the subject of a sentence's main verb since (``turned_to``:
    their mentions' start offsets, outside quotations), None when that speaker is a person
    brought in without a name ("Ann Roe's mother said ... she said": the mother, not Ann
    Roe), else the nearest preceding compatible person; for they/we the nearest
    organisation."""
    lower = subject.lower_
    if lower in RELATIVE_PRONOUNS and subject.head.dep_ == "relcl":
        antecedent = subject.head.head
        ent = index.overlapping(antecedent.left_edge.idx, antecedent.idx + len(antecedent.text),
                                (antecedent.idx, antecedent.idx + len(antecedent.text)))
        return ent.key if ent else None
    if lower in PERSON_PRONOUNS | POSSESSIVE_PRONOUNS and lower != "i":
        gender = "m" if lower in ("he", "his") else "f"
        if previous is not None and 0 <= start - previous.start <= _settings().speaker_continuity_chars \
                and not index.other_subject(previous.start, start, previous.entity, turned_to or set()):
            if previous.entity is None and not previous.genders - {gender}:
                return None  # "Ann Roe's mother said ... she said": the mother, still not named
            if previous.entity is not None and previous.entity.kind == "person" \
                    and index.gender_ok(previous.entity, text_of(doc), gender):
                return previous.entity.key
        ent = index.preceding(start, ("person",), text_of(doc), gender, subjects)
        return ent.key if ent else None
    if lower in PLURAL_PRONOUNS:
        ent = index.preceding(start, ("org",), text_of(doc), None, subjects)
        return ent.key if ent else None
    head = (subject.idx, subject.idx + len(subject.text))
    role = is_role_word(subject.text)
    tie = _role_or_tie(subject)
    named = _named_in_apposition(text_of(doc), subject, end, index) if tie else None
    ent = named or index.overlapping(start, end, head)
    if ent is not None and role and ent.kind == "place":
        return None  # "the Texas governor said": a person the text does not name here, not Texas
    if ent is not None and named is None and tie and (ent.kind == "person" or not role) \
            and _possessor_of(text_of(doc), ent, subject, index):
        return None  # "Dario Velt's mother said", "Smith's lawyer said": not Velt, not Smith
    return ent.key if ent else None


def _possessor_of(text: str, ent: Entity, noun: Token, index: MentionIndex) -> bool:
    """Whether a mention of ``ent`` is the possessor of ``noun`` ("Dario Velt's mother",
    "Velt’s older sister")."""
    return any(other.key == ent.key and e <= noun.idx and _POSSESSED.fullmatch(text, e, noun.idx)
               for _s, e, other in index.mentions)


def _named_in_apposition(text: str, role: Token, end: int, index: MentionIndex) -> Entity | None:
    """The person named in apposition to a role (or tie) noun that is the speaker ("said a White
    House spokesman, Eric Schultz": Schultz, not the White House the role is of; "a
    spokesman for the Harbor Authority, Jane Roe"), within the speaker's span (up to
    ``end``); None when the role word is part of a name or no person follows it so."""
    role_end = role.idx + len(role.text)
    for s, e, ent in index.mentions:
        if s < role_end and role.idx < e:
            return None  # the role word is part of a name
        if e <= role_end:
            continue
        if e > end:
            break
        between = text[role_end:s]
        if _CLAUSE_WORD.search(between) or between.count(",") > 1:
            break
        if ent.kind == "person" and _TO_APPOSITION.fullmatch(between):
            return ent
    return None
