"""Link a story's entities across its articles.

Entity keys are computed the same way in every article, so "Renée Duchâtel" and "Renee
Duchatel" already share a key. What one article cannot know is that its bare surname
("Duchâtel said ...", key ``person:duchatel``) is the person another article names in
full (``person:renee duchatel``). Within one story, a one-word person key links to the
full-name key whose last name it is, when exactly one such person is named in the story.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from storylens.model import Article

__all__ = ["link_entities", "with_linked_keys"]


def _name_of(key: str) -> str:
    return key.split(":", 1)[1] if ":" in key else key


def link_entities(articles: Sequence[Article]) -> dict[str, str]:
    """``{surname-only key: full-name key}`` for the story's people (unambiguous only)."""
    people = {e.key for a in articles for e in a.entities if e.kind == "person"}
    full = [k for k in people if " " in _name_of(k)]
    links: dict[str, str] = {}
    for key in people:
        name = _name_of(key)
        if " " in name:
            continue
        owners = [k for k in full if _name_of(k).rsplit(" ", 1)[-1] == name]
        if len(owners) == 1:
            links[key] = owners[0]
    return links


def with_linked_keys(article: Article, links: dict[str, str]) -> Article:
    """A copy of the article whose entity keys and quote speakers use the linked keys
    (the article itself is left as extracted)."""
    if not links:
        return article
    entities = [dataclasses.replace(e, key=links.get(e.key, e.key)) for e in article.entities]
    quotes = [dataclasses.replace(q, speaker_entity=links.get(q.speaker_entity or "", q.speaker_entity))
              for q in article.quotes]
    return dataclasses.replace(article, entities=entities, quotes=quotes)
