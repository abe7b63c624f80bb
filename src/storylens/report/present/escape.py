"""Escaping for every human-facing HTML page: the report and the web app.

Every value from an article is untrusted. :func:`show` escapes it and makes hidden
characters visible; :func:`safe_href` lets only plain absolute ``http(s)`` URLs become
links. Markup is only ever built from escaped pieces.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlsplit

from markupsafe import Markup, escape

from ..json_report import hidden_char_label, reveal_hidden, single_line

__all__ = ["show", "show_line", "show_short", "safe_href"]

_NO_LINK_RE = re.compile(r"[\s\x00-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")


def _hidden_marker(char: str) -> str:
    return f'<span class="hc" title="{escape(hidden_char_label(char))}">⟨U+{ord(char):04X}⟩</span>'


def show(value: object) -> Markup:
    """Jinja filter: escape, then make hidden characters visible. Safe for any input."""
    if value is None:
        value = ""
    # Markup only comes from templates and builders (already escaped); anything else is
    # treated as untrusted text.
    escaped = str(value) if isinstance(value, Markup) else str(escape(str(value)))
    return Markup(reveal_hidden(escaped, _hidden_marker))


def show_line(value: object) -> Markup:
    """Like :func:`show` for one-line fields: newlines and runs of spaces collapse."""
    return show(single_line("" if value is None else str(value)))


@lru_cache(maxsize=8192)
def _short_line(value: str) -> Markup:
    return show_line(value)


def show_short(value: object) -> Markup:
    """``show_line``, remembered for short strings (outlet names, statuses, labels repeat
    hundreds of times on a story page). Markup is immutable, so sharing it is safe."""
    if type(value) is str and len(value) <= 80:
        return _short_line(value)
    return show_line(value)


def safe_href(url: str | None) -> str | None:
    """The URL if it is a plain absolute http(s) URL, else None (shown as text only)."""
    if not url or _NO_LINK_RE.search(url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url
