"""The Dask runner (``--dask``): the same stories, ids and comparisons as one process,
results in chunk order whichever worker finishes first, a bounded number of chunks in
flight, a failing chunk raised as the process pool raises it, the spaCy model loaded
once per worker, and clear errors for a bad or unreachable address."""

import json
import socket
import sys
import time
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import cloudpickle
import pytest
from click.testing import CliRunner
from test_one_pipeline import EXAMPLES, assert_store_matches_report, canonical, run

from storylens.cli import main
from storylens.config import PipelineSettings, Settings
from storylens.errors import StorylensError
from storylens.eval.data import shared_dir
from storylens.pipeline import analyze
from storylens.runners import ProcessPoolRunner, Runner
from storylens.runners.dask import DaskAddress, DaskRunner, RunnerError, local_workers, parse_address

FETCHED = datetime(2016, 1, 1, tzinfo=timezone.utc)
GVA_SAMPLE = 60

# The fake tasks below live in this test module, which Dask's worker processes cannot
# import: send them by value.
cloudpickle.register_pickle_by_value(sys.modules[__name__])


@pytest.fixture(scope="module")
def dask2() -> Iterator[DaskRunner]:
    with DaskRunner("local:2") as runner:
        yield runner


def gva_sample(folder: Path) -> Path:
    """The first GVA dev articles as the JSONL a user would give."""
    try:
        source = shared_dir("eval/gva/dev.jsonl") / "eval" / "gva" / "dev.jsonl"
    except StorylensError as exc:
        pytest.skip(f"the GVA dev set (../shared/eval/gva/dev.jsonl) is absent: {exc}")
    path = folder / "gva.jsonl"
    with source.open(encoding="utf-8") as src, path.open("w", encoding="utf-8") as out:
        for _, line in zip(range(GVA_SAMPLE), src):
            record = json.loads(line)
            out.write(json.dumps({k: record[k] for k in ("url", "outlet", "published", "text")}) + "\n")
    return path


def report(folder: Path, inputs: Path, *runner: str) -> dict:
    run("analyze", inputs, "--out", folder, "--format", "json", "-q", *runner)
    return json.loads((folder / "report.json").read_text())


@pytest.fixture(scope="module")
def examples_report(tmp_path_factory) -> dict:
    """``storylens analyze examples`` in one process."""
    return report(tmp_path_factory.mktemp("serial"), EXAMPLES, "--processes", "1")


def assert_same_analysis(dask: dict, serial: dict) -> None:
    assert serial["stories"], "the corpus should make stories"
    assert [a["id"] for a in dask["articles"]] == [a["id"] for a in serial["articles"]]
    assert [s["id"] for s in dask["stories"]] == [s["id"] for s in serial["stories"]]
    assert {s["id"]: sorted(s["articles"]) for s in dask["stories"]} == \
        {s["id"]: sorted(s["articles"]) for s in serial["stories"]}
    for theirs, ours in zip(dask["stories"], serial["stories"]):
        assert canonical(theirs) == canonical(ours), ours["id"]
    assert dask["skipped"] == serial["skipped"]


def test_analyze_on_dask_gives_the_examples_stories_and_comparisons_of_one_process(tmp_path, examples_report):
    assert_same_analysis(report(tmp_path, EXAMPLES, "--dask", "local:2"), examples_report)


def test_analyze_on_dask_gives_the_stories_and_comparisons_of_one_process_on_gva(tmp_path):
    inputs = gva_sample(tmp_path)
    serial = report(tmp_path / "serial", inputs, "--processes", "1")
    assert_same_analysis(report(tmp_path / "dask", inputs, "--dask", "local:2"), serial)


def test_ingest_on_dask_stores_what_analyze_reports(tmp_path, examples_report):
    db = tmp_path / "s.db"
    run("ingest", EXAMPLES, "--db", db, "-q", "--dask", "local:2")
    assert_store_matches_report(db, examples_report)
    again = run("ingest", EXAMPLES, "--db", db, "--dask", "local:1")
    assert "0 added" in again.output


def test_ingest_on_dask_into_postgresql_stores_what_analyze_reports(examples_report, pg_database):
    run("ingest", EXAMPLES, "--db", pg_database, "-q", "--dask", "local:2")
    assert_store_matches_report(pg_database, examples_report)


def _sleep_then_echo(chunk: tuple[float, int]) -> tuple[int, float]:
    delay, value = chunk
    time.sleep(delay)
    return value, time.monotonic()


def test_results_come_in_chunk_order_with_a_bounded_number_in_flight(dask2):
    pulled = []

    def chunks() -> Iterator[tuple[float, int]]:
        for n in range(10):
            pulled.append(n)
            yield (1.0 if n == 0 else 0.05), n  # the first chunk finishes last

    results = dask2.map(_sleep_then_echo, chunks())
    first = next(results)
    assert len(pulled) == 2 * dask2.workers == 4  # no more than 2 x workers submitted ahead
    rest = list(results)
    assert [value for value, _ in [first, *rest]] == list(range(10))
    assert rest[0][1] < first[1], "chunk 1 should have finished before chunk 0 (on the other worker)"


