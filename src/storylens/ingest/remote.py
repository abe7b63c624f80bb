"""What a fetched URL becomes: a page (one RawDocument), a feed (its entries), a sitemap
or a sitemap index (links to its pages or sitemaps), an OPML list (links to its feeds).

The kind is read from the body (``<rss``, ``<feed``, ``<opml``, ``<urlset``…), the
``Content-Type`` only breaking ties (servers often send feeds as ``text/html`` or
``text/plain``). The page's bytes go on undecoded: cleaning decodes them as it does a
file's (UTF-8 first, then a detected encoding), so a wrong ``charset`` in the header
changes nothing. ``links`` resolves the ``Link`` items of any reader by fetching them.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from ..model import RawDocument, Skipped
from .feeds import Link, feed_items, opml_items

if TYPE_CHECKING:
    from ..fetch import Fetched, Fetcher

__all__ = ["expand", "resolve_links", "MAX_LINK_DEPTH"]

log = logging.getLogger(__name__)

#: OPML list -> feed -> page, or sitemap index -> sitemap -> page: links deeper than
#: this are not followed (a list of lists of lists is a loop or a mistake).
MAX_LINK_DEPTH = 3

_FEED_START = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_SITEMAP_START = re.compile(rb"<(urlset|sitemapindex)[\s>]", re.IGNORECASE)
_LOC = re.compile(rb"<loc>\s*(.*?)\s*</loc>", re.IGNORECASE | re.DOTALL)
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def _kind(fetched: Fetched) -> str:
    head = fetched.data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if b"<opml" in head.lower():
        return "opml"
    if _SITEMAP_START.search(head):
        return "sitemap"
    if _FEED_START.search(head) or fetched.mime in ("application/rss+xml", "application/atom+xml",
                                                    "application/rdf+xml", "application/feed+json"):
        return "feed"
    if fetched.mime == "application/json" and b'"version"' in head and b"jsonfeed" in head:
        return "feed"
    if fetched.mime in _HTML_TYPES or head[:1] == b"<":
        return "html"
    if fetched.mime == "text/plain" or not fetched.mime:
        return "text"
    return "unknown"


def expand(fetched: Fetched, link: Link | None, max_links: int) -> Iterator[RawDocument | Skipped | Link]:
    """The items one fetched response holds (``link``: the link it was fetched for,
    whose metadata a page takes)."""
    source = link.source if link is not None and link.what == "page" else fetched.url
    kind = _kind(fetched)
    if not fetched.data.strip():
        yield Skipped(source, f"{fetched.url} answered with an empty body")
        return
    if kind == "feed":
        yield from feed_items(fetched.data, fetched.url, fetched.url, fetched.fetched_at, base_url=fetched.final_url)
    elif kind == "opml":
        yield from opml_items(fetched.data, fetched.url, fetched.fetched_at, base_url=fetched.final_url,
                              max_feeds=max_links)
    elif kind == "sitemap":
        yield from _sitemap(fetched, max_links)
    elif kind in ("html", "text"):
        metadata = dict(link.metadata) if link is not None else {}
        origin = dict(link.metadata_origin) if link is not None else {}
        url = metadata.get("url") or fetched.final_url
        if "url" not in metadata:
            metadata["url"], origin["url"] = url, f"fetched from {fetched.url}"
        yield RawDocument(source=source, data=fetched.data, kind="html" if kind == "html" else "text",
                          fetched_at=fetched.fetched_at, url=url, metadata=metadata, metadata_origin=origin)
    else:
        yield Skipped(source, f"{fetched.url}: content type {fetched.mime} is neither a page nor a feed")


def _sitemap(fetched: Fetched, max_links: int) -> Iterator[Skipped | Link]:
    start = _SITEMAP_START.search(fetched.data[:4096])
    index = bool(start and start.group(1).lower() == b"sitemapindex")
    locs = [m.group(1).decode("utf-8", errors="replace").replace("&amp;", "&") for m in _LOC.finditer(fetched.data)]
    locs = list(dict.fromkeys(u for u in locs if u))
    if not locs:
        yield Skipped(fetched.url, "the sitemap lists no URLs (no <loc>)")
        return
    if len(locs) > max_links:
        yield Skipped(f"{fetched.url}#loc-{max_links + 1}", f"the sitemap lists {len(locs)} URLs; the first "
                                                            f"{max_links} were fetched (fetch.max_links), the rest not")
    for n, url in enumerate(locs[:max_links], start=1):
        yield Link(f"{fetched.url}#loc-{n}", url, "list" if index else "page")


def resolve_links(items: Iterable[RawDocument | Skipped | Link], fetcher: Fetcher | None,
                  depth: int = 0) -> Iterator[RawDocument | Skipped]:
    """The items with every ``Link`` fetched and expanded (recursively, up to
    ``MAX_LINK_DEPTH``); the links of one input are fetched together (in parallel up to
    the fetcher's connection cap, in order). Without a fetcher each link is a Skipped."""
    pending: list[Link] = []

    def flush() -> Iterator[RawDocument | Skipped]:
        links = list(pending)
        pending.clear()
        if fetcher is None:
            yield from (link.unfetched() for link in links)
            return
        if depth >= MAX_LINK_DEPTH:
            for link in links:
                yield Skipped(link.source, f"{link.what} URL {link.url} not fetched: links nested more than "
                                           f"{MAX_LINK_DEPTH} deep (a list of lists of lists?)")
            return
        for link, got in zip(links, fetcher.fetch_many(link.url for link in links)):
            if isinstance(got, Skipped):
                what = f"{link.note}; its page {link.url}" if link.what == "page" else f"{link.what} {link.url}"
                yield Skipped(link.source, f"{what} could not be fetched: {got.reason}")
            elif got.not_modified:
                log.info("%s: %s unchanged since the last fetch (HTTP 304)", link.source, link.url)
            else:
                yield from resolve_links(expand(got, link, fetcher.settings.max_links), fetcher, depth + 1)

    for item in items:
        if isinstance(item, Link):
            pending.append(item)
            if fetcher is None or len(pending) >= 4 * max(1, fetcher.settings.max_connections):
                yield from flush()
        else:
            yield item
    yield from flush()
