"""What story clustering reads of an article: lemma counts of title and body, entity keys,
the publication time, and the days its text names.

Two sources give the same ``ArticleFeatures``:

* ``article_features(article, doc)``: lemmas of content words from the one spaCy pass,
  entity keys from ``article.entities`` when extraction filled them, else from
  ``doc.ents`` folded (case, accents, a leading "the", a possessive).
* ``text_features(...)``: a cheap regular-expression tokenizer with a suffix-stripping
  lemma and capitalised-word runs as entities, for streams where no spaCy pass is run
  (the benchmark) and for comparing lemma sources on the evaluation sets.

Both read ``named_dates``: the calendar days the text names ("Aug. 3", "August 3rd,
2015", "19 August"), a day without a year taken as the latest such day not after the
day of publication (the day after is allowed: a clock ahead of UTC). A follow-up names
the day of its earlier event ("the Aug. 3 drive-by shooting"); ``batch`` reads it.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from ..model import Article
from ..text import STOP_WORDS, cheap_lemma, fold

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["ArticleFeatures", "article_features", "fresh_days", "named_dates", "text_features"]

_CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ", "NUM", "ADV"}
_ENTITY_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}
_WORD = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*", re.UNICODE)
_CAP_WORD = r"(?:[A-Z]\.(?:[A-Z]\.)*|[A-Z][\w'’\-]*)"
_CAP_RUN = re.compile(rf"\b{_CAP_WORD}(?:[ \t]+(?:(?:of|de|la|van|von|al|the|and)[ \t]+)?{_CAP_WORD})*")
_POSSESSIVE = re.compile(r"['’]s$")
_MONTH = (r"(?P<{g}>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
          r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
_ORDINAL = r"(?:st|nd|rd|th)?"
# Case-sensitive: a month is written with a capital ("may 3" is no day).
_NAMED_DATE = re.compile(
    rf"\b(?:{_MONTH.format(g='m1')}\.?\s+(?P<d1>\d{{1,2}}){_ORDINAL}\b"
    rf"|(?P<d2>\d{{1,2}}){_ORDINAL}\s+(?:of\s+)?{_MONTH.format(g='m2')}\b)"
    r"(?!\s*[:.]\d)(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?")

@dataclass(frozen=True)
class ArticleFeatures:
    """Clustering input for one article. ``title``/``body`` map lemma -> count,
    ``entities`` entity key -> count, ``names`` entity key -> a name as written,
    ``named_dates`` the days the text names (module docstring; None: not read)."""

    id: str
    title: dict[str, int]
    body: dict[str, int]
    entities: dict[str, int]
    published: datetime | None = None
    headline: str | None = None
    names: dict[str, str] | None = None
    outlet: str | None = None
    named_dates: tuple[date, ...] | None = None  # None: not read (``named_dates``)
    fresh_days: tuple[date, ...] | None = None  # None: not read (``fresh_days``)


def _entity_key(text: str) -> str:
    key = _POSSESSIVE.sub("", fold(text).strip(" '\"-,"))
    if key.startswith("the "):
        key = key[4:]
    return key


def tf_weight(count: float, binary: bool) -> float:
    """A term's weight from its count in one article: 1 (``binary``) or 1 + log(count)."""
    return 1.0 if binary else 1.0 + math.log(max(count, 1))


def named_dates(text: str, published: datetime | None) -> tuple[date, ...]:
    """The calendar days ``text`` names, sorted (see the module docstring). A day written
    without a year needs ``published``; an impossible day (Feb. 30) is no day."""
    from ..extract.time_refs_patterns import MONTHS  # (here: extraction imports this module)

    today = published.date() if published is not None else None
    out: set[date] = set()
    for m in _NAMED_DATE.finditer(text):
        name = m.group("m1") or m.group("m2")
        month = MONTHS[name[:3].lower()]
        day = int(m.group("d1") or m.group("d2"))
        years = [int(m.group("year"))] if m.group("year") else [today.year, today.year - 1] if today else []
        for year in years:
            try:
                named = date(year, month, day)
            except ValueError:
                break
            if m.group("year") or (today is not None and named <= today + timedelta(days=1)):
                out.add(named)
                break
    return tuple(sorted(out))


