"""Hashtags for a story, built from the entities its articles name.

One tag per entity key (people, organisations, places): the longest name any article
gives it, accents folded ("María Corina Machado" -> ``#MariaCorinaMachado``), words
joined in CamelCase with their own capitals kept (``U.S.A.`` -> ``#USA``). No two tags
equal when case-folded; no tag that is a stop word, a bare verb or a number; ordered by
how many articles name the entity (then by mentions), at most ``limit``.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence

from storylens.model import Article, Entity

__all__ = ["make_hashtags", "hashtag", "STOP_WORDS"]

log = logging.getLogger(__name__)

#: words that never make a hashtag on their own (function words, bare reporting verbs)
STOP_WORDS = frozenset("""a an and are as at be but by for from has have he her his i in is it its of on or our
she that the their them they this to was we were will with you said says say told tell news breaking update
live today new report reports""".split())
_KINDS = ("person", "org", "place")


def hashtag(name: str) -> str | None:
    """``#CamelCase`` for a name, or None when nothing usable is left."""
    folded = unicodedata.normalize("NFKD", name.replace("’", "'"))
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    parts = [p for p in re.split(r"[^\w.'’]+|_", folded) if p]
    out = []
    for part in parts:
        part = re.sub(r"[.'’]", "", part)
        if not part:
            continue
        out.append(part[0].upper() + part[1:])
    tag = "".join(out)
    if not tag or tag.isdigit() or tag.casefold() in STOP_WORDS or len(tag) < 2:
        return None
    return "#" + tag


def make_hashtags(articles: Sequence[Article], entities: Sequence[Entity] | None = None, limit: int = 8) -> list[str]:
    """Hashtags for the story (see the module docstring). ``entities`` restricts the
    candidates to these keys (e.g. a story's linked entities) and may supply names;
    by default every person, organisation and place the articles name is a candidate."""
    names: dict[str, str] = {}
    in_articles: dict[str, set[str]] = defaultdict(set)
    mentions: dict[str, int] = defaultdict(int)
    for article in articles:
        for e in article.entities:
            if e.kind not in _KINDS:
                continue
            in_articles[e.key].add(article.id)
            mentions[e.key] += max(1, len(e.mentions))
            if len(e.name) > len(names.get(e.key, "")):
                names[e.key] = e.name
    keys = list(in_articles)
    if entities is not None:
        allowed = {e.key for e in entities if e.kind in _KINDS}
        for e in entities:
            if e.key in allowed and len(e.name) > len(names.get(e.key, "")):
                names[e.key] = e.name
        keys = [k for k in keys if k in allowed] + [k for k in allowed if k not in in_articles]
    keys.sort(key=lambda k: (-len(in_articles.get(k, ())), -mentions.get(k, 0), k))
    out: list[str] = []
    seen: set[str] = set()
    for key in keys:
        tag = hashtag(names.get(key) or key.split(":", 1)[-1])
        if tag is None or tag.casefold() in seen:
            continue
        seen.add(tag.casefold())
        out.append(tag)
        if len(out) >= limit:
            break
    return out
