"""docs/json-schema.md and report_to_dict must describe the same fields, both ways."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from storylens.model import Article, Entity, Figure, Quote, RemovedLine, Skipped, Span, TimeRef
from storylens.report import Report, report_to_dict
from storylens.compare import compare_stories
from storylens.stories import group_into_stories

DOC = Path(__file__).resolve().parents[3] / "docs" / "json-schema.md"
SECTIONS = ("top", "counts", "article", "removed", "skipped", "entity", "span", "quote", "figure", "time_ref",
            "story", "story_entity", "syndication_group", "fact", "brief")
#: Documented record tables whose keys the fixture cannot produce without a full NLP pass;
#: they are checked to exist (and by tests/integration on real output).
DOCUMENTED_ONLY = ("conflict", "quote_group", "framing_cue", "timeline_event")


def _documented_tables(doc: str) -> dict[str, list[str]]:
    """Field names (first-column code spans) of the table after each ``<!-- schema:X -->``."""
    tables: dict[str, list[str]] = {}
    for match in re.finditer(r"<!-- schema:(\w+) -->\n((?:\|.*\n)+)", doc):
        fields = []
        for row in match.group(2).splitlines()[2:]:  # skip header and |---| rule
            first_cell = row.split("|")[1].strip()
            code = re.fullmatch(r"`([^`]+)`", first_cell)
            assert code, f"schema:{match.group(1)}: first cell {first_cell!r} is not a `field`"
            fields.append(code.group(1))
        tables[match.group(1)] = fields
    return tables


def _example(doc: str) -> dict[str, Any]:
    match = re.search(r"<!-- schema:example -->\n```json\n(.*?)\n```", doc, re.S)
    assert match, "docs/json-schema.md lost its ```json example after <!-- schema:example -->"
    return json.loads(match.group(1))


def _keys_by_section(d: dict[str, Any]) -> dict[str, set[str]]:
    return {
        "top": set(d),
        "counts": set(d["counts"]),
        "article": set(d["articles"][0]),
        "removed": set(d["articles"][0]["removed"][0]),
        "skipped": set(d["skipped"][0]),
        "entity": set(d["articles"][0]["entities"][0]) if d["articles"][0]["entities"] else set(),
        "span": set(d["articles"][0]["entities"][0]["mentions"][0]) if d["articles"][0]["entities"] else set(),
        "quote": set(d["articles"][0]["quotes"][0]) if d["articles"][0]["quotes"] else set(),
        "figure": set(d["articles"][0]["figures"][0]) if d["articles"][0]["figures"] else set(),
        "time_ref": set(d["articles"][0]["time_refs"][0]) if d["articles"][0]["time_refs"] else set(),
        "story": set(d["stories"][0]),
        "story_entity": set(d["stories"][0]["entities"][0]),
        "syndication_group": set(d["stories"][0]["syndication_groups"][0]),
        "fact": set(d["stories"][0]["facts"][0]),
        "brief": set(d["stories"][0]["brief"]),
    }


def _agency_story() -> tuple[Article, Article]:
    """A wire story and an outlet's copy of it with a local paragraph added."""
    body = ("The regional water authority opened all six spillways of the Orsa dam early on Friday after the lake "
            "rose above its highest recorded level. Engineers said the release was controlled and that about 2,300 "
            "residents downstream had been told to move to higher ground before noon. Schools in three villages will "
            "stay closed until Monday, the authority said, and buses will run to shelters in Vellmar every hour.")
    local = "In Vellmar the council opened the sports hall to families from the valley."
    when = datetime(2024, 4, 3, 8, 0, tzinfo=timezone.utc)
    wire = Article(id="aaaa000000000001", source="wire.txt", text=body, paragraphs=[body], outlet="Harbor Wire",
                   byline="Harbor Wire", headline="Orsa dam opens spillways", published=when)
    copy = Article(id="bbbb000000000002", source="paper.txt", text=body + "\n\n" + local, paragraphs=[body, local],
                   outlet="Vellmar Courier", byline="Harbor Wire", headline="Spillways opened at Orsa",
                   feed_notice="Auto-published from an agency feed without modification.",
                   published=when + timedelta(hours=1))
    return wire, copy


