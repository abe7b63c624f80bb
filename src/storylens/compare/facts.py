"""Align the statements of a story's articles into facts.

Two statements of different articles say the same thing when their content-word stems
overlap (a Dice coefficient weighted by how rare each stem is among the story's
statements) and they share an anchor beyond common vocabulary (two content stems, or
one and an entity, a figure or a day; names and titles do not count as content), helped
by shared entity keys, shared figures (value and bound) and time
references that can be the same day (a time of day on a known day counts as that day;
so does an earlier or later calendar week both name, "last week": :func:`_weeks`, and a
later year both write out, "run dry in 2044": :func:`_years`).

Paraphrases share too few words for that ("The child was injured after falling as she
ran away" / "Her granddaughter was injured ... when she fell trying to run away"). With
``compare.align_paraphrase`` on (off by default: embedding every statement costs more
CPU than the rest of the pipeline together), a story with two or more independent news sources has
its statements embedded (MiniLM, :mod:`storylens.compare.paraphrase`); each vector less
the story's mean vector (what every statement of the story shares: its topic). Two
statements (of two words or more) the lexical test rejects still align when these
story-centred vectors have a cosine of at least ``compare.align_paraphrase_min``, they
share a content stem, a figure or a day, and their figures and days do not disagree (both
give figures and none is shared; both give days and none can be the same). A headline
pairs this way only with a headline: it sums up the whole story, so its meaning is close
to many sentences of any article about it ("AARP Open to Social Security Cuts" and a
sentence on who first reported it). Such a pair
scores its cosine (an identical sentence scores 1, as it does lexically) and merges after
every pair the lexical test aligns: shared words, names and numbers are the surer sign.
Candidate pairs come from blocking: each statement
is indexed under its rarest stems, its entity keys, figure values and dates, and only
statements sharing a key are scored, so the cost grows with the sizes of the posting
lists, not with the square of the number of statements. Very common keys (in more than
``compare.align_max_posting`` statements) are not used for blocking. Paraphrase pairs
come from the cosines themselves (a matrix product, by blocks of rows).

Pairs above the threshold are merged best-first into facts with at most one sentence
of each article's text (the best one) and its headline (a headline restates its lede: an
article's headline taking the place of its own body sentence left that sentence out of the
fact), and never the direct quotations of two different named
people (their words are two claims, however alike; a speaker read from "she" is the
extractor's guess and does not count). Every statement not aligned with another article is a
single-source fact of its own, unless it is too short to say anything (fewer than
``compare.fact_min_terms`` content stems) or says nothing of the story (``can_align``: a
label, an embedded post's signature, page furniture). The weights and limits are the ``align_*``
settings of :mod:`storylens.compare.settings`. Pure: nothing here reads disk or network.

Only news corroborates: a fact's ``independent_sources`` counts its supporting articles
whose ``genre`` is ``news`` (an agency-copy group once), and it is ``corroborated`` with
two or more of them. An opinion piece or a blog post (``clean.genre``) that states the
claim stays in the fact's ``support`` and ``outlets`` (it says it) but adds no source:
a news report and a column repeating it are one source, not two.
"""

from __future__ import annotations

import hashlib
import logging
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date

import numpy as np

from storylens.compare import paraphrase
from storylens.compare.readable import opens_with_a_pronoun, reads_alone
from storylens.compare.relays import relayed_members
from storylens.compare.settings import CompareSettings, compare_settings, current
from storylens.compare.statements import UNKNOWN_SPEAKER, Statement, outlet_name, statements_of, terms
from storylens.compare.textspans import GALLERY_MARK
from storylens.extract.time_refs_calendar import week_value
from storylens.model import Article, Citation, Conflict, ConflictSide, Fact, TimeRef
from storylens.posts import is_signature
from storylens.text import MONTH_WORD, STAMP_LABEL, WEEKDAY_WORD, casefold_words, fold
from storylens.stories import independent_sources

__all__ = ["GENERIC_TERMS", "PUBLICATION_STAMP", "agreement", "align_facts", "aligned_statements",
           "corroborating_sources", "day_refs", "drop_contradicting", "fact_id", "facts_of", "make_scorer", "same_day",
           "says_claim", "support_sources"]

