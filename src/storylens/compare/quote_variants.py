"""Quotes of the same utterance across a story's articles, and how faithfully each
outlet reproduces it.

Units ("segments"): the top-level quoted passages (text between quotation marks, see
:mod:`storylens.compare.textspans`) that overlap an extracted direct or partial quote
(``Article.quotes``), with that quote's speaker; a direct quote printed without marks
is its own segment. Indirect quotes are not quotations and are left out, and so are
quoted titles, names and mottos ("Face the Nation", "In God We Trust": capitalised
words).

Grouping (one group = one utterance): two segments belong together when their
normalised word sequences overlap: a shared run of at least ``compare.quote_min_run`` words and
at least half of the shorter segment's words in matching runs (so a quote split into
two in one outlet and printed whole in another joins through both halves). Speakers
must agree or one be unknown; a segment attributed to a different speaker joins only
on a run of ``compare.quote_min_run_other_speaker`` identical words (such a group has
``attribution_differs``). Segments under ``compare.quote_min_run`` words (echoes) join only
the same words quoted of the same named speaker, and then the quotation of that speaker
that holds them, if one group of quotations does: held by two (one word a speaker used in
two statements), they join neither and never make the two one utterance. Candidate pairs
come from an index of word ``compare.quote_min_run``-grams, so the work grows with the
number of shared passages, not with the square of the number of quotes. Links chain, so
a chain is split into utterances: the reference's article's segments, the quotations
that overlap one of them directly and the echoes those hold make one group; the rest,
joined only through another variant (a phrase a speaker used in two statements, an
outlet's quotation that runs two statements together), is split the same way.

Fidelity of a variant against the group's reference, compared on the part of the
reference the variant covers (quoting a portion of a statement is not an alteration).
The reference is the longest segment (an agency original wins a tie) unless one at least
half as long comes from an article whose wording more outlets bear out where their
quotes overlap, or is free of words the outlet marks as its own ("[of Congress]") or of
words cut out (an ellipsis between its words: an excerpt) where the longest is not. A
variant is judged against the reference, or against another of the reference article's
renderings where that one holds more of its words; the reference article's other
sentences of the utterance are their own reference (where the reference shares a word
or none with them, or they differ from it by more than two edits: "I was talking about
the radical environmentalist" beside "I was talking about energy, ..."); a segment
joined to the group through another variant only is compared with the variant it
overlaps most:

- ``verbatim``: the same words, case and inner punctuation (quote-mark style and the
  punctuation at the variant's edges do not count);
- ``minor``: the same words once case, accents, full stops ("U.S.A."/"USA"),
  apostrophe style and punctuation are folded; or words written otherwise with the same
  letters: hyphens and spaces ("stead-fast", "tax-filing"), contractions spelled out
  ("we've" / "we have"), numbers to twenty in figures or words ("1 in 3" /
  "one-in-three"); or one or two edits that leave the meaning intact: words the
  outlet set in brackets ("these (local) supervisors"), articles, "and", "both", "that",
  "of" or an interjection ("oh") added, cut or swapped, a determiner added or cut
  ("those individuals" / "individuals", "our alliance" / "alliance"), a word put for one
  of the same meaning ("upon" / "on"), a plural ending ("pew" / "pews"), a name
  spelled otherwise ("Moammar Gadhafi" / "Muammar al-Qaddafi"), the person spoken to
  cut ("Your visit, Mr. President, comes" / "Your visit comes");
- ``altered``: words changed, added or cut;
- ``paraphrase``: under half of the words match.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from itertools import accumulate
from typing import Any

from storylens.compare.settings import current
from storylens.compare.statements import same_speaker
from storylens.compare.textspans import QuotedSpan, Word, quoted_spans, sentence_around, sentence_spans, words
from storylens.model import Article, Citation
from storylens.text import NUMBER_WORDS, fold
from storylens.stories import independent_sources

__all__ = ["QuoteVariant", "QuoteGroup", "group_quote_variants", "fidelity", "word_diff", "FIDELITY_ORDER"]

log = logging.getLogger(__name__)

#: worst first
FIDELITY_ORDER = ("paraphrase", "altered", "minor", "verbatim")
_INNER_PUNCT = {"\u2013": "-", "\u2014": "-", "\u2019": "'", "\u2018": "'"}
_QUOTE_CHARS = set("\"'\u201c\u201d\u201e\u00ab\u00bb\u2018\u2019")


@dataclass
class _Segment:
    article: Article
    start: int
    end: int
    kind: str
    speaker: str | None
    words: list[Word]

    @property
    def norms(self) -> list[str]:
        return [w.norm for w in self.words]


@dataclass
class QuoteVariant:
    """One outlet's rendering of (part of) the utterance.

    ``against`` is the index of the variant it was compared with (0: the reference);
    ``diff`` the word-level edit script from that variant's covered words to this one's."""

    citation: Citation
    fidelity: str
    kind: str
    speaker: str | None
    against: int = 0
    coverage: float = 1.0
    diff: list[dict[str, Any]] = field(default_factory=list)

    @property
    def article_id(self) -> str:
        return self.citation.article_id

    def to_dict(self) -> dict[str, Any]:
        return {"article_id": self.citation.article_id, "citation": self.citation.to_dict(),
                "fidelity": self.fidelity, "kind": self.kind, "speaker": self.speaker,
                "against": self.against, "coverage": round(self.coverage, 3), "diff": list(self.diff)}


@dataclass
class QuoteGroup:
    """One utterance quoted in one or more articles; ``variants[0]`` is the reference."""

    id: str
    speaker: str | None
    speaker_name: str | None
    speakers: list[str]
    variants: list[QuoteVariant]
    articles: list[str]
    independent_sources: int

    @property
    def attribution_differs(self) -> bool:
        """Whether outlets give the utterance to two speakers (a surname alone and a full
        name ending in it are one: :func:`~storylens.compare.statements.same_speaker`)."""
        return any(not same_speaker(a, b) for n, a in enumerate(self.speakers) for b in self.speakers[n + 1:])

    @property
    def fidelity(self) -> str:
        """The worst fidelity among the variants."""
        return min((v.fidelity for v in self.variants), key=FIDELITY_ORDER.index)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "speaker": self.speaker, "speaker_name": self.speaker_name,
                "speakers": list(self.speakers), "attribution_differs": self.attribution_differs,
                "fidelity": self.fidelity, "articles": list(self.articles),
                "independent_sources": self.independent_sources,
                "variants": [v.to_dict() for v in self.variants]}


# -- segments ---------------------------------------------------------------------------


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in _QUOTE_CHARS):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _QUOTE_CHARS):
        end -= 1
    return start, end


def _segments(article: Article) -> list[_Segment]:
    text = article.text
    quotes = [q for q in article.quotes if q.kind in ("direct", "partial")]
    top = [s for s in quoted_spans(text) if s.depth == 0]
    found: dict[tuple[int, int], _Segment] = {}
    for q in quotes:
        lo, hi = q.start - 2, q.end + 2
        spans = [(s.start, s.end) for s in top if s.start < hi and lo < s.end]
        if not spans and q.kind == "direct":
            spans = [(q.start, q.end)]
        for start, end in spans:
            start, end = _trim(text, start, end)
            ws = words(text, start, end)
            if not ws or _title(ws):
                continue
            key = (start, end)
            seg = found.get(key)
            if seg is None:
                found[key] = _Segment(article, start, end, q.kind, q.speaker_entity, ws)
            elif seg.speaker is None and q.speaker_entity:
                seg.speaker = q.speaker_entity
            if seg is not None and q.kind == "direct":
                seg.kind = "direct"
    _add_echoes(article, top, found)
    return sorted(found.values(), key=lambda s: s.start)


#: Lower-case words a title or a name keeps ("Face the Nation", "In God We Trust").
_TITLE_SMALL_WORDS = frozenset("a an and at by for in of on or the to with".split())
_TITLE_MAX_WORDS = 6


def _title(ws: Sequence[Word]) -> bool:
    """Whether quoted words are a title, a name or a motto, not something said: two to
    ``_TITLE_MAX_WORDS`` words, each capitalised but small words ("Face the Nation", 'the
    motto "In God We Trust"')."""
    capitalised = sum(w.text[:1].isupper() for w in ws)
    return 2 <= capitalised and len(ws) <= _TITLE_MAX_WORDS and all(
        w.text[:1].isupper() or w.text.casefold() in _TITLE_SMALL_WORDS for w in ws)


def _affiliations(article: Article) -> dict[str, set[str]]:
    """Every organisation (any entity not a person) named in the article, with the keys
    of the persons whose role names it ("Jo Lind, president of Fair Rail" / "Fair Rail
    spokeswoman Jo Lind")."""
    out: dict[str, set[str]] = {e.name: set() for e in article.entities if e.kind != "person" and len(e.name) > 1}
    for person in article.entities:
        if person.kind != "person":
            continue
        for alias in person.aliases:
            for name, members in out.items():
                if _named(name, alias):
                    members.add(person.key)
    return out


def _named(name: str, text: str) -> re.Match[str] | None:
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text)


