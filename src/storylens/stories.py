"""Group a batch of articles into stories: agency copies and duplicates first (dedupe),
then story clustering (cluster), then what a reader needs per story: its outlets, its
syndication groups, and how many independent sources it has.

Independent sources: articles of one syndication group count once; a duplicate counts
with what it duplicates; the other articles of one outlet count once (a newsroom's
follow-up repeating its own earlier report is no second source: "what only one outlet
says" is single-source); an article whose outlet is unknown is its own source.

``regroup_store`` does the grouping step of ``ingest``: the new articles together with
the stored stories they can still join.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import TYPE_CHECKING

from .cluster import BatchConfig, cluster_features
from .cluster.features import ArticleFeatures, fresh_days, named_dates, text_features
from .dedupe import DedupeSettings, find_copies
from .model import Article, Story

if TYPE_CHECKING:
    from .store import Store

__all__ = ["group_into_stories", "independent_sources", "regroup_store", "Regrouped", "same_source"]


def independent_sources(members: Sequence[Article]) -> int:
    """How many independent accounts the articles are (see the module docstring)."""
    if len(members) < 2:  # (most calls: a statement no other article shares)
        return len(members)
    by_id = {a.id: a for a in members}

    def source(article: Article) -> str:
        if article.syndication_group:
            return "group:" + article.syndication_group
        if article.duplicate_of:  # with what it duplicates (the first of its copies, never a copy itself)
            original = by_id.get(article.duplicate_of)
            return source(original) if original is not None and not original.duplicate_of \
                else "article:" + article.duplicate_of
        return "outlet:" + article.outlet.casefold() if article.outlet else "article:" + article.id

    return len({source(a) for a in members})


def same_source(a: Article, b: Article) -> bool:
    """Whether two articles are one source (see the module docstring): one syndication
    group, one a duplicate of the other (or both of a third), or one outlet; the same
    article."""
    if a.id == b.id or (a.syndication_group is not None and a.syndication_group == b.syndication_group):
        return True
    if a.duplicate_of == b.id or b.duplicate_of == a.id or (a.duplicate_of is not None
                                                              and a.duplicate_of == b.duplicate_of):
        return True
    return bool(a.outlet and b.outlet and a.outlet.casefold() == b.outlet.casefold())


def group_into_stories(articles: Sequence[Article], features: dict[str, ArticleFeatures] | None = None,
                       config: BatchConfig | None = None,
                       dedupe: DedupeSettings | None = None) -> list[Story]:
    """Set ``duplicate_of``, ``syndication_group`` and ``story_id`` on every article and
    return the stories (not compared yet), most covered first.

    ``features`` are the articles' clustering features from the NLP pass; an article
    without them gets features from the cheap tokenizer (``text_features``), and features
    without the days the text names (stored ones) get them read. ``config``
    and ``dedupe``: the clustering and copy-detection settings (``Settings.cluster`` and
    ``Settings.dedupe``; default: the defaults).
    """
    if not articles:
        return []
    copies = find_copies(articles, dedupe)
    features = features or {}
    feats = [_with_dates(features.get(a.id), a) or text_features(a.id, a.headline, a.text, a.published, outlet=a.outlet)
             for a in articles]
    assignment, clusters = cluster_features(feats, config)
    by_id = {a.id: a for a in articles}
    for article in articles:
        article.story_id = assignment[article.id]
    out = []
    for cluster in clusters:
        members = [by_id[i] for i in cluster.articles]
        groups = {a.syndication_group for a in members if a.syndication_group}
        out.append(Story(cluster.id, cluster.lead, cluster.title, list(cluster.articles), list(cluster.entities),
                         cluster.first_published, cluster.last_published,
                         outlets=sorted({a.outlet for a in members if a.outlet}),
                         independent_sources=independent_sources(members),
                         syndication_groups=[g for g in copies.groups if g.id in groups]))
    out.sort(key=lambda s: (-s.independent_sources, -len(s.articles), s.id))
    return out


def _with_dates(features: ArticleFeatures | None, article: Article) -> ArticleFeatures | None:
    """Features that lack the days the text names or the days a first report says its
    event happened (stored without them) get them from the article."""
    if features is None:
        return features
    if features.named_dates is None:
        features = replace(features, named_dates=named_dates(article.text, article.published))
    if features.fresh_days is None:
        features = replace(features, fresh_days=fresh_days(article))
    return features


@dataclass
class Regrouped:
    """What ``regroup_store`` did: the ``articles`` it read and grouped, the ``stories``
    they now form (saved), those whose members differ from the stored comparison's
    (``changed``: to compare again), and the stories that no longer exist (``gone``:
    their comparisons were deleted)."""

    articles: list[Article]
    stories: list[Story]
    changed: list[Story]
    gone: set[str]


def regroup_store(store: "Store", window: timedelta | None, config: BatchConfig | None = None,
                  dedupe: DedupeSettings | None = None) -> Regrouped:
    """Group the store's new articles (those without a story) together with the stored
    stories they can still join, and save the result in place of those stories.

    A story whose newest article is more than ``window`` older than the new articles is
    closed and left as it is (the clusterer would have retired it); ``window=None``
    regroups every stored article (what ``ingest`` did before, kept for the benchmark).
    The work grows with the new articles and the open stories, not with the store."""
    ids = store.open_story_article_ids(window)
    if not ids:
        return Regrouped([], [], [], set())
    articles = store.get_articles(ids)
    regrouped = {a.story_id for a in articles if a.story_id}
    compared_before = store.story_members(regrouped)
    stories = group_into_stories(articles, store.get_features(articles), config, dedupe)
    links = {a.id: {"story_id": a.story_id, "duplicate_of": a.duplicate_of, "syndication_group": a.syndication_group}
             for a in articles}
    store.replace_stories(stories, links, replacing=regrouped)
    gone = set(compared_before) - {s.id for s in stories}
    store.delete_comparisons(gone)
    changed = [s for s in stories if compared_before.get(s.id) != frozenset(s.articles)]
    return Regrouped(articles, stories, changed, gone)
