"""An article split into statements (sentences, long ones cut at semicolons), each with
what the comparison reads of it: content-word stems, entity keys, figures, time
references, who asserts it and whether it is hedged.

Every statement is a :class:`~storylens.model.Citation` whose ``text`` equals
``article.text[start:end]`` (or ``article.headline[start:end]`` with ``field="headline"``).
Stems are the cheap suffix-stripping lemmas of story clustering (``cheap_lemma``), with a
small lexicon of news paraphrases mapped to one concept ("freed" / "released",
"leave their homes" / "evacuated"), so the same thing said in other words still shares
terms. Pure functions: nothing here reads disk or network.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_left
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache
from dataclasses import dataclass, field

from storylens.text import STOP_WORDS, cheap_lemma, fold, stripped_span
from storylens.compare.settings import current
from storylens.compare.textspans import sentence_spans
from storylens.model import Article, Citation, Figure, Quote, TimeRef

__all__ = ["UNKNOWN_SPEAKER", "Statement", "split_statements", "statement_spans", "statements_of", "terms", "word_stem",
           "concept_of", "outlet_name", "across_sources", "one_account", "hours_between", "same_speaker", "HEDGE_CUES"]

log = logging.getLogger(__name__)

_WORD = re.compile(r"~\w+|[^\W_]+(?:['’.\-][^\W_]+)*", re.UNICODE)
_CLAUSE = re.compile(r";\s|\s[—–]\s|,\s(?=(?:however|but|while|whereas|although|though|after|before|amid|despite|since|in the wake of)\b"
                     r"|(?!according\b)[a-z]+ing\b|[a-z]+ed by\b)")

#: Words that hedge or distance a claim from the outlet's own voice.
HEDGE_CUES = re.compile(
    r"\b(?:claim(?:s|ed|ing)?|alleg(?:e|es|ed|edly|ing)|purport(?:s|ed|edly)?|reportedly|supposedly"
    r"|so-called|according to|unverified|unconfirmed|unsubstantiated)\b", re.IGNORECASE)

# Paraphrases news outlets use for the same event, folded to one concept term. Phrases
# are matched on folded text before tokenizing; single stems after cheap_lemma.
# Each phrase with a word every match of it contains (a text without it is not searched).
_PHRASES = [
    (re.compile(r"\b(?:leav(?:e|es|ing)|left) (?:their|his|her|the) homes?\b"), "home", " ~evacuate "),
    (re.compile(r"\b(?:went|gone|go|goes|going|head(?:ed|ing|s)?|return(?:ed|ing|s)?|came|come|back) home\b"),
     "home", " ~return "),
    (re.compile(r"\bcall(?:ed|s|ing)? off\b"), "off", " ~cancel "),
    (re.compile(r"\bset free\b"), "free", " ~release "),
    (re.compile(r"\b(?:taken|placed) into custody\b"), "custody", " ~detain "),
    (re.compile(r"\bmedical cent(?:er|re)s?\b"), "medical", " hospital "),
]
_CONCEPTS = {
    "evacuat": "~evacuate", "evacue": "~evacuate", "flee": "~evacuate", "fled": "~evacuate",
    "displac": "~evacuate",
    "releas": "~release", "free": "~release", "freed": "~release", "freeing": "~release",
    "cancel": "~cancel", "cancell": "~cancel", "scrap": "~cancel", "scrapp": "~cancel",
    "return": "~return",
    "kill": "~die", "dead": "~die", "die": "~die", "died": "~die", "dying": "~die", "death": "~die",
    "fatalit": "~die",
    "injur": "~injure", "injury": "~injure", "wound": "~injure", "hurt": "~injure",
    "arrest": "~detain", "detain": "~detain", "detention": "~detain", "bust": "~detain", "apprehend": "~detain",
    "slain": "~die", "slay": "~die", "fatal": "~die", "fatally": "~die", "cop": "polic",
    "teenager": "teen",
    "captur": "~capture", "seiz": "~capture", "seizur": "~capture", "abduct": "~capture",
    "abduction": "~capture",
    "strik": "~attack", "strike": "~attack", "attack": "~attack", "raid": "~attack",
    "rais": "~raise", "lift": "~raise", "hik": "~raise", "hike": "~raise", "increas": "~raise",
    "rise": "~raise", "ros": "~raise",
    "usa": "~us", "america": "~us", "american": "~us",
}
_SCARE = re.compile(r"[\"“‘'](?:[^\s\"“”‘’']+(?:\s[^\s\"“”‘’']+){0,3})[\"”’'](?!\w)")
_EXTRA_STOP = frozenset("told added announced stated noted according also just still".split())
_PRONOUNS = frozenset("he she they it we i you his her their its this that who which".split())


@dataclass
class Statement:
    """One statement of one article and what the comparison reads of it."""

    citation: Citation
    index: int
    terms: frozenset[str]
    entities: frozenset[str]
    figures: list[Figure] = field(default_factory=list)
    times: list[TimeRef] = field(default_factory=list)
    asserted_by: str = "outlet"
    quoted: bool = False
    hedged: bool = False
    #: a word or short phrase in quotation marks inside an outlet's own sentence
    scare: bool = False
    #: stems of the words that name an entity (weighed less: the entity keys count them)
    name_terms: frozenset[str] = frozenset()
    #: the sentence is mostly the direct quotation (own words) of ``asserted_by``, a speaker
    #: the text names there (not one read from a pronoun)
    direct: bool = False


def outlet_name(article: Article) -> str:
    """The outlet, or the source's file name (with its ``#entry-N`` part) when unknown."""
    if article.outlet:
        return article.outlet
    path, _, fragment = article.source.partition("#")
    name = path.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1] or article.id
    return f"{name}#{fragment}" if fragment else name


