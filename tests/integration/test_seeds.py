"""What the foundation issue requires on the two reference articles in ../shared/corpus/seeds.

Skipped with a message on a checkout without ../shared (a user's machine).
"""

from datetime import datetime, timezone
from pathlib import Path

import pytest

from storylens.eval.data import MissingDataError, shared_dir
from storylens.pipeline import analyze

try:
    SEEDS = shared_dir("corpus/seeds") / "corpus" / "seeds"
except MissingDataError as exc:
    pytest.skip(str(exc), allow_module_level=True)


@pytest.fixture(scope="module")
def seeds():
    result = analyze([SEEDS], fetched_at=datetime.now(timezone.utc))
    articles, skipped = result.articles, result.skipped
    assert skipped == []
    return {Path(a.source).name.split("_")[0]: a for a in articles}


def _lines(article):
    return [line.strip() for line in Path(article.source).read_text(encoding="utf-8").splitlines() if line.strip()]


def test_agency_feed_page(seeds):
    a = seeds["003"]
    lines = _lines(a)
    assert a.outlet == "ANI"
    assert a.headline and a.headline not in a.text
    assert a.published.date().isoformat() == "2026-01-09"
    assert a.published.utcoffset().total_seconds() == 5.5 * 3600
    assert a.updated is not None and a.updated > a.published
    assert a.dateline.startswith("Washington DC")
    assert not a.text.startswith("Washington DC")
    assert a.feed_notice and "agency feed" in a.feed_notice
    removed = " | ".join(f"{r.text} => {r.reason}" for r in a.removed)
    teaser = next(line for line in lines if line.endswith("..."))
    for gone in ("By ANI", "Open in app", "Disclaimer:", teaser):
        assert gone in removed
        assert gone not in a.text
    assert sum(1 for r in a.removed if r.text == a.headline) == 2
    assert "published" in a.inferred and "earliest" in a.inferred["published"]


def test_newspaper_page(seeds):
    a = seeds["000"]
    lines = _lines(a)
    assert a.outlet is None
    assert a.paragraphs[0] == lines[0]
    assert a.credits == ["Reuters", "Agence France-Presse"]
    assert a.hashtags and all(h.startswith("#") for h in a.hashtags)
    assert len({h.casefold() for h in a.hashtags}) == len(a.hashtags)
    assert "#" not in a.text.splitlines()[-1]
    assert "contributed to this report" not in a.text
    reasons = {r.reason for r in a.removed}
    assert "credit line (kept in credits)" in reasons and "hashtag line (kept in hashtags)" in reasons
    # Nothing but the credit and hashtag lines is removed: every paragraph is kept.
    assert a.paragraphs == lines[:-2]
