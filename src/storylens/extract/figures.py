"""Figures (quantities) from one spaCy ``Doc``: value, range, bound, trend, unit, currency, counted noun.

``extract_figures(doc)`` reads ``doc.text`` and the doc's tokens, lemmas, sentences and
entities; it returns :class:`storylens.model.Figure` records whose offsets index ``doc.text``.

What a figure holds:

- ``value``: the number with scale words applied ("100 billion", "$100bn", "USD 100 billion"
  and "100 Billion Dollars" are all 1e11; "1.2m" is 1.2e6); None for a range or a vague amount.
- ``low``/``high``: a range ("between 800 and 1,000", "15-22 mph", "from $10 to $15 billion"
  with the scale word shared); plural scale words ("dozens of", "hundreds of") give one to
  ten times the scale word (12-120, 100-1,000), the convention of NewsQuant/CQE.
- ``bound``: "at least" >=, "more than"/"over" >, "about"/"nearly"/"some" ~, "up to" <=,
  "less than"/"under"/"sub-" <, else "=".
- ``trend``: up/down when a change verb governs the number ("rose 5%", "fell by 3",
  "fell to 3%", "up 19 cents") or a sign is written ("-1.3%").
- ``currency``: ISO code ("USD", "EUR", "GBP", "JPY", ...) or the stated name when no code
  follows from the text ("crown"). ``unit``: a unit key ("percent", "km", "mph", "year",
  "year-old"); for money, a rate denominator ("per share", "per month") when stated; for
  counted things, the lemmatised noun phrase ("first-team player", "people").
- ``counts``: the lemma of the counted noun ("detainee", "people"); for money, the lemma
  of the verb that says what the money does when it is one of a few (invest, pay, spend...).
- ``vague``: the phrase of an amount given without a number ("large numbers of",
  "dozens of", "a handful of").

Not figures: dates and years used as dates, clock times, ordinals, numbers inside names
and codes ("iPhone 11", "Section 427", "TA-35", "COVID-19"), scores and other bare
"N-N" pairs, phone numbers.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..model import Figure
from . import figures_context as fc
from .figures_lexicon import SCALES, TIME_UNITS
from .figures_numbers import Core, find_cores
from .nlp import ents_of, text_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["extract_figures"]

log = logging.getLogger(__name__)

_MONEY_VERBS = frozenset({
    "invest", "pay", "spend", "raise", "cost", "fine", "earn", "lose", "save", "sell", "buy",
    "borrow", "lend", "owe", "donate", "award", "charge", "fund", "allocate", "budget", "offer",
    "receive", "grant", "pledge", "generate", "collect", "bill", "value", "price",
})
_DATE_LABELS = frozenset({"DATE", "TIME"})
_NAME_LABELS = frozenset({"ORG", "PRODUCT", "WORK_OF_ART", "EVENT", "FAC", "LAW"})
_PHONE_RE = re.compile(r"[-.\s]\d{3}[-.\s]\d{4}(?!\d)")
_HEADLESS_WORDS = {"one"}
_TIME_PREPOSITION = re.compile(r"(?<![A-Za-z])(?:in|since|by|during|until|till|of)\s+$", re.IGNORECASE)
_QUANTIFIER_WORDS = frozenset({"more", "additional", "other", "extra", "further", "several", "many", "few",
                               "fewer", "less", "most", "such"})
_PARTICLE_TRENDS = frozenset({"be", "go", "edge", "inch", "tick", "end", "close", "finish", "trade", "come",
                              "move", "shoot", "creep", "head", "open", "settle", "rise", "fall"})


@dataclass
class _Quantity:
    start: int
    end: int
    core_start: int
    core_end: int
    value: float | None
    raw: float | None
    scale: float = 1.0
    kind: str = "numeral"
    currency: str | None = None
    unit: str | None = None
    low: float | None = None
    high: float | None = None
    vague: str | None = None
    sign: str | None = None
    changed: bool = False
    yearish: bool = False
    after_time_word: bool = False


def extract_figures(doc: "Doc") -> list[Figure]:
    """Every quantity in ``doc`` as a Figure, in text order."""
    text = text_of(doc)
    cores = find_cores(text)
    figures: list[Figure] = []
    i = 0
    while i < len(cores):
        core = cores[i]
        i += 1
        if core.kind == "vague":
            fig = _vague_figure(doc, core)
            if fig is not None:
                figures.append(fig)
            continue
        q = _quantity(text, core)
        if q is None:
            continue
        while i < len(cores) and cores[i].start < q.end:
            i += 1
        partner: _Quantity | None = None
        q.changed = fc.match_trend(text, _bound_start(text, q.start), max(0, q.start - 48)) is not None
        link = fc.match_connector(text, q.end)
        intro = fc.match_intro(text, q.start)
        if link is not None and i < len(cores):
            nxt = cores[i]
            gap_prefix = fc.match_prefix(text, nxt.start)
            gap_start = gap_prefix[1] if gap_prefix else nxt.start
            sign = fc.match_sign(text, gap_start)
            if sign is not None and sign[0] == "-":
                gap_start = sign[1] if link[0] != "-" else gap_start
            spaced_dash = link[0] == "-" and text[q.end:q.end + 1].isspace() and not text[link[1] - 1].isspace()
            if gap_start == link[1] and nxt.kind in ("numeral", "word", "fraction") and not spaced_dash:
                partner = _quantity(text, nxt, range_second=True)
        if partner is not None and link is not None:
            verdict = _join(q, partner, link[0], intro[0] if intro else None)
            if verdict == "skip":
                i += 1
                continue
            if verdict == "range":
                i += 1
                q = _merge_range(q, partner)
                if intro is not None:
                    q.start = intro[1]
        fig = _finish(doc, q, ranged=intro is not None and q.kind == "range")
        while i < len(cores) and cores[i].start < q.end:
            i += 1
        if fig is not None:
            if figures:
                fc.restatement(text, figures[-1], fig)
            figures.append(fig)
    return figures



def _quantity(text: str, core: Core, range_second: bool = False) -> _Quantity | None:
    """The core with what is glued or written right after it (scale, currency, unit, rate)
    and the currency prefix and sign before it; None when the core is not a quantity."""
    start = core.start
    prefix = fc.match_prefix(text, core.start)
    currency = prefix[0] if prefix else None
    sign_at = prefix[1] if prefix else core.start
    sign = fc.match_sign(text, sign_at)
    if sign is None and prefix is not None:
        sign = fc.match_sign(text, core.start)
    if prefix is not None:
        start = prefix[1]
    if sign is not None:
        start = min(start, sign[1])
    if core.kind == "numeral":
        if not range_second and prefix is None and sign is None and fc.glued_letters_before(text, core.start):
            return None
        if core.start >= 1 and text[core.start - 1] in ":#" or text[max(0, core.start - 4):core.start].lower() == "no. ":
            return None
        if fc.rejected_suffix(text, core.end) or _PHONE_RE.match(text, core.end):
            return None
    elif not range_second and core.start >= 2 and text[core.start - 1] == "-" and text[core.start - 2].isalpha():
        return None  # "production-four-door"
    q = _Quantity(start, core.end, core.start, core.end, core.value, core.value, kind=core.kind, currency=currency)
    if sign is not None:
        if sign[0] == "-" and q.value is not None:
            q.value = -q.value
            q.raw = q.value
        q.sign = sign[0]
    pos = core.end
    if core.kind == "word":
        last = text[core.start:core.end].lower().split()[-1].split("-")[-1]
        scale_word = SCALES.get(last) if last in ("hundred", "thousand", "million", "billion", "trillion") else None
        if scale_word and core.value:
            q.scale, q.raw = scale_word, core.value / scale_word  # "five thousand": 5 x 1e3
    glued = fc.match_glued_scale(text, pos, money=currency is not None) if core.kind == "numeral" else None
    if glued is not None:
        q.scale *= glued[0]
        pos = glued[1]
    while True:
        spaced = fc.match_scale(text, pos)
        if spaced is None:
            break
        q.scale *= spaced[0]
        pos = spaced[1]
    if q.value is not None and q.scale != 1.0:
        q.value = q.raw * q.scale if q.raw is not None else None
    if core.kind == "numeral" and pos == core.end and pos < len(text) and (text[pos].isalpha()):
        measure = fc.match_measure(text, pos)
        if measure is None or measure.end == pos:
            return None  # "5G", "3D", "A4x": part of a code
    measure = fc.match_measure(text, pos)
    if measure is not None:
        if measure.kind == "currency":
            # a word after a prefix refines it ("A$ 5 Australian dollars"); "dollars" alone is USD
            if q.currency is None or (measure.key != "dollar" and q.currency == "USD"):
                q.currency = "USD" if measure.key == "dollar" else measure.key
        else:
            q.unit = measure.key
        pos = measure.end
    if q.currency is not None or q.unit is not None:
        rate = fc.match_rate(text, pos)
        if rate is not None and q.unit not in TIME_UNITS:
            q.unit = f"per {rate[0]}" if q.unit is None else f"{q.unit} per {rate[0]}"
            pos = rate[1]
    q.end = pos
    q.after_time_word = _TIME_PREPOSITION.search(text, max(0, start - 12), start) is not None
    q.yearish = (core.kind == "numeral" and q.currency is None and q.unit is None and q.scale == 1.0
                 and re.fullmatch(r"1\d{3}|20\d{2}|2100", text[core.start:core.end]) is not None)
    return q


def _join(first: _Quantity, second: _Quantity, link: str, intro: str | None) -> str:
    """How two quantities joined by a connector relate: "range", "alternative", "skip" or ""."""
    first_measure = (first.currency, first.unit)
    second_measure = (second.currency, second.unit)
    same = first_measure == second_measure or first_measure == (None, None) or (
        first.currency is not None and first.currency == second.currency and first.unit is None)
    if first.yearish and not second.yearish and first.after_time_word:
        return ""  # "in 2008 to 29 mpg"
    if intro == "from" and second_measure == (None, None):
        same = True  # "from 208 pounds to 193"
    if link == "-":
        if first_measure == (None, None) and second_measure == (None, None):
            return "skip"  # scores ("2-1"), addresses ("16-18"), year spans ("2014-15")
        return "range" if same else ""
    if link == "and":
        return "range" if intro == "between" and same else ""
    if link == "to":
        if intro != "from" and first_measure != (None, None) and first.changed:
            return ""  # "increased by $43.6 billion to $419.2 billion": a change, then the level
        return "range" if same else ""
    if link == "or":
        if first_measure == (None, None) and second_measure != (None, None):
            first.currency, first.unit = second.currency, second.unit
            if first.scale == 1.0 and second.scale != 1.0 and first.raw is not None and second.raw is not None \
                    and first.raw < second.raw:
                first.scale = second.scale
                first.value = first.raw * second.scale
        return "alternative"
    return ""


def _bound_start(text: str, pos: int) -> int:
    b = fc.match_bound(text, pos)
    return b[1] if b is not None else pos


def _merge_range(first: _Quantity, second: _Quantity) -> _Quantity:
    if first.scale == 1.0 and second.scale != 1.0 and first.raw is not None and second.raw is not None \
            and first.raw < second.raw:
        first.scale = second.scale
        first.value = first.raw * second.scale
    a, b = first.value, second.value
    merged = _Quantity(first.start, second.end, first.core_start, second.core_end, None, None,
                       kind="range", currency=first.currency or second.currency, unit=first.unit or second.unit)
    if a is not None and b is not None:
        merged.low, merged.high = min(a, b), max(a, b)
    merged.sign = first.sign
    merged.yearish = first.yearish and second.yearish
    return merged


def _token_at(doc: "Doc", char: int) -> "Token | None":
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span[0]


def _token_after(doc: "Doc", char: int) -> "Token | None":
    text = text_of(doc)
    pos = char
    while pos < len(text) and text[pos] in " \t-":
        pos += 1
    if pos >= len(text):
        return None
    tok = _token_at(doc, pos)
    if tok is None or tok.idx < char:
        if tok is not None and tok.i + 1 < len(doc) and tok.idx + len(tok.text) <= pos:
            return doc[tok.i + 1]
        return None
    return tok


def _in_entity(doc: "Doc", start: int, end: int, labels: frozenset[str]) -> bool:
    for ent_start, ent_end, label in ents_of(doc):
        if ent_start <= start and end <= ent_end and label in labels:
            return True
        if ent_start > end:
            break
    return False


def _counted(doc: "Doc", pos: int) -> tuple[str, str, int] | None:
    """The noun phrase a bare number counts: (unit phrase, head lemma, end offset)."""
    tok = _token_after(doc, pos)
    if tok is None:
        return None
    if tok.lower_ == "of":
        nxt = tok.i + 1
        while nxt < len(doc) and (doc[nxt].pos_ == "DET" or doc[nxt].tag_ in ("PRP$", "POS")
                                  or (doc[nxt].pos_ == "PROPN" and nxt + 1 < len(doc) and doc[nxt + 1].tag_ == "POS")):
            nxt += 1
        if nxt >= len(doc):
            return None
        tok = doc[nxt]
    words: list["Token"] = []
    j = tok.i
    while j < len(doc) and doc[j].lower_ in _QUANTIFIER_WORDS:
        j += 1  # "eight more picks", "two additional ships"
    while j < len(doc) and len(words) < 6:
        t = doc[j]
        if t.lower_ in _QUANTIFIER_WORDS:
            break
        if t.pos_ == "CCONJ" and words and j + 1 < len(doc) and doc[j + 1].pos_ in ("ADJ", "PROPN", "NOUN") \
                and words[-1].pos_ in ("ADJ", "PROPN"):
            j += 1  # "digital and physical sales", "Kia and Hyundai vehicles"
            continue
        if t.pos_ in ("NOUN", "PROPN", "ADJ") or (t.tag_ == "HYPH" and words and not doc[j - 1].whitespace_) \
                or (t.tag_ in ("VBG", "VBN") and t.dep_ in ("amod", "compound")):
            if fc.is_month(t.text) or t.pos_ == "NUM" or t.like_num and t.text[:1].isdigit():
                break
            words.append(t)
            j += 1
            continue
        break
    while words and words[-1].pos_ not in ("NOUN", "PROPN"):
        words.pop()
    if not words:
        return None
    pieces: list[str] = []
    for k, t in enumerate(words):
        piece = t.text if t.tag_ == "HYPH" else t.lemma_.lower()
        pieces.append(piece + (t.whitespace_ if k < len(words) - 1 else ""))
    phrase = "".join(pieces)
    head = words[-1]
    if all(t.pos_ == "PROPN" or t.tag_ == "HYPH" for t in words) and head.tag_ == "NNP":
        return "", "", -1  # a name or an address: "11 Pro Max", "49 Zorro Ranch Road"
    return phrase, head.lemma_.lower(), head.idx + len(head.text)


def _money_counts(doc: "Doc", q: _Quantity) -> str | None:
    tok = _token_at(doc, q.core_start)
    steps = 0
    while tok is not None and steps < 4:
        if tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in _MONEY_VERBS:
            return tok.lemma_.lower()
        if tok.head is tok:
            break
        tok = tok.head
        steps += 1
    return None


def _is_name_number(doc: "Doc", q: _Quantity) -> bool:
    """'Section 427', 'iPhone 11', 'Stoxx 600': a capitalised word right before a bare number."""
    if _in_entity(doc, q.core_start, q.core_end, _NAME_LABELS):
        return True
    tok = _token_at(doc, q.start)
    if tok is None or tok.i == 0:
        return False
    prev = doc[tok.i - 1]
    if prev.whitespace_ != " " or prev.idx + len(prev.text) + 1 != q.start:
        return False
    word = prev.text
    return (bool(re.match(r"^[A-Za-z][\w&.'’/-]*$", word)) and any(c.isupper() for c in word)
            and not prev.is_stop and word.lower() not in {"us", "u.s."})


def _age(doc: "Doc", q: _Quantity) -> bool:
    """'Maddon, 66, said' / 'Nick Hague 44 has': a person's age right after the name."""
    if q.value is None or q.kind != "numeral" or not (1 <= q.value <= 120) or q.value != int(q.value):
        return False
    tok = _token_at(doc, q.core_start)
    if tok is None or tok.i == 0:
        return False
    prev = doc[tok.i - 1]
    if prev.text == "," and tok.i >= 2:
        prev = doc[tok.i - 2]
        nxt_ok = tok.i + 1 < len(doc) and doc[tok.i + 1].text == ","
    else:
        nxt_ok = tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ in ("AUX", "VERB")
    return nxt_ok and prev.ent_type_ == "PERSON"


