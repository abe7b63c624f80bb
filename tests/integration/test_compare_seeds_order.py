"""The comparison is the same whatever order the articles come in (issue 12): the
examples, the seeds and every event of ``shared/eval/compare/dev`` analysed through
``storylens.pipeline.analyze`` in several orders give byte-identical comparison sections
(``json.dumps(..., sort_keys=True)``), story by story. Stories are matched by their
members, so this holds whether or not the grouping itself depends on the order (another
test's concern); the seeds' prisoner dispute comes out in every order.

The shared data is read at run time (skipped with a message when absent); no text from it
is copied here.
"""

from __future__ import annotations

import json
import random
from datetime import datetime, timezone
from pathlib import Path

import pytest

from storylens.compare import compare_story
from storylens.serialise import comparison_to_dict
from storylens.eval.data import MissingDataError, shared_dir
from storylens.pipeline import analyze

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
FETCHED = datetime(2026, 3, 20, tzinfo=timezone.utc)
ORDERS = 5


def _comparisons(paths: list[Path]) -> dict[frozenset[str], str]:
    """Member set -> the story's comparison sections as canonical JSON."""
    result = analyze(paths, fetched_at=FETCHED)
    assert not result.comparison_failures
    return {frozenset(s.articles): json.dumps(comparison_to_dict(s.comparison), sort_keys=True, ensure_ascii=False)
            for s in result.stories if s.comparison is not None}


def _orders(items: list, n: int = ORDERS, seed: int = 12) -> list[list]:  # type: ignore[type-arg]
    """The given order, its reverse, and shuffles: ``n`` distinct orders where possible."""
    rng = random.Random(seed)
    out = [list(items), list(reversed(items))]
    for _ in range(50):
        if len(out) >= n:
            break
        shuffled = list(items)
        rng.shuffle(shuffled)
        if shuffled not in out or len(items) < 3:
            out.append(shuffled)
    return out[:n]


def _assert_same(runs: list[dict[frozenset[str], str]]) -> None:
    first = runs[0]
    for run in runs[1:]:
        for members in first.keys() & run.keys():
            assert run[members] == first[members], f"story of {sorted(members)} compares differently"
    # Stories grouped alike in every order must exist (else nothing was compared).
    assert set.intersection(*(set(r) for r in runs))


def _seed_folder() -> Path:
    try:
        return shared_dir("corpus/seeds") / "corpus" / "seeds"
    except MissingDataError as exc:
        pytest.skip(f"the seeds are not on this machine: {exc}")


def _prisoner_dispute(comparison: str) -> bool:
    sections = json.loads(comparison)
    return any(c["kind"] == "figure" and any(s["value"] is None for s in c["sides"])
               and any(s["value"] == 12 for s in c["sides"])
               and "prisoner" in " ".join(s["citation"]["text"].lower() for s in c["sides"])
               for c in sections["conflicts"])


def test_seeds_compare_alike_in_every_order_with_the_prisoner_dispute():
    files = sorted(_seed_folder().glob("*.txt"))
    assert len(files) == 2
    runs = [_comparisons(order) for order in _orders(files)]
    _assert_same(runs)
    for run in runs:
        assert len(run) == 1
        assert _prisoner_dispute(next(iter(run.values())))


def test_examples_compare_alike_in_every_order():
    # Every input file (sidecars are found beside their page), given in several orders.
    files = sorted(p for p in EXAMPLES.rglob("*") if p.is_file() and p.suffix != ".md"
                   and p.name != "expected.json" and not p.name.endswith(".meta.json"))
    runs = [_comparisons(order) for order in _orders(files)]
    _assert_same(runs)
    assert {len(m) for m in runs[0]} == {len(m) for m in _comparisons([EXAMPLES])}


def test_compare_story_itself_ignores_the_order():
    result = analyze([EXAMPLES], fetched_at=FETCHED, compare=False)
    by_id = {a.id: a for a in result.articles}
    for story in result.stories:
        members = [by_id[i] for i in story.articles]
        outs = {json.dumps(comparison_to_dict(compare_story(order)), sort_keys=True) for order in _orders(members)}
        assert len(outs) == 1


def _dev_gold() -> list[Path]:
    try:
        from storylens.eval.compare import gold_files

        files = gold_files(None, "dev")
        shared_dir("eval/gva/dev.jsonl")
        shared_dir("eval/basil/dev.jsonl")
    except MissingDataError as exc:
        pytest.skip(f"the comparison gold or its articles are not on this machine: {exc}")
    return files


def test_every_dev_gold_event_compares_alike_in_every_order(tmp_path):
    from storylens.eval.compare import event_records, write_event_jsonl

    for path in _dev_gold():
        gold = json.loads(path.read_text(encoding="utf-8"))
        records = event_records(gold, path)
        runs = []
        for n, order in enumerate(_orders(records)):
            inp = write_event_jsonl(order, tmp_path / f"{path.stem}-{n}.jsonl")
            runs.append(_comparisons([inp]))
        _assert_same(runs)
