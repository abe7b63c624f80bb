"""Whether a cited statement reads alone: a whole sentence a reader can take as it is
shown (a summary line, the wording of a fact), not a clause cut from a longer one, a
caption, a teaser cut off, or someone's words with no one saying them. Pure.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from storylens.compare.textspans import sentence_spans
from storylens.model import Article, Citation

__all__ = ["OPENING_QUOTES", "SPEECH", "closes_a_quotation", "leaves_a_quotation_open", "opens_with_a_pronoun",
           "reads_alone", "sayable", "unquoted"]

OPENING_QUOTES = "\"“‘'"
#: A quotation of four words or more (fewer are a name or scare quotes: "best-case scenario").
_QUOTED_WORDS = re.compile(r"[\"“](?:[^\"“”\s]+\s+){3,}[^\"“”]*[\"”]")
SPEECH = re.compile(r"\b(?:said|says|say|told|tells|according|stated|added|wrote|writes|posted|announced|noted|claim(?:s|ed)?"
                    r"|explained|asked|replied|reported|testified|insisted|argued|warned|declared)\b", re.I)


#: A sentence that opens with a personal pronoun ("He is being held on $1 million bond.",
#: "It happened at ..."): whole, but who is meant is in the sentence before it.
_PRONOUN_OPENING = re.compile(r"^\W*(?:he|she|they|it|his|her|their|its|him|them)\b", re.IGNORECASE)


def opens_with_a_pronoun(text: str) -> bool:
    """Whether the sentence opens with a personal pronoun: who it is about is said
    elsewhere."""
    return _PRONOUN_OPENING.match(text) is not None


#: A photo credit a caption opens with: "Jeff Lane/for the Daily Post", "AP Photo/City
#: Police", "Ann Lee/Getty Images" (names joined by a slash, the first word or two in).
_PHOTO_CREDIT = re.compile(r"^(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.'’-]*/(?:for\s+(?:the\s+)?)?[A-Z]")


#: A sentence cut off where a teaser or a caption ends ("David Conley, who is accused of
#: killing six children and two...").
_CUT_OFF = re.compile(r"(?:\.\.\.|…)\s*$")
#: The tail of a caption's credit before the sentence ("Register)New Haven Police
#: investigate ..."): a bracket closed that the sentence never opened.
_CLOSES_UNOPENED = re.compile(r"^[^()]{1,40}\)")


#: A sentence that points the reader at the page's own media ("Below are some of the photos
#: shared ...", "Watch the video above.", "Click here for ..."): the page's furniture, no
#: account of what happened.
_POINTS_AT_THE_PAGE = re.compile(r"(?:below|above)\b.{0,80}\b(?:photos?|pictures?|images?|videos?|tweets?|posts?"
                                 r"|slideshow|gallery|maps?|footage|clips?|reactions?)\b"
                                 r"|(?:watch|see|view|check\s+out|scroll)\b.{0,80}\b(?:below|above)\b|click\s+here\b",
                                 re.IGNORECASE)


@lru_cache(maxsize=16384)
def sayable(text: str) -> bool:
    """Whether a statement can stand alone in a summary: a whole sentence (it begins with
    a capital or a digit and ends a sentence, not a clause cut at a comma or a
    semicolon, nor a teaser cut off with an ellipsis), not a photo caption (it opens with
    the photo's credit, or the end of one: a bracket it never opened), not a pointer to the
    page's media (it opens with "Below are the photos", "Watch the video above"), and not a piece
    of someone's quotation without its speaker (it opens a quotation, leaves one open,
    or quotes four words or more, and names no one saying it)."""
    t = text.strip()
    body = t.lstrip(OPENING_QUOTES + "([—–- ")
    if not body or not (body[0].isupper() or body[0].isdigit()) or _PHOTO_CREDIT.match(body) \
            or _POINTS_AT_THE_PAGE.match(body):
        return False
    if not re.search(r"[.!?…][\"”’')\]]*$", t) or _CUT_OFF.search(t) or _CLOSES_UNOPENED.match(t):
        return False
    quotes = t.count('"') % 2 or t.count("“") != t.count("”")
    if (t[0] in OPENING_QUOTES or quotes) and not SPEECH.search(unquoted(t)):
        return False
    if _QUOTED_WORDS.search(t) and not (_names_someone_saying(unquoted(t)) or _INTRODUCED.search(t)):
        return False  # someone's words ('managers are on their own, "or else a strong ..."') with no one saying them
    return True


#: Verbs that tell someone's words beside the plain ones of ``SPEECH`` ("apologized to
#: ... and 'anyone I may have offended'", "called it", "described the bill as").
_TELLING = re.compile(r"\b(?:call|describ|apologi[sz]|warn|urg|vow|promis|plead|recall|tweet|admit|den(?:y|ie)"
                      r"|acknowledg|conced|suggest|predict|blam|prais|critici[sz]|accus|respond|complain|characteri[sz]"
                      r"|dismiss|label|term|question|demand|pledg|boast|joke|quip|chant|shout|yell|scream)\w*"
                      r"|\bwent on\b", re.IGNORECASE)
#: A quotation a colon introduces ("underscores the prime minister's message: "The world
#: needs ...""): the words before the colon say whose.
_INTRODUCED = re.compile(r":\s*[\"“]")


def _names_someone_saying(unquoted: str) -> bool:
    """Whether a sentence's own words (outside its quotations) tell whose words it quotes:
    a verb of saying, or a name (a capitalised word after the first: "Mr. Braley")."""
    return bool(SPEECH.search(unquoted) or _TELLING.search(unquoted)
                or re.search(r"(?<=\s)[A-Z][a-z]", unquoted.strip()))


def unquoted(text: str) -> str:
    """The sentence without the words inside its quotations (one it starts inside of runs
    from its start, one left open to its end): "I would say it" is the speaker's word, not
    the writer's saying whose."""
    if closes_a_quotation(text):
        text = text[next(i for i, ch in enumerate(text) if ch in '"“”') + 1:]
    text = re.sub(r"[\"“][^\"“”]*[\"”]", " ", text)
    opened = re.search(r"[\"“]", text)
    return text[:opened.start()] if opened else text