log = logging.getLogger(__name__)


#: Stems too common in news to make two statements one claim on their own: titles
#: ("President", "Prime Minister"), "likely", small counts and time-of-reference words.
#: They still weigh in the lexical score; they are not counted as shared content.
GENERIC_TERMS = terms("""president prime minister secretary chairman chair director leader mayor ambassador
spokesman spokeswoman spokesperson official office sir likely possibly possible two last year week day time""")
#: A clock time's words: content, unlike the words that name a day (``_Scorer.time_terms``).
_CLOCK = frozenset({"am", "pm"})


def corroborating_sources(members: Sequence[Article]) -> int:
    """How many independent sources the supporting articles of a fact are: news articles
    only (an opinion or blog article states a claim, never corroborates it), an
    agency-copy group, a duplicate or one outlet's articles counted once
    (``stories.independent_sources``)."""
    return independent_sources([m for m in members if m.genre == "news"])


def support_sources(support: Sequence[Citation], by_id: Mapping[str, Article]) -> int:
    """:func:`corroborating_sources` of the articles ``support`` cites, an article that
    relays another supporting outlet's reporting counted as that article
    (``compare.relays``)."""
    return corroborating_sources(relayed_members(support, by_id))


def fact_id(support: Iterable[Citation]) -> str:
    key = "|".join(sorted(f"{c.article_id}:{c.field}:{c.start}:{c.end}" for c in support))
    return "fact-" + hashlib.sha1(key.encode()).hexdigest()[:16]


def corroborated_fact(support: list[Citation], by_id: Mapping[str, Article], statement: str | None = None
                      ) -> Fact | None:
    """A fact read beside the sentences (who is who, a street, where the case stands):
    citing ``support``, worded by ``statement`` (what the cited words say, where they do
    not read alone: "Age of Ada Crane: 19") or else as its first citation, in the outlets'
    own voice, when its articles are two or more independent news sources
    (:func:`support_sources`); else None."""
    members = [by_id[c.article_id] for c in support]
    sources = support_sources(support, by_id)
    if sources < 2:
        return None
    return Fact(id=fact_id(support), statement=support[0].text if statement is None else statement,
                support=support, independent_sources=sources,
                status="corroborated", asserted_by="outlet", outlets=sorted({outlet_name(m) for m in members}))


def same_day(a: TimeRef, b: TimeRef) -> bool:
    """Both day-granular and compatible ("XXXX-01-03" matches "2026-01-03")."""
    if a.granularity != "day" or b.granularity != "day":
        return False
    va, vb = a.value[:10], b.value[:10]
    if len(va) != len(vb) or "W" in va or "W" in vb:
        return va == vb and "X" not in va
    if va.count("X") > 4 or vb.count("X") > 4:
        return False
    return all(x == y or x == "X" or y == "X" for x, y in zip(va, vb))


def day_refs(st: Statement) -> list[TimeRef]:
    """The statement's day references, a time of day counted as its day ("Monday night",
    "2:45 p.m." on a known day): the day an event happened, whatever the hour given."""
    out = []
    for t in st.times:
        if t.granularity == "day":
            out.append(t)
        elif t.granularity == "time" and re.match(r"[\dX]{4}-[\dX]{2}-[\dX]{2}T", t.value):
            out.append(TimeRef(t.text, t.start, t.end, t.value[:10], "day", t.anchor))
    return out


def _figure_keys(st: Statement) -> set[str]:
    out = set()
    for f in st.figures:
        if f.value is not None:
            out.add(f"{f.value:g}{'/' + f.currency if f.currency else ''}")
        elif f.low is not None and f.high is not None:
            out.add(f"{f.low:g}-{f.high:g}")
    return out


def _time_keys(days: Sequence[TimeRef], weeks: set[str]) -> set[str]:
    """Blocking keys of a statement's days (:func:`day_refs`) and weeks (:func:`_weeks`)."""
    return {t.value[-5:] for t in days if "W" not in t.value} | weeks


_WEEK = re.compile(r"\d{4}-W\d{2}")


