"""A story's updated articles arranged for a reader: the members that were fetched again
with changed text (``updated_articles`` of a stored story, ``store.versions``), in the
story's member order, with when each was updated in one readable form. The terminal
(``storylens show``) and the story page show the same list."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import timezone
from typing import Any

from ...store.listing import parse_time

__all__ = ["updated_articles", "updated_when"]


def updated_when(value: object) -> str:
    """A stored update time as 'YYYY-MM-DD HH:MM UTC'; the value as it is when unreadable."""
    parsed = parse_time(value) if isinstance(value, str) else None
    if parsed is None:
        return "" if value is None else str(value)
    return parsed.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def updated_articles(story: Mapping[str, Any], labels: Mapping[str, str],
                     url: Callable[[str], str] | None = None) -> list[dict[str, Any]]:
    """One entry per updated member: ``id``, ``label`` (its outlet, from ``labels``),
    ``versions``, ``previous`` (the older versions, oldest first: ``id`` and, with
    ``url``, the ``href`` of their page), ``updated_at`` (as stored) and ``when``
    (readable). Empty for a story none of whose articles was updated (every analysed
    report: only a store keeps versions)."""
    found = story.get("updated_articles") or {}
    out = []
    for article_id in story.get("articles") or []:
        info = found.get(article_id)
        if not isinstance(info, Mapping):
            continue
        previous = [{"id": str(p), "href": url(str(p)) if url else None} for p in info.get("previous") or []]
        out.append({"id": article_id, "label": labels.get(article_id, article_id),
                    "versions": info.get("versions", len(previous) + 1), "previous": previous,
                    "updated_at": info.get("updated_at"), "when": updated_when(info.get("updated_at"))})
    return out
