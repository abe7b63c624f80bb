"""Who is who: what independent accounts agree on about a person they name.

A sentence says many things; one of them is often who a person is. "Victoria Nuland,
the State Department spokeswoman, weighed in ..." and "... efforts by State Department
spokeswoman Victoria Nuland to strip out ..." say different things, and one thing alike:
Nuland's role. These facts are read beside the named person, in the words next to the
name, so a sentence can corroborate who someone is whatever else it says:

* a person's **age**, said next to the full name ("Ada Crane, 19" / "19-year-old Ada
  Crane", ``details.person_ages``): a fact when every article that gives that person an
  age gives the same one (ages that differ are an ``identity`` conflict, never a fact);
* a person's **role**, a title or an apposition before the name or an apposition after
  it ("Fire Chief Harold Vance", "its spokesman, Harold Vance", "Harold Vance, the fire
  chief"; the role aliases of the entity extractor, with the capitalised words written
  just before a title on its line: the extractor may keep only "Sheriff" of "Franklin
  County Sheriff Tim Fuller", or "Chief" of a doubled "Rochester Police Chief Chief
  ..."; the whole run of such words, of six at most, and not a verb in -ing that opens
  the sentence: "Receiving French President ..."): one role when their head nouns are
  one word ("spokeswoman", "sheriff", "director"; the head is the last word before
  "of", "for", "to", "at" or a bracket) and
  the two say more than the bare title alike (another word of the role: "State
  Department spokeswoman" twice, "Whatcom County Sheriff" twice); "President Obama" or
  "Chief Vance" in two outlets tells a reader nothing worth a fact.

The person is the story's linked entity key (``entity_links``). A fact needs two or more
independent news sources (``facts.corroborating_sources``); it cites, in each article,
the first place that says it: the name with the age or the role, and is worded by what
they say, in the first article's words ("Age of Ada Crane: 19", "Role of Harold Vance:
fire chief"; the cited words alone do not read as a fact). Pure.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from functools import lru_cache

from storylens.compare.details import person_ages
from storylens.compare.facts import corroborated_fact
from storylens.compare.statements import terms, word_stem
from storylens.model import Article, Citation, Entity, Fact
from storylens.text import fold

__all__ = ["person_facts"]

#: The words a role phrase may start with that are not the role ("the", "then the").
_ROLE_LEAD = re.compile(r"^(?:(?:then|now|also|former(?:ly)?)\s+)?(?:the|a|an)\s+", re.IGNORECASE)
#: Where a role's head noun ends: before what it is a role of or for.
_ROLE_TAIL = re.compile(r"\s+(?:of|for|to|at|in|with|from)\s+.*$|\s*\(.*$", re.IGNORECASE | re.DOTALL)
_MAX_ROLE_WORDS = 8
#: What an article says of a person: (person key, "age" or "role", the age or the role's head).
_What = tuple[str, str, str]
#: Between a name and its role after it: a comma and an optional article.
_APPOSITION = r",\s+(?:(?:then|now)\s+)?(?:(?:the|a|an)\s+)?"
#: The capitalised words written just before a title, on its line: the rest of the title
#: where the extractor kept a part ("Franklin County" before "Sheriff Tim Fuller",
#: "Rochester Police Chief" before a repeated "Chief Michael Ciminelli"). A word ending in
#: a full stop is read only when it is a short abbreviation ("Lt.", "Gov."); another ends a
#: sentence. Words that are no content ("When", "But", "The") are left out in front. A run
#: of such words longer than ``_TITLE_WORDS`` is not a title's rest (a headline's words).
_TITLE_WORD = r"(?:[A-Z][\w’'-]*|[A-Z][a-z]{0,3}\.)[ \t]+"
_TITLE_WORDS = 6
_TITLE_BEFORE = re.compile(rf"(?<!\S)((?:{_TITLE_WORD}){{1,{_TITLE_WORDS}}})$")
#: A title's word just before where a run of them was cut.
_TITLE_WORD_BEFORE = re.compile(rf"(?:^|(?<=\s)){_TITLE_WORD}$")
_TITLE_REACH = 64  # characters before a title searched for the rest of it
#: A word in -ing before a title is the sentence's verb ("Receiving", "Welcoming"), but for
#: the participles that are part of titles ("Acting Director", "Presiding Judge").
_NOT_A_TITLE_PARTICIPLE = re.compile(
    r"(?!(?:Acting|Managing|Presiding|Ranking|Sitting|Visiting|Outgoing|Incoming|Founding|Reigning|Governing"
    r"|Commanding|Consulting|Supervising|Serving|Leading)\b)[A-Z][a-z]+ing")


def _role_head(role: str) -> str:
    """The stem of the role's head noun: "State Department spokeswoman" -> spokeswoman,
    "deputy director of the CIA" -> director."""
    words = re.findall(r"[\w’'-]+", _ROLE_TAIL.sub("", _ROLE_LEAD.sub("", role.strip())))
    return word_stem(fold(words[-1])) if words else ""


def _roles(e: Entity) -> list[str]:
    """The entity's aliases that are roles, not names: words the name does not have, of
    at most ``_MAX_ROLE_WORDS`` words."""
    name = set(fold(e.name).split()) | set(fold(e.key.split(":", 1)[-1]).split())
    out = []
    for alias in e.aliases:
        words = fold(alias).split()
        if words and len(words) <= _MAX_ROLE_WORDS and not set(words) <= name and alias[:1].isalpha():
            out.append(alias)
    return out


def _role_words(text: str) -> frozenset[str]:
    """The stems of a role's words (``terms``, without the concepts they stand for)."""
    return frozenset(t for t in terms(text) if not t.startswith("~"))