def _finish(doc: "Doc", q: _Quantity, ranged: bool = False) -> Figure | None:
    text = text_of(doc)
    bound = "="
    if q.sign == "~":
        bound = "~"
    elif q.sign == "<":
        bound = "<"
    lead = q.start
    b = fc.match_bound(text, lead)
    if b is not None:
        bound = b[0] if bound == "=" else bound
        lead = b[1]
    counts: str | None = None
    if q.currency is None and q.unit is None:
        if q.yearish and (_in_entity(doc, q.core_start, q.core_start + 4, _DATE_LABELS) or _year_context(doc, q)):
            return None
        if q.kind != "range" and _near_month(doc, q):
            return None
        if _age(doc, q):
            q.unit = "year-old"
        elif q.kind != "range" and _is_name_number(doc, q):
            return None
    if q.unit is None and q.currency is None:
        found = _counted(doc, q.end)
        if found is not None and found[2] < 0:
            return None
        if found is not None:
            q.unit, counts, q.end = found
            if counts in TIME_UNITS:
                q.unit, counts = counts, None
        elif q.kind == "word" and text[q.core_start:q.core_end].lower() in _HEADLESS_WORDS:
            return None
        elif q.kind in ("word", "fraction"):
            return None
    elif q.currency is not None:
        counts = _money_counts(doc, q)
    trend: str | None = None
    if not ranged:
        t = fc.match_trend(text, lead, _sentence_start(doc, q.core_start))
        if t is not None and not _phrasal_particle(doc, t[2]):
            trend = t[0]
        elif q.sign in ("-", "+") and q.unit == "percent":
            trend = "down" if q.sign == "-" else "up"
    value = None if q.kind == "range" else q.value
    return Figure(text=text[lead:q.end], start=lead, end=q.end, value=value, low=q.low, high=q.high,
                  bound=bound, trend=trend, unit=q.unit, currency=q.currency, counts=counts, vague=q.vague)


