"""A neutral, cited brief of one story, built only from what its articles say.

- ``summary``: the supporting text of the best-corroborated facts (most independent
  sources first, at most ``compare.brief_max_sentences``), each sentence an exact span of one
  article's body and citing every article that supports it, never one that states a
  side of a conflict (that is shown as the dispute); only whole sentences that
  stand alone (:func:`storylens.compare.readable.sayable`: no headline, no clause cut at a comma, no piece of a
  quotation without its speaker); a quoted person's words that do not say whose they are
  (the sentence names no speaker) are given with the speaker ("Name: “...”", an embedded
  post's words with the name it is signed with; so are words an outlet prints as its own
  that another article of the line quotes word for word, naming its speaker; a sentence
  holding its quotation's cue, "he describes ...", is reported speech, shown as written),
  and words given with "she said" name her in brackets where that is certain
  (:mod:`storylens.compare.pronoun_speakers`; of a fact's sentences, one that names its
  speaker is shown first); a fact in
  a conflict gives a line only from its sentences that take no side and repeat no side's
  claim (what its statements agree on besides the disputed detail), the rest is left to
  ``disputed``; a statement
  a later article moves on (a suspect "wanted" since arrested:
  :mod:`storylens.compare.status_updates`) is not shown, the latest state is preferred.
  Each thing once: a line saying again what a line ranked above it says gives way to the
  next. Ordered as the article covering most of them tells them. Only facts with two or more
  independent sources: a summary line is something the outlets agree on.
- ``single_source``: when no fact has two independent sources (a story one outlet alone
  reports, so far), the same kind of sentences from the first article's own facts (the
  first news report, when the story has one: an opinion piece does not lead a brief),
  shown apart, as what one outlet says, never as agreed.
- ``disputed``: one sentence per conflict, from a template: "What: who says CLAIM; who
  says CLAIM." (what: the conflict's ``about`` when it is a short question, "How many
  people were shot"; who: the quoted speaker with the outlets, or the outlets in their own voice;
  the sides making one claim in one voice are said once, naming up to
  ``compare.brief_max_named_outlets`` outlets and counting the rest), citing every side.
- ``timeline``: one line per dated event: the date and the event's sentence, citing
  every mention.
- ``quoted``: who is quoted, in how many outlets and utterances.
- ``hashtags``: :func:`storylens.compare.hashtags.make_hashtags`.
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Callable, TypeGuard

from storylens.compare.facts import support_sources
from storylens.compare.hashtags import make_hashtags
from storylens.compare.pronoun_speakers import pronoun_speaker, speaks_through_a_pronoun
from storylens.compare.quote_variants import QuoteGroup
from storylens.compare.readable import (OPENING_QUOTES, SPEECH, closes_a_quotation, opens_with_a_pronoun, reads_alone,
                                        unquoted)
from storylens.compare.settings import current
from storylens.compare.statements import UNKNOWN_SPEAKER, outlet_name, speaker_key, terms
from storylens.compare.status_updates import superseded_citation
from storylens.compare.timeline import TimelineEvent
from storylens.model import Article, Citation, Conflict, Fact, sentences_before_headlines
from storylens.text import NUMBER_WORDS, casefold_words

__all__ = ["BriefSentence", "QuotedSpeaker", "Brief", "build_brief"]

log = logging.getLogger(__name__)

#: Whether two citations of one fact say it to each other directly.
Agrees = Callable[[Citation, Citation], bool]


@dataclass
class BriefSentence:
    """A sentence of the brief and the spans it rests on (``date`` for timeline lines;
    ``speaker`` where the line adds the name a speaker pronoun stands for: the words of
    its article that name that person, before the sentence)."""

    text: str
    citations: list[Citation]
    date: str | None = None
    speaker: Citation | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"text": self.text, "citations": [c.to_dict() for c in self.citations]}
        if self.date is not None:
            out["date"] = self.date
        if self.speaker is not None:
            out["speaker"] = self.speaker.to_dict()
        return out


@dataclass
class QuotedSpeaker:
    speaker: str
    name: str
    outlets: list[str]
    utterances: int
    citations: list[Citation]

    def to_dict(self) -> dict[str, Any]:
        return {"speaker": self.speaker, "name": self.name, "outlets": list(self.outlets),
                "outlet_count": len(self.outlets), "utterances": self.utterances,
                "citations": [c.to_dict() for c in self.citations]}


@dataclass
class Brief:
    summary: list[BriefSentence] = field(default_factory=list)
    disputed: list[BriefSentence] = field(default_factory=list)
    timeline: list[BriefSentence] = field(default_factory=list)
    quoted: list[QuotedSpeaker] = field(default_factory=list)
    hashtags: list[str] = field(default_factory=list)
    single_source: list[BriefSentence] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"summary": [s.to_dict() for s in self.summary],
                "single_source": [s.to_dict() for s in self.single_source],
                "disputed": [s.to_dict() for s in self.disputed],
                "timeline": [s.to_dict() for s in self.timeline], "quoted": [q.to_dict() for q in self.quoted],
                "hashtags": list(self.hashtags)}


def _names(articles: Sequence[Article]) -> dict[str, str]:
    names: dict[str, str] = {}
    for a in articles:
        for e in a.entities:
            if len(e.name) > len(names.get(e.key, "")):
                names[e.key] = e.name
    return names


def _post_authors(articles: Sequence[Article]) -> dict[str, str]:
    """Who wrote each embedded post (:mod:`storylens.posts`), by speaker key: the name
    the post is signed with."""
    return {speaker_key(q): q.speaker for a in articles for q in a.quotes
            if q.medium == "social media post" and q.cue is None and q.speaker}


def _candidates(f: Fact, disputed: _Disputed, superseded: set[tuple[str, str, int, int]],
                by_id: Mapping[str, Article]) -> list[Citation]:
    """The sentences a summary can show for a fact: sayable sentences of the body (whole:
    not a clause cut from a long one at a semicolon, "Shamekia Sanders, 17; and Krystal
    Hutto, 28.") that are no side of a dispute, no appeal for information and that no
    later article moves on (a suspect "wanted" who was since arrested); none for a fact
    of headlines, clauses, fragments, appeals, or only disputed or superseded
    sentences."""
    return [c for c in f.support if reads_alone(c, by_id) and not asks_for_information(c.text)
            and not disputed.sides_of(c) and not superseded_citation(c, superseded)]


#: An appeal for information ("Anyone with information is asked to call Crime Stoppers at
#: 555-0199.", "If you have information that can help, call ..."): how to reach the police,
#: not what happened.
_APPEAL = re.compile(r"\b(?:anyone|people|those|residents)\s+(?:who\s+(?:may\s+)?(?:ha(?:s|ve)|knows?)\s+|with\s+)"
                     r"(?:any\s+|more\s+)?information\b|\bif\s+(?:you|anyone)\s+(?:has|have|knows?)\s+(?:any\s+)?information\b"
                     r"|\b(?:call|contact|text)\b[^.]{0,80}?(?:crime\s?stoppers|tips?\s?line|\(?\d{3}\)?[-.\s]\d{3}[-.\s]?\w{4}\b)",
                     re.IGNORECASE)


def asks_for_information(text: str) -> bool:
    """Whether the sentence appeals for information (whom to call with a tip): an
    outlet's service to its readers, true in every article that prints it, but no fact
    of the story for its summary (it stays among the facts)."""
    return _APPEAL.search(text) is not None


#: Conflicts over a detail a sentence states in the side's own words (a place, a wound; a
#: count with what it counts, in three words or more: "5 months pregnant"): a sentence saying
#: one side's claim states the disputed detail. A day, a name, a quotation or a bare count
#: ("five people") is said in many sentences that are not about the disputed point.
_DETAIL_KINDS = frozenset({"place", "other"})
_MIN_FIGURE_WORDS = 3


def _words_with_digits(text: str) -> str:
    """The text's words case folded, numbers spelled out as digits ("Five people" -> "5
    people"), padded with spaces for whole-word tests."""
    return " " + " ".join(str(NUMBER_WORDS.get(w, w)) for w in casefold_words(text).split()) + " "


class _Disputed:
    """Where the story's conflicts are: which sentences are sides, and what they claim."""

    def __init__(self, conflicts: Sequence[Conflict]) -> None:
        self._spans: dict[tuple[str, str], list[tuple[int, int, int]]] = defaultdict(list)
        self._claims: dict[int, list[str]] = {}
        self._details: list[str] = []  # the claims of detail conflicts, in words (number words as digits)
        for k, conflict in enumerate(conflicts):
            self._claims[k] = [casefold_words(side.claim) for side in conflict.sides]
            for side in conflict.sides:
                c = side.citation
                self._spans[(c.article_id, c.field)].append((c.start, c.end, k))
                said = _words_with_digits(side.claim)
                if conflict.kind in _DETAIL_KINDS or (conflict.kind == "figure"
                                                      and len(said.split()) >= _MIN_FIGURE_WORDS):
                    self._details.append(said)

    def sides_of(self, c: Citation) -> set[int]:
        """The conflicts the cited span takes a side in."""
        return {k for s, e, k in self._spans.get((c.article_id, c.field), ()) if s < c.end and c.start < e}

    def states_a_disputed_detail(self, text: str) -> bool:
        """Whether the sentence says a side's claim of a conflict over a place, a wound or a
        count said with what it counts ("who was five months pregnant" against "four months
        pregnant"): shown as the dispute, never as agreed, whether or not its own sentence
        is a side."""
        words = _words_with_digits(text)
        return any(claim in words for claim in self._details)

    def touches(self, f: Fact, shown: Citation) -> bool:
        """Whether the fact cannot be shown as agreed: its statements sit on two or more
        sides of one conflict (the fact itself is disputed), or the shown sentence
        repeats what a side of a conflict its statements take part in claims (the same
        disputed figure, said by an outlet the conflict did not list)."""
        involved: dict[int, int] = defaultdict(int)
        for c in f.support:
            for k in self.sides_of(c):
                involved[k] += 1
        text = casefold_words(shown.text)
        return any(n >= 2 or any(claim and f" {claim} " in f" {text} " for claim in self._claims[k])
                   for k, n in involved.items())


def _tells_whose_words(article: Article | None, shown: Citation) -> bool:
    """Whether the sentence itself holds the cue of a quotation in it ("And he describes
    the hostile reaction ...", "..., she said"): it reports whose words it gives, in the
    outlet's words, and needs no speaker put before it."""
    return article is not None and any(
        q.cue_start is not None and shown.start <= q.cue_start < shown.end
        and q.start < shown.end and shown.start < q.end for q in article.quotes)


def _named_voice(voice: str | None, authors: Collection[str]) -> TypeGuard[str]:
    """Whether a statement's voice is someone a line can be given to: a person, or the
    author of an embedded post (not the outlet, an organisation or no one)."""
    return voice is not None and (voice.startswith("person:") or voice in authors)


def _attributed(speaker: str | None, text: str, names: dict[str, str], authors: Collection[str]) -> str:
    """The sentence, with its speaker when it gives a quoted speaker's words and does
    not say whose they are ("This is a smart gesture." from a leader's post), the
    speaker a person or the author of an embedded post (``authors``); a sentence
    that starts inside a quotation begun in the sentence before is shown with that
    quotation's opening mark and an ellipsis ('"… Nobody goes home until the wall
    holds," the governor said.'): the words shown are the sentence's own, the cut marked."""
    opening = closes_a_quotation(text)
    if opening:
        return f"{opening}… {text}"
    if not _named_voice(speaker, authors) or SPEECH.search(unquoted(text)):
        return text  # the outlet's voice, a speaker known only by a word ("Governor"), or no person
    name = _display_name(speaker, names)
    if _names_the_speaker(text, name):
        return text  # "York County Coroner Ada Crane confirmed ...": it says whose words they are
    return f"{name}: “{text.strip(OPENING_QUOTES + '”’')}”"


def _display_name(key: str, names: Mapping[str, str]) -> str:
    """The name to show for an entity key: the longest the articles give it, else the key's
    words in title case."""
    return names.get(key) or key.split(":", 1)[-1].title()


def _names_the_speaker(text: str, name: str) -> bool:
    """Whether the sentence names the speaker: the name's last word, as a word of the
    sentence outside a quotation's words."""
    surname = name.split()[-1] if name.split() else ""
    return len(surname) > 1 and re.search(rf"\b{re.escape(surname)}\b", unquoted(text)) is not None


@dataclass
class _Line:
    """A fact as the summary would give it: the sentence shown and the citations of the
    statements that say it themselves (not only through a third statement)."""

    fact: Fact
    shown: Citation
    support: list[Citation]
    sources: int


def _leans_on_a_pronoun(line: _Line, by_id: Mapping[str, Article]) -> bool:
    """Whether who the line is about or whose words it gives is only a pronoun: it opens
    with one, or its speaker is one that cannot be named (:mod:`.pronoun_speakers`)."""
    return opens_with_a_pronoun(line.shown.text) or speaks_through_a_pronoun(
        by_id.get(line.shown.article_id), line.shown)


def _with_named_speaker(shown: Citation, names: Mapping[str, str],
                        by_id: Mapping[str, Article]) -> tuple[str, Citation | None]:
    """The sentence as written, with the person a speaker pronoun stands for named after
    it in brackets where that is certain ("…,” she [Ada Crane] said."), and the words
    that name that person before it."""
    article = by_id.get(shown.article_id)
    named = pronoun_speaker(article, shown) if article is not None else None
    if named is None:
        return shown.text, None
    return f"{shown.text[:named.after]} [{_display_name(named.key, names)}]{shown.text[named.after:]}", named.named_by


def _lines(f: Fact, disputed: _Disputed, superseded: set[tuple[str, str, int, int]],
           agrees: Agrees | None, by_id: Mapping[str, Article]) -> list[_Line]:
    """The lines a fact can give, one per candidate sentence, each citing what says that
    sentence directly (``agrees`` with it: a statement that joined the fact only through
    another one is not cited for it), of the most independent sources: the fact's best."""
    lines = []
    for shown in _candidates(f, disputed, superseded, by_id):
        support = [c for c in f.support if c == shown or agrees is None or agrees(shown, c)]
        support = sentences_before_headlines(support)  # each article once
        sources = support_sources(support, by_id) if agrees is not None else f.independent_sources
        lines.append(_Line(f, shown, support, sources))
    most = max((x.sources for x in lines), default=0)
    # of as many sources, a sentence that says who it is about (or who speaks) before one
    # opening with "he" or "it" (or giving someone's words with "he said")
    return sorted((x for x in lines if x.sources == most), key=lambda x: _leans_on_a_pronoun(x, by_id))


#: Words a sentence must have for another article's quotation of the same words to say
#: whose they are (not "It was awful.").
_SAME_WORDS_MIN = 6


def _voice(line: _Line, voices: Mapping[tuple[str, str, int, int], str], authors: Collection[str]) -> str | None:
    """Who asserts the line's sentence: its own statement's voice, or, where that is the
    outlet's, the person whose quotation in another article of the line holds the same
    words (a statement one outlet prints as its own paragraph, another as "He added, ..."
    in quotation marks; a speech one outlet goes on quoting past the sentence it opened
    in): the words are that person's."""
    voice = voices.get(line.shown.location)
    if _named_voice(voice, authors):
        return voice
    words = casefold_words(line.shown.text)
    if len(words.split()) < _SAME_WORDS_MIN:
        return voice
    for c in line.support:
        other = voices.get(c.location)
        if c.article_id != line.shown.article_id and _named_voice(other, authors) \
                and f" {words} " in f" {casefold_words(c.text)} ":
            return other
    return voice


def _repeats(text: str, above: str) -> bool:
    """Whether a summary line says again what a line above it says: the shorter line's
    content words (``compare.brief_repeat_min_words`` or more) nearly all in the other
    (``compare.brief_repeat_share``), and each of its numbers too ("Two men were shot to
    death and a woman and a teenage girl injured in an alley" / "Officers found two men dead
    and a woman and teenage girl wounded"; an article saying one sentence twice). Not "A
    14-year-old girl was shot in the leg" / "Another girl, 17, was also shot in the leg":
    the numbers differ."""
    config = current()
    short, long_ = sorted((text, above), key=lambda t: len(terms(t)))
    short_words, long_words = terms(short), terms(long_)
    if len(short_words) < config.brief_repeat_min_words:
        return False
    return (len(short_words & long_words) >= config.brief_repeat_share * len(short_words)
            and _numbers(short) <= _numbers(long_))


def _numbers(text: str) -> set[str]:
    """The numbers of a text as digits ("two" and "2" are one number)."""
    return {w for w in _words_with_digits(text).split() if w.isdigit()}


def _summary(facts: Sequence[Fact], order: dict[str, int], names: dict[str, str], authors: Collection[str],
             voices: Mapping[tuple[str, str, int, int], str], conflicts: Sequence[Conflict],
             news: set[str], superseded: set[tuple[str, str, int, int]], agrees: Agrees | None,
             by_id: Mapping[str, Article]) -> tuple[list[BriefSentence], list[BriefSentence]]:
    """(summary, single_source): the corroborated facts' sentences, or, when nothing is
    corroborated, the first article's own."""
    disputed = _Disputed(conflicts)

    def best_lines(of: Sequence[Fact]) -> tuple[dict[str, list[_Line]], list[_Line]]:
        """fact id -> its lines of the most sources (in support order); the first of each."""
        best, usable = {}, []
        for f in of:
            lines = [x for x in (_lines(f, disputed, superseded, agrees, by_id) if f.support else [])
                     if not disputed.touches(f, x.shown) and not disputed.states_a_disputed_detail(x.shown.text)]
            if lines:
                best[f.id] = lines
                usable.append(lines[0])
        return best, usable

    # a line of two sources or more cites two articles or more: the facts of one article's
    # sentences are read only when nothing is corroborated
    best, usable = best_lines([f for f in facts if len({c.article_id for c in f.support}) > 1])
    corroborated = [x for x in usable if x.sources >= 2]
    if not corroborated:
        best, usable = best_lines(facts)
    most = current().brief_max_sentences
    if corroborated:
        ranked = sorted(corroborated, key=lambda x: (-x.sources, -len(x.support)))
    else:  # nothing corroborated: the first article's own facts, a news report's if there is one
        cited = {c.article_id for x in usable for c in x.fact.support}
        first = min((order.get(aid, 0) for aid in (cited & news or cited)), default=0)
        ranked = [x for x in usable if any(order.get(c.article_id) == first for c in x.fact.support)]
    chosen = ranked[:most]
    if not chosen:
        return [], []
    coverage: dict[str, int] = defaultdict(int)
    for x in chosen:
        for aid in {c.article_id for c in x.support}:
            coverage[aid] += 1
    lead = max(coverage, key=lambda aid: (coverage[aid], -order.get(aid, 0)))
    # the lead article's sentence where it says the fact as well (unless only the lead's
    # leans on a pronoun)
    def shown_for(x: _Line) -> _Line:
        own = next((y for y in best[x.fact.id] if y.shown.article_id == lead), x)
        return x if _leans_on_a_pronoun(own, by_id) and not _leans_on_a_pronoun(x, by_id) else own

    lines: list[_Line] = []
    for x in ranked:  # in rank order, each thing once: a line repeating one above gives way to the next
        y = shown_for(x)
        if not any(_repeats(y.shown.text, z.shown.text) for z in lines):
            lines.append(y)
            if len(lines) == most:
                break

    def position(x: _Line) -> tuple[int, int]:
        own = [c.start for c in x.support if c.article_id == lead]
        return (0, min(own)) if own else (1, min(order.get(c.article_id, 0) for c in x.support))

    out = []
    for x in sorted(lines, key=position):
        voice = None if _tells_whose_words(by_id.get(x.shown.article_id), x.shown) else _voice(x, voices, authors)
        text, named_by = _with_named_speaker(x.shown, names, by_id)
        out.append(BriefSentence(_attributed(voice, text.strip(), names, authors), list(x.support),
                                 speaker=named_by))
    return (out, []) if corroborated else ([], out)


def _disputed(conflicts: Sequence[Conflict], by_id: dict[str, Article], names: dict[str, str]) -> list[BriefSentence]:
    out = []
    for conflict in conflicts:
        # Sides making one claim in one voice are said once, naming every outlet.
        claims: dict[tuple[str, str], tuple[str, list[str], list[Citation]]] = {}
        for side in conflict.sides:
            article = by_id.get(side.citation.article_id)
            outlet = outlet_name(article) if article else side.citation.article_id
            voice = "outlet" if side.asserted_by in ("outlet", UNKNOWN_SPEAKER, "", None) else side.asserted_by
            claim = claims.setdefault((voice, casefold_words(side.claim)),
                                      (side.claim.strip(), [], []))
            if outlet not in claim[1]:
                claim[1].append(outlet)
            claim[2].append(side.citation)
        parts, cites = [], []
        for (voice, _), (text, outlets, citations) in claims.items():
            listed = _listing(outlets)
            if voice == "outlet":
                parts.append(f"{listed} {'say' if len(outlets) > 1 else 'says'} {text}")
            else:
                parts.append(f"{names.get(voice, voice)} (per {listed}) {'say' if _plural(voice) else 'says'} {text}")
            cites.extend(citations)
        if len(parts) >= 2:
            out.append(BriefSentence(_topic(conflict.about) + "; ".join(parts) + ".", cites))
    return out


#: Words for a group that take a plural verb ("police say").
_GROUP_NOUNS = frozenset({"police", "people", "authorities", "staff", "media"})


def _plural(voice: str) -> bool:
    """Whether a speaker known only by the words naming it is many ("the sources",
    "officials", "police"); a named person or organisation (an entity key) is one."""
    if ":" in voice or not voice.split():
        return False
    last = voice.split()[-1]
    return last in _GROUP_NOUNS or (last.endswith("s") and not last.endswith(("ss", "us", "is", "'s", "’s")))


#: The longest ``about`` a disputed line opens with: a question ("how many people were
#: shot", "the age of Ada Crane"), not a sentence (a date dispute's fact, a place's
#: statement), which the line's citations show anyway.
_TOPIC_MAX_WORDS = 10


def _topic(about: str) -> str:
    """"How many people were shot: " for a dispute about that; "" when the ``about`` is no
    short question (see ``_TOPIC_MAX_WORDS``)."""
    about = " ".join(about.split())
    if not about or len(about.split()) > _TOPIC_MAX_WORDS or ":" in about or re.search(r"[.!?\"”]$", about):
        return ""
    return about[0].upper() + about[1:] + ": "


def _listing(outlets: Sequence[str]) -> str:
    """"A", "A and B", "A, B and C"; past ``compare.brief_max_named_outlets`` (every side is
    still cited), "A, B, C and 7 other outlets"."""
    named = current().brief_max_named_outlets
    if len(outlets) > named:
        rest = len(outlets) - named
        return f"{', '.join(outlets[:named])} and {rest} other outlet{'s' if rest > 1 else ''}"
    return outlets[0] if len(outlets) == 1 else f"{', '.join(outlets[:-1])} and {outlets[-1]}"


def _timeline(events: Sequence[TimelineEvent]) -> list[BriefSentence]:
    return [BriefSentence(ev.description.text, [m.sentence for m in ev.mentions], date=ev.date) for ev in events]


def _quoted(groups: Sequence[QuoteGroup], by_id: dict[str, Article], names: dict[str, str]) -> list[QuotedSpeaker]:
    outlets: dict[str, dict[str, None]] = defaultdict(dict)
    utterances: dict[str, int] = defaultdict(int)
    cites: dict[str, list[Citation]] = defaultdict(list)
    for g in groups:
        if not g.speaker:
            continue
        utterances[g.speaker] += 1
        seen = set()
        for v in g.variants:
            article = by_id.get(v.article_id)
            if article is not None:
                outlets[g.speaker][outlet_name(article)] = None
            if v.article_id not in seen:
                seen.add(v.article_id)
                cites[g.speaker].append(v.citation)
    out = [QuotedSpeaker(key, names.get(key, key.split(":", 1)[-1]), list(outlets[key]), utterances[key], cites[key])
           for key in utterances]
    out.sort(key=lambda q: (-len(q.outlets), -q.utterances, q.name))
    return out


def build_brief(articles: Sequence[Article], facts: Sequence[Fact], conflicts: Sequence[Conflict],
                quote_groups: Sequence[QuoteGroup], timeline: Sequence[TimelineEvent],
                voices: Mapping[tuple[str, str, int, int], str] | None = None,
                superseded: set[tuple[str, str, int, int]] | None = None, agrees: Agrees | None = None) -> Brief:
    """The story's brief (see the module docstring); every sentence cites its articles.
    ``voices``: who asserts each statement ((article id, field, start, end) -> the
    statement's ``asserted_by``), so a quoted speaker's words are shown with the speaker.
    ``superseded``: the statements a later article moves on (same keys), never shown.
    ``agrees(shown, other)``: whether two statements of a fact say it to each other
    directly (the alignment's own pair test); a summary line cites only those that agree
    with the sentence it shows. None: every statement of the fact is cited."""
    by_id = {a.id: a for a in articles}
    order = {a.id: k for k, a in enumerate(articles)}
    authors = _post_authors(articles)
    names = {**authors, **_names(articles)}
    summary, single_source = _summary(facts, order, names, authors, voices or {}, conflicts,
                                      {a.id for a in articles if a.genre == "news"}, superseded or set(), agrees, by_id)
    brief = Brief(
        summary=summary,
        single_source=single_source,
        disputed=_disputed(conflicts, by_id, names),
        timeline=_timeline(timeline),
        quoted=_quoted(quote_groups, by_id, names),
        hashtags=make_hashtags(articles),
    )
    log.debug("brief: %d summary sentences, %d single-source, %d disputed points", len(brief.summary),
              len(brief.single_source), len(brief.disputed))
    return brief
