"""Quality gate: attribution scores on a fixed PolNeAR dev sample must not drop.

The sample is the first 30 dev documents by name (``evaluate(limit=30)``); floors sit just
below what was measured on it (speech subset overlap F1: source .873, content .864;
exact F1 source .575, cue .510, content .431).
The full dev numbers are in docs/benchmarks.md.
"""

from __future__ import annotations

import pytest

from storylens.eval.data import MissingDataError, shared_dir

try:
    shared_dir("eval/polnear/dev/attributions")
except MissingDataError as exc:
    pytest.skip(str(exc), allow_module_level=True)

from storylens.eval.polnear import evaluate  # noqa: E402

SAMPLE = 30
FLOORS = {
    "speech_source_overlap_f1": 0.86,
    "speech_content_overlap_f1": 0.85,
    "source_overlap_f1": 0.57,
    "content_overlap_f1": 0.60,
    "source_exact_f1": 0.56,
    "cue_exact_f1": 0.50,
    "content_exact_f1": 0.42,
}


@pytest.fixture(scope="module")
def scores() -> dict[str, float]:
    return evaluate(limit=SAMPLE)


def test_sample_size(scores: dict[str, float]) -> None:
    assert scores["documents"] == SAMPLE


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_floor(scores: dict[str, float], metric: str) -> None:
    assert 0.0 <= scores[metric] <= 1.0
    assert scores[metric] >= FLOORS[metric], f"{metric} {scores[metric]:.4f} < floor {FLOORS[metric]}"
