"""What a count measures: the predicate that governs a counted noun.

"Five people were shot", "six people ... were wounded", "found six people with gunshot
wounds", "ordered 1,200 people to leave their homes", "releasing large numbers of
prisoners": the same counted class (people, prisoners) measured by different predicates
(shot, wounded, evacuated, released). Two counts of one class disagree only when they
measure the same thing; five shot and six wounded can both be true.

:func:`measure_of` reads the words after the counted noun (passive and relative clauses:
"were shot", "who were killed", "with gunshot wounds"; an apposition ", including a
6-year-old girl," passed over), as long as they lead up to a predicate (auxiliaries,
"who", adverbs; a place or group: "900 residents of Dornhill had been evacuated": "three
people pulled out handguns and started firing shots" is no count
of people shot, nor "killed one person and wounded three" one of people wounded), then
those just before the figure in its own clause (active voice: "killing two", "released
12 prisoners"; not "was killed" before a comma: "A woman was killed, and three women and
a man injured" is no count of women killed), within the statement, and returns the
first measure it finds, or ``None``. The classes are stricter than the alignment's
concepts (``statements.terms``): "wounded" and "injured", often different counts in one
report, are two measures here. An event noun counted itself ("about a dozen releases",
"three deaths") is its own measure; "shot" that kills ("fatally shot", "shot to death")
measures the dead. Pure functions.
"""

from __future__ import annotations

import re

from storylens.text import fold
from storylens.compare.statements import concept_of, word_stem

__all__ = ["MEASURES", "measure_of", "event_noun"]

#: Stems (as ``statements.word_stem`` makes them) to the measure they name.
MEASURES = {
    "shot": "shot", "shoot": "shot",
    "kill": "killed", "dead": "killed", "died": "killed", "die": "killed", "death": "killed",
    "fatalit": "killed", "murder": "killed", "slain": "killed",
    "wound": "wounded",
    "injur": "injured", "injury": "injured", "hurt": "injured",
    "evacuat": "evacuated", "evacue": "evacuated", "fled": "evacuated", "flee": "evacuated",
    "displac": "evacuated",
    "releas": "released", "freed": "released", "free": "released",
    "arrest": "arrested", "detain": "arrested", "detention": "arrested",
    "return": "returned",
    "hospitaliz": "hospitalised", "hospitalis": "hospitalised",
    "missing": "missing", "rescu": "rescued",
}
#: Phrases that name a measure in several words (matched on folded text).
_PHRASES = [
    (re.compile(r"^(?:to )?(?:leav(?:e|es|ing)|left) (?:their|his|her|the) homes?\b"), "evacuated"),
    (re.compile(r"^(?:had |have |has )?(?:already )?(?:went|gone|go|goes|going|head(?:ed|ing|s)?|came|come) "
                r"(?:back )?home\b"), "returned"),
    (re.compile(r"^set free\b"), "released"),
    (re.compile(r"^(?:were |was |been )?(?:taken|transported|rushed|airlifted) to (?:an? |the )?(?:[\w.'’-]+ ){0,3}"
                r"(?:hospitals?|medical cent(?:er|re)s?|trauma cent(?:er|re)s?)\b"), "hospitalised"),
    (re.compile(r"^(?:were |was |been )?treated (?:at|in) (?:an? |the )?(?:[\w.'’-]+ ){0,3}"
                r"(?:hospitals?|medical cent(?:er|re)s?)\b"), "hospitalised"),
]
#: "Shot" that counts the dead: "fatally shot", "shot to death", "shot dead", "shot and
#: killed" ("5 people shot to death" is no count of everyone hit).
_FATALLY_BEFORE = re.compile(r"\bfatally\s+$", re.IGNORECASE)
_FATALLY_AFTER = re.compile(r"\s+(?:to\s+death|dead|and\s+killed)\b", re.IGNORECASE)
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
_AFTER = 12
_BEFORE = 4
#: Words that may stand between a counted noun and the predicate that measures it.
_LEADING = frozenset("""were was are is be been being have has had who that which all both each also later
reportedly then now still seriously critically fatally badly slightly gravely mortally with from in at
""".split())
#: An adverb, which may stand there too ("were severely injured", "were superficially hurt").
_ADVERB = re.compile(r"[a-z]{3,}ly")
#: Words after "with" that may lead to the measure ("with burns and other injuries").
_WITH_WORDS = 5
#: An apposition after the counted noun: ", including an elderly woman and her granddaughter,".
_APPOSITION = re.compile(r"\s*,\s*(?:including|among them|among whom|all|both|ages?|aged)\b[^,;.]{0,120},")
#: A place or group after the counted noun, up to the auxiliary of its predicate: "900
#: residents of Dornhill had been evacuated", "seven people inside the club were shot".
_PLACE_AFTER = re.compile(r"\s+(?:of|from|in|at|near|on|across|inside|outside)\s+(?:[\w.'’-]+\s+){0,5}?"
                          r"(?=(?:were|was|had|have|has|are|is|who)\b)", re.IGNORECASE)


