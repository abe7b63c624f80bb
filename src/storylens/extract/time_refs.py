"""Time references: find time expressions in a spaCy Doc and normalise them to TIMEX3 values.

``extract_time_refs(doc, anchor)`` runs the rules of :mod:`time_refs_patterns` over
``doc.text``, keeps the longest of overlapping matches, reads the tense of the verb that
governs each expression from the parse (past: VBD/VBN or a past auxiliary; future: "will",
"shall", "'ll", "going to", or a present-tense "expect/plan/schedule/due" frame; present:
VBZ/VBP/VBG) and resolves it against the anchor date — the article's published time in its
own time zone (``anchor.date()``; no conversion to UTC, so an article published at 00:30
+01:00 on the 13th is anchored on the 13th).

Past vs future follows news usage: a bare weekday in a past-tense sentence is the latest
such day on or before the anchor (so "on Friday" in a Friday article is that day), in a
future sentence the next one from it (in a Friday article, "will meet Friday" is that
day too: news names the day of writing by its name); "last"/"next" override the tense.
A month or a day without a year goes to the most recent occurrence in a past-tense
sentence, the next one in a future sentence ("is to" + a verb is one: "testimony is to
continue Thursday"), and the nearest one otherwise. A past
participle of a schedule or expectation frame that modifies a noun ("the election slated
for June 25", "the ruling, expected by June") is no past tense: it sets none.

Without an anchor, values keep only what the text states (see :mod:`time_refs_resolve`)
and every TimeRef has ``anchor=None``. With an anchor, every TimeRef carries its ISO date.
"""

from __future__ import annotations

import bisect
import logging
import re
from datetime import date, datetime
from typing import TYPE_CHECKING

from ..model import TimeRef
from .time_refs_calendar import PAST_PROGRESSIVE, Tense
from .time_refs_patterns import RULES, rule_scanner
from .time_refs_resolve import Context, resolve
from .nlp import text_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["extract_time_refs", "tense_at"]

log = logging.getLogger(__name__)

_FUTURE_AUX = {"will", "shall", "'ll", "wo"}
_FUTURE_FRAMES = {"expect", "plan", "schedule", "due", "set", "intend", "aim", "hope", "prepare", "go"}
#: Frames that are other verbs as often ("the sun sets over the square Tuesday night"):
#: a frame only where the date is reached through "for" or "to" ("is set for Monday").
_FRAMES_IN_ANOTHER_SENSE = {"set"}
#: Past participles that, modifying a noun ("the election slated for June 25"), set no past.
_SCHEDULE_PARTICIPLES = _FUTURE_FRAMES | {"slate"}
#: Verbs that set a date ("scheduled for", "postponed until", "continued to"), and the
#: prepositions that give it: the date they set has no tense of its own.
_SCHEDULING = {"schedule", "reschedule", "set", "slate", "postpone", "delay", "adjourn", "continue", "move", "push"}
_TO_A_DATE = {"for", "until", "till", "to"}
_MAY_CONTEXT = {"in", "since", "until", "till", "by", "through", "during", "before", "after", "early", "late",
                "mid", "last", "next", "this", "of", "from", "to", "on", "between", "and"}
_NUMERIC_ENTS = {"MONEY", "CARDINAL", "QUANTITY", "PERCENT"}
#: Words before a date that make it a noun's modifier ("the Sept. 10 cable", "his May 3 letter").
_DETERMINERS = {"a", "an", "the", "its", "his", "her", "their", "our", "this", "that", "whose"}
#: Words that are time references in some sentences but far more often not ("once", "earlier")
#: or that TimeML leaves untagged ("previously": 3 of 23 tagged in TimeBank/AQUAINT).
#: Verbs whose object is a stretch of time ("spend the next day", "took the following morning").
_SPENDING = {"spend", "take", "last", "wait", "need", "give"}
_UNSAFE_REFS = {"once", "earlier", "one day", "the moment", "any time", "eventually", "that time", "this time",
                "so far", "to date", "shortly", "previously"}


