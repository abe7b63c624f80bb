"""Quotes, figures and time references on the two seed articles (issue 3, "On the seeds").

Read at run time from ../shared and skipped with a message when it is absent. No seed
text is copied here: quotes are compared between the two articles, not to a literal.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from pathlib import Path

import pytest

from storylens.eval.data import MissingDataError, shared_dir
from storylens.model import Article
from storylens.pipeline import analyze

try:
    SEEDS = shared_dir("corpus/seeds") / "corpus" / "seeds"
except MissingDataError as exc:
    pytest.skip(str(exc), allow_module_level=True)


@pytest.fixture(scope="module")
def seeds() -> dict[str, Article]:
    result = analyze([SEEDS], fetched_at=datetime.now(timezone.utc))
    articles, skipped = result.articles, result.skipped
    assert skipped == []
    return {Path(a.source).name.split("_")[0]: a for a in articles}


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]+", text.lower()))


def test_the_same_post_is_quoted_in_both_with_trump_as_speaker(seeds):
    def trump_posts(article: Article):
        return [q for q in article.quotes if q.speaker_entity == "person:donald trump"
                and q.medium == "social media post" and q.kind in ("direct", "partial")]

    agency, paper = trump_posts(seeds["003"]), trump_posts(seeds["000"])
    assert agency and paper
    # Some quoted passage of the post appears in both outlets (large word overlap).
    best = max(len(_words(a.text) & _words(p.text)) / len(_words(p.text)) for a in agency for p in paper)
    assert best > 0.8


def test_money_figures_agree_and_the_range_is_a_range(seeds):
    for key in ("000", "003"):
        money = [f for f in seeds[key].figures if f.currency == "USD" and f.value == 1e11]
        assert money and all(f.bound == ">=" for f in money)
    ranges = [f for f in seeds["000"].figures if f.low == 800 and f.high == 1000]
    assert ranges and ranges[0].value is None


def test_saturday_in_the_dated_article_and_an_open_year_in_the_undated_one(seeds):
    agency, paper = seeds["003"], seeds["000"]
    assert agency.published is not None and agency.published.date().isoformat() == "2026-01-09"
    saturdays = [t for t in agency.time_refs if "saturday" in t.text.lower()]
    assert saturdays and all(t.value == "2026-01-03" and t.anchor == "2026-01-09" for t in saturdays)
    assert paper.published is None
    raid = [t for t in paper.time_refs if t.value.endswith("-01-03")]
    assert raid and all(t.value.startswith("XXXX") and t.anchor is None for t in raid)


def test_every_span_indexes_the_text(seeds):
    for article in seeds.values():
        for item in [*article.quotes, *article.figures, *article.time_refs]:
            assert article.text[item.start:item.end] == item.text
        for entity in article.entities:
            for mention in entity.mentions:
                assert 0 <= mention.start < mention.end <= len(article.text)
