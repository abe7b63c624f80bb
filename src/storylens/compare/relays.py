"""An outlet telling what another outlet of the story reported is that outlet's account.

"According to the Times, Mary Cheney ... took to Facebook" (one outlet), "the shooters were
two men carrying an AK-47, according to the Miami Herald" (a second), "The Daily News
reports that ..." (a third): the sentence names another news outlet as its source. It
states the claim (it is cited) but it relays that outlet's reporting, so where that
outlet's own article supports the same fact the two are one source, not two: a reader
told "two independent sources" would take the relay for a confirmation it is not.

A sentence relays an outlet when it attributes what it says to a name ("according to",
"citing", "reported by", "told", "X reported", "X reports", "X first reported") that is
the name of the outlet of another article supporting the fact: the same letters once
case, "the", spaces and punctuation are set aside and a web address's "www." and ending
dropped ("the Miami Herald" / miamiherald.com, "Fox News" / Fox News), or the last
words of it, of five letters or more ("the Times" / New York Times, "the Daily News" /
nydailynews.com). An outlet naming itself relays nothing. The relaying article gets a
``relayed`` framing cue on the name (:func:`relay_cues`), so a reader sees why its
outlet adds no source. Pure.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from storylens.compare.framing import FramingCue
from storylens.compare.statements import outlet_name
from storylens.compare.textspans import sentence_around
from storylens.model import Article, Citation, Fact
from storylens.text import fold

__all__ = ["relay_cues", "relayed_members"]

_NAME = r"(?:[Tt]he\s+)?(?P<{g}>[A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*){{0,3}})"
#: An attribution to a name: "according to the Times", "citing the Miami Herald", "told
#: the Daily News", "The Daily News reports", "the Times first reported".
_ATTRIBUTION = re.compile(
    r"\b(?:[Aa]ccording\s+to|[Cc]iting|[Rr]eported\s+by|[Tt]old|[Tt]elling)\s+" + _NAME.format(g="after")
    + r"|" + _NAME.format(g="before") + r"\s+(?:reported|reports|has\s+reported|had\s+reported|first\s+reported)\b")
_WEB_ADDRESS = re.compile(r"^(?:https?://)?(?:www\.)?|\.(?:com|org|net|co\.uk|com\.au|co|us|ca|tv|news)$")
_NOT_LETTERS = re.compile(r"[\W_]+")
#: The shortest last words of an outlet's name that name it ("Times", "Daily News").
_MIN_KEY = 5


def _key(name: str) -> str:
    """A name as letters and digits only: "the Miami Herald" and "miamiherald.com" alike."""
    folded = fold(_WEB_ADDRESS.sub("", name.strip().casefold())).strip()
    folded = folded[4:] if folded.startswith("the ") else folded
    return _NOT_LETTERS.sub("", folded)


def _names_outlet(named: str, outlet: str) -> bool:
    return bool(named) and (named == outlet or (len(named) >= _MIN_KEY and outlet.endswith(named)))


def _attributions(citation: Citation, article: Article) -> list[tuple[str, Citation]]:
    """(key, citation of the name as written) of each name the citation's sentence
    attributes what it says to."""
    if citation.field == "headline":
        text, start, field = article.headline or "", 0, "headline"
        sentence = text
    else:
        text, field = article.text, "text"
        start, end = sentence_around(text, citation.start, citation.end)
        sentence = text[start:end]
    out = []
    for m in _ATTRIBUTION.finditer(sentence):
        group = "after" if m.group("after") else "before"
        s, e = start + m.start(group), start + m.end(group)
        out.append((_key(m.group(group)), Citation(article.id, s, e, text[s:e], field)))
    return out


def _members(support: Sequence[Citation], by_id: Mapping[str, Article]) -> list[Article]:
    """The articles ``support`` cites, each once, in order."""
    return list({c.article_id: by_id[c.article_id] for c in support if c.article_id in by_id}.values())


def _relays(support: Sequence[Citation], members: Sequence[Article],
            by_id: Mapping[str, Article]) -> dict[str, tuple[str, Citation]]:
    """Article id -> (the id of the supporting article whose outlet its cited sentence
    names as its source, the name as written). ``members``: :func:`_members` of
    ``support``."""
    if len(members) < 2:
        return {}
    outlets = {a.id: _key(outlet_name(a)) for a in members}
    relays: dict[str, tuple[str, Citation]] = {}
    for c in support:
        article = by_id.get(c.article_id)
        if article is None or article.id in relays:
            continue
        for named, written in _attributions(c, article):
            other = next((a for a in members if outlets[a.id] != outlets[article.id]
                          and _names_outlet(named, outlets[a.id])), None)
            if other is not None:
                relays[article.id] = (other.id, written)
                break
    return relays


def relayed_members(support: Sequence[Citation], by_id: Mapping[str, Article]) -> list[Article]:
    """The articles of ``support`` (each once, in order), an article whose cited sentence
    relays the outlet of another supporting article (see the module docstring) replaced by
    that article: what :func:`storylens.compare.facts.corroborating_sources` should count."""
    members = _members(support, by_id)
    relays = _relays(support, members, by_id)
    if not relays:
        return members
    out = []
    for a in members:
        seen = {a.id}
        while a.id in relays and relays[a.id][0] not in seen:  # a relay of a relay: the first teller
            a = by_id[relays[a.id][0]]
            seen.add(a.id)
        out.append(a)
    return out


def relay_cues(facts: Sequence[Fact], by_id: Mapping[str, Article]) -> list[FramingCue]:
    """A ``relayed`` framing cue for each article that tells a fact as the reporting of
    another outlet supporting it, on the name it attributes it to (once per article and
    name), in the facts' order."""
    cues: dict[tuple[str, str, int, int], FramingCue] = {}
    for fact in facts:
        for article_id, (other, written) in _relays(fact.support, _members(fact.support, by_id), by_id).items():
            note = f"tells what {outlet_name(by_id[other])} reported; one source with it, not two"
            cues.setdefault(written.location, FramingCue(article_id, "relayed", written.text, written, note=note))
    return list(cues.values())
