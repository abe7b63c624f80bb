"""Who was hurt, and who is accused, by age: ages independent accounts agree on.

Reports of a shooting or a crash name the people in it by age more often than by name
("A 16-year-old victim was shot in the foot", "Another victim was 16.", "two kids, 11
and 13 years old, are in critical condition"), in sentences that otherwise say
different things and share too few words to align. An age that two or more independent
news sources give to someone harmed, or to someone accused, is a fact: cited in each
article where it first gives that age in that role ("A 16-year-old victim"), worded
"Age of someone harmed: 16" (the cited words do not read alone).

What is read, in the article's text (not its headline), sentence by sentence:

* the age: "16-year-old", "31 year old", "11 and 13 years old" (each age of a list),
  "a two-year-old", "a 17-month-old son" (worded "17 months"),
  "aged 16", "ages 11, 13 and 16", "the victim was 16." (a person noun, "was" or "is",
  the age and the end of the clause), "a woman, 24, was" (a person noun and the age
  between commas);
* the role, from the sentence: **harmed** when it tells of harm (shot, wounded,
  injured, killed, killing, died, bodies, slain, hurt, grazed, a victim, a hospital, a
  critical condition) and of no one accused; **accused** when it tells of an arrest, a charge, a suspect or a
  gunman and of no harm (harm said not to have happened, "no one else was hurt", is
  none). A sentence telling of both ("charged with killing ...") gives no role, nor an
  age followed by an active verb of harm ("a 12-year-old boy shot and killed ..." tells
  who fired), nor, in a sentence of an arrest, an age of someone's relative ("arrested
  for leaving a gun within reach of his three-year-old");
* a sentence that tells of another time (a day or month before the article's week:
  "an 11-year-old was killed in the same block last month") is background, not read.

An age said beside a person's full name ("Ada Crane, 19") is also read here (a
victim named in one outlet is often "a 19-year-old" in another), but a fact every
citation of which names the person is ``person_facts``' and not made twice; and a
``person_facts`` fact whose every citation an age fact also cites (the same name and age,
and an account that gives the age alone) gives way to it (:func:`not_covered`).
Pure.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date, timedelta

from storylens.compare.details import person_ages
from storylens.compare.facts import corroborated_fact
from storylens.compare.statements import Statement
from storylens.model import Article, Citation, Fact
from storylens.text import NUMBER_WORDS

__all__ = ["age_facts", "not_covered"]

_PERSON = r"(?:victim|boy|girl|man|woman|teen|teenager|child|son|daughter|suspect|shooter|gunman|driver)"
#: Ages written as words ("a two-year-old", "his six-month-old son").
_NUMBER_WORDS = {w: n for w, n in NUMBER_WORDS.items() if 1 <= n <= 19}
#: An age and the words it names a person by: "a 16-year-old victim", "11 and 13 years
#: old", "a six-month-old son", "aged 16", "ages 11, 13 and 16", "the victim was 16.", "a
#: woman, 24,"
#: ("twenty-one-year-old" is no one-year-old.)
_AGE = re.compile(
    r"\b(?:(?P<another>another|both|two|three|several)\s+|an?\s+)?"
    rf"(?:(?P<list>\d{{1,2}}-?(?:\s*,\s*\d{{1,2}}-?)*(?:\s*,?\s+(?:and|&)\s+\d{{1,2}})?)|(?<!-)(?P<word>{'|'.join(_NUMBER_WORDS)}))"
    r"[\s-]+(?P<unit>year|month|week)s?[\s-]+olds?"
    rf"(?:\s+{_PERSON}s?\b)?"
    r"|\bage[sd]?\s+(?P<aged>\d{1,2}(?:\s*,\s*\d{1,2})*(?:\s*,?\s+(?:and|&)\s+\d{1,2})?)\b"
    r"(?:\s+(?P<aged_unit>month|week)s?\b)?(?![\s-]*(?:%|percent|years?\b))"
    rf"|\b{_PERSON}\s+(?:was|is)\s+(?:only\s+|just\s+)?(?P<was>\d{{1,2}})(?=\s*[.;,]|\s+(?:and|when|at the time)\b)"
    rf"|\b{_PERSON},\s+(?P<apposed>\d{{1,2}}),",
    re.IGNORECASE)
_HARM = re.compile(r"\b(?:shot|wounded|injured|injuries|killed|killing|died|dead|bodies|slain|hurt|grazed|victims?|hospital"
                   r"|hospitali[sz]ed"
                   r"|critical(?:\s+but\s+stable)?\s+condition|stable\s+condition|struck\s+by|pronounced\s+dead)\b",
                   re.IGNORECASE)
_ACCUSED = re.compile(r"\b(?:arrest(?:ed|s)?|charged?|charges|suspects?|accused|gunm[ae]n|shooters?|custody|booked"
                      r"|jailed|warrants?|wanted|indicted|convicted|sentenced|pleaded|defendants?)\b", re.IGNORECASE)
#: An active verb of harm right after the age's words: the person did it ("a 12-year-old
#: boy shot and killed ...", "a 19-year-old opened fire"); not a passive one ("a
#: 16-year-old shot in the foot", "a 16-year-old struck by a bullet").
_DOER = re.compile(r"\s*(?:,\s*)?(?:allegedly\s+|reportedly\s+|then\s+)?(?:shot|killed|fired|opened\s+fire|stabbed|attacked"
                   r"|struck|hit|pulled|pointed|robbed)\b(?!\s+(?:by|in|to|near|on|during|while|through|once|twice)\b)",
                   re.IGNORECASE)
#: The words before an age that make it the top of a range of ages ("from 27 to 59 years
#: old", "27-59 years old", "between 18 and 25 years old"): no one's age.
_RANGE_BEFORE = re.compile(r"(?:\d-?\s*(?:-|–|to)\s*|\bbetween\s+(?:the\s+ages\s+of\s+)?)\Z", re.IGNORECASE)
#: Days before the article's own a sentence's date may be and still tell of the event.
_BACKGROUND_DAYS = 7

#: One saying of an age: (start, end, the person's key where the words name one or
#: ``_SEVERAL`` where they speak of more than one, the person's sex where they say it).
_Saying = tuple[int, int, str | None, str | None]
#: What an article says: (role, age) -> every saying of it, in text order.
_Said = dict[tuple[str, str], list[_Saying]]
_FEMALE = re.compile(r"\b(?:woman|women|girls?|daughters?|mother|her)\b", re.IGNORECASE)
_MALE = re.compile(r"\b(?:man|men|boys?|sons?|father|his)\b", re.IGNORECASE)


def _sex(words: str) -> str | None:
    female, male = _FEMALE.search(words), _MALE.search(words)
    return "female" if female and not male else "male" if male and not female else None


def _ages(match: re.Match[str]) -> list[str]:
    """The ages the words say: "16" (years), "17 months", "1 week"."""
    words = match.group("list") or match.group("aged") or match.group("was") or match.group("apposed") or ""
    numbers = [int(n) for n in re.findall(r"\d{1,2}", words)]
    if match.group("word"):
        numbers = [_NUMBER_WORDS[match.group("word").lower()]]
    unit = (match.group("unit") or match.group("aged_unit") or "year").lower()
    return [str(n) if unit == "year" else f"{n} {unit}{'' if n == 1 else 's'}" for n in numbers]


#: The key of a saying that speaks of more than one person of the age ("another
#: 19-year-old", "two 16-year-olds"): which of them another account's is, nobody can tell.
_SEVERAL = "several"


def _several(match: re.Match[str]) -> bool:
    return bool(match.group("another")) or match.group().lower().rstrip().endswith("olds")


#: Harm said not to have happened: "there were no other injuries", "no one else was
#: hurt", "she was not injured".
_NO_HARM = re.compile(r"\b(?:no|not|nobody|none)\b(?:\s+\w+){0,3}?\s+(?:injur(?:y|ies|ed)|hurt|wounded)\b", re.IGNORECASE)
#: An age said of someone's relative ("his three-year-old", "her 2-year-old son"): in a
#: sentence of an arrest, the child of the accused, not the accused.
_RELATIVE = re.compile(r"\b(?:his|her|their)\s+\Z", re.IGNORECASE)


def _role(text: str) -> str | None:
    text = _NO_HARM.sub(" ", text)
    harm, accused = _HARM.search(text), _ACCUSED.search(text)
    if harm and not accused:
        return "harmed"
    if accused and not harm:
        return "accused"
    return None


def _background(st: Statement, published: date | None) -> bool:
    """The sentence names a day or a month before the article's week."""
    if published is None:
        return False
    for t in st.times:
        if re.match(r"\d{4}-\d{2}-\d{2}", t.value):
            if date.fromisoformat(t.value[:10]) < published - timedelta(days=_BACKGROUND_DAYS):
                return True
        elif re.fullmatch(r"\d{4}-\d{2}", t.value) and t.value < published.isoformat()[:7]:
            return True
    return False


