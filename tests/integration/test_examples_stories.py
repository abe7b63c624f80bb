"""The examples/ corpus: two stories as expected.json says, and the agency copies in one
syndication group (the Harbor Wire original, the Courier's extended copy and Kessel Valley
Today's trimmed copy; Meridian Press credits the agency but is its own story)."""

from __future__ import annotations

import json
import logging
from datetime import datetime, timezone
from pathlib import Path

import pytest

from storylens.cluster import cluster_articles
from storylens.dedupe import find_copies
from storylens.extract.nlp import load_nlp
from storylens.pipeline import analyze

EXAMPLES = Path(__file__).parents[2] / "examples"
EXPECTED = json.loads((EXAMPLES / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def corpus():
    # Cleaned articles only (no extraction: entities stay empty, as they would before the
    # extraction stage); clustering and copy detection are run here, on them.
    logging.disable(logging.ERROR)  # other stages' failures are not this test's subject
    try:
        articles = analyze([EXAMPLES], fetched_at=datetime(2026, 3, 20, tzinfo=timezone.utc), extract=False).articles
    finally:
        logging.disable(logging.NOTSET)
    by_key = {str(Path(a.source).relative_to(EXAMPLES)): a for a in articles}
    return articles, by_key


def test_two_events_are_two_stories(corpus):
    articles, by_key = corpus
    for a in articles:  # features must work whether or not extraction filled entities
        a.entities = []
    nlp = load_nlp()
    stories = cluster_articles(articles, list(nlp.pipe(a.text for a in articles)))
    assert len(stories) == 2
    got = {frozenset(k for k, a in by_key.items() if a.story_id == s.id) for s in stories}
    assert got == {frozenset(v) for v in EXPECTED["stories"].values()}
    for s in stories:
        first = min((by_key[k] for k in by_key if by_key[k].story_id == s.id and by_key[k].published),
                    key=lambda a: a.published)
        assert s.id == "story-" + first.id and s.title == first.headline
        assert s.entities


def test_agency_copies_share_a_syndication_group(corpus):
    articles, by_key = corpus
    report = find_copies(articles)
    (expected,) = EXPECTED["syndication_groups"]
    groups = {by_key[k].syndication_group for k in expected}
    assert len(groups) == 1 and None not in groups
    (group,) = report.groups
    assert sorted(group.members) == sorted(by_key[k].id for k in expected)
    assert group.agency == "Harbor Wire"
    assert group.original == by_key["feeds/harbor-wire.rss#entry-1"].id
    others = [a for k, a in by_key.items() if k not in expected]
    assert all(a.syndication_group is None for a in others)
    assert all(a.duplicate_of is None for a in articles)
