"""clean: a RawDocument becomes an Article (or a Skipped saying why it could not)."""

from __future__ import annotations

import logging

from ..errors import InputError
from ..model import Article, RawDocument, RemovedLine, Skipped
from .common import apply_explicit_metadata, detect_language, drop_invisible_characters
from .decoding import decode_text
from .genre import settle_genre

__all__ = ["clean_document"]

log = logging.getLogger(__name__)


def clean_document(raw: RawDocument) -> Article | Skipped:
    """Clean one raw document. Never raises for bad input: returns Skipped with the reason."""
    try:
        article = _clean(raw)
    except InputError as exc:
        return Skipped(raw.source, exc.reason)
    except Exception as exc:  # one bad document must not stop a batch
        log.exception("cleaning %s failed", raw.source)
        return Skipped(raw.source, f"could not be cleaned: {type(exc).__name__}: {exc} (please report this as a bug)")
    return article


def _clean(raw: RawDocument) -> Article:
    if raw.kind == "html":
        from .html_page import clean_html

        article = clean_html(raw)
        _post_process_html(article)
    elif raw.kind in ("text", "plain"):
        from .page_text import clean_page_text

        text, note = decode_text(raw.data, raw.source)
        article = clean_page_text(raw, text, page_furniture=raw.kind == "text")
        if note:
            article.inferred["encoding"] = note
    else:
        raise InputError(raw.source, f"unknown document kind {raw.kind!r}")
    apply_explicit_metadata(article, raw)
    drop_invisible_characters(article)
    if "headline" in article.explicit:
        _take_stated_headline(article)
    settle_genre(article)
    if article.language is None:
        article.language, how = detect_language(article.text)
        if how:
            article.inferred["language"] = how
    return article


def _take_stated_headline(article: Article) -> None:
    """A body that opens with a copy of the headline the user stated (a JSONL or CSV text
    column that starts with the title) loses the copy, as a page's repeated headline does:
    the headline is cited from the headline, not twice. A body that is only the headline
    keeps it."""
    from .page_text import take_headline_block

    paragraphs = list(article.paragraphs)
    removed: list[RemovedLine] = []
    take_headline_block(paragraphs, article.headline, removed)
    if not removed or not paragraphs:
        return
    article.removed.extend(removed)
    article.paragraphs = paragraphs
    article.text = "\n\n".join(paragraphs)


def _post_process_html(article: Article) -> None:
    """Credits, hashtags, feed notice, dateline and paragraph labels inside an HTML body,
    as for page dumps."""
    from .page_text import take_dateline, take_headline_block, take_marked_lines, take_paragraph_labels

    take_headline_block(article.paragraphs, article.headline, article.removed)
    marked = take_marked_lines(article.paragraphs)
    if marked.removed:
        article.removed.extend(RemovedLine(article.paragraphs[i], why) for i, why in sorted(marked.removed.items()))
        article.paragraphs = [p for i, p in enumerate(article.paragraphs) if i not in marked.removed]
    article.credits = article.credits or marked.credits
    article.hashtags = article.hashtags or marked.hashtags
    article.feed_notice = article.feed_notice or marked.feed_notice
    take_paragraph_labels(article.paragraphs, article.removed)  # before the dateline: "UPDATE:" is no place
    if article.dateline is None:
        article.dateline = take_dateline(article.paragraphs, article.removed)
        if article.dateline:
            article.inferred["dateline"] = "the opening of the first paragraph"
    if not article.paragraphs:
        raise InputError(article.source, "no article text left after removing credit/notice lines")
    article.text = "\n\n".join(article.paragraphs)
