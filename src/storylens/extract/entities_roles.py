"""Role phrases linked to a person only where the text links them.

Two links, both conservative:

* **attached roles** — a title written before the name ("US President Donald Trump",
  "the Norlish opposition leader Ilse Marrow") or a role phrase in
  apposition ("Norland's interim president, Ada Crane," / "Mikaël Bråthen,
  the water authority's chief engineer,"). These become aliases of the person.
* **anaphoric role mentions** — a definite role noun phrase used later as a subject
  ("The US president said ..."). It becomes a mention of a person when (1) exactly
  one person so far carries an attached role with the same head noun whose words
  include the phrase's modifiers ("the governor" after "Governor Renée Duchâtel"), or,
  when no one does, (2) the phrase names an office one person holds at a time
  (president, prime minister, governor, mayor...; no "of"-phrase, no common-noun
  modifier such as "fire chief"), the previous sentence names exactly one person, as
  its subject, the phrase is the subject of its sentence, no person is named before it
  in that sentence, and that person carries no role with the same head and other
  modifiers. A role phrase that contains a place name ("the US president") may overlap
  that place's mention.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from spacy.strings import get_string_id
from spacy.tokens import Doc, Span as SpacySpan, Token

from .entities_names import HONORIFICS, ROLE_NOUNS, fold_word, is_role_word, is_title_word

__all__ = ["UNIQUE_OFFICES", "Role", "attached_roles", "RoleMention", "role_mentions"]

log = logging.getLogger(__name__)

_MODIFIER_POS = {"ADJ", "NOUN", "PROPN"}
_POSSESSIVE = {"'s", "’s", "'", "’"}
_DETERMINERS = {"the", "a", "an"}
_SUBJECT_DEPS = {"nsubj", "nsubjpass"}

#: Offices one person holds at a time: only these link by rule (2).
UNIQUE_OFFICES = frozenset("""
president vice-president president-elect minister premier chancellor governor mayor king queen
pope emperor monarch
""".split())


@dataclass(frozen=True)
class Role:
    """A role phrase as written ("Norland's interim president") and its offsets."""

    text: str
    start: int
    end: int
    head: str  # folded head noun: "president"
    words: frozenset[str]  # folded content words, possessive markers dropped


@dataclass(frozen=True)
class RoleMention:
    """A definite role phrase ("US president" in "The US president said") linked to a person."""

    start: int
    end: int
    text: str
    target: int  # index of the person (as given to role_mentions)
    role: Role


def _role(doc: Doc, first: int, last: int) -> Role | None:
    """The role spanning tokens ``first..last`` (inclusive); its head is the last role word."""
    while first <= last and doc[first].lower_ in _DETERMINERS:
        first += 1
    while last >= first and (doc[last].is_punct or doc[last].lower_ in _POSSESSIVE):
        last -= 1
    if first > last:
        return None
    tokens = doc[first:last + 1]
    heads = [t for t in tokens if is_role_word(t.text)]
    if not heads:
        return None
    words = frozenset(fold_word(t.text) for t in tokens if not t.is_punct and t.lower_ not in _POSSESSIVE)
    if words <= HONORIFICS:
        return None
    return Role(tokens.text, tokens.start_char, tokens.end_char, fold_word(heads[-1].text), words)


def _is_modifier(tok: Token) -> bool:
    """A token that may stand inside a role phrase before its head noun."""
    if tok.is_punct and tok.text != "-":
        return False
    if is_title_word(tok.text) or is_role_word(tok.text) or tok.lower_ in _POSSESSIVE:
        return True
    if tok.pos_ not in _MODIFIER_POS:
        return False
    # lower-case modifiers ("interim", "opposition", "central bank"), or names of places,
    # nationalities and organisations ("US", "Norlish", "Norland's")
    return tok.text[:1].islower() or tok.ent_type_ in ("GPE", "NORP", "ORG", "LOC") or tok.text.isupper()


def _left_edge(doc: Doc, last: int, floor: int) -> int | None:
    """First token of the role phrase whose head is token ``last`` ("US President" before
    "Donald Trump"), or None when ``last`` is no title or role word."""
    if last < floor or not (is_role_word(doc[last].text) or is_title_word(doc[last].text)):
        return None
    first = last
    while first - 1 >= floor:
        prev = doc[first - 1]
        if prev.lower_ in _POSSESSIVE and first - 2 >= floor and doc[first - 2].pos_ in _MODIFIER_POS:
            first -= 2  # "Okafor's deputy", "the water authority's chief engineer"
        elif _is_modifier(prev) and prev.lower_ not in _POSSESSIVE:
            first -= 1
        else:
            break
    return first


def _left_role(doc: Doc, last: int, floor: int) -> Role | None:
    first = _left_edge(doc, last, floor)
    return None if first is None else _role(doc, first, last)


def _name_tokens(doc: Doc, start: int, end: int) -> SpacySpan | None:
    return doc.char_span(start, end, alignment_mode="expand")


def attached_roles(doc: Doc, start: int, end: int) -> list[Role]:
    """Role phrases the text attaches to the name at ``[start, end)``."""
    name = _name_tokens(doc, start, end)
    if name is None or len(name) == 0:
        return []
    sent = name[0].sent
    roles: list[Role] = []
    before = name.start - 1
    after = name.end
    # a title or role right before the name: "US President Donald Trump"
    pre = _left_role(doc, before, sent.start)
    if pre is not None:
        roles.append(pre)
    # apposition before: "Norland's interim president, Ada Crane,"
    elif before - 1 >= sent.start and doc[before].text == ",":
        closes = after >= sent.end or doc[after].text in (",", ".", ";") or name.root.dep_ == "appos"
        role = _left_role(doc, before - 1, sent.start) if closes else None
        head = name.root.head
        if role is None and name.root.dep_ == "appos" and head.i < before and is_role_word(head.text):
            # "The mayor of Port Esk, Juno Okafor,": the role head is further left
            role = _role(doc, max(head.left_edge.i, sent.start), before - 1)
        if role is None and closes:
            role = _of_role(doc, before - 1, sent.start)
        if role is not None:
            roles.append(role)
    # apposition after: "Mikaël Bråthen, the water authority's chief engineer,"
    if after < sent.end and doc[after].text == ",":
        role = _right_role(doc, name, after + 1, sent.end)
        if role is not None:
            roles.append(role)
    return roles


def _of_role(doc: Doc, last: int, floor: int) -> Role | None:
    """"the mayor of Port Esk" ending at token ``last``: a role word, "of", a name."""
    i = last
    while i >= floor and doc[i].ent_type_ in ("GPE", "LOC", "ORG", "FAC"):
        i -= 1
    if i == last:
        return None
    if i >= floor and doc[i].lower_ == "the":
        i -= 1
    if i - 1 < floor or doc[i].lower_ != "of":
        return None
    first = _left_edge(doc, i - 1, floor)
    if first is None or not is_role_word(doc[i - 1].text):
        return None
    return _role(doc, first, last)


def _right_role(doc: Doc, name: SpacySpan, first: int, stop: int) -> Role | None:
    """A role phrase in apposition right after the name's comma."""
    for tok in name.root.children:
        if tok.dep_ == "appos" and tok.i >= first and is_role_word(tok.text):
            left = max(tok.left_edge.i, first)
            right = tok.right_edge.i
            return _role(doc, left, right)
    # the parser missed it: "the" + modifiers + role word, closed by a comma or a stop
    i = first
    if i < stop and doc[i].lower_ in _DETERMINERS:
        i += 1
    j = i
    while j < stop and _is_modifier(doc[j]) and j - i < 8:
        j += 1
    if j > i and j <= stop and is_role_word(doc[j - 1].text):
        closes = j >= stop or doc[j].text in (",", ".", ";")
        if closes:
            return _role(doc, i, j - 1)
    return None