def _spokesperson(text: str, affiliations: dict[str, set[str]]) -> str | None:
    """The person who speaks for the organisation named first in ``text``, when the
    article gives exactly one person a role in it."""
    first: tuple[int, str] | None = None
    for name in affiliations:
        hit = _named(name, text)
        if hit and (first is None or hit.start() < first[0]):
            first = (hit.start(), name)
    if first is None or len(affiliations[first[1]]) != 1:
        return None
    return next(iter(affiliations[first[1]]))


#: A name's possessive ending: "Vell's plan" is Vell's plan, not Vell speaking ...
_POSSESSIVE = re.compile(r"['’](?:s\b|(?!\w))")
#: ... unless what is Vell's is something said, told with what it said: "Vell's remark
#: that ...", "Vell's earlier comments about ..." (not "Vell's comments were "wrong"").
_SAID_NOUN = re.compile(r"(?:\s+[\w-]+){0,2}?\s+(?:comments?|remarks?|words|claims?|assertions?|statements?|"
                        r"descriptions?|characteri[sz]ations?|phrases?|quotes?|quips?|suggestions?|accusations?|"
                        r"warnings?|posts?|tweets?|messages?|letters?|speech|answers?|responses?|reply|replies|"
                        r"testimony|promises?|pledges?|vows?|jokes?|charges?|criticism)\b"
                        r"(?=\s*(?:(?:that|about|of|on|at|in|to|from)\b|[,“\"']))", re.IGNORECASE)


