"""Attribution scores of the quote extractor on PolNeAR (``shared/eval/polnear``).

Gold: brat standoff ``attributions/NAME_<annotator>.ann`` over ``text/NAME.txt``. An
attribution is an ``E`` relation ``Attribution:Tn Source:Tx Cue:Ty Content:Tz`` (source
optional). Relations labelled ``Attribution-no-source`` and the ``Discuss``/``Discard``
spans are ignored. Spans may be discontinuous (``start end;start end``).

Predictions: :func:`storylens.extract.quotes.extract_quotes` on the raw file text (headline
line included, so offsets line up), with no entity list (speaker entities are not scored).
Quote records sharing a cue and a speaker are one attribution (a quotation split around
its cue, or running over paragraphs, gives several records). Records with no cue are not
attributions and are not scored. Each record maps to PolNeAR's span conventions:
a direct quote's content includes its quote marks (and the comma before the closing mark);
a content preceded by the complementizer "that" includes it; a source with an apposition
("X, a spokesman,") includes the comma or dash that closes it. Fragments of one span separated
only by whitespace and quote marks (paragraph breaks inside a quotation) are merged, in
gold and predictions alike.

Metrics, micro-averaged over documents:
- ``<role>_exact_*``: per role (source, cue, content), the set of distinct spans in a
  document; a predicted span is correct when its fragments equal a gold span's.
- ``<role>_overlap_*``: predicted and gold attributions are linked when their cues or
  their contents overlap; a predicted role span is correct when it shares a character with
  the same role's span of a linked gold attribution (one-to-one, greedy by overlap size).
- ``speech_*``: the same overlap scores restricted to the reported-speech subset: gold
  attributions whose cue lemma is in :data:`SPEECH_CUES`, and predictions whose cue lemma is.
Documents annotated by several annotators are scored against each annotator's file and
each file's counts weigh 1/k, i.e. the scores average over annotators.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc

from ..model import Quote
from .data import shared_dir

__all__ = ["SPEECH_CUES", "GoldAttribution", "load_gold", "evaluate", "predicted_attributions"]

log = logging.getLogger(__name__)

#: Cue lemmas of the reported-speech subset.
SPEECH_CUES = frozenset({
    "say", "tell", "add", "state", "announce", "post", "write", "claim", "insist", "deny",
    "warn", "confirm", "according to", "explain", "note", "argue", "report", "tweet",
    "declare", "reply", "respond", "ask", "acknowledge", "admit", "comment", "remark",
    "assert", "allege", "testify", "predict", "promise", "vow", "pledge", "recall", "reveal",
    "mention", "stress", "emphasize", "contend", "maintain", "complain", "concede", "caution",
    "retort", "reiterate", "disclose",
})

Fragments = tuple[tuple[int, int], ...]
ROLES = ("source", "cue", "content")
_MERGEABLE_GAP = re.compile(r"[\s\"'\u201c\u201d\u2018\u2019]*")
_CLOSE = "\"'\u201d\u2019"
_OPEN = "\"'\u201c\u2018"


@dataclass(frozen=True)
class GoldAttribution:
    source: Fragments | None
    cue: Fragments | None
    content: Fragments | None
    lemma: str = ""

    def role(self, name: str) -> Fragments | None:
        value: Fragments | None = getattr(self, name)
        return value


def normalise(fragments: Iterable[tuple[int, int]], text: str) -> Fragments:
    """Sorted fragments, merged where only whitespace and quote marks separate them."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(fragments):
        if merged and _MERGEABLE_GAP.fullmatch(text[merged[-1][1]:start] if start >= merged[-1][1] else ""):
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


