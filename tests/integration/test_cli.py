"""The command line as a user runs it, on fixtures written for these tests."""

import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from click.testing import CliRunner

from storylens.cli import main

DUMPS = Path(__file__).parents[1] / "fixtures" / "dumps"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_analyze_writes_all_reports_and_summary(tmp_path):
    result = run("analyze", DUMPS, tmp_path / "missing.txt", "--out", tmp_path / "out", "--format", "html,json,md")
    assert result.exit_code == 0, result.output
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    assert set(report) >= {"storylens_version", "generated_at", "articles", "skipped", "stories"}
    assert len(report["articles"]) == 2
    assert report["skipped"] == [{"source": str(tmp_path / "missing.txt"), "reason": "no such file or folder"}]
    (story,) = report["stories"]  # the two fixture pages report the same dam release
    assert sorted(story["articles"]) == sorted(a["id"] for a in report["articles"])
    assert all(a["story_id"] == story["id"] for a in report["articles"])
    html = (tmp_path / "out" / "report.html").read_text()
    assert "Dam operators open spillways" in html
    assert (tmp_path / "out" / "report.md").exists()
    assert "missing.txt" in result.output


def test_analyze_quiet_prints_no_story_and_writes_the_same_report(tmp_path):
    loud = run("analyze", DUMPS, "--out", tmp_path / "loud", "--format", "json")
    quiet = run("analyze", DUMPS, "--out", tmp_path / "quiet", "--format", "json", "-q")
    assert loud.exit_code == quiet.exit_code == 0
    assert "Dam operators open spillways" in loud.output and quiet.output == ""
    strip = lambda path: {k: v for k, v in json.loads(path.read_text()).items() if k != "generated_at"}  # noqa: E731
    assert strip(tmp_path / "loud" / "report.json") == strip(tmp_path / "quiet" / "report.json")