def _owner(text: str, name_end: int) -> bool:
    """Whether the name ending at ``name_end`` owns what follows, rather than said it:
    "Vell's plan", not "Vell's remark"."""
    possessive = _POSSESSIVE.match(text, name_end)
    return possessive is not None and _SAID_NOUN.match(text, possessive.end()) is None


def _echo_speaker(before: Sequence[tuple[str, bool]], after: Sequence[str]) -> str | None:
    """Whose words an echo is (``before``: each person named before it in its sentence,
    and whether as an owner, :func:`_owner`): the person named last before it, not one
    named as an owner ("Brandvik called Vell's plan "reckless""), then the first named
    after it, then an owner ("Vell's spokesman called it "reckless"")."""
    named = [key for key, owner in before if not owner]
    if named:
        return named[-1]
    if after:
        return after[0]
    return before[-1][0] if before else None


def _add_echoes(article: Article, top: list[QuotedSpan], found: dict[tuple[int, int], _Segment]) -> None:
    """Words under ``compare.quote_min_run`` quoted on their own ("called the shooting
    "outrageous""), in a sentence that names a person: segments of that person (the
    nearest named before the quotation, else after it: :func:`_echo_speaker`). In a
    sentence that names no person but, before the quotation, an organisation ("Fair Rail
    called the plan "a disgrace""), they are the words of the one person the article gives
    a role in that organisation (its president, its spokeswoman), if there is exactly one.
    They join only a quote of the same person that holds them (or the same words quoted of
    that person elsewhere); a run of capitalised words is a title or a name, not an echo."""
    text = article.text
    people = sorted((m.start, m.end, e.key) for e in article.entities if e.kind == "person" for m in e.mentions)
    if not people:
        return
    affiliations: dict[str, set[str]] | None = None  # built when an echo names no person
    taken = [(seg.start, seg.end) for seg in found.values()]
    sentences = sentence_spans(text)
    for span in top:
        start, end = _trim(text, span.start, span.end)
        ws = words(text, start, end)
        if not ws or len(ws) >= current().quote_min_run or all(w.text[:1].isupper() for w in ws) or _title(ws):
            continue
        if any(a < end and start < b for a, b in taken):
            continue
        s_start, s_end = sentence_around(text, start, end, sentences)
        before = [(key, _owner(text, b)) for a, b, key in people if s_start <= a and b <= span.outer_start]
        after = [key for a, b, key in people if span.outer_end <= a and b <= s_end]
        speaker = _echo_speaker(before, after)
        if speaker is None:
            affiliations = _affiliations(article) if affiliations is None else affiliations
            speaker = _spokesperson(text[s_start:span.outer_start], affiliations)
        if speaker is not None:
            found[(start, end)] = _Segment(article, start, end, "partial", speaker, ws)


# -- grouping -----------------------------------------------------------------------------


def _matching(a: list[str], b: list[str]) -> tuple[int, int]:
    """(longest run, words in runs of at least 2) shared by two word lists."""
    blocks = SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()
    longest = max((blk.size for blk in blocks), default=0)
    shared = sum(blk.size for blk in blocks if blk.size >= 2 or blk.size == len(a) or blk.size == len(b))
    return longest, shared


def _holds(a: list[str], b: list[str]) -> bool:
    """Whether the shorter word list is a contiguous run of the longer one."""
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return any(long_[k:k + len(short)] == short for k in range(len(long_) - len(short) + 1))


def _linked(a: _Segment, b: _Segment) -> bool:
    settings = current()
    na, nb = a.norms, b.norms
    short = min(len(na), len(nb))
    same_speaker = a.speaker is None or b.speaker is None or a.speaker == b.speaker
    if short < settings.quote_min_run:  # a few words: only of one named speaker, and held by the other quote
        return a.speaker is not None and a.speaker == b.speaker and _holds(na, nb)
    longest, shared = _matching(na, nb)
    need = settings.quote_min_run if same_speaker else settings.quote_min_run_other_speaker
    return longest >= need and shared >= settings.quote_min_shared * short


class _Union:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            self.parent[max(ri, rj)] = min(ri, rj)


