"""Clustering scores over all documents (singletons count): BCubed and pairwise P/R/F1."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping

__all__ = ["cluster_scores"]


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def cluster_scores(gold: Mapping[str, Hashable], predicted: Mapping[str, Hashable]) -> dict[str, float]:
    """``gold`` and ``predicted`` map every document id to its cluster label.

    BCubed (Bagga & Baldwin): per document, precision = share of its predicted cluster
    in its gold cluster, recall = share of its gold cluster in its predicted cluster;
    averaged over documents. Pairwise: pairs of documents put together, as a share of
    predicted pairs (P) and of gold pairs (R).
    """
    if set(gold) != set(predicted):
        missing = sorted(set(gold) ^ set(predicted))[:5]
        raise ValueError(f"gold and predicted cover different documents (e.g. {missing})")
    n = len(gold)
    if n == 0:
        return {"bcubed_p": 0.0, "bcubed_r": 0.0, "bcubed_f1": 0.0, "pairwise_p": 0.0,
                "pairwise_r": 0.0, "pairwise_f1": 0.0, "documents": 0}
    joint = Counter((gold[d], predicted[d]) for d in gold)
    gsize = Counter(gold.values())
    psize = Counter(predicted.values())
    # Each document of the cell (g, p) has |g & p| / |p| precision and |g & p| / |g| recall.
    bp = sum(c * c / psize[p] for (g, p), c in joint.items()) / n
    br = sum(c * c / gsize[g] for (g, p), c in joint.items()) / n
    together = sum(_pairs(c) for c in joint.values())
    pred_pairs = sum(_pairs(c) for c in psize.values())
    gold_pairs = sum(_pairs(c) for c in gsize.values())
    pp = together / pred_pairs if pred_pairs else 1.0
    pr = together / gold_pairs if gold_pairs else 1.0
    return {"bcubed_p": bp, "bcubed_r": br, "bcubed_f1": _f1(bp, br),
            "pairwise_p": pp, "pairwise_r": pr, "pairwise_f1": _f1(pp, pr), "documents": n}


def _pairs(k: int) -> int:
    return k * (k - 1) // 2