def _weeks(st: Statement) -> set[str]:
    """The calendar weeks the statement names as weeks, fully resolved, other than its
    article's own ("last week": ``2014-W08``; not "this week", which says only "now"): two
    accounts placing one event in the same earlier or later week share its time as two
    naming its day do."""
    return {t.value for t in st.times if t.granularity == "week" and _WEEK.fullmatch(t.value)
            and t.value != _week_of(t.anchor)}


_YEAR = re.compile(r"(?:1[89]|2\d)\d{2}")


def _years(st: Statement) -> set[str]:
    """The later years the statement writes out ("exhausted in 2036" in a 2011 article):
    two accounts of one forecast or plan share its time. Earlier years are not counted:
    they are mostly background ("in Congress since 2010", "a 1999 book"), shared by
    statements about different things."""
    return {t.value for t in st.times if t.granularity == "year" and _YEAR.fullmatch(t.text.strip())
            and t.anchor and t.value > t.anchor[:4]}


def _week_of(day: str | None) -> str | None:
    """``2014-W08`` for an ISO date's week, as the time references write weeks (None when
    it is no date)."""
    try:
        return week_value(date.fromisoformat((day or "")[:10]))
    except ValueError:
        return None


class _Scorer:
    def __init__(self, statements: list[Statement], config: CompareSettings, paraphrases: bool = False) -> None:
        df: Counter[str] = Counter()
        for st in statements:
            df.update(st.terms)
        n = len(statements) + 1
        self.idf = {t: math.log(n / c) + 1.0 for t, c in df.items()}
        self.name_factor = config.align_name_factor
        # math.fsum: a sum over a set is the same whatever order the set iterates in (the
        # hash seed's), so the same pair scores the same in every run
        self.weight = {id(st): math.fsum(self._w(t, st, st) for t in st.terms) for st in statements}
        self.figs = {id(st): _figure_keys(st) for st in statements}
        self.days = {id(st): day_refs(st) for st in statements}
        #: the weeks and later years each statement names (:func:`_weeks`, :func:`_years`)
        self.weeks = {id(st): _weeks(st) for st in statements}
        self.periods = {id(st): self.weeks[id(st)] | _years(st) for st in statements}
        #: the words of a statement's time expressions that name a day ("Saturday",
        #: "morning"; not a clock time's "7 p.m."): a shared day counts once, as a day
        self.time_terms = {id(st): frozenset(w for t in st.times for w in terms(t.text)
                                             if w.isalpha() and w not in _CLOCK) for st in statements}
        self.config = config
        #: row of each embedded statement in ``self.vectors`` (story-centred, normalised)
        self.row: dict[int, int] = {}
        self.vectors = np.zeros((0, 0), dtype=np.float32)
        if paraphrases and config.align_paraphrase:
            embedded = [st for st in statements if can_align(st) and len(st.terms) >= 2]
            if len(embedded) >= 2:
                self.row = {id(st): k for k, st in enumerate(embedded)}
                self.vectors = paraphrase.centred(paraphrase.embed_cached([st.citation.text for st in embedded]))

    def _w(self, term: str, a: Statement, b: Statement) -> float:
        w = self.idf[term]
        return w * self.name_factor if term in a.name_terms or term in b.name_terms else w

    def lexical(self, a: Statement, b: Statement) -> float:
        """Mean of the weighted Dice and overlap coefficients: a clause restated inside a
        longer sentence still scores well, a long sentence that shares one clause less."""
        shared = math.fsum(self._w(t, a, b) for t in a.terms & b.terms)
        wa, wb = self.weight[id(a)], self.weight[id(b)]
        if not wa or not wb:
            return 0.0
        return (2 * shared / (wa + wb) + shared / min(wa, wb)) / 2

    def similarity(self, a: Statement, b: Statement) -> float | None:
        """Cosine of the two statements' story-centred vectors (None when not embedded)."""
        i, j = self.row.get(id(a)), self.row.get(id(b))
        if i is None or j is None:
            return None
        return float(self.vectors[i] @ self.vectors[j])

    def score(self, a: Statement, b: Statement) -> float:
        """The lexical score when it reaches ``compare.align_threshold``, else the
        paraphrase score (see the module docstring)."""
        lexical = self.lexical_score(a, b)
        if lexical >= self.config.align_threshold:
            return lexical
        return max(lexical, self.paraphrase_score(a, b))

    def paraphrase_score(self, a: Statement, b: Statement) -> float:
        """The story-centred cosine of two embedded statements that reaches
        ``compare.align_paraphrase_min``, both headlines or both from the text, that share
        a content stem, a figure or a day, and whose figures and days do not disagree;
        else 0. An identical sentence scores 1, as it does lexically."""
        similarity = self.similarity(a, b)
        if similarity is None or similarity < self.config.align_paraphrase_min:
            return 0.0
        if (a.citation.field == "headline") != (b.citation.field == "headline"):
            return 0.0  # a headline sums up the story: close in meaning to much of any article
        content, shared_figure, shared_day = self._shared(a, b)
        if self.figs[id(a)] and self.figs[id(b)] and not shared_figure:
            return 0.0
        if self.days[id(a)] and self.days[id(b)] and not shared_day:
            return 0.0
        return similarity if content or shared_figure or shared_day else 0.0

    def _shared(self, a: Statement, b: Statement) -> tuple[frozenset[str], bool, bool]:
        """What two statements share: content stems (not names, not ``GENERIC_TERMS``,
        nor, when they share a day, the words of their time expressions: the day counts
        once), whether a figure, whether a day."""
        content = (a.terms & b.terms) - a.name_terms - b.name_terms - GENERIC_TERMS
        shared_figure = bool(self.figs[id(a)] & self.figs[id(b)])
        shared_day = any(same_day(x, y) for x in self.days[id(a)] for y in self.days[id(b)]) \
            or bool(self.periods[id(a)] & self.periods[id(b)])
        if shared_day:  # the day counts once, as a day, not again as its words
            content = content - self.time_terms[id(a)] - self.time_terms[id(b)]
        return content, shared_figure, shared_day

    def paraphrase_pairs(self, statements: Sequence[Statement]) -> set[tuple[int, int]]:
        """Index pairs (i < j, different articles) of ``statements`` whose cosine reaches
        ``compare.align_paraphrase_min``."""
        if not self.row:
            return set()
        index = [i for i, st in enumerate(statements) if id(st) in self.row]
        rows = np.array([self.row[id(statements[i])] for i in index], dtype=np.int64)
        vectors = self.vectors[rows]
        pairs: set[tuple[int, int]] = set()
        block = 1024
        for start in range(0, len(index), block):
            sims = vectors[start:start + block] @ vectors.T
            for x, y in zip(*np.nonzero(sims >= self.config.align_paraphrase_min)):
                i, j = index[start + int(x)], index[int(y)]
                if i < j and statements[i].citation.article_id != statements[j].citation.article_id:
                    pairs.add((i, j))
        return pairs

    def lexical_score(self, a: Statement, b: Statement) -> float:
        """The score of the words, entities, figures and days two statements share (0
        when they share less than ``align_min_lexical`` or ``align_min_shared_terms``)."""
        lex = self.lexical(a, b)
        if lex < self.config.align_min_lexical:
            return 0.0
        c = self.config
        content, shared_figure, shared_day = self._shared(a, b)
        anchored = shared_figure or shared_day or bool(a.entities & b.entities)
        if len(content) + anchored < c.align_min_shared_terms:
            return 0.0
        score = lex
        shared_entities = a.entities & b.entities
        if shared_entities:
            score += c.align_entity_weight * len(shared_entities) / min(len(a.entities), len(b.entities))
            if any(t.startswith("~") for t in a.terms & b.terms):
                score += c.align_event_weight
        if shared_figure:
            score += c.align_figure_weight
        if shared_day:
            score += c.align_time_weight
        return score