def _candidates(segs: list[_Segment]) -> set[tuple[int, int]]:
    run = current().quote_min_run
    index: dict[tuple[str, ...], list[int]] = defaultdict(list)
    short_of: dict[str, list[int]] = defaultdict(list)  # a few words of a named speaker
    for i, seg in enumerate(segs):
        if len(seg.norms) < run and seg.speaker is not None:
            short_of[seg.speaker].append(i)
    pairs: set[tuple[int, int]] = set()
    for i, seg in enumerate(segs):  # ... against every quote of that speaker
        for j in short_of.get(seg.speaker or "", ()):
            if i != j:
                pairs.add((min(i, j), max(i, j)))
    for i, seg in enumerate(segs):
        norms = seg.norms
        if len(norms) < run:
            continue
        for k in {tuple(norms[j:j + run]) for j in range(len(norms) - run + 1)}:
            index[k].append(i)
    for members in index.values():
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                pairs.add((members[x], members[y]))
    return pairs


# -- fidelity -----------------------------------------------------------------------------


def _surface(text: str, ws: list[Word]) -> list[str]:
    """Words as written plus the punctuation between them (edges excluded)."""
    out: list[str] = []
    for k, w in enumerate(ws):
        if k:
            gap = "".join(ch for ch in text[ws[k - 1].end:w.start] if not ch.isspace() and ch not in _QUOTE_CHARS)
            if gap:
                out.append("".join(_INNER_PUNCT.get(ch, ch) for ch in gap))
        out.append(w.text.replace("\u2019", "'").replace("\u2018", "'"))
    return out


def fidelity(variant_text: str, variant_words: list[Word], ref_text: str, ref_words: list[Word],
             kind: str = "direct") -> tuple[str, float, list[Word]]:
    """Fidelity of a variant against the reference words it covers, the share of words
    matched, and the covered reference window (see the module docstring)."""
    nv, nr = [w.norm for w in variant_words], [w.norm for w in ref_words]
    if kind == "indirect" or not nv or not nr:
        return "paraphrase", 0.0, []
    if nv == nr:  # the same words (a quote against itself, a copy): what the matcher below finds, without it
        same = _surface(ref_text, ref_words) == _surface(variant_text, variant_words)
        return ("verbatim" if same else "minor"), 1.0, list(ref_words)
    blocks = [b for b in SequenceMatcher(None, nr, nv, autojunk=False).get_matching_blocks() if b.size]
    if not blocks:
        return "paraphrase", 0.0, []
    first_a, first_b = blocks[0].a, blocks[0].b
    last_a, last_b = blocks[-1].a + blocks[-1].size, blocks[-1].b + blocks[-1].size
    # the variant's words before its first match (after its last) stand for as many
    # reference words there ("the radical environmentalists" for "... environmentalist")
    lead, trail = min(first_a, first_b), min(len(nr) - last_a, len(nv) - last_b)
    lo, hi = first_a - lead, last_a + trail
    # a variant that runs past either end of the reference is compared on the overlap only
    v_lo = first_b - lead if lo == 0 else 0
    v_hi = last_b + trail if hi == len(nr) else len(nv)
    window, vwords = ref_words[lo:hi], variant_words[v_lo:v_hi]
    matched = sum(b.size for b in blocks)
    coverage = matched / max(len(window), len(vwords))
    if [w.norm for w in window] == [w.norm for w in vwords]:
        same = _surface(ref_text, window) == _surface(variant_text, vwords)
        return ("verbatim" if same else "minor"), 1.0, window
    if coverage < current().quote_min_shared:
        return "paraphrase", coverage, window
    small = _respelled(ref_words, variant_words) or _small_edits(window, ref_text, vwords, variant_text)
    return ("minor" if small else "altered"), coverage, window


#: Contractions spelled out ("we've" / "we have"); "'s" only after a pronoun, as "is".
_CONTRACTED = re.compile(r"\b(he|she|it|that|there|what|who|here)'s\b|(?<=\w)(n't|'re|'ve|'ll|'m)\b")
_SPELLED_OUT = {"n't": "not", "'re": "are", "'ve": "have", "'ll": "will", "'m": "am"}
_DIGITS = {str(n): w for w, n in NUMBER_WORDS.items()}


def _spelling(ws: Sequence[Word]) -> str:
    """The letters and numbers of some words, whatever their spelling: joined (no
    hyphens, no spaces: "stead-fast", "tax filing"), contractions spelled out, numbers to
    twenty as words ("1 in 3" / "one-in-three")."""
    text = " ".join(w.text for w in ws).casefold().replace("’", "'").replace("‘", "'")
    text = _CONTRACTED.sub(lambda m: f"{m.group(1)} is" if m.group(1) else " " + _SPELLED_OUT[m.group(2)], text)
    return "".join(_DIGITS.get(t, t) for t in re.findall(r"[^\W_]+", text))


