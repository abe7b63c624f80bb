"""Quotes and attributions: who said what, with which verb, how, and in which form.

``extract_quotes(doc, entities)`` reads one parsed article and returns :class:`Quote`
records, each with character offsets into ``doc.text``:

- **direct** — a quoted passage tied to a cue verb and its subject:
  ``"...," X said`` / ``"...," said X`` / ``X said: "..."`` / ``X said, "..."``.
  A quotation split around its cue (``"A," she said. "B."``) is reported as **two**
  Quote records with the same speaker and the same cue offsets; a quotation running over
  several paragraphs (each paragraph opened with a mark, only the last one closed) is
  reported as one record per paragraph, all with the same speaker and cue. ``text``,
  ``start`` and ``end`` cover the words inside the marks (a trailing comma before the
  closing mark is left out).
- **partial** — reported speech whose clause quotes some words
  (``said the harbour "does not belong" to any one town``): the whole clause, marks included.
- **indirect** — reported speech without quote marks: ``X said (that) ...``,
  ``..., X said``, ``according to X, ...``. The clause without the complementizer "that"
  and without the sentence's final punctuation.

The speaker is the cue verb's subject phrase as written (a pronoun or a relative "who"
included); ``speaker_entity`` is the key of the entity mentioned there (for he/she/they
and "who", the entity they refer to: the nearest preceding compatible mention, a subject
preferred). Quoted passages with no cue are kept as direct quotes with no speaker when
they hold a sentence (five words or more); shorter ones are scare quotes or titles and
are left out. Verbs inside a quotation are part of it and never cue another quote.

An embedded post (:mod:`storylens.posts`: "... — Ann Lee (@annlee) April 24, 2013") is a
direct quote of the name it is signed with, medium "social media post", with no cue; a
quotation read inside the post is part of its words, not a quote of its own.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

from ..model import Entity, Quote
from ..posts import embedded_posts
from .quotes_lexicon import CUE_LEMMAS, MESSAGE_CUE_LEMMAS, PERSON_PRONOUNS, SPEECH_LEMMAS, WRITTEN_MEDIA
from .quotes_marks import QuoteSpan, find_quote_spans
from .quotes_medium import find_medium
from .quotes_speaker import MentionIndex, PreviousSpeaker, previous_speaker, resolve_speaker, speaker_span, subject_of
from .nlp import text_of
from .settings import current as _settings

__all__ = ["extract_quotes"]

log = logging.getLogger(__name__)

_EDGE = " \t\n,;:\u2014\u2013-"
_BEFORE_GAP = re.compile(r"[ \t]*,?[ \t]*")
_SENTENCE_END = re.compile(r"[.!?]\s|\n")
_DANGLING = re.compile(r"(?:[\s,;:\u2014\u2013-]+(?:and|but|or|nor|as well as))+$")
_ANY_CUE_LEMMAS = CUE_LEMMAS | MESSAGE_CUE_LEMMAS
#: The string store's hashes of those words, as a doc's ``LEMMA`` and ``LOWER`` columns
#: hold them: only the tokens they find are made (a doc's tokens, made one by one, cost
#: more than the tests on them).
_ANY_CUE_IDS = frozenset(get_string_id(word) for word in _ANY_CUE_LEMMAS)
_MESSAGE_CUE_IDS = frozenset(get_string_id(word) for word in MESSAGE_CUE_LEMMAS)
_ACCORDING_ID = get_string_id("according")
_LISTENER_VERBS = frozenset({"tell", "ask", "warn", "urge", "answer", "accuse", "criticize", "criticise", "blast"})


@dataclass
class _Attribution:
    cue: Token
    cue_start: int
    cue_end: int
    subject: Token
    parts: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, kind)
    medium: str | None = None  # stated by a message subject ("his post read")


def _misparsed_message_cue(tok: Token) -> tuple[Token, str] | None:
    """"<possessor> post read" where the parser took "read" for a noun: the possessor and
    the medium. Only with an explicit possessor ("her", "Smith's") right before the noun."""
    if tok.lower_ not in MESSAGE_CUE_LEMMAS or tok.pos_ == "VERB" or tok.i < 2:
        return None
    noun = tok.doc[tok.i - 1]
    medium = WRITTEN_MEDIA.get(noun.lemma_.lower())
    if medium is None:
        return None
    owner = tok.doc[tok.i - 2]
    if owner.tag_ == "POS" and tok.i >= 3:
        owner = tok.doc[tok.i - 3]
    elif owner.tag_ != "PRP$":
        return None
    return owner, medium


def _message_speaker(subject: Token) -> tuple[Token, str] | None:
    """For a subject that is a written message with a possessor ("his post", "Smith's
    statement"): the possessor, who is the speaker, and the medium the noun names."""
    medium = WRITTEN_MEDIA.get(subject.lemma_.lower())
    if medium is None:
        return None
    for child in subject.children:
        if child.dep_ == "poss":
            return child, medium
    return None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    if end > start and text[end - 1] == "." and not text[start:end - 1].rstrip().endswith(")"):
        end -= 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    dangling = _DANGLING.search(text, start, end)
    if dangling is not None and dangling.start() > start:
        end = dangling.start()
    return start, end


def _direct_part(span: QuoteSpan, text: str) -> tuple[int, int, str]:
    start, end = span.start, span.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end, "direct"


def _cue_span(tok: Token) -> tuple[int, int]:
    end = tok.idx + len(tok.text)
    for child in tok.rights:
        if child.dep_ == "prt" and child.i == tok.i + 1:
            end = child.idx + len(child.text)
    return tok.idx, end


def _inside(pos: int, spans: list[QuoteSpan]) -> bool:
    return any(s.outer_start < pos < s.end for s in spans)


def _quote_after(anchor: int, spans: list[QuoteSpan], text: str, used: set[int]) -> int | None:
    """Index of the quoted passage that a cue ending at ``anchor`` introduces
    (``X said: "..."``, ``X said, "..."``), if any."""
    for i, span in enumerate(spans):
        if span.outer_start < anchor:
            continue
        if i in used:
            return None
        gap = text[anchor:span.outer_start]
        stripped = gap.strip()
        if len(gap) > _settings().quote_cue_gap_chars or any(ch in gap for ch in ".!?") and not stripped.endswith(":"):
            return None
        if "\n" in gap and not stripped.endswith(":"):
            return None
        if stripped.endswith((":", ",")):
            return i
        if stripped == "" and text[span.start:span.start + 1].isupper():  # said "We will win."
            return i
        return None
    return None


def _quote_before(anchor: int, spans: list[QuoteSpan], text: str, used: set[int]) -> int | None:
    """Index of the quoted passage right before a cue phrase starting at ``anchor``
    (``"...," X said``)."""
    for i in range(len(spans) - 1, -1, -1):
        span = spans[i]
        if span.outer_end > anchor:
            continue
        if i in used or not span.closed:
            return None
        gap = text[span.outer_end:anchor]
        if not _BEFORE_GAP.fullmatch(gap):
            return None
        inner = text[span.start:span.end].rstrip()
        if "," in gap or inner.endswith((",", "?", "!", "\u2014", "\u2013", "-", "\u2026", "...")):
            return i
        return None
    return None


def _group_members(index: int, spans: list[QuoteSpan]) -> list[int]:
    group = spans[index].group
    return [i for i, s in enumerate(spans) if s.group == group]


def _clause_part(clause: Token, text: str, spans: list[QuoteSpan], used: set[int],
                 stop: int | None = None) -> tuple[int, int, str] | None:
    """The reported clause headed by ``clause``: indirect, partial (quotes inside) or direct
    (the clause is one quoted passage)."""
    start = clause.left_edge.idx
    if clause.left_edge.dep_ == "mark" and clause.left_edge.lower_ in ("that", "whether", "if"):
        nxt = clause.left_edge.nbor(1) if clause.left_edge.i + 1 < len(clause.doc) else clause.left_edge
        start = nxt.idx if clause.left_edge.lower_ == "that" else start
    end = clause.right_edge.idx + len(clause.right_edge.text)
    for child in clause.rights:  # "..., adding that ...": a report of its own
        if child.dep_ in ("advcl", "conj") and child.lemma_ in SPEECH_LEMMAS and child.left_edge.i > clause.i:
            end = min(end, child.left_edge.idx)
    if stop is not None:
        end = min(end, stop)
    start, end = _trim(text, start, end)
    if end <= start:
        return None
    for i, span in enumerate(spans):  # the clause lies inside one quotation
        if i not in used and span.outer_start <= start <= span.start + 1 and end <= span.outer_end:
            used.add(i)
            return _direct_part(span, text)
    inner = [i for i, s in enumerate(spans) if start <= s.outer_start and s.outer_end <= end + 2 and s.end <= end + 1]
    for i in inner:
        span = spans[i]
        if text[start:span.outer_start].strip() == "" and text[span.outer_end:end + 2].strip(" ,.") == "":
            used.add(i)
            return _direct_part(span, text)
    if inner or any(s.outer_start < end and start < s.outer_end for s in spans):
        used.update(inner)
        # a quotation that starts inside the clause and closes after it: take it whole
        for s in spans:
            if start < s.outer_start < end < s.outer_end and s.closed:
                end = s.outer_end
        return start, end, "partial"
    return start, end, "indirect"


def _indirect(tok: Token, text: str, spans: list[QuoteSpan], used: set[int],
              carried: set[int]) -> tuple[int, int, str] | None:
    """The clause a cue reports, unless it holds a quotation ``carried`` on from the report
    before it (a parse that runs "Earlier, X announced ..." back into the paragraph before
    does not make that quotation X's words)."""
    taken = set(used)
    part = _reported(tok, text, spans, taken)
    if part is None or any(i in carried and s.outer_start < part[1] and part[0] < s.outer_end
                           for i, s in enumerate(spans)):
        return None
    used.update(taken)
    return part


def _reported(tok: Token, text: str, spans: list[QuoteSpan], used: set[int]) -> tuple[int, int, str] | None:
    for child in tok.children:
        if child.dep_ == "ccomp":
            return _clause_part(child, text, spans, used)
    for prep in tok.rights:  # "said in a statement that ...", parsed as a clause of "statement"
        for pobj in (c for c in prep.children if prep.dep_ == "prep" and c.dep_ == "pobj"):
            for clause in pobj.rights:
                if clause.dep_ in ("acl", "ccomp", "relcl") and clause.left_edge.lower_ == "that" \
                        and clause.left_edge.dep_ == "mark":
                    return _clause_part(clause, text, spans, used)
    for child in tok.children:  # "denied any involvement", "vowed to resign", "warned X to leave"
        if child.i < tok.i:
            continue
        if child.dep_ == "xcomp" or child.dep_ == "dobj" and tok.lemma_ not in _LISTENER_VERBS and (
                child.pos_ != "PRON" or child.lower_ in ("much", "so", "nothing", "something")):
            start, end = _trim(text, child.left_edge.idx, child.right_edge.idx + len(child.right_edge.text))
            if end > start:
                part = _clause_part(child, text, spans, used)
                return part
    # "The plan is dead, officials said." parsed with the report as a parenthetical
    if tok.dep_ in ("parataxis", "ccomp", "advcl") and tok.head.i < tok.i and not any(
            c.dep_ in ("dobj", "ccomp", "xcomp") for c in tok.children):
        head = tok.head
        stop = tok.left_edge.idx
        if head.left_edge.i < tok.left_edge.i:
            part = _clause_part(head, text, spans, used, stop=stop)
            if part and part[0] < stop:
                return part
    return None


def _according_to(doc: Doc, spans: list[QuoteSpan], used: set[int]) -> list[tuple[_Attribution, Token]]:
    text = text_of(doc)
    found: list[tuple[_Attribution, Token]] = []
    if "according" not in text.lower():
        return found
    for i, lower in enumerate(doc.to_array("LOWER").tolist()):
        if lower != _ACCORDING_ID:
            continue
        tok = doc[i]
        if tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
            continue
        to = doc[tok.i + 1]
        objs = [c for c in to.children if c.dep_ == "pobj"]
        if not objs or _inside(tok.idx, spans):
            continue
        source = objs[0]
        sent = tok.sent
        phrase_start, phrase_end = tok.idx, source.right_edge.idx + len(source.right_edge.text)
        attribution = _Attribution(tok, tok.idx, to.idx + len(to.text), source)
        before = _trim(text, sent.start_char, phrase_start)
        after = _trim(text, phrase_end, sent.end_char)
        for start, end in (before, after):
            if end - start < 3:
                continue
            clause = doc.char_span(start, end, alignment_mode="expand")
            kind = "indirect"
            if clause is not None and any(start <= s.outer_start < end for s in spans):
                kind = "partial"
            attribution.parts.append((start, end, kind))
        if attribution.parts:
            found.append((attribution, source))
    return found


def _subject_mentions(doc: Doc, entities: list[Entity], quoted: list[tuple[int, int]]) -> tuple[set[int], set[int]]:
    """Start offsets of the entity mentions that are a clause's subject, and of those that
    are the subject of a sentence's main verb outside the ``quoted`` spans ("But Justice
    Ada Roe was unconvinced.", not "Cowan said [Patrick] offered him the job" nor a name
    inside a quotation): whom the story turns to."""
    subjects: set[int] = set()
    main: set[int] = set()
    for entity in entities:
        for mention in entity.mentions:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            heads = [t.head for t in span if t.dep_ in ("nsubj", "nsubjpass")] if span is not None else []
            if not heads:
                continue
            subjects.add(mention.start)
            if any(h.dep_ == "ROOT" for h in heads) and not any(s <= mention.start < e for s, e in quoted):
                main.add(mention.start)
    return subjects, main


def extract_quotes(doc: Doc, entities: list[Entity]) -> list[Quote]:
    """Quotes and reported speech in ``doc`` with speakers resolved against ``entities``."""
    text = text_of(doc)
    spans = find_quote_spans(text)
    used: set[int] = set()
    attributions: list[_Attribution] = []
    cues: list[tuple[Token, Token]] = []
    message_media: dict[int, str] = {}
    for i, (lemma, lower) in enumerate(doc.to_array(["LEMMA", "LOWER"]).tolist()):
        if lemma not in _ANY_CUE_IDS and lower not in _MESSAGE_CUE_IDS:
            continue  # neither a cue verb nor a misparsed message cue (spared the tests below)
        tok = doc[i]
        if _inside(tok.idx, spans):
            continue
        misparsed = _misparsed_message_cue(tok)
        if misparsed is not None:  # "her post read." parsed as a noun compound
            subject, message_media[tok.i] = misparsed
            cues.append((tok, subject))
            continue
        if tok.lemma_ not in _ANY_CUE_LEMMAS or tok.pos_ != "VERB":
            continue
        found = subject_of(tok)
        if found is None or _inside(found.idx, spans):
            continue
        subject = found
        message = _message_speaker(subject)
        if message is not None:
            subject, message_media[tok.i] = message
        elif tok.lemma_ in MESSAGE_CUE_LEMMAS:
            continue  # "the sign read": only a message with an author is a speaker
        cues.append((tok, subject))
    # pass 1: quotations right before or after their cue
    pending: list[tuple[Token, Token]] = []
    for tok, subject in cues:
        cue_start, cue_end = _cue_span(tok)
        attribution = _Attribution(tok, cue_start, cue_end, subject, medium=message_media.get(tok.i))
        if tok.lemma_ in SPEECH_LEMMAS or tok.i in message_media:
            left = min(cue_start, subject.left_edge.idx)
            right = max(cue_end, subject.right_edge.idx + len(subject.right_edge.text))
            before = _quote_before(left, spans, text, used)
            after = _quote_after(right, spans, text, used)
            lead = _lead_in(doc, before, spans) if before is not None else None
            if lead is not None and before is not None:
                used.add(before)
                attribution.parts.append(lead)
                before = None
            for index in (before, after):
                if index is not None:
                    for member in _group_members(index, spans):
                        if member not in used:
                            used.add(member)
                            attribution.parts.append(_direct_part(spans[member], text))
            if (before is not None or lead is not None) and after is None:
                nxt = _quote_after(right, spans, text, used)
                if nxt is None:
                    nxt = _next_sentence_quote(right, tok.sent.end_char, spans, text, used)
                _take_group(nxt, attribution, spans, text, used, cues)
            if not attribution.parts:
                block = _block_after(right, text, spans)
                if block is not None:
                    attribution.parts.append(block)
        if attribution.parts:
            attributions.append(attribution)
        else:
            pending.append((tok, subject))
    # pass 2: reported clauses
    carried: set[int] = set()
    for tok, subject in pending:
        part = _indirect(tok, text, spans, used, carried)
        if part is None:
            continue
        cue_start, cue_end = _cue_span(tok)
        attribution = _Attribution(tok, cue_start, cue_end, subject, [part])
        # 'He said he would meet them. "...": a quoted sentence of its own right after a
        # report, in its paragraph and with no cue of its own, goes on with the speaker.
        end = max(part[1], cue_end)
        carried |= _take_group(_next_sentence_quote(end, tok.sent.end_char, spans, text, used), attribution, spans,
                               text, used, cues)
        attributions.append(attribution)
    for attribution, _source in _according_to(doc, spans, used):
        attributions.append(attribution)
    return _with_posts(_records(doc, entities, attributions, spans, used), text, entities)


def _with_posts(quotes: list[Quote], text: str, entities: list[Entity]) -> list[Quote]:
    """``quotes`` and each embedded post's words as its author's direct quotation
    (medium "social media post", the speaker the name it is signed with): a quotation
    read in the post or its signature is part of the post's words and is left out."""
    posts = [p for p in embedded_posts(text) if p.end > p.start]
    if not posts:
        return quotes
    index = MentionIndex(entities)
    kept = [q for q in quotes if not any(q.start < p.signature_end and p.start < q.end for p in posts)]
    for p in posts:
        entity = index.overlapping(p.name_start, p.name_end)
        kept.append(Quote(
            text=text[p.start:p.end], start=p.start, end=p.end, kind="direct",
            speaker=text[p.name_start:p.name_end], speaker_start=p.name_start, speaker_end=p.name_end,
            speaker_entity=entity.key if entity is not None and entity.kind in ("person", "org") else None,
            medium="social media post"))
    kept.sort(key=lambda q: (q.start, q.end))
    return kept


def _next_sentence_quote(right: int, sentence_end: int, spans: list[QuoteSpan], text: str,
                         used: set[int]) -> int | None:
    """Index of a quotation that opens the sentence after the one ending at ``sentence_end``
    (what follows ``right``, the end of the cue's words, is only that sentence's end:
    ``X said. "..."``), in the same paragraph."""
    for i, span in enumerate(spans):
        if i not in used and span.outer_start >= right:
            gap = text[right:span.outer_start]
            if (len(gap) < _settings().quote_next_sentence_gap_chars and "\n" not in gap and gap.rstrip().endswith(".")
                    and sentence_end - 1 <= span.outer_start <= sentence_end + 2):
                return i
            return None
    return None


def _take_group(index: int | None, attribution: _Attribution, spans: list[QuoteSpan], text: str, used: set[int],
                cues: list[tuple[Token, Token]]) -> set[int]:
    """Give the attribution the quotation ``index`` (with the rest of its group) unless it
    has a cue of its own; the quotations given."""
    given: set[int] = set()
    if index is None or _cued_later(spans[index], cues, text):
        return given
    for member in _group_members(index, spans):
        if member not in used:
            used.add(member)
            given.add(member)
            attribution.parts.append(_direct_part(spans[member], text))
    return given


def _lead_in(doc: Doc, index: int, spans: list[QuoteSpan]) -> tuple[int, int, str] | None:
    """``The plan is "dead on arrival," X said``: words of the sentence before a quotation
    that ends right before its cue make the whole sentence a partial quote."""
    span = spans[index]
    if len(_group_members(index, spans)) > 1:
        return None
    text = text_of(doc)
    token = doc.char_span(span.outer_start, span.outer_start + 1, alignment_mode="expand")
    if token is None or len(token) == 0:
        return None
    start = max(token[0].sent.start_char, text.rfind("\n", 0, span.outer_start) + 1)
    if index > 0 and spans[index - 1].outer_end > start:
        start = spans[index - 1].outer_end
    lead = text[start:span.outer_start]
    if not lead.strip() or lead.rstrip().endswith((":", ",")) or not any(ch.isalpha() for ch in lead):
        return None
    start, _end = _trim(text, start, span.outer_start)
    return start, span.outer_end, "partial"


_BLOCK_INTRO = re.compile(r"[^.!?\n\"\u201c\u201d]{0,80}:[ \t]*\n\s*")
_LINE = re.compile(r"[^\n]+")


def _block_after(anchor: int, text: str, spans: list[QuoteSpan]) -> tuple[int, int, str] | None:
    """``X added:`` closing a paragraph, then the quoted words as a paragraph of their own
    without quote marks (a block quotation)."""
    intro = _BLOCK_INTRO.match(text, anchor)
    if intro is None:
        return None
    line = _LINE.match(text, intro.end())
    if line is None or any(s.outer_start == line.start() for s in spans):
        return None
    start, end = line.start(), len(text[:line.end()].rstrip())
    return (start, end, "direct") if end > start else None


def _cued_later(span: QuoteSpan, cues: list[tuple[Token, Token]], text: str) -> bool:
    """Whether ``span`` is followed by a cue of its own (``"B," Y said``)."""
    after = text[span.outer_end:span.outer_end + 60]
    if not _BEFORE_GAP.match(after):
        return False
    for tok, subject in cues:
        anchor = min(tok.idx, subject.left_edge.idx)
        if span.outer_end <= anchor and _BEFORE_GAP.fullmatch(text[span.outer_end:anchor]):
            return True
    return False


def _records(doc: Doc, entities: list[Entity], attributions: list[_Attribution],
             spans: list[QuoteSpan], used: set[int]) -> list[Quote]:
    text = text_of(doc)
    index = MentionIndex(entities)
    quotes: list[Quote] = []
    by_key = {e.key: e for e in entities}
    quoted = [(span.outer_start, span.outer_end) for span in spans if span.end - span.start > 0]
    subjects, turned_to = _subject_mentions(doc, entities, quoted)
    previous: PreviousSpeaker | None = None
    for attribution in sorted(attributions, key=lambda a: min(p[0] for p in a.parts)):
        blocked = [(s, e) for s, e, _k in attribution.parts]
        # A speaker phrase never runs into quoted text, this attribution's or another's
        # ("Duchâtel, who told residents "...", said ...").
        sp_start, sp_end = speaker_span(attribution.subject, blocked + quoted)
        entity = resolve_speaker(doc, attribution.subject, sp_start, sp_end, index, subjects, previous, turned_to)
        if entity is None and previous is not None and previous.entity is None \
                and attribution.subject.lower_ in PERSON_PRONOUNS \
                and 0 <= sp_start - previous.start <= _settings().speaker_continuity_chars:
            previous = previous._replace(start=sp_start)  # "she added": the unnamed speaker goes on
        else:
            previous = previous_speaker(attribution.subject, sp_start, by_key.get(entity or "")) or previous
        context = _blank(text, attribution.cue.sent.start_char, attribution.cue.sent.end_char, blocked)
        medium = attribution.medium or find_medium(attribution.cue, context, entities)
        for start, end, kind in attribution.parts:
            quotes.append(Quote(
                text=text[start:end], start=start, end=end, kind=kind,
                speaker=text[sp_start:sp_end], speaker_start=sp_start, speaker_end=sp_end,
                speaker_entity=entity,
                cue=text[attribution.cue_start:attribution.cue_end],
                cue_start=attribution.cue_start, cue_end=attribution.cue_end, medium=medium))
    for i, span in enumerate(spans):
        if i in used:
            continue
        start, end, kind = _direct_part(span, text)
        if len(text[start:end].split()) >= _settings().quote_orphan_min_words and not any(
                q.start <= start < q.end for q in quotes):
            quotes.append(Quote(text=text[start:end], start=start, end=end, kind=kind))
    quotes.sort(key=lambda q: (q.start, q.end))
    log.debug("%d quotes from %d quoted passages", len(quotes), len(spans))
    return quotes


def _blank(text: str, start: int, end: int, blocked: list[tuple[int, int]]) -> str:
    chars = list(text[start:end])
    for b_start, b_end in blocked:
        for pos in range(max(b_start, start), min(b_end, end)):
            chars[pos - start] = " "
    return "".join(chars)
