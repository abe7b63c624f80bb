"""Typed records that flow through the pipeline.

ingest  -> RawDocument | Skipped
clean   -> Article | Skipped
group   -> Story (members, syndication groups, independent sources)
compare -> Comparison (one field per section), set as ``Story.comparison``
store   -> StoredStory (a Story as a store reads it back, with its ArticleUpdates)

``storylens.serialise`` turns a Story and its Comparison into the JSON report's layout
(docs/json-schema.md) and reads them back; the report writers, the store and the web app
go through it.

Every datetime is timezone-aware. Every span is (start, end) into ``Article.text``.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .compare.brief import Brief
    from .compare.framing import FramingCue
    from .compare.quote_variants import QuoteGroup
    from .compare.timeline import TimelineEvent
    from .dedupe.copies import SyndicationGroup

__all__ = [
    "Span",
    "Entity",
    "Quote",
    "Figure",
    "TimeRef",
    "ID_LENGTH",
    "content_id",
    "RawDocument",
    "RemovedLine",
    "Article",
    "Skipped",
    "METADATA_FIELDS",
    "Citation",
    "Fact",
    "ConflictSide",
    "Conflict",
    "Exclusives",
    "Comparison",
    "StoryEntity",
    "Story",
    "ArticleUpdate",
    "StoredStory",
]

ID_LENGTH = 16

#: Fields a user may state explicitly (sidecar ``NAME.meta.json``, ``--meta`` manifest,
#: JSONL/CSV columns, feed entry fields). Explicit values win over inferred ones.
METADATA_FIELDS = ("outlet", "url", "headline", "published", "updated", "language", "byline", "genre")


def content_id(data: bytes, provenance: str = "") -> str:
    """Content-hash id: the first 16 hex digits of the SHA-256 of the raw bytes; with a
    ``provenance`` (see ``RawDocument.provenance``), of the provenance and that hash, so
    that one text from two outlets (or two records) makes two ids."""
    digest = hashlib.sha256(data).hexdigest()
    if not provenance:
        return digest[:ID_LENGTH]
    return hashlib.sha256(f"{provenance}\n{digest}".encode("utf-8", "surrogatepass")).hexdigest()[:ID_LENGTH]


#: The record part of a source ("#line-12", "#entry-3", "#record-7", "#item-2").
_RECORD = re.compile(r"#([a-z]+-\d+)$")


@dataclass(frozen=True)
class RawDocument:
    """One document as read from disk or network, before any cleaning.

    ``source`` names where it came from precisely enough for a user to find it again:
    a path, or ``path#entry-N`` (feed), ``path#record-N`` (WARC), ``path#line-N`` (JSONL/CSV)
    for one record of a container file.
    ``kind`` says how ``data`` must be cleaned: ``"text"`` (a page dump: furniture
    expected), ``"plain"`` (article text already extracted, e.g. a JSONL ``text`` column:
    only structured lines such as credits and hashtags are taken out) or ``"html"``
    (a web page or an HTML fragment).
    ``metadata`` holds explicit values (keys from METADATA_FIELDS, all strings) and
    ``metadata_origin`` says where each came from (e.g. ``"sidecar a.meta.json"``).
    """

    source: str
    data: bytes
    kind: str
    fetched_at: datetime
    url: str | None = None
    metadata: dict[str, str] = field(default_factory=dict)
    metadata_origin: dict[str, str] = field(default_factory=dict)

    @property
    def provenance(self) -> str:
        """What besides the bytes makes this document one article: its URL when known,
        else the outlet stated for it, else its file name and record position. The file
        name, not the path, so that a file read through its folder, from another working
        directory or after the corpus moved keeps its id (re-ingesting is idempotent)."""
        url = (self.url or "").strip()
        if url:
            return f"url {url}"
        outlet = " ".join((self.metadata.get("outlet") or "").split()).casefold()
        if outlet:
            return f"outlet {outlet}"
        record = _RECORD.search(self.source)
        path = self.source[: record.start()] if record else self.source
        name = PurePath(path).name or path
        return f"file {name}#{record.group(1)}" if record else f"file {name}"

    @property
    def id(self) -> str:
        """``content_id`` of the bytes with the provenance: the same text from two
        outlets, two URLs or two records is two articles (dedupe marks them as copies)."""
        return content_id(self.data, self.provenance)


@dataclass(frozen=True)
class Span:
    """Character offsets ``[start, end)`` into ``Article.text``."""

    start: int
    end: int

    def to_dict(self) -> dict[str, int]:
        return {"start": self.start, "end": self.end}


@dataclass
class Entity:
    """A person, organisation or place named in one article.

    ``key`` is computed the same way in every article (accent- and case-folded, titles
    dropped, a surname resolved to the full name the article gives), so that the same
    person gets the same key in every article. ``kind`` is ``person``, ``org`` or ``place``.
    """

    key: str
    name: str
    kind: str
    aliases: list[str] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "name": self.name, "kind": self.kind, "aliases": list(self.aliases),
                "mentions": [m.to_dict() for m in self.mentions]}


@dataclass
class Quote:
    """A quoted or reported statement. ``kind``: ``direct``, ``partial`` or ``indirect``.

    ``speaker`` is the text naming who said it as written (may be a pronoun),
    ``speaker_entity`` the key of the entity it resolves to, ``cue`` the verb or phrase
    that introduces it ("said", "posted", "according to"), ``medium`` how it was said when
    the text states it ("social media post", "interview with Fox News", "statement").
    """

    text: str
    start: int
    end: int
    kind: str
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_entity: str | None = None
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    medium: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class Figure:
    """A quantity. ``value`` is the number (scale words applied: "100 billion" = 1e11);
    ``low``/``high`` bound a range; ``bound`` is one of ``=``, ``~``, ``>``, ``>=``, ``<``,
    ``<=``; ``trend`` is ``up``/``down`` for changes ("rose by 5%"); ``vague`` is the
    phrase of a quantity with no number ("large numbers of", "about a dozen" has value 12)."""

    text: str
    start: int
    end: int
    value: float | None = None
    low: float | None = None
    high: float | None = None
    bound: str = "="
    trend: str | None = None
    unit: str | None = None
    currency: str | None = None
    counts: str | None = None
    vague: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class TimeRef:
    """A time expression normalised to a TIMEX3 value ("2026-01-03", "XXXX-01-03",
    "2026-W02", "P3D", "PAST_REF"...). ``granularity``: day, week, month, quarter, season,
    year, decade, time, duration, set or ref. ``anchor`` is the ISO date it was resolved
    against, or None when the article has no published time and the value depends on one."""

    text: str
    start: int
    end: int
    value: str
    granularity: str
    anchor: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class RemovedLine:
    """A line taken out of the body, with the reason, so nothing is dropped silently."""

    text: str
    reason: str
    line: int | None = None  # 0-based line number in the decoded input, when known

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "reason": self.reason, "line": self.line}


@dataclass
class Article:
    id: str
    source: str
    text: str
    paragraphs: list[str]
    url: str | None = None
    outlet: str | None = None
    headline: str | None = None
    byline: str | None = None
    published: datetime | None = None
    updated: datetime | None = None
    dateline: str | None = None
    language: str | None = None
    #: ``news``, ``opinion`` or ``blog`` (``clean.genre``): only news articles corroborate a fact
    genre: str = "news"
    credits: list[str] = field(default_factory=list)
    hashtags: list[str] = field(default_factory=list)
    feed_notice: str | None = None
    removed: list[RemovedLine] = field(default_factory=list)
    inferred: dict[str, str] = field(default_factory=dict)
    explicit: dict[str, str] = field(default_factory=dict)
    story_id: str | None = None
    duplicate_of: str | None = None
    syndication_group: str | None = None
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    time_refs: list[TimeRef] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source,
            "url": self.url,
            "outlet": self.outlet,
            "headline": self.headline,
            "byline": self.byline,
            "published": _iso(self.published),
            "updated": _iso(self.updated),
            "dateline": self.dateline,
            "language": self.language,
            "genre": self.genre,
            "text": self.text,
            "credits": list(self.credits),
            "hashtags": list(self.hashtags),
            "feed_notice": self.feed_notice,
            "removed": [r.to_dict() for r in self.removed],
            "inferred": dict(self.inferred),
            "explicit": dict(self.explicit),
            "story_id": self.story_id,
            "duplicate_of": self.duplicate_of,
            "syndication_group": self.syndication_group,
            "entities": [e.to_dict() for e in self.entities],
            "quotes": [q.to_dict() for q in self.quotes],
            "figures": [f.to_dict() for f in self.figures],
            "time_refs": [t.to_dict() for t in self.time_refs],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Article":
        text = d["text"]
        return cls(
            id=d["id"],
            source=d["source"],
            text=text,
            paragraphs=[p for p in text.split("\n\n") if p] if text else [],
            url=d.get("url"),
            outlet=d.get("outlet"),
            headline=d.get("headline"),
            byline=d.get("byline"),
            published=_parse_iso(d.get("published")),
            updated=_parse_iso(d.get("updated")),
            dateline=d.get("dateline"),
            language=d.get("language"),
            genre=d.get("genre") or "news",
            credits=list(d.get("credits") or []),
            hashtags=list(d.get("hashtags") or []),
            feed_notice=d.get("feed_notice"),
            removed=[RemovedLine(r["text"], r["reason"], r.get("line")) for r in d.get("removed") or []],
            inferred=dict(d.get("inferred") or {}),
            explicit=dict(d.get("explicit") or {}),
            story_id=d.get("story_id"),
            duplicate_of=d.get("duplicate_of"),
            syndication_group=d.get("syndication_group"),
            entities=[
                Entity(e["key"], e["name"], e["kind"], list(e.get("aliases") or []),
                       [Span(m["start"], m["end"]) for m in e.get("mentions") or []])
                for e in d.get("entities") or []
            ],
            quotes=[Quote(**q) for q in d.get("quotes") or []],
            figures=[Figure(**f) for f in d.get("figures") or []],
            time_refs=[TimeRef(**t) for t in d.get("time_refs") or []],
        )


@dataclass(frozen=True)
class Skipped:
    """An input that could not be used, and why (one line a user can act on)."""

    source: str
    reason: str

    def to_dict(self) -> dict[str, str]:
        return {"source": self.source, "reason": self.reason}


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _parse_iso(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


# -- comparison of a story's articles (compare and brief stages) -----------------------


@dataclass
class Citation:
    """Where a statement stands: the article and the character span in its ``text``
    (``field="headline"`` when the span indexes the headline instead)."""

    article_id: str
    start: int
    end: int
    text: str
    field: str = "text"

    @property
    def location(self) -> tuple[str, str, int, int]:
        """(article id, field, start, end): where it stands, whatever its text; two
        citations of one span are one statement."""
        return (self.article_id, self.field, self.start, self.end)

    def to_dict(self) -> dict[str, Any]:
        out = {"article_id": self.article_id, "start": self.start, "end": self.end, "text": self.text}
        if self.field != "text":
            out["field"] = self.field
        return out


def sentences_before_headlines(cites: Sequence[Citation]) -> list[Citation]:
    """The citations, an article's headline left out where a sentence of its text is cited
    too (a fact may hold both: the sentence says it for the article)."""
    in_text = {c.article_id for c in cites if c.field != "headline"}
    return [c for c in cites if c.field != "headline" or c.article_id not in in_text]


@dataclass
class Fact:
    """Statements across a story's articles that say the same thing.

    ``status``: ``corroborated`` (≥ 2 independent sources), ``single-source`` or
    ``disputed`` (a conflict involves it). ``asserted_by``: a quoted speaker's entity key
    or name, or ``"outlet"`` when the outlets state it in their own voice."""

    id: str
    statement: str
    support: list[Citation]
    independent_sources: int
    status: str
    asserted_by: str = "outlet"
    outlets: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "statement": self.statement, "support": [c.to_dict() for c in self.support],
                "independent_sources": self.independent_sources, "status": self.status,
                "asserted_by": self.asserted_by, "outlets": list(self.outlets)}


@dataclass
class ConflictSide:
    """One side of a conflict: what is said, who asserts it, where."""

    claim: str
    asserted_by: str
    citation: Citation
    value: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"claim": self.claim, "asserted_by": self.asserted_by, "citation": self.citation.to_dict(),
                "value": self.value}


@dataclass
class Conflict:
    """``kind``: ``figure`` (numbers for the same thing disagree, or a vague claim vs a
    count), ``date``, ``place``, ``attribution`` (different speakers for one quote) or
    ``identity`` (different names or details of one person). Hedged vs flat wording is
    framing (a ``hedged_claim`` cue), never a conflict."""

    id: str
    kind: str
    about: str
    sides: list[ConflictSide]
    fact_ids: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "about": self.about, "sides": [s.to_dict() for s in self.sides],
                "fact_ids": list(self.fact_ids)}


@dataclass
class Exclusives:
    """What each outlet alone reports (``only_in``: outlet -> ids of facts resting on it
    alone) and which corroborated facts it leaves out (``missing_from``); every outlet of
    the story is a key of both."""

    only_in: dict[str, list[str]] = field(default_factory=dict)
    missing_from: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class Comparison:
    """What the compare stage found in one story's articles: one field per section of
    the JSON report's story (docs/json-schema.md), in the report's order. These fields
    are the one list of the sections. The defaults are an empty comparison (what a story
    whose comparison failed keeps, and what a section an older stored comparison lacks
    reads as)."""

    facts: list[Fact] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    quote_variants: list[QuoteGroup] = field(default_factory=list)
    exclusives: Exclusives = field(default_factory=Exclusives)
    framing: list[FramingCue] = field(default_factory=list)
    timeline: list[TimelineEvent] = field(default_factory=list)
    brief: Brief | None = None
    hashtags: list[str] = field(default_factory=list)
    #: surname-only person key -> the full-name key the story gives
    entity_links: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class StoryEntity:
    """One of the entity keys most shared by a story's articles: a name as written and
    how many member articles name it."""

    key: str
    name: str
    articles: int

    def to_dict(self) -> dict[str, object]:
        return {"key": self.key, "name": self.name, "articles": self.articles}


@dataclass
class Story:
    """A group of articles about one event.

    ``id`` is ``story-`` + the id of its first (earliest) article (``lead``); ``title``
    that article's headline (or the first member's with one); ``articles`` the member
    ids in arrival (publication) order; ``entities`` the most shared entity keys;
    ``first_published`` / ``last_published`` span the dated members; ``outlets`` the
    members' distinct known outlets; ``independent_sources`` how many independent
    accounts they are (``stories.independent_sources``); ``syndication_groups`` the
    agency copies among them. ``comparison`` is None until the compare stage has run."""

    id: str
    lead: str
    title: str | None
    articles: list[str]
    entities: list[StoryEntity] = field(default_factory=list)
    first_published: datetime | None = None
    last_published: datetime | None = None
    outlets: list[str] = field(default_factory=list)
    independent_sources: int = 0
    syndication_groups: list[SyndicationGroup] = field(default_factory=list)
    comparison: Comparison | None = None


@dataclass(frozen=True)
class ArticleUpdate:
    """A story member that replaced an older version of its page (fetched again with
    changed text; ``store.versions``): how many versions of the page are stored (this one
    included), the older versions' ids (oldest first) and when this version replaced the
    one before (ISO 8601, as stored)."""

    versions: int
    previous: list[str]
    updated_at: str


@dataclass
class StoredStory(Story):
    """A story as a store reads it back (``Store.list_stories``, ``get_story``): the
    ``Story`` it was saved from, without its comparison (``Store.get_comparison``), and
    ``updated_articles``: its members fetched again with changed text, by id (empty for
    most stories; only a store keeps versions). The serialiser writes that field only
    when it is not empty, so a story without updates has the JSON report's layout."""

    updated_articles: dict[str, ArticleUpdate] = field(default_factory=dict, metadata={"omit_empty": True})
