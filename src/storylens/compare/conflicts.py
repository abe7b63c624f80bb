"""Where a story's independent accounts disagree.

* ``figure``: numbers for the same counted thing in the same event that cannot both be
  true ("at least 1,200" vs "about 900" people evacuated), or a vague claim against a
  count ("large numbers" of prisoners released vs "about a dozen" confirmed). The same
  thing: the counted nouns are one class (people/residents, families/households) or each
  appears in the other's sentence; the same event: the words around both figures share
  an event concept (``~release``, ``~evacuate``...; see ``statements.terms``).
  Vote tallies ("voted 6-1" vs "five to two") are compared as tallies; the dead and the
  wounded told together ("Four died and 11 were wounded") count the people shot, and
  two tallies of one period over several incidents ("20 people shot over the weekend")
  are one event though they share few words. A count published
  12 hours or more after the other that moved as the story unfolds (more killed, wounded,
  arrested...; fewer missing), or said as an update ("rose to", "has since"), is an
  update, not a dispute.
* ``date``: aligned statements (one fact) whose one day each is not the same day.
* ``time``: aligned statements (one fact) whose one clock time each of the event cannot
  both be right ("shortly after 4 a.m." / "3:45 a.m."; ``storylens.compare.clock_times``).
* ``place``: two statements saying the same thing that put the event in places that
  cannot both be right (a gazetteer decides; a city inside the other side's country is
  no conflict; see ``storylens.compare.places``).
* ``attribution``: one quotation (word overlap) given to two different persons.
* details whose referent is fixed within a story (``storylens.compare.details``): the
  block of a street (``place``), how far along a pregnancy was and how many people fired
  (``figure``), where one person was wounded (``other``), a name with given name and
  surname swapped (``identity``).

A fact one outlet states in its own voice and another hedges ("claims", "alleged",
"according to") is no conflict: the accounts agree, the wording frames it differently
(a ``hedged_claim`` framing cue, ``storylens.compare.framing``).

Not disputes either, as read on real coverage (all of GVA and BASIL dev; docs/benchmarks.md):
counts, and days said from the day of publication ("Monday"), of articles published more
than ``compare.dispute_window_days`` apart (another incident, a trial, a roundup; two
Mondays); a count that is a part, an addition, a rank, a rate or victims with their
attacker ("one of the men", "three other people", "including the gunman"), a street block,
a charge's counts, a count told of a background event or one its own sentence says has
since changed; two day references in the same words, a day told from another day ("two
days later"), bounding a span ("since Tuesday") or a schedule ("for Monday"), a
publication stamp; a quotation given to several people at once.

Only articles of different independent sources are compared (a syndication group or a
duplicate is one account). The disagreeing pairs are then joined into one ``Conflict``
per disagreement: the same kind, the same thing in dispute, and a side in common, so a
figure repeated by near-copies and many outlets is one conflict whose sides are every
article asserting each claim (each side with its own citation), not one conflict per
pair of articles. ``find_conflicts`` marks every fact a conflict involves as
``disputed``, and takes out of a fact the articles that state another side of a conflict
over it (``facts.drop_contradicting``). Pure: nothing here reads disk or network.
"""

from __future__ import annotations

import hashlib
import logging
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

from storylens.text import MONTH_WORD, NUMBER_WORDS, WEEKDAY_WORD, casefold_words, fold
from storylens.compare.clock_times import EVENT_WORDS, find_time_conflicts
from storylens.compare.details import find_detail_conflicts
from storylens.compare.facts import (PUBLICATION_STAMP, day_refs, drop_contradicting, same_day, says_claim,
                                     support_sources)
from storylens.compare.framing import FramingCue
from storylens.compare.measures import event_noun, measure_of
from storylens.compare.places import find_place_conflicts
from storylens.compare.settings import current
from storylens.compare.timeline import BackgroundSpans, TimelineEvent
from storylens.extract.quotes_lexicon import PERSON_PRONOUNS, PLURAL_PRONOUNS, RELATIVE_PRONOUNS
from storylens.compare.statements import (Statement, across_sources, concept_of, hours_between, one_account,
                                          outlet_name, same_speaker, statements_of, terms, word_stem)
from storylens.model import Article, Citation, Conflict, ConflictSide, Fact, Figure, TimeRef
from storylens.stories import same_source

__all__ = ["find_conflicts", "THING_CLASSES"]

log = logging.getLogger(__name__)

#: Counted nouns that count the same things (stems as ``statements.terms`` makes them).
THING_CLASSES = {
    "peopl": "people", "person": "people", "resident": "people", "villager": "people", "civilian": "people",
    "citizen": "people", "inhabitant": "people", "evacue": "people", "individual": "people",
    "household": "households", "family": "households",
    "prisoner": "prisoners", "detaine": "prisoners", "inmat": "prisoners", "captiv": "prisoners",
}
#: Money: what an amount measures needs more than its noun, so amounts are not compared.
_CURRENCY_NOUNS = {"dollar", "euro", "pound", "yen", "yuan", "rupe", "peso", "mark", "franc", "krona", "kron",
                   "lira", "rand", "ruble", "roubl", "won", "dinar", "dirham", "shekel", "naira", "lakh", "crore"}
#: Counted nouns that are no group of people or things an account can miscount: a street
#: block number ("the 9600 block"), the counts of a charge (each defendant his own).
_NOT_COUNTED = {"block", "count", "charg"}
#: A count of victims and their attacker together ("seven people dead, including the gunman",
#: "killed three people and himself"): not the victims' count another account gives.
_WITH_THE_ATTACKER = re.compile(r"[^.;]{0,40}?\b(?:including|and|plus) (?:the )?(?:(?:suspected|alleged|lone) )?"
                                r"(?:gunman|shooter|suspect|attacker|killer|himself|herself)\b", re.IGNORECASE)
#: A toll told by where they died ("Two people died at the scene", "one was pronounced
#: dead at the hospital", "two men who were killed in the parking lot"): part of the
#: dead, others may have died elsewhere or later.
_WHERE_THEY_DIED = re.compile(r"[^.;]{0,40}?\b(?:died|dead|killed)\s+(?:at|on|in|inside|outside)\s+(?:the\s+|a\s+)?"
                              r"(?:[\w’'-]+\s+){0,3}?(?:scene|hospital|parking\s+lot|lot|driveway|yard|hallway"
                              r"|stairwell|car|vehicle)\b", re.IGNORECASE)