def _verb_tense(verb: "Token") -> Tense:
    """Tense of one verb from its auxiliaries, then its tag."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    lowers = {a.lower_ for a in auxes}
    if lowers & _FUTURE_AUX or any(a.lemma_ in ("will", "shall") for a in auxes):
        return "future"
    if "going" in lowers and any(c.lower_ == "to" for c in verb.children):
        return "future"
    if any(a.lemma_ == "have" for a in auxes):
        return "past"  # perfect: "has risen", "had agreed"
    if any(a.tag_ == "VBD" for a in auxes):
        return "past"  # "was read", "did not say"
    if any(a.tag_ == "MD" for a in auxes):
        return None  # "would", "could", "may": no time of its own
    if any(a.tag_ in ("VBZ", "VBP") for a in auxes):
        return "present"  # "is scheduled", "are meeting"
    if verb.dep_ == "xcomp" and verb.head.lemma_ in _FUTURE_FRAMES and any(a.lower_ == "to" for a in auxes):
        head = _verb_tense(verb.head)  # "is scheduled to be arraigned June 12": a plan, not a past
        return "future" if head in ("present", "future") else None
    if verb.tag_ == "VBN" and verb.dep_ == "acl" and verb.lemma_ in _SCHEDULE_PARTICIPLES:
        return None  # "the election slated for June 25", "the ruling, expected by June": no past
    if verb.tag_ in ("VBD", "VBN"):
        return "past"
    if verb.tag_ in ("VBZ", "VBP", "VBG"):
        return "present"
    if verb.tag_ == "VB" and verb.dep_ == "xcomp" and verb.head.lemma_ == "be" and verb.head.tag_ in ("VBZ", "VBP") \
            and verb.lemma_ != "blame":  # ("he is to blame": no plan)
        return "future"  # "Testimony is to continue Thursday", "the council is to vote in May"
    if verb.tag_ == "VB" and verb.dep_ == "xcomp" and verb.head.lemma_ in _FUTURE_FRAMES:
        head = _verb_tense(verb.head)
        return "future" if head in ("present", "future") else None
    return None


def tense_at(span: "Span") -> Tense:
    """Tense of the verb that governs ``span`` ("past", "future", "present" or None).

    None when no verb governs it directly: an expression that modifies a noun or an
    adjective ("the 7 March vote", "Friday's purchases", "payable Dec. 15") says nothing
    through the sentence's tense about when it is; nor when it is the date a verb of
    scheduling in the past tense set ("scheduled a hearing for Sept. 25", "the trial was
    postponed until March 3": the date may lie ahead of the writing).
    """
    token = span.root
    # the prepositions on the way up, and those heading a word of the span ("for 9:30
    # a.m. Sept. 25", whose root "Sept." hangs from the verb itself)
    through = {t.head.lower_ for t in span if t.head.dep_ == "prep" and not span.start <= t.head.i < span.end}
    for _ in range(8):
        if token.pos_ in ("VERB", "AUX") and token.dep_ != "amod":
            break
        if token.head is token:
            return None
        if token.i not in range(span.start, span.end) and token.pos_ in ("NOUN", "PROPN", "ADJ", "NUM"):
            return None
        if token.dep_ == "prep":
            through.add(token.lower_)
        token = token.head
    if token.pos_ not in ("VERB", "AUX"):
        return None
    tense = _verb_tense(token)
    if tense == "past" and token.lemma_ in _SCHEDULING and through & _TO_A_DATE:
        return None  # "was postponed until March 3": the date it set, not when
    if tense == "present":
        # "is expected to meet on Friday", "is due to report next week"
        for child in token.children:
            if child.dep_ == "xcomp" and token.lemma_ in _FUTURE_FRAMES | {"be"} and child.lemma_ != "be":
                return "future"
        if token.lemma_ in _FUTURE_FRAMES and (token.lemma_ not in _FRAMES_IN_ANOTHER_SENSE
                                               or through & _TO_A_DATE):
            return "future"
    return tense


def _governing_verb(span: "Span") -> "Token | None":
    token = span.root
    for _ in range(8):
        if token.pos_ in ("VERB", "AUX") and token.dep_ != "amod":
            return token
        if token.head is token:
            return None
        token = token.head
    return None


def _past_progressive(span: "Span") -> bool:
    """Whether the verb that governs ``span`` is in the past progressive ("was having")."""
    verb = _governing_verb(span)
    return verb is not None and verb.tag_ == "VBG" and any(
        c.dep_ == "aux" and c.lemma_ == "be" and c.tag_ == "VBD" for c in verb.children)


def _past_perfect(span: "Span") -> bool:
    """Whether the verb that governs ``span`` is in the past perfect ("had warned"): an
    event before the time the narrative is at."""
    verb = _governing_verb(span)
    return verb is not None and verb.tag_ == "VBN" and any(
        c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ == "VBD" for c in verb.children)


def _candidates(text: str) -> list[tuple[int, int, str, dict[str, str | None]]]:
    found = [(m.start, m.end, rule.priority, rule.name, m.groups)
             for rule, matches in zip(RULES, rule_scanner().scan(text)) for m in matches]
    found.sort(key=lambda c: (-(c[1] - c[0]), -c[2], c[0]))
    taken: list[tuple[int, int, str, dict[str, str | None]]] = []
    for start, end, _, name, groups in found:
        if all(end <= s or start >= e for s, e, _, _ in taken):
            taken.append((start, end, name, groups))
    taken.sort(key=lambda c: c[0])
    return taken


def _trim(text: str, start: int, end: int, name: str) -> tuple[int, int]:
    """Drop a leading preposition the rules allow for context ("at 6 a.m." -> "6 a.m."), and
    the article of a noun that an adjectival quarter modifies ("the [third-quarter] profit")."""
    lowered = text[start:end].lower()
    if name == "quarter" and lowered.startswith("the ") and re.search(r"\w-(quarter|half)$", lowered):
        return start + 4, end
    for word in ("at ", "on ", "by ", "until ", "before ", "after "):
        if lowered.startswith(word) and not lowered.startswith(("at least", "at most")):
            return start + len(word), end
    return start, end


def _kind_of_thing(noun: "Token") -> bool:
    """A plural noun without a determiner or possessor: a kind of thing ("news programs"),
    not particular ones ("the explosions", "their meetings")."""
    return noun.tag_ in ("NNS", "NNPS") and not any(c.dep_ in ("det", "poss") for c in noun.children)


#: Head nouns of names made of a date ("the 17 February Brigade", "the Jan. 6 Committee",
#: "the 25 January Revolution", "the 6th of October Bridge"): such a date names a
#: thing, not a day of the story. Not nouns a title-cased line may give an event ("July 4
#: Party", "Aug. 2 Street Festival").
_DATE_NAMED = frozenset("""brigade brigades movement revolution committee commission coalition martyrs bridge
square alliance stadium accords accord declaration uprising""".split())


def _keep(doc: "Doc", span: "Span", name: str, groups: dict[str, str | None], text: str) -> bool:
    """Filters that need the parse or the surrounding words."""
    if name in ("month_day_year", "day_month_year") and not groups.get("year") and span.end < len(doc):
        if doc[span.end].is_title and doc[span.end].lower_ in _DATE_NAMED:
            return False  # a name: "the 17 February Brigade", "the Jan. 6 Committee"
    if name == "month" and any(token.ent_type_ == "PERSON" for token in span):
        return False  # a month's name that is a person's: "April Jones, 38", "June Carter"
    if name == "month" and not groups.get("mod") and (groups.get("month") or "") in ("May", "March"):
        before = doc[span.start - 1].lower_ if span.start > 0 else ""
        return before in _MAY_CONTEXT
    if name == "year" and not groups.get("mod"):
        token = span[0]
        if token.ent_type_ in _NUMERIC_ENTS:
            return False
        following = doc[span.end] if span.end < len(doc) else None
        previous = doc[span.start - 1] if span.start > 0 else None
        determined = previous is not None and previous.tag_ in ("DT", "PRP$", "POS")  # "the 1992 protests"
        if following is not None and following.lower_ in ("%", "percent"):
            return False
        if following is not None and following.tag_ == "NNS" and not determined:
            return False  # "1990 troops"
        if previous is not None and (previous.like_num or previous.lower_ in ("$", "no.", "number", "flight")):
            return False
    if (name == "weekday" and (groups.get("rel") or "").lower() in ("", "on") and span.root.dep_ == "compound"
            and _kind_of_thing(span.root.head)):
        return False  # "Sunday morning news programs", "Friday prayers" (but "the Friday explosions")
    if name == "that_day" and (verb := _governing_verb(span)) is not None and verb.lemma_ in _SPENDING:
        return False  # a time spent, not a day: "will spend the next day pondering the bill"
    if name == "ref" and (groups.get("word") or "").lower() in _UNSAFE_REFS:
        return False
    if name == "span":
        num, unit = (groups.get("num") or "").lower(), (groups.get("unit") or "").lower()
        if num.isdigit() and int(num) >= 1000 and unit != "year":
            return False  # "the 1988 quarter" is a date (rule year_quarter), not 1,988 quarters
        if groups.get("old"):
            return False  # an age ("a 6-year-old boy") is not a time expression
        if num in ("a", "an") and unit in ("second", "minute", "quarter"):
            return False
        if unit == "quarter" and "-" in text[span.start_char:span.end_char]:
            return False  # "three-quarters" is a fraction
        previous = doc[span.start - 1] if span.start > 0 else None
        if num in ("a", "an", "per") and previous is not None and (previous.like_num or previous.is_currency):
            return False  # "$1.76 a year", "four flights a week": a rate, not a period
    return True


def extract_time_refs(doc: "Doc", anchor: datetime | None) -> list[TimeRef]:
    """Time expressions of ``doc`` with TIMEX3 values, resolved against ``anchor``'s local date."""
    text = text_of(doc)
    anchor_day: date | None = anchor.date() if anchor is not None else None
    anchor_iso = anchor_day.isoformat() if anchor_day is not None else None
    sentence_starts = [s.start_char for s in doc.sents] if doc.has_annotation("SENT_START") else [0]
    context = Context()
    refs: list[TimeRef] = []
    for start, end, name, groups in _candidates(text):
        start, end = _trim(text, start, end, name)
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        if not _keep(doc, span, name, groups, text):
            continue
        tense = tense_at(span) if doc.has_annotation("DEP") else None
        if tense == "past" and name in ("weekday", "time_day") and _past_progressive(span):
            tense = PAST_PROGRESSIVE
        context.sentence = bisect.bisect_right(sentence_starts, start) - 1
        try:
            resolved = resolve(name, groups, text[start:end], anchor_day, tense, context)
        except (ValueError, KeyError, OverflowError) as exc:
            log.debug("cannot resolve %r (%s): %s", text[start:end], name, exc)
            continue
        if resolved is None:
            continue
        value, granularity = resolved
        context.previous.append((context.sentence, value))
        context.set_narrative(value, modifier=span.start > 0 and doc[span.start - 1].lower_ in _DETERMINERS,
                              anterior=doc.has_annotation("DEP") and _past_perfect(span))
        refs.append(TimeRef(text=text[start:end], start=start, end=end, value=value,
                            granularity=granularity, anchor=anchor_iso))
    return refs
