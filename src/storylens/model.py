"""Typed records that flow through the pipeline.

ingest -> RawDocument | Skipped
clean  -> Article | Skipped

Every datetime is timezone-aware. Every span is (start, end) into ``Article.text``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

__all__ = [
    "ID_LENGTH",
    "content_id",
    "RawDocument",
    "RemovedLine",
    "Article",
    "Skipped",
    "METADATA_FIELDS",
]

ID_LENGTH = 16

#: Fields a user may state explicitly (sidecar ``NAME.meta.json``, ``--meta`` manifest,
#: JSONL/CSV columns, feed entry fields). Explicit values win over inferred ones.
METADATA_FIELDS = ("outlet", "url", "headline", "published", "updated", "language", "byline")


def content_id(data: bytes) -> str:
    """Content-hash id: the first 16 hex digits of the SHA-256 of the raw bytes."""
    return hashlib.sha256(data).hexdigest()[:ID_LENGTH]


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
    def id(self) -> str:
        return content_id(self.data)


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
    credits: list[str] = field(default_factory=list)
    hashtags: list[str] = field(default_factory=list)
    feed_notice: str | None = None
    removed: list[RemovedLine] = field(default_factory=list)
    inferred: dict[str, str] = field(default_factory=dict)
    explicit: dict[str, str] = field(default_factory=dict)
    story_id: str | None = None
    duplicate_of: str | None = None
    syndication_group: str | None = None

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
            credits=list(d.get("credits") or []),
            hashtags=list(d.get("hashtags") or []),
            feed_notice=d.get("feed_notice"),
            removed=[RemovedLine(r["text"], r["reason"], r.get("line")) for r in d.get("removed") or []],
            inferred=dict(d.get("inferred") or {}),
            explicit=dict(d.get("explicit") or {}),
            story_id=d.get("story_id"),
            duplicate_of=d.get("duplicate_of"),
            syndication_group=d.get("syndication_group"),
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