def _own_words(st: Statement) -> set[str]:
    """The named person whose direct quotation the statement mostly is, if any (a speaker
    known only as "a spokesman" or "the report" may be the same as a named one)."""
    return {st.asserted_by} if st.direct and st.asserted_by.startswith("person:") else set()


def make_scorer(statements: list[Statement], config: CompareSettings | None = None,
                paraphrases: bool = False) -> _Scorer:
    """The pair scorer alignment uses (``score(a, b)``, ``lexical(a, b)``), with stem
    rarity taken over ``statements`` (a story's); ``paraphrases``: embed them too (see
    the module docstring; only with ``compare.align_paraphrase`` on)."""
    return _Scorer(statements, config or current(), paraphrases)


#: A label introducing what follows ("Quick Facts:", "Related:"): no claim of its own.
_LABEL = re.compile(r"^\W*(?:[\w’'-]+\s+){0,2}[\w’'-]+\s*:\s*$")


#: A publication stamp left in the text: "(Published Monday, Oct. 14, 2013)", "Updated:
#: 8/19/2013", "Posted at 10:04 AM": says nothing of the story, and its day is no day of
#: the event (the labels are the cleaner's and the timeline's: ``text.STAMP_LABEL``).
PUBLICATION_STAMP = re.compile(rf"^\W*{STAMP_LABEL}(?:\s+on)?\b\s*(?::|(?:on\s+|at\s+)?(?:{WEEKDAY_WORD}"
                               rf"|{MONTH_WORD}|\d))", re.IGNORECASE)