def _np_role(doc: Doc, head: Token) -> Role | None:
    """The role of a definite NP headed by ``head`` ("the US president"), with an
    "of"-phrase folded into its words ("the governor of Ostrava province")."""
    first = head.i
    while first - 1 >= head.sent.start and doc[first - 1].head.i == head.i and _is_modifier(doc[first - 1]):
        first -= 1
    if first == 0 or doc[first - 1].lower_ != "the":
        return None
    role = _role(doc, first, head.i)
    if role is None:
        return None
    extra = [fold_word(t.text) for c in head.children if c.dep_ == "prep" and c.lower_ == "of"
             for t in c.subtree if t.pos_ in ("PROPN", "NOUN") and t.i != head.i]
    if extra:
        role = Role(role.text, role.start, role.end, role.head, role.words | frozenset(extra))
    return role


def _compatible(np_role: Role, held: Role) -> bool:
    return np_role.head == held.head and np_role.words <= held.words


#: The string store's hash of each role noun, as a doc's ``LOWER`` column holds it.
_ROLE_NOUN_IDS = frozenset(get_string_id(word) for word in ROLE_NOUNS)


def role_mentions(doc: Doc, persons: list[tuple[list[tuple[int, int]], list[Role]]],
                  taken: list[tuple[int, int]]) -> list[RoleMention]:
    """Definite role phrases that refer to one of ``persons``.

    ``persons`` gives, per person, its name mentions (offsets) and attached roles;
    ``taken`` holds offsets already covered by any entity. Roles learned through rule (2)
    are added to that person's roles for later phrases.
    """
    held: list[list[Role]] = [list(roles) for _, roles in persons]
    mention_pos = sorted((s, i) for i, (mentions, _) in enumerate(persons) for s, _e in mentions)
    out: list[RoleMention] = []
    covered = sorted(taken)

    def inside(i: int) -> bool:
        return any(a <= i < b for a, b in covered)

    for i, lower in enumerate(doc.to_array("LOWER").tolist()):
        if lower not in _ROLE_NOUN_IDS:
            continue  # only a role noun's token is made (a doc's tokens, made one by one, cost more)
        tok = doc[i]
        if tok.pos_ not in ("NOUN", "PROPN") or inside(tok.idx):
            continue
        if tok.dep_ in ("compound", "appos") or any(c.dep_ in ("appos", "poss") for c in tok.children):
            continue
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if nxt is not None and (nxt.text == "," or inside(nxt.idx)):
            continue  # "the governor, Renee Duchatel" / "President Duchatel": attached, not anaphoric
        role = _np_role(doc, tok)
        if role is None:
            continue
        holders = {i for i, roles in enumerate(held) if any(_compatible(role, r) and r.start < role.start for r in roles)}
        target: int | None = None
        if len(holders) == 1:
            target = holders.pop()
        elif not holders and tok.dep_ in _SUBJECT_DEPS and _names_one_office(tok):
            target = _previous_sentence_person(doc, tok, mention_pos, role, held)
        if target is None:
            continue
        held[target].append(role)
        out.append(RoleMention(role.start, role.end, role.text, target, role))
        log.debug("role phrase %r at %d linked to person %d", role.text, role.start, target)
    return out


