"""Helpers every cleaner shares: dates, language, outlet from a URL, explicit metadata."""

from __future__ import annotations

import re
import warnings
from datetime import datetime, timedelta, timezone
from urllib.parse import urlsplit

from dateutil import parser as date_parser

from ..errors import InputError
from ..model import Article, RawDocument

__all__ = [
    "ZONE_OFFSETS",
    "parse_datetime",
    "detect_language",
    "outlet_from_url",
    "apply_explicit_metadata",
    "drop_invisible_characters",
]

# Abbreviations that news sites print after a time. Ambiguous ones (CST: US Central
# vs China) take their most common news meaning; a numeric offset always wins.
ZONE_OFFSETS: dict[str, float] = {
    "UTC": 0, "GMT": 0, "Z": 0, "WET": 0, "BST": 1, "IST": 5.5, "CET": 1, "CEST": 2,
    "EET": 2, "EEST": 3, "MSK": 3, "EAT": 3, "WAT": 1, "SAST": 2, "CAT": 2, "PKT": 5,
    "NPT": 5.75, "ICT": 7, "WIB": 7, "HKT": 8, "SGT": 8, "PHT": 8, "AWST": 8, "JST": 9,
    "KST": 9, "AEST": 10, "AEDT": 11, "NZST": 12, "NZDT": 13, "EST": -5, "EDT": -4,
    "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7, "AKST": -9,
    "AKDT": -8, "HST": -10, "ART": -3, "BRT": -3,
}
_TZINFOS = {name: timezone(timedelta(hours=hours)) for name, hours in ZONE_OFFSETS.items()}

#: A date written on a page or in metadata is never longer than this (longer text is not
#: given to dateutil, whose time grows with it).
MAX_DATE_CHARS = 200

# "+5:30" / "+530" / "+05" -> "+05:30" / "+05:30" / "+05:00" so that parsers read them.
_SHORT_OFFSET = re.compile(r"(\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?) ?([+-])(\d{1,2}):?(\d{2})?\b")


def _normalise_offset(text: str) -> str:
    def repl(m: re.Match[str]) -> str:
        return f"{m.group(1)}{m.group(2)}{int(m.group(3)):02d}:{m.group(4) or '00'}"

    return _SHORT_OFFSET.sub(repl, text)


def parse_datetime(text: str, default_tz: timezone | None = None) -> tuple[datetime, bool] | None:
    """Parse a date or date-time as written on a page or in metadata.

    Returns ``(value, zone_known)``: ``value`` is always timezone-aware; when the text
    names no zone, ``default_tz`` (or UTC) is attached and ``zone_known`` is False so
    the caller can record that the zone was assumed. Returns None if it is not a date.
    """
    text = text.strip()
    if not text or len(text) > MAX_DATE_CHARS:
        return None
    candidate = _normalise_offset(text)
    try:
        value = datetime.fromisoformat(candidate.replace("Z", "+00:00"))
    except ValueError:
        try:
            with warnings.catch_warnings():  # unknown zone names: the caller notes the assumption
                warnings.simplefilter("ignore")
                value = date_parser.parse(candidate, tzinfos=_TZINFOS, fuzzy=False)
        except Exception:  # a heuristic parser: whatever it raises, the text is not a date
            return None
    if value.tzinfo is None:
        return value.replace(tzinfo=default_tz or timezone.utc), False
    return value, True


#: English function words. In English news prose they are a fifth of the words or more,
#: "the" alone about one in sixteen; in no other language is "the" a word, and the others
#: that are ("to" in Polish, "of" and "is" in Dutch, "for" in Danish) are never that
#: frequent together.
_ENGLISH_FUNCTION_WORDS = frozenset("the of and to a in is was that with for said".split())
_LATIN_WORD = re.compile(r"[a-z]+")
_PLAINLY_ENGLISH_MIN_WORDS = 30
_PLAINLY_ENGLISH_THE = 0.03
_PLAINLY_ENGLISH_FUNCTION_WORDS = 0.15


def _plainly_english(sample: str) -> bool:
    """Whether the sample is English by its function words alone: 30 words or more, "the"
    3% of them or more and the words of ``_ENGLISH_FUNCTION_WORDS`` 15% or more. Of the
    3,059 GVA, BASIL, ECB+ and NewsWCL50 dev texts this says it of 2,718, all English by
    reading; py3langid says English of all but one, a transcript in capitals it calls
    Lingala."""
    words = _LATIN_WORD.findall(sample.lower())
    n = len(words)
    if n < _PLAINLY_ENGLISH_MIN_WORDS:
        return False
    if words.count("the") < _PLAINLY_ENGLISH_THE * n:
        return False
    return sum(1 for w in words if w in _ENGLISH_FUNCTION_WORDS) >= _PLAINLY_ENGLISH_FUNCTION_WORDS * n


