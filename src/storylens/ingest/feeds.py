"""RSS 0.9x/1.0/2.0 and Atom feeds (via feedparser), and OPML lists of feeds.

A feed entry that carries the full article (``content:encoded``, Atom ``content``, or a
description that is clearly a whole article) becomes one RawDocument; a summary-only
entry becomes a ``Link`` to its page, and an OPML outline with an http(s) feed URL a
``Link`` to that feed (``feed_items`` / ``opml_items``). Nothing here goes to the
network: ``ingest.iter_documents`` fetches the links when it has a fetcher, and
``read_feed`` / ``read_opml`` (no fetcher) turn each into a Skipped that names the URL.
"""

from __future__ import annotations

import calendar
import html
import io
import logging
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit
from urllib.request import url2pathname

from ..clean.common import parse_datetime
from ..model import RawDocument, Skipped

__all__ = ["FULL_ARTICLE_WORDS", "Link", "feed_items", "opml_items", "read_feed", "read_opml", "without_links"]

log = logging.getLogger(__name__)

#: An entry text at least this long is taken as the full article even when the feed
#: gives no separate summary to compare it with (many RSS feeds put it in <description>).
FULL_ARTICLE_WORDS = 150

_TAG = re.compile(r"<[^>]*>")
_LANG = re.compile(r"^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*$")
_HTML_TYPES = ("text/html", "application/xhtml+xml", "html", "xhtml")


@dataclass(frozen=True)
class Link:
    """An input whose content is at another URL: ``what`` is ``"page"`` (a summary-only
    feed entry's article, a sitemap's page), ``"feed"`` (an OPML outline) or ``"list"``
    (a sitemap of a sitemap index). ``note`` says why the link is followed (the first
    half of the line said when it cannot be); ``metadata`` are explicit values the
    linking record gives for the page (a feed entry's headline, date, outlet)."""

    source: str
    url: str
    what: str
    note: str = ""
    metadata: dict[str, str] = field(default_factory=dict)
    metadata_origin: dict[str, str] = field(default_factory=dict)

    def unfetched(self) -> Skipped:
        """The Skipped said when nothing may be fetched."""
        if self.what == "page":
            return Skipped(self.source, f"{self.note}: ingest the page at {self.url} instead")
        return Skipped(self.source, f"{self.what} URL {self.url} not fetched: give it to `storylens ingest` or "
                                    "`storylens watch`, which fetch")


def without_links(items: Iterator[RawDocument | Skipped | Link]) -> Iterator[RawDocument | Skipped]:
    """The items with each ``Link`` said as the Skipped of an input nothing fetches."""
    for item in items:
        yield item.unfetched() if isinstance(item, Link) else item


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
    """Each full-text entry of an RSS/Atom feed file as a RawDocument; the rest as Skipped."""
    return without_links(feed_items(path.read_bytes(), str(path), path.name, fetched_at))


def feed_items(data: bytes, where: str, name: str, fetched_at: datetime,
               base_url: str | None = None) -> Iterator[RawDocument | Skipped | Link]:
    """Each full-text entry of an RSS/Atom/JSON feed (``data``, read from ``where``,
    called ``name`` in provenance) as a RawDocument, each summary-only entry with a link
    as a ``Link`` to its page, the rest as Skipped. ``base_url``: the feed's own URL,
    against which relative links resolve."""
    import feedparser

    # A stream, not a path or URL (or bare bytes, which feedparser tries as a file name):
    # feedparser must never open anything itself, let alone go to the network.
    # The feed's URL resolves relative links; no charset from the HTTP header: the feed's
    # own XML declaration says how it is encoded (a wrong header is common).
    headers = {"content-location": base_url, "content-type": "application/xml"} if base_url else None
    parsed = feedparser.parse(io.BytesIO(data), resolve_relative_uris=True, sanitize_html=True,
                              response_headers=headers)
    entries = list(parsed.entries)
    usable = [e for e in entries if e.get("title") or e.get("link") or e.get("summary") or e.get("content")]
    if parsed.bozo and not usable:
        problem = parsed.get("bozo_exception")
        yield Skipped(
            where,
            f"not a readable RSS/Atom feed ({type(problem).__name__}: {problem}); "
            "check that the file is a complete feed, not an HTML page or a cut download",
        )
        return
    if parsed.bozo:
        log.warning("%s: feed is not well-formed (%s); read %d entries anyway", where, parsed.get("bozo_exception"), len(usable))
    if not entries:
        yield Skipped(where, "the feed has no entries")
        return
    feed = parsed.feed
    outlet = (feed.get("title") or "").strip() or None
    for n, entry in enumerate(entries, start=1):
        source = f"{where}#entry-{n}"
        link = (entry.get("link") or "").strip() or None
        if link and base_url:
            link = urljoin(base_url, link)
        best = _best_text(entry)
        if isinstance(best, str):
            yield Skipped(source, best)
            continue
        text, mime, full = best
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
        origin = f"feed entry {n} of {name}"
        if not full:
            note = f"feed entry has only a summary ({_words(text)} words), not the full article text"
            if link:
                yield Link(source, link, "page", note, metadata, {key: origin for key in metadata})
            else:
                yield Skipped(source, f"{note}: the entry has no link to the full page")
            continue
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
    return without_links(opml_items(path.read_bytes(), str(path), fetched_at, local_base=path))


def opml_items(data: bytes, where: str, fetched_at: datetime, *, local_base: Path | None = None,
               base_url: str | None = None, max_feeds: int | None = None) -> Iterator[RawDocument | Skipped | Link]:
    """The feeds an OPML list (``data``, read from ``where``) names: each local feed file
    read (only for a list read from the file ``local_base``), each http(s) feed as a
    ``Link`` (relative addresses resolved against ``base_url`` for a fetched list).
    Past ``max_feeds`` feeds, the rest are reported in one Skipped."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        yield Skipped(where, f"not a readable OPML file ({exc}); check that it is complete XML")
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
        yield Skipped(f"{where}#entities", f"the OPML file refers to external entities ({names}); they are not "
                                           "expanded, for safety, so any feeds listed inside them were not read")
    if not urls:
        if not entities:
            yield Skipped(where, "the OPML file lists no feeds (no outline with an xmlUrl)")
        return
    if max_feeds is not None and len(urls) > max_feeds:
        yield Skipped(f"{where}#outline-{max_feeds + 1}", f"the OPML list names {len(urls)} feeds; the first "
                                                          f"{max_feeds} were read (fetch.max_links), the rest not")
        urls = urls[:max_feeds]
    read: set[Path] = set()
    for n, url in enumerate(urls, start=1):
        source = f"{where}#outline-{n}"
        if base_url is not None:
            url = urljoin(base_url, url)
        scheme = urlsplit(url).scheme.lower()
        if scheme in ("http", "https"):
            yield Link(source, url, "feed")
            continue
        local = _local_feed(url, local_base) if local_base is not None else None
        if local is None:
            yield Skipped(source, f"feed address {url} is neither a local file nor an http(s) URL")
            continue
        if not local.is_file():
            yield Skipped(source, f"feed file {local} not found (listed as {url!r} in {local_base.name if local_base else where})")
            continue
        if local.resolve() in read:
            log.info("%s: %s is listed twice; read once", where, local)
            continue
        read.add(local.resolve())
        try:
            yield from feed_items(local.read_bytes(), str(local), local.name, fetched_at)
        except OSError as exc:
            yield Skipped(str(local), f"could not be read: {exc.strerror or exc}")
