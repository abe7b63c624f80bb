"""A neutral, cited brief of one story, built only from what its articles say.

- ``summary``: the supporting text of the best-corroborated facts (most independent
  sources first, at most :data:`MAX_SUMMARY`), each sentence an exact span of one
  article and citing every article that supports it; facts in a conflict are left to
  ``disputed``. Ordered as the article covering most of them tells them. When no fact
  has two independent sources, the single-source facts of the first article are used.
- ``disputed``: one sentence per conflict, from a template: "Who says CLAIM; who says
  CLAIM." (who: the quoted speaker with the outlets, or the outlets in their own voice;
  the sides making one claim in one voice are said once, naming up to
  :data:`MAX_NAMED_OUTLETS` outlets and counting the rest), citing every side.
- ``timeline``: one line per dated event: the date and the event's sentence, citing
  every mention.
- ``quoted``: who is quoted, in how many outlets and utterances.
- ``hashtags``: :func:`storylens.compare.hashtags.make_hashtags`.
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from storylens.compare.hashtags import make_hashtags
from storylens.compare.quote_variants import QuoteGroup
from storylens.compare.statements import outlet_name
from storylens.compare.timeline import TimelineEvent
from storylens.model import Article, Citation, Conflict, Fact

__all__ = ["BriefSentence", "QuotedSpeaker", "Brief", "build_brief", "MAX_SUMMARY"]

log = logging.getLogger(__name__)

MAX_SUMMARY = 6
#: Outlets named for one claim of a disputed point (every side is still cited).
MAX_NAMED_OUTLETS = 4


@dataclass
class BriefSentence:
    """A sentence of the brief and the spans it rests on (``date`` for timeline lines)."""

    text: str
    citations: list[Citation]
    date: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"text": self.text, "citations": [c.to_dict() for c in self.citations]}
        if self.date is not None:
            out["date"] = self.date
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

    def to_dict(self) -> dict[str, Any]:
        return {"summary": [s.to_dict() for s in self.summary], "disputed": [s.to_dict() for s in self.disputed],
                "timeline": [s.to_dict() for s in self.timeline], "quoted": [q.to_dict() for q in self.quoted],
                "hashtags": list(self.hashtags)}


def _names(articles: Sequence[Article]) -> dict[str, str]:
    names: dict[str, str] = {}
    for a in articles:
        for e in a.entities:
            if len(e.name) > len(names.get(e.key, "")):
                names[e.key] = e.name
    return names


def _summary(facts: Sequence[Fact], order: dict[str, int]) -> list[BriefSentence]:
    usable = [f for f in facts if f.status != "disputed" and f.support]
    corroborated = [f for f in usable if f.independent_sources >= 2]
    if corroborated:
        chosen = sorted(corroborated, key=lambda f: (-f.independent_sources, -len(f.support)))[:MAX_SUMMARY]
    else:
        first = min((order.get(c.article_id, 0) for f in usable for c in f.support), default=0)
        chosen = [f for f in usable if any(order.get(c.article_id) == first for c in f.support)][:MAX_SUMMARY]
    if not chosen:
        return []
    coverage: dict[str, int] = defaultdict(int)
    for f in chosen:
        for aid in {c.article_id for c in f.support}:
            coverage[aid] += 1
    lead = max(coverage, key=lambda aid: (coverage[aid], -order.get(aid, 0)))

    def position(f: Fact) -> tuple[int, int]:
        own = [c.start for c in f.support if c.article_id == lead]
        return (0, min(own)) if own else (1, min(order.get(c.article_id, 0) for c in f.support))

    out = []
    for f in sorted(chosen, key=position):
        text_cites = [c for c in f.support if c.field == "text"] or f.support
        own = [c for c in text_cites if c.article_id == lead]
        shown = (own or text_cites)[0]
        out.append(BriefSentence(shown.text.strip(), list(f.support)))
    return out


def _disputed(conflicts: Sequence[Conflict], by_id: dict[str, Article], names: dict[str, str]) -> list[BriefSentence]:
    out = []
    for conflict in conflicts:
        # Sides making one claim in one voice are said once, naming every outlet.
        claims: dict[tuple[str, str], tuple[str, list[str], list[Citation]]] = {}
        for side in conflict.sides:
            article = by_id.get(side.citation.article_id)
            outlet = outlet_name(article) if article else side.citation.article_id
            voice = "outlet" if side.asserted_by in ("outlet", "", None) else side.asserted_by
            claim = claims.setdefault((voice, " ".join(re.findall(r"\w+", side.claim.casefold()))),
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
                parts.append(f"{names.get(voice, voice)} (per {listed}) says {text}")
            cites.extend(citations)
        if len(parts) >= 2:
            out.append(BriefSentence("; ".join(parts) + ".", cites))
    return out


def _listing(outlets: Sequence[str]) -> str:
    """"A", "A and B", "A, B and C"; past :data:`MAX_NAMED_OUTLETS`, "A, B, C and 7 other outlets"."""
    if len(outlets) > MAX_NAMED_OUTLETS:
        rest = len(outlets) - MAX_NAMED_OUTLETS
        return f"{', '.join(outlets[:MAX_NAMED_OUTLETS])} and {rest} other outlet{'s' if rest > 1 else ''}"
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
                quote_groups: Sequence[QuoteGroup], timeline: Sequence[TimelineEvent]) -> Brief:
    """The story's brief (see the module docstring); every sentence cites its articles."""
    by_id = {a.id: a for a in articles}
    order = {a.id: k for k, a in enumerate(articles)}
    names = _names(articles)
    brief = Brief(
        summary=_summary(facts, order),
        disputed=_disputed(conflicts, by_id, names),
        timeline=_timeline(timeline),
        quoted=_quoted(quote_groups, by_id, names),
        hashtags=make_hashtags(articles),
    )
    log.debug("brief: %d summary sentences, %d disputed points", len(brief.summary), len(brief.disputed))
    return brief