def across_sources(articles: Sequence[Article],
                   same_source: Callable[[Article, Article], bool]) -> Iterator[tuple[Article, Article]]:
    """Every pair of the articles (in their order) that are not ``same_source``: two copies
    of one account, or two reports of one outlet, are never a dispute with themselves."""
    for i, a in enumerate(articles):
        for b in articles[i + 1:]:
            if not same_source(a, b):
                yield a, b


def one_account(articles: Sequence[Article], same_source: Callable[[Article, Article], bool]) -> bool:
    """Whether the articles are all one source (one article, one outlet's, copies of one
    text): no pair ``across_sources``, so nothing of one can be set against another."""
    return next(across_sources(articles, same_source), None) is None


def hours_between(earlier: Article, later: Article) -> float | None:
    """Hours from ``earlier``'s publication to ``later``'s (negative when ``later`` came
    first); None when either is undated, or one time has its zone and the other not
    (which came first is unknown)."""
    if earlier.published is None or later.published is None:
        return None
    try:
        return (later.published - earlier.published).total_seconds() / 3600
    except TypeError:
        return None


@lru_cache(maxsize=8192)
def terms(text: str) -> frozenset[str]:
    """Content-word stems of ``text`` with news paraphrases mapped to concepts (cached:
    names and the words around figures are read again for every statement and pair of
    a story; 8,192 texts keep nearly every hit of a larger cache, and bound what a
    long-running process holds)."""
    folded = fold(text)
    for pattern, word, concept in _PHRASES:
        if word in folded:
            folded = pattern.sub(concept, folded)
    return frozenset(t for t in map(_term, _WORD.findall(folded)) if t is not None)


@lru_cache(maxsize=65536)
def _term(word: str) -> str | None:
    """What one word of folded text adds to ``terms``: a concept, its stem, or nothing
    (None: a stop word or a single character)."""
    if word.startswith("~"):
        return word
    w = word.strip("'’.-")
    if len(w) < 2 or w in STOP_WORDS or w in _EXTRA_STOP:
        return None
    stem = _stem(w)
    return _CONCEPTS.get(stem) or _CONCEPTS.get(w) or stem