def _title_before(text: str, title_start: int) -> tuple[int, frozenset[str]]:
    """Where the title starting at ``title_start`` really starts, with the content words
    written before it that are the rest of it (``_TITLE_BEFORE``)."""
    reach = max(0, title_start - _TITLE_REACH)
    rest = _TITLE_BEFORE.search(text, reach, title_start)
    if rest is None or _TITLE_WORD_BEFORE.search(text, reach, rest.start(1)):
        return title_start, frozenset()  # none, or the end of a longer run cut at the reach
    content = [w for w in re.finditer(r"\S+", rest.group(1)) if terms(w.group())]
    while content and _NOT_A_TITLE_PARTICIPLE.fullmatch(content[0].group()):
        content.pop(0)  # "Receiving French President Emmanuel Macron, ...": the sentence's verb
    if not content:
        return title_start, frozenset()
    start = rest.start(1) + content[0].start()
    return start, _role_words(text[start:title_start])


@lru_cache(maxsize=4096)
def _role_patterns(role: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The role written just before a name ("Fire Chief ") and in apposition after it
    (", the fire chief"), compiled once per role (a story's people share a few roles)."""
    escaped = r"\s+".join(re.escape(w) for w in role.split())
    return re.compile(escaped + r",?\s+$"), re.compile(_APPOSITION + escaped + r"\b")


def _role_spans(article: Article, e: Entity) -> list[tuple[str, frozenset[str], int, int, str]]:
    """(role head, the role's other content words, start, end, the role as written) where a
    role of the entity is said next to one of its mentions: "Fire Chief Harold Vance" or
    "a fire department spokesman, Harold Vance" (before), "Harold Vance, the fire chief"
    (after)."""
    text = article.text
    out = []
    for role in _roles(e):
        head = _role_head(role)
        if not head:
            continue
        words = _role_words(role) - {head}
        before, after = _role_patterns(role)
        for m in e.mentions:
            found = before.search(text, max(0, m.start - len(role) - 8), m.start)
            if found is not None:
                start, more = _title_before(text, found.start())
                out.append((head, words | (more - {head}), start, m.end, _as_written(text[start:found.end()])))
                continue
            found_after = after.match(text, m.end, min(len(text), m.end + len(role) + 24))
            if found_after is not None:
                out.append((head, words, m.start, found_after.end(), _as_written(text[m.end:found_after.end()])))
    return out


def _as_written(role: str) -> str:
    """A role phrase as written, without the comma and article that join it to the name
    and without a word written twice in a row ("Rochester Police Chief Chief" -> "Rochester
    Police Chief")."""
    words = _ROLE_LEAD.sub("", role.strip(" \t\n,")).split()
    return " ".join(w for i, w in enumerate(words) if i == 0 or fold(w) != fold(words[i - 1]))


#: Where an article says something of a person: (start, end, what it says in words:
#: "Age of Ada Crane: 19", "Role of Ada Crane: fire chief").
_Place = tuple[int, int, str]


def _name(article: Article, key: str) -> str:
    return next((e.name for e in article.entities if e.key == key), key.split(":", 1)[-1])


def _said(article: Article) -> tuple[dict[_What, _Place], dict[_What, frozenset[str]]]:
    """``{(person key, "age" or "role", the age or the role's head): (start, end, words)}``:
    the first place the article says it, an age only where the article gives the person
    one age; and for each role, the other words the article's role phrases with that head
    have."""
    out: dict[_What, _Place] = {}
    role_words: dict[_What, frozenset[str]] = defaultdict(frozenset)
    ages: dict[str, set[str]] = defaultdict(set)
    for key, age, _, start, end in person_ages(article):
        ages[key].add(age)
        out.setdefault((key, "age", age), (start, end, f"Age of {_name(article, key)}: {age}"))
    for key, values in ages.items():
        if len(values) > 1:
            for age in values:
                out.pop((key, "age", age), None)
    spans = sorted((start, end, e.key, head, words, f"Role of {e.name}: {role}")
                   for e in article.entities if e.kind == "person"
                   for head, words, start, end, role in _role_spans(article, e))
    for start, end, key, head, words, wording in spans:
        out.setdefault((key, "role", head), (start, end, wording))
        role_words[(key, "role", head)] |= words
    return out, role_words


def person_facts(articles: Sequence[Article]) -> list[Fact]:
    """The corroborated ages and roles of the story's people (see the module docstring),
    in the order the articles (in the order given) first say them. ``articles``: the
    story's, their entity keys linked."""
    said = {a.id: _said(a) for a in articles}
    by_id = {a.id: a for a in articles}
    # a role word two articles' role phrases (with one head) give: they say more than the title alike
    word_articles: dict[tuple[_What, str], int] = defaultdict(int)
    for a in articles:
        for what, words in said[a.id][1].items():
            for w in words:
                word_articles[(what, w)] += 1
    cited: dict[_What, list[Citation]] = defaultdict(list)
    worded: dict[_What, str] = {}  # in the words of the first article that says it
    for a in articles:
        spans, role_words = said[a.id]
        for what, (start, end, wording) in sorted(spans.items(), key=lambda kv: kv[1]):
            if what[1] == "role" and not any(word_articles[(what, w)] >= 2 for w in role_words[what]):
                continue
            cited[what].append(Citation(a.id, start, end, a.text[start:end]))
            worded.setdefault(what, wording)
    ages_given: dict[str, set[str]] = defaultdict(set)
    for what in cited:
        if what[1] == "age":
            ages_given[what[0]].add(what[2])
    facts = []
    for what, support in cited.items():
        if what[1] == "age" and len(ages_given[what[0]]) > 1:
            continue  # two ages for one person: a dispute (compare.details), not a fact
        fact = corroborated_fact(support, by_id, worded[what])
        if fact is not None:
            facts.append(fact)
    return facts