def _respelled(ref: list[Word], variant: list[Word]) -> bool:
    """Whether the variant is a run of the reference that differs in spelling only (see
    ``_spelling``): the same letters and numbers, in the same order, written otherwise;
    nothing added, cut inside or changed, and no word cut short ("the island" is not "the
    islanders")."""
    pieces = [_spelling((w,)) for w in ref]  # a word's spelling never runs into the next one's
    whole, written = "".join(pieces), _spelling(variant)
    ends = set(accumulate(map(len, pieces), initial=0))
    at = whole.find(written)
    while at >= 0:
        if at in ends and at + len(written) in ends:
            return True
        at = whole.find(written, at + 1)
    return False


#: Words whose presence or absence leaves a quotation's meaning intact: articles, "and",
#: "both", "that" ("said that he"), "of" ("all of the"), interjections ("Oh, not a
#: theology based on the Bible"). Not negations, quantifiers,
#: modals or intensifiers: "not", "only", "would", "very" change what was said.
_FILLERS = frozenset({"a", "an", "the", "and", "both", "that", "of", "oh", "uh", "um", "ah", "er"})
#: Determiners an outlet may cut or add without changing what was said ("may need to
#: wait" of "those individuals" / "individuals", "a critical time for [our] alliance"),
#: though putting one for another may ("our" / "their"): added or cut only, one edit a word.
_CUTTABLE = _FILLERS | {"this", "these", "those", "our", "their", "his", "her", "its", "my", "your"}
#: Words written two ways with one meaning ("depending upon" / "depending on"): one edit.
_SAME_MEANING = frozenset(frozenset(pair) for pair in (("upon", "on"), ("toward", "towards"), ("among", "amongst"),
                                                        ("while", "whilst"), ("until", "till")))
#: "A few" such edits (the guideline's ``minor``: "a few function words ... differ,
#: meaning intact"); more is a rewording.
_MAX_SMALL_EDITS = 2


def _bracketed(text: str, ws: Sequence[Word]) -> list[bool]:
    """For each word, whether it stands inside brackets or parentheses in ``text``: the
    outlet's own words set into a quotation ("these (local) supervisors", "[are]")."""
    depth, pos, out = 0, max(0, ws[0].start - 1) if ws else 0, []  # "[Officials] said"
    for w in ws:
        for ch in text[pos:w.start]:
            if ch in "([":
                depth += 1
            elif ch in ")]" and depth:
                depth -= 1
        out.append(depth > 0)
        pos = w.end
    return out


def _small_edits(window: list[Word], ref_text: str, variant: list[Word], variant_text: str) -> bool:
    """Whether the variant differs from the reference words it covers only by one or
    two edits that leave the meaning intact: words the outlet set in brackets (one edit
    each bracketed run), or fillers (``_FILLERS``, one edit a word) added, cut or
    swapped ("are alleged to be both discriminators and victims", "Tom Brady, George
    Clooney, James Bond, the president"), a determiner cut or added (``_CUTTABLE``), a
    word put for one of the same meaning (``_SAME_MEANING``), or a word's plural ending
    (:func:`_inflected`), a name spelled otherwise (:func:`_same_name`: "Moammar Gadhafi"
    / "Muammar al-Qaddafi", one edit), or the person spoken to cut (:func:`_address`:
    "Your visit, Mr. President, comes at" / "Your visit comes at", one edit),
    beside words only written otherwise
    (:func:`_spelling`: "there's a one-in-three chance we could lose" for "there's a 1
    in 3 chance that we could lose")."""
    nr, nv = [w.norm for w in window], [w.norm for w in variant]
    inside = _bracketed(variant_text, variant)
    edits = 0
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, nr, nv, autojunk=False).get_opcodes():
        if tag == "equal" or (tag == "replace" and _spelling(window[i1:i2]) == _spelling(variant[j1:j2])):
            continue  # the same words, or the same written otherwise ("1 in 3" / "one-in-three")
        editorial = j2 > j1 and all(inside[j1:j2])  # the outlet's bracketed words, added or put for others
        cut_or_added = tag in ("delete", "insert") and all(w in _CUTTABLE for w in nr[i1:i2] + nv[j1:j2])
        one_for_one = i2 - i1 == j2 - j1 == 1 and (_inflected(nr[i1], nv[j1])
                                                   or frozenset((nr[i1], nv[j1])) in _SAME_MEANING)
        one_edit = (editorial or (tag == "replace" and _same_name(window[i1:i2], variant[j1:j2]))
                    or (tag == "delete" and _address(ref_text, window[i1:i2])))
        if not one_edit and not cut_or_added and not one_for_one \
                and not all(w in _FILLERS for w in nr[i1:i2] + nv[j1:j2]):
            return False
        edits += 1 if one_edit else max(i2 - i1, j2 - j1)
    return 0 < edits <= _MAX_SMALL_EDITS