def _fail_on_three(chunk: int) -> int:
    if chunk == 3:
        raise ValueError(f"chunk {chunk} cannot be processed")
    return chunk * 10


@pytest.mark.parametrize("kind", ["process pool", "dask"])
def test_a_failing_chunk_raises_from_map_as_with_the_process_pool(dask2, kind):
    runner: Runner = ProcessPoolRunner(2) if kind == "process pool" else dask2
    got = []
    with pytest.raises(ValueError, match="chunk 3 cannot be processed"):
        for value in runner.map(_fail_on_three, range(8)):
            got.append(value)
    assert got == [0, 10, 20]


def _model_loads() -> tuple[int, int]:
    from storylens.extract.nlp import load_nlp

    info = load_nlp.cache_info()
    return info.misses, info.hits


def test_each_worker_loads_the_spacy_model_once_and_keeps_it(dask2):
    settings = Settings(pipeline=PipelineSettings(chunk_size=1))  # one article, one NLP pass, one task
    result = analyze([EXAMPLES], fetched_at=FETCHED, compare=False, settings=settings, runner=dask2)
    chunks = len(result.articles)
    assert chunks > 2 * dask2.workers
    loads = dask2.client.run(_model_loads)
    assert sum(misses + hits for misses, hits in loads.values()) == chunks  # one load_nlp() per chunk...
    assert all(misses <= 1 for misses, _ in loads.values()), loads  # ...and one model load per worker
    assert sum(hits for _, hits in loads.values()) >= chunks - dask2.workers


@pytest.mark.parametrize("address", ["local:0", "local:x", "dask://h:1", "tcp://host", "tcp://h:99999", ""])
def test_a_bad_address_is_a_click_error(tmp_path, address):
    result = CliRunner().invoke(main, ["analyze", str(EXAMPLES), "--out", str(tmp_path), "--dask", address])
    assert result.exit_code == 2
    assert "Invalid value for '--dask'" in result.output
    assert not (tmp_path / "report.json").exists()


def test_dask_and_processes_are_one_or_the_other(tmp_path):
    result = CliRunner().invoke(main, ["ingest", str(EXAMPLES), "--db", str(tmp_path / "s.db"),
                                       "--dask", "local:2", "--processes", "2"])
    assert result.exit_code == 2
    assert "give --processes or --dask, not both" in result.output


def test_a_bad_dask_setting_is_a_clear_error_and_processes_overrides_it(tmp_path):
    bad = CliRunner().invoke(main, ["analyze", str(EXAMPLES / "pages"), "--out", str(tmp_path), "-q"],
                             env={"STORYLENS_PIPELINE__DASK": "cluster-7"})
    assert bad.exit_code == 1
    assert "'cluster-7' is not a Dask address" in bad.output
    # --processes on the command line wins over a Dask cluster named in the environment
    # (here one nothing listens on: used, it would fail after the connect timeout).
    ok = CliRunner().invoke(main, ["analyze", str(EXAMPLES / "pages"), "--out", str(tmp_path), "--format", "json",
                                   "-q", "--processes", "1"], env={"STORYLENS_PIPELINE__DASK": "tcp://127.0.0.1:9"})
    assert ok.exit_code == 0, ok.output
    assert json.loads((tmp_path / "report.json").read_text())["articles"]


def test_address_forms():
    assert parse_address("local") == DaskAddress()
    assert parse_address(" local:3 ") == DaskAddress(workers=3)
    assert parse_address("tcp://10.0.0.5:8786") == DaskAddress(scheduler="tcp://10.0.0.5:8786")
    assert parse_address("tcp://scheduler.example:8786").scheduler == "tcp://scheduler.example:8786"
    assert local_workers(24 * 1024**3, 2) == 2
    assert local_workers(5 * 1024**3, 16) == 2  # memory for two spaCy workers, not one per core
    assert local_workers(1024**3, 4) == 1


def test_an_unreachable_scheduler_is_a_clear_error():
    with socket.socket() as sock:  # a loopback port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(RunnerError, match=f"cannot reach the Dask scheduler at tcp://127.0.0.1:{port}"):
        DaskRunner(f"tcp://127.0.0.1:{port}", timeout=1)


def test_a_remote_scheduler_runs_the_chunks(dask2):
    """``tcp://`` joins a running cluster (here the local one's scheduler) and leaves it
    running on close."""
    scheduler = dask2.client.scheduler_info()["address"]
    with DaskRunner(scheduler, timeout=10) as remote:
        assert remote.workers == 2
        assert list(remote.map(_fail_on_three, [0, 1, 2])) == [0, 10, 20]
    assert list(dask2.map(_fail_on_three, [4])) == [40]  # the cluster is still up
