"""Settings: defaults < file < environment < command line, every setting documented,
bad names and values refused with a message that names them."""

import json
import re
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from storylens.cli import main
from storylens.config import Settings, SettingsError, describe, load_settings

DOCS = Path(__file__).parents[3] / "docs" / "settings.md"


def test_each_source_overrides_the_one_before(tmp_path):
    config = tmp_path / "storylens.toml"
    config.write_text('[cluster]\nthreshold = 0.2\nwindow = "10d"\n[pipeline]\nchunk_size = 8\n')
    loaded = load_settings(config, environ={"STORYLENS_CLUSTER__THRESHOLD": "0.25", "STORYLENS_SHARED": "/x"},
                           overrides={"pipeline.chunk_size": "4"})
    s = loaded.settings
    assert (s.cluster.threshold, s.cluster.window, s.pipeline.chunk_size) == (0.25, timedelta(days=10), 4)
    assert loaded.origins["cluster.threshold"] == "environment STORYLENS_CLUSTER__THRESHOLD"
    assert loaded.origins["cluster.window"] == f"file {config}"
    assert loaded.origins["pipeline.chunk_size"] == "command line"
    assert s.cluster.entity_share == Settings().cluster.entity_share  # untouched: the default


def test_config_file_from_the_environment(tmp_path):
    config = tmp_path / "s.toml"
    config.write_text("[pipeline]\nprocesses = 2\n")
    assert load_settings(environ={"STORYLENS_CONFIG": str(config)}).settings.pipeline.processes == 2


@pytest.mark.parametrize("overrides, message", [
    ({"cluster.nope": "1"}, "no setting cluster.nope"),
    ({"nosection.x": "1"}, "no settings section 'nosection'"),
    ({"cluster.threshold": "high"}, "cluster.threshold from command line: 'high' is not a number"),
    ({"pipeline.processes": "1.5"}, "is not a whole number"),
    ({"cluster.binary_tf": "maybe"}, "is not true or false"),
    ({"threshold": "1"}, "should be SECTION.NAME"),
])
def test_bad_settings_are_refused_with_their_name(overrides, message):
    with pytest.raises(SettingsError, match=re.escape(message)):
        load_settings(environ={}, overrides=overrides)


def test_a_broken_file_is_named(tmp_path):
    config = tmp_path / "bad.toml"
    config.write_text("[cluster\nthreshold = ")
    with pytest.raises(SettingsError, match="bad.toml is not valid TOML"):
        load_settings(config, environ={})
    with pytest.raises(SettingsError, match="cannot read the settings file"):
        load_settings(tmp_path / "absent.toml", environ={})


def test_every_setting_is_documented_and_every_documented_setting_exists():
    rows = describe(load_settings(environ={}))
    documented = dict(re.findall(r"^\| `([a-z_]+\.[a-z_]+)` \| ([^|]+) \|", DOCS.read_text(), re.M))
    assert set(documented) == {key for key, _, _ in rows}
    for key, value, _ in rows:
        assert documented[key].strip() == value, f"docs/settings.md gives {key} the default {documented[key]!r}"


def test_storylens_config_prints_values_and_where_they_came_from(tmp_path):
    result = CliRunner().invoke(main, ["--set", "cluster.threshold=0.3", "config", "--json"],
                                env={"STORYLENS_CLUSTER__WINDOW": "3d"}, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    shown = json.loads(result.output)
    assert shown["cluster.threshold"] == {"value": "0.3", "origin": "command line"}
    assert shown["cluster.window"] == {"value": "3d", "origin": "environment STORYLENS_CLUSTER__WINDOW"}
    assert shown["pipeline.chunk_size"]["origin"] == "default"
    refused = CliRunner().invoke(main, ["config", "--set", "cluster.threshold=x"])
    assert refused.exit_code == 2 and "cluster.threshold" in refused.output


def test_the_pipeline_reads_its_settings(tmp_path):
    """A threshold no pair of articles reaches (and no same-day join by a rare name) leaves
    every article its own story."""
    examples = Path(__file__).parents[3] / "examples" / "pages"
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["analyze", str(examples), "--out", str(out), "--format", "json", "-q",
                                       "--set", "cluster.threshold=1.5", "--set", "cluster.sameday_days=-1"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    report = json.loads((out / "report.json").read_text())
    assert len(report["stories"]) == len(report["articles"]) > 2


def test_the_comparison_reads_its_settings(tmp_path):
    """The compare section reaches every story's comparison through the CLI: a one-sentence
    brief, and no fact shared by two articles when no pair can reach the threshold (and
    who-is-who facts are off)."""
    examples = Path(__file__).parents[3] / "examples"

    def stories(*assignments: str) -> list[dict]:  # type: ignore[type-arg]
        out = tmp_path / "-".join(assignments or ("defaults",))
        args = ["analyze", str(examples), "--out", str(out), "--format", "json", "-q"]
        for assignment in assignments:
            args += ["--set", assignment]
        result = CliRunner().invoke(main, args, catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return json.loads((out / "report.json").read_text())["stories"]

    def corroborated(story: dict) -> int:  # type: ignore[type-arg]
        return sum(f["status"] == "corroborated" for f in story["facts"])

    default = stories()
    assert max(len(s["brief"]["summary"]) for s in default) > 1 and any(corroborated(s) for s in default)
    one_line = stories("compare.brief_max_sentences=1")
    assert max(len(s["brief"]["summary"]) for s in one_line) == 1
    apart = stories("compare.brief_max_sentences=1", "compare.align_threshold=99", "compare.person_facts=false")
    assert not any(corroborated(s) for s in apart)
    # nothing agreed: no summary, one line of what one outlet says
    assert all(s["brief"]["summary"] == [] and len(s["brief"]["single_source"]) == 1 for s in apart)


def test_the_extraction_reads_its_settings_in_the_worker(tmp_path):
    """The extract section travels in each chunk to the worker process: a word minimum no
    quoted passage reaches leaves only the quotes a speech verb introduces."""
    from datetime import datetime, timezone

    from storylens.extract.settings import ExtractSettings
    from storylens.model import RawDocument
    from storylens.pipeline import Chunk, process_documents
    from storylens.runners import ProcessPoolRunner

    text = ('The council met on Monday. "This is a long passage that nobody introduces at all." '
            'Later the mayor said: "We will build the bridge." The meeting ended.')
    document = RawDocument(source="a.txt", data=text.encode(), kind="plain",
                           fetched_at=datetime(2026, 3, 10, tzinfo=timezone.utc))

    def quotes(extract: ExtractSettings) -> list[str]:
        chunk = Chunk([document], extract_settings=extract)
        (done,) = list(ProcessPoolRunner(2).map(process_documents, [chunk]))  # the settings cross into it
        return [q.text for q in done.articles[0].quotes]

    assert any("nobody introduces" in q for q in quotes(ExtractSettings()))
    tuned = quotes(ExtractSettings(quote_orphan_min_words=50))
    assert not any("nobody introduces" in q for q in tuned) and any("bridge" in q for q in tuned)