#: A date line alone: "June 24, 2014", "Monday, Sept. 16, 2013".
_DATE_LINE = re.compile(rf"^\W*(?:{WEEKDAY_WORD},?\s+)?{MONTH_WORD}\s+\d{{1,2}},?\s+\d{{4}}\W*$", re.IGNORECASE)
#: Page furniture left in the text that says nothing of the story: a photo credit ("Photo:
#: Google Maps"), a video's running time before its title ("3:49 Worms found in ...", "0:38
#: 'Why ...'"), a section label in capitals before a headline ("CONTINUING COVERAGE:
#: Deadly ...", no full stop: after "NEW YORK:" a sentence is the story's).
_CREDIT_OR_CLIP = re.compile(r"^\W*(?:(?:[Pp]hoto|PHOTO|[Ii]mage|[Vv]ideo|VIDEO|[Ff]ile photo|[Cc]redit)s?\s*:"
                             r"|\d{1,2}:\d{2}\s+[\"'“‘]?[A-Z])")
_CAPITAL_LABEL = re.compile(r"^\W*[A-Z]{2,}(?: [A-Z]{2,})*:\s.*[^.!?\"”’)]$", re.DOTALL)


def can_align(st: Statement) -> bool:
    """Whether a statement can be one side of a shared fact: not a label ("Quick Facts:"),
    an embedded post's signature line, nor page furniture (a credit, a publication stamp
    or a date line alone, a clip's running time, a section label, a photo gallery's
    counters)."""
    text = st.citation.text.strip()
    furniture = (_CREDIT_OR_CLIP.match(text) or PUBLICATION_STAMP.match(text) or _DATE_LINE.match(text)
                 or _CAPITAL_LABEL.match(text) or GALLERY_MARK.fullmatch(text))
    return not (_LABEL.match(text) or is_signature(text) or furniture)


def _candidates(statements: list[Statement], scorer: _Scorer, config: CompareSettings) -> set[tuple[int, int]]:
    if len({st.citation.article_id for st in statements}) < 2:
        return set()  # pairs are of two articles
    postings: dict[str, list[int]] = defaultdict(list)
    for i, st in enumerate(statements):
        if not can_align(st):
            continue
        rare = sorted(st.terms, key=lambda t: (-scorer.idf[t], t))[:config.align_block_terms]
        keys = {"t:" + t for t in rare} | {"e:" + e for e in st.entities}
        keys |= {"f:" + f for f in scorer.figs[id(st)]} | {"d:" + d for d in _time_keys(scorer.days[id(st)], scorer.weeks[id(st)])}
        for k in keys:
            postings[k].append(i)
    pairs: set[tuple[int, int]] = set()
    for members in postings.values():
        if len(members) < 2 or len(members) > config.align_max_posting:
            continue
        for x in range(len(members)):
            a = statements[members[x]].citation.article_id
            for y in range(x + 1, len(members)):
                if statements[members[y]].citation.article_id != a:
                    pairs.add((members[x], members[y]))
    return pairs