#: Words after a number that make it a count beside another group ("three other people").
_BESIDE = frozenset({"other", "others", "more", "additional", "further", "extra"})
_ORDINALS = frozenset("first second third fourth fifth sixth seventh eighth ninth tenth".split())
_TIME_UNITS = {"day", "hour", "week", "month", "year", "year-old", "minute", "second", "decade", "night", "percent"}
_VAGUE = re.compile(
    r"(?P<q>[\"“']?\b(?:(?P<adj>large|huge|great|significant|important|substantial|considerable|vast)"
    r"\s+numbers?|(?P<many>hundreds|thousands|dozens|scores|millions))[\"”']?)\s+of\s+"
    r"(?P<rest>(?:[\"“']?[\w’'-]+[\"”']?\s*){1,3})", re.IGNORECASE)
_IMPLIED_MIN = {"hundreds": 200.0, "thousands": 2000.0, "dozens": 24.0, "scores": 40.0, "millions": 2e6}
_NUMBER_WORDS = {w: n for w, n in NUMBER_WORDS.items() if n <= 12}
_PRONOUNS = PERSON_PRONOUNS | PLURAL_PRONOUNS | RELATIVE_PRONOUNS
#: A number with no noun as a clause's subject ("All six were taken", ", and two were shot").
_ELLIPTICAL = re.compile(
    r"(?:^|(?<=[.;:,!?]\s)|(?<=\band\s)|(?<=^[\"“]))(?P<q>(?:(?i:all|the|those|these|another|the other)\s+)?"
    r"(?P<num>\d{1,3}|(?i:" + "|".join(w for w, n in _NUMBER_WORDS.items() if n >= 2) + r")))"
    r"\s+(?=(?:of them\s+)?(?:were|was|had been|have been|are|remain(?:ed)?)\b)", re.MULTILINE)
#: Measures whose counts only grow as a story unfolds (a later, higher count is an update).
_RISING = {"shot", "killed", "wounded", "injured", "hospitalised", "evacuated", "released", "arrested", "rescued",
           "returned"}
_UPDATE_HOURS = 12
_UPDATE_CUE = re.compile(r"\b(?:rose|risen|climbed|increased|jumped|grew|grown) to\b|\bup from\b|\bhas since\b"
                         r"|\bhave since\b|\brevised\b", re.IGNORECASE)
#: Said after a count, its sentence tells that the count has changed since.
_SINCE_UPDATED = re.compile(r"\b(?:has|have) since\b|\brevised\b", re.IGNORECASE)
_HUMAN_MEASURES = {"shot", "killed", "wounded", "injured", "hospitalised", "evacuated", "rescued", "arrested", "missing"}
_TALLY = re.compile(r"\bvot(?:ed|e|es|ing)\s+(?:was\s+)?(\d+|[a-z]+)\s*(?:-|–|to)\s*(\d+|[a-z]+)\b", re.IGNORECASE)


@dataclass
class _Mention:
    article: Article
    statement: Statement
    text: str
    start: int
    end: int
    thing: str
    klass: str
    low: float
    high: float
    vague: bool
    implied_min: float | None
    context: frozenset[str]
    value: float | None
    noun: str = ""
    #: what the count measures (shot, killed, evacuated...; ``measures.measure_of``)
    measure: str | None = None

    @cached_property
    def period_tally(self) -> bool:
        """Whether the count is the tally of a period over several incidents (see
        ``_TALLY_PERIODS``); read once per mention, compared with many."""
        return bool(self.context & _TALLY_PERIODS) and _SEVERAL_INCIDENTS.search(self.statement.citation.text) is not None


@dataclass(frozen=True)
class _Edge:
    """Two sides that disagree. ``scope``: what is in dispute within the kind (a counted
    class, a vote, a fact), so that pairs are joined into one conflict only within it."""

    kind: str
    scope: str
    about: str
    a: ConflictSide
    b: ConflictSide
    #: Which claim each side makes, where its text does not say it alone ("7-2" and
    #: "seven to two"; the flat "0" before the hedged "1"); sides are ordered by it first.
    claims: tuple[str, str] = ("", "")


def _conflict_id(kind: str, sides: list[ConflictSide]) -> str:
    """A hash of the kind and every side's citation and claim: the same articles give
    the same id whatever their order."""
    raw = kind + "|" + "|".join(sorted("%s:%s:%d:%d" % s.citation.location + ":" + s.claim for s in sides))
    return "conflict-" + hashlib.sha1(raw.encode()).hexdigest()[:16]


def _interval(f: Figure) -> tuple[float, float] | None:
    if f.value is None:
        if f.low is not None and f.high is not None:
            return (f.low, f.high)
        return None
    v = f.value
    return {"=": (v, v), "~": (v * 0.8, v * 1.25), ">": (v, math.inf), ">=": (v, math.inf),
            "<": (0.0, v), "<=": (0.0, v)}.get(f.bound, (v, v))


def _thing(words: str) -> str:
    """The stem of the counted noun: the first plural-looking word, else the last content word."""
    found = [w for w in re.findall(r"[\w’'-]+", words) if terms(w)]
    plural = [w for w in found if len(w) > 3 and w.lower().endswith("s")]
    word = plural[0] if plural else (found[-1] if found else "")
    return word_stem(word) if word else ""


def _context(article: Article, st: Statement, start: int, end: int, first: bool) -> frozenset[str]:
    window = current().figure_context_chars
    s = max(st.citation.start, start - window)
    e = min(st.citation.end, end + window)
    while s > st.citation.start and not article.text[s - 1].isspace():
        s -= 1
    while e < st.citation.end and not article.text[e].isspace():
        e += 1
    ctx = set(terms(article.text[s:e]))
    if first and article.headline:  # a lede restates its headline
        ctx |= terms(article.headline)
    return frozenset(ctx)


def _mentions(article: Article, statements: list[Statement]) -> list[_Mention]:
    out = []
    text_sts = [st for st in statements if st.citation.field == "text"]
    for n, st in enumerate(text_sts):
        first = n == 0
        for f in st.figures:
            if (f.unit or "") in _TIME_UNITS or f.currency or not (f.counts or f.vague):
                continue
            if f.value is not None and not _a_whole_count(article.text, f):
                continue
            span = _interval(f)
            thing = _thing(f.counts or "")
            if not thing or thing in _CURRENCY_NOUNS or thing in _NOT_COUNTED \
                    or any(w in _CURRENCY_NOUNS for w in terms(f.unit or "")):
                continue
            if span is None and not f.vague:
                continue
            ctx = _context(article, st, f.start, f.end, first)
            measure = measure_of(article.text, f.start, f.end, f.end, st.citation.start, st.citation.end, thing)
            out.append(_Mention(article, st, f.text, f.start, f.end, thing, THING_CLASSES.get(thing, thing),
                                *(span or (0.0, math.inf)), vague=span is None, implied_min=None,
                                context=ctx, value=f.value, noun=f.counts or "", measure=measure))
        for m in _VAGUE.finditer(article.text, st.citation.start, st.citation.end):
            if any(f.start <= m.start() < f.end or m.start() <= f.start < m.end() for f in st.figures):
                continue
            thing = _thing(m.group("rest"))
            if not thing or thing in _CURRENCY_NOUNS:
                continue
            many = (m.group("many") or "").lower()
            ctx = _context(article, st, m.start(), m.end(), first)
            noun_end = next((m.start("rest") + w.end() for w in re.finditer(r"[\w’'-]+", m.group("rest"))
                             if word_stem(w.group()) == thing), m.end())
            measure = measure_of(article.text, m.start(), m.end("q"), noun_end, st.citation.start, st.citation.end,
                                 thing)
            out.append(_Mention(article, st, m.group("q").strip(), m.start("q"), m.end("q"), thing,
                                THING_CLASSES.get(thing, thing), 0.0, math.inf, True, _IMPLIED_MIN.get(many),
                                ctx, None, m.group("rest").strip(), measure))
        out += _elliptical(article, st, first) + _dead_and_wounded(article, st, first)
    return out


