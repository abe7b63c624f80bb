"""Where a story's independent accounts disagree.

* ``figure``: numbers for the same counted thing in the same event that cannot both be
  true ("at least 1,200" vs "about 900" people evacuated), or a vague claim against a
  count ("large numbers" of prisoners released vs "about a dozen" confirmed). The same
  thing: the counted nouns are one class (people/residents, families/households) or each
  appears in the other's sentence; the same event: the words around both figures share
  an event concept (``~release``, ``~evacuate``...; see ``statements.terms``).
  Vote tallies ("voted 6-1" vs "five to two") are compared as tallies.
* ``date``: aligned statements (one fact) whose one day each is not the same day.
* ``place``: two statements saying the same thing that put the event in places that
  cannot both be right (a gazetteer decides; a city inside the other side's country is
  no conflict; see ``storylens.compare.places``).
* ``attribution``: one quotation (word overlap) given to two different persons.
* ``hedging``: a fact one outlet states in its own voice and another hedges ("claims",
  "alleged", "according to").

Only articles of different independent sources are compared (a syndication group or a
duplicate is one account). ``find_conflicts`` marks every fact a conflict involves as
``disputed``. Pure: nothing here reads disk or network.
"""

from __future__ import annotations

import hashlib
import logging
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from storylens.cluster.features import fold
from storylens.compare.facts import same_day
from storylens.compare.places import find_place_conflicts
from storylens.compare.statements import Statement, concept_of, statements_of, terms, word_stem
from storylens.model import Article, Citation, Conflict, ConflictSide, Fact, Figure

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
_TIME_UNITS = {"day", "hour", "week", "month", "year", "year-old", "minute", "second", "decade", "night", "percent"}
_VAGUE = re.compile(
    r"(?P<q>[\"“']?\b(?:(?P<adj>large|huge|great|significant|important|substantial|considerable|vast)"
    r"\s+numbers?|(?P<many>hundreds|thousands|dozens|scores|millions))[\"”']?)\s+of\s+"
    r"(?P<rest>(?:[\"“']?[\w’'-]+[\"”']?\s*){1,3})", re.IGNORECASE)
_IMPLIED_MIN = {"hundreds": 200.0, "thousands": 2000.0, "dozens": 24.0, "scores": 40.0, "millions": 2e6}
_NUMBER_WORDS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve".split())}
_TALLY = re.compile(r"\bvot(?:ed|e|es|ing)\s+(?:was\s+)?(\d+|[a-z]+)\s*(?:-|–|to)\s*(\d+|[a-z]+)\b", re.IGNORECASE)
_WINDOW = 70
#: Two aligned statements are about the same event for a date conflict when this share of
#: their stems is common (a fact may align neighbouring events).
_SAME_EVENT_JACCARD = 0.3


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


def _source(a: Article) -> str:
    return a.syndication_group or a.duplicate_of or a.id


def _key(c: Citation) -> tuple[str, str, int, int]:
    return (c.article_id, c.field, c.start, c.end)


def _conflict_id(kind: str, sides: list[ConflictSide]) -> str:
    raw = kind + "|" + "|".join(sorted("%s:%s:%d:%d" % _key(s.citation) for s in sides))
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
    s = max(st.citation.start, start - _WINDOW)
    e = min(st.citation.end, end + _WINDOW)
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
            span = _interval(f)
            thing = _thing(f.counts or "")
            if not thing or thing in _CURRENCY_NOUNS or any(w in _CURRENCY_NOUNS for w in terms(f.unit or "")):
                continue
            if span is None and not f.vague:
                continue
            ctx = _context(article, st, f.start, f.end, first)
            out.append(_Mention(article, st, f.text, f.start, f.end, thing, THING_CLASSES.get(thing, thing),
                                *(span or (0.0, math.inf)), vague=span is None, implied_min=None,
                                context=ctx, value=f.value, noun=f.counts or ""))
        for m in _VAGUE.finditer(article.text, st.citation.start, st.citation.end):
            if any(f.start <= m.start() < f.end or m.start() <= f.start < m.end() for f in st.figures):
                continue
            thing = _thing(m.group("rest"))
            if not thing or thing in _CURRENCY_NOUNS:
                continue
            many = (m.group("many") or "").lower()
            ctx = _context(article, st, m.start(), m.end(), first)
            out.append(_Mention(article, st, m.group("q").strip(), m.start("q"), m.end("q"), thing,
                                THING_CLASSES.get(thing, thing), 0.0, math.inf, True, _IMPLIED_MIN.get(many),
                                ctx, None, m.group("rest").strip()))
    return out