def aligned_statements(articles: Sequence[Article], config: CompareSettings | None = None,
                       split: Mapping[str, Sequence[Statement]] | None = None,
                       one_claim: Callable[[Citation, Citation], bool] | None = None,
                       ) -> tuple[list[Statement], list[list[int]], _Scorer]:
    """The story's statements and the groups of aligned statement indexes (one statement
    per article in a group; singletons included). ``split``: each article's
    ``statements_of``, when the caller has them already; ``one_claim``: the test two
    statements' citations must pass to be joined on shared words (``same_claim``)."""
    config = config or current()
    statements = [st for a in articles for st in (split[a.id] if split is not None else statements_of(a))]
    # Only a story that can corroborate a fact (two independent news sources) is embedded.
    scorer = _Scorer(statements, config, paraphrases=corroborating_sources(articles) >= 2)
    scored = []  # (lexical or not, score, i, j): pairs of shared words merge before paraphrases
    for i, j in _candidates(statements, scorer, config) | scorer.paraphrase_pairs(statements):
        s = scorer.lexical_score(statements[i], statements[j])
        lexical = s >= config.align_threshold
        if not lexical:
            s = scorer.paraphrase_score(statements[i], statements[j]) if scorer.row else 0.0
        # a lexical pair must be one claim, not only share words (a paraphrase pair's
        # evidence is its meaning: it shares few words by definition)
        if s >= config.align_threshold and (not lexical or one_claim is None
                                             or one_claim(statements[i].citation, statements[j].citation)):
            scored.append((lexical, s, i, j))
    scored.sort(key=lambda x: (not x[0], -x[1], x[2], x[3]))
    parent = list(range(len(statements)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(statements))}
    # Whose own words (direct quotations of a named person) each group holds: two people's
    # words are two claims, however alike (an AARP chief's "...protect Social Security for
    # future generations" / the White House spokesman's "...benefits for future
    # generations"), and the same words given to two people are an attribution dispute
    # (compare.conflicts), not corroboration: a group never holds two people's.
    voices: dict[int, set[str]] = {i: _own_words(st) for i, st in enumerate(statements)}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for _, _, i, j in scored:
        ri, rj = find(i), find(j)
        if ri == rj:
            continue
        slots_i = {(statements[k].citation.article_id, statements[k].citation.field) for k in members[ri]}
        if any((statements[k].citation.article_id, statements[k].citation.field) in slots_i for k in members[rj]):
            continue
        if len(voices[ri] | voices[rj]) > 1:
            continue
        parent[rj] = ri
        members[ri].extend(members.pop(rj))
        voices[ri] |= voices.pop(rj)
    groups = sorted((sorted(m) for m in members.values()), key=lambda m: m[0])
    log.debug("aligned %d statements into %d groups from %d scored pairs", len(statements), len(groups), len(scored))
    return statements, groups, scorer


def align_facts(articles: Sequence[Article], config: CompareSettings | None = None,
                split: Mapping[str, Sequence[Statement]] | None = None) -> list[Fact]:
    """Facts of one story: corroborated ones first (most independent news sources, see
    the module docstring), then in order of first appearance. ``status`` is
    ``corroborated`` or ``single-source`` here;
    ``find_conflicts`` sets ``disputed``. ``split``: as for :func:`aligned_statements`.
    Pairs are joined only when they are one claim (:mod:`storylens.compare.same_claim`),
    as ``compare_story`` joins them."""
    from storylens.compare.quote_variants import group_quote_variants
    from storylens.compare.same_claim import same_claim
    from storylens.compare.timeline import build_timeline

    config = config or current()
    split = split if split is not None else {a.id: statements_of(a) for a in articles}
    with compare_settings(config):  # the parts that read the settings in force
        one_claim = same_claim(articles, [st for a in articles for st in split[a.id]], build_timeline(articles),
                               group_quote_variants(articles))
    statements, groups, scorer = aligned_statements(articles, config, split, one_claim)
    return facts_of(articles, statements, groups, scorer, config)