_COUNT = r"(?:\d{1,3}|(?i:" + "|".join(w for w, n in _NUMBER_WORDS.items() if n >= 1) + r"))"
#: After a count, up to two words and the verb telling them dead ("were killed", "died").
_TOLD_DEAD = (r"(?:[\w’'-]+\s+){0,2}?(?:(?:were|was|are|is|have\s+been|has\s+been|had\s+been)\s+)?"
              r"(?:killed|dead|died|shot\s+dead|fatally\s+shot|shot\s+and\s+killed)")
#: The dead and the wounded told together ("Four died and 11 were wounded", "one man was
#: killed and four other people wounded", "left two people dead and three others
#: wounded"): together, the people shot. "Wounded" only: the injured may have been hurt
#: otherwise (trampled, cut by glass). The dead are a whole group ("two more", "two of
#: them" are a part).
_DEAD_AND_WOUNDED = re.compile(
    r"(?<![\w’'-])(?P<dead>" + _COUNT + r")\s+(?!(?i:of|more|other|others|additional)\b)" + _TOLD_DEAD +
    r"\s*,?\s+and\s+"
    r"(?P<wounded>" + _COUNT + r")\s+(?:[\w’'-]+\s+){0,2}?(?:(?:were|was|are|is)\s+)?wounded\b", re.IGNORECASE)
#: A bound before a count ("at least two killed and ..."): no exact sum.
_BOUND_BEFORE = re.compile(r"\b(?:at\s+least|more\s+than|over|nearly|almost|about|around|some|up\s+to)\s*$",
                           re.IGNORECASE)


def _number(word: str) -> int:
    """A count written in digits or as a word up to twelve ("16", "Three")."""
    return int(word) if word.isdigit() else _NUMBER_WORDS[word.lower()]


def _dead_and_wounded(article: Article, st: Statement, first: bool) -> list[_Mention]:
    """The people shot, as the sum of the dead and the wounded told together (see
    ``_DEAD_AND_WOUNDED``): "Four died and 11 were wounded" counts 15 people shot, to
    compare with another account's "20 people shot"."""
    out = []
    for m in _DEAD_AND_WOUNDED.finditer(article.text, st.citation.start, st.citation.end):
        if _BOUND_BEFORE.search(article.text, max(0, m.start() - 12), m.start()):
            continue
        value = float(_number(m.group("dead")) + _number(m.group("wounded")))
        ctx = _context(article, st, m.start(), m.end(), first)
        out.append(_Mention(article, st, m.group(0), m.start(), m.end(), "peopl", "people", value, value,
                            vague=False, implied_min=None, context=ctx, value=value, noun="people", measure="shot"))
    return out


#: The dead told in a sentence ("One person was killed and three people were injured").
_DEAD = re.compile(r"(?<![\w’'-])(?P<dead>" + _COUNT + r")\s+" + _TOLD_DEAD + r"\b", re.IGNORECASE)
_A_DEATH = re.compile(r"\b(?:died|dies|dead|killed|fatally)\b", re.IGNORECASE)
_HURT = frozenset({"injured", "wounded"})


def _dead_among_the_injured(a: _Mention, b: _Mention) -> bool:
    """Counts of the injured that differ by the dead the lower one's sentence tells
    apart, where the higher one's article goes on to tell of a death: "One person was
    killed and three people were injured" and "Four people were injured in a shooting.
    ... One of the men later died" count the same four people."""
    va, vb = a.value, b.value
    if a.measure not in _HURT or a.measure != b.measure or va is None or vb is None:
        return False
    (low, fewer), (high, more) = ((a, va), (b, vb)) if va < vb else ((b, vb), (a, va))
    dead = sum(_number(m.group("dead")) for m in _DEAD.finditer(
        low.article.text, low.statement.citation.start, low.statement.citation.end))
    return dead > 0 and fewer + dead == more and _A_DEATH.search(high.article.text, high.end) is not None


def _a_whole_count(text: str, f: Figure) -> bool:
    """Whether the figure counts a whole group of its own: not a part of another ("one of
    the men", "two of the killings"), not more beside another group ("three other people",
    "three more", "another eight", "three additional officers"), not a rank ("a fifth
    person"), not a rate ("19.3 deaths per 100,000"), not the victims with their attacker
    ("seven people dead, including the gunman"), not a toll by where they died ("two
    people died at the scene")."""
    words = casefold_words(f.text).split()
    at = next((i for i, w in enumerate(words) if w[:1].isdigit() or w in NUMBER_WORDS), 0)
    before = casefold_words(text[max(0, f.start - 12):f.start]).split()
    after = casefold_words(text[f.end:f.end + 12]).split()
    if words[at + 1:at + 2] == ["of"]:
        return False
    if _BESIDE & set(words[at + 1:at + 3]) or (before and before[-1] in ("another", "other")):
        return False
    if _ORDINALS & set(words) or (after and after[0] == "per"):
        return False
    return not (_WITH_THE_ATTACKER.match(text, f.end) or _WHERE_THEY_DIED.match(text, f.end))


def _elliptical(article: Article, st: Statement, first: bool) -> list[_Mention]:
    """Counts of people without their noun, as the subject of what befell them ("All six
    were taken to Harlow Hospital", "Two were shot in the legs"): people only when the
    predicate is one that befalls people (shot, killed, hospitalised...)."""
    out = []
    for m in _ELLIPTICAL.finditer(article.text, st.citation.start, st.citation.end):
        value = float(_number(m.group("num")))
        if any(f.start <= m.start("num") < f.end for f in st.figures):
            continue
        measure = measure_of(article.text, m.start("num"), m.end("num"), m.end("num"), st.citation.start,
                             st.citation.end)
        if measure not in _HUMAN_MEASURES:
            continue
        ctx = _context(article, st, m.start("num"), m.end("num"), first)
        out.append(_Mention(article, st, m.group("q"), m.start("q"), m.end("q"), "peopl", "people", value, value,
                            vague=False, implied_min=None, context=ctx, value=value, noun="people", measure=measure))
    return out