def _compared(articles: list[Article]) -> list[dict[str, Any]]:
    stories = group_into_stories(articles)
    assert compare_stories(articles, stories) == {}
    return stories


@pytest.fixture(scope="module")
def doc() -> str:
    return DOC.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def produced() -> dict[str, set[str]]:
    text = "First paragraph of a fictional story.\n\nSecond paragraph."
    article = Article(
        id="0123456789abcdef",
        source="fixtures/story.html",
        text=text,
        paragraphs=text.split("\n\n"),
        url="https://paper.example/story",
        outlet="The Example Paper",
        headline="A fictional headline",
        byline="By A. Writer",
        published=datetime(2024, 3, 1, 8, 0, tzinfo=timezone(timedelta(hours=1))),
        updated=datetime(2024, 3, 1, 9, 0, tzinfo=timezone.utc),
        dateline="PORT ALDER",
        language="en",
        credits=["Harbor Wire"],
        hashtags=["#example"],
        feed_notice="Published unedited from an agency feed.",
        removed=[RemovedLine("Share this story", "share buttons", 2)],
        inferred={"published": "visible date line"},
        explicit={"outlet": "sidecar story.meta.json"},
        entities=[Entity("person:a writer", "A. Writer", "person", ["Writer"], [Span(0, 5)])],
        quotes=[Quote("Second paragraph", 39, 55, "direct", speaker="A. Writer", speaker_entity="person:a writer")],
        figures=[Figure("First", 0, 5, value=1.0)],
        time_refs=[TimeRef("paragraph", 46, 55, "PRESENT_REF", "ref", None)],
    )
    wire, copy = _agency_story()
    report = Report(
        articles=[article, wire, copy],
        skipped=[Skipped("fixtures/bad.bin", "not a text or HTML file")],
        stories=_compared([wire, copy]),
        generated_at=datetime(2024, 3, 2, 12, 0, tzinfo=timezone.utc),
        inputs=["fixtures/"],
    )
    return _keys_by_section(report_to_dict(report))


def test_every_section_has_a_marked_table(doc: str) -> None:
    tables = _documented_tables(doc)
    assert set(SECTIONS) | set(DOCUMENTED_ONLY) <= set(tables)
    for name in SECTIONS:
        assert len(tables[name]) == len(set(tables[name])), f"schema:{name} documents a field twice"


@pytest.mark.parametrize("section", SECTIONS)
def test_documented_fields_match_output(doc: str, produced: dict[str, set[str]], section: str) -> None:
    documented = set(_documented_tables(doc)[section])
    undocumented = produced[section] - documented
    missing = documented - produced[section]
    assert not undocumented, f"{section}: produced but not in docs/json-schema.md: {sorted(undocumented)}"
    assert not missing, f"{section}: documented but not produced: {sorted(missing)}"


def test_top_level_table_is_in_output_order(doc: str) -> None:
    report = Report([], [], [], datetime(2024, 1, 1, tzinfo=timezone.utc), [])
    assert _documented_tables(doc)["top"] == list(report_to_dict(report))


def test_example_has_exactly_the_produced_fields(doc: str, produced: dict[str, set[str]]) -> None:
    example = _example(doc)
    example_keys = _keys_by_section(example)
    # The example article has no time reference; every other section must match exactly.
    assert example_keys.pop("time_ref") == set()
    assert example_keys == {k: v for k, v in produced.items() if k != "time_ref"}
    # The example is loadable as a real article too.
    assert Article.from_dict(example["articles"][0]).paragraphs


def test_later_stage_fields_are_marked(doc: str) -> None:
    for name in ("story_id", "duplicate_of", "syndication_group", "stories", "entities", "quotes"):
        row = re.search(rf"^\| `{name}` \|.*$", doc, re.M)
        assert row and "added later" in row.group(0), f"{name} must say it is filled later"