#: How a name's letters sound alike across its spellings ("Gadhafi" / "Qaddafi" /
#: "Kadafi", "Mohammed" / "Muhammad"): an Arabic article in front ("al-", "el-") left out,
#: q, c, k and g one letter, h silent, vowels and doubled letters dropped.
_NAME_ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|at|ash|an|az|ul)-")
_NAME_SOUNDS = str.maketrans({"q": "k", "c": "k", "g": "k", "h": None, "a": None, "e": None, "i": None, "o": None,
                              "u": None, "y": None, "w": None})
_MAX_NAME_WORDS = 3


def _name_sounds(ws: Sequence[Word]) -> str:
    """The letters of a run of name words as :func:`_same_name` compares them."""
    skeleton = "".join(re.sub(r"[^a-z]", "", _NAME_ARTICLE.sub("", fold(w.text))).translate(_NAME_SOUNDS) for w in ws)
    return re.sub(r"(.)\1+", r"\1", skeleton)


def _same_name(ref: Sequence[Word], variant: Sequence[Word]) -> bool:
    """Whether two runs of capitalised words (of ``_MAX_NAME_WORDS`` or fewer) are one name
    spelled otherwise: the same consonants in the same order once the letters that vary
    between transliterations are read as one (``_NAME_SOUNDS``: "Moammar Gadhafi" and
    "Muammar al-Qaddafi", not "Obama" and "Osama")."""
    if not (0 < len(ref) <= _MAX_NAME_WORDS and 0 < len(variant) <= _MAX_NAME_WORDS):
        return False
    if not all(_NAME_ARTICLE.sub("", w.text)[:1].isupper() for w in (*ref, *variant)):
        return False
    a, b = _name_sounds(ref), _name_sounds(variant)
    return len(a) >= 2 and a == b


#: Words that address whom the speaker speaks to: an honorific and the name or title
#: after it ("Mr. President", "Madam Speaker", "Sir"), or "ladies and gentlemen",
#: "folks", "everybody".
_ADDRESS = re.compile(r"(?:(?:Mr|Mrs|Ms|Madam|Madame|Mister|Dr)\.?(?:\s+[A-Z][\w'’-]*){1,3}|[Ss]ir|[Mm]a['’]am"
                      r"|[Ll]adies and gentlemen|[Ff]olks|[Ee]verybody|[Ee]veryone|[Mm]y friends)")


def _address(ref_text: str, cut: Sequence[Word]) -> bool:
    """Whether the words a variant cuts are the person the speaker addresses, set off by
    commas from the rest ("Your visit, Mr. President, comes at a critical time"): cutting
    them leaves what was said intact."""
    if not cut:
        return False
    before = ref_text[max(0, cut[0].start - 8):cut[0].start].rstrip()
    after = ref_text[cut[-1].end:cut[-1].end + 8].lstrip(" \t")
    opens = not before or before[-1] in ",\"“.!?"  # the quotation's or its sentence's start, or a comma
    set_off = opens and after[:1] in (",", "!", "?", ".", "")
    return set_off and _ADDRESS.fullmatch(ref_text[cut[0].start:cut[-1].end].rstrip(".")) is not None


def _inflected(a: str, b: str) -> bool:
    """Whether two words differ only by a plural or third-person ending ("pew" / "pews",
    "ferry" / "ferries"), the shorter of three letters or more."""
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 3 and long_ in (short + "s", short + "es", short[:-1] + "ies")


def _edits(diff: list[dict[str, Any]]) -> int:
    """Words added, cut or changed in a :func:`word_diff` (a changed run counts its longer
    side)."""
    return sum(max(len(op["ref"]), len(op["variant"])) for op in diff if op["op"] != "equal")


def word_diff(ref_words: list[Word], variant_words: list[Word]) -> list[dict[str, Any]]:
    """difflib opcodes on normalised words, each with the words as written on both sides."""
    nr, nv = [w.norm for w in ref_words], [w.norm for w in variant_words]
    if nr and nr == nv:  # (what difflib gives for the same words, without its matcher)
        return [{"op": "equal", "ref": [w.text for w in ref_words], "variant": [w.text for w in variant_words]}]
    ops = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, nr, nv, autojunk=False).get_opcodes():
        ops.append({"op": tag, "ref": [w.text for w in ref_words[i1:i2]],
                    "variant": [w.text for w in variant_words[j1:j2]]})
    return ops


# -- API ------------------------------------------------------------------------------------


def _speaker_names(articles: Sequence[Article]) -> dict[str, str]:
    names: dict[str, str] = {}
    for a in articles:
        for e in a.entities:
            if len(e.name) > len(names.get(e.key, "")):
                names[e.key] = e.name
    return names


def _kind_rank(key: str) -> int:
    return {"person": 0, "org": 1}.get(key.split(":", 1)[0], 2)