def _superseded_in_its_sentence(m: _Mention) -> bool:
    """A count its own sentence says was since updated: it stands before an update cue
    ("two people had been killed and five wounded, but two more people have since died")."""
    return _SINCE_UPDATED.search(m.article.text, m.end, m.statement.citation.end) is not None


_CALENDAR_DAY = re.compile(r"[\dX]{4}-[\dX]{2}-[\dX]{2}")


def _other_days(a: Statement, b: Statement) -> bool:
    """Both statements name the day of what they tell, and never the same day: two
    incidents ("four people were wounded ... Sunday" / "Five people were wounded ...
    Thursday evening")."""
    da, db = ([t for t in day_refs(st) if _CALENDAR_DAY.match(t.value)] for st in (a, b))
    if not da or not db:
        return False
    return not any(x.value == y.value or same_day(x, y) for x in da for y in db)


def _same_thing(a: _Mention, b: _Mention) -> bool:
    """One counted class, or an event counted on one side ("about a dozen releases") of
    the things counted on the other ("large numbers of prisoners"), each named in the
    other's statement. Two plain nouns of different classes ("five people" and "a dozen
    gunshots" in one sentence) are different things."""
    if a.klass and a.klass == b.klass:
        return True
    if not (event_noun(a.thing) or event_noun(b.thing)):
        return False
    return concept_of(a.thing) in b.statement.terms and concept_of(b.thing) in a.statement.terms


def _same_measure(a: _Mention, b: _Mention) -> bool:
    """Both counts measured by one predicate (shot / killed / wounded / evacuated...):
    "five people were shot" and "six people were wounded" can both be true."""
    return a.measure is not None and a.measure == b.measure


#: Periods a city's tally of shootings covers ("over the weekend", "overnight"), told
#: with words of several incidents ("in seven separate shootings across the city",
#: "the spate of violence"): two counts of one such period measured alike are one tally,
#: though they share few other words, unless the words around them name different places
#: (a city's weekend and a borough's). A count of one incident ("five people were shot at
#: a party over the weekend") is a part of a tally: the two are not compared.
_TALLY_PERIODS = frozenset({"weekend", "overnight"})
_SEVERAL_INCIDENTS = re.compile(r"\b(?:shootings|incidents|citywide|city-wide|spate|separate|across the city)\b",
                                re.IGNORECASE)


def _same_event(a: _Mention, b: _Mention) -> bool:
    """The words around both share an event concept and at least one other term (the
    counted nouns themselves aside); two tallies of one period are one event, and never
    one with a count of a single incident (see ``_TALLY_PERIODS``)."""
    shared = (a.context & b.context) - {a.thing, b.thing}
    tally = a.period_tally
    if tally != b.period_tally:
        return False  # one incident that weekend is a part of the weekend's tally
    if tally and a.context & a.statement.name_terms != b.context & b.statement.name_terms:
        return False  # a city's weekend and a borough's ("nine people shot in Brooklyn over the weekend")
    if a.measure is not None and a.measure == b.measure and (len(shared) >= 3 or tally and shared & _TALLY_PERIODS):
        return True  # one predicate measures both, in words alike ("were taken to ... for treatment")
    return any(t.startswith("~") for t in shared) and len(shared) >= 2


#: A count of the attacker's victims: "A gunman killed 12 people", "the shooter shot and
#: killed four" (the words before the count, in its statement).
_BY_THE_ATTACKER = re.compile(r"\b(?:gunman|gunmen|shooter|attacker|killer|suspect)\s+(?:[\w’'-]+\s+){0,4}?"
                              r"(?:killed|murdered|shot and killed|fatally shot)\s+$", re.IGNORECASE)


def _attacker_counted_apart(a: _Mention, b: _Mention) -> bool:
    """Two death tolls one apart, one of them the attacker's victims ("A gunman killed 12
    people") and the other not ("Thirteen people are dead"): the other may count the
    attacker, dead too. No dispute."""
    if a.measure != "killed" or b.measure != "killed" or a.value is None or b.value is None \
            or abs(a.value - b.value) != 1:
        return False

    def victims(m: _Mention) -> bool:
        return _BY_THE_ATTACKER.search(m.article.text, m.statement.citation.start, m.start) is not None

    return victims(a) != victims(b)


def _disagree(a: _Mention, b: _Mention) -> bool:
    if a.vague and b.vague:
        return False
    if a.vague or b.vague:
        vague, count = (a, b) if a.vague else (b, a)
        if vague.implied_min is not None:
            return count.high < vague.implied_min
        return count.high != math.inf  # a count pins down what a vague claim leaves open
    return a.high < b.low or b.high < a.low


def _update(a: _Mention, b: _Mention) -> tuple[_Mention, _Mention] | None:
    """(earlier, later) when the later of two counts is an update, not a dispute:
    published at least ``_UPDATE_HOURS`` later and moved the way the measure moves as a
    story unfolds (more killed, wounded, arrested, evacuated...; fewer missing), or said
    as an update ("rose to", "has since"); else None."""
    hours = None if a.vague or b.vague else hours_between(a.article, b.article)
    if hours is None or abs(hours) < _UPDATE_HOURS:
        return None
    early, late = (a, b) if hours > 0 else (b, a)
    moved = bool(_UPDATE_CUE.search(late.statement.citation.text))
    if late.measure in _RISING:
        moved = moved or late.low > early.high
    elif late.measure == "missing":
        moved = moved or late.high < early.low
    return (early, late) if moved else None


def _update_cue(early: _Mention, late: _Mention) -> FramingCue:
    """The later count, marked as updating the earlier one."""
    return FramingCue(late.article.id, "updated_figure", late.text, late.statement.citation,
                      note=f"updates {early.text!r} ({outlet_name(early.article)}, published earlier)")


#: Plurals that do not begin with their singular ("men" for "man").
_IRREGULAR_PLURALS = {"man": "men", "woman": "women", "child": "children", "person": "people"}
#: What a count measures, as the question of a figure conflict puts it ("how many people
#: were taken to hospital").
_MEASURE_PHRASES = {"shot": "were shot", "killed": "were killed", "wounded": "were wounded",
                    "injured": "were injured", "evacuated": "were evacuated", "released": "were released",
                    "arrested": "were arrested", "returned": "returned", "hospitalised": "were taken to hospital",
                    "missing": "are missing", "rescued": "were rescued"}


