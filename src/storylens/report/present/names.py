"""Names to show for the keys the comparison records (``person:renee duchatel`` is
shown as "Renée Duchâtel"): no internal key reaches a page.

Names come from what the story itself says: the articles' entities (the report has
them; the web app's light articles do not), the story's most-named entities, the
quote groups' and the brief's speaker names, and the speakers the articles' quotes
name. A key nothing names is shown as its words, capitalised."""

from __future__ import annotations

import re
from collections.abc import Iterable
from ...model import Article, Comparison, Story
from ..json_report import source_name

__all__ = ["Names", "genre_suffix", "outlet_label", "is_key"]

_KEY = re.compile(r"^[a-z][a-z_]*:\S")
_NOT_A_NAME = {"the", "a", "an", "he", "she", "they", "it", "we", "i", "his", "her", "their", "its", "one", "this",
               "that", "officials", "police"}


def genre_suffix(genre: str | None) -> str:
    """" (opinion)" / " (blog)" after an outlet's name; nothing for news."""
    return f" ({genre})" if genre and genre != "news" else ""


def outlet_label(article: Article) -> str:
    """The name the compare stage gives an article's outlet (its file name when unknown),
    with its genre when it is not news ("Tarnwick Courier (opinion)"): a reader sees
    which accounts state a claim without corroborating it."""
    return (article.outlet or source_name(article.source)) + genre_suffix(article.genre)


def is_key(value: str) -> bool:
    """True for an entity key such as ``person:renee duchatel`` (lower-case kind, colon)."""
    return bool(_KEY.match(value))


def _looks_like_name(text: str) -> bool:
    words = text.split()
    return (bool(words) and len(words) <= 6 and text[:1].isupper() and "," not in text
            and words[0].casefold() not in _NOT_A_NAME)


class Names:
    """Display names for a story's entity keys (see the module docstring)."""

    def __init__(self) -> None:
        self._names: dict[str, str] = {}
        self._weak: dict[str, str] = {}

    def add(self, key: str | None, name: str | None, weak: bool = False) -> None:
        """Record ``name`` for ``key``; the longest name given for a key wins (a full name
        over a surname), then the first. A ``weak`` name (how a quote names its speaker:
        "Finance Minister Kharvel") is used only where no entity names the key."""
        if not key or not name or is_key(name):
            return
        name = " ".join(name.split())
        found = self._weak if weak else self._names
        if len(name) > len(found.get(key, "")):
            found[key] = name

    @classmethod
    def for_story(cls, comparison: Comparison | None, articles: Iterable[Article],
                  story: Story | None = None) -> Names:
        names = cls()
        for article in articles:
            for entity in article.entities:
                names.add(entity.key, entity.name)
            for quote in article.quotes:
                if quote.speaker and _looks_like_name(quote.speaker):
                    names.add(quote.speaker_entity, quote.speaker, weak=True)
        for shared in story.entities if story is not None else ():
            names.add(shared.key, shared.name)
        if comparison is None:
            return names
        for group in comparison.quote_variants:
            names.add(group.speaker, group.speaker_name)
        for quoted in comparison.brief.quoted if comparison.brief is not None else ():
            names.add(quoted.speaker, quoted.name)
        for short, full in comparison.entity_links.items():
            names.add(short, names._names.get(full) or names._weak.get(full))
        return names

    def name(self, key: str) -> str:
        """The name to show for an entity key; any other text is returned as it is."""
        if not is_key(key):
            return key
        found = self._names.get(key) or self._weak.get(key)
        if found:
            return found
        return key.split(":", 1)[1].title()

    def who(self, asserted_by: str | None) -> str | None:
        """Who asserts a statement, for a reader: None for the outlet's own voice."""
        if not asserted_by or asserted_by == "outlet":
            return None
        return self.name(asserted_by)
