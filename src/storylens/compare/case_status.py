"""Where the case stands: what independent accounts agree has not happened (yet).

Reports of a crime or an accident close with the state of the inquiry in a few short
words: "No arrests have been made." / "No arrests were immediately reported."; "Police
are still investigating the motive." / "There is no clear motive at this time." Two
such sentences share one or two words, too few for the alignment of shared words
(``compare.facts``) to call them one claim, yet they are one, and a reader wants it:
nobody is in custody, nobody knows why. Each state is read by its wording:

* **no arrest**: "no arrests", "no one has been arrested / charged / taken into
  custody", "police have not made any arrests", "no suspect is in custody". Not when
  any statement of the story tells of an arrest, a charge or someone in custody (the
  state has moved on, or the story is not that simple);
* **motive unknown**: "no (clear / known / apparent) motive", "the motive is unknown /
  unclear / under investigation", "investigating / trying to determine the motive",
  "the motive ... has not been released / determined". Not when a statement of the
  story names a motive police "believe" or "suspect" ("believe it was gang-related");
* **injuries not life-threatening**: "non-life-threatening injuries", "not
  life-threatening", "none of the victims had life-threatening injuries". Not when the
  story tells of anyone dead, killed, in critical or serious condition, or of a
  life-threatening injury: then the words are said of some of the victims only;
* **names not released**: "the names of the victims have not been released", "police
  did not release the man's name", "the identity ... is being withheld". Not said of a
  shooter, a suspect or an officer (another person's name), and not when the story
  tells of anyone identified or named, or of the names released.

The words that tell otherwise are looked for in every sentence of the story's text,
besides the words that say the state ("Two men were killed while two officers suffered
non-life-threatening wounds").

A state is a fact when two or more independent news sources
(``facts.corroborating_sources``) say it; the fact cites, in each article, the first body
sentence that says it, and is left out when a fact of shared words already cites those
sentences. Pure.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from storylens.compare.facts import corroborated_fact
from storylens.compare.statements import Statement
from storylens.model import Article, Citation, Fact

__all__ = ["case_status_facts", "said_together"]

_NO_ARREST = re.compile(
    r"\bno arrests?\b(?!\s+warrants?)"
    r"|\bno(?: one|body) (?:has|had|was|were)(?: yet)?(?: been)? (?:arrested|charged|taken into custody)\b"
    r"|\b(?:has|have|had) not(?: yet)? (?:made|announced|reported) (?:any |an )?arrests?\b"
    r"|\bno suspects? (?:(?:is|are|was|were|has been|have been|had been) )?(?:in custody|arrested|detained)\b"
    r"|\bno(?: one|body) (?:is|was) in custody\b",
    re.IGNORECASE)
_ARREST = re.compile(r"\b(?:arrested|charged with|taken into custody|in custody|turned (?:himself|herself) in"
                     r"|booked into|apprehended)\b", re.IGNORECASE)
_MOTIVE_UNKNOWN = re.compile(
    r"\bno (?:clear |known |apparent |obvious |immediate )?motive\b"
    r"|\bmotive (?:is|was|remains|remained)(?: still)? (?:unknown|unclear|not known|under investigation)\b"
    r"|\b(?:investigating|determine|establish|figure out|looking into) (?:the |a |what )?motive\b"
    r"|\bmotive\b[^.;]{0,40}\b(?:unknown|unclear|not (?:yet )?(?:known|clear|released|determined|disclosed))\b",
    re.IGNORECASE)
#: A motive the police name ("police believe it was gang-related").
_MOTIVE_NAMED = re.compile(r"\b(?:believe|believed|suspect|suspected|say|said)\b[^.;]{0,60}"
                           r"\b(?:gang[- ]related|robbery|dispute|domestic|retaliat\w*|revenge|feud)\b",
                           re.IGNORECASE)

_NOT_LIFE_THREATENING = re.compile(
    r"\bnon[- ]?life[- ]threatening\b|\bnot (?:considered |believed to be )?life[- ]threatening\b"
    r"|\bnone of (?:the|their) (?:victims|injuries|wounds)\b[^.;]{0,60}\blife[- ]threatening\b", re.IGNORECASE)
#: Someone's life in danger or lost: then "not life-threatening" is said of some of the
#: victims only.
_LIFE_IN_DANGER = re.compile(r"\b(?:critical|grave|serious) condition\b|\blife[- ]threatening\b|\blife support\b"
                             r"|\b(?:died|dies|dead|death|deaths|killed|fatal\w*|deadly|slain|murder\w*|homicide)\b",
                             re.IGNORECASE)

_NAMES_WITHHELD = re.compile(
    r"\b(?:names?|identit(?:y|ies))\b[^.;]{0,60}\b(?:(?:has|have|had|was|were|is|are) not (?:yet )?(?:been )?"
    r"(?:released|made public|disclosed)|(?:is|are|was|were|has been|have been|had been) (?:being )?withheld)\b"
    r"|\bno names?\b[^.;]{0,40}\b(?:released|made public|disclosed)\b"
    r"|\b(?:did not|have not|has not|had not|would not|declined to) (?:yet )?(?:released?|identif(?:y|ied)|named?)"
    r" (?:the |his |her |their )?(?:victims?|names?|dead|deceased|man|woman|boy|girl)\b", re.IGNORECASE)
#: Whose names: a shooter's or a suspect's withheld name is another claim.
_NOT_THE_VICTIMS = re.compile(r"\b(?:shooters?|suspects?|gunm[ae]n|attackers?|officers?|deputies|deputy)\b",
                              re.IGNORECASE)
#: Someone of the story identified or named, outside the words that say the names were
#: withheld ("was identified as", "families have identified two of the three").
_IDENTIFIED = re.compile(r"\bidentified (?:as|him|her|them|the)\b|\b(?:was|were|has been|have been) identified\b"
                         r"|\b(?:has|have|had) identified\b|\bnamed (?:as|him|her)\b"
                         r"|\bnames? (?:was|were|has been|have been) released\b", re.IGNORECASE)

#: (state, says it, tells it has moved on or is known, says it of someone else).
_STATES: tuple[tuple[str, re.Pattern[str], re.Pattern[str], re.Pattern[str] | None], ...] = (
    ("no arrest", _NO_ARREST, _ARREST, None),
    ("motive unknown", _MOTIVE_UNKNOWN, _MOTIVE_NAMED, None),
    ("injuries not life-threatening", _NOT_LIFE_THREATENING, _LIFE_IN_DANGER, None),
    ("names not released", _NAMES_WITHHELD, _IDENTIFIED, _NOT_THE_VICTIMS),
)


def case_status_facts(articles: Sequence[Article], statements: Sequence[Statement],
                      facts: Sequence[Fact]) -> list[Fact]:
    """The states of the case that independent accounts agree on (see the module
    docstring), in the order of ``_STATES``. ``statements``: the story's (``statements_of``
    of each article, in the order of ``articles``); ``facts``: those already found."""
    by_id = {a.id: a for a in articles}
    body = [st for st in statements if st.citation.field == "text"]
    cited_together = [{(c.article_id, c.start, c.end) for c in f.support} for f in facts if len(f.support) > 1]
    out = []
    for _, says, moved_on, someone_else in _STATES:
        saying = [st for st in body if says.search(st.citation.text)
                  and not (someone_else and someone_else.search(st.citation.text))]
        support: list[Citation] = []
        for a in articles:
            first = next((st for st in saying if st.citation.article_id == a.id), None)
            if first is not None:
                support.append(first.citation)
        if len(support) < 2:
            continue  # one article or none says it: nothing to corroborate
        if any(moved_on.search(says.sub(" ", st.citation.text)) for st in body):
            continue  # told otherwise, in the story's other sentences or beside the words that say it
        fact = corroborated_fact(support, by_id)
        if fact is None:
            continue
        keys = {(c.article_id, c.start, c.end) for c in support}
        if any(keys <= together for together in cited_together):
            continue  # the alignment has it already
        out.append(fact)
    return out


def said_together(facts: Sequence[Fact]) -> Callable[[Citation, Citation], bool]:
    """Whether two sentences say one state of the case to each other: they are cited
    together by one of ``facts`` (``case_status_facts``'s), however few words they share
    (the brief cites both for a line). A state the story has moved on from joins nothing."""
    together = {frozenset((a.location, b.location)) for f in facts for a in f.support for b in f.support}
    return lambda a, b: frozenset((a.location, b.location)) in together
