"""A web page (or an HTML fragment from a feed) becomes an Article.

The body comes from trafilatura (settings measured on ``shared/eval/pages``: see
``EXTRACT_OPTIONS``); metadata from JSON-LD, OpenGraph/meta tags and htmldate (the
genre from the JSON-LD type and section tags: ``clean.genre``). Every
visible line of the page that is not in the body is listed in ``Article.removed`` so a
user can audit what was dropped. Explicit metadata, credits, datelines and feed notices
are handled by the pipeline after :func:`clean_html`.
"""

from __future__ import annotations

import codecs
import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml import etree

from ..errors import InputError
from ..model import Article, RawDocument, RemovedLine
from .common import detect_language, outlet_from_url
from .dates import FUTURE_SLACK, check_date, earliest_date, note_rejected
from .genre import genre_from_ld_types, genre_from_section

__all__ = ["EXTRACT_OPTIONS", "MAX_REMOVED_LINES", "REMOVED_REASON", "clean_html", "decode_html", "visible_lines"]

log = logging.getLogger(__name__)

#: trafilatura settings, by snippet F1 on the 165 pages of shared/eval/pages (as decoded
#: by load_pages): defaults .920; include_comments=False .929 (best); with it, also
#: favor_recall .927, favor_precision .919, fast .925, include_tables=False .921.
#: On the raw bytes (decoded here): clean_html .932 vs bare trafilatura .923. A headline
#: repeated as the first body line is kept: the gold counts it as body.
EXTRACT_OPTIONS: dict[str, Any] = {"include_comments": False, "output_format": "txt"}

MAX_REMOVED_LINES = 2000
REMOVED_REASON = "not in the main content (trafilatura)"

_ARTICLE_TYPES = {
    "newsarticle", "article", "blogposting", "reportagenewsarticle", "analysisnewsarticle",
    "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "liveblogposting",
    "report", "socialmediaposting",
}
_SKIP_TAGS = {
    "script", "style", "noscript", "template", "svg", "head", "iframe", "object", "embed",
    "canvas", "math", "select", "textarea", "button",
}
_BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "dialog",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
    "h4", "h5", "h6", "header", "hr", "html", "legend", "li", "main", "menu", "nav", "ol",
    "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr",
    "ul", "br", "center", "option",
}
_SPACES = re.compile(r"\s+")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_SINGLE_BYTE = re.compile(r"^(?:iso[-_]?8859|windows-125|cp125|latin|l[1-9]$|us-ascii|ascii)")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_LANG = re.compile(r"^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*$")
_FULL_PAGE = re.compile(rb"<(?:html|body|head)[\s>]", re.I)
_LIST_MARK = re.compile(r"^[-*\u2022]\s+")
_CELL_SPLIT = re.compile(r"\s*\|\s*")
#: Meta tags that name the page's section (``article:section`` as OpenGraph defines it,
#: and the names sites use alike).
_SECTION_TAGS = {"article:section", "og:section", "section", "article-section", "parsely-section"}
#: JSON-LD type names as written, for the note on where a genre came from.
_LD_TYPE_NAMES = {"opinion": "OpinionNewsArticle", "blog": "BlogPosting"}
_SHORT_LINE = 25  # a visible line shorter than this counts as kept only if a body line equals it


def _norm(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


# --------------------------------------------------------------------------- decoding


def decode_html(data: bytes, source: str) -> tuple[str, str]:
    """Decode page bytes: BOM, then the page's declared charset, then UTF-8, then detection.

    Returns ``(text, how)``. Raises InputError for empty or binary data.
    """
    if not data.strip():
        raise InputError(source, "empty HTML document", "check that the page was saved completely")
    if b"\x00" in data[:8192] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise InputError(source, "binary data, not an HTML page", "pass the page's HTML or its text")
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace"), f"byte order mark ({encoding})"
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii", "replace").lower()
        try:
            codecs.lookup(name)
        except LookupError:
            log.debug("%s: unknown declared charset %r", source, name)
        else:
            if _SINGLE_BYTE.match(name) and not data.isascii():
                # Multi-byte UTF-8 sequences almost never occur by chance in Latin text:
                # valid UTF-8 means the declaration is stale (a page re-saved or transcoded).
                try:
                    return data.decode("utf-8"), f"valid UTF-8 although the page declares {name}"
                except UnicodeDecodeError:
                    pass
            try:
                return data.decode(name), f"meta charset {name}"
            except UnicodeDecodeError:
                log.debug("%s: bytes do not match the declared charset %r", source, name)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:1_000_000]).best()
    if best is None or best.encoding is None:
        raise InputError(source, "cannot tell the page's text encoding", "save the page as UTF-8")
    return data.decode(best.encoding, errors="replace"), f"detected {best.encoding} (charset-normalizer)"