def facts_of(articles: Sequence[Article], statements: Sequence[Statement], groups: Sequence[Sequence[int]],
             scorer: _Scorer, config: CompareSettings | None = None) -> list[Fact]:
    """:func:`align_facts` from what :func:`aligned_statements` returned (for a caller
    that reads the statements and the scorer too)."""
    config = config or current()
    by_id = {a.id: a for a in articles}
    facts = []
    order = {a.id: n for n, a in enumerate(articles)}
    for group in groups:
        sts = [statements[i] for i in group]
        if len(sts) == 1 and (len(sts[0].terms) < config.fact_min_terms or not can_align(sts[0])):
            continue  # too short to say anything, or no claim (a label, a post's signature, a credit)
        sts.sort(key=lambda s: (order[s.citation.article_id], s.index))
        members = [by_id[s.citation.article_id] for s in sts]
        sources = support_sources([s.citation for s in sts], by_id)
        # worded by a sentence of the text where the fact holds one (a headline sums up
        # its story and may say more than the sentences it aligns with), the one closest
        # to the others
        centre = max(sts, key=lambda s: (s.citation.field == "text", _closeness(s, sts, scorer),
                                         -order[s.citation.article_id]))
        support = [s.citation for s in sts]
        facts.append(Fact(
            id=fact_id(support),
            statement=centre.citation.text,
            support=support,
            independent_sources=sources,
            status="corroborated" if sources >= 2 else "single-source",
            asserted_by=_asserted_by(sts, centre),
            outlets=sorted({outlet_name(m) for m in members}),
        ))
    first = {f.id: n for n, f in enumerate(facts)}
    facts.sort(key=lambda f: (-f.independent_sources, first[f.id]))
    return facts


def agreement(statements: Sequence[Statement], scorer: _Scorer,
              config: CompareSettings | None = None) -> Callable[[Citation, Citation], bool]:
    """Whether two cited statements say a thing to each other directly: their pair passes
    the alignment's own test (``compare.align_threshold``), the same as two statements that
    make a fact between them. ``statements`` and ``scorer`` as :func:`aligned_statements`
    returns them."""
    threshold = (config or current()).align_threshold
    by_span = {st.citation.location: st for st in statements}

    def agrees(a: Citation, b: Citation) -> bool:
        x = by_span.get(a.location)
        y = by_span.get(b.location)
        return x is not None and y is not None and scorer.score(x, y) >= threshold

    return agrees


def word_readably(facts: Sequence[Fact], articles: Sequence[Article], statements: Sequence[Statement],
                  scorer: _Scorer, says_it: Callable[[Citation, Citation], bool]) -> None:
    """Word each fact whose wording does not read alone (a clause cut at a comma, a piece
    of someone's quotation without its speaker) or leans on a pronoun ("He is being held
    without bond.") by a statement of its own that reads alone
    (:func:`readable.reads_alone`), in the same voice and saying the same thing as the
    wording (``says_it``: the test a brief line's citations pass), the closest to the
    fact's other statements, where it has one: one that says who it is about before one
    opening with a pronoun. Only the wording a reader is shown changes (in place, once
    the comparison has read the facts): their support, status and who asserts them stay."""
    by_id = {a.id: a for a in articles}
    by_span = {st.citation.location: st for st in statements}
    for fact in facts:
        sts = [by_span[c.location] for c in fact.support if c.location in by_span]
        shown = next((st for st in sts if st.citation.text == fact.statement), None)
        if shown is None:
            continue
        whole = reads_alone(shown.citation, by_id)
        if whole and not opens_with_a_pronoun(shown.citation.text):
            continue
        alone = [st for st in sts if st.asserted_by == shown.asserted_by and reads_alone(st.citation, by_id)
                 and says_it(shown.citation, st.citation)]
        named = [st for st in alone if not opens_with_a_pronoun(st.citation.text)]
        if named or (alone and not whole):
            fact.statement = max(named or alone, key=lambda st: _closeness(st, sts, scorer)).citation.text


