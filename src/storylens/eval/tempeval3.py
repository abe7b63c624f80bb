"""TempEval-3 Task A (time expressions) on ``shared/eval/tempeval3/train`` (TimeBank + AQUAINT).

Each ``.tml`` file is read as TimeML: the plain text is the content of ``<TEXT>`` with its
tags removed (entities unescaped), gold spans are the ``<TIMEX3>`` tags inside it, and the
document creation time (``<DCT><TIMEX3 value=...>``) is the anchor, taken as UTC. Gold
TIMEX3s marked ``functionInDocument="CREATION_TIME"`` inside the text are not scored, and
neither are predictions overlapping them. ``testpipeline/`` (a duplicate file) is ignored.

Metrics, as fractions:
- relaxed P/R/F1: a prediction and a gold expression match when their characters overlap
  (one-to-one, largest overlap first);
- strict F1: exact character span;
- value P/R/F1: relaxed-matched pairs whose TIMEX3 value is equal, over predictions (P)
  and over gold expressions (R), as the TempEval-3 scorer counts them.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from .data import shared_dir

__all__ = ["GoldTimex", "TimeMLDoc", "parse_timeml", "load_documents", "score", "evaluate"]

log = logging.getLogger(__name__)

_TAG = re.compile(r"<(/?)([A-Za-z0-9]+)([^>]*?)(/?)>")
_ATTR = re.compile(r'([A-Za-z_:]+)="([^"]*)"')


@dataclass(frozen=True)
class GoldTimex:
    start: int
    end: int
    text: str
    value: str
    type: str
    creation_time: bool = False


@dataclass(frozen=True)
class TimeMLDoc:
    name: str
    text: str
    dct: datetime | None
    timexes: tuple[GoldTimex, ...]


def _parse_dct(value: str) -> datetime | None:
    match = re.match(r"(\d{4})-?(\d\d)-?(\d\d)(?:T(\d\d):?(\d\d)(?::?(\d\d))?)?", value)
    if not match:
        return None
    year, month, day = int(match.group(1)), int(match.group(2)), int(match.group(3))
    hour, minute, second = (int(match.group(i) or 0) for i in (4, 5, 6))
    return datetime(year, month, day, hour, minute, second, tzinfo=timezone.utc)


def parse_timeml(source: str, name: str = "") -> TimeMLDoc:
    """Plain text of ``<TEXT>`` with gold TIMEX3 offsets, and the DCT as a UTC datetime."""
    dct = None
    dct_match = re.search(r"<DCT>\s*<TIMEX3([^>]*)>", source)
    if dct_match:
        attrs = dict(_ATTR.findall(dct_match.group(1)))
        dct = _parse_dct(attrs.get("value", ""))
    body_match = re.search(r"<TEXT>(.*)</TEXT>", source, flags=re.S)
    if body_match is None:
        raise ValueError(f"{name}: no <TEXT> element")
    body = body_match.group(1)
    pieces: list[str] = []
    length = 0
    open_timex: tuple[int, dict[str, str]] | None = None
    timexes: list[GoldTimex] = []
    position = 0
    for tag in _TAG.finditer(body):
        chunk = html.unescape(body[position:tag.start()])
        pieces.append(chunk)
        length += len(chunk)
        position = tag.end()
        closing, tag_name = tag.group(1) == "/", tag.group(2)
        if tag_name != "TIMEX3":
            continue
        if not closing:
            open_timex = (length, dict(_ATTR.findall(tag.group(3))))
        elif open_timex is not None:
            start, attrs = open_timex
            text = "".join(pieces)[start:length]
            timexes.append(GoldTimex(start, length, text, attrs.get("value", ""), attrs.get("type", ""),
                                     attrs.get("functionInDocument") == "CREATION_TIME"))
            open_timex = None
    pieces.append(html.unescape(body[position:]))
    return TimeMLDoc(name, "".join(pieces), dct, tuple(timexes))


def _data_root(data: Path | None) -> Path:
    if data is not None:
        return data
    return shared_dir("eval/tempeval3/train") / "eval" / "tempeval3" / "train"


def load_documents(data: Path | None = None, limit: int | None = None) -> list[TimeMLDoc]:
    """TimeML documents under ``data`` (a folder searched recursively, or one file), sorted by path."""
    root = _data_root(data)
    if root.is_file():
        paths = [root]
    else:
        paths = sorted(p for p in root.rglob("*.tml") if "testpipeline" not in p.relative_to(root).parts)
    if limit is not None:
        paths = paths[:limit]
    return [parse_timeml(p.read_text(encoding="utf-8"), str(p.relative_to(root) if root.is_dir() else p.name))
            for p in paths]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


@dataclass
class _Counts:
    predicted: int = 0
    gold: int = 0
    relaxed: int = 0
    strict: int = 0
    value: int = 0


def _score_doc(gold: Iterable[GoldTimex], predicted: Iterable[tuple[int, int, str]], counts: _Counts) -> None:
    creation = [(g.start, g.end) for g in gold if g.creation_time]
    golds = [g for g in gold if not g.creation_time]
    preds = [p for p in predicted if not any(_overlap((p[0], p[1]), c) for c in creation)]
    counts.gold += len(golds)
    counts.predicted += len(preds)
    pairs = sorted(((_overlap((g.start, g.end), (p[0], p[1])), gi, pi)
                    for gi, g in enumerate(golds) for pi, p in enumerate(preds)), reverse=True)
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    for overlap, gi, pi in pairs:
        if overlap <= 0:
            break
        if gi in used_gold or pi in used_pred:
            continue
        used_gold.add(gi)
        used_pred.add(pi)
        g, p = golds[gi], preds[pi]
        counts.relaxed += 1
        counts.strict += int((g.start, g.end) == (p[0], p[1]))
        counts.value += int(g.value.strip() == p[2].strip())


def _prf(correct: int, predicted: int, gold: int) -> tuple[float, float, float]:
    precision = correct / predicted if predicted else 0.0
    recall = correct / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def score(docs: list[TimeMLDoc], batch_size: int = 16) -> dict[str, float]:
    """Run the extractor over ``docs`` (one spaCy pass, n_process=1) and score it."""
    from ..extract.nlp import load_nlp
    from ..extract.time_refs import extract_time_refs

    nlp = load_nlp()
    counts = _Counts()
    for doc_record, doc in zip(docs, nlp.pipe((d.text for d in docs), batch_size=batch_size, n_process=1)):
        refs = extract_time_refs(doc, doc_record.dct)
        _score_doc(doc_record.timexes, [(r.start, r.end, r.value) for r in refs], counts)
    relaxed_p, relaxed_r, relaxed_f1 = _prf(counts.relaxed, counts.predicted, counts.gold)
    strict_p, strict_r, strict_f1 = _prf(counts.strict, counts.predicted, counts.gold)
    value_p, value_r, value_f1 = _prf(counts.value, counts.predicted, counts.gold)
    return {
        "relaxed_f1": round(relaxed_f1, 4), "relaxed_p": round(relaxed_p, 4), "relaxed_r": round(relaxed_r, 4),
        "strict_f1": round(strict_f1, 4), "strict_p": round(strict_p, 4), "strict_r": round(strict_r, 4),
        "value_f1": round(value_f1, 4), "value_p": round(value_p, 4), "value_r": round(value_r, 4),
        "documents": float(len(docs)), "gold": float(counts.gold), "predicted": float(counts.predicted),
    }


def evaluate(data: Path | None = None, split: str = "dev", limit: int | None = None) -> dict[str, float]:
    """Task A scores on the TempEval-3 training data (used as dev) or on ``data``.

    ``split`` is accepted for the CLI's convention; the only local split is ``dev``
    (``train/``, which this project tunes on). ``limit`` scores the first N files in
    sorted path order (AQUAINT before TimeBank).
    """
    if split != "dev" and data is None:
        raise ValueError(f"tempeval3 has only the 'dev' split here (got {split!r}); pass data=PATH for another copy")
    return score(load_documents(data, limit))
