"""Story clustering on NewsWCL50 (``shared/eval/newswcl50/dev.jsonl``): 7 events, each
covered by 5 US outlets of different political lean. BCubed and pairwise P/R/F1 over all
35 documents (singletons count).

The first line of ``text`` is the headline (the body is the whole text); there are no
dates. The batch clusterer's defaults (``BatchConfig``) are used; this set was scored in
the sweep that chose them (see ``storylens.eval.ecbplus``): BCubed F1 1.0 with the cheap
lemmas and with ``analyze``'s own features (the 7 events exactly; with the cohesions
combined by ``min`` events 0 and 2 shared a story: .923).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from ..cluster import ArticleFeatures, BatchConfig, ClusterConfig, text_features
from . import ecbplus

__all__ = ["load_records", "record_features", "evaluate"]

log = logging.getLogger(__name__)

_FOLDER = "eval/newswcl50"


def load_records(data: Path | None, split: str, limit: int | None) -> list[dict[str, Any]]:
    records = ecbplus.load_records(data, split, limit, folder=_FOLDER)
    for r in records:
        r["title"] = r["text"].partition("\n")[0].strip() or r.get("title")
    return records


def record_features(records: list[dict[str, Any]], lemmas: str = "cheap") -> list[ArticleFeatures]:
    if lemmas == "cheap":
        return [text_features(r["id"], r.get("title"), r["text"]) for r in records]
    return ecbplus.record_features(records, lemmas)


def evaluate(data: Path | None = None, split: str = "dev", limit: int | None = None,
             lemmas: str = "cheap", config: BatchConfig | ClusterConfig | None = None) -> dict[str, float]:
    """BCubed and pairwise P/R/F1 of story clustering on the split (all documents)."""
    records = load_records(data, split, limit)
    scores = ecbplus.score_features(records, record_features(records, lemmas), config)
    return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in scores.items()}
