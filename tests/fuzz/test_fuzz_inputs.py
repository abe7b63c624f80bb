"""Malformed inputs never crash a run and never vanish (a small, fixed hypothesis budget;
``bench/fuzz.py`` runs >= 10,000 of them).

Each example writes one input of a random kind (every reader, sidecars, manifests),
damaged by one mutation (``malformed_inputs.MUTATIONS``), with absurd dates, and runs it
through ``storylens.pipeline.analyze`` without extraction or comparison: no exception may
escape, and every record must come out as an article or as a skipped entry with a reason.
"""

from __future__ import annotations

import random
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from malformed_inputs import FETCHED_AT, KINDS, MUTATIONS, make_input, unaccounted

from storylens.errors import InputError
from storylens.ingest.metadata import load_manifest
from storylens.pipeline import analyze

NOW = datetime.fromisoformat(FETCHED_AT)
BUDGET = settings(max_examples=60, deadline=None, derandomize=True, database=None,
                  suppress_health_check=[HealthCheck.too_slow])


def run(kind: str, mutation: str, seed: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        item = make_input(random.Random(seed), Path(tmp) / "in", seed, kind=kind, mutation=mutation)
        manifest = None
        if item.manifest is not None:
            try:
                manifest = load_manifest(item.manifest)
            except InputError:  # a clear refusal of an unusable manifest, not a crash
                manifest = None
        result = analyze(item.paths, fetched_at=NOW, manifest=manifest, extract=False, compare=False)
        sources = {a.source for a in result.articles} | {s.source for s in result.skipped}
        assert not unaccounted(item, sources), item.label
        assert all(s.reason.strip() for s in result.skipped)
        for article in result.articles:
            for value in (article.published, article.updated):
                if value is not None and "published" not in article.explicit and "updated" not in article.explicit:
                    assert datetime(1980, 1, 1, tzinfo=value.tzinfo) <= value <= NOW + timedelta(days=1), item.label


@BUDGET
@given(kind=st.sampled_from(KINDS), mutation=st.sampled_from(MUTATIONS), seed=st.integers(0, 2**32 - 1))
def test_malformed_inputs_never_crash_a_run_nor_vanish(kind, mutation, seed):
    run(kind, mutation, seed)


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_with_absurd_dates_and_no_other_damage(kind):
    for seed in range(3):
        run(kind, "none", seed)