def _as_written(m: _Mention) -> str:
    """The counted noun as the figure writes it ("households" for the extracted
    "household" in "146 households"; "men" in "THREE MEN"), in lower case unless it is
    a name, else as extracted."""
    noun = m.noun or m.klass
    if " " in noun:
        return noun
    forms = (fold(noun), _IRREGULAR_PLURALS.get(fold(noun), fold(noun)))
    word: str | None = next((w for w in re.findall(r"[\w’'-]+", m.text) if fold(w).startswith(forms)), None)
    if word is None:
        return noun
    return word.lower() if word.isupper() or word[:1].isupper() and m.text.strip().startswith(word) else word


def _question(numeric: _Mention, other: _Mention) -> str:
    """What a figure conflict is about: "how many people were taken to hospital" (the
    counted noun and the predicate that measures both counts; an event noun counted
    itself, "releases", is its own measure)."""
    noun = _as_written(numeric)
    measure = numeric.measure or other.measure
    if measure is None or event_noun(numeric.thing) or measure not in _MEASURE_PHRASES:
        return f"how many {noun}"
    return f"how many {noun} {_MEASURE_PHRASES[measure]}"


def _apart(a: Article, b: Article) -> bool:
    """Published more than ``compare.dispute_window_days`` apart (both dated)."""
    hours = hours_between(a, b)
    return hours is not None and abs(hours) > 24 * current().dispute_window_days


def _figure_edges(articles: Sequence[Article], sts: dict[str, list[Statement]],
                  updates: list[FramingCue] | None = None, background: BackgroundSpans | None = None
                  ) -> list[_Edge]:
    """One edge per pair of articles of different sources, published within
    ``compare.dispute_window_days`` of each other, and counted class: their best-matching
    mentions of one thing in one event, when the figures disagree and the later is not an
    update of the earlier (an update goes to ``updates`` as an ``updated_figure`` framing
    cue on the later statement). A statement that mentions an event of the story's
    background (``background``: "the Aurora theater shooting that left 12 people dead"
    in a report of another) gives no count."""
    mentions = {a.id: [m for m in _mentions(a, sts[a.id])
                       if (background is None or not background.mentioned_in(m.statement.citation))
                       and not _superseded_in_its_sentence(m)]
                for a in articles}
    edges: list[_Edge] = []
    for a, b in across_sources(articles, same_source):
        if _apart(a, b):
            continue
        # The best pair per pair of counted classes (unordered, so that which
        # article comes first cannot change which mentions are compared).
        best: dict[tuple[str, str], tuple[float, _Mention, _Mention]] = {}
        for ma in mentions[a.id]:
            for mb in mentions[b.id]:
                if not (_same_thing(ma, mb) and _same_measure(ma, mb) and _same_event(ma, mb)) \
                        or _other_days(ma.statement, mb.statement):
                    continue
                union = len(ma.context | mb.context) or 1
                score = len(ma.context & mb.context) / union
                pair = (min(ma.klass, mb.klass), max(ma.klass, mb.klass))
                if pair not in best or score > best[pair][0]:
                    best[pair] = (score, ma, mb)
        for (klass, _), (_, ma, mb) in sorted(best.items(), key=lambda kv: kv[0]):
            if not _disagree(ma, mb) or _attacker_counted_apart(ma, mb) or _dead_among_the_injured(ma, mb):
                continue
            update = _update(ma, mb)
            if update is not None:
                if updates is not None:
                    updates.append(_update_cue(*update))
                continue
            numeric = mb if ma.vague else ma
            edges.append(_Edge("figure", klass, _question(numeric, mb if numeric is ma else ma),
                               _side(ma.text, ma.statement, ma.value), _side(mb.text, mb.statement, mb.value)))
    return edges


#: A side that counts everyone it is about ("All six were taken to ..."), and an account
#: of the same that names no number ("All the victims were taken to ...").
_ALL_COUNT = re.compile(r"^(?i:all)\s+\S+$")
_ALL_OF_THEM = re.compile(r"\b(?i:all)(?:\s+of)?(?:\s+the)?\s+(?:victims|people|injured|wounded|patients|passengers)"
                          r"\s+(?:were|had been|have been)\b")


def _predicate_terms(sentence: str, subject: str) -> set[str]:
    """The content stems of what the clause says of ``subject``: its words after the
    subject, up to the next comma or full stop ("taken to Harlow Hospital for treatment")."""
    start = sentence.find(subject)
    rest = sentence[start + len(subject):] if start >= 0 else ""
    return set(terms(re.split(r"[,;.!?]", rest, maxsplit=1)[0]))


def _all_of_them_edges(articles: Sequence[Article], sts: dict[str, list[Statement]],
                       edges: Sequence[_Edge]) -> list[_Edge]:
    """A count disputed against "all N" ("Five people were taken to Harlow Hospital" /
    "All six were taken to Harlow Hospital") is disputed too by a third account that
    all of them were ("All the victims were taken to Harlow Hospital"): it says what "all
    six" says, in other words, and joins that side (its claim and value), against the
    same rival. Only when it tells the same thing of them as the "all N" sentence (two
    content words of what follows the subject, up to a comma) and gives no number
    itself, from an article of another source than the rival, published within
    ``compare.dispute_window_days``."""
    by_id = {a.id: a for a in articles}
    out = []
    for e in edges:
        if e.kind != "figure":
            continue
        for rival, whole in ((e.a, e.b), (e.b, e.a)):
            if whole.value is None or not _ALL_COUNT.match(whole.claim.strip()):
                continue
            said = _predicate_terms(whole.citation.text, whole.claim)
            against = by_id[rival.citation.article_id]
            for a in articles:
                if a.id in (rival.citation.article_id, whole.citation.article_id) \
                        or same_source(a, against) or _apart(a, against):
                    continue
                for st in sts[a.id]:
                    m = _ALL_OF_THEM.search(st.citation.text) if st.citation.field == "text" else None
                    if m and not st.figures and len(_predicate_terms(st.citation.text, m.group()) & said) >= 2:
                        out.append(_Edge("figure", e.scope, e.about, rival,
                                         ConflictSide(whole.claim, st.asserted_by, st.citation, whole.value)))
    return out


def _tallies(article: Article, statements: list[Statement]) -> list[tuple[tuple[int, int], Statement, str]]:
    out = []
    for st in statements:
        if st.citation.field != "text":
            continue
        for m in _TALLY.finditer(st.citation.text):
            nums = []
            for g in (m.group(1), m.group(2)):
                n = int(g) if g.isdigit() else _NUMBER_WORDS.get(g.lower())
                if n is None:
                    break
                nums.append(n)
            if len(nums) == 2:
                out.append(((max(nums), min(nums)), st, m.group(0)))
    return out


