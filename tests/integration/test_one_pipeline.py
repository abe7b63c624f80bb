"""`storylens analyze` and `storylens ingest` are one pipeline: for the same inputs they
give the same stories (members and ids) and the same comparisons, and ingest groups with
the NLP pass's features (stored with each article), not a cheaper tokenizer."""

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from storylens.cli import main
from storylens.serialise import comparison_from_dict, comparison_to_dict
from storylens.errors import StorylensError
from storylens.eval.data import shared_dir
from storylens.store import open_store

EXAMPLES = Path(__file__).parents[2] / "examples"


def run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def seeds() -> Path:
    try:
        return shared_dir("corpus/seeds") / "corpus" / "seeds"
    except StorylensError as exc:
        pytest.skip(f"the seed articles are absent: {exc}")


def analyzed(tmp_path: Path, *inputs: Path) -> dict:
    run("analyze", *inputs, "--out", tmp_path / "report", "--format", "json", "-q")
    return json.loads((tmp_path / "report" / "report.json").read_text())


def canonical(sections: dict) -> str:
    """The comparison sections of a report story (other keys left out) as canonical JSON."""
    return json.dumps(comparison_to_dict(comparison_from_dict(sections)), sort_keys=True, ensure_ascii=False)


def assert_store_matches_report(db: Path, report: dict) -> None:
    with open_store(db) as store:
        stored = {s.id: s for s in store.list_stories(limit=1000)}
        assert {s["id"]: sorted(s["articles"]) for s in report["stories"]} == \
            {i: sorted(s.articles) for i, s in stored.items()}
        for story in report["stories"]:
            stored_comparison = store.get_comparison(story["id"])
            assert stored_comparison is not None
            assert canonical(comparison_to_dict(stored_comparison)) == canonical(story), story["id"]


def test_ingest_gives_the_stories_and_comparisons_analyze_gives(tmp_path):
    inputs = (EXAMPLES, seeds())
    report = analyzed(tmp_path, *inputs)
    db = tmp_path / "s.db"
    run("ingest", *inputs, "--db", db, "-q")
    assert_store_matches_report(db, report)


def test_ingest_stores_the_nlp_features_it_groups_with(tmp_path):
    db = tmp_path / "s.db"
    run("ingest", EXAMPLES, "--db", db, "-q")
    with sqlite3.connect(db) as conn:
        (articles,), = conn.execute("SELECT count(*) FROM articles").fetchall()
        (with_terms,), = conn.execute("SELECT count(*) FROM article_terms").fetchall()
        (body,), = conn.execute("SELECT body FROM article_terms LIMIT 1").fetchall()
    assert with_terms == articles > 0
    assert json.loads(body)  # lemma counts from the spaCy pass


def test_ingest_in_two_batches_then_again_changes_nothing(tmp_path):
    report = analyzed(tmp_path, EXAMPLES)
    db = tmp_path / "s.db"
    run("ingest", EXAMPLES / "pages", "--db", db, "-q")
    run("ingest", EXAMPLES, "--db", db, "-q")
    assert_store_matches_report(db, report)
    again = run("ingest", EXAMPLES, "--db", db)
    assert "0 added" in again.output
    assert_store_matches_report(db, report)


def test_two_processes_give_what_one_gives(tmp_path):
    inputs = (EXAMPLES,)
    one = analyzed(tmp_path / "one", *inputs)
    run("analyze", *inputs, "--out", tmp_path / "two", "--format", "json", "-q", "--processes", "2")
    two = json.loads((tmp_path / "two" / "report.json").read_text())
    for report in (one, two):
        report.pop("generated_at", None)
    assert json.dumps(one, sort_keys=True) == json.dumps(two, sort_keys=True)
