"""RSS 0.9x/1.0/2.0 and Atom feeds (via feedparser), and OPML lists of feeds.

A feed entry that carries the full article (``content:encoded``, Atom ``content``, or a
description that is clearly a whole article) becomes one RawDocument; a summary-only
entry becomes a Skipped that points to the page to ingest instead. Nothing is fetched
over the network: an OPML entry with an http(s) feed URL is reported, not followed.
"""

from __future__ import annotations

import calendar
import html
import io
import logging
import re
import time
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from ..clean.common import parse_datetime
from ..model import RawDocument, Skipped

__all__ = ["FULL_ARTICLE_WORDS", "read_feed", "read_opml"]

log = logging.getLogger(__name__)

#: An entry text at least this long is taken as the full article even when the feed
#: gives no separate summary to compare it with (many RSS feeds put it in <description>).
FULL_ARTICLE_WORDS = 150

_TAG = re.compile(r"<[^>]*>")
_LANG = re.compile(r"^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*$")
_HTML_TYPES = ("text/html", "application/xhtml+xml", "html", "xhtml")


def _words(markup: str) -> int:
    return len(html.unescape(_TAG.sub(" ", markup)).split())


def _language(*values: Any) -> str | None:
    for value in values:
        match = _LANG.match(value.strip()) if isinstance(value, str) else None
        if match:
            return match.group(1).lower()
    return None


def _date(entry: Any, key: str) -> str | None:
    """The entry's date as ISO 8601: from the text as written, else feedparser's UTC parse."""
    # dict.get: FeedParserDict would answer "updated" with the publication date.
    text = dict.get(entry, key)
    if isinstance(text, str) and text.strip():
        parsed = parse_datetime(text)
        if parsed is not None:
            return parsed[0].isoformat()
    struct = dict.get(entry, f"{key}_parsed")
    if isinstance(struct, time.struct_time):
        try:
            return datetime.fromtimestamp(calendar.timegm(struct), tz=timezone.utc).isoformat()
        except (OverflowError, OSError, ValueError):  # a year datetime cannot hold
            return None
    return None


def _byline(entry: Any) -> str | None:
    names = [a.get("name", "").strip() for a in entry.get("authors") or [] if isinstance(a, dict)]
    names = [n for n in dict.fromkeys(names) if n]
    if names:
        return ", ".join(names)
    author = entry.get("author")
    return author.strip() if isinstance(author, str) and author.strip() else None


def _best_text(entry: Any) -> tuple[str, str, bool] | str:
    """``(text, mime type, is_full)`` for the entry's fullest text, or the reason it has none."""
    summary = entry.get("summary") or ""
    summary_words = _words(summary)
    contents = [c for c in entry.get("content") or [] if isinstance(c, dict) and (c.get("value") or "").strip()]
    if contents:
        best = max(contents, key=lambda c: _words(c["value"]))
        words = _words(best["value"])
        full = words > summary_words or words >= FULL_ARTICLE_WORDS
        return best["value"], str(best.get("type") or "text/html"), full
    if summary.strip():
        detail = entry.get("summary_detail") or {}
        return summary, str(detail.get("type") or "text/html"), summary_words >= FULL_ARTICLE_WORDS
    return "feed entry has no text at all"


