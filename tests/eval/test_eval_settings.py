"""`storylens eval` scores with the settings the user gives (`--set`, `--config`), as
`analyze` would run with them: a comparison setting reaches `eval compare` (both as
grouped and with each event forced into one story), a clustering setting `eval ecbplus`.

Skipped with a message when the shared folder is absent."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from storylens.cli import main
from storylens.eval.data import MissingDataError, shared_dir


def _eval(*args: str) -> dict:  # type: ignore[type-arg]
    result = CliRunner().invoke(main, ["eval", *args, "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return dict(json.loads(result.output.strip().splitlines()[-1]))


def test_a_compare_setting_reaches_eval_compare() -> None:
    try:
        shared_dir("eval/compare/dev")
        shared_dir("eval/gva/dev.jsonl")
    except MissingDataError as exc:
        pytest.skip(f"the comparison gold is not on this machine: {exc}")
    usual = _eval("compare", "--limit", "1")
    # No two statements can reach an alignment score of 5, and no who-is-who facts: no
    # shared facts at all.
    strict = _eval("compare", "--limit", "1", "--set", "compare.align_threshold=5", "--set",
                   "compare.person_facts=false")
    for mode in ("grouped", "one_story"):
        assert usual[mode]["claim_pair_precision"] > 0, mode
        assert strict[mode]["claim_pair_precision"] == 0 and strict[mode]["claim_pair_recall"] == 0, mode


def test_a_cluster_setting_reaches_eval_ecbplus() -> None:
    try:
        shared_dir("eval/ecbplus")
    except MissingDataError as exc:
        pytest.skip(f"ECB+ is not on this machine: {exc}")
    usual = _eval("ecbplus", "--limit", "30")
    # A threshold no pair reaches: every document its own story, so pairwise recall is 0.
    apart = _eval("ecbplus", "--limit", "30", "--set", "cluster.threshold=5")
    assert usual != apart
    assert apart["pairwise_r"] == 0 and usual["pairwise_r"] > 0
