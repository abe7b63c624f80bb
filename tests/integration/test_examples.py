"""The bundled examples/ corpus gives what examples/expected.json says (stages so far: ingest, clean).

Later stages (stories, syndication groups, figures, quotes, time references) add their
assertions here as they land.
"""

import json
from datetime import datetime, timezone
from pathlib import Path

import pytest

from storylens.model import Article
from storylens.pipeline import analyze

EXAMPLES = Path(__file__).parents[2] / "examples"
EXPECTED = json.loads((EXAMPLES / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def analysis():
    result = analyze([EXAMPLES], fetched_at=datetime(2026, 3, 20, tzinfo=timezone.utc))
    articles, skipped = result.articles, result.skipped
    by_key = {str(Path(a.source).relative_to(EXAMPLES)): a for a in articles}
    skipped_by_key = {str(Path(s.source).relative_to(EXAMPLES)): s for s in skipped}
    return by_key, skipped_by_key


def test_every_expected_article_is_read_and_nothing_else(analysis):
    articles, _ = analysis
    assert sorted(articles) == sorted(EXPECTED["articles"])


def test_only_documentation_and_summary_only_entries_are_skipped(analysis):
    _, skipped = analysis
    for key, what in EXPECTED["skipped"].items():
        assert what == "summary-only" and "only a summary" in skipped[key].reason
    assert sorted(set(skipped) - set(EXPECTED["skipped"])) == ["README.md", "expected.json"]


@pytest.mark.parametrize("key", sorted(EXPECTED["articles"]))
def test_article_fields(analysis, key):
    article: Article = analysis[0][key]
    want = EXPECTED["articles"][key]
    assert article.outlet == want["outlet"]
    assert article.headline == want["headline"]
    if want["published"] is None:
        assert article.published is None
    else:
        assert article.published == datetime.fromisoformat(want["published"])
        assert article.published.utcoffset() == datetime.fromisoformat(want["published"]).utcoffset()
    assert article.genre == want["genre"]  # the blog's is stated by its sidecar
    assert article.dateline == want["dateline"]
    assert article.credits == want["credits"]
    assert article.hashtags == want["hashtags"]
    assert bool(article.feed_notice) == want["feed_notice"]
    assert article.text.startswith(want["body_starts_with"])
    assert article.text.endswith(want["body_ends_with"])
    for furniture in want["body_must_not_contain"]:
        assert furniture not in article.text


def test_accented_and_unaccented_names_get_one_entity_key(analysis):
    articles, _ = analysis
    keys: dict[str, set[str]] = {}
    for article in articles.values():
        for entity in article.entities:
            for mention in entity.mentions:
                keys.setdefault(article.text[mention.start:mention.end], set()).add(entity.key)
    for group in EXPECTED["name_variants"]:
        full_names = [n for n in group if " " in n and not n.startswith("Governor ") and n in keys]
        assert len(full_names) >= 2, group
        assert len(set.union(*(keys[n] for n in full_names))) == 1, {n: keys[n] for n in full_names}
