"""The web pages' Jinja environment: the shared one of :mod:`storylens.report.present`
(filters, builders, shared macros) with the web's own templates first and a few
web-only filters. Highlighted article text is built by :mod:`storylens.web.highlight`,
which escapes every piece itself. No template uses ``|safe``.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment

from ..report.present import (cites, diff_words, grid_cells, grid_row, make_environment, quote_variants, row_links,
                              show_short)
from ..store.listing import parse_time

__all__ = ["environment", "render", "page_url", "cites", "grid_cells", "grid_row", "show_short", "diff_words",
           "quote_variants", "row_links"]

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


def _pathseg(value: object) -> str:
    return quote(str(value), safe="")


@lru_cache(maxsize=1)
def environment() -> Environment:
    return make_environment("storylens.web", filters={"when": _when, "pathseg": _pathseg},
                            globals_={"page_url": page_url})


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    template = environment().get_template(name)
    html = template.render(request_path=request.url.path, **context)
    return HTMLResponse(html, status_code=status_code)
