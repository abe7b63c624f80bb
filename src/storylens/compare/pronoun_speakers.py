"""Who "he said" is, for a brief line read away from its article.

A summary line is one article's sentence shown among other articles' sentences, so a
quotation it gives with "he said" or "she told reporters" no longer says whose words they
are: the person is named in the sentences before it. The line is shown with the name in
brackets after the pronoun (`"We had no warning," she [Ada Crane] said.`), as an editor
marks words added to a quotation's attribution, only where the name is certain: the
quote extractor read the pronoun as that person, and that person is the last person the
article names before the pronoun (outside quotations), from the sentence before the one
the quotation opens in. A pronoun whose person is not certain is left as written (a
wrong name is worse than none).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from storylens.compare.readable import SPEECH
from storylens.compare.textspans import sentence_spans
from storylens.model import Article, Citation, Quote

__all__ = ["NamedPronoun", "pronoun_speaker", "speaks_through_a_pronoun"]

#: The pronouns that stand for one person as the speaker of a quotation.
_ONE_PERSON = frozenset({"he", "she"})
_SPEAKERS = _ONE_PERSON | {"they"}


@dataclass(frozen=True)
class NamedPronoun:
    """Where a shown sentence's speaker pronoun ends (an offset into the citation's text),
    the key of the person it stands for, and the words naming that person before it."""

    after: int
    key: str
    named_by: Citation


def _speaker_pronoun(article: Article, shown: Citation) -> Quote | None:
    """The quotation whose speaker is a pronoun subject of a verb of saying in the
    sentence ("…," she said; he added, "…"), when there is one."""
    quotes = [q for q in article.quotes
              if q.speaker_start is not None and q.speaker_end is not None
              and shown.start <= q.speaker_start < shown.end and q.cue and SPEECH.search(q.cue)
              and (q.speaker or "").strip().casefold() in _SPEAKERS]
    return quotes[0] if len({q.speaker_start for q in quotes}) == 1 else None


def _last_person(article: Article, since: int, until: int) -> tuple[int, int, str] | None:
    """(start, end, key) of the last person the text names within [since, until), outside
    the words of a direct quotation (a person a speaker talks about is not who speaks)."""
    quoted = [(q.start, q.end) for q in article.quotes if q.kind == "direct"]
    named = [(m.start, m.end, e.key) for e in article.entities if e.kind == "person" for m in e.mentions
             if since <= m.start and m.end <= until and not any(qs <= m.start < qe for qs, qe in quoted)]
    return max(named) if named else None


def speaks_through_a_pronoun(article: Article | None, shown: Citation) -> bool:
    """Whether the sentence gives someone's words with only a pronoun for the speaker ("…,"
    he said), naming no one before it, and :func:`pronoun_speaker` cannot name them."""
    if article is None or shown.field == "headline":
        return False
    q = _speaker_pronoun(article, shown)
    return (q is not None and q.speaker_start is not None and _last_person(article, shown.start, q.speaker_start) is None
            and _named(article, shown, q) is None)


def pronoun_speaker(article: Article, shown: Citation) -> NamedPronoun | None:
    """The person a body sentence's speaker pronoun stands for, when certain (see the
    module's docstring) and the sentence does not name them itself ("Akin said he
    would ..."), else None."""
    if shown.field == "headline":
        return None
    q = _speaker_pronoun(article, shown)
    return None if q is None else _named(article, shown, q)


def _named(article: Article, shown: Citation, q: Quote) -> NamedPronoun | None:
    """The person ``q``'s speaker pronoun ("he", "she") stands for, when certain (see the
    module's docstring): what :func:`pronoun_speaker` gives, its quotation found once."""
    if q.speaker_start is None or q.speaker_end is None or not q.speaker_entity \
            or (q.speaker or "").strip().casefold() not in _ONE_PERSON:
        return None
    # from the sentence before the one the quotation opens in (a quotation of several
    # sentences is one utterance: "… They had a rifle," he said.)
    opens = min(shown.start, q.start)
    spans = sentence_spans(article.text)
    here = bisect_right([s for s, _ in spans], opens) - 1
    since = spans[max(0, here - 1)][0] if here >= 0 else opens
    last = _last_person(article, since, q.speaker_start)
    if last is None or last[2] != q.speaker_entity or last[0] >= shown.start:
        return None
    start, end, key = last
    return NamedPronoun(q.speaker_end - shown.start, key, Citation(article.id, start, end, article.text[start:end]))