def _same_thing(a: _Mention, b: _Mention) -> bool:
    if a.klass and a.klass == b.klass:
        return True
    return concept_of(a.thing) in b.statement.terms and concept_of(b.thing) in a.statement.terms


def _same_event(a: _Mention, b: _Mention) -> bool:
    """The words around both share an event concept and at least one other term (the
    counted nouns themselves aside)."""
    shared = (a.context & b.context) - {a.thing, b.thing}
    return any(t.startswith("~") for t in shared) and len(shared) >= 2


def _disagree(a: _Mention, b: _Mention) -> bool:
    if a.vague and b.vague:
        return False
    if a.vague or b.vague:
        vague, count = (a, b) if a.vague else (b, a)
        if vague.implied_min is not None:
            return count.high < vague.implied_min
        return count.high != math.inf  # a count pins down what a vague claim leaves open
    return a.high < b.low or b.high < a.low


def _figure_conflicts(articles: Sequence[Article], sts: dict[str, list[Statement]]) -> list[list[_Mention]]:
    mentions = {a.id: _mentions(a, sts[a.id]) for a in articles}
    edges: list[tuple[_Mention, _Mention]] = []
    for i, a in enumerate(articles):
        for b in articles[i + 1:]:
            if _source(a) == _source(b):
                continue
            best: dict[str, tuple[float, _Mention, _Mention]] = {}
            for ma in mentions[a.id]:
                for mb in mentions[b.id]:
                    if not (_same_thing(ma, mb) and _same_event(ma, mb)):
                        continue
                    union = len(ma.context | mb.context) or 1
                    score = len(ma.context & mb.context) / union
                    if ma.klass not in best or score > best[ma.klass][0]:
                        best[ma.klass] = (score, ma, mb)
            for _, ma, mb in best.values():
                if _disagree(ma, mb):
                    edges.append((ma, mb))
    groups: list[list[_Mention]] = []
    for ma, mb in edges:
        for g in groups:
            if g[0].klass == ma.klass and any(m is ma or m is mb for m in g):
                g.extend(m for m in (ma, mb) if all(x is not m for x in g))
                break
        else:
            groups.append([ma, mb])
    return groups


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