def test_analyze_exits_2_when_nothing_could_be_analysed(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    result = run("analyze", tmp_path, "--out", tmp_path / "out")
    assert result.exit_code == 2
    assert "empty file" in result.output


def test_analyze_rejects_unknown_format(tmp_path):
    result = run("analyze", DUMPS, "--out", tmp_path, "--format", "pdf")
    assert result.exit_code == 2 and "pdf" in result.output


def test_ingest_is_idempotent_and_searchable(tmp_path):
    db = tmp_path / "s.db"
    first = run("ingest", DUMPS, "--db", db)
    assert first.exit_code == 0 and "2 added, 0 already" in first.output
    second = run("ingest", DUMPS, "--db", db)
    assert "0 added, 2 already" in second.output
    listing = run("articles", "--db", db)
    assert "KNA" in listing.output and "2 articles" in listing.output
    found = run("search", "spillways", "--db", db)
    assert "Dam operators open spillways" in found.output
    bad = run("search", '"unbalanced', "--db", db)
    assert bad.exit_code == 1 and "Traceback" not in bad.output
    missing = run("articles", "--db", tmp_path / "nope.db")
    assert missing.exit_code == 1 and "no store" in missing.output


def _count(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return 0


def test_ingest_killed_midway_loses_nothing_committed_and_resumes(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(400):
        (corpus / f"{n:04d}.txt").write_text(
            f"Relief convoy number {n} reached the village of Ostby on Tuesday with food and blankets.\n"
            f"The driver of convoy {n} said the road along the river was passable again after the flood.\n")
    db = tmp_path / "s.db"
    cmd = [sys.executable, "-m", "storylens", "-q", "ingest", str(corpus), "--db", str(db)]
    proc = subprocess.Popen(cmd)
    deadline = time.time() + 120
    while _count(db) < 50 and time.time() < deadline and proc.poll() is None:
        time.sleep(0.05)
    assert proc.poll() is None, "ingest finished before it could be interrupted; make the corpus bigger"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    committed = _count(db)
    assert 50 <= committed < 400
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    rerun = subprocess.run(cmd[:2] + ["storylens", "ingest", str(corpus), "--db", str(db)],
                           capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{400 - committed} added, {committed} already" in rerun.stdout
    assert _count(db) == 400


def test_eval_prints_one_json_object_of_metrics_or_a_clear_error(tmp_path):
    from storylens.eval.data import MissingDataError, shared_dir

    try:
        shared_dir("eval/newsquant/dev.json")
    except MissingDataError:
        missing = run("eval", "newsquant", "--json")
        assert missing.exit_code == 1 and "evaluation data not found" in missing.output
        return
    result = run("eval", "newsquant", "--limit", "20", "--json")
    assert result.exit_code == 0, result.output
    metrics = json.loads(result.output)
    assert {"value_f1", "value_unit_f1", "value_change_f1"} <= set(metrics)
    assert all(0 <= metrics[k] <= 1 for k in ("value_f1", "value_unit_f1", "value_change_f1"))
    assert run("eval", "nosuchset").exit_code == 2


def test_a_second_ingest_compares_again_only_the_stories_it_changed(tmp_path):
    import shutil

    from storylens.store import open_store

    examples = Path(__file__).parents[2] / "examples"
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    # story A's page dumps first; story B's pages and one more story-A page later
    for name in ("norland-courier-greymoor-evacuation.txt", "kessel-valley-today-evacuated.txt"):
        shutil.copy(examples / "pages" / name, first / name)
    for name in ("tavrin-herald-trb-surprise.html", "atlantic-ledger-tavrin-rates.html",
                 "kalesh-morning-star-borrowers.txt"):
        shutil.copy(examples / "pages" / name, second / name)
    db = tmp_path / "s.db"
    assert run("ingest", first, "--db", db).exit_code == 0
    with open_store(str(db)) as store:
        (story_a,) = store.list_stories()
        before = store.get_comparison(story_a.id)
    result = run("ingest", second, "--db", db)
    assert result.exit_code == 0
    with open_store(str(db)) as store:
        members = store.story_members()  # every story compared and stored
        later = len(members) - 1
        assert later >= 1 and members[story_a.id] == frozenset(story_a.articles)
        assert store.get_comparison(story_a.id) == before
    assert f"compared {later} new or changed stories (1 unchanged kept)" in " ".join(result.stderr.split())

    shutil.copy(examples / "pages" / "radio-kessel-lindby-returns.txt", second / "radio.txt")
    result = run("ingest", second, "--db", db)
    assert f"1 new or changed stories ({later} unchanged kept)" in " ".join(result.stderr.split())
    with open_store(str(db)) as store:
        assert len(store.story_members()[story_a.id]) == 3


def _jsonl(path, records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


_BRIDGE = ("Engineers closed the Halvard suspension bridge over the Brenne river after inspectors found a cracked "
           "cable anchor, county roads chief Ilse Dormand said. Traffic to Brenne quay is diverted through Osk.")
_FESTIVAL = ("The Lumen kite festival on Saltmere beach drew twelve thousand visitors, organiser Pietro Vasco said, "
             "with a record-breaking dragon kite flown by the Saltmere kite club on Sunday afternoon.")


def test_ingest_regroups_only_the_new_articles_and_the_stories_they_can_still_join(tmp_path):
    from storylens.store import open_store

    march = [{"id": f"b{i}", "outlet": f"Outlet {i}", "headline": f"Halvard bridge closed ({i})",
              "published": f"2026-03-0{i + 1}T08:00:00Z", "text": _BRIDGE + f" Report {i}."} for i in range(3)]
    _jsonl(tmp_path / "march.jsonl", march)
    db = tmp_path / "s.db"
    assert run("ingest", tmp_path / "march.jsonl", "--db", db).exit_code == 0
    with open_store(str(db)) as store:
        (bridge,) = store.list_stories()
        compared = store.get_comparison(bridge.id)
    april = [{"id": f"k{i}", "outlet": f"Outlet {i}", "headline": f"Kite festival record ({i})",
              "published": f"2026-04-1{i}T08:00:00Z", "text": _FESTIVAL + f" Report {i}."} for i in range(3)]
    _jsonl(tmp_path / "april.jsonl", april)
    result = run("ingest", tmp_path / "april.jsonl", "--db", db)
    assert result.exit_code == 0, result.output
    # the bridge story ended more than a week before the April articles: closed, not re-read
    assert "grouped 3 new or open-story articles" in result.stderr.replace("\n", " ")
    with open_store(str(db)) as store:
        stories = {s.id: s for s in store.list_stories()}
        assert len(stories) == 2 and stories[bridge.id].articles == bridge.articles
        assert store.get_comparison(bridge.id) == compared
    # one more April article: the open festival story is regrouped with it, not the bridge
    _jsonl(tmp_path / "late.jsonl", [{**april[0], "id": "k9", "published": "2026-04-14T08:00:00Z",
                                      "text": _FESTIVAL + " A late report."}])
    result = run("ingest", tmp_path / "late.jsonl", "--db", db)
    assert "grouped 4 new or open-story articles" in result.stderr.replace("\n", " ")
    with open_store(str(db)) as store:
        assert sorted(len(s.articles) for s in store.list_stories()) == [3, 4]


def test_an_ingest_that_adds_nothing_still_groups_articles_left_ungrouped(tmp_path):
    # as after a run killed between storing articles and grouping them
    from storylens.store import open_store

    records = [{"id": f"b{i}", "headline": f"Halvard bridge closed ({i})", "published": f"2026-03-0{i + 1}T08:00:00Z",
                "text": _BRIDGE + f" Report {i}."} for i in range(2)]
    _jsonl(tmp_path / "a.jsonl", records)
    db = tmp_path / "s.db"
    assert run("ingest", tmp_path / "a.jsonl", "--db", db).exit_code == 0
    with open_store(str(db)) as store:
        ids = [a.id for a in store.list_articles()]
        store.replace_stories([], {i: {"story_id": None} for i in ids})
        assert store.count_stories() == 0
    result = run("ingest", tmp_path / "a.jsonl", "--db", db)
    assert "0 added, 2 already in" in result.output.replace("\n", " ")
    with open_store(str(db)) as store:
        assert [sorted(s.articles) for s in store.list_stories()] == [sorted(ids)]