def _closeness(st: Statement, sts: Sequence[Statement], scorer: _Scorer) -> float:
    """How close a fact's statement is to its others: the sum of its lexical scores with
    them (the statement a fact is worded by is the closest)."""
    return sum(scorer.lexical(st, o) for o in sts if o is not st)


def _asserted_by(sts: list[Statement], shown: Statement) -> str:
    """Who most supports say asserts it: a speaker (entity key when resolved) or the
    outlets' own voice; a tie between a speaker and the outlets goes to the speaker when
    the statement the fact shows (``shown``) is theirs or names them ("... ,\" said Ilse
    Marrow"), else to the outlets: a sentence in an outlet's own voice is not labelled
    with a speaker only another article's sentence reports."""
    counts = Counter(s.asserted_by for s in sts)
    speakers = [(n, k) for k, n in counts.items() if k not in ("outlet", UNKNOWN_SPEAKER)]
    if speakers:
        n, key = max(speakers, key=lambda x: (x[0], x[1]))
        own = counts.get("outlet", 0)
        if n > own or (n == own and (shown.asserted_by != "outlet" or key in shown.entities
                                     or (":" not in key and key in fold(shown.citation.text)))):
            return key
    if counts.get("outlet", 0) >= counts.get(UNKNOWN_SPEAKER, 0):
        return "outlet"
    return UNKNOWN_SPEAKER


def drop_contradicting(facts: list[Fact], conflicts: Sequence[Conflict], articles: Sequence[Article]) -> None:
    """Corroboration only where it is true: a fact that states one side of a conflict
    loses the citations of articles that state another side of it and not this one (an
    outlet reporting "five to two" does not support "voted 6-1", whichever of its
    sentences aligned). A fact states a side when its statement says the side's claim
    (or is the side's sentence, for a claim not in the sentence's words): a fact of "six
    injured" whose sentences also say who fired is no fact of who fired, and an outlet
    that names another shooter still supports the six injured. Sources, status, outlets
    and id are recomputed, in place."""
    by_id = {a.id: a for a in articles}

    def claim(side: object) -> str:
        value = getattr(side, "value", None)
        return f"{value:g}" if value is not None else " ".join(getattr(side, "claim", "").casefold().split())

    for conflict in conflicts:
        stated: dict[str, set[str]] = defaultdict(set)
        for s in conflict.sides:
            stated[s.citation.article_id].add(claim(s))
        for n, fact in enumerate(facts):
            cited = [s for s in conflict.sides if any(c.location == s.citation.location for c in fact.support)]
            mine = {claim(s) for s in cited}
            if len(mine) != 1 or not any(_states_side(fact, s) for s in cited):
                continue
            # An article on another side still supports the fact where its own sentence
            # states this side's claim too (a claim reported, then checked).
            keep = [c for c in fact.support if not stated.get(c.article_id) or mine <= stated[c.article_id]
                    or says_claim(cited[0].claim, c.text)]
            if len(keep) == len(fact.support):
                continue
            members = list({c.article_id: by_id[c.article_id] for c in keep if c.article_id in by_id}.values())
            sources = support_sources(keep, by_id)
            dropped = {c.text for c in fact.support} - {c.text for c in keep}
            facts[n] = Fact(fact_id(keep), keep[0].text if fact.statement in dropped else fact.statement, keep, sources,
                            "corroborated" if sources >= 2 else "single-source", fact.asserted_by,
                            sorted({outlet_name(m) for m in members}))


def _states_side(fact: Fact, side: ConflictSide) -> bool:
    """Whether the fact's statement states the conflict side's claim (see
    :func:`drop_contradicting`)."""
    if says_claim(side.claim, side.citation.text):
        return says_claim(side.claim, fact.statement)
    return fact.statement == side.citation.text


def says_claim(claim: str, text: str) -> bool:
    """Whether ``text`` says a side's ``claim`` in its words: the claim's words (up to its
    " of ": "large numbers" of prisoners) as whole words of the text, case folded."""
    said = f" {casefold_words(claim).split(' of ', 1)[0]} "
    return bool(said.strip()) and said in f" {casefold_words(text)} "
