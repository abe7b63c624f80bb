"""One person's name spelled two ways by independent accounts: a note, not a dispute.

"Malia Grunt" in one outlet and "Malea Grunt" in three others name one person. A reader
cannot tell from the texts which spelling is right, and a fact-checker checks it before
printing either; but the accounts do not disagree about who the person is, so it is no
dispute (the comparison gold lists such spellings among its near misses). Each article
whose spelling independent accounts write otherwise gets a ``name_spelling`` framing cue
on its first writing of the name, its ``note`` naming the other spelling and the outlets
that write it.

Two writings are one name spelled two ways when:

* both are a person's name of two words (given name, surname) as the entity recogniser
  found it;
* one word is the same and the other a letter or two apart: as long, with one or two
  letters changed or two neighbours swapped ("Ronaldo" / "Rolando"), or a letter longer,
  with one added and nothing else ("Savonie" / "Savonnie"); both words of four letters or
  more and neither the start of the other ("Steve" / "Steven", "Dave" / "David", "Kathy"
  / "Kathryn" are a short form and a full one, not two spellings); case, accents,
  apostrophes and hyphens are no difference ("T'Kira" / "Tkira");
* no article writes both, nor the other spelling's differing word anywhere (two people:
  "Omar and Jamar Hale");
* where both spellings are given an age next to them, the same age (two ages: two
  people);
* the two articles are independent sources (``stories.same_source``: an outlet spelling
  a name two ways in two reports is its own slip, not two accounts).

Pure functions.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from storylens.compare.details import person_ages
from storylens.compare.framing import FramingCue
from storylens.compare.statements import one_account, outlet_name
from storylens.model import Article, Citation
from storylens.text import fold

__all__ = ["find_name_spellings", "spelled_apart"]

#: The shortest word two spellings of which are compared.
_MIN_LETTERS = 4
_CAPITALISED = re.compile(r"[A-Z][\w'’-]*\Z")
_NOT_A_LETTER = re.compile(r"['’-]")

#: A spelling: (given name, surname), folded, without apostrophes and hyphens.
_Spelling = tuple[str, str]


def _word_key(word: str) -> str:
    return _NOT_A_LETTER.sub("", fold(word))


def _letters_apart(a: str, b: str, most: int = 2) -> int:
    """How many letters added, dropped, changed or neighbours swapped turn ``a`` into
    ``b`` (the optimal string alignment distance), or ``most + 1`` when more."""
    if abs(len(a) - len(b)) > most:
        return most + 1
    before: list[int] = []
    row = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            current[j] = min(row[j] + 1, current[j - 1] + 1, row[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], before[j - 2] + 1)
        if min(current) > most:
            return most + 1
        before, row = row, current
    return min(row[-1], most + 1)


def _word_spelled_apart(a: str, b: str) -> bool:
    """Two words that are one word spelled two ways (see the module docstring)."""
    if a == b or min(len(a), len(b)) < _MIN_LETTERS or abs(len(a) - len(b)) > 1:
        return False
    if a.startswith(b) or b.startswith(a):
        return False
    return _letters_apart(a, b) <= (2 if len(a) == len(b) else 1)


def spelled_apart(a: _Spelling, b: _Spelling) -> str | None:
    """The word of ``b`` that spells ``a``'s otherwise, when the two names are one name
    spelled two ways (one word the same, the other :func:`_word_spelled_apart`); else
    None."""
    if a[1] == b[1] and _word_spelled_apart(a[0], b[0]):
        return b[0]
    if a[0] == b[0] and _word_spelled_apart(a[1], b[1]):
        return b[1]
    return None


def _writings(article: Article) -> dict[_Spelling, list[tuple[int, int, str]]]:
    """Every person's name of two capitalised words the article writes: spelling ->
    (start, end, as written), in text order."""
    out: dict[_Spelling, list[tuple[int, int, str]]] = {}
    for e in article.entities:
        if e.kind != "person":
            continue
        for m in e.mentions:
            written = article.text[m.start:m.end]
            words = written.split()
            if len(words) == 2 and all(_CAPITALISED.match(w) for w in words):
                key = (_word_key(words[0]), _word_key(words[1]))
                out.setdefault(key, []).append((m.start, m.end, written))
    for places in out.values():
        places.sort()
    return out


def _ages(article: Article, writings: dict[_Spelling, list[tuple[int, int, str]]]) -> dict[_Spelling, set[str]]:
    """The ages the article gives next to each spelling."""
    out: dict[_Spelling, set[str]] = {}
    ages = person_ages(article)
    for spelling, places in writings.items():
        for start, end, _ in places:
            out.setdefault(spelling, set()).update(age for _, age, _, a, b in ages if a <= start and end <= b)
    return out


def find_name_spellings(articles: Sequence[Article],
                        same_source: Callable[[Article, Article], bool]) -> list[FramingCue]:
    """A ``name_spelling`` cue for each article spelling a person's name otherwise than an
    independent account does (see the module docstring), in article order."""
    if one_account(articles, same_source):
        return []  # no spelling of another account to set one against
    writings = {a.id: _writings(a) for a in articles}
    words = {a.id: {_word_key(w) for w in re.findall(r"[\w'’-]+", a.text)} for a in articles}
    ages: dict[_Spelling, set[str]] = {}
    for a in articles:
        for spelling, found in _ages(a, writings[a.id]).items():
            ages.setdefault(spelling, set()).update(found)
    spellings = sorted({s for per in writings.values() for s in per})
    together = {(x, y) for per in writings.values() for x in per for y in per}  # two people, or one's slip
    cues = []
    for a in articles:
        for spelling, places in sorted(writings[a.id].items(), key=lambda item: item[1][0]):
            others: dict[str, list[str]] = {}  # the other spelling as written -> its outlets
            for other in spellings:
                differing = spelled_apart(spelling, other)
                if differing is None or (spelling, other) in together or differing in words[a.id]:
                    continue
                if ages.get(spelling) and ages.get(other) and ages[spelling] != ages[other]:
                    continue
                for b in articles:
                    if other not in writings[b.id] or same_source(a, b):
                        continue
                    own = spelling[0] if differing == other[0] else spelling[1]
                    if own in words[b.id]:
                        continue
                    written = writings[b.id][other][0][2]
                    outlets = others.setdefault(written, [])
                    if outlet_name(b) not in outlets:
                        outlets.append(outlet_name(b))
            if not others:
                continue
            start, end, written = places[0]
            note = "; ".join(f"written “{w}” by {', '.join(outlets)}" for w, outlets in others.items())
            cues.append(FramingCue(a.id, "name_spelling", written, Citation(a.id, start, end, written), note=note))
    return cues