def _parse(text: str, source: str) -> lxml.html.HtmlElement:
    text = _XML_DECL.sub("", text, count=1)
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(source, f"not a readable HTML page ({exc})", "check that the file is HTML") from exc
    return root


# --------------------------------------------------------------------------- visible text


def visible_lines(root: lxml.html.HtmlElement) -> list[tuple[str, int | None]]:
    """The page's visible text as lines ``(text, 0-based source line)``, as a reader sees it.

    Invisible parts (scripts, styles, head, hidden elements) are skipped; block elements
    and ``<br>`` break lines. Walks with an explicit stack, so deep trees are fine.
    """
    lines: list[tuple[str, int | None]] = []
    parts: list[str] = []
    first_line: list[int | None] = [None]

    def add(text: str | None, sourceline: int | None) -> None:
        if text and text.strip():
            if not parts and sourceline is not None:
                first_line[0] = sourceline - 1
            parts.append(text)
        elif text and parts:
            parts.append(" ")

    def flush() -> None:
        line = _norm("".join(parts))
        if line:
            lines.append((line, first_line[0]))
        parts.clear()
        first_line[0] = None

    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        el, leaving = stack.pop()
        tag = el.tag.lower() if isinstance(el.tag, str) else None
        if leaving:
            if tag in _BLOCK_TAGS:
                flush()
            add(el.tail, el.sourceline)
            continue
        if tag is None or tag in _SKIP_TAGS or _hidden(el):
            if el is not root:
                add(el.tail, el.sourceline)
            continue
        if tag in _BLOCK_TAGS:
            flush()
        add(el.text, el.sourceline)
        if el is not root:
            stack.append((el, True))
        stack.extend((child, False) for child in reversed(el))
    flush()
    return lines


def _hidden(el: Any) -> bool:
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    style = el.get("style")
    return bool(style) and re.search(r"display\s*:\s*none|visibility\s*:\s*hidden", style, re.I) is not None


# --------------------------------------------------------------------------- metadata


@dataclass
class _Meta:
    """The first value offered for each field wins; every date offered is kept as a
    candidate, in order, so that the next is tried when one is implausible."""

    values: dict[str, str] = field(default_factory=dict)
    how: dict[str, str] = field(default_factory=dict)
    dates: dict[str, list[tuple[str, str]]] = field(default_factory=dict)

    def offer(self, key: str, value: str | None, how: str) -> None:
        value = _norm(value or "")
        if not value:
            return
        if key in ("published", "updated"):
            self.dates.setdefault(key, []).append((value, how))
        if key not in self.values:
            self.values[key] = value
            self.how[key] = how


def _types(node: dict[str, Any]) -> set[str]:
    value = node.get("@type")
    items = value if isinstance(value, list) else [value]
    return {str(t).lower().rsplit("/", 1)[-1] for t in items if t}


def _ld_nodes(data: Any) -> Iterator[dict[str, Any]]:
    """Every object in a JSON-LD document (top level, lists, ``@graph``), depth-first."""
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            yield item
            graph = item.get("@graph")
            if graph is not None:
                stack.append(graph)


def _names(value: Any, by_id: dict[str, dict[str, Any]]) -> list[str]:
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items:
        if isinstance(item, dict):
            if "name" not in item and isinstance(item.get("@id"), str):
                item = by_id.get(item["@id"], item)
            name = item.get("name")
            if isinstance(name, list):
                name = name[0] if name else None
            if isinstance(name, str) and name.strip():
                names.append(name.strip())
        elif isinstance(item, str) and item.strip() and not item.strip().startswith(("http://", "https://")):
            names.append(item.strip())
    return list(dict.fromkeys(names))