def find_conflicts(articles: Sequence[Article], facts: Sequence[Fact]) -> list[Conflict]:
    """Conflicts between the story's independent accounts; every fact citing a side's
    statement gets ``status = "disputed"`` (the facts are updated in place)."""
    sts = {a.id: statements_of(a) for a in articles}
    by_id = {a.id: a for a in articles}
    fact_of: dict[tuple[str, str, int, int], Fact] = {}
    for fact in facts:
        for c in fact.support:
            fact_of[_key(c)] = fact
    st_of = {_key(st.citation): st for a in articles for st in sts[a.id]}
    out: list[Conflict] = []

    for group in _figure_conflicts(articles, sts):
        sides = [_side(m.text, m.statement, m.value) for m in group]
        numeric = next((m for m in group if not m.vague), group[0])
        out.append(Conflict("", "figure", f"how many {numeric.noun or numeric.klass}", sides))

    tallies = {a.id: _tallies(a, sts[a.id]) for a in articles}
    for i, a in enumerate(articles):
        for b in articles[i + 1:]:
            if _source(a) == _source(b):
                continue
            for ta, sa, xa in tallies[a.id]:
                for tb, sb, xb in tallies[b.id]:
                    if ta != tb and sum(ta) == sum(tb):
                        out.append(Conflict("", "figure", "vote tally", [_side(xa, sa), _side(xb, sb)]))

    for fact in facts:
        support = [(by_id[c.article_id], st_of[_key(c)]) for c in fact.support if _key(c) in st_of]
        for n, (a, sa) in enumerate(support):
            for b, sb in support[n + 1:]:
                if _source(a) == _source(b):
                    continue
                da = [t for t in sa.times if t.granularity == "day"]
                db = [t for t in sb.times if t.granularity == "day"]
                values = da[0].value + db[0].value if len(da) == 1 and len(db) == 1 else "X"
                close = len(sa.terms & sb.terms) / max(1, len(sa.terms | sb.terms)) >= _SAME_EVENT_JACCARD
                if "X" not in values and "W" not in values and close and not same_day(da[0], db[0]):
                    out.append(Conflict("", "date", fact.statement, [_side(da[0].text, sa), _side(db[0].text, sb)]))
                for flat, hedged in ((sa, sb), (sb, sa)):
                    if (flat.asserted_by == "outlet" and not (flat.quoted or flat.hedged or flat.scare)
                            and hedged.hedged):
                        out.append(Conflict("", "hedging", fact.statement,
                                            [_side(flat.citation.text, flat), _side(hedged.citation.text, hedged)]))

    for sides in find_place_conflicts(articles, sts, _source):
        out.append(Conflict("", "place", f"where: {sides[0].citation.text}", sides))
    out.extend(_attribution_conflicts(articles, sts))

    unique: dict[str, Conflict] = {}
    for c in out:
        c.id = _conflict_id(c.kind, c.sides)
        ids = []
        for s in c.sides:
            f = fact_of.get(_key(s.citation))
            if f is None or f.id in ids or _agreed_side(f, s, c):
                continue
            ids.append(f.id)
            f.status = "disputed"
        c.fact_ids = ids
        unique.setdefault(c.id, c)
    log.debug("%d conflicts among %d articles", len(unique), len(articles))
    return list(unique.values())


def _agreed_side(fact: Fact, side: ConflictSide, conflict: Conflict) -> bool:
    """True when independent sources agree on this side of the conflict and no other side
    is among the fact's statements: the fact (e.g. what a leader claimed, reported alike by
    two outlets) stays corroborated; the conflict records the account that disagrees."""
    cited = {_key(c) for c in fact.support}
    others = [o for o in conflict.sides if o is not side]
    return fact.independent_sources >= 2 and not any(_key(o.citation) in cited for o in others)


def _attribution_conflicts(articles: Sequence[Article], sts: dict[str, list[Statement]]) -> list[Conflict]:
    quotes = []
    for a in articles:
        for q in a.quotes:
            words = frozenset(fold(w) for w in re.findall(r"\w+", q.text))
            if q.kind in ("direct", "partial") and len(words) >= 6 and (q.speaker_entity or "").startswith("person:"):
                st = next((s for s in sts[a.id] if s.citation.field == "text"
                           and s.citation.start <= q.start < s.citation.end), None)
                if st is not None:
                    quotes.append((a, q, words, st))
    out = []
    for i, (a, qa, wa, sa) in enumerate(quotes):
        for b, qb, wb, sb in quotes[i + 1:]:
            if _source(a) == _source(b) or qa.speaker_entity == qb.speaker_entity:
                continue
            if len(wa & wb) / len(wa | wb) >= 0.6:
                out.append(Conflict("", "attribution", qa.text,
                                    [ConflictSide(qa.text, qa.speaker_entity or "", sa.citation),
                                     ConflictSide(qb.text, qb.speaker_entity or "", sb.citation)]))
    return out
