"""dedupe: exact and near-duplicate articles, and agency-copy (syndication) groups.

``find_copies(articles)`` sets ``Article.duplicate_of`` and ``Article.syndication_group``
and returns a ``CopyReport``. Downstream, the articles of one syndication group count as
one independent source (an article outside any group is its own source).
"""

from __future__ import annotations

from .copies import (
    CopyLink,
    CopyReport,
    DedupeSettings,
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
    "DedupeSettings",
]