def _said(article: Article, statements: Sequence[Statement]) -> _Said:
    """(role, age) -> where the article says it (see the module docstring)."""
    out: _Said = {}
    published = article.published.date() if article.published else None
    beside_names = person_ages(article)
    for st in statements:
        c = st.citation
        role = _role(c.text) if c.field == "text" else None
        if role is None or _background(st, published):
            continue
        # an age beside a name ("Ada Crane, 19"): the name and the age, read once (not also
        # as the "19-year-old" of "19-year-old Ada Crane", nor as the first age of a list in
        # "Ada Crane, 19, and 2-year-old Ben Crane")
        named = [(s, e, key, [age]) for key, age, _, s, e in beside_names if c.start <= s and e <= c.end]
        text = c.text
        for s, e, _, _ in named:
            text = text[:s - c.start] + " " * (e - s) + text[e - c.start:]
        found = [(m.start() + c.start, m.end() + c.start, _SEVERAL if _several(m) else None, _ages(m))
                 for m in _AGE.finditer(text) if not _DOER.match(text, m.end())
                 and not _RANGE_BEFORE.search(text, 0, m.start())
                 and not (role == "accused" and _RELATIVE.search(text, 0, m.start()))]
        found += named
        for start, end, key, ages in sorted(found, key=lambda x: (x[0], x[1], x[2] or "")):
            for age in ages:
                out.setdefault((role, age), []).append((start, end, key, _sex(article.text[start:end])))
    return out