def _text_value(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("@value") or value.get("name")
    return value if isinstance(value, str) else None


def _json_ld(root: lxml.html.HtmlElement, meta: _Meta) -> None:
    nodes: list[dict[str, Any]] = []
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text, strict=False)
        except (ValueError, RecursionError):  # not JSON, or nested deeper than any real metadata
            log.debug("unreadable JSON-LD block skipped")
            continue
        nodes.extend(_ld_nodes(data))
    by_id = {n["@id"]: n for n in nodes if isinstance(n.get("@id"), str)}
    article = next((n for n in nodes if _types(n) & _ARTICLE_TYPES), None)
    if article is None:
        return
    meta.offer("headline", _text_value(article.get("headline")) or _text_value(article.get("name")), "JSON-LD headline")
    authors = _names(article.get("author"), by_id)
    if authors:
        meta.offer("byline", ", ".join(authors), "JSON-LD author")
    publishers = _names(article.get("publisher"), by_id)
    if publishers:
        meta.offer("outlet", publishers[0], "JSON-LD publisher")
    types = _types(article)
    genre = genre_from_ld_types(types)
    if genre:
        meta.offer("genre", genre, f"JSON-LD @type {_LD_TYPE_NAMES[genre]}")
    elif "liveblogposting" in types:
        meta.offer("genre", "news", "JSON-LD @type LiveBlogPosting (live news coverage)")
    for section in _sections(article.get("articleSection")):
        if genre_from_section(section):
            meta.offer("genre", "opinion", f"JSON-LD articleSection {section[:80]!r}")
    meta.offer("published", _text_value(article.get("datePublished")), "JSON-LD datePublished")
    meta.offer("updated", _text_value(article.get("dateModified")), "JSON-LD dateModified")


def _sections(value: Any) -> list[str]:
    """JSON-LD ``articleSection``: a string or a list of them."""
    items = value if isinstance(value, list) else [value]
    return [v.strip() for v in items if isinstance(v, str) and v.strip()]


def _meta_tags(root: lxml.html.HtmlElement, meta: _Meta, base_url: str | None) -> None:
    tags: dict[str, str] = {}
    sections: list[tuple[str, str]] = []
    for el in root.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        content = el.get("content")
        if key and content and content.strip() and key not in tags:
            tags[key] = content.strip()
        if key in _SECTION_TAGS and content and content.strip():
            sections.append((key, content.strip()))
    for key, section in sections:
        if genre_from_section(section):
            meta.offer("genre", "opinion", f"meta {key} {section[:80]!r}")
    canonical = None
    for link in root.iter("link"):
        rels = (link.get("rel") or "").lower().split()
        if "canonical" in rels and link.get("href"):
            canonical = link.get("href", "").strip()
            break
    for candidate, how in ((canonical, "link rel=canonical"), (tags.get("og:url"), "og:url")):
        if candidate:
            absolute = urljoin(base_url or "", candidate)
            if urlsplit(absolute).scheme in ("http", "https"):
                meta.offer("url", absolute, how)
    meta.offer("headline", tags.get("og:title"), "og:title")
    meta.offer("outlet", tags.get("og:site_name"), "og:site_name")
    meta.offer("published", tags.get("article:published_time"), "article:published_time")
    meta.offer("updated", tags.get("article:modified_time"), "article:modified_time")
    meta.offer("byline", tags.get("author"), "meta name=author")
    article_author = tags.get("article:author")
    if article_author and not article_author.startswith(("http://", "https://")):
        meta.offer("byline", article_author, "article:author")
    h1 = next(root.iter("h1"), None)
    if h1 is not None:
        meta.offer("headline", h1.text_content(), "first <h1>")
    title = next(root.iter("title"), None)
    if title is not None:
        meta.offer("headline", title.text_content(), "<title>")


def _language(root: lxml.html.HtmlElement) -> tuple[str | None, str | None]:
    for value, how in ((root.get("lang"), "html lang attribute"), (root.get("{http://www.w3.org/XML/1998/namespace}lang"), "html xml:lang attribute")):
        match = _LANG.match((value or "").strip())
        if match:
            return match.group(1).lower(), f"{how} {value!r}"
    return None, None


def _set_date(article: Article, key: str, text: str, how: str, fetched_at: datetime) -> bool:
    """Use ``text`` for ``key`` when it is a plausible date (``dates.check_date``); else
    note why not in ``inferred`` and return False, so that the next source is tried."""
    check = check_date(text, fetched_at)
    if not check.usable or check.value is None:
        note_rejected(article.inferred, key, how, text, check.rejected or "not a date")
        log.debug("%s: %s %r not used: %s", article.source, how, text, check.rejected)
        return False
    setattr(article, key, check.value)
    article.inferred[key] = how if check.zone_known else f"{how} (no time zone given; UTC assumed)"
    return True


def _htmldate(html: str, original: bool, url: str | None, fetched_at: datetime) -> str | None:
    from htmldate import find_date

    try:
        latest = fetched_at + FUTURE_SLACK
        # The free-text search is kept for the original date only: for the latest date it
        # mostly finds unrelated dates, and on some long pages it costs seconds.
        return find_date(
            html,
            original_date=original,
            extensive_search=original,
            url=url,
            min_date=earliest_date().strftime("%Y-%m-%d"),
            max_date=latest.strftime("%Y-%m-%d"),
        )
    except Exception:  # htmldate is a heuristic helper: never let it stop a page
        log.debug("htmldate failed", exc_info=True)
        return None


