"""Group a batch of articles into stories: agency copies and duplicates first (dedupe),
then story clustering (cluster), then what a reader needs per story: its outlets, its
syndication groups, and how many independent sources it has.

Independent sources: articles of one syndication group count once; a duplicate counts
with what it duplicates; every other article counts once (an article whose outlet is
unknown is its own source).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .cluster import cluster_features
from .cluster.features import ArticleFeatures, text_features
from .dedupe import find_copies
from .model import Article

__all__ = ["group_into_stories", "independent_sources"]


def independent_sources(members: Sequence[Article]) -> int:
    """How many independent accounts the articles are (see the module docstring)."""
    sources = set()
    for article in members:
        sources.add(article.syndication_group or article.duplicate_of or article.id)
    return len(sources)


def group_into_stories(articles: Sequence[Article],
                       features: dict[str, ArticleFeatures] | None = None) -> list[dict[str, Any]]:
    """Set ``duplicate_of``, ``syndication_group`` and ``story_id`` on every article and
    return the stories (JSON-report layout, docs/json-schema.md), most covered first.

    ``features`` are the articles' clustering features from the NLP pass; an article
    without them gets features from the cheap tokenizer (``text_features``).
    """
    if not articles:
        return []
    copies = find_copies(articles)
    features = features or {}
    feats = [features.get(a.id) or text_features(a.id, a.headline, a.text, a.published) for a in articles]
    assignment, stories = cluster_features(feats)
    by_id = {a.id: a for a in articles}
    for article in articles:
        article.story_id = assignment[article.id]
    out = []
    for story in stories:
        members = [by_id[i] for i in story.articles]
        groups = {a.syndication_group for a in members if a.syndication_group}
        record = story.to_dict()
        record.pop("active", None)
        record["outlets"] = sorted({a.outlet for a in members if a.outlet})
        record["independent_sources"] = independent_sources(members)
        record["syndication_groups"] = [g.to_dict() for g in copies.groups if g.id in groups]
        out.append(record)
    out.sort(key=lambda s: (-s["independent_sources"], -len(s["articles"]), s["id"]))
    return out
