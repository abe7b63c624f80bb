"""An article's genre: ``news`` (the default), ``opinion`` or ``blog``.

The comparison counts only news articles as independent sources of a fact: an opinion
piece or a blog post can state a claim, never corroborate it (``compare.facts``).

Where the genre comes from, the first that answers wins:

1. the user: a ``genre`` field of a sidecar, a manifest column or a JSONL/CSV record
   (``clean.common.apply_explicit_metadata``; a value other than the three is ignored
   with a note in ``Article.inferred["genre_rejected"]`` naming where it was stated);
2. the page: the JSON-LD type of the article (``OpinionNewsArticle`` -> opinion,
   ``BlogPosting`` -> blog; ``LiveBlogPosting``, a live news page, and every other type
   say nothing), then the section named by the ``article:section`` / ``og:section`` meta
   tags or JSON-LD ``articleSection`` (Opinion, Editorial, Commentary, Op-Ed, Columns,
   Letters ... -> opinion);
3. the URL path: a whole segment ``/opinion/``, ``/opinions/``, ``/editorial(s)/``,
   ``/commentary/``, ``/op-ed/`` -> opinion; ``/blog/``, ``/blogs/`` -> blog;
4. else news, recorded as "no opinion or blog marker found".

``Article.inferred["genre"]`` says which rule answered; ``Article.explicit["genre"]``
where the user stated it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import unquote, urlsplit

from ..model import Article

__all__ = ["GENRES", "NEWS", "OPINION", "BLOG", "NO_MARKER", "user_genre", "genre_from_ld_types",
           "genre_from_section", "genre_from_url", "settle_genre"]

NEWS, OPINION, BLOG = "news", "opinion", "blog"
GENRES = (NEWS, OPINION, BLOG)
NO_MARKER = "no opinion or blog marker found (news assumed)"

#: JSON-LD types (lower-case, as ``html_page._types`` gives them) that name a genre.
_LD_TYPES = {"opinionnewsarticle": OPINION, "blogposting": BLOG}

#: Section names that mark opinion (compared case-folded, "-" and "_" as spaces).
_OPINION_SECTIONS = {
    "opinion", "opinions", "editorial", "editorials", "commentary", "op ed", "oped", "columns",
    "column", "columnists", "columnist", "letters", "letters to the editor",
}
_SECTION_SPLIT = re.compile(r"[>/|,;]")
_SEPARATORS = re.compile(r"[\s_\-]+")

#: URL path segments (case-folded) that mark a genre.
_URL_SEGMENTS = {
    "opinion": OPINION, "opinions": OPINION, "editorial": OPINION, "editorials": OPINION,
    "commentary": OPINION, "op-ed": OPINION, "blog": BLOG, "blogs": BLOG,
}


def user_genre(value: str) -> str | None:
    """The genre a user stated (case and spaces ignored), or None when it is not one of
    ``news``, ``opinion``, ``blog``."""
    folded = " ".join(value.split()).casefold()
    return folded if folded in GENRES else None


def genre_from_ld_types(types: Iterable[str]) -> str | None:
    """``opinion`` or ``blog`` when one of the JSON-LD types names it, else None."""
    found = {_LD_TYPES[t.casefold()] for t in types if t.casefold() in _LD_TYPES}
    if OPINION in found:
        return OPINION
    return BLOG if found else None


def genre_from_section(section: str) -> str | None:
    """``opinion`` when a section name (or one part of a path of sections, "News >
    Opinion") names an opinion section, else None."""
    for part in _SECTION_SPLIT.split(section):
        name = _SEPARATORS.sub(" ", part).strip().casefold()
        if name in _OPINION_SECTIONS:
            return OPINION
    return None


def genre_from_url(url: str | None) -> str | None:
    """``opinion`` or ``blog`` when a whole segment of the URL's path marks it, else None."""
    if not url:
        return None
    try:
        path = urlsplit(url if "//" in url else "//" + url).path
    except ValueError:
        return None
    for segment in unquote(path).split("/"):
        genre = _URL_SEGMENTS.get(segment.strip().casefold())
        if genre:
            return genre
    return None


def settle_genre(article: Article) -> Article:
    """Set the genre an earlier rule has not: from the URL path, else news. The user's
    genre (``explicit``) and the page's (``inferred``, set by the HTML cleaner) stay."""
    if "genre" in article.explicit or "genre" in article.inferred:
        return article
    genre = genre_from_url(article.url)
    if genre:
        article.genre = genre
        article.inferred["genre"] = f"url path of {article.url}"
    else:
        article.genre = NEWS
        article.inferred["genre"] = NO_MARKER
    return article