def _measure_of_word(word: str) -> str | None:
    stem = word_stem(word)
    return MEASURES.get(stem) or MEASURES.get(fold(word))


#: What opens a verb's object: a count, a determiner, a pronoun or a name ("fatally shot
#: three men", "killed a woman", "wounded him", "shot Ada Crane").
_OBJECT = re.compile(r"\s+(?:\d|(?:a|an|the|his|her|their|its|him|them|one|two|three|four|five|six|seven|eight"
                     r"|nine|ten|eleven|twelve|several|dozens"
                     r"|(?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|January|February|March|April|May|June|July"
                     r"|August|September|October|November|December)[A-Z][a-z]+)\b)")
#: Verbs of harm whose object would be the people harmed (not "died": it has none).
_TRANSITIVE = re.compile(r"(?i:shot|killed|murdered|wounded|injured|hurt|stabbed|struck|hit)")
#: The auxiliaries of a passive ("were shot", "had been killed").
_AUXILIARIES = frozenset("were was are is be been being have has had".split())


def _scan(text: str, words: list[re.Match[str]], leading_only: bool = False) -> str | None:
    """The first measure the words name; with ``leading_only``, only while the words
    before it can lead up to a predicate (``_LEADING``), and not a verb the counted
    people did to others ("Three people fatally shot three men": active, no auxiliary
    before it, its object after it)."""
    free = 0  # words after "with" may name the condition ("with burns and other injuries")
    passive = False
    for m in words:
        if leading_only and fold(m.group()) in _AUXILIARIES:
            passive = True
        rest = fold(text[m.start():m.start() + 120])
        for pattern, measure in _PHRASES:
            if pattern.match(rest):
                return measure
        found = _measure_of_word(m.group())
        if found and leading_only and not passive and _TRANSITIVE.fullmatch(m.group()) \
                and _OBJECT.match(text, m.end()):
            return None  # the counted people did it: "Three people fatally shot three men"
        if found == "shot" and (_FATALLY_BEFORE.search(text, max(0, m.start() - 12), m.start())
                                or _FATALLY_AFTER.match(text, m.end())):
            return "killed"
        if found:
            return found
        word = fold(m.group())
        if word == "with":
            free = _WITH_WORDS
        elif free:
            free -= 1
        elif leading_only and word not in _LEADING and not _ADVERB.fullmatch(word):
            return None
    return None


#: Stems of a measure's concept that are no noun (a verb or an adjective: "seven died"
#: counts people, not deaths).
_NOT_NOUNS = frozenset({"die", "died", "dying", "dead", "kill", "slain", "hurt", "fled", "flee", "freed", "free"})


def event_noun(stem: str) -> bool:
    """A counted noun that is itself an event ("releases", "deaths", "evacuations"): it
    counts the things the event befalls."""
    return stem in MEASURES and stem not in _NOT_NOUNS and concept_of(stem).startswith("~")


def measure_of(text: str, start: int, end: int, noun_end: int, lo: int, hi: int, thing: str = "") -> str | None:
    """The measure of the count at ``text[start:end]`` (the figure; its counted noun ends
    at ``noun_end``) inside the statement ``text[lo:hi]``; None when no predicate says."""
    if thing and event_noun(thing):
        return MEASURES[thing]
    at = max(end, noun_end)
    passed = _APPOSITION.match(text, at, hi) or _PLACE_AFTER.match(text, at, hi)
    after = list(_WORD.finditer(text, passed.end() if passed else at, hi))[:_AFTER]
    found = _scan(text, after, leading_only=True)
    if found:
        return found
    # the active voice's verb is in the figure's own clause ("killing two"), not in one
    # before it ("A woman was killed, and three women and a man injured")
    clause = max(lo, max((text.rfind(p, lo, start) + 1 for p in ",;:"), default=lo))
    before = list(_WORD.finditer(text, clause, start))[-_BEFORE:]
    return _scan(text, list(reversed(before)))
