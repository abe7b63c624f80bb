"""dedupe: exact and near-duplicate articles, and agency-copy (syndication) groups.

``find_copies(articles)`` sets ``Article.duplicate_of`` and ``Article.syndication_group``
and returns a ``CopyReport``. Downstream, the articles of one syndication group count as
one independent source (an article outside any group is its own source).
"""

from __future__ import annotations

from .copies import (
    COPY_CONTAINMENT_ALONE,
    COPY_CONTAINMENT_WITH_SIGNAL,
    NEAR_DUPLICATE_JACCARD,
    CopyLink,
    CopyReport,
    Duplicate,
    SyndicationGroup,
    find_copies,
)

__all__ = [
    "find_copies",
    "CopyReport",
    "SyndicationGroup",
    "CopyLink",
    "Duplicate",
    "NEAR_DUPLICATE_JACCARD",
    "COPY_CONTAINMENT_WITH_SIGNAL",
    "COPY_CONTAINMENT_ALONE",
]