def detect_language(text: str) -> tuple[str | None, str | None]:
    """ISO 639-1 code of the text's language and how it was told (the note for the
    article's ``inferred``), or (None, None) when there is too little text. Plain
    English prose is told by its function words (:func:`_plainly_english`: the
    classifier costs as much as the rest of the cleaning); any other text by
    py3langid."""
    sample = text[:5000]
    if len(sample.split()) < 5:
        return None, None
    if _plainly_english(sample):
        return "en", "detected from the body text (English function words)"
    import py3langid  # loaded lazily: its model costs ~0.3 s at first use

    code, _score = py3langid.classify(sample)
    return str(code), "detected from the body text (py3langid)"


def outlet_from_url(url: str | None) -> str | None:
    """The registrable-looking host of a URL ("www.example.com" -> "example.com")."""
    if not url:
        return None
    host = urlsplit(url if "//" in url else "//" + url).hostname
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


def apply_explicit_metadata(article: Article, raw: RawDocument) -> Article:
    """Overwrite inferred values with the ones the user stated, and record provenance.

    ``article.inferred`` keeps, for each field the cleaner filled, how it was inferred;
    a field the user stated moves to ``article.explicit`` with where it was stated. A
    date that is not a date, or a genre other than news/opinion/blog, is ignored with a
    note (``inferred["<field>_rejected"]``) naming where it was stated.
    """
    from ..ingest.metadata import USER_STATED
    from .dates import HARD_RANGE, check_date, note_rejected
    from .genre import GENRES, user_genre

    for key, value in raw.metadata.items():
        if not value:
            continue
        origin = raw.metadata_origin.get(key, "metadata")
        if key in ("published", "updated"):
            check = check_date(value, raw.fetched_at)
            if check.value is None:
                article.explicit[key] = f"{origin}: {value!r} is not a date; ignored"
                note_rejected(article.inferred, key, origin, value, "not a date")
                continue
            if check.rejected:
                stated = origin.startswith(USER_STATED) and HARD_RANGE[0] <= check.value < HARD_RANGE[1]
                if not stated:  # a record's own field: the cleaner's date (if any) stays
                    note_rejected(article.inferred, key, origin, value, check.rejected)
                    continue
                origin += f" (implausible: {check.rejected}; kept because stated explicitly)"
            setattr(article, key, check.value)
            if not check.zone_known:
                origin += " (no time zone given; UTC assumed)"
        elif key in ("outlet", "url", "headline", "language", "byline"):
            setattr(article, key, value)
        elif key == "genre":
            genre = user_genre(value)
            if genre is None:
                note_rejected(article.inferred, key, origin, value, f"not one of {', '.join(GENRES)}; ignored")
                continue
            article.genre = genre
        else:
            continue
        article.inferred.pop(key, None)
        article.explicit[key] = origin
    if article.outlet is None and article.url:
        outlet = outlet_from_url(article.url)
        if outlet:
            article.outlet = outlet
            article.inferred["outlet"] = f"domain of url {article.url}"
    return article


#: Characters that only tell a renderer where a word may break or must not: a soft hyphen
#: inside "15-y\u00adear-old", a zero-width space, a word joiner, a byte-order mark left
#: mid-text. Invisible on the page, they split a word in two for every reader of the text
#: (the tokenizer, the entity recogniser, a search). Joiners that shape scripts and
#: emoji (U+200C, U+200D) and direction marks stay.
INVISIBLE = {"\u00ad": "soft hyphen", "\u200b": "zero-width space", "\u2060": "word joiner",
             "\ufeff": "byte-order mark"}
_INVISIBLE = re.compile("[" + "".join(INVISIBLE) + "]")


def drop_invisible_characters(article: Article) -> None:
    """Remove ``INVISIBLE`` characters from the article's text, paragraphs and headline
    (in place), saying how many in ``inferred["text"]``. A paragraph of nothing else
    goes; the body must keep some text."""
    counts: dict[str, int] = {}

    def clean(value: str) -> str:
        for m in _INVISIBLE.finditer(value):
            counts[m.group()] = counts.get(m.group(), 0) + 1
        return _INVISIBLE.sub("", value)

    if not (_INVISIBLE.search(article.text) or _INVISIBLE.search(article.headline or "")):
        return
    article.paragraphs = [p for p in (clean(p) for p in article.paragraphs) if p.strip()]
    if article.headline:
        article.headline = clean(article.headline).strip() or None
    if not article.paragraphs:
        raise InputError(article.source, "no article text: only invisible characters")
    article.text = "\n\n".join(article.paragraphs)
    said = ", ".join(f"{n} {INVISIBLE[ch]}{'s' if n > 1 else ''}" for ch, n in sorted(counts.items()))
    note = f"invisible characters removed ({said})"
    article.inferred["text"] = f"{article.inferred['text']}; {note}" if "text" in article.inferred else note