def closes_a_quotation(text: str) -> str | None:
    """The opening mark of the quotation the sentence starts inside of (its first quotation
    mark closes one opened in an earlier sentence: 'Nobody goes home until the wall
    holds," the governor said.'), else None."""
    at = next((i for i, ch in enumerate(text) if ch in '"“”'), None)
    if at is None or text[at] == "“":
        return None
    if text[at] == "”":
        return "“"
    closing = at > 0 and not text[at - 1].isspace() and (at + 1 == len(text) or not text[at + 1].isalnum())
    return '"' if closing and text.count('"') % 2 else None


def leaves_a_quotation_open(text: str) -> str | None:
    """The closing mark of a quotation the sentence opens and does not close (it goes on
    in the next sentence: '"We will not gamble with a single life.'), else None; a mark
    that closes a quotation begun before the sentence (:func:`closes_a_quotation`) is not
    counted."""
    marks = [ch for ch in text if ch in '"“”']
    if closes_a_quotation(text):
        marks = marks[1:]
    if marks and marks[-1] == "“":
        return "”"
    return '"' if marks.count('"') % 2 else None


def reads_alone(c: Citation, by_id: Mapping[str, Article]) -> bool:
    """Whether a citation can be shown as it is: :func:`sayable`, and whole sentences of
    its article's body, one or those of one quotation in one paragraph (not a headline,
    nor a clause cut from a sentence at a semicolon: "Shamekia Sanders, 17; and Krystal
    Hutto, 28.")."""
    if c.field != "text" or not sayable(c.text):
        return False
    article = by_id.get(c.article_id)
    if article is None:
        return True
    spans = sentence_spans(article.text)
    return (c.start, c.end) in spans or ("\n" not in c.text and any(s == c.start for s, _ in spans)
                                         and any(e == c.end for _, e in spans))