#: A headline of a later turn of a story, weeks or years on, not the first report of
#: what happened: an arrest, a charge, a court date, a plea, a verdict, a lawsuit, an
#: anniversary ("Man charged in March shooting", "Jury convicts ...", "A year after ...").
#: (Turns of the first days, a victim named, a death, stay first reports: their days are
#: the event's, give or take the days ``batch.fresh_apart_days`` allows.)
_FOLLOW_UP_HEADLINE = re.compile(
    r"\b(?:arrest|charg|trial|tried|sentenc|plead|plea|guilty|convict|indict|court|jur(?:y|or)|hearing|bond"
    r"|verdict|custody|accused|lawsuit|sue[sd]?\b|anniversar|remember|years? (?:after|later|ago)"
    r"|months? (?:after|later))", re.IGNORECASE)
#: The lede (its first paragraphs): where a first report says when it happened.
_LEDE_CHARS = 600
#: How far before its publication a first report's day can be (a Monday's shooting in a
#: Saturday paper).
_FRESH_BACK_DAYS = 6


def fresh_days(article: Article) -> tuple[date, ...]:
    """The days a first report of an event says it happened: for an article whose
    headline is no later turn of a story (``_FOLLOW_UP_HEADLINE``), the days its lede's
    time references resolve to ("early Sunday", "last night", "Oct. 12") from
    ``_FRESH_BACK_DAYS`` before its publication to the day after; none for an undated
    article, a follow-up, or a text not read by the extractors."""
    if article.published is None or _FOLLOW_UP_HEADLINE.search(article.headline or ""):
        return ()
    published = article.published.date()
    out: set[date] = set()
    for t in article.time_refs:
        if t.start >= _LEDE_CHARS or t.granularity not in ("day", "time"):
            continue
        try:
            day = date.fromisoformat(t.value[:10])
        except ValueError:
            continue
        if published - timedelta(days=_FRESH_BACK_DAYS) <= day <= published + timedelta(days=1):
            out.add(day)
    return tuple(sorted(out))


def _cheap_terms(text: str) -> Counter[str]:
    out: Counter[str] = Counter()
    for raw in _WORD.findall(text):
        w = fold(raw)
        if len(w) < 2 or w in STOP_WORDS:
            continue
        out[cheap_lemma(w)] += 1
    return out


def _cheap_entities(text: str) -> tuple[Counter[str], dict[str, str]]:
    counts: Counter[str] = Counter()
    names: dict[str, str] = {}
    for m in _CAP_RUN.finditer(text):
        words = m.group(0).split()
        dropped = 0
        while words and fold(words[0]) in STOP_WORDS:  # "But Mark Teixeira", "The Angels"
            words.pop(0)
            dropped += 1
        if not words:
            continue
        name = " ".join(words)
        key = _entity_key(name)
        if len(key) < 2 or key in STOP_WORDS:
            continue
        if len(words) == 1 and not dropped:
            prev = text[:m.start()]
            stripped = prev.rstrip()
            # A single capitalised word that opens a sentence or line is usually not a name.
            if not stripped or prev.endswith("\n") or stripped[-1] in ".!?\"“:":
                continue
        counts[key] += 1
        names.setdefault(key, name)
    return counts, names


def text_features(id: str, title: str | None, body: str, published: datetime | None = None,
                  outlet: str | None = None) -> ArticleFeatures:
    """Features without spaCy (regex tokens, ``cheap_lemma``, capitalised runs as entities)."""
    ents, names = _cheap_entities(body if not title else title + "\n" + body)
    _resolve_surnames(ents, names)
    return ArticleFeatures(id, dict(_cheap_terms(title or "")), dict(_cheap_terms(body)), dict(ents),
                           published, title, names, outlet, named_dates(body, published))