def read_feed(path: Path, fetched_at: datetime) -> Iterator[RawDocument | Skipped]:
    """Each full-text entry of an RSS/Atom feed as a RawDocument; the rest as Skipped."""
    import feedparser

    # A stream, not a path or URL (or bare bytes, which feedparser tries as a file name):
    # feedparser must never open anything itself, let alone go to the network.
    parsed = feedparser.parse(io.BytesIO(path.read_bytes()), resolve_relative_uris=True, sanitize_html=True)
    entries = list(parsed.entries)
    usable = [e for e in entries if e.get("title") or e.get("link") or e.get("summary") or e.get("content")]
    if parsed.bozo and not usable:
        problem = parsed.get("bozo_exception")
        yield Skipped(
            str(path),
            f"not a readable RSS/Atom feed ({type(problem).__name__}: {problem}); "
            "check that the file is a complete feed, not an HTML page or a cut download",
        )
        return
    if parsed.bozo:
        log.warning("%s: feed is not well-formed (%s); read %d entries anyway", path, parsed.get("bozo_exception"), len(usable))
    if not entries:
        yield Skipped(str(path), "the feed has no entries")
        return
    feed = parsed.feed
    outlet = (feed.get("title") or "").strip() or None
    for n, entry in enumerate(entries, start=1):
        source = f"{path}#entry-{n}"
        link = (entry.get("link") or "").strip() or None
        best = _best_text(entry)
        if isinstance(best, str):
            yield Skipped(source, best)
            continue
        text, mime, full = best
        if not full:
            where = f"ingest the page at {link} instead" if link else "the entry has no link to the full page"
            yield Skipped(
                source,
                f"feed entry has only a summary ({_words(text)} words), not the full article text: {where}",
            )
            continue
        values = {
            "headline": (entry.get("title") or "").strip() or None,
            "published": _date(entry, "published"),
            "updated": _date(entry, "updated"),
            "byline": _byline(entry),
            "outlet": outlet,
            "url": link,
            "language": _language(entry.get("language"), feed.get("language")),
        }
        if values["updated"] == values["published"]:
            values["updated"] = None  # feedparser falls back to the publication date
        metadata = {key: value for key, value in values.items() if value}
        origin = f"feed entry {n} of {path.name}"
        kind = "html" if any(t in mime.lower() for t in _HTML_TYPES) else "plain"
        yield RawDocument(
            source=source,
            data=text.encode("utf-8"),
            kind=kind,
            fetched_at=fetched_at,
            url=link,
            metadata=metadata,
            metadata_origin={key: origin for key in metadata},
        )


def _local_feed(value: str, opml: Path) -> Path | None:
    """The local path an OPML ``xmlUrl`` names, or None when it is not a local file."""
    parts = urlsplit(value)
    if parts.scheme == "file":
        return Path(url2pathname(parts.path))
    if parts.scheme and len(parts.scheme) > 1:  # "C:" is a drive letter, not a scheme
        return None
    path = Path(value).expanduser()
    return path if path.is_absolute() else opml.parent / path


def read_opml(path: Path, fetched_at: datetime) -> Iterator[RawDocument | Skipped]:
    """Read every feed an OPML file lists that is a local file; report the others."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=False)
    try:
        root = etree.fromstring(path.read_bytes(), parser)
    except etree.XMLSyntaxError as exc:
        yield Skipped(str(path), f"not a readable OPML file ({exc}); check that it is complete XML")
        return
    urls: list[str] = []
    entities: list[str] = []
    for el in root.iter():
        if isinstance(el, etree._Entity):  # an external entity: never expanded (it could read any file)
            entities.append(el.text or "&?;")
            continue
        if not isinstance(el.tag, str) or etree.QName(el).localname.lower() != "outline":
            continue
        attrs = {str(k).lower(): str(v) for k, v in el.attrib.items()}
        value = attrs.get("xmlurl", "").strip()
        if value and value not in urls:
            urls.append(value)
    if entities:
        names = ", ".join(dict.fromkeys(entities))
        yield Skipped(f"{path}#entities", f"the OPML file refers to external entities ({names}); they are not "
                                          "expanded, for safety, so any feeds listed inside them were not read")
    if not urls:
        if not entities:
            yield Skipped(str(path), "the OPML file lists no feeds (no outline with an xmlUrl)")
        return
    read: set[Path] = set()
    for n, url in enumerate(urls, start=1):
        source = f"{path}#outline-{n}"
        scheme = urlsplit(url).scheme.lower()
        if scheme in ("http", "https"):
            yield Skipped(
                source,
                f"feed URL {url} not fetched: fetching feeds over the network is `storylens watch`'s job, "
                "not available yet",
            )
            continue
        local = _local_feed(url, path)
        if local is None:
            yield Skipped(source, f"feed address {url} is neither a local file nor an http(s) URL")
            continue
        if not local.is_file():
            yield Skipped(source, f"feed file {local} not found (listed as {url!r} in {path.name})")
            continue
        if local.resolve() in read:
            log.info("%s: %s is listed twice; read once", path, local)
            continue
        read.add(local.resolve())
        try:
            yield from read_feed(local, fetched_at)
        except OSError as exc:
            yield Skipped(str(local), f"could not be read: {exc.strerror or exc}")