def _agrees(a: _Segment, b: _Segment) -> bool | None:
    """Whether two segments give the same words where they overlap (None: they share
    under ``compare.quote_min_run`` words in a run, too little to say)."""
    if _matching(a.norms, b.norms)[0] < current().quote_min_run:
        return None
    return fidelity(b.article.text, b.words, a.article.text, a.words)[0] in ("verbatim", "minor")


def _dissent(members: list[_Segment]) -> dict[str, int]:
    """Per article: how many other articles quote the utterance in other words where
    their quotes overlap, less how many quote it in the same words everywhere they
    overlap (an article's quotes of the utterance taken together)."""
    by_article: dict[str, list[_Segment]] = defaultdict(list)
    for seg in members:
        by_article[seg.article.id].append(seg)
    out = dict.fromkeys(by_article, 0)
    ids = list(by_article)
    for x, a in enumerate(ids):
        for b in ids[x + 1:]:
            verdicts = [v for sa in by_article[a] for sb in by_article[b] if (v := _agrees(sa, sb)) is not None]
            if verdicts:
                step = -1 if all(verdicts) else 1
                out[a] += step
                out[b] += step
    return out


#: Groups with more segments than this take the longest as the reference (no vote).
_MAX_VOTING_SEGMENTS = 60


def _reference(members: list[_Segment], originals: Collection[str], order: dict[str, int]) -> _Segment:
    """The variant the others are judged against: the longest, unless another at least
    half as long comes from an article whose wording more outlets bear out (fewer
    articles give other words where they overlap it, net of those giving the same
    words), or the longest marks words as the outlet's own ("[of Congress]") or cuts
    words out of it (an ellipsis between its words) and such another does not."""
    def by_length(s: _Segment) -> tuple[int, bool, int, int]:
        return (-len(s.words), s.article.id not in originals, order[s.article.id], s.start)

    longest = max(len(s.words) for s in members)
    candidates = [s for s in members if 2 * len(s.words) >= longest and len(s.words) >= current().quote_min_run]
    if len(candidates) < 2 or len(members) > _MAX_VOTING_SEGMENTS:
        return min(members, key=by_length)
    dissent = _dissent(members)
    return min(candidates, key=lambda s: (dissent[s.article.id], "[" in s.article.text[s.start:s.end], _cut(s),
                                          *by_length(s)))


#: An ellipsis between a quotation's words: the outlet cut words out of it.
_ELLIPSIS = re.compile(r"\w\W*(?:\.\s?\.\s?\.|…)\W*\w")


def _cut(seg: _Segment) -> bool:
    """Whether the outlet cut words out of the quotation ("since the days that I served in
    Vietnam... whatever we think about the war"): an excerpt, not the most complete
    rendering of what was said."""
    return _ELLIPSIS.search(seg.article.text, seg.start, seg.end) is not None


def _base(index: int, ordered: list[_Segment]) -> int:
    """The variant ``ordered[index]`` is judged against: the reference (``ordered[0]``),
    or another of the reference article's renderings that holds more of the variant's
    words (the reference article's own words are references too); a segment of the
    reference article the reference does not overlap is its own reference, and one
    connected to the group through another variant only is compared with the variant it
    overlaps most."""
    ref, seg = ordered[0], ordered[index]
    if seg is ref:
        return 0
    shared = _matching(ref.norms, seg.norms)
    if shared[0] < 2:
        if seg.article is ref.article:
            return index
        return max(range(len(ordered)), key=lambda k: -1 if k == index else _matching(ordered[k].norms, seg.norms)[1])
    if seg.article is ref.article:
        return 0
    held = {k: _matching(ordered[k].norms, seg.norms)[1] for k in range(1, len(ordered))
            if k != index and ordered[k].article is ref.article}
    best = max(held, key=held.__getitem__, default=0)
    return best if best and held[best] > shared[1] else 0


def _build_group(members: list[_Segment], originals: Collection[str], order: dict[str, int],
                 names: dict[str, str]) -> QuoteGroup:
    # chosen again among the utterance's own variants (their votes only): the seed that
    # split the chain into utterances was voted on by the whole chain, and taking it as
    # the reference got NewsWCL50's altered P / R .455 / .714 down to .364 / .571
    ref = _reference(members, originals, order)
    rest = sorted((s for s in members if s is not ref), key=lambda s: (order[s.article.id], s.start))
    ordered = [ref, *rest]
    variants: list[QuoteVariant] = []
    for index, seg in enumerate(ordered):
        against = _base(index, ordered)
        base = ordered[against]
        fid, cov, window = fidelity(seg.article.text, seg.words, base.article.text, base.words, seg.kind)
        diff = word_diff(window or base.words, seg.words)
        if seg is not ref and seg.article is ref.article and (
                fid == "paraphrase" or fid == "altered" and _edits(diff) > _MAX_SMALL_EDITS):
            # another sentence of the reference article's rendering ("I was talking about
            # the radical environmentalist" beside "I was talking about energy, ..."):
            # its own reference, not an alteration of the article's other words (a
            # sentence it prints twice a word or two apart stays altered)
            against = index
            fid, cov, window = fidelity(seg.article.text, seg.words, seg.article.text, seg.words, seg.kind)
            diff = word_diff(window or seg.words, seg.words)
        variants.append(QuoteVariant(
            Citation(seg.article.id, seg.start, seg.end, seg.article.text[seg.start:seg.end]),
            fid, seg.kind, seg.speaker, against, cov, diff))
    counts: dict[str, int] = defaultdict(int)
    for seg in ordered:
        if seg.speaker:
            counts[seg.speaker] += 1
    speakers = sorted(counts, key=lambda k: (_kind_rank(k), -counts[k], k))
    speaker = speakers[0] if speakers else None
    article_ids = list(dict.fromkeys(s.article.id for s in ordered))
    by_id = {s.article.id: s.article for s in ordered}
    digest = hashlib.sha256(f"{ref.article.id}:{ref.start}:{ref.end}".encode()).hexdigest()[:12]
    return QuoteGroup(f"qg-{digest}", speaker, names.get(speaker) if speaker else None, speakers, variants,
                      article_ids, independent_sources([by_id[i] for i in article_ids]))


