"""Name normalisation for entity keys: accent and case folding, titles, possessives.

Everything here works on plain strings (and on token texts), so that a key is computed
the same way in every article and by every caller (:func:`entity_key`).
"""

from __future__ import annotations

import logging
import re

from ..text import fold, narrow

__all__ = [
    "KINDS",
    "LABEL_KINDS",
    "PERSON_TITLES",
    "STRONG_TITLES",
    "ROLE_NOUNS",
    "ORG_HEADS",
    "HONORIFICS",
    "PLACE_ALIASES",
    "STREET_DESIGNATORS",
    "place_name",
    "NAME_PARTICLES",
    "NAME_SUFFIXES",
    "fold",
    "fold_word",
    "is_title_word",
    "is_role_word",
    "kind_of",
    "name_bounds",
    "strip_name",
    "entity_key",
]

log = logging.getLogger(__name__)

KINDS = ("person", "org", "place")

#: spaCy NER label -> entity kind. NORP is handled separately (see entities.py):
#: a nationality or religion ("Venezuelan", "Spanish") is not a named referent and is
#: dropped; a political party or group name ("Democrats", "People's Party") is an org.
LABEL_KINDS = {"PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "place", "FAC": "place"}

_KIND_ALIASES = {
    "person": "person", "per": "person", "people": "person",
    "org": "org", "organisation": "org", "organization": "org", "norp": "org",
    "place": "place", "gpe": "place", "loc": "place", "fac": "place", "location": "place",
}

#: Honorifics and titles written before a name ("Governor Renée Duchâtel", "Dr Ingrid
#: Solberg", "US President Donald Trump"). Folded, without a trailing full stop.
PERSON_TITLES = frozenset("""
mr mrs ms miss mx dr prof professor sir dame lord lady rev revd reverend
president vice vice-president president-elect prime minister premier governor gov
senator sen rep representative congressman congresswoman mayor judge justice
general gen colonel col captain capt lieutenant lt sergeant sgt admiral adm commander cmdr
marshal major maj king queen prince princess emperor empress pope cardinal bishop archbishop
rabbi imam ayatollah sheikh sheik emir sultan chancellor secretary secretary-general
ambassador commissioner chairman chairwoman chair chief deputy interim acting former ex
speaker councillor councilman councilwoman alderman sheriff inspector detective det
attorney-general ceo father coroner detectives officer spokesman spokeswoman spokesperson prosecutor
investigator trooper corporal cpl patrolman pastor rapper
""".split())

#: Titles that on their own show the name after them is a person (used to correct
#: an NER label: ORG "President Varga" -> person). Words that also start organisation
#: names ("Chief", "Justice", "Saint") are left out.
STRONG_TITLES = frozenset("""
mr mrs ms mx dr prof sir dame rev revd president vice-president president-elect
governor gov senator sen rep congressman congresswoman mayor judge
general gen colonel col capt lieutenant lt sergeant sgt admiral adm
pope sheikh emir chancellor ambassador commissioner chairman chairwoman
""".split())

#: Head nouns of role phrases ("Venezuela's interim president", "the water authority's
#: chief engineer", "the broadcaster"). Folded.
ROLE_NOUNS = frozenset("""
president vice-president president-elect minister premier governor senator mayor leader chief
spokesman spokeswoman spokesperson secretary secretary-general chancellor king queen prince
princess emperor monarch pope engineer director director-general chairman chairwoman chair head
commander general ambassador candidate judge official adviser advisor envoy lawyer attorney
attorney-general founder co-founder executive ceo manager coach captain officer commissioner
deputy lawmaker legislator congressman congresswoman representative diplomat analyst economist
professor doctor broadcaster host presenter anchor journalist reporter correspondent editor
author writer activist member negotiator prosecutor investigator researcher scientist
historian speaker councillor sheriff inspector colonel admiral marshal administrator treasurer
counsel mediator owner chairperson governor-general vicar bishop archbishop cardinal rabbi imam
strongman dictator master harbourmaster spokesman coroner detective trooper pastor principal
""".split())

#: Titles that say nothing about a role ("Mr", "Dr"): person evidence, never an alias.
HONORIFICS = frozenset("mr mrs ms miss mx dr prof sir dame rev revd".split())

#: Words that mark an organisation name ("Tavrin People's Party", "Harbour Authority").
ORG_HEADS = frozenset("""
party front movement alliance union coalition league congress council federation bloc caucus
department ministry office house agency bank court university college institute committee
commission authority company corporation group association organisation organization
foundation fund service services board network news times post
""".split())

#: Lower-case words that belong inside a name ("Charles de Gaulle", "Ursula von der Leyen").
NAME_PARTICLES = frozenset("de del della der di da das do dos du la le van von den ter bin bint al el y e".split())

#: A small table of place names that are written several ways; keys use the right side.
PLACE_ALIASES = {
    "us": "united states", "usa": "united states", "united states of america": "united states",
    "uk": "united kingdom", "britain": "united kingdom", "great britain": "united kingdom",
    "uae": "united arab emirates", "drc": "democratic republic of the congo",
}

#: The last word of a street's name, folded, -> its long form: "Dwight St." and "Dwight
#: Street" are one place. The short forms are never a person's surname; the long ones can
#: be ("Jack Street"), which ``entities`` weighs.
STREET_DESIGNATORS = {
    "st": "street", "street": "street", "ave": "avenue", "av": "avenue", "avenue": "avenue",
    "blvd": "boulevard", "boulevard": "boulevard", "rd": "road", "road": "road", "ln": "lane",
    "lane": "lane", "dr": "drive", "drive": "drive", "pkwy": "parkway", "parkway": "parkway",
    "hwy": "highway", "highway": "highway",
}


def place_name(folded: str) -> str:
    """The key form of a folded place name: one spelling of places written several ways
    (``PLACE_ALIASES``) and of a street's designator ("dwight st" -> "dwight street")."""
    folded = PLACE_ALIASES.get(folded, folded)
    head, _, last = folded.rpartition(" ")
    if head and last in STREET_DESIGNATORS:
        return f"{head} {STREET_DESIGNATORS[last]}"
    return folded


def fold_word(word: str) -> str:
    """Fold one token or word and take off a trailing full stop ("Dr." -> "dr")."""
    return fold(word).rstrip(".")


def is_title_word(word: str) -> bool:
    return fold_word(word) in PERSON_TITLES


def is_role_word(word: str) -> bool:
    return fold_word(word) in ROLE_NOUNS


def kind_of(label: str) -> str:
    """Map a spaCy label or a kind name to ``person``, ``org`` or ``place``."""
    kind = LABEL_KINDS.get(label) or _KIND_ALIASES.get(label.casefold())
    if kind is None:
        raise ValueError(f"unknown entity kind {label!r}: use one of {', '.join(KINDS)} "
                         f"or a spaCy label ({', '.join(LABEL_KINDS)}, NORP)")
    return kind


_WORD = re.compile(r"\S+")
_EDGE_PUNCT = ",;:()[]\"“”‘'’"


def name_bounds(text: str, kind: str) -> tuple[int, int] | None:
    """Character offsets ``[start, end)`` of the name inside ``text`` once a leading
    "the", a trailing "and", leading titles (with the office before them: "Anderson County
    Coroner"), a caption's labels and kin ("Nephew") (persons), a trailing
    possessive and an encyclopaedia's footnote mark are taken off; None when nothing is
    left (an ORG span that is only "President") or the span is a link or a handle."""
    if _LINK_ONLY.match(text):
        return None  # "http://bit.ly/...", "@StationNews", "pic.twitter.com/...": no name
    footnote = _FOOTNOTE.search(text)
    if footnote is not None:  # "Los Angeles.[35", "Air Force One.[6][21": the name before the mark
        text = text[:footnote.start()]
        if not any(ch.isupper() for ch in text):
            return None  # '"kill myself".[72] Rod': the capital was the next sentence's
    words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    paren = text.find("(")
    if paren > 0:  # "World Health Organization (WHO" -> the name before the bracket
        words = [(a, b) for a, b in words if b <= paren]

    def word(i: int) -> str:
        a, b = words[i]
        return text[a:b]

    while words and fold_word(word(0)) == "the":
        words = words[1:]
    while len(words) > 1 and word(-1) in ("and", "or"):  # "Main Street and" (before "Elm Rd.")
        words = words[:-1]
    if kind == "person" and len(words) > 1:
        texts = [word(i) for i in range(len(words))]
        last_title = -1
        for i, w in enumerate(texts[:-1]):
            if is_title_word(w.rstrip(",")):
                last_title = i
        if last_title >= 0 and _strippable(texts, last_title):
            words = words[last_title + 1:]
        while len(words) > 1 and word(0)[:1].islower() and fold_word(word(0)) not in NAME_PARTICLES:
            words = words[1:]
        while len(words) > 2 and (fold_word(word(0)) in _CAPTION_LABELS or fold_word(word(0)) in _KIN):
            words = words[1:]  # "Victims Shane Newland", "Family Handout Alexis Mercer", "Nephew Tobias Wendt"
    if not words:
        return None
    start, end = words[0][0], words[-1][1]
    last = narrow(text[words[-1][0]:end])
    if last in ("'s", "'") and len(words) > 1:
        end = words[-2][1]
    elif last.endswith("'s") and len(last) > 2:
        end -= 2
    elif last.endswith("s'") and len(last) > 2:
        end -= 1
    while start < end and text[start] in _EDGE_PUNCT:
        start += 1
    while end > start and text[end - 1] in _EDGE_PUNCT:
        end -= 1
    if kind == "person" and start < end:
        start, end = _person_words(text, start, end)
        if text[start:end].endswith(("'s", "’s")) and end - start > 2:
            end -= 2  # "Joseph’s 1-year-old" cut after "Joseph’s"
        if all(fold_word(w) in NAME_PARTICLES for w in text[start:end].split()):
            return None  # "de" of "de NBC12"
    if start >= end:
        return None
    if all(fold_word(w) in PERSON_TITLES or fold_word(w) == "the" for w in text[start:end].split()):
        return None
    return start, end


#: Words a photo caption or a list puts before a person's name ("Photos Lety Hernandez",
#: "Handout Alexis Mercer", "Victims Shane Newland, 42, and ..."), never a name's first word.
_CAPTION_LABELS = frozenset({"photo", "photos", "handout", "victim", "victims", "suspect", "suspects", "toddler",
                             "mugshot", "courtesy", "pictured", "booking", "family", "file"})
#: Kin before a full name in title case ("Nephew Tobias Wendt said"): who the person is to
#: someone, not part of the name.
_KIN = frozenset({"nephew", "niece", "brother", "sister", "cousin", "uncle", "aunt", "son", "daughter", "grandson",
                  "granddaughter", "grandmother", "grandfather", "stepfather", "stepmother", "stepson", "stepdaughter"})
#: An encyclopaedia's footnote mark after a name, with the full stop before it: ".[35".
_FOOTNOTE = re.compile(r"\.?\[\d")
#: A span that is a link or a handle, not a name (any kind's: "Amazon.com" stays a name).
_LINK_ONLY = re.compile(r"\s*(?:https?://|@\w|pic\.twitter\.com)")
#: A link or handle, not a person's name's word ("pic.twitter.com/...", "@wsoctv").
_LINK = re.compile(r"@|://|\.[a-z]{2,}")
#: A number written alone: no person's name holds one ("Fox 8", "N. Loop 323").
_NUMBER = re.compile(r"\d[\d,.]*")
#: A name's last word that keeps its full stop: an initial, "Jr.", "Sr.", "St.".
_ABBREVIATION_END = re.compile(r"(?:(?<![^\W\d_])[^\W\d_]|\b(?:Jr|Sr|St|Snr|Jnr))\.$")
#: What a person's name is written with: letters, apostrophes, hyphens, full stops, and a
#: nickname's quotation marks ("Luis “Fat Boy” Gonzalez").
_NAME_WORD = re.compile(r"[\"“‘]?[^\W\d_](?:[^\W\d_]|['’.-])*[\"”’]?")


def _person_words(text: str, start: int, end: int) -> tuple[int, int]:
    """The words of ``text[start:end]`` that can be a person's name (all of them where a
    number stands alone among them: no person's name, and not read here): not the clock
    time before it ("2:18 Ryan Duke"), nor a credit, a link, a phone number, an age or a
    sentence's full stop after it ("Kim Hairston/Baltimore Sun", "Michael Davis Jr.
    pic.twitter.com/...", "Jimmy Lyons,32", "Joseph Horn."): from the first word written
    as a name word up to the first character no name holds (a footnote mark is cut
    before, for every kind of name: ``_FOOTNOTE``)."""
    words = list(re.finditer(r"\S+", text[start:end]))
    if any(_NUMBER.fullmatch(w.group()) for w in words):
        # no person but a station, an address ("Fox 8", "N. Loop 323"): left as found,
        # for it still tells which articles are about one place (story grouping reads it)
        return start, end
    while words and not _NAME_WORD.fullmatch(words[0].group().rstrip(",")):
        words.pop(0)  # "2:18", "•"
    if not words:
        return start, start
    out_end = start + words[0].start()
    for w in words:
        head = _NAME_WORD.match(w.group())
        if head is None or _LINK.search(w.group()) or (head.end() < len(w.group()) and w.group()[head.end()].isdigit()):
            break  # not a name's word: a link, a handle, "Q13Fox"
        out_end = start + w.start() + head.end()
        if head.end() < len(w.group().rstrip(",;:")):
            break  # "Hairston/Baltimore", "Lyons,32": the name ends inside this word
    first = start + words[0].start()
    if text[out_end - 1] == "." and out_end - first > 1 and not _ABBREVIATION_END.search(text, first, out_end):
        out_end -= 1  # a sentence's full stop ("Joseph Horn."), not an initial's or "Jr."'s
    return first, out_end


#: Generational suffixes after a surname ("Martin Luther King Jr", "Henry Ford II"), folded.
NAME_SUFFIXES = frozenset("jr sr ii iii iv".split())
_ANCHOR_TITLES = STRONG_TITLES | {"minister", "secretary", "premier"}
#: Words that end the name of an office a title belongs to ("Anderson County Coroner",
#: "Pittsburgh Police Spokeswoman"): the words before the title are the office, not the name.
_OFFICE_WORDS = frozenset({"county", "city", "parish", "township", "police", "pd", "department", "dept", "sheriff's",
                           "fire", "state", "district", "university", "school", "schools", "court"})


def _strippable(words: list[str], last_title: int) -> bool:
    """Whether ``words[:last_title + 1]`` is a title prefix and not part of the name.

    "US President Donald Trump", "Venezuela's interim President Delcy Rodríguez",
    "Foreign Minister Ana Ruiz" strip; "Martin Luther King Jr" and "Yves Saint Laurent"
    do not: a title-case word before the title must be an acronym or a possessive, unless
    the title itself is unambiguous (President, Governor, Minister...).
    """
    rest = [fold_word(w) for w in words[last_title + 1:]]
    if not rest or all(w in NAME_SUFFIXES for w in rest) or any(w in PERSON_TITLES for w in rest):
        return False
    if not words[last_title + 1][:1].isupper():
        return False
    if fold_word(words[last_title].rstrip(",")) in _ANCHOR_TITLES:
        return True
    if any(fold_word(narrow(w)) in _OFFICE_WORDS for w in words[:last_title]):
        return True  # "Anderson County Coroner Greg Shore", "Pittsburgh Police Spokeswoman Sonya Toler"
    for word in words[:last_title]:
        w = narrow(word).rstrip(",")
        if not (is_title_word(w) or w.isupper() or w[:1].islower() or w.endswith("'s")):
            return False
    return True


def strip_name(name: str, kind: str) -> str:
    """A name as written with titles, a leading "the" and a trailing possessive taken off.

    ``strip_name("US President Donald Trump's", "person") == "Donald Trump"``.
    """
    bounds = name_bounds(name, kind_of(kind))
    return "" if bounds is None else " ".join(name[bounds[0]:bounds[1]].split())


#: A hyphen inside a person's name ("Kim Jong-un", "Jean-Luc"): news writes such names with
#: and without it, so the key reads it as a space.
_HYPHEN_IN_NAME = re.compile(r"(?<=\w)-(?=\w)")


def entity_key(name: str, kind: str) -> str:
    """The cross-article key of a name: ``"<kind>:<folded name>"``.

    Titles and honorifics are dropped for persons ("Governor Renée Duchâtel" ->
    ``person:renee duchatel``), a leading "the" and a trailing "'s" for every kind,
    accents and case are folded, a hyphen inside a person's name is a space ("Kim
    Jong-un" and "Kim Jong Un" are ``person:kim jong un``), and a few places written
    several ways share one key (``place:united states`` for "US", "U.S.A.", "United
    States"). A surname alone keys
    on the surname (``person:rodriguez``): extract_entities resolves a surname to the
    full name only when the same article gives it; linking across articles is the
    compare stage's job.
    """
    norm_kind = kind_of(kind)
    folded = fold(strip_name(name, norm_kind)) or fold(name)
    if norm_kind == "place":
        folded = place_name(folded)
    elif norm_kind == "person":
        folded = _HYPHEN_IN_NAME.sub(" ", folded)
    return f"{norm_kind}:{folded}"
