"""Framing cues per article: hedges, attribution verbs that distance the outlet, scare
quotes and loaded terms, each with its span (body text, or the headline with
``field="headline"``).

Kinds:

- ``hedge``: words that signal the outlet does not vouch for a claim (:data:`HEDGES`);
- ``attribution``: "claim" verbs and nouns, with a preceding auxiliary ("has claimed");
- ``scare_quote``: a quoted span of 1 to 3 words that is not someone's quoted words:
  either it sits inside a longer quotation (the speaker's own scare quotes), or its
  sentence has no speech verb (:data:`SPEECH_CUES`, plus the article's own quote cues)
  and does not open with the name (or surname) of a person the article names and a colon,
  as headlines give a speaker ("Ada Crane: Sister Is 'Dead Wrong' On the Dam");
- ``loaded_term``: a term from :data:`LOADED_TERMS`, given with a neutral counterpart;
- ``hedged_claim`` (across articles, :func:`find_hedged_claims`): a statement one outlet
  hedges ("claims", "allegedly", "according to") that an independent outlet states in
  its own voice, with no attribution; ``note`` names the outlets that state it flatly.
  Hedged against unhedged wording is framing, not a dispute: the accounts agree.
- ``updated_figure`` (made by ``compare.conflicts``): a count published 12 hours or more
  after another outlet's that moved the way the story unfolds ("five dead" after "three
  dead"); ``note`` names the earlier count. An update, not a dispute.
- ``updated_status`` (made by ``compare.status_updates``): a later article moving a named
  person's state on ("was arrested" after "is wanted by police"; "died" after "in
  critical condition"); ``note`` names the earlier state and its outlet.
- ``name_spelling`` (made by ``compare.name_spellings``): a person's name this article
  spells otherwise than an independent outlet ("Dariel" / "Darial"); ``note`` names the
  other spelling and its outlets. Which is right cannot be told from the texts: a note
  for the fact-checker, not a dispute.
- ``relayed`` (made by ``compare.relays``): the name of another outlet of the story that
  this article gives as the source of a fact that outlet reports itself ("according to
  the Times"); ``note`` names it. The two count as one source for that fact.

Hedges, claim words and loaded terms inside a quotation of more than three words are a
speaker's words, not the outlet's framing, and are left out.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from storylens.compare.textspans import quoted_spans, sentence_around, sentence_spans, word_norms, word_texts
from storylens.model import Article, Citation, Fact
from storylens.text import fold

__all__ = ["FramingCue", "find_framing", "find_hedged_claims", "framing_in_text", "HEDGES", "CLAIM_WORDS", "LOADED_TERMS", "SPEECH_CUES"]

log = logging.getLogger(__name__)

#: words by which an outlet keeps its distance from a claim
HEDGES = ("alleged", "allegedly", "reportedly", "purportedly", "supposedly", "so-called", "apparent", "apparently",
          "unconfirmed", "unverified")
#: attribution verbs and nouns that mark a statement as someone's claim
CLAIM_WORDS = ("claim", "claims", "claimed", "claiming")
#: loaded term -> neutral counterpart (a small, documented lexicon; inflections listed)
LOADED_TERMS: dict[str, str] = {
    "regime": "government", "regimes": "governments",
    "abduction": "capture", "abducted": "captured", "kidnapping": "capture", "kidnapped": "captured",
    "slammed": "criticised", "slams": "criticises", "blasted": "criticised", "blasts": "criticises",
    "lashed out": "criticised", "armada": "fleet", "puppet": "ally", "thugs": "attackers",
    "scheme": "plan", "bombshell": "new", "crackdown": "enforcement", "mouthpiece": "spokesperson",
    "strongman": "leader", "invasion": "incursion", "caved": "conceded",
}
#: words that introduce someone's words: a short quote in their sentence is attributed
SPEECH_CUES = ("said", "says", "say", "told", "tells", "announced", "announces", "stated", "states", "added",
               "adds", "posted", "posts", "wrote", "writes", "noted", "notes", "noting", "described", "describes",
               "called", "calls", "calling", "claimed", "claims", "insisted", "argued", "warned", "asserted",
               "declared", "according", "saying", "explained", "urged", "invoked", "invoking", "dubbed", "labelled",
               "labeled", "termed", "read", "reads", "stressed", "emphasised", "emphasized", "tweeted", "replied")
#: verbs that put a statement in a source's mouth besides the speech cues ("relatives
#: have identified", "police confirmed"): such a statement is attributed, not flat
_ATTRIBUTED = ("identified", "identify", "identifies", "confirmed", "confirms", "confirm", "reported", "reports",
               "believe", "believes", "believed", "alleges", "accused", "accuses", "testified", "revealed")
_AUX = re.compile(r"(?:\b(?:has|have|had|is|are|was|were)\s+)$", re.I)


def _lexicon_re(terms: Sequence[str]) -> re.Pattern[str]:
    alts = sorted((re.escape(t).replace(r"\ ", r"\s+") for t in terms), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(alts) + r")(?![\w-])", re.I)


_HEDGE_RE = _lexicon_re(HEDGES)
_CLAIM_RE = _lexicon_re(CLAIM_WORDS)
_LOADED_RE = _lexicon_re(list(LOADED_TERMS))


@dataclass
class FramingCue:
    """``kind``: hedge, attribution, scare_quote, loaded_term, hedged_claim,
    updated_figure (``compare.conflicts``: a later count updating an earlier one) or
    updated_status (``compare.status_updates``: a person's later state) or name_spelling
    (``compare.name_spellings``: a name spelled otherwise by another outlet) or relayed
    (``compare.relays``: another outlet given as the source of a fact); ``cue``
    the text as written;
    ``neutral`` the neutral counterpart of a loaded term; ``note`` why a scare quote counts."""

    article_id: str
    kind: str
    cue: str
    citation: Citation
    neutral: str | None = None
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"article_id": self.article_id, "kind": self.kind, "cue": self.cue,
                               "citation": self.citation.to_dict()}
        if self.neutral is not None:
            out["neutral"] = self.neutral
        if self.note is not None:
            out["note"] = self.note
        return out


#: A sentence that opens with a name and a colon: "Ada Crane: Sister Is 'Dead Wrong'".
_NAME_COLON = re.compile(r"\W*((?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.'’-]*)\s*:\s")


def _scare_quotes(text: str, cues: set[str], names: frozenset[str] = frozenset()) -> list[tuple[int, int, str]]:
    spans = quoted_spans(text)
    sentences = sentence_spans(text)
    out = []
    for s in spans:
        n = len(word_texts(text, s.start, s.end))
        if not 1 <= n <= 3:
            continue
        if s.depth > 0:
            out.append((s.outer_start, s.outer_end, "inside a quotation"))
            continue
        lo, hi = sentence_around(text, s.outer_start, s.outer_end, sentences)
        outside = text[lo:s.outer_start] + " " + text[s.outer_end:hi]
        # words inside other quotations of the sentence are not the outlet's speech verbs
        for o in spans:
            if o is not s and lo <= o.outer_start and o.outer_end <= hi:
                outside = outside.replace(text[o.start:o.end], " ")
        said = set(word_norms(outside)) & cues
        speaker = _NAME_COLON.match(text, lo, s.outer_start)
        if not said and not (speaker and fold(speaker.group(1)) in names):
            out.append((s.outer_start, s.outer_end, "no speaker in the sentence"))
    return out


def framing_in_text(article_id: str, text: str, field: str = "text", cues: set[str] | None = None,
                    names: frozenset[str] = frozenset()) -> list[FramingCue]:
    """Framing cues in one text (an article body, or its headline with ``field="headline"``);
    ``names``: the people the article names, folded, each by full name and by surname,
    any of which may open a sentence as its speaker ("Crane: ...")."""
    cues = set(SPEECH_CUES) if cues is None else cues
    out: list[FramingCue] = []

    def cite(start: int, end: int) -> Citation:
        return Citation(article_id, start, end, text[start:end], field)

    speech = [(q.start, q.end) for q in quoted_spans(text) if q.depth == 0 and len(word_texts(text, q.start, q.end)) > 3]

    def quoted(m: re.Match[str]) -> bool:  # a speaker's own words are not the outlet's framing
        return any(a <= m.start() and m.end() <= b for a, b in speech)

    for m in _HEDGE_RE.finditer(text):
        if quoted(m):
            continue
        out.append(FramingCue(article_id, "hedge", m.group(), cite(m.start(), m.end())))
    for m in _CLAIM_RE.finditer(text):
        if quoted(m):
            continue
        start = m.start()
        aux = _AUX.search(text, 0, start)
        if aux is not None and aux.end() == start:
            start = aux.start()
        out.append(FramingCue(article_id, "attribution", text[start:m.end()], cite(start, m.end())))
    for m in _LOADED_RE.finditer(text):
        if quoted(m):
            continue
        term = re.sub(r"\s+", " ", m.group().lower())
        out.append(FramingCue(article_id, "loaded_term", m.group(), cite(m.start(), m.end()), neutral=LOADED_TERMS[term]))
    for start, end, note in _scare_quotes(text, cues, names):
        out.append(FramingCue(article_id, "scare_quote", text[start:end], cite(start, end), note=note))
    out.sort(key=lambda c: (c.citation.start, c.kind))
    return out


def find_framing(articles: Sequence[Article]) -> list[FramingCue]:
    """Framing cues of every article: headline first, then body, in text order."""
    out: list[FramingCue] = []
    for article in articles:
        cues = set(SPEECH_CUES) | {w for q in article.quotes if q.cue for w in word_norms(q.cue)}
        names = frozenset(form for e in article.entities if e.kind == "person" and e.name.split()
                          for form in (fold(e.name), fold(e.name.split()[-1])))
        if article.headline:
            out.extend(framing_in_text(article.id, article.headline, "headline", cues, names))
        out.extend(framing_in_text(article.id, article.text, "text", cues, names))
    log.debug("%d framing cues in %d articles", len(out), len(articles))
    return out


def find_hedged_claims(articles: Sequence[Article], facts: Sequence[Fact],
                       split: Mapping[str, Sequence[Any]]) -> list[FramingCue]:
    """One ``hedged_claim`` cue per hedged statement of a fact that an independent outlet
    states flatly: in its own voice, not quoted, not hedged, no scare quotes and no
    speech or attribution verb in the sentence ("police said", "according to family
    members" are attributed, not flat). ``split``: each article's
    ``statements.statements_of``. In article order, then text order."""
    from storylens.compare.statements import HEDGE_CUES, outlet_name

    by_id = {a.id: a for a in articles}
    order = {a.id: n for n, a in enumerate(articles)}
    st_of = {st.citation.location: st for a in articles for st in split[a.id]}
    speech = set(SPEECH_CUES) | set(_ATTRIBUTED)

    def source(a: Article) -> str:
        return a.syndication_group or a.duplicate_of or a.id

    def flat(st: Any) -> bool:
        return (st.asserted_by == "outlet" and not (st.quoted or st.hedged or st.scare)
                and not speech.intersection(word_norms(st.citation.text)))

    found: dict[tuple[str, str, int, int], tuple[Any, set[str]]] = {}
    for fact in facts:
        sts = [st_of[k] for c in fact.support
               if (k := c.location) in st_of]
        hedged = [st for st in sts if st.hedged and HEDGE_CUES.search(st.citation.text)]
        if not hedged:
            continue
        flats = [st for st in sts if flat(st)]
        for st in hedged:
            mine = source(by_id[st.citation.article_id])
            outlets = {outlet_name(by_id[f.citation.article_id]) for f in flats
                       if source(by_id[f.citation.article_id]) != mine}
            if outlets:
                key = st.citation.location
                found.setdefault(key, (st, set()))[1].update(outlets)
    out = []
    for key in sorted(found, key=lambda k: (order[k[0]], k[1] != "headline", k[2], k[3])):
        st, outlets = found[key]
        cue = HEDGE_CUES.search(st.citation.text)
        assert cue is not None
        out.append(FramingCue(st.citation.article_id, "hedged_claim", cue.group(), st.citation,
                              note="stated without hedging by " + ", ".join(sorted(outlets))))
    return out
