"""cluster: story clustering over lemmas, entity keys and time.

``cluster_features(features)`` groups a batch (``analyze``, the grouping step of
``ingest``) with the order-free batch clusterer (``batch``: average-link agglomeration
with a cohesion bar and time decay); ``StoryClusterer(config).add(features) -> story
id`` (``online``) places one article at a time with bounded work per article, for
streams. ``cluster_articles(articles, docs)`` runs a batch and sets
``Article.story_id``. ``storylens.eval.ecbplus`` says how the settings were chosen.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from ..model import Article
from .batch import BatchConfig, batch_cluster
from .features import ArticleFeatures, article_features, text_features
from .metrics import cluster_scores
from .online import Cluster, ClusterConfig, StoryClusterer, StoryEntity

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = [
    "ArticleFeatures",
    "article_features",
    "text_features",
    "BatchConfig",
    "batch_cluster",
    "ClusterConfig",
    "Cluster",
    "StoryEntity",
    "StoryClusterer",
    "cluster_features",
    "cluster_articles",
    "cluster_scores",
]

log = logging.getLogger(__name__)

_FAR = datetime.max.replace(tzinfo=timezone.utc)


def _time_key(published: datetime | None, id: str) -> tuple[bool, datetime, str]:
    if published is not None and published.tzinfo is None:
        published = published.replace(tzinfo=timezone.utc)
    return (published is None, published or _FAR, id)


def cluster_features(features: Sequence[ArticleFeatures], config: BatchConfig | ClusterConfig | None = None,
                     *, prime: bool = True) -> tuple[dict[str, str], list[Cluster]]:
    """Group a batch into stories; returns ``{article id: story id}`` and the stories.

    By default (or with a ``BatchConfig``) the batch clusterer (``batch``): the same
    stories and ids for any order of ``features``. With a ``ClusterConfig``, the online
    clusterer fed in time order (undated last, then id), its IDF primed from the batch
    when ``prime`` (kept to compare the two and for ``bench/cluster.py``)."""
    if not isinstance(config, ClusterConfig):
        return batch_cluster(features, config)
    clusterer = StoryClusterer(config)
    ordered = sorted(features, key=lambda f: _time_key(f.published, f.id))
    if prime:
        clusterer.prime(ordered)
    for f in ordered:
        clusterer.add(f)
    stories = clusterer.stories()
    return {a: s.id for s in stories for a in s.articles}, stories


def cluster_articles(articles: Sequence[Article], docs: Sequence["Doc"],
                     config: ClusterConfig | None = None) -> list[Cluster]:
    """Group a batch of articles into stories (``docs[i]`` is the spaCy Doc of
    ``articles[i].text``); sets ``story_id`` on each article and returns the stories."""
    if len(articles) != len(docs):
        raise ValueError(f"{len(articles)} articles but {len(docs)} parsed documents")
    features = [article_features(a, d) for a, d in zip(articles, docs)]
    assignment, stories = cluster_features(features, config)
    for a in articles:
        a.story_id = assignment[a.id]
    log.debug("clustered %d articles into %d stories", len(articles), len(stories))
    return stories