def _read_ann(path: Path, text: str) -> list[GoldAttribution]:
    spans: dict[str, tuple[str, Fragments]] = {}
    relations: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        if parts[0].startswith("T"):
            label, _, offsets = parts[1].partition(" ")
            frags = tuple((int(a), int(b)) for a, b in (f.split() for f in offsets.split(";")))
            spans[parts[0]] = (label, normalise(frags, text))
        elif parts[0].startswith("E"):
            relations.append(dict(arg.split(":", 1) for arg in parts[1].split()))
    gold = []
    for relation in relations:
        if "Attribution" not in relation:  # Attribution-no-source and others
            continue
        roles = {role: spans[relation[role.capitalize()]][1] if relation.get(role.capitalize()) in spans else None
                 for role in ROLES}
        gold.append(GoldAttribution(roles["source"], roles["cue"], roles["content"]))
    return gold


def _dataset_dir(data: Path | None, split: str) -> Path:
    if data is None:
        return shared_dir(f"eval/polnear/{split}/attributions") / "eval" / "polnear" / split
    if (data / "attributions").is_dir():
        return data
    return data / split


def load_gold(folder: Path, limit: int | None = None) -> list[tuple[str, str, dict[str, list[GoldAttribution]]]]:
    """(name, text, {annotator: attributions}) per document, sorted by name."""
    by_doc: dict[str, dict[str, Path]] = {}
    for path in sorted((folder / "attributions").glob("*.ann")):
        name, _, annotator = path.stem.rpartition("_")
        by_doc.setdefault(name, {})[annotator] = path
    names = sorted(by_doc)[:limit] if limit is not None else sorted(by_doc)
    documents = []
    for name in names:
        text = (folder / "text" / f"{name}.txt").read_text(encoding="utf-8")
        documents.append((name, text, {a: _read_ann(p, text) for a, p in sorted(by_doc[name].items())}))
    return documents


def _extend_content(quote: Quote, text: str) -> tuple[int, int]:
    start, end = quote.start, quote.end
    if quote.kind == "direct":
        s = start
        while s > 0 and text[s - 1] in " \t":
            s -= 1
        if s > 0 and text[s - 1] in _OPEN or text[s - 2:s] == "''":
            start = s - (2 if text[s - 2:s] == "''" else 1)
        e = end
        while e < len(text) and text[e] in " \t,":
            e += 1
        if text[e:e + 2] == "''":
            end = e + 2
        elif e < len(text) and text[e] in _CLOSE:
            end = e + 1
    before = text[max(0, start - 5):start]
    if before.lower() == "that " and (quote.cue_start is None or quote.cue_start < start):
        start -= 5
    return start, end


def predicted_attributions(quotes: list[Quote], doc: Doc) -> list[GoldAttribution]:
    """Quote records grouped into attributions (by cue and speaker), in PolNeAR's spans."""
    text = doc.text
    groups: dict[tuple[int, int, int | None, int | None], list[Quote]] = {}
    for quote in quotes:
        if quote.cue_start is None or quote.cue_end is None:
            continue
        groups.setdefault((quote.cue_start, quote.cue_end, quote.speaker_start, quote.speaker_end), []).append(quote)
    result = []
    for (cue_start, cue_end, sp_start, sp_end), members in groups.items():
        content = normalise((_extend_content(q, text) for q in members), text)
        source = ((sp_start, _source_end(sp_start, sp_end, text)),) if sp_start is not None and sp_end is not None else None
        result.append(GoldAttribution(source, ((cue_start, cue_end),), content, _lemma(doc, cue_start, cue_end)))
    return result


def _source_end(start: int, end: int, text: str) -> int:
    """PolNeAR closes a source that carries an apposition with its comma or dash:
    "Ana Ruiz, a spokeswoman," / "Ruiz -- a spokeswoman --"."""
    inner = text[start:end]
    for mark in (",", " --", " \u2014", "\u2014"):
        if text.startswith(mark, end) and mark.strip() in inner:
            return end + len(mark)
    return end


def _lemma(doc: Doc, start: int, end: int) -> str:
    if doc.text[start:end].lower().startswith("according"):
        return "according to"
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return ""
    for tok in span:
        if tok.pos_ == "VERB":
            return str(tok.lemma_).lower()
    return str(span[0].lemma_).lower()


