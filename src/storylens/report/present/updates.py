"""A story's updated articles arranged for a reader: the members that were fetched again
with changed text (``StoredStory.updated_articles``, ``store.versions``), in the
story's member order, with when each was updated in one readable form. The terminal
(``storylens show``) and the story page show the same list."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import timezone
from typing import Any

from ...model import StoredStory, Story
from ...store.listing import parse_time

__all__ = ["updated_articles", "updated_when"]


def updated_when(value: object) -> str:
    """A stored update time as 'YYYY-MM-DD HH:MM UTC'; the value as it is when unreadable."""
    parsed = parse_time(value) if isinstance(value, str) else None
    if parsed is None:
        return "" if value is None else str(value)
    return parsed.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def updated_articles(story: Story, labels: Mapping[str, str],
                     url: Callable[[str], str] | None = None) -> list[dict[str, Any]]:
    """One entry per updated member (``StoredStory.updated_articles``): ``id``, ``label``
    (its outlet, from ``labels``), ``versions``, ``previous`` (the older versions, oldest
    first: ``id`` and, with ``url``, the ``href`` of their page), ``updated_at`` (as
    stored) and ``when`` (readable). Empty for a story none of whose articles was updated
    (every analysed report's: only a store keeps versions)."""
    found = story.updated_articles if isinstance(story, StoredStory) else {}
    out = []
    for article_id in story.articles:
        info = found.get(article_id)
        if info is None:
            continue
        previous = [{"id": p, "href": url(p) if url else None} for p in info.previous]
        out.append({"id": article_id, "label": labels.get(article_id, article_id),
                    "versions": info.versions, "previous": previous,
                    "updated_at": info.updated_at, "when": updated_when(info.updated_at)})
    return out
