"""eval: scorers on public benchmarks (``../shared/eval``), one module per dataset.

Each module exposes ``evaluate(data=None, split="dev", limit=None) -> dict[str, float]``;
``storylens eval NAME`` calls it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

__all__ = ["DATASETS", "scorer"]

#: dataset name -> module under storylens.eval
DATASETS = {
    "pages": "pages",
    "polnear": "polnear",
    "tempeval3": "tempeval3",
    "newsquant": "newsquant",
    "ecbplus": "ecbplus",
    "newswcl50": "newswcl50",
    "compare": "compare",
}


def scorer(name: str) -> Callable[..., dict[str, float]]:
    """The ``evaluate`` function of a dataset; KeyError for an unknown name."""
    module = importlib.import_module(f"{__name__}.{DATASETS[name]}")
    evaluate: Callable[[Path | None, str, int | None], dict[str, float]] = module.evaluate
    return evaluate
