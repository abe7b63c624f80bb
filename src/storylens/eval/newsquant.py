"""Figure extraction scored on NewsQuant (CQE, EMNLP 2023): value, value+unit, value+change F1.

Data: ``shared/eval/newsquant/dev.json``, a list of ``{"text", "quantities": [{"value",
"unit", "normalized_unit", "change", "referred_concepts"}]}``. Gold values are strings,
ranges written "low-high" (in text order; "4.8-4.7" for "from 4.8 to 4.7 percent").

Matching, as in the CQE evaluation script but one-to-one: within a sentence, a predicted
figure matches a gold quantity when the numbers are equal (``numpy.isclose``, rtol 1e-5);
a range matches a range with the same two ends (in either order, since Storylens stores
``low <= high``); a single number never matches a range. Each metric is a maximum
one-to-one matching of its own: value; value and unit; value and change. Precision is over
the predicted figures that carry a number (vague amounts without numbers such as "large
numbers of" are not predictions here), recall over gold quantities.

Unit: the figure's unit or currency is written in NewsQuant's vocabulary (the gold's
``normalized_unit``, compared lower-cased): currency codes by their names ("USD" ->
"dollar", "GBP" -> "pound sterling", "JPY" -> "japanese yen"), unit keys by their full
names ("percent" -> "percentage", "km" -> "kilometre", "°F" -> "fahrenheit"), a money rate as
"dollar per share", a counted noun phrase as is ("first-team player"); no unit is "-".

Change, Storylens -> NewsQuant: trend up/down -> "up"/"down", except that the level a
change reaches ("fell 2% to 3.1%", "rose to $7.36 billion", "at 5,884") is "=" in NewsQuant,
so a trend figure right after "to" or "at" maps to its bound; bound "=" -> "=", "~" -> "~",
">" and ">=" -> ">", "<" and "<=" -> "<".
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..extract.figures import extract_figures
from ..extract.figures_lexicon import CURRENCY_NAMES, UNIT_NAMES
from ..model import Figure
from .data import shared_dir

__all__ = ["evaluate", "load_sentences", "newsquant_unit", "newsquant_change", "score", "Sentence"]

log = logging.getLogger(__name__)

_BOUND_TO_CHANGE = {"=": "=", "~": "~", ">": ">", ">=": ">", "<": "<", "<=": "<"}
_LEVEL_BEFORE = re.compile(r"(?<![A-Za-z])(?:to|at)\s*$", re.IGNORECASE)

Value = float | tuple[float, float]


@dataclass(frozen=True)
class Item:
    value: Value
    unit: str
    change: str


@dataclass(frozen=True)
class Sentence:
    text: str
    gold: tuple[Item, ...]


def _default_path(split: str) -> Path:
    return shared_dir(f"eval/newsquant/{split}.json") / "eval" / "newsquant" / f"{split}.json"


def parse_gold_value(value: str) -> Value:
    """'6.0' -> 6.0; '1.0-1.5' -> (1.0, 1.5); '-1.3' -> -1.3 (a leading minus is a sign)."""
    text = value.strip()
    if "E" not in text and "e" not in text and not text.startswith("-") and "-" in text:
        low, high = text.split("-", 1)
        return (float(low), float(high))
    return float(text)


def load_sentences(data: Path | None = None, split: str = "dev", limit: int | None = None) -> list[Sentence]:
    """Sentences in file order (deterministic); ``data`` is a JSON file or a folder holding ``{split}.json``."""
    path = data if data is not None else _default_path(split)
    if path.is_dir():
        path = path / f"{split}.json"
    records: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    sentences = []
    for record in records[:limit] if limit is not None else records:
        gold = tuple(
            Item(parse_gold_value(str(q["value"])), str(q.get("normalized_unit") or "-").lower(), str(q.get("change") or "="))
            for q in record.get("quantities") or []
        )
        sentences.append(Sentence(record["text"], gold))
    return sentences


def newsquant_unit(fig: Figure) -> str:
    """The figure's unit in NewsQuant's normalised vocabulary (lower case; "-" for none)."""
    if fig.currency:
        name = CURRENCY_NAMES.get(fig.currency, fig.currency.lower())
        if fig.unit and fig.unit.startswith("per "):
            name = f"{name} {fig.unit}"
        return name.lower()
    if fig.unit:
        if " per " in fig.unit:
            base, denominator = fig.unit.split(" per ", 1)
            return f"{UNIT_NAMES.get(base, base)} per {denominator}".lower()
        return UNIT_NAMES.get(fig.unit, fig.unit).lower()
    return "-"


def newsquant_change(fig: Figure, text: str) -> str:
    if fig.trend in ("up", "down") and not _LEVEL_BEFORE.search(text[max(0, fig.start - 12):fig.start]):
        return fig.trend
    return _BOUND_TO_CHANGE.get(fig.bound, "=")


def _prediction(fig: Figure, text: str) -> Item | None:
    if fig.value is not None:
        value: Value = fig.value
    elif fig.low is not None and fig.high is not None:
        value = (fig.low, fig.high)
    else:
        return None
    return Item(value, newsquant_unit(fig), newsquant_change(fig, text))


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-8 + 1e-5 * abs(b)


def values_match(gold: Value, pred: Value) -> bool:
    if isinstance(gold, tuple) and isinstance(pred, tuple):
        g, p = sorted(gold), sorted(pred)
        return _close(p[0], g[0]) and _close(p[1], g[1])
    if isinstance(gold, tuple) or isinstance(pred, tuple):
        return False
    return _close(pred, gold)


def _max_matching(gold: tuple[Item, ...], pred: list[Item], ok: Callable[[Item, Item], bool]) -> int:
    """Size of a maximum one-to-one matching (augmenting paths; sentences are small)."""
    owner: dict[int, int] = {}

    def augment(g: int, seen: set[int]) -> bool:
        for p, item in enumerate(pred):
            if p in seen or not ok(gold[g], item):
                continue
            seen.add(p)
            if p not in owner or augment(owner[p], seen):
                owner[p] = g
                return True
        return False

    return sum(1 for g in range(len(gold)) if augment(g, set()))


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(sentences: list[Sentence], predictions: list[list[Item]]) -> dict[str, float]:
    checks: dict[str, Callable[[Item, Item], bool]] = {
        "value": lambda g, p: values_match(g.value, p.value),
        "value_unit": lambda g, p: values_match(g.value, p.value) and g.unit == p.unit,
        "value_change": lambda g, p: values_match(g.value, p.value) and g.change == p.change,
    }
    n_gold = sum(len(s.gold) for s in sentences)
    n_pred = sum(len(p) for p in predictions)
    result: dict[str, float] = {"documents": float(len(sentences)), "gold": float(n_gold), "predicted": float(n_pred)}
    for name, ok in checks.items():
        tp = sum(_max_matching(s.gold, pred, ok) for s, pred in zip(sentences, predictions))
        p, r, f = _prf(tp, n_pred, n_gold)
        result[f"{name}_precision"] = round(p, 4)
        result[f"{name}_recall"] = round(r, 4)
        result[f"{name}_f1"] = round(f, 4)
    return result


def predict(sentences: list[Sentence], batch_size: int = 64) -> list[list[Item]]:
    from ..extract.nlp import load_nlp

    nlp = load_nlp()
    out: list[list[Item]] = []
    for _sentence, doc in zip(sentences, nlp.pipe((s.text for s in sentences), batch_size=batch_size, n_process=1)):
        items = [item for fig in extract_figures(doc) if (item := _prediction(fig, doc.text)) is not None]
        out.append(items)
    return out


def evaluate(data: Path | None = None, split: str = "dev", limit: int | None = None) -> dict[str, float]:
    """NewsQuant scores: ``value_f1``, ``value_unit_f1``, ``value_change_f1`` with P/R, as fractions."""
    sentences = load_sentences(data, split, limit)
    log.info("scoring figures on %d NewsQuant sentences", len(sentences))
    return score(sentences, predict(sentences))