_YEAR_PREVIOUS = frozenset({"in", "since", "of", "by", "from", "until", "till", "during", "to", "and",
                            "between", "before", "after", "early", "late", "mid", "year", "season", "fiscal"})


def _year_context(doc: "Doc", q: _Quantity) -> bool:
    """A year: after "in", "since", "by"...; or before a capitalised name ("a 2020 Escape")."""
    tok = _token_at(doc, q.start)
    if tok is None:
        return False
    if tok.i > 0 and doc[tok.i - 1].lower_ in _YEAR_PREVIOUS:
        return True
    end_tok = _token_at(doc, q.core_end - 1)
    nxt = doc[end_tok.i + 1] if end_tok is not None and end_tok.i + 1 < len(doc) else None
    return nxt is not None and nxt.text[:1].isupper() and nxt.is_alpha


def _phrasal_particle(doc: "Doc", start: int) -> bool:
    """'gave up 517 yards': 'up' is the particle of a verb that states no change."""
    tok = _token_at(doc, start)
    if tok is None or tok.lower_ not in ("up", "down") or tok.dep_ != "prt":
        return False
    return tok.head.lemma_.lower() not in _PARTICLE_TRENDS


def _near_month(doc: "Doc", q: _Quantity) -> bool:
    tok = _token_at(doc, q.core_start)
    if tok is None:
        return False
    neighbours = [doc[k] for k in (tok.i - 1, tok.i + 1, tok.i - 2) if 0 <= k < len(doc)]
    return any(fc.is_month(n.text) and (n.text[0].isupper()) for n in neighbours[:2]) or (
        len(neighbours) > 2 and neighbours[0].text == "," and fc.is_month(neighbours[2].text))


def _sentence_start(doc: "Doc", char: int) -> int:
    tok = _token_at(doc, char)
    if tok is None:
        return 0
    try:
        return tok.sent.start_char
    except ValueError:
        return 0


def _vague_figure(doc: "Doc", core: Core) -> Figure | None:
    text = text_of(doc)
    found = _counted(doc, core.end)
    if found is None:
        return None
    unit, counts, end = found
    start = core.start
    bound = "="
    b = fc.match_bound(text, start)
    if b is not None:
        bound, start = b
    return Figure(text=text[start:end], start=start, end=end, value=None, low=core.low, high=core.high,
                  bound=bound, unit=unit, counts=counts, vague=re.sub(r"\s+", " ", core.vague or "").strip())