def word_stem(word: str) -> str:
    """The stem ``terms`` uses for one word, before concepts are applied."""
    return _stem(fold(word).strip("'’.-"))


def concept_of(stem: str) -> str:
    """The concept a stem stands for in ``terms`` (the stem itself when none)."""
    return _CONCEPTS.get(stem) or stem


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    """``cheap_lemma`` plus the noun suffixes it keeps ("cooperation" = "cooperating")."""
    stem = cheap_lemma(word)
    if len(stem) > 7 and stem.endswith("ation"):
        return stem[:-3]
    if len(stem) > 7 and stem.endswith("ment"):
        return stem[:-4]
    return stem


def statement_spans(text: str, offset: int = 0) -> list[tuple[int, int, int, int]]:
    """(start, end) of each statement and (start, end) of the sentence it is a clause of
    (``textspans.sentence_spans``)."""
    settings = current()
    out = _statement_spans_of(text, settings.long_sentence_chars, settings.min_clause_chars)
    if not offset:
        return list(out)
    return [(a + offset, b + offset, s + offset, e + offset) for a, b, s, e in out]


@lru_cache(maxsize=1024)
def _statement_spans_of(text: str, long_sentence_chars: int, min_clause_chars: int,
                        ) -> tuple[tuple[int, int, int, int], ...]:
    """``statement_spans`` at offset 0, kept: a story's comparison reads each article's
    statements several times."""
    out: list[tuple[int, int, int, int]] = []
    for s, e in sentence_spans(text):
        if e - s < 2 or not any(ch.isalnum() for ch in text[s:e]):
            continue
        out.extend((a, b, s, e) for a, b in _cut_long(text, s, e, long_sentence_chars, min_clause_chars))
    return tuple(out)


def _cut_long(text: str, start: int, end: int, long_sentence_chars: int, min_clause_chars: int,
              ) -> list[tuple[int, int]]:
    """A long sentence cut into clauses: at semicolons, dashes, and commas that open a
    contrast ("however", "but", "while") or a participle clause (", citing ..."): longer
    than ``compare.long_sentence_chars``, into clauses of ``compare.min_clause_chars``."""
    if end - start <= long_sentence_chars:
        return [(start, end)]
    out = []
    s = start
    for m in _CLAUSE.finditer(text, start, end):
        cut = m.start() + 1 if text[m.start()] in ";,—–" else m.start()
        if cut - s >= min_clause_chars and end - cut >= min_clause_chars:
            out.append((s, cut))
            s = cut
            while s < end and (text[s].isspace() or text[s] in "—–"):
                s += 1
    out.append((s, end))
    return [(a, b) for a, b in ((a, _rstrip(text, a, b)) for a, b in out) if b > a]


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def split_statements(article: Article) -> list[Citation]:
    """The headline (``field="headline"``) and then every sentence of the text, in order."""
    out = []
    if article.headline and article.headline.strip():
        h = article.headline
        s, e = stripped_span(h, 0, len(h))
        out.append(Citation(article.id, s, e, h[s:e], field="headline"))
    for s, e, _, _ in statement_spans(article.text):
        out.append(Citation(article.id, s, e, article.text[s:e]))
    return out


#: Who a quotation is by when its speaker is only a pronoun that did not resolve.
UNKNOWN_SPEAKER = "unknown speaker"


def speaker_key(quote: Quote) -> str:
    """Who a quote is by: its speaker's entity key, else the folded name as written, else
    ``unknown speaker`` (a pronoun that did not resolve)."""
    if quote.speaker_entity:
        return quote.speaker_entity
    if quote.speaker and fold(quote.speaker) not in _PRONOUNS:
        return fold(quote.speaker)
    return UNKNOWN_SPEAKER


