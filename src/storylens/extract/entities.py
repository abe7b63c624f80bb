"""People, organisations and places in one article, each with a cross-article key.

``extract_entities(doc)`` reads the spaCy NER of the one shared pass
(``storylens.extract.nlp.load_nlp()``) and returns one :class:`~storylens.model.Entity`
per referent in the article:

* kinds: PERSON -> ``person``; ORG -> ``org``; GPE, LOC, FAC -> ``place``. NORP is a
  nationality, religion or political group: only a party or group *name* ("Democrats",
  "Tavrin People's Party") is kept, as an ``org``; "Venezuelan", "Spanish" are dropped.
* names: a leading "the", titles and honorifics ("US President", "Governor", "Mr",
  "Prime Minister") and a trailing possessive are taken off the mention span, so a
  mention's offsets cover the name only; an ORG that is only a title ("President") is dropped.
* NER labels are corrected with evidence from the same article: a span written the way a
  person's name is written elsewhere in the article ("Trump" tagged ORG after "Donald
  Trump" tagged PERSON, "Machado" tagged GPE) is a person; so is an ORG span after a
  personal title ("President Varga") or in apposition with a role ("Colombia's president,
  Gustavo Petro"); a one-word PERSON name written the way only a town is ("20, of
  Chattanooga", "Stockton police", "Gary, Ind.") or only after prepositions of place
  ("crowds in Bogotá"), none of whose mentions acts as a person (a subject, a name with a
  role), is a place, every mention of it. Two to four capitalised words set off before an
  age ("Amanda Martinez, 20, of Luray Street" tagged ORG) are a person; so are two or
  three proper nouns the recogniser missed there ("Halvor Engstrand, 71, a retired ferry
  mechanic"). A PERSON span ending in an institution's word ("Stroger Hospital", "Aurora
  Police") is an organisation; one that is a group or a bare role ("Officers", "Marion
  County Sheriff") or holds a headline's verb ("Girl Shot", "Teens Killed") is dropped.
* grouping: within the article a shorter form of a name ("Trump", "Duchâtel") joins the
  one full name that contains it; when two full names share it ("Nicolás Maduro", "Cilia
  Maduro") it stays apart (key ``person:maduro``), and so it does when a given name joined
  to the full name shows two people share the surname ("Malia and Sasha Obama"). Untagged
  tokens that spell a known person's surname are added as mentions.
* keys: :func:`entity_key` of the longest full form. A surname-only article gets
  ``person:<surname>``; linking it to a full name in another article is the compare
  stage's job (it can match a key's last word).
* roles: see :mod:`storylens.extract.entities_roles` (apposition and titles become
  aliases; a definite role phrase such as "the US president" becomes a mention only
  where the text links it).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from ..model import Entity, Span
from ..text import is_us_state, narrow
from .entities_names import (
    LABEL_KINDS, ORG_HEADS, STREET_DESIGNATORS, STRONG_TITLES, entity_key, fold, fold_word, place_name,
    is_role_word, name_bounds,
)
from .entities_roles import Role, attached_roles, role_mentions
from .nlp import ents_of, text_of

__all__ = ["entity_key", "extract_entities"]

log = logging.getLogger(__name__)

_NORP_ORG_NAMES = frozenset({"democrats", "republicans", "tories", "labour", "conservatives", "liberals"})
_LOCATIVE = frozenset({"in", "across", "throughout", "near"})
_STREET_CONTEXT = frozenset({"on", "at", "of", "near", "along", "off", "onto", "from", "to", "down", "up", "across",
                             "between", "and", "in"})
#: Hyphen-joined lower-case syllables after a name's last word: the rest of a given name
#: ("Jae-in", "Jong-un", "Geun-hye"), or an English compound's tail (below).
_HYPHENED_TAIL = re.compile(r"(?:-[a-z]{1,4})+(?![\w-])")
#: Tails that make an English compound of a name ("Bush-era", "Obama-like"); a tail in
#: "-ed" too ("Trump-led", "Kim-owned" is longer than four letters anyway).
_COMPOUND_TAILS = frozenset("era like born run type free made ish ite ian wide less only".split())


@dataclass
class _Mention:
    start: int
    end: int
    text: str
    words: tuple[str, ...]
    kind: str
    label: str
    evidence: bool = False  # a sign of a person besides the NER label
    acronym: str | None = None


@dataclass
class _Group:
    kind: str
    mentions: list[_Mention] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    extra: list[tuple[int, int, str]] = field(default_factory=list)  # role mentions, surname back-fill

    @property
    def first(self) -> int:
        return min([m.start for m in self.mentions] + [s for s, _e, _t in self.extra])

    def best(self) -> _Mention:
        return max(self.mentions, key=lambda m: (len(m.words), len(m.text), -m.start))


#: The last word of an institution's name, never of a person's ("John H. Stroger Jr.
#: Hospital", "Aurora Police", "Crime Stoppers", "Broward Sheriff's Office").
_INSTITUTION_LAST_WORDS = frozenset("""
hospital hospitals clinic school schools academy university college department dept ministry office agency
police prison jail detention center centre stoppers scouts lounge nightclub rescue ambulance fire county
township committee commission association corporation company foundation institute council coalition
organization organisation hotel motel suites restaurant grill cafe mall apartments
""".split())
#: Of those, the last words of an area's name: a place, as the recogniser's GPE "Harris County" is.
_AREA_LAST_WORDS = frozenset({"county", "township"})
#: Last words of a span that names no one person: a group ("Officers", "N. Deputies") or a
#: role with no name after it ("Marion County Sheriff", "Roy Police Lt").
_GROUPS_AND_BARE_ROLES = frozenset("""
officers deputies detectives investigators witnesses people residents neighbors neighbours authorities officials
troopers firefighters paramedics victims relatives
sheriff lt sgt cmdr spokesperson spokesman spokeswoman officer coroner principal ranger detective trooper
investigator
""".split())
#: A headline's verbs and crimes, no word of a name: "Girl Shot", "Teens Killed", "Baby
#: Struck", "Attempted Murder" tagged PERSON.
_HEADLINE_VERBS = frozenset("""
shot killed slain slashed stabbed wounded injured dies died recovers recovering arrested charged shooting
shootings killing murder murdered manslaughter gunned kills struck
""".split())


def _norp_is_org(text: str) -> bool:
    words = fold(text).split()
    return bool(words) and (words[-1] in ORG_HEADS or " ".join(words) in _NORP_ORG_NAMES)


def _looks_like_name(words: list[str]) -> bool:
    """Capitalised words with no organisation head ("Gustavo Petro", not "Justice Department")."""
    return bool(words) and all(w[:1].isupper() for w in words) and not any(fold_word(w) in ORG_HEADS for w in words)


def _names_a_street(words: list[str], prev: Token | None) -> bool:
    """A name ending in a street designator is a street: always for a short form
    ("Dwight St.", "Kerr Ave"), which no surname is; for a long form, which can be one
    ("Jack Street"), when a preposition of place or a house number comes before it
    ("on Dwight Street", "1200 Elm Road")."""
    if len(words) < 2:
        return False
    last = fold_word(words[-1])
    if last not in STREET_DESIGNATORS:
        return False
    if STREET_DESIGNATORS[last] != last:
        return True
    return prev is not None and (prev.lower_ in _STREET_CONTEXT or prev.like_num)


#: An age set off by commas right after a name ("Halvor Engstrand, 71, a retired ferry
#: mechanic", "Amanda Martinez, 20, of Luray Street", "Ann Roe, 20, and Ben Roe, 22"):
#: only a person's.
_AGE_AFTER = re.compile(r",[ \t]*\d{1,2}(?=[ \t]*[,)]|[ \t]+and\b)")
#: Two or three capitalised words before such an age.
_NAME_BEFORE_AN_AGE = re.compile(rf"(?<![\w’'.-])[A-Z][\w’'-]+(?:[ \t][A-Z][\w’'-]+){{1,2}}(?={_AGE_AFTER.pattern})")


def _names_before_an_age(doc: Doc, mentions: list[_Mention]) -> list[_Mention]:
    """People the recogniser left out, named before their age ("Halvor Engstrand, 71, a
    retired ferry mechanic, said"): two or three words, each a proper noun to the tagger,
    not an organisation's name nor ending in a street's designator, that no recognised
    name overlaps."""
    text = text_of(doc)
    taken = [(m.start, m.end) for m in mentions]
    out = []
    for match in _NAME_BEFORE_AN_AGE.finditer(text):
        start, end = match.span()
        if any(s < end and start < e for s, e in taken):
            continue
        span = doc.char_span(start, end)
        words = match.group().split()
        if span is None or not all(tok.pos_ == "PROPN" for tok in span) or not _looks_like_name(words) \
                or fold_word(words[-1]) in STREET_DESIGNATORS:
            continue
        bounds = name_bounds(match.group(), "person")
        if bounds is None:
            continue
        start, end = start + bounds[0], start + bounds[1]
        out.append(_Mention(start, end, text[start:end], tuple(fold(text[start:end]).split()), "person", "PERSON", True))
    return out


def _candidate(doc: Doc, ent: SpacySpan) -> _Mention | None:
    label = ent.label_
    if label == "NORP":
        if not _norp_is_org(ent.text):
            return None
        kind = "org"
    elif label in LABEL_KINDS:
        kind = LABEL_KINDS[label]
    else:
        return None
    evidence = False
    words = ent.text.split()
    prev = doc[ent.start - 1] if ent.start > 0 else None
    if kind != "place" and _names_a_street(words, prev):
        kind = "place"  # "on Dwight St." tagged PERSON, "of Kerr Ave" tagged ORG
    if kind != "person" and len(words) > 1 and fold_word(words[0]) in STRONG_TITLES and _looks_like_name(words[1:]):
        kind, evidence = "person", True  # ORG "President Varga"
    if kind != "person" and prev is not None and fold_word(prev.text) in STRONG_TITLES and _looks_like_name(words):
        kind, evidence = "person", True  # "Mr" + ORG "Halvorsen"
    if not any(ch.isupper() for ch in ent.text):
        log.debug("dropped %s span %r: no capital letter", label, ent.text)
        return None  # "html", "palin" in a URL
    if kind != "person" and 2 <= len(words) <= 4 and _looks_like_name(words) \
            and fold_word(words[-1]) not in STREET_DESIGNATORS and _AGE_AFTER.match(text_of(doc), ent.end_char):
        kind, evidence = "person", True  # "Amanda Martinez, 20, of Luray Street" tagged ORG
    bounds = name_bounds(ent.text, kind)
    if bounds is None:
        log.debug("dropped %s span %r: only a title", label, ent.text)
        return None
    start, end = ent.start_char + bounds[0], ent.start_char + bounds[1]
    if kind == "person":
        end = _through_given_name(text_of(doc), end)
    text = text_of(doc)[start:end]
    if kind == "person":
        words = text.split()
        last = fold_word(narrow(words[-1]))
        if last in _GROUPS_AND_BARE_ROLES or any(fold_word(w) in _HEADLINE_VERBS for w in words) \
                or (len(words) == 1 and last in _INSTITUTION_LAST_WORDS):
            log.debug("dropped %s span %r: names no one person", label, ent.text)
            return None  # "Officers", "Marion County Sheriff", "Girl Shot", "Schools"
        if last in _INSTITUTION_LAST_WORDS:  # "John H. Stroger Jr. Hospital", "Aurora Police" tagged PERSON
            kind = "place" if last in _AREA_LAST_WORDS else "org"  # "Monroe County" is a place, as elsewhere
    acronym = None
    if kind == "org" and "(" in ent.text:
        inner = ent.text[ent.text.index("(") + 1:].strip(" )")
        acronym = inner if inner.isupper() and inner.isalpha() else None
    if kind == "org" and label == "ORG" and _looks_like_name(text.split()) and _appositive_role(doc, ent):
        kind, evidence = "person", True  # "Colombia's president, Gustavo Petro," tagged ORG
    folded = tuple(fold(text).split())
    if kind == "place":
        folded = tuple(place_name(" ".join(folded)).split())
    return _Mention(start, end, text, folded, kind, label, evidence, acronym)


def _through_given_name(text: str, end: int) -> int:
    """The end of a person's name the recogniser cut at a hyphen inside a given name
    ("Moon Jae" of "Moon Jae-in", "Kim Yo" of "Kim Yo-jong"): the name goes on through
    hyphen-joined lower-case syllables of up to four letters that end the word, unless
    one of them makes an English compound of the name ("Bush-era", "Trump-led"). A span
    that ends on the hyphen ("Seo Ha-") ends before it when nothing follows."""
    if end > 0 and text[end - 1] == "-":
        end -= 1
    tail = _HYPHENED_TAIL.match(text, end)
    if tail is None:
        return end
    syllables = tail.group().split("-")[1:]
    if any(s in _COMPOUND_TAILS or s.endswith("ed") for s in syllables):
        return end
    return tail.end()


def _appositive_role(doc: Doc, ent: SpacySpan) -> bool:
    root = ent.root
    if root.dep_ == "appos" and is_role_word(root.head.text) and root.head.i < ent.start:
        return True
    return any(c.dep_ == "appos" and is_role_word(c.text) for c in root.children)


def _is_short_form(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """"trump" of "donald trump", "ferreiro" of "tomas ferreiro-nadal", "donald trump" of
    "donald j trump": the same last word (or a part of a hyphenated one) and the words in order."""
    if len(short) >= len(full) or not short:
        return False
    if short[-1] != full[-1]:
        return len(short) == 1 and short[0] in full[-1].split("-")
    it = iter(full)
    return all(word in it for word in short)


def _resolve_kinds(mentions: list[_Mention], doc: Doc) -> None:
    _towns_tagged_as_people(mentions, doc)
    person_forms = {m.words for m in mentions if m.kind == "person"}
    for m in mentions:
        if m.kind == "person":
            continue
        if m.words in person_forms or any(_is_short_form(m.words, p) for p in person_forms):
            m.kind = "person"  # "Trump" tagged ORG, "Machado" tagged GPE
        elif (m.label == "ORG" and 1 < len(m.words) <= 3 and _looks_like_name(m.text.split())
              and any(len(p) == 1 and p[0] == m.words[-1] for p in person_forms)):
            m.kind = "person"  # "Gustavo Petro" tagged ORG, "Petro" tagged PERSON
    log.debug("kinds resolved for %d mentions", len(mentions))


def _towns_tagged_as_people(mentions: list[_Mention], doc: Doc) -> None:
    """A one-word name tagged PERSON, not part of a person's full name, is a place when
    none of its mentions tagged PERSON acts as a person (:func:`_person_sign`) and either
    one of its mentions (tagged a person or a place) is written the way only a town is
    (:func:`_town_sign`) or every mention tagged PERSON comes after a preposition of
    place. The name changes as a whole: "I believe in Ezren and pray for Ezren" keeps
    both mentions one person."""
    full_forms = {m.words for m in mentions if m.kind == "person" and len(m.words) > 1}
    forms = {m.words for m in mentions
             if m.kind == "person" and not m.evidence and len(m.words) == 1 and m.label == "PERSON"}
    forms = {f for f in forms if not any(_is_short_form(f, full) for full in full_forms)}
    by_form: dict[tuple[str, ...], list[tuple[_Mention, SpacySpan]]] = {}
    for m in mentions:
        if m.words in forms and m.kind in ("person", "place"):
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None:
                by_form.setdefault(m.words, []).append((m, span))
    for group in by_form.values():
        people = [(m, s) for m, s in group if m.kind == "person"]
        if any(_person_sign(doc, s) for _m, s in people):
            continue
        if all(_after_preposition_of_place(s) for _m, s in people) or any(_town_sign(doc, s) for _m, s in group):
            for m, _s in people:
                m.kind, m.words = "place", tuple(place_name(" ".join(m.words)).split())


#: Words a town's name modifies and a person's name does not ("Stockton police", "a
#: Greenfield resident", "the Austin neighborhood", "two Gary men", "a Traer girl"; not
#: "the Obama girls", a family's).
_PLACE_MODIFIED = frozenset({"police", "detectives", "officers", "deputies", "firefighters", "resident", "residents",
                             "native", "neighborhood", "neighbourhood", "township", "area", "man", "men", "woman",
                             "women", "girl", "boy", "teen", "teenager"})


def _after_preposition_of_place(span: SpacySpan) -> bool:
    """"crowds in Bogotá"."""
    return span.root.dep_ == "pobj" and span.root.head.lower_ in _LOCATIVE


def _town_sign(doc: Doc, span: SpacySpan) -> bool:
    """Whether one mention is written the way only a town is: a hometown after an age
    ("Talitha Bowman, 20, of Chattanooga"), before a word only a place takes ("Chattanooga
    police", "a Gary woman"), or before its US state ("Gary, Ind.", "Madison, Wisconsin")."""
    before, after = span.start, span.end
    if span.root.dep_ == "pobj" and before >= 2 and doc[before - 1].lower_ == "of" and (
            doc[before - 2].like_num or (before >= 3 and doc[before - 2].text == "," and doc[before - 3].text[-1].isdigit())):
        return True
    if after < len(doc) and doc[after].lower_ in _PLACE_MODIFIED:
        return True
    if after + 1 >= len(doc) or doc[after].text != ",":
        return False
    state = after + 1
    while state + 1 < len(doc) and doc[state + 1].ent_iob_ == "I" and state - after < 3:
        state += 1
    return is_us_state(doc[after + 1:state + 1].text)


def _person_sign(doc: Doc, span: SpacySpan) -> bool:
    """Whether one mention acts as a person: the subject of a verb, or a name the text
    gives a role ("Police Chief Hart", "Hart, the county's sheriff")."""
    return span.root.dep_ in ("nsubj", "nsubjpass") or bool(attached_roles(doc, span.start_char, span.end_char))


def _unify_org_place(mentions: list[_Mention]) -> None:
    """One name tagged ORG here and FAC/GPE there ("the White House") gets the kind most of
    its mentions have; a tie goes to ``org``."""
    votes: dict[tuple[str, ...], int] = {}
    for m in mentions:
        if m.kind in ("org", "place"):
            votes[m.words] = votes.get(m.words, 0) + (1 if m.kind == "org" else -1)
    for m in mentions:
        if m.kind in ("org", "place"):
            m.kind = "org" if votes[m.words] >= 0 else "place"


#: A given name joined by "and" to a full name, with the word before it if any: "Cedric and
#: James Poore", "twins Deona and Keona Luke" (not "Stan Woods and Dequan Jones").
_GIVEN_NAME_AND = re.compile(r"(?:^|[^\w’'.-])(\w[\w’'.-]*\s+)?([A-Z][a-z’'-]+)\s+and\s+$")


#: Words before a place, not a given name ("Ron Wyden of Oregon and Mark Udall").
_PLACE_PREPOSITIONS = frozenset({"of", "from", "in", "at", "near"})


def _shared_surnames(doc: Doc, mentions: list[_Mention]) -> set[str]:
    """Surnames that a given name joined to a two-word name shows two people share ("Malia
    and Sasha Obama"; not "He and Ray Moss", "Ron Wyden of Oregon and Mark Udall", nor "Emma
    and Sharon Elizabeth Watson", one woman's full name): the surname alone names neither of
    them for sure."""
    text, out = text_of(doc), set()
    for m in mentions:
        if len(m.words) == 2:
            window = max(0, m.start - 60)
            match = _GIVEN_NAME_AND.search(text[window:m.start])
            before = (match.group(1) or "").strip() if match else ""
            if match is None or before[:1].isupper() or before in _PLACE_PREPOSITIONS:
                continue
            given = doc.char_span(window + match.start(2), window + match.end(2))
            if given is not None and given[0].pos_ == "PROPN":
                out.add(m.words[-1])
    return out


def _group_people(mentions: list[_Mention], shared_surnames: set[str]) -> list[_Group]:
    """People by name: a short form ("Poore") joins the one full name it is a short form of,
    unless several are or a surname is shared (:func:`_shared_surnames`)."""
    forms = {m.words for m in mentions}
    maximal = {f for f in forms if not any(_is_short_form(f, g) for g in forms)}
    by_form: dict[tuple[str, ...], _Group] = {f: _Group("person") for f in maximal}
    loose: dict[tuple[str, ...], _Group] = {}
    for m in sorted(mentions, key=lambda x: x.start):
        if m.words in by_form:
            by_form[m.words].mentions.append(m)
            continue
        targets = [f for f in maximal if _is_short_form(m.words, f)]
        if len(targets) == 1 and not (len(m.words) == 1 and m.words[0] in shared_surnames):
            by_form[targets[0]].mentions.append(m)
        else:
            loose.setdefault(m.words, _Group("person")).mentions.append(m)
    return [g for g in list(by_form.values()) + list(loose.values()) if g.mentions]


def _group_others(mentions: list[_Mention], kind: str) -> list[_Group]:
    groups: dict[tuple[str, ...], _Group] = {}
    for m in sorted(mentions, key=lambda x: x.start):
        groups.setdefault(m.words, _Group(kind)).mentions.append(m)
    if kind != "org":
        return list(groups.values())
    acronyms: dict[str, tuple[str, ...]] = {}
    for words, g in groups.items():
        for m in g.mentions:
            if m.acronym:
                acronyms[fold(m.acronym)] = words
        if len(words) > 1:
            initials = "".join(w[0] for w in words if w not in ("of", "and", "the", "for", "&"))
            acronyms.setdefault(initials, words)
    for words in list(groups):
        target = acronyms.get(" ".join(words)) if len(words) == 1 else None
        if target is not None and target != words and target in groups:
            groups[target].mentions.extend(groups.pop(words).mentions)
    return list(groups.values())


_CLOSED_CLASS = frozenset({"DET", "PRON", "ADP", "AUX", "CCONJ", "SCONJ", "PART", "NUM", "PUNCT", "INTJ"})


def _is_name_word(doc: Doc, i: int) -> bool:
    return 0 <= i < len(doc) and doc[i].pos_ == "PROPN" and doc[i].text[:1].isupper() and not doc[i].is_sent_start


#: word hash -> the word folded when it opens with a capital, else "" (the hashes are the
#: string store's, the same in every vocabulary; cleared at ``_FOLD_CACHE_SIZE`` words).
_capitalised_folds: dict[int, str] = {}
_FOLD_CACHE_SIZE = 200_000


def _backfill_surnames(doc: Doc, people: list[_Group], taken: list[tuple[int, int]],
                       shared_surnames: set[str]) -> None:
    """Add untagged tokens that spell exactly one person's surname ("Bråthen blamed ..."),
    not a surname two people share."""
    owners: dict[str, set[int]] = {}
    for i, g in enumerate(people):
        owners.setdefault(g.best().words[-1], set()).add(i)
    for surname in shared_surnames:
        owners.pop(surname, None)
    if not owners:
        return
    covered: set[int] | None = None  # the characters names already cover: worked out at the first candidate
    strings = doc.vocab.strings
    if len(_capitalised_folds) >= _FOLD_CACHE_SIZE:
        _capitalised_folds.clear()
    for i, orth in enumerate(doc.to_array("ORTH").tolist()):
        folded = _capitalised_folds.get(orth)
        if folded is None:
            word = strings[orth]
            folded = _capitalised_folds[orth] = fold_word(word) if word[:1].isupper() else ""
        owner = owners.get(folded) if folded else None
        if owner is None or len(owner) != 1:
            continue
        tok = doc[i]
        word = tok.text
        if covered is None:
            covered = {i for a, b in taken for i in range(a, b)}
            covered.update(i for start, end, _label in ents_of(doc) for i in range(start, end))
        if tok.idx in covered:
            continue
        if tok.is_sent_start and (tok.is_stop or tok.pos_ in _CLOSED_CLASS):
            continue
        if _is_name_word(doc, tok.i - 1) or _is_name_word(doc, tok.i + 1):
            continue  # "Karin Vesterby", "Vesterby Holdings": another name
        people[next(iter(owner))].extra.append((tok.idx, tok.idx + len(word), word))


def _to_entity(group: _Group) -> Entity:
    best = group.best()
    name = " ".join(best.text.split())
    aliases: list[str] = []
    seen = {fold(name)}
    for text in [m.text for m in sorted(group.mentions, key=lambda x: x.start)] + [r.text for r in group.roles]:
        text = " ".join(text.split())
        if fold(text) not in seen:
            seen.add(fold(text))
            aliases.append(text)
    for m in group.mentions:
        if m.acronym and fold(m.acronym) not in seen:
            seen.add(fold(m.acronym))
            aliases.append(m.acronym)
    spans = {(m.start, m.end) for m in group.mentions} | {(s, e) for s, e, _t in group.extra}
    return Entity(key=entity_key(name, group.kind), name=name, kind=group.kind, aliases=aliases,
                  mentions=[Span(s, e) for s, e in sorted(spans)])


def extract_entities(doc: Doc) -> list[Entity]:
    """One Entity per person, organisation and place named in ``doc``, in order of first mention.

    Mention offsets index ``doc.text``. See the module docstring for the rules.
    """
    mentions = [m for m in (_candidate(doc, ent) for ent in doc.ents) if m is not None]
    mentions += _names_before_an_age(doc, mentions)
    _resolve_kinds(mentions, doc)
    _unify_org_place(mentions)
    shared_surnames = _shared_surnames(doc, [m for m in mentions if m.kind == "person"])
    people = _group_people([m for m in mentions if m.kind == "person"], shared_surnames)
    for g in people:
        for m in g.mentions:
            for role in attached_roles(doc, m.start, m.end):
                if all(fold(role.text) != fold(r.text) for r in g.roles):
                    g.roles.append(role)
    taken = [(m.start, m.end) for m in mentions]
    _backfill_surnames(doc, people, taken, shared_surnames)
    taken += [(s, e) for g in people for s, e, _t in g.extra]
    linked = role_mentions(doc, [([(m.start, m.end) for m in g.mentions] + [(s, e) for s, e, _t in g.extra], g.roles)
                                 for g in people], taken)
    for rm in linked:
        group = people[rm.target]
        group.extra.append((rm.start, rm.end, rm.text))
        if not any(rm.role.head == r.head and rm.role.words <= r.words for r in group.roles):
            group.roles.append(rm.role)  # a role learned from the text ("US president")
    groups = (people + _group_others([m for m in mentions if m.kind == "org"], "org")
              + _group_others([m for m in mentions if m.kind == "place"], "place"))
    entities = [_to_entity(g) for g in sorted(groups, key=lambda g: g.first)]
    return _merge_same_key(entities)


def _merge_same_key(entities: list[Entity]) -> list[Entity]:
    """Two groups that end up with one key (e.g. two unmerged forms folding alike) become one."""
    out: dict[str, Entity] = {}
    for e in entities:
        if e.key not in out:
            out[e.key] = e
            continue
        kept = out[e.key]
        spans = {(m.start, m.end) for m in kept.mentions} | {(m.start, m.end) for m in e.mentions}
        kept.mentions = [Span(s, t) for s, t in sorted(spans)]
        for alias in [e.name] + e.aliases:
            if fold(alias) != fold(kept.name) and all(fold(alias) != fold(a) for a in kept.aliases):
                kept.aliases.append(alias)
    return list(out.values())
