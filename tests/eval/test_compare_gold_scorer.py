"""``storylens eval compare`` scores the comparison gold (``shared/eval/compare/dev``)
with the same definitions as the reference scorer ``shared/tools/score_compare.py``: the
reports it writes, scored by that script (run as a subprocess, nothing imported from it),
give the same figures on every dev event and overall, as grouped and with each event
forced into one story. Also the floors the comparison must keep on dev.

Skipped with a message when the shared folder is absent.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from storylens.eval.compare import evaluate_detailed, text_lines
from storylens.eval.data import MissingDataError, shared_dir


@pytest.fixture(scope="module")
def scored(tmp_path_factory):  # type: ignore[no-untyped-def]
    try:
        gold = shared_dir("eval/compare/dev") / "eval" / "compare" / "dev"
        script = shared_dir("tools/score_compare.py") / "tools" / "score_compare.py"
        shared_dir("eval/gva/dev.jsonl")
        shared_dir("eval/basil/dev.jsonl")
    except MissingDataError as exc:
        pytest.skip(f"the comparison gold, its articles or the reference scorer are not on this machine: {exc}")
    reports = tmp_path_factory.mktemp("compare-reports")
    result = evaluate_detailed(split="dev", per_event=True, reports_dir=reports)
    print("\n".join(text_lines(result)))  # every false and missed pair, for reading (pytest -s)
    return gold, script, reports, result


def _reference(script: Path, gold: Path, reports: Path) -> tuple[dict[str, dict], dict]:
    """score_compare.py's per-event rows and its overall figures (rounded to 3 places)."""
    out = subprocess.run([sys.executable, str(script), str(gold), str(reports)], capture_output=True, text=True,
                         check=True).stdout
    head, _, tail = out.partition("ALL ")
    rows = {}
    for line in head.splitlines():
        event, _, data = line.partition(" ")
        rows[event] = json.loads(data)
    return rows, json.loads(tail)


def _same(ours: dict, theirs: dict, where: str) -> None:
    """Equal up to the rounding of each side (theirs to 3 places, ours to 4)."""
    assert set(theirs) <= set(ours), where
    for key, value in theirs.items():
        assert abs(ours[key] - value) <= 0.00055, f"{where}: {key}: {ours[key]} vs {value}"


@pytest.mark.parametrize("mode", ["grouped", "one_story"])
def test_the_same_figures_as_the_reference_scorer(scored, mode):
    gold, script, reports, result = scored
    rows, overall = _reference(script, gold, reports / "one_story" if mode == "one_story" else reports)
    assert set(rows) == set(result["events"]) and len(rows) == len(list(gold.glob("*.json")))
    for event, row in rows.items():
        _same(result["events"][event][mode], row, f"{event} ({mode})")
    _same(result[mode], overall, f"all events ({mode})")


def test_errors_are_listed_for_every_event(scored):
    _, _, _, result = scored
    for event, r in result["events"].items():
        errors = r["errors"]
        assert len(errors["false_conflict_pairs"]) == r["grouped"]["conflict_pairs_system"] - r["grouped"][
            "conflict_pairs_correct"], event
        assert len(errors["missed_conflict_pairs"]) == r["grouped"]["conflict_pairs_gold"] - r["grouped"][
            "conflict_pairs_gold_found"], event
        assert len(errors["false_quote_pairs"]) == r["grouped"]["quote_pairs_system"] - r["grouped"][
            "quote_pairs_correct"], event
        assert len(errors["missed_timeline_mentions"]) == r["grouped"]["timeline_mentions_gold"] - r["grouped"][
            "timeline_mentions_found"], event
        assert len(errors["wrong_timeline_dates"]) == r["grouped"]["timeline_mentions_matched"] - r["grouped"][
            "timeline_mentions_dated_right"], event


def test_floors_on_dev(scored):
    # Regression floors under the dev figures recorded in docs/benchmarks.md (dev is
    # where the comparison is tuned: these guard against going back, they are not
    # results). Precision first: no false dispute is the floor that matters most.
    _, _, _, result = scored
    grouped, one = result["grouped"], result["one_story"]
    false_conflicts = sum(len(r["errors"]["false_conflict_pairs"]) for r in result["events"].values())
    assert false_conflicts == 0
    assert one["conflict_pair_precision"] >= 0.9 and one["conflicts_found"] >= 6
    assert grouped["conflict_pair_precision"] >= 0.9 and grouped["conflicts_found"] >= 6
    # (claim pairs .884/.235 by shared words, a figure and what it counts one word;
    # .887/.265 with who-is-who facts, .896/.273 with an article's headline and sentence in
    # one fact; .905/.281 when a body's copy of the stated headline is the headline;
    # .909/.316 with the streets independent accounts name; .915/.319 with a shared
    # earlier or later week as a time anchor; .918/.361 with ages in months and in words;
    # paraphrase alignment below)
    assert grouped["claim_pair_precision"] >= 0.90 and grouped["claim_pair_recall"] >= 0.35
    # (central recall fell .613 -> .550 when more disputes were found: a sentence that is
    # a side of a dispute is shown as the dispute, not in the summary; and to .508 when a
    # line cites only the statements that say it directly; .550 when an article's headline
    # no longer takes the place of its sentence in a fact.)
    # (supported .917 -> .896 and central .617 -> .575 when one outlet's articles became one
    # source: the Daily News' three Red Hook reports no longer corroborate one another, so
    # gva-387194's brief keeps 3 of its 6 lines; the gold counts pairs of articles, not of outlets)
    # (supported .896 -> .917 when a body's copy of the stated headline became the
    # headline: the forum repost's first line had been cited as its body's sentence)
    assert one["brief_support_precision"] >= 0.90 and one["brief_central_recall"] >= 0.55
    # (disputed .400 -> .467 and conflict pairs .467 -> .500 when the dead and the wounded
    # told together counted as the people shot: "Three died and 16 were wounded" vs "22 shot")
    # (supported .938 -> .979 when a line repeating one ranked above gave way to the next fact)
    assert grouped["brief_support_precision"] >= 0.95 and grouped["brief_disputed_recall"] >= 0.45
    # (central .596 -> .617 when a shared earlier week anchored "passed ... last week")
    assert grouped["brief_central_recall"] >= 0.60 and grouped["conflict_pair_recall"] >= 0.50
    assert grouped["quote_pair_precision"] >= 0.95 and grouped["quote_pair_recall"] >= 0.90
    assert grouped["quote_fidelity_accuracy"] >= 0.95
    assert grouped["timeline_date_accuracy"] >= 0.96 and grouped["timeline_recall"] >= 0.85


def test_floors_on_dev_with_paraphrase_alignment(tmp_path):  # type: ignore[no-untyped-def]
    """``storylens eval compare --set compare.align_paraphrase=true``: the option's gain
    (claim pairs .897/.340 as grouped on dev, brief supported .917, central .617) is held too."""
    from storylens.config import load_settings

    try:
        shared_dir("eval/compare/dev")
    except MissingDataError as exc:
        pytest.skip(f"the comparison gold is not on this machine: {exc}")
    settings = load_settings(environ={}, overrides={"compare.align_paraphrase": True}).settings
    grouped = evaluate_detailed(split="dev", reports_dir=tmp_path, settings=settings)["grouped"]
    assert grouped["claim_pair_precision"] >= 0.88 and grouped["claim_pair_recall"] >= 0.32
    assert grouped["brief_support_precision"] >= 0.90 and grouped["brief_central_recall"] >= 0.59