def _side(claim: str, st: Statement, value: float | None = None) -> ConflictSide:
    return ConflictSide(claim, st.asserted_by, st.citation, value)


def _tally_edges(articles: Sequence[Article], sts: dict[str, list[Statement]]) -> list[_Edge]:
    """Tallies of one vote (the same number of votes cast) that differ."""
    tallies = {a.id: _tallies(a, sts[a.id]) for a in articles}
    edges = []
    for a, b in across_sources(articles, same_source):
        for ta, sa, xa in tallies[a.id]:
            for tb, sb, xb in tallies[b.id]:
                if ta != tb and sum(ta) == sum(tb):
                    edges.append(_Edge("figure", f"tally of {sum(ta)}", "vote tally", _side(xa, sa),
                                       _side(xb, sb), ("%d-%d" % ta, "%d-%d" % tb)))
    return edges


#: A day written out ("Oct. 13", "June 7, 2013", "2015-06-07"), not told from the day of
#: publication ("Monday", "today", "two days later").
_WRITTEN_DAY = re.compile(rf"\d{{4}}|\b{MONTH_WORD}\s+\d|\d{{1,2}}/\d{{1,2}}", re.IGNORECASE)


#: A day told from another day than the article's ("two days later", "the next day") or
#: bounding a span ("since Tuesday"): no day of the event itself.
_TOLD_FROM_ANOTHER_DAY = re.compile(r"\b(?:later|earlier|after|before|next|following|previous|prior)\b", re.IGNORECASE)
_BOUND = re.compile(r"\b(?:since|until|till|through|by|from|for|updated|published|posted)\W*$", re.IGNORECASE)
#: The day something was said or made known ("police said Monday", "the name ... was
#: released today", "identified the victim on Tuesday"): the day of the telling, not of
#: the event told.
_TOLD_ON = re.compile(r"(?:\b(?:said|says|told|announced|identified|confirmed|reported|disclosed|named)"
                      r"|\b(?:names?|identit(?:y|ies)|details|statement|report|video|footage|photos?)\b[^.;]{0,200}"
                      r"\breleased)(?:\s+(?:reporters|police|him|her|them|the\s+(?:victims?|man|woman|boy|girl"
                      r"|suspects?|shooter|gunman)))?\s+(?:on\s+)?$", re.IGNORECASE)


#: A day opening its sentence before who said or made known what follows ("On Monday,
#: the coroner said Crawford died ...", "Tuesday, police identified ..."): the day of the
#: telling. Not a day after its event ("He died Sunday, police said").
_OPENS_SENTENCE = re.compile(r"(?:^|[.!?][\"”’)]*\s+|\n)\W*(?:(?:on|early|late)\s+)?$", re.IGNORECASE)
_TOLD_AFTER = re.compile(r",?\s+(?:[\w.’'-]+\s+){1,6}?(?:said|says|told|announced|confirmed|reported|disclosed"
                         r"|identified|released|ruled)\b", re.IGNORECASE)


def _day_of_the_event(article: Article, t: TimeRef) -> bool:
    """Whether a day reference can say when the event happened (see above)."""
    before = article.text[max(0, t.start - 250):t.start]
    told_after = _OPENS_SENTENCE.search(before) and _TOLD_AFTER.match(article.text, t.end, t.end + 80)
    return not (_TOLD_FROM_ANOTHER_DAY.search(t.text) or _BOUND.search(before[-12:]) or _TOLD_ON.search(before)
                or told_after)


#: The words of a day in a time of day ("Saturday", "Sept. 12"): a weekday, a month and
#: its day, a year.
_DAY_WORD = re.compile(rf"\b{WEEKDAY_WORD}\b|\b{MONTH_WORD}(?:\s+\d{{1,2}}\b)?|\b\d{{4}}\b", re.IGNORECASE)
#: An event told right before its time ("was shot ... Friday evening", "killed on
#: Saturday night", "happened around 2:30 a.m. Saturday"), or a shooting after it ("a
#: Thursday afternoon shooting"), within its clause.
_EVENT_BEFORE = re.compile(rf"\b(?:{EVENT_WORDS})\b[^,;:.!?]{{0,45}}$", re.IGNORECASE)
_EVENT_AFTER = re.compile(r"^\s*(?:shooting|gunfire|attack)\b", re.IGNORECASE)
_TIME_ON_A_DAY = re.compile(r"\d{4}-\d{2}-\d{2}T")


def _event_days(article: Article, st: Statement) -> list[TimeRef]:
    """The statement's day references, with a time of day that names its day ("Friday
    evening", "2:30 a.m. Saturday, Sept. 12") told of the event itself (an event word
    before it in its clause, or "shooting" after it) counted as that day: "Saturday
    night" may be the night of a meeting or a gathering, and "about 8:18 p.m." names no
    day (the publication day read into it is ours, not the outlet's). The reference keeps
    only its day's words ("Saturday, Sept. 12"), so two writings of one day in other words
    compare as one."""
    out = []
    for t in st.times:
        if t.granularity == "day":
            out.append(t)
        elif t.granularity == "time" and _TIME_ON_A_DAY.match(t.value):
            words = " ".join(m.group(0) for m in _DAY_WORD.finditer(t.text))
            before = article.text[max(0, t.start - 60):t.start]
            if words and (_EVENT_BEFORE.search(before) or _EVENT_AFTER.match(article.text[t.end:t.end + 20])):
                out.append(TimeRef(words, t.start, t.end, t.value[:10], "day", t.anchor))
    return out


def _day_words(t: TimeRef) -> str:
    """A side's claim: the words of the day it names ("last Friday" and "Friday" are one
    side), else the reference as written."""
    return " ".join(m.group(0) for m in _DAY_WORD.finditer(t.text)) or t.text


def _days_disagree(a: Article, ta: TimeRef, b: Article, tb: TimeRef) -> bool:
    """Whether two days of one event (each one :func:`_day_of_the_event` allows) say
    different days: not the same words or one inside the other (the same "Jan. 19" or
    "Monday" resolved to two days is our reading of two publication days, not a
    disagreement; "Thursday" and "Thursday, January 25" agree on the weekday), and,
    unless both write the day out, in articles published within
    ``compare.dispute_window_days`` of each other."""
    wa, wb = f" {casefold_words(ta.text)} ", f" {casefold_words(tb.text)} "
    if wa in wb or wb in wa or same_day(ta, tb):
        return False
    written = _WRITTEN_DAY.search(ta.text) and _WRITTEN_DAY.search(tb.text)
    return bool(written) or not _apart(a, b)


