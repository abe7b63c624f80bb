"""Details of one event that independent accounts give differently, read from patterns
whose referent is fixed within a story:

* ``place``: the block of a street ("the 5300 block of Noon Road" vs "the 5000 block of
  Noon Road"): one street, two blocks, when each article gives that street one block
  (an article naming two blocks of it may be naming two places);
* ``figure``: how far along a pregnancy was ("four months pregnant" vs "five months
  pregnant"), in one unit, when each article gives one value;
* ``figure``: how many people fired ("two men in a passing car fired", "a pair of
  shooters" vs "the shooter is a young man"), one said outright in an account that never
  speaks of more than one; a hedged count ("at least two") is none;
* ``other``: where one person was wounded ("a gunshot wound to her left shoulder" vs "to
  the chest"), the person known by age (and sex, where said): places that do not touch,
  or left and right; a general word (body, torso) or a neighbouring place is no dispute;
* ``identity``: one person's age ("Marquise Frederick, 19," / "20-year-old Marquise
  Frederick"), said next to the person's full name, when each article gives that person
  one age; a year apart is an update, not a dispute, when the articles are more than
  ``compare.age_same_days`` days apart (a birthday between an arrest and a trial), and
  as many years apart as years between the articles (21 at an arrest, 23 at a hearing
  20 months later);
* ``date``: the span of years given for one person ("Edward Brooke, who served from
  1967 to 1979" vs "Edward Brooke, a Republican, held the seat from 1966 to 1978"), the
  span following the person's full name in its sentence with no other person named
  between, when each article gives that person one span and each end differs by at most
  two years (farther apart, they may be two periods of one life);
* ``identity``: one person's name with given name and surname swapped ("Fredrick
  Marquise" vs "Marquise Frederick"; spellings a letter apart count as one word), read
  from the text wherever a person the story recognises is named, so a writing the
  recogniser missed still counts.

Each returns the disagreeing pairs of sides across articles of different independent
sources (``same_source``: never two copies of one account nor two reports of one
outlet), each side citing the statement that gives it. Pure functions.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from difflib import SequenceMatcher
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from storylens.text import NUMBER_WORDS, fold
from storylens.compare.settings import current
from storylens.compare.statements import Statement, across_sources, hours_between
from storylens.model import Article, ConflictSide

__all__ = ["DetailPair", "STREET_TYPES", "find_detail_conflicts", "person_ages", "spelled_alike", "street_key"]

STREET_TYPES = {"road": "rd", "rd": "rd", "street": "st", "st": "st", "avenue": "ave", "ave": "ave", "av": "ave",
                 "boulevard": "blvd", "blvd": "blvd", "drive": "dr", "dr": "dr", "lane": "ln", "ln": "ln",
                 "court": "ct", "ct": "ct", "place": "pl", "pl": "pl", "terrace": "ter", "highway": "hwy",
                 "hwy": "hwy", "parkway": "pkwy", "pkwy": "pkwy", "way": "way", "circle": "cir", "cir": "cir"}
_BLOCK = re.compile(r"\b(\d{1,3}(?:,\d{3})|\d{2,5})\s+block\s+of\s+"
                    r"((?:(?:North|South|East|West|[NSEW]\.?)\s+)?[A-Z0-9][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})")
_PREGNANT = re.compile(r"\b(\d{1,2}|[a-z]+)[\s-]+(month|week)s?[\s-]+pregnant\b", re.IGNORECASE)


@dataclass(frozen=True)
class DetailPair:
    """Two sides that disagree on one detail (``scope``), with the claim each makes."""

    kind: str
    scope: str
    about: str
    a: ConflictSide
    b: ConflictSide
    claims: tuple[str, str]


def street_key(name: str) -> tuple[str, str]:
    """(key, name as written) of a street, cut after its type word ("Noon Road Sunday"
    is Noon Road; "Noon Rd." and "Noon Road" are one key)."""
    written = name.split()
    for n, w in enumerate(written):
        if fold(w).strip(".'’") in STREET_TYPES and n > 0:
            written = written[:n + 1]
            break
    words = [fold(w).strip(".'’") for w in written]
    return " ".join(STREET_TYPES.get(w, w) for w in words if w), " ".join(written).rstrip(".,")


def _statement_at(statements: Sequence[Statement], pos: int) -> Statement | None:
    return next((st for st in statements if st.citation.field == "text"
                 and st.citation.start <= pos < st.citation.end), None)


def _blocks(article: Article, statements: Sequence[Statement]) -> dict[str, dict[str, list[tuple[str, Statement]]]]:
    """Street -> block number -> (the words, the statement) as the article gives them."""
    out: dict[str, dict[str, list[tuple[str, Statement]]]] = {}
    for m in _BLOCK.finditer(article.text):
        st = _statement_at(statements, m.start())
        if st is None:
            continue
        number = m.group(1).replace(",", "")
        key, name = street_key(m.group(2))
        out.setdefault(key, {}).setdefault(number, []).append((f"{number} block of {name}", st))
    return out


def _pregnancies(article: Article, statements: Sequence[Statement]) -> dict[str, dict[str, list[tuple[str, Statement]]]]:
    """Unit -> value -> (the words, the statement)."""
    out: dict[str, dict[str, list[tuple[str, Statement]]]] = {}
    for m in _PREGNANT.finditer(article.text):
        raw = m.group(1).lower()
        value = int(raw) if raw.isdigit() else NUMBER_WORDS.get(raw)
        st = _statement_at(statements, m.start())
        if value is None or st is None:
            continue
        unit = m.group(2).lower()
        out.setdefault(unit, {}).setdefault(str(value), []).append((f"{value} {unit}s pregnant", st))
    return out


_COUNT = r"(?P<n>\d{1,2}|" + "|".join(w for w, n in NUMBER_WORDS.items() if n >= 2) + r"|a pair of|a trio of)"
_FIRERS = r"(?:shooters|gunmen|gunwomen)"
#: Words that end the subject's own phrase ("two men in a car fired", not "two men were
#: hurt when someone fired").
_CLAUSE_WORDS = r"(?:were|was|is|are|had|has|have|been|being|when|after|as|while|and|but|who|that|then|before|until)"
#: Several people firing: "two shooters", "a pair of gunmen", "two men in a passing car
#: fired" (the count not hedged: "at least two" is no count, "one of the two" none of theirs).
_SEVERAL_FIRING = re.compile(
    r"(?<!\bleast )(?<!\bof )(?<!\bof the )\b" + _COUNT + r"\s+(?:(?:\w+\s+)?" + _FIRERS
    + r"\b|(?:young\s+)?(?:men|males|suspects)\s+(?:(?!" + _CLAUSE_WORDS + r"\b)[\w'’-]+\s+){0,4}?"
    r"(?:fired|opened fire)\b)",
    re.IGNORECASE)
#: One person firing, said outright: "the lone gunman", "a single shooter", "one
#: shooter", "the shooter is a young man" (a description of the one shooter).
_ONE_FIRING = re.compile(
    r"\b(?:(?:the|a)\s+(?:lone|single|sole)\s+(?:shooter|gunman)|(?<!\bthan )one\s+(?:shooter|gunman)\b(?!\s+of\b)"
    r"|the\s+(?:shooter|gunman)\s+(?:is|was)\s+(?:an?|described\s+as)\b)", re.IGNORECASE)
#: An account that speaks of several shooters, or of one among others, anywhere.
_MORE_THAN_ONE = re.compile(r"\b(?:shooters|gunmen|(?:other|another|second|third)\s+(?:\w+\s+)?(?:shooter|gunman)"
                            r"|accomplices?)\b", re.IGNORECASE)


def _shooters(article: Article, statements: Sequence[Statement]) -> dict[str, dict[str, list[tuple[str, Statement]]]]:
    """How many people fired, where the account says it one way: several (a number) or
    one (said outright, in an account that never speaks of more than one)."""
    several = [m for m in _SEVERAL_FIRING.finditer(article.text)]
    one = [m for m in _ONE_FIRING.finditer(article.text)]
    found: dict[str, list[tuple[str, Statement]]] = {}
    if one and not several and not _MORE_THAN_ONE.search(article.text):
        st = _statement_at(statements, one[0].start())
        if st is not None:
            found["1"] = [("one shooter", st)]
    for m in several if not one else []:
        raw = m.group("n").lower()
        value = 2 if raw == "a pair of" else 3 if raw == "a trio of" else int(raw) if raw.isdigit() else NUMBER_WORDS[raw]
        st = _statement_at(statements, m.start())
        if st is not None:
            found.setdefault(str(value), []).append((" ".join(m.group().split()), st))
    return {"": found} if found else {}


#: Where on the body a wound is, by region; a region is compatible with itself and its
#: neighbours (a wound "to the shoulder" may be reported "to the back"), never compared
#: with a general word (body, torso, side, extremities).
_BODY_REGIONS = {
    "head": "head", "face": "head", "eye": "head", "jaw": "head", "mouth": "head", "cheek": "head",
    "forehead": "head", "skull": "head", "ear": "head", "nose": "head",
    "neck": "neck", "throat": "neck", "shoulder": "shoulder",
    "arm": "arm", "hand": "arm", "wrist": "arm", "elbow": "arm", "forearm": "arm", "finger": "arm",
    "chest": "chest", "abdomen": "abdomen", "stomach": "abdomen", "belly": "abdomen", "back": "back",
    "hip": "hip", "groin": "hip", "buttock": "hip", "buttocks": "hip", "pelvis": "hip",
    "leg": "leg", "thigh": "leg", "knee": "leg", "ankle": "leg", "foot": "leg", "calf": "leg", "shin": "leg",
}
_BODY_NEIGHBOURS = {frozenset(p) for p in (("head", "neck"), ("neck", "shoulder"), ("neck", "chest"),
                                           ("shoulder", "arm"), ("shoulder", "back"), ("chest", "abdomen"),
                                           ("chest", "back"), ("abdomen", "back"), ("abdomen", "hip"),
                                           ("back", "hip"), ("hip", "leg"))}
_WOUND = re.compile(
    r"\b(?:(?:gunshot\s+|bullet\s+|stab\s+)?wounds?\s+(?:to|in|on)|(?:shot|struck|hit|wounded|stabbed)"
    r"(?:\s+once|\s+twice|\s+\w+\s+times)?\s+(?:in|to))\s+(?:(?:the|her|his|their|one|both)\s+)?"
    r"(?:(?P<side>left|right)\s+|(?:upper|lower)\s+)?(?P<part>[a-z]+)\b(?!\s+(?:of|and|or)\b)", re.IGNORECASE)
_AGE = re.compile(r"\b(\d{1,2})-year-old\b|,\s+(\d{1,2}),")
#: The person's sex where the words about the wound or the age say it ("her left
#: shoulder", "the 43-year-old woman"), not anywhere in the statement.
_FEMALE = {"her", "woman", "girl"}
_MALE = {"his", "man", "boy"}
_AGE_NOUN = re.compile(r"-year-old\s+(\w+)")


@dataclass
class _Wound:
    """Where one account puts the wound of the person of one age."""

    regions: set[str]
    sides: set[str]
    genders: set[str]
    first: tuple[str, Statement]


def _wounds(article: Article, statements: Sequence[Statement]) -> dict[str, _Wound]:
    """Age -> where the article's statements naming a person of that age (one age in the
    statement) put the wound; an age named beside another in a statement with a wound
    is left out (which wound is whose?)."""
    out: dict[str, _Wound] = {}
    unclear: set[str] = set()
    for st in statements:
        if st.citation.field != "text":
            continue
        text = st.citation.text
        wounds = [m for m in _WOUND.finditer(text) if fold(m.group("part")) in _BODY_REGIONS]
        ages = {m.group(1) or m.group(2) for m in _AGE.finditer(text)}
        if not wounds:
            continue
        if len(ages) != 1:
            unclear |= ages
            continue
        age = ages.pop()
        said = {fold(m.group()) for w in wounds for m in re.finditer(r"\w+", w.group())}
        said |= {fold(m.group(1)) for m in _AGE_NOUN.finditer(text)}
        genders = {g for g, words in (("female", _FEMALE), ("male", _MALE)) if said & words}
        w = out.setdefault(age, _Wound(set(), set(), set(), (wounds[0].group(), st)))
        w.regions |= {_BODY_REGIONS[fold(m.group("part"))] for m in wounds}
        w.sides |= {fold(m.group("side")) for m in wounds if m.group("side")}
        w.genders |= genders
    return {age: w for age, w in out.items() if age not in unclear and len(w.regions) == 1 and len(w.sides) <= 1
            and len(w.genders) <= 1}


def _wound_claim(w: _Wound) -> str:
    return " ".join([*w.sides, *w.regions])


def _wound_pairs(articles: Sequence[Article], statements: dict[str, list[Statement]],
                 same_source: Callable[[Article, Article], bool]) -> list[DetailPair]:
    """One person (the same age, not another gender) wounded in places that cannot both
    be right: regions that do not touch, or the left and the right of one region."""
    found = {a.id: _wounds(a, statements[a.id]) for a in articles}
    out = []
    for a, b in across_sources(articles, same_source):
        for age in sorted(found[a.id].keys() & found[b.id].keys()):
            wa, wb = found[a.id][age], found[b.id][age]
            if wa.genders and wb.genders and wa.genders != wb.genders:
                continue
            (ra,), (rb,) = wa.regions, wb.regions
            apart = ra != rb and frozenset((ra, rb)) not in _BODY_NEIGHBOURS
            if not apart and not (ra == rb and wa.sides and wb.sides and wa.sides != wb.sides):
                continue
            (text_a, sa), (text_b, sb) = wa.first, wb.first
            out.append(DetailPair("other", f"wound {age}", f"where the {age}-year-old was wounded",
                                  ConflictSide(text_a, sa.asserted_by, sa.citation),
                                  ConflictSide(text_b, sb.asserted_by, sb.citation),
                                  (_wound_claim(wa), _wound_claim(wb))))
    return out


def _pairs(articles: Sequence[Article], found: dict[str, dict[str, dict[str, list[tuple[str, Statement]]]]],
           same_source: Callable[[Article, Article], bool], kind: str, scope: str, about: Callable[[str], str],
           claim: Callable[[str, str], str]) -> list[DetailPair]:
    out = []
    for a, b in across_sources(articles, same_source):
        for key in sorted(found[a.id].keys() & found[b.id].keys()):
            va, vb = found[a.id][key], found[b.id][key]
            if len(va) != 1 or len(vb) != 1 or va.keys() == vb.keys():
                continue  # several values in one article: perhaps several referents
            (xa, [(text_a, sa), *_]), = va.items()
            (xb, [(text_b, sb), *_]), = vb.items()
            out.append(DetailPair(kind, f"{scope} {key}", about(key),
                                  ConflictSide(text_a, sa.asserted_by, sa.citation),
                                  ConflictSide(text_b, sb.asserted_by, sb.citation),
                                  (claim(xa, key), claim(xb, key))))
    return out


def _one_wording(pairs: list[DetailPair]) -> list[DetailPair]:
    """One wording per claim across the story (the first article's), so the sides that
    make one claim read alike ("Marquise Frederick" and "Marquise Fredericks" are one)."""
    wording: dict[tuple[str, str], str] = {}
    for pair in pairs:
        for side, c in ((pair.a, pair.claims[0]), (pair.b, pair.claims[1])):
            wording.setdefault((pair.scope, c), side.claim)
    return [DetailPair(p.kind, p.scope, p.about, replace(p.a, claim=wording[(p.scope, p.claims[0])]),
                       replace(p.b, claim=wording[(p.scope, p.claims[1])]), p.claims) for p in pairs]


#: How alike two spellings of one word are at least (difflib's ratio).
_SPELLING_RATIO = 0.85


def _lengths_allow(length_a: int, length_b: int) -> bool:
    """Whether two different words of these lengths can be spelled alike (``_alike``):
    both of four letters or more, and close enough in length for the ratio (it is at
    most 2 min(len) / (len a + len b))."""
    shorter = min(length_a, length_b)
    return shorter >= 4 and 2 * shorter >= _SPELLING_RATIO * (length_a + length_b)


@lru_cache(maxsize=65536)
def _alike(a: str, b: str) -> bool:
    """One word spelled alike: equal, or a letter or two apart ("Fredrick", "Frederick",
    "Fredericks"). (Words whose lengths cannot reach the ratio, or whose common letters
    cannot, ``quick_ratio``, are not compared letter by letter.)"""
    if a == b:
        return True
    if not _lengths_allow(len(a), len(b)):
        return False
    letters_a, letters_b = _letters(a), _letters(b)
    common = sum(min(n, letters_b[ch]) for ch, n in letters_a.items() if ch in letters_b)
    if 2.0 * common / (len(a) + len(b)) < _SPELLING_RATIO:  # difflib's quick_ratio, without building a matcher
        return False
    return SequenceMatcher(None, a, b).ratio() >= _SPELLING_RATIO


@lru_cache(maxsize=65536)
def _letters(word: str) -> Counter[str]:
    """How many times each letter occurs in ``word`` (what ``quick_ratio`` counts)."""
    return Counter(word)


#: Two capitalised words in a row, not followed by a third (a longer name is another
#: name); a lookahead, so that every pair of neighbouring words is tried.
_NAME_PAIR = re.compile(r"(?=\b([A-Z][\w'’-]+)[ \t]+([A-Z][\w'’-]+)\b(?![ \t]+[A-Z]))")


def _person_names(articles: Sequence[Article]) -> list[tuple[str, str]]:
    """Every two-word person name the articles recognise, one per person (names spelled
    a letter apart, in either order, are one), as (given name, surname) folded, in the
    order first met."""
    out: list[tuple[str, str]] = []
    for a in articles:
        for e in a.entities:
            words = e.key.split(":", 1)[-1].split()
            if e.kind != "person" or len(words) != 2 or not e.mentions:
                continue
            if not any(_same_name((words[0], words[1]), p) or _same_name((words[1], words[0]), p) for p in out):
                out.append((words[0], words[1]))
    return out


def _spelled_alike_in(by_length: dict[int, set[str]], word: str) -> set[str]:
    """The words (by their length) spelled alike ``word`` (``_alike``): only the words of
    its own length and of lengths ``_lengths_allow`` are compared."""
    n = len(word)
    return {w for length, words in by_length.items() if length == n or _lengths_allow(length, n)
            for w in words if _alike(w, word)}


def _same_name(a: tuple[str, str], b: tuple[str, str]) -> bool:
    return _alike(a[0], b[0]) and _alike(a[1], b[1])


def spelled_alike(a: str, b: str) -> bool:
    """Two folded names of two words each spelled a letter or two apart, in the same
    order ("consuelo garcia", "comsuelo garcia"): one person's name written two ways."""
    wa, wb = a.split(), b.split()
    return len(wa) == len(wb) == 2 and _same_name((wa[0], wa[1]), (wb[0], wb[1]))


#: A pair of capitalised words in an article: (start, end, as written, both folded).
_WrittenPair = tuple[int, int, str, tuple[str, str]]


def _written_pairs(article: Article) -> list[_WrittenPair]:
    """Every two capitalised words in a row in the article's text (see ``_NAME_PAIR``)."""
    return [(m.start(1), m.end(2), f"{m.group(1)} {m.group(2)}", (fold(m.group(1)), fold(m.group(2))))
            for m in _NAME_PAIR.finditer(article.text)]


def _name_orders(pairs: Sequence[_WrittenPair], spelled_as: tuple[set[str], set[str]],
                 ) -> dict[str, list[tuple[int, int, str]]]:
    """Where an article's text (its ``_written_pairs``) writes a name, by order: "given"
    (given name first) or "swapped"; each (start, end, as written). ``spelled_as``: the
    story's written words spelled alike the given name and alike the surname
    (``_alike(word, part)``, so that a pair is the name as ``_same_name(pair, name)``
    tells). Read from the text, not the entities, so a name the recogniser missed or
    took for an organisation still counts."""
    first, last = spelled_as
    out: dict[str, list[tuple[int, int, str]]] = {}
    for start, end, written, (a, b) in pairs:
        given, swapped = a in first and b in last, a in last and b in first
        if given != swapped:
            out.setdefault("given" if given else "swapped", []).append((start, end, written))
    return out


def _name_swaps(articles: Sequence[Article], statements: dict[str, list[Statement]],
                same_source: Callable[[Article, Article], bool]) -> list[DetailPair]:
    """One person's name written given name first by one account and surname first by
    another, each article writing it one way only (an article writing both may name two
    people). Each side cites the article's writing of the name spelled as most of the
    story spells it (a one-off misspelling is not the claim), else its first."""
    out = []
    pairs_of = {a.id: _written_pairs(a) for a in articles}
    by_length: dict[int, set[str]] = {}
    for pairs in pairs_of.values():
        for _, _, _, pair in pairs:
            for w in pair:
                by_length.setdefault(len(w), set()).add(w)
    for name in _person_names(articles):
        orders: dict[str, tuple[str, tuple[int, int, str]]] = {}
        spelled_as = (_spelled_alike_in(by_length, name[0]), _spelled_alike_in(by_length, name[1]))
        found = {a.id: _name_orders(pairs_of[a.id], spelled_as) for a in articles}
        spelled: dict[str, int] = {}
        for per in found.values():
            for places in per.values():
                for _, _, written in places:
                    spelled[written] = spelled.get(written, 0) + 1
        for a in articles:
            if len(found[a.id]) == 1:
                (order, places), = found[a.id].items()
                orders[a.id] = (order, max(places, key=lambda p: (spelled[p[2]], -p[0])))
        key = " ".join(name)
        for a, b in across_sources(articles, same_source):
            if a.id not in orders or b.id not in orders:
                continue
            (oa, (at_a, _, written_a)), (ob, (at_b, _, written_b)) = orders[a.id], orders[b.id]
            st_a, st_b = _statement_at(statements[a.id], at_a), _statement_at(statements[b.id], at_b)
            if oa == ob or st_a is None or st_b is None:
                continue
            claims = {"given": key, "swapped": " ".join(reversed(name))}
            out.append(DetailPair("identity", f"name {key}", f"the name of {written_a}",
                                  ConflictSide(written_a, st_a.asserted_by, st_a.citation),
                                  ConflictSide(written_b, st_b.asserted_by, st_b.citation),
                                  (claims[oa], claims[ob])))
    return out


#: An age beside a name: "Ada Crane, 19," / "Ada Crane, 19." / "Ada Crane (19)" after it,
#: "19-year-old Ada Crane" before it.
_AGE_AFTER = re.compile(r"(?:,\s*(\d{1,3})\s*(?=[,.;]|\s+of\b)|\s*\((\d{1,3})\))")
_AGE_BEFORE = re.compile(r"\b(\d{1,3})-year-old\s+$")


def person_ages(article: Article) -> list[tuple[str, str, str, int, int]]:
    """(person key, age, the words, start, end) of every age said next to a person's full
    name (two words or more as written; a surname alone may be a relative's): the words
    "Ada Crane, 19" / "19-year-old Ada Crane", the span covering the name and the age."""
    out = []
    text = article.text
    for e in article.entities:
        if e.kind != "person":
            continue
        for m in e.mentions:
            written = text[m.start:m.end]
            if len(written.split()) < 2:
                continue
            after = _AGE_AFTER.match(text, m.end, min(len(text), m.end + 12))
            if after is not None:
                age = next(g for g in after.groups() if g)
                out.append((e.key, age, f"{written}, {age}", m.start, after.end(after.lastindex or 0)))
                continue
            before = _AGE_BEFORE.search(text, max(0, m.start - 14), m.start)
            if before is not None:
                out.append((e.key, before.group(1), f"{before.group(1)}-year-old {written}", before.start(), m.end))
    return sorted(out, key=lambda x: (x[3], x[4], x[0]))


def _ages(article: Article, statements: Sequence[Statement]) -> dict[str, dict[str, list[tuple[str, Statement]]]]:
    """Person -> age -> (the words, the statement): :func:`person_ages` in the article's
    statements."""
    out: dict[str, dict[str, list[tuple[str, Statement]]]] = {}
    for key, age, words, start, _ in person_ages(article):
        st = _statement_at(statements, start)
        if st is not None:
            out.setdefault(key, {}).setdefault(age, []).append((words, st))
    return out


def _age_pairs(articles: Sequence[Article], statements: dict[str, list[Statement]],
               same_source: Callable[[Article, Article], bool]) -> list[DetailPair]:
    """Two ages of one person (see the module docstring)."""
    ages = {a.id: _ages(a, statements[a.id]) for a in articles}
    by_id = {a.id: a for a in articles}
    same_days = current().age_same_days
    out = []
    for pair in _pairs(articles, ages, same_source, "identity", "age", lambda k: f"the age of {k.split(':', 1)[-1].title()}",
                       lambda x, k: x):
        gap = hours_between(by_id[pair.a.citation.article_id], by_id[pair.b.citation.article_id])
        apart = abs(int(pair.claims[0]) - int(pair.claims[1]))
        # birthdays between the two articles: a year per year between them (some days
        # apart, none)
        birthdays = math.ceil(abs(gap) / (24 * 365.25)) if gap is not None and abs(gap) > 24 * same_days else 0
        if apart > birthdays:
            out.append(pair)
    return out


#: A span of years said of the person named just before it, in the same sentence: "Edward
#: Brooke, who served from 1967 to 1979", "Ada Crane (1931-1999)".
_YEAR_SPAN = re.compile(r"\b((?:1[89]|20)\d{2})\s*(?:to|through|until|[-–—])\s*((?:1[89]|20)\d{2})\b")
_SPAN_REACH = 80  # characters from the end of the name to the span
_SPAN_SLACK = 2  # years each end may differ by for two spans to be one period told two ways


def _year_spans(article: Article, statements: Sequence[Statement]) -> dict[str, dict[str, list[tuple[str, Statement]]]]:
    """Person -> "1967 to 1979" -> (the words, the statement): a span of years that
    follows a person's full name in its sentence, no other person named between them."""
    text = article.text
    people = sorted((m.start, m.end, e.key) for e in article.entities if e.kind == "person" for m in e.mentions)
    out: dict[str, dict[str, list[tuple[str, Statement]]]] = {}
    for i, (start, end, key) in enumerate(people):
        if len(text[start:end].split()) < 2:
            continue
        st = _statement_at(statements, start)
        if st is None:
            continue
        later = (s for s, _, _ in people[i + 1:] if s >= end)  # (a mention inside this one is this person)
        stop = min(end + _SPAN_REACH, st.citation.end, next(later, len(text)))
        m = _YEAR_SPAN.search(text, end, stop)
        if m is not None and int(m.group(1)) < int(m.group(2)):
            out.setdefault(key, {}).setdefault(f"{m.group(1)} to {m.group(2)}", []).append((m.group(), st))
    return out


def _year_span_pairs(articles: Sequence[Article], statements: dict[str, list[Statement]],
                     same_source: Callable[[Article, Article], bool]) -> list[DetailPair]:
    """One person's period told with other years: spans whose ends each differ by at most
    ``_SPAN_SLACK`` years (farther apart, they may be two periods of one life)."""
    spans = {a.id: _year_spans(a, statements[a.id]) for a in articles}
    out = []
    for pair in _pairs(articles, spans, same_source, "date", "years", lambda k: f"the years given for {k.split(':', 1)[-1].title()}",
                       lambda x, k: x):
        (a0, a1), (b0, b1) = ([int(y) for y in c.split(" to ")] for c in pair.claims)
        if abs(a0 - b0) <= _SPAN_SLACK and abs(a1 - b1) <= _SPAN_SLACK:
            out.append(pair)
    return out


def find_detail_conflicts(articles: Sequence[Article], statements: dict[str, list[Statement]],
                          same_source: Callable[[Article, Article], bool]) -> list[DetailPair]:
    """Street blocks, pregnancy durations, shooter counts, wound places, ages, spans of
    years and swapped names that independent accounts give differently."""
    blocks = {a.id: _blocks(a, statements[a.id]) for a in articles}
    pregnancies = {a.id: _pregnancies(a, statements[a.id]) for a in articles}
    shooters = {a.id: _shooters(a, statements[a.id]) for a in articles}
    return _one_wording(_pairs(articles, blocks, same_source, "place", "block of", lambda k: f"which block of {k.title()}",
                               lambda x, k: f"{x} block of {k}")
                        + _pairs(articles, pregnancies, same_source, "figure", "pregnant",
                                 lambda k: f"how many {k}s pregnant", lambda x, k: f"{x} {k}s")
                        + _pairs(articles, shooters, same_source, "figure", "shooters", lambda k: "how many shooters",
                                 lambda x, k: f"{x} shooter" + ("s" if x != "1" else ""))
                        + _wound_pairs(articles, statements, same_source)
                        + _age_pairs(articles, statements, same_source)
                        + _year_span_pairs(articles, statements, same_source)
                        + _name_swaps(articles, statements, same_source))