def _names_one_office(head: Token) -> bool:
    """A phrase for rule (2): an office held by one person at a time ("the US president",
    "the prime minister"), with no "of"-phrase and no common-noun modifier, which would
    make it a new referent ("the commander of the 5th Fleet", "the fire chief", "the officer")."""
    if fold_word(head.text) not in UNIQUE_OFFICES:
        return False
    for child in head.children:
        if child.dep_ == "prep" or (child.pos_ == "NOUN" and child.i < head.i and child.lower_ != "prime"):
            return False
    return True


def _is_subject(doc: Doc, start: int) -> bool:
    tok = doc.char_span(start, start + 1, alignment_mode="expand")
    if tok is None:
        return False
    t = tok[0]
    while t.dep_ == "compound" and t.head.i != t.i:
        t = t.head
    return t.dep_ in _SUBJECT_DEPS


def _previous_sentence_person(doc: Doc, tok: Token, mention_pos: list[tuple[int, int]], role: Role,
                              held: list[list[Role]]) -> int | None:
    sent = tok.sent
    if sent.start == 0:
        return None
    prev = doc[sent.start - 1].sent
    in_prev = {i for s, i in mention_pos if prev.start_char <= s < prev.end_char}
    before = {i for s, i in mention_pos if sent.start_char <= s < role.start}
    if len(in_prev) != 1 or before:
        return None
    target = next(iter(in_prev))
    subjects = [s for s, i in mention_pos if i == target and prev.start_char <= s < prev.end_char
                and _is_subject(doc, s)]
    if not subjects:
        return None  # "Ilse Marwick met Jonas Pellar. The prime minister said": not Pellar
    if any(r.head == role.head and not _compatible(role, r) for r in held[target]):
        return None
    return target