# --------------------------------------------------------------------------- body


def _extract_body(text: str, url: str | None) -> list[str]:
    import trafilatura

    body = trafilatura.extract(text, url=url, **EXTRACT_OPTIONS)
    if not body:
        return []
    return [p for p in (_norm(line) for line in body.split("\n")) if p]


def _removed(lines: list[tuple[str, int | None]], paragraphs: list[str]) -> list[RemovedLine]:
    body_lines = set(paragraphs)
    for paragraph in paragraphs:  # trafilatura writes list items as "- x" and table rows as "| a | b |"
        body_lines.update(_norm(cell) for cell in _CELL_SPLIT.split(_LIST_MARK.sub("", paragraph)) if cell.strip())
    body = " ".join(paragraphs)
    removed: list[RemovedLine] = []
    dropped = 0
    for text, line in lines:
        if text in body_lines:
            continue
        if len(text) >= _SHORT_LINE and text in body:
            continue
        if len(text) < _SHORT_LINE and any(p.startswith(text + " ") or p.endswith(" " + text) for p in paragraphs):
            continue
        if len(removed) < MAX_REMOVED_LINES:
            removed.append(RemovedLine(text, REMOVED_REASON, line))
        else:
            dropped += 1
    if dropped:
        removed.append(RemovedLine(f"... and {dropped} more lines not listed", REMOVED_REASON))
    return removed


# --------------------------------------------------------------------------- entry point


def clean_html(raw: RawDocument) -> Article:
    """Clean one web page or HTML fragment. Raises InputError when there is no article body."""
    text, decoded_how = decode_html(raw.data, raw.source)
    root = _parse(text, raw.source)
    lines = visible_lines(root)
    fragment = _FULL_PAGE.search(raw.data) is None
    if fragment:
        # A fragment (a feed entry's content) has no page furniture: all of it is the article.
        paragraphs, body_how = [t for t, _ in lines], "the whole HTML fragment (no page around it)"
    else:
        paragraphs, body_how = _extract_body(text, raw.url), "trafilatura main-content extraction"
    if not paragraphs:
        raise InputError(
            raw.source,
            "no article body found in the HTML page",
            "if it is an index, video or paywalled page, leave it out; otherwise save the article's text as .txt",
        )
    meta = _Meta()
    _json_ld(root, meta)
    _meta_tags(root, meta, raw.url)
    removed = [] if fragment else _removed(lines, paragraphs)

    article = Article(id=raw.id, source=raw.source, text="\n\n".join(paragraphs), paragraphs=paragraphs)
    article.inferred["text"] = body_how
    if decoded_how not in ("utf-8", "meta charset utf-8"):
        article.inferred["encoding"] = decoded_how
    article.removed = removed

    article.url = meta.values.get("url") or raw.url
    if "url" in meta.values:
        article.inferred["url"] = meta.how["url"]
    elif raw.url:
        article.inferred["url"] = "the document's address"
    for key in ("headline", "byline", "outlet", "genre"):
        if key in meta.values:
            setattr(article, key, meta.values[key])
            article.inferred[key] = meta.how[key]
    if article.outlet is None and article.url:
        article.outlet = outlet_from_url(article.url)
        if article.outlet:
            article.inferred["outlet"] = f"domain of url {article.url}"

    for key in ("published", "updated"):
        for value, how in meta.dates.get(key, []):
            if _set_date(article, key, value, how, raw.fetched_at):
                break
    if article.published is None and not fragment:
        found = _htmldate(text, True, article.url, raw.fetched_at)
        if found:
            _set_date(article, "published", found, "htmldate (original date)", raw.fetched_at)
    if article.updated is None and not fragment:
        found = _htmldate(text, False, article.url, raw.fetched_at)
        # htmldate's latest date is only an update when it is a later day than publication.
        if found and (article.published is None or found > article.published.strftime("%Y-%m-%d")):
            _set_date(article, "updated", found, "htmldate (latest date on the page)", raw.fetched_at)
    if article.updated is not None and article.updated == article.published:
        article.updated = None  # "modified" equal to "published": not an update
        article.inferred.pop("updated", None)

    article.language, language_how = _language(root)
    if article.language is None:
        article.language, language_how = detect_language(article.text)
    if language_how:
        article.inferred["language"] = language_how
    return article