def _one_day_of_the_event(article: Article, st: Statement) -> TimeRef | None:
    """The one full calendar day a statement names of the event ("said Monday" is the day
    it was told), or None: none, several, one without its year or week, or a publication
    stamp left in the text."""
    if PUBLICATION_STAMP.match(st.citation.text):
        return None
    days = [t for t in _event_days(article, st) if _day_of_the_event(article, t)]
    return days[0] if len(days) == 1 and "X" not in days[0].value and "W" not in days[0].value else None


def _disputed_days(ta: TimeRef, tb: TimeRef, told: Sequence[tuple[TimeRef, Statement, TimeRef, Statement]]) -> bool:
    """Whether two days are the two sides of one of the ``told`` date disagreements."""
    return any((same_day(ta, x) and same_day(tb, y)) or (same_day(ta, y) and same_day(tb, x))
               for x, _, y, _ in told)


def _fact_edges(articles: Sequence[Article], facts: Sequence[Fact],
                st_of: dict[tuple[str, str, int, int], Statement]) -> list[_Edge]:
    """Date disagreements between the statements of one fact, each naming one day of
    the event (:func:`_one_day_of_the_event`; :func:`_days_disagree`): a day something
    was said or made known beside it does not count ("Authorities said Monday a boy shot
    ... last Friday" names one, Friday); a publication stamp left in the text is no
    statement of the event's day.
    Two statements disagree when they share enough words to tell of one event
    (``compare.date_same_event_jaccard``: a fact may align neighbouring events), or when
    their two days are those of such a disagreement in the same fact: a third account
    aligned with them that gives one of the two days takes that side."""
    by_id = {a.id: a for a in articles}
    same_event = current().date_same_event_jaccard
    edges = []
    for fact in facts:
        support = [(by_id[c.article_id], st_of[c.location]) for c in fact.support if c.location in st_of]
        days = [_one_day_of_the_event(a, st) for a, st in support]
        # disagreeing pairs that share the event's words, and the others
        told: list[tuple[TimeRef, Statement, TimeRef, Statement]] = []
        apart: list[tuple[TimeRef, Statement, TimeRef, Statement]] = []
        for n, (a, sa) in enumerate(support):
            for m in range(n + 1, len(support)):
                (b, sb), da, db = support[m], days[n], days[m]
                if da is None or db is None or same_source(a, b) or not _days_disagree(a, da, b, db):
                    continue
                close = len(sa.terms & sb.terms) / max(1, len(sa.terms | sb.terms)) >= same_event
                (told if close else apart).append((da, sa, db, sb))
        for ta, sa, tb, sb in told + [pair for pair in apart if _disputed_days(pair[0], pair[2], told)]:
            edges.append(_Edge("date", fact.id, fact.statement, _side(_day_words(ta), sa), _side(_day_words(tb), sb)))
    return edges


def find_conflicts(articles: Sequence[Article], facts: list[Fact],
                   split: Mapping[str, Sequence[Statement]] | None = None,
                   updates: list[FramingCue] | None = None,
                   timeline: Sequence[TimelineEvent] | None = None) -> list[Conflict]:
    """One conflict per disagreement in the story (see :func:`_consolidate`); every fact
    citing a side's statement gets ``status = "disputed"`` unless independent sources
    agree on that side and no rival side is among its statements (the facts are updated
    in place). ``split``: each article's ``statements_of``, when the caller has them.
    ``updates`` receives an ``updated_figure`` framing cue for each later count that
    updates an earlier one (not a conflict). ``timeline``: the story's
    (``build_timeline``): counts told of its background events are not compared."""
    if one_account(articles, same_source):
        return []  # every finder compares across sources
    sts = {a.id: list(split[a.id]) if split is not None else statements_of(a) for a in articles}
    st_of = {st.citation.location: st for a in articles for st in sts[a.id]}
    background = BackgroundSpans(timeline) if timeline is not None else None
    edges = _figure_edges(articles, sts, updates, background)
    edges += _all_of_them_edges(articles, sts, edges) + _tally_edges(articles, sts)
    edges += _fact_edges(articles, facts, st_of)
    if current().time_conflicts:
        edges += [_Edge(d.kind, d.scope, d.about, d.a, d.b, d.claims)
                  for d in find_time_conflicts(articles, facts, st_of, same_source)]
    edges += [_Edge("place", "", f"where: {a.citation.text}", a, b)
              for a, b in find_place_conflicts(articles, sts, same_source)]
    edges += _attribution_edges(articles, sts)
    edges += [_Edge(d.kind, d.scope, d.about, d.a, d.b, d.claims) for d in find_detail_conflicts(articles, sts, same_source)]
    out = _consolidate(edges, {a.id: n for n, a in enumerate(articles)})
    drop_contradicting(facts, [c for c, _ in out], articles)
    fact_of = {c.location: fact for fact in facts for c in fact.support}
    by_id = {a.id: a for a in articles}
    for conflict, rivals in out:
        ids: list[str] = []
        for cited, against in rivals:
            f = fact_of.get(cited.location)
            if f is None or f.id in ids or _agreed_side(f, conflict, cited, against, by_id):
                continue
            ids.append(f.id)
            f.status = "disputed"
        conflict.fact_ids = ids
    log.debug("%d conflicts (%d disagreeing pairs) among %d articles", len(out), len(edges), len(articles))
    return [c for c, _ in out]


_NodeKey = tuple[str, str, str, int, int, str]
#: A side in one scope: (scope, (kind, article id, field, start, end, claim)).
_Node = tuple[str, _NodeKey]


def _node_key(kind: str, side: ConflictSide) -> _NodeKey:
    return (kind, *side.citation.location, side.claim)


def _claim_key(claim: str) -> str:
    return " ".join(re.findall(r"\w+", fold(claim)))


