"""The story page's compare and brief sections: :func:`comparison_view` of the shared
presentation layer (:mod:`storylens.report.present`), with display names drawn from the
story and its articles. The report and the web page arrange a story the same way; only
the links differ (the web page opens each citation at its span)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..model import Article, Comparison, Story
from ..report.present import Names, outlet_label
from ..report.present import comparison_view as _comparison_view

__all__ = ["outlet_label", "comparison_view", "story_names"]


def story_names(story: Story | None, comparison: Comparison | None, members: Sequence[Article]) -> Names:
    """Display names for the story's entity keys (its articles here are light: no entities,
    so the story's entities, quote speakers and the comparison's speaker names count)."""
    return Names.for_story(comparison, members, story)


def comparison_view(comparison: Comparison | None, members: list[Article],
                    story: Story | None = None) -> dict[str, Any] | None:
    """The compare and brief sections of a story page (``comparison``: its citations
    linked, ``views.StoryView.comparison``), or None when they have not run."""
    if comparison is None:
        return None
    return _comparison_view(comparison, members, story_names(story, comparison, members))
