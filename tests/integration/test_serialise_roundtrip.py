"""The one serialiser (storylens.serialise) reads back every story it writes: on the
examples' and the seeds' reports, story dict -> Story (with its Comparison) -> dict is
the same JSON, byte for byte, and the records read back are typed records, not dicts."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest

from storylens.compare.brief import Brief
from storylens.compare.quote_variants import QuoteGroup
from storylens.eval.data import MissingDataError, shared_dir
from storylens.model import Citation, Comparison, Fact, Story
from storylens.pipeline import analyze
from storylens.report import Report, report_to_dict
from storylens.serialise import comparison_from_dict, comparison_to_dict, story_from_dict, story_to_dict

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
NOW = datetime(2026, 3, 20, tzinfo=timezone.utc)


def _report_stories(folder: Path) -> list[dict[str, Any]]:
    result = analyze([folder], fetched_at=NOW)
    report = Report(articles=result.articles, skipped=result.skipped, stories=result.stories, generated_at=NOW,
                    inputs=[str(folder)])
    stories: list[dict[str, Any]] = json.loads(json.dumps(report_to_dict(report), ensure_ascii=False))["stories"]
    return stories


def _seeds() -> Path:
    try:
        return shared_dir("corpus/seeds") / "corpus" / "seeds"
    except MissingDataError as exc:
        pytest.skip(str(exc))


@pytest.mark.parametrize("corpus", ["examples", "seeds"])
def test_story_dicts_round_trip_through_the_records(corpus: str) -> None:
    stories = _report_stories(EXAMPLES if corpus == "examples" else _seeds())
    assert stories and all("facts" in s for s in stories)
    for data in stories:
        story = story_from_dict(data)
        assert isinstance(story, Story) and isinstance(story.comparison, Comparison)
        assert story.first_published is None or story.first_published.tzinfo is not None
        assert all(isinstance(f, Fact) and all(isinstance(c, Citation) for c in f.support)
                   for f in story.comparison.facts)
        assert all(isinstance(g, QuoteGroup) for g in story.comparison.quote_variants)
        assert isinstance(story.comparison.brief, Brief)
        assert json.dumps(story_to_dict(story), ensure_ascii=False) == json.dumps(data, ensure_ascii=False)
        sections = {k: v for k, v in data.items() if k in comparison_to_dict(Comparison())}
        assert comparison_to_dict(comparison_from_dict(sections)) == sections