def _consolidate(edges: Sequence[_Edge], order: dict[str, int],
                 ) -> list[tuple[Conflict, list[tuple[Citation, list[Citation]]]]]:
    """One conflict per disagreement: the disagreeing pairs (``edges``) of one kind and
    one thing in dispute (``scope``: the counted class, the vote, the fact) joined where
    they share a side, so every article asserting a claim in dispute is one side of the
    same conflict, however many outlets and copies repeat it. A figure an article repeats
    (its lede and a later sentence, each matched with a different rival) is one claim:
    joined, and shown once, where the article first gives it. Sides are ordered by claim
    (``_Edge.claims``, else figures by value before vague claims, else the claim's
    words), then by article; conflicts by their first disagreeing pair. Also returns,
    for every side (shown or not), its citation and those of the sides it disagrees with."""
    parent: dict[_Node, _Node] = {}

    def find(x: _Node) -> _Node:
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    sides: dict[_Node, ConflictSide] = {}
    claim: dict[_Node, str] = {}
    rivals: dict[_Node, list[Citation]] = {}
    for e in edges:
        a, b = (e.scope, _node_key(e.kind, e.a)), (e.scope, _node_key(e.kind, e.b))
        for node, side, group in ((a, e.a, e.claims[0]), (b, e.b, e.claims[1])):
            if node not in parent:
                parent[node], sides[node] = node, side
                claim[node] = group or ("" if side.value is not None else _claim_key(side.claim))
        rivals.setdefault(a, []).append(e.b.citation)
        rivals.setdefault(b, []).append(e.a.citation)
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[rb] = ra
    repeated: dict[tuple[str, str, str, float], _Node] = {}
    for node in list(parent):
        if node[1][0] == "figure":
            s = sides[node]
            same = repeated.setdefault((node[0], s.citation.article_id, claim[node], s.value or 0.0), node)
            ra, rb = find(same), find(node)
            if ra != rb:
                parent[rb] = ra
    members: dict[_Node, list[_Node]] = {}
    for node in parent:
        members.setdefault(find(node), []).append(node)
    first: dict[_Node, tuple[int, str]] = {}
    for n, e in enumerate(edges):  # a disagreement is about what its first disagreeing pair is about
        first.setdefault(find((e.scope, _node_key(e.kind, e.a))), (n, e.about))

    def rank(node: _Node) -> tuple[str, float, int, int]:
        s = sides[node]
        return (claim[node], s.value or 0.0, order.get(s.citation.article_id, len(order)), s.citation.start)

    out = []
    for root in sorted(members, key=lambda r: first[r][0]):
        nodes = sorted(members[root], key=rank)
        conflict_kind = root[1][0]
        seen: set[tuple[str, str, float]] = set()
        ordered = []
        for node in nodes:
            said = (sides[node].citation.article_id, claim[node], sides[node].value or 0.0)
            if conflict_kind != "figure" or said not in seen:
                seen.add(said)
                ordered.append(sides[node])
        out.append((Conflict(_conflict_id(conflict_kind, ordered), conflict_kind, first[root][1], ordered),
                    [(sides[node].citation, rivals[node]) for node in nodes]))
    return out


def _agreed_side(fact: Fact, conflict: Conflict, side: Citation, rivals: Sequence[Citation],
                 by_id: Mapping[str, Article]) -> bool:
    """True when independent sources agree on this side of the conflict and none of the
    sides it disagrees with is among the fact's statements: the fact (e.g. what a leader
    claimed, reported alike by two outlets) stays corroborated; the conflict records the
    accounts that disagree. When the fact shows the side itself (its sentence is the side's
    or says its claim), only the statements that state the claim count (a side with that
    claim, or words that say it): "a majority of the committee backed the move" aligned
    with "voted 6-1" does not make "6-1" agreed."""
    cited = {c.location for c in fact.support}
    if any(r.location in cited for r in rivals) or fact.independent_sources < 2:
        return False
    claims = {s.citation.location: s.claim for s in conflict.sides}
    mine = claims.get(side.location, "")
    if fact.statement != side.text and not says_claim(mine, fact.statement):
        return True  # the fact shows another claim of these statements (its agreed part)
    stating = [c for c in fact.support if claims.get(c.location) == mine or says_claim(mine, c.text)]
    return support_sources(stating, by_id) >= 2


#: A speaker that names several people ("John Ashcroft, Kit Bond and Jim Talent").
_SEVERAL = re.compile(r",|\band\b|&")


def _attribution_edges(articles: Sequence[Article], sts: dict[str, list[Statement]]) -> list[_Edge]:
    """One quotation (word overlap) given to two different persons, each named as its
    speaker (a speaker read from "she said" is the pronoun's guessed referent: a wrong
    guess is no dispute between the outlets; a speaker naming several people is a
    statement's signatories or the extractor's reach into the sentence before, not one
    person's word against another's; a quotation inside another one is its speaker quoting
    someone: whose words they are is the inner cue's, not the outer speaker's)."""
    quotes = []
    for a in articles:
        direct = [(q.start, q.end) for q in a.quotes if q.kind == "direct"]
        for q in a.quotes:
            words = frozenset(fold(w) for w in re.findall(r"\w+", q.text))
            if (q.speaker or "").strip().casefold() in _PRONOUNS or _SEVERAL.search(q.speaker or ""):
                continue  # a guessed referent, or several people named together: no one person's words
            if any(s <= q.start and q.end <= e and (s, e) != (q.start, q.end) for s, e in direct):
                continue  # quoted within a quotation ("... and said 'the plan is dead,'" she wrote)
            if q.kind in ("direct", "partial") and len(words) >= 6 and (q.speaker_entity or "").startswith("person:"):
                st = next((s for s in sts[a.id] if s.citation.field == "text"
                           and s.citation.start <= q.start < s.citation.end), None)
                if st is not None:
                    quotes.append((a, q, words, st))
    out = []
    same_quote = current().attribution_quote_jaccard  # share of words two renderings of one quotation share
    for i, j in _overlapping_pairs([words for _, _, words, _ in quotes], same_quote):
        (a, qa, wa, sa), (b, qb, wb, sb) = quotes[i], quotes[j]
        ka, kb = qa.speaker_entity or "", qb.speaker_entity or ""
        if ka == kb or same_source(a, b):
            continue
        if len(wa & wb) / len(wa | wb) >= same_quote and not same_speaker(ka, kb):
            out.append(_Edge("attribution", "", qa.text, ConflictSide(qa.text, ka, sa.citation),
                             ConflictSide(qb.text, kb, sb.citation), (ka, kb)))
    return out


def _overlapping_pairs(sets: Sequence[frozenset[str]], threshold: float) -> list[tuple[int, int]]:
    """Every pair ``(i, j)``, ``i < j``, that can reach ``threshold`` Jaccard similarity,
    in order, without comparing all pairs (prefix filtering: with words ordered rarest
    first, two sets that similar share a word among the first ``len - ceil(threshold *
    len) + 1`` words of each). A superset of the pairs that reach it; the caller checks."""
    df: dict[str, int] = {}
    for words in sets:
        for w in words:
            df[w] = df.get(w, 0) + 1
    index: dict[str, list[int]] = {}
    pairs: set[tuple[int, int]] = set()
    for j, words in enumerate(sets):
        ordered = sorted(words, key=lambda w: (df[w], w))
        prefix = ordered[:len(ordered) - math.ceil(threshold * len(ordered) - 1e-9) + 1]
        for w in prefix:
            for i in index.get(w, ()):
                pairs.add((i, j))
            index.setdefault(w, []).append(j)
    return sorted(pairs)