def _utterances(members: list[_Segment], originals: Collection[str], order: dict[str, int]) -> list[list[_Segment]]:
    """The segments the pairwise links chained together, split into utterances: the
    reference article's rendering (its segments), the quotations that overlap one of them
    directly and the echoes those hold; the rest, joined only through another variant, is
    split the same way."""
    run = current().quote_min_run
    out: list[list[_Segment]] = []
    rest = list(members)
    while rest:
        ref = _reference(rest, originals, order)
        own = [s for s in rest if s.article is ref.article]
        star = own + [s for s in rest if s.article is not ref.article and len(s.norms) >= run
                      and any(_linked(t, s) for t in own)]
        star += [s for s in rest if len(s.norms) < run and not any(s is t for t in star)
                 and any(_linked(t, s) and (len(t.norms) >= run or t.norms == s.norms) for t in star)]
        out.append(star)
        rest = [s for s in rest if not any(s is t for t in star)]
    return out


def _attach_echoes(union: _Union, echo_links: Sequence[tuple[int, int]]) -> None:
    """Join each echo (a few quoted words, with the same words quoted of that speaker
    elsewhere) to the quotation that holds it when one group of quotations does: the
    words echo that utterance. Held by two groups ("theology" in two of a speaker's
    quotations), it is no evidence that they are one utterance and joins neither."""
    holders: dict[int, set[int]] = defaultdict(set)
    for echo, quote in echo_links:
        holders[union.find(echo)].add(union.find(quote))
    for echo, groups in sorted(holders.items()):
        if len(groups) == 1:
            union.union(echo, next(iter(groups)))


def group_quote_variants(articles: Sequence[Article], originals: Collection[str] = ()) -> list[QuoteGroup]:
    """Group the story's quotes by utterance, with each variant's fidelity and diff.

    ``originals``: ids of agency originals (a story's ``syndication_groups[].original``);
    their segment is the reference when it is as long as the longest. Groups come out
    most widely quoted first, then in the order of the first article.
    """
    order = {a.id: k for k, a in enumerate(articles)}
    segs = [seg for a in articles for seg in _segments(a)]
    union = _Union(len(segs))
    group_speakers: dict[int, set[str]] = {i: {s.speaker} if s.speaker else set() for i, s in enumerate(segs)}
    run = current().quote_min_run
    echo_links: list[tuple[int, int]] = []  # (a few words, a longer quote holding them)
    for i, j in sorted(_candidates(segs)):
        short_i, short_j = len(segs[i].norms) < run, len(segs[j].norms) < run
        if short_i != short_j:
            if _linked(segs[i], segs[j]):
                echo_links.append((i, j) if short_i else (j, i))
            continue
        ri, rj = union.find(i), union.find(j)
        if ri == rj or (short_i and segs[i].norms != segs[j].norms) or not _linked(segs[i], segs[j]):
            continue
        merged = group_speakers[ri] | group_speakers[rj]
        if len(merged) > 1 and _matching(segs[i].norms, segs[j].norms)[0] < current().quote_min_run_other_speaker:
            continue  # would join two different named speakers through an unattributed quote
        union.union(ri, rj)
        group_speakers[union.find(ri)] = merged
    _attach_echoes(union, echo_links)
    clusters: dict[int, list[_Segment]] = defaultdict(list)
    for i, seg in enumerate(segs):
        clusters[union.find(i)].append(seg)
    names = _speaker_names(articles)
    groups = [_build_group(members, set(originals), order, names)
              for cluster in clusters.values() for members in _utterances(cluster, set(originals), order)]
    groups.sort(key=lambda g: (-g.independent_sources, -len(g.articles), order[g.variants[0].article_id],
                               g.variants[0].citation.start))
    log.debug("%d quote segments in %d groups", len(segs), len(groups))
    return groups
