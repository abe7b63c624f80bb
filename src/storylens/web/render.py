"""Jinja2 environment of the web pages.

Autoescape is on and StrictUndefined catches template typos. Article values go through
the HTML report's ``show`` / ``show_line`` filters (escape, then reveal hidden
characters); highlighted text is built by :mod:`storylens.web.highlight`, which escapes
every piece itself. No template uses ``|safe``.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, StrictUndefined

from .. import __version__
from ..report.html_report import diff_segments, safe_href, show, show_line
from .queries import parse_time

__all__ = ["environment", "render", "page_url"]

logger = logging.getLogger(__name__)


def _when(value: str | None) -> str:
    """A stored ISO time as 'YYYY-MM-DD HH:MM +HH:MM' (its own offset), '' when unknown."""
    parsed = parse_time(value)
    if parsed is None:
        return ""
    return parsed.strftime("%Y-%m-%d %H:%M ") + (parsed.strftime("%z")[:3] + ":" + parsed.strftime("%z")[3:])


def page_url(path: str, params: dict[str, Any]) -> str:
    """``path`` with the non-empty ``params`` as a query string (values are URL-encoded)."""
    kept = {k: v for k, v in params.items() if v not in (None, "", False)}
    return path + ("?" + urlencode(kept) if kept else "")


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("storylens.web", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["show"] = show
    env.filters["show_line"] = show_line
    env.filters["when"] = _when
    env.filters["pathseg"] = lambda value: quote(str(value), safe="")
    env.globals["safe_href"] = safe_href
    env.globals["diff_segments"] = diff_segments
    env.globals["page_url"] = page_url
    env.globals["version"] = __version__
    return env


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    template = environment().get_template(name)
    html = template.render(request_path=request.url.path, **context)
    return HTMLResponse(html, status_code=status_code)