def _one_person(sayings: Sequence[_Saying]) -> bool:
    """Whether the sayings of one age in one role can be of one person: no two names and
    not both sexes (two named 19-year-olds, or a 19-year-old woman and a 19-year-old man,
    are two people, and which one an unnamed "19-year-old" is, nobody can tell)."""
    keys = {key for _, _, key, _ in sayings if key}
    return len(keys) <= 1 and _SEVERAL not in keys and len({sex for *_, sex in sayings if sex}) <= 1


def age_facts(articles: Sequence[Article], statements: Mapping[str, Sequence[Statement]]) -> list[Fact]:
    """The ages of people harmed or accused that two or more independent news sources
    give (see the module docstring), in the order the articles (in the order given)
    first give them. ``statements``: each article's ``statements_of``."""
    sayings: dict[tuple[str, str], list[_Saying]] = {}
    cited: dict[tuple[str, str], list[Citation]] = {}
    for a in articles:
        for what, said in sorted(_said(a, statements[a.id]).items(), key=lambda kv: kv[1][0]):
            sayings.setdefault(what, []).extend(said)
            start, end = said[0][:2]
            cited.setdefault(what, []).append(Citation(a.id, start, end, a.text[start:end]))
    by_id = {a.id: a for a in articles}
    facts = []
    for what, support in cited.items():
        if not _one_person(sayings[what]):
            continue
        if all(key for *_, key, _ in sayings[what]):
            continue  # every account names the person: who is who (person_facts)
        role, age = what
        fact = corroborated_fact(support, by_id, f"Age of someone {role}: {age}")
        if fact is not None:
            facts.append(fact)
    return facts


def not_covered(people: Sequence[Fact], ages: Sequence[Fact]) -> list[Fact]:
    """The facts of ``people`` (``person_facts``) that no fact of ``ages`` cites every
    place of: one that does says the same with more accounts."""
    cited = [{c.location for c in f.support} for f in ages]
    return [f for f in people if not any({c.location for c in f.support} <= places for places in cited)]
