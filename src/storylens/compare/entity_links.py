"""Link a story's entities across its articles.

Entity keys are computed the same way in every article, so "Renée Duchâtel" and "Renee
Duchatel" already share a key. What one article cannot know is that its bare surname
("Duchâtel said ...", key ``person:duchatel``) is the person another article names in
full (``person:renee duchatel``). Within one story, a one-word person key links to the
full-name key whose last name it is (before a suffix: "Zappala", "Stephen A. Zappala Jr."),
when exactly one such person is named in the story.
Nor can it know that another outlet spells the same name a letter or two apart
("Consuelo Garcia", "Comsuelo Garcia"): two-word person names spelled alike, in the same
order, link to the spelling most articles use (ties: the first in alphabetical order),
unless one article names two of them (it may be naming two people: a "Mario" and a
"Maria"). The spellings stay as written in the text; a quotation given to "Consuelo
Garcia" by one outlet and to "Comsuelo Garcia" by another is one speaker's, not an
attribution dispute. Nor that "Barbara L. McQuade" and "Barbara McQuade", "Hillary Rodham
Clinton" and "Hillary Clinton", or "Mike Elliott" and "Michael Elliott", are one person: a
name with or without a middle name or initial or a generational suffix ("Jr.", "III"),
with a short or a full given name, links to the form most articles use, unless the forms
carry two middle names or two suffixes (a father and a son) or one article names two of
them. Nor that "Kim" alone, which ends no full name, is the one "Kim Jong Un" it begins
(a family name written first; a given name used alone), when the rest of that name is
names: words the story never writes in lower case (not "Stewart Elementary", a school the
model took for a person).
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Sequence

from storylens.compare.details import spelled_alike
from storylens.extract.entities_names import NAME_SUFFIXES
from storylens.model import Article
from storylens.text import fold

__all__ = ["link_entities", "with_linked_keys"]


def _name_of(key: str) -> str:
    return key.split(":", 1)[1] if ":" in key else key


def _spelling_links(articles: Sequence[Article]) -> dict[str, str]:
    """``{full-name key: the same name as most articles spell it}`` (see the module
    docstring)."""
    named = [{e.key for e in a.entities if e.kind == "person" and len(_name_of(e.key).split()) == 2}
             for a in articles]
    held = Counter(k for keys in named for k in keys)
    keys = sorted(held)
    group = {k: k for k in keys}

    def root(k: str) -> str:
        while group[k] != k:
            k = group[k]
        return k

    for i, a in enumerate(keys):
        for b in keys[i + 1:]:
            if spelled_alike(_name_of(a), _name_of(b)):
                group[root(b)] = root(a)
    members: dict[str, list[str]] = {}
    for k in keys:
        members.setdefault(root(k), []).append(k)
    links: dict[str, str] = {}
    for spellings in members.values():
        if len(spellings) < 2 or any(len(keys_ & set(spellings)) > 1 for keys_ in named):
            continue
        usual = min(spellings, key=lambda k: (-held[k], k))
        links.update({k: usual for k in spellings if k != usual})
    return links


#: Short forms of given names that news writes for the same person ("Mike Elliott",
#: "Michael Elliott"), as folded words.
_GIVEN_NAMES = {short: full for full, shorts in {
    "michael": "mike mick", "timothy": "tim", "william": "bill billy will", "robert": "bob bobby rob",
    "james": "jim jimmy", "joseph": "joe", "thomas": "tom tommy", "daniel": "dan danny", "david": "dave",
    "christopher": "chris", "stephen": "steve", "steven": "steve", "matthew": "matt", "richard": "rick dick rich",
    "edward": "ed eddie", "kenneth": "ken", "ronald": "ron", "donald": "don", "gerald": "jerry",
    "lawrence": "larry", "patrick": "pat", "anthony": "tony", "andrew": "andy", "alexander": "alex",
    "benjamin": "ben", "samuel": "sam", "nicholas": "nick", "gregory": "greg", "jeffrey": "jeff",
    "jonathan": "jon", "charles": "charlie chuck", "henry": "hank", "elizabeth": "liz beth", "katherine": "kate",
    "catherine": "cathy", "susan": "sue", "jennifer": "jen jenny", "margaret": "peggy meg", "rebecca": "becky",
    "deborah": "debbie", "victoria": "vicky", "douglas": "doug", "frederick": "fred", "raymond": "ray",
}.items() for short in shorts.split()}


def _one_middle_name(middles: set[tuple[str, ...]]) -> bool:
    """Whether the middle names of a name's forms can all be one: as many words, each the
    same or an initial of the other ("l" and "lee"; not "l" and "j", "birshon" and "rashap")."""
    return all(len(a) == len(b) and all(x == y or (min(len(x), len(y)) == 1 and x[0] == y[0]) for x, y in zip(a, b))
               for a in middles for b in middles)


def _without_suffix(words: list[str]) -> list[str]:
    """A name's words without a generational suffix at its end (a name of two words or
    more keeps them)."""
    return words[:-1] if len(words) >= 3 and words[-1] in NAME_SUFFIXES else words


def _name_form_links(articles: Sequence[Article]) -> dict[str, str]:
    """``{a form of a name: the form most articles use}`` for one person written with and
    without a middle name or initial ("Barbara L. McQuade", "Hillary Rodham Clinton",
    "Barbara McQuade"), with and without a generational suffix ("Theodore J. Boutrous
    Jr.", "Theodore Boutrous") or with a short given name ("Mike Elliott", "Michael
    Elliott"): the same surname and the same given name once short forms are read as the
    full one; not when the forms carry two middle names (an initial is the name it begins)
    or two suffixes (a father and a son) or one article names two of them (two people)."""
    named = [{e.key for e in a.entities if e.kind == "person"} for a in articles]
    held = Counter(k for keys in named for k in keys)
    forms: dict[tuple[str, str, str], set[str]] = {}
    for key in held:
        words = _without_suffix(_name_of(key).split())
        if len(words) >= 2:
            given = _GIVEN_NAMES.get(words[0], words[0])
            forms.setdefault((key.split(":", 1)[0], given, words[-1]), set()).add(key)
    links: dict[str, str] = {}
    for keys in forms.values():
        middles = {tuple(w[1:-1]) for w in (_without_suffix(_name_of(k).split()) for k in keys)} - {()}
        suffixes = {_name_of(k).split()[-1] for k in keys} & NAME_SUFFIXES
        if len(keys) < 2 or not _one_middle_name(middles) or len(suffixes) > 1 \
                or any(len(ks & keys) > 1 for ks in named):
            continue
        usual = min(keys, key=lambda k: (-held[k], len(k), k))
        links.update({k: usual for k in sorted(keys) if k != usual})
    return links


def link_entities(articles: Sequence[Article]) -> dict[str, str]:
    """``{key: the key it links to}`` for the story's people (unambiguous only): a
    surname alone to the one full name it ends (else a word alone to the one full name it
    begins: "Kim" of "Kim Jong Un"), a name spelled another way to its usual spelling, a
    name with a middle initial or a short given name to the form most articles use."""
    spelled = {**_name_form_links(articles), **_spelling_links(articles)}
    people = {e.key for a in articles for e in a.entities if e.kind == "person"}
    full = sorted({spelled.get(k, k) for k in people if " " in _name_of(k)})
    links: dict[str, str] = dict(spelled)
    written = {e.key: e.name for a in articles for e in a.entities}
    lower: set[str] | None = None  # the story's words in lower case, read when first needed
    for key in sorted(people):
        name = _name_of(key)
        if " " in name:
            continue
        owners = [k for k in full if _without_suffix(_name_of(k).split())[-1] == name]
        if not owners:
            owners = [k for k in full if _name_of(k).split()[0] == name]
            if len(owners) == 1:
                lower = lower if lower is not None else _lower_words(articles)
                if not _all_names(_after_first_word(owners[0], written[owners[0]]), lower):
                    continue
        if len(owners) == 1:
            links[key] = owners[0]
    return dict(sorted(links.items()))


#: A word as the story writes it in lower case ("hospital", "elementary", "white house").
_LOWER_WORD = re.compile(r"(?<![\w@#])[a-z][a-z'’-]*")


def _lower_words(articles: Sequence[Article]) -> set[str]:
    """The words the story's articles write in lower case, folded."""
    return {fold(w) for a in articles for w in _LOWER_WORD.findall(a.text)}


def _after_first_word(key: str, written: str) -> list[str]:
    """The words of a name as written (folded) after the word its key begins with:
    ["jae-in"] of "Moon Jae-in" (key ``person:moon jae in``), ["13s"] of "Sureno-13s"."""
    first = _name_of(key).split()[0]
    folded = fold(written)
    rest = folded[len(first):] if folded.startswith(first) else " ".join(_name_of(key).split()[1:])
    return rest.strip(" -").split()


def _all_names(words: Sequence[str], lower: set[str]) -> bool:
    """Whether each of the words (of a name as written, folded) is a name: letters only,
    and never written in lower case in the story (``lower``): "Mayes" of "Hayden Mayes",
    "Jae-in" of "Moon Jae-in"; not "Elementary" of a school the model took for a person,
    "Stewart Elementary", nor "White House" of "Obama White House"."""
    return all(_LOWER_WORD.fullmatch(w) and w not in lower for w in words)


def with_linked_keys(article: Article, links: dict[str, str]) -> Article:
    """A copy of the article whose entity keys and quote speakers use the linked keys
    (the article itself is left as extracted)."""
    if not links:
        return article
    entities = [dataclasses.replace(e, key=links.get(e.key, e.key)) for e in article.entities]
    quotes = [dataclasses.replace(q, speaker_entity=links.get(q.speaker_entity or "", q.speaker_entity))
              for q in article.quotes]
    return dataclasses.replace(article, entities=entities, quotes=quotes)