def _overlap(a: Fragments, b: Fragments) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


@dataclass
class _Counts:
    tp: float = 0.0
    predicted: float = 0.0
    gold: float = 0.0

    def add(self, tp: float, predicted: float, gold: float, weight: float) -> None:
        self.tp += tp * weight
        self.predicted += predicted * weight
        self.gold += gold * weight

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / self.predicted if self.predicted else 0.0
        r = self.tp / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _exact(pred: list[GoldAttribution], gold: list[GoldAttribution], role: str) -> tuple[int, int, int]:
    p = {a.role(role) for a in pred if a.role(role)}
    g = {a.role(role) for a in gold if a.role(role)}
    return len(p & g), len(p), len(g)


def _linked(p: GoldAttribution, g: GoldAttribution) -> bool:
    return any(x is not None and y is not None and _overlap(x, y) > 0
               for x, y in ((p.cue, g.cue), (p.content, g.content)))


def _overlap_match(pred: list[GoldAttribution], gold: list[GoldAttribution], role: str) -> tuple[int, int, int]:
    candidates = []
    for i, p in enumerate(pred):
        ps = p.role(role)
        if ps is None:
            continue
        for j, g in enumerate(gold):
            gs = g.role(role)
            if gs is not None and _linked(p, g):
                size = _overlap(ps, gs)
                if size > 0:
                    candidates.append((size, i, j))
    taken_p: set[int] = set()
    taken_g: set[int] = set()
    for _size, i, j in sorted(candidates, reverse=True):
        if i not in taken_p and j not in taken_g:
            taken_p.add(i)
            taken_g.add(j)
    return len(taken_p), sum(1 for p in pred if p.role(role)), sum(1 for g in gold if g.role(role))


def evaluate(data: Path | None = None, split: str = "dev", limit: int | None = None) -> dict[str, float]:
    """Score :func:`extract_quotes` on PolNeAR ``split`` (or the folder ``data``)."""
    from ..extract.nlp import load_nlp
    from ..extract.quotes import extract_quotes

    documents = load_gold(_dataset_dir(data, split), limit)
    nlp = load_nlp()
    counts: dict[str, _Counts] = {}

    def add(name: str, tp: int, predicted: int, gold: int, weight: float) -> None:
        counts.setdefault(name, _Counts()).add(tp, predicted, gold, weight)

    annotations = 0
    texts = (text for _name, text, _gold in documents)
    for (name, _text, by_annotator), doc in zip(documents, nlp.pipe(texts, batch_size=8, n_process=1)):
        pred = predicted_attributions(extract_quotes(doc, []), doc)
        pred_speech = [a for a in pred if a.lemma in SPEECH_CUES]
        weight = 1.0 / len(by_annotator)
        for gold in by_annotator.values():
            annotations += 1
            gold = [GoldAttribution(g.source, g.cue, g.content,
                                    _lemma(doc, g.cue[0][0], g.cue[-1][1]) if g.cue else "") for g in gold]
            gold_speech = [g for g in gold if g.lemma in SPEECH_CUES]
            for role in ROLES:
                add(f"{role}_exact", *_exact(pred, gold, role), weight)
                add(f"{role}_overlap", *_overlap_match(pred, gold, role), weight)
                add(f"speech_{role}_exact", *_exact(pred_speech, gold_speech, role), weight)
                add(f"speech_{role}_overlap", *_overlap_match(pred_speech, gold_speech, role), weight)
        log.debug("scored %s (%d annotators)", name, len(by_annotator))
    scores: dict[str, float] = {"documents": float(len(documents)), "annotation_files": float(annotations)}
    for metric, c in sorted(counts.items()):
        p, r, f = c.prf()
        scores[f"{metric}_precision"] = round(p, 4)
        scores[f"{metric}_recall"] = round(r, 4)
        scores[f"{metric}_f1"] = round(f, 4)
    return scores