def same_speaker(a: str, b: str) -> bool:
    """Whether two speaker keys can be one speaker: the same, or one the other's surname
    alone ("person:trump", "person:donald trump"; the story's entity links usually join
    them, and when they cannot, because two people share the surname, the bare surname
    cannot say which one is meant)."""
    na, nb = a.split(":", 1)[-1], b.split(":", 1)[-1]
    short, full = sorted((na, nb), key=len)
    return short == full or (" " not in short and full.split()[-1] == short)


def statements_of(article: Article) -> list[Statement]:
    """``split_statements`` with what the comparison reads of each statement."""
    out = []
    headline_folded = fold(article.headline or "")
    sentence_of = {(s, e): (ss, se) for s, e, ss, se in statement_spans(article.text)}
    # every entity mention (start, end, entity key), by start: a statement's are a slice
    mentions = sorted((m.start, m.end, ent.key) for ent in article.entities for m in ent.mentions)
    mention_starts = [m[0] for m in mentions]
    # the quotes by start: a sentence reads only those that can reach it (in article order)
    quotes = article.quotes
    by_start = sorted(range(len(quotes)), key=lambda i: quotes[i].start)
    quote_starts = [quotes[i].start for i in by_start]
    longest = max((q.end - q.start for q in quotes), default=0)
    for index, cit in enumerate(split_statements(article)):
        if cit.field == "headline":
            ents = frozenset(e.key for e in article.entities
                             if any(_contains_name(headline_folded, fold(n)) for n in [e.name, *e.aliases] if n))
            names = frozenset().union(*(terms(n) for e in article.entities if e.key in ents
                                        for n in [e.name, *e.aliases] if n))
            out.append(Statement(cit, index, terms(cit.text), ents,
                                 hedged=bool(HEDGE_CUES.search(cit.text)), scare=bool(_SCARE.search(cit.text)),
                                 name_terms=names))
            continue
        s, e = cit.start, cit.end
        inside = mentions[bisect_left(mention_starts, s):bisect_left(mention_starts, e)]
        ents = frozenset(key for _, _, key in inside)
        names = frozenset().union(*(terms(article.text[start:end]) for start, end, _ in inside))
        figures = [f for f in article.figures if s <= f.start < e]
        times = [t for t in article.time_refs if s <= t.start < e]
        # A clause is attributed and hedged as the sentence it was cut from.
        ss, se = sentence_of.get((s, e), (s, e))
        asserted_by, quoted, direct = "outlet", False, False
        best = 0
        for i in sorted(by_start[bisect_left(quote_starts, ss - longest):bisect_left(quote_starts, se)]):
            q = quotes[i]
            overlap = min(se, q.end) - max(ss, q.start)
            if overlap <= 0:
                continue
            quoted = True
            # the quote must cover half the sentence: a short report inside it ("whom they
            # estimate number 800") does not make the whole sentence that speaker's
            if overlap >= 0.5 * (se - ss) and overlap > best:
                best, asserted_by = overlap, speaker_key(q)
                # own words of a speaker the text names (one read from "she" is a guess)
                direct = q.kind == "direct" and bool(q.speaker) and fold(q.speaker or "") not in _PRONOUNS
        hedged = bool(HEDGE_CUES.search(article.text[ss:se]))
        scare = bool(_SCARE.search(article.text[ss:se]))
        out.append(Statement(cit, index, terms(cit.text), ents, figures, times, asserted_by, quoted, hedged,
                             scare, names, direct))
    return out


def _contains_name(haystack: str, name: str) -> bool:
    """``name`` in ``haystack`` as whole words (no regex per name: names are many)."""
    if not name:
        return False
    at = haystack.find(name)
    while at >= 0:
        end = at + len(name)
        if not (at and _word_char(haystack[at - 1])) and not (end < len(haystack) and _word_char(haystack[end])):
            return True
        at = haystack.find(name, at + 1)
    return False


def _word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"