def article_features(article: Article, doc: "Doc", *, title: str | None = None) -> ArticleFeatures:
    """Features from an article and its spaCy ``Doc`` (of ``article.text``).

    Title lemmas: the headline's words mapped through the doc's own word -> lemma table
    (the headline is not part of the parsed text), ``cheap_lemma`` for words the body
    does not contain. ``title`` overrides ``article.headline``.
    """
    body, lemma_of = _body_lemmas(doc)
    headline = title if title is not None else article.headline
    title_terms: Counter[str] = Counter()
    for raw in _WORD.findall(headline or ""):
        w = fold(raw)
        if len(w) >= 2 and w not in STOP_WORDS:
            title_terms[lemma_of.get(w, cheap_lemma(w))] += 1
    entities: Counter[str] = Counter()
    names: dict[str, str] = {}
    if article.entities:
        for ent in article.entities:
            entities[ent.key] += max(1, len(ent.mentions))
            names.setdefault(ent.key, ent.name)
    else:
        for span in doc.ents:
            if span.label_ not in _ENTITY_LABELS:
                continue
            key = _entity_key(span.text)
            if len(key) < 2:
                continue
            entities[key] += 1
            names.setdefault(key, span.text)
        _resolve_surnames(entities, names)
    return ArticleFeatures(article.id, dict(title_terms), dict(body), dict(entities),
                           article.published, headline, names, article.outlet,
                           named_dates(article.text, article.published), fresh_days(article))


#: (lemma hash, word hash) -> the counted lemma (None: not counted) and the word folded.
#: The hashes are the string store's, the same in every vocabulary; cleared at
#: ``_LEMMA_CACHE_SIZE`` entries (a long-running ingest meets new words every day).
_counted_lemmas: dict[tuple[int, int], tuple[str | None, str]] = {}
_LEMMA_CACHE_SIZE = 200_000


def _body_lemmas(doc: "Doc") -> tuple[Counter[str], dict[str, str]]:
    """Lemma counts of the doc's content words (``_CONTENT_POS``, not punctuation, stop
    words or one letter) and each such word's lemma, read from the doc's columns, each
    (lemma, word) worked out once: the same as reading every token's ``lemma_``,
    ``text`` and ``pos_``, for a fraction of the cost."""
    strings = doc.vocab.strings
    content = {strings[p] for p in _CONTENT_POS}  # a part of speech's symbol, as the POS column holds it
    body: Counter[str] = Counter()
    lemma_of: dict[str, str] = {}
    if len(_counted_lemmas) >= _LEMMA_CACHE_SIZE:
        _counted_lemmas.clear()
    for pos, punct, space, lemma_id, orth_id in doc.to_array(["POS", "IS_PUNCT", "IS_SPACE", "LEMMA", "ORTH"]).tolist():
        if punct or space or pos not in content:
            continue
        found = _counted_lemmas.get((lemma_id, orth_id))
        if found is None:
            word = strings[orth_id]
            lemma = fold(strings[lemma_id] if lemma_id else word)
            counted = lemma if len(lemma) >= 2 and lemma not in STOP_WORDS and any(ch.isalnum() for ch in lemma) \
                else None
            found = _counted_lemmas[(lemma_id, orth_id)] = (counted, fold(word))
        if found[0] is not None:
            body[found[0]] += 1
            lemma_of.setdefault(found[1], found[0])
    return body, lemma_of


def _resolve_surnames(entities: Counter[str], names: dict[str, str]) -> None:
    """A one-word key that ends exactly one longer key of the same article is merged into it
    ("teixeira" -> "mark teixeira")."""
    for key in [k for k in entities if " " not in k]:
        longer = [k for k in entities if k != key and k.endswith(" " + key)]
        if len(longer) == 1:
            entities[longer[0]] += entities.pop(key)
            names.pop(key, None)
