"""Text normalisation every stage shares: one accent/case fold, so that the key of a name
is the same in extraction, story grouping and comparison.

``fold("Renée Duchâtel")`` -> ``"renee duchatel"``; ``fold("œuvre")`` -> ``"oeuvre"``;
full stops dropped (``"U.S.A."`` -> ``"usa"``), apostrophes and dashes normalised, runs
of white space collapsed. Also the English function words (``STOP_WORDS``) and the crude
stem (``cheap_lemma``) that story grouping and the comparison both read words with, and
the US states as news writes them (``is_us_state``: datelines, and towns written "Gary,
Ind.").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["MONTH_WORD", "NUMBER_WORDS", "STOP_WORDS", "US_STATE_ABBREVIATION", "WEEKDAY_WORD", "casefold_words",
           "cheap_lemma", "fold", "fold_text", "is_us_state", "narrow", "stripped_span"]

#: Letters NFKD does not decompose, and typographic apostrophes and dashes.
_NARROW = str.maketrans({
    "ø": "o", "Ø": "o", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ł": "l", "Ł": "l",
    "đ": "d", "Đ": "d", "ð": "d", "Ð": "d", "þ": "th", "Þ": "th", "ı": "i", "’": "'", "‘": "'", "ʼ": "'", "`": "'",
    "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "ß": "ss",
})
_SPACES = re.compile(r"\s+")
#: Numbers news spells out, zero to twenty.
NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}
_WORDS = re.compile(r"\w+")


def fold_text(text: str) -> str:
    """Accent-, case- and punctuation-fold ``text`` (see the module docstring); for
    article-length text, which is folded once (:func:`fold` is the same fold, cached)."""
    if text.isascii():  # NFKD leaves ASCII as it is, and "`" is its one letter to narrow
        if "`" in text:
            text = text.replace("`", "'")
    else:
        text = unicodedata.normalize("NFKD", text.translate(_NARROW))
        if not text.isascii():  # (what was not ASCII may be now: "’" -> "'")
            text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.casefold().replace(".", "")
    return _SPACES.sub(" ", text).strip()


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """:func:`fold_text`, cached: for names, keys and words, folded again and again."""
    return fold_text(text)


def casefold_words(text: str) -> str:
    """The words of ``text`` case-folded, one space between them (punctuation dropped,
    accents kept): "About 300 crew, members." -> "about 300 crew members"; for telling
    whether one wording holds another (pad both with spaces and test ``in``)."""
    return " ".join(_WORDS.findall(text.casefold()))


def narrow(text: str) -> str:
    """``text`` with the letters NFKD leaves alone spelled out and typographic apostrophes
    and dashes made plain (case and accents kept): "O’Neil" -> "O'Neil"."""
    return text.translate(_NARROW)


#: A month's name or its abbreviation ("Sept.", "June", "Jan"; not "Mayor" or "Marching"),
#: and a weekday's name: parts of regular expressions, written capitalised (with
#: ``re.IGNORECASE`` they match any case).
MONTH_WORD = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?"
              r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b\.?")
WEEKDAY_WORD = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
#: The words that label a page's date stamp ("Posted", "Last updated", "Originally
#: published"), matched ignoring case: the cleaner reads a page's times after them, the
#: comparison keeps the stamps left in a text out of its facts and its timeline.
STAMP_LABEL = r"(?:(?:last|first|originally)\s+)?(?:posted|updated|published|modified)"

#: English function words (a fixed list so both feature sources drop the same words).
STOP_WORDS = frozenset("""
a about above after again against all almost also although am among an and another any anyone anything are
around as at be became because been before being below between both but by can could did do does doing done
down during each either else even ever every few for from further get gets got had has have having he her here
hers herself him himself his how however i if in into is it its itself just least less like made make many may
me might more most much must my myself neither no nor not now of off often on once one only or other others
our ours ourselves out over own per perhaps put rather said same say says see seem several she should since so
some such than that the their theirs them themselves then there these they this those though through thus to
too under until up upon us very via was we well were what whatever when where whether which while who whom
whose why will with within without would yet you your yours yourself yourselves mr mrs ms dr st
""".split())


@lru_cache(maxsize=65536)
def cheap_lemma(word: str) -> str:
    """A crude English stem for folded words, the same for every inflected form
    ("evacuations"/"evacuation", "offered"/"offers"/"offering", "declined"/"declines")."""
    w = word
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 4 and w.endswith(("sses", "shes", "ches", "xes")):
        w = w[:-2]
    elif w.endswith("'s"):
        w = w[:-2]
    elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    stripped = False
    if len(w) > 5 and w.endswith("ing"):
        w, stripped = w[:-3], True
    elif len(w) > 4 and w.endswith("ed") and not w.endswith("eed"):
        w, stripped = w[:-2], True
    if stripped and len(w) > 3 and w[-1] == w[-2] and w[-1] not in "lsz":
        w = w[:-1]
    if len(w) > 3 and w.endswith("e"):
        w = w[:-1]
    return w


#: A US state as news abbreviates it (AP style: "Va.", "Calif.", "N.Y.", "Ks.").
US_STATE_ABBREVIATION = re.compile(
    r"(?:Ala|Ariz|Ark|Calif|Colo|Conn|Del|Fla|Ga|Ill|Ind|Kan|Kans|Ks|Ky|La|Md|Mass|Mich|Minn|Miss|Mo|Mont|Neb"
    r"|Nev|Okla|Ore|Pa|Tenn|Tex|Vt|Va|Wash|Wis|Wyo|N\.[HJMYCD]|R\.I|S\.[CD]|W\.\s?Va|D\.C)\.")
_US_STATE_NAMES = frozenset("""
alabama alaska arizona arkansas california colorado connecticut delaware florida georgia hawaii idaho illinois
indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan minnesota mississippi missouri montana
nebraska nevada ohio oklahoma oregon pennsylvania tennessee texas utah vermont virginia washington wisconsin wyoming
""".split()) | {"new hampshire", "new jersey", "new mexico", "new york", "north carolina", "north dakota", "rhode island",
               "south carolina", "south dakota", "west virginia"}
_US_STATE_CODES = frozenset("""
AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI
SC SD TN TX UT VT VA WA WV WI WY DC
""".split())


def is_us_state(name: str) -> bool:
    """Whether ``name`` is a US state written out ("Illinois"), as AP abbreviates it
    ("Ind.", "N.Y.") or by its postal code in capitals ("WI")."""
    name = name.strip()
    return (fold(name) in _US_STATE_NAMES or name in _US_STATE_CODES
            or US_STATE_ABBREVIATION.fullmatch(name) is not None)


def stripped_span(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` of ``text`` without the white space at either end (empty, at
    ``end``'s side, when it is all white space)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
