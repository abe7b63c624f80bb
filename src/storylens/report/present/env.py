"""The one Jinja environment factory of the HTML report and the web app.

Both get the same filters (``show``, ``show_line``, ``iso``, ``excerpt``), the same builders as globals and
the shared macros (``_shared.html.j2`` in ``storylens/report/templates``: the disputed
points, the brief, the grid, quotes across outlets, timeline, framing, exclusives).
Autoescape is on, StrictUndefined catches template typos, and no template uses
``|safe`` on article data.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from jinja2 import BaseLoader, ChoiceLoader, Environment, PackageLoader, StrictUndefined

from ... import __version__
from .escape import safe_href, show, show_short
from .excerpt import as_excerpt
from .markup import cites, grid_row, quote_variants, row_links

__all__ = ["make_environment", "iso"]


def iso(value: object) -> object:
    """Jinja filter: a record's datetime as the ISO 8601 string the JSON layout writes
    (``storylens.serialise``); any other value as it is."""
    return value.isoformat() if isinstance(value, datetime) else value


class _Environment(Environment):
    """Jinja's environment with ``value.key`` looking a dict's key up first (Jinja tries
    the attribute first, which for a dict fails with an exception: a story page does
    over a thousand such lookups). A key named like a dict method (``items``, ``get``)
    still gives the method, as in plain Jinja."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute in obj and not hasattr(dict, attribute):
            return obj[attribute]
        return super().getattr(obj, attribute)


def make_environment(package: str | None = None, filters: dict[str, Callable[..., Any]] | None = None,
                     globals_: dict[str, Any] | None = None) -> Environment:
    """An environment loading ``package``'s ``templates`` folder first, then the shared
    templates; ``filters`` and ``globals_`` are added to the shared ones."""
    loaders: list[BaseLoader] = [PackageLoader("storylens.report", "templates")]
    if package and package != "storylens.report":
        loaders.insert(0, PackageLoader(package, "templates"))
    env = _Environment(loader=ChoiceLoader(loaders), autoescape=True, undefined=StrictUndefined,
                       trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters.update(show=show, show_line=show_short, iso=iso, excerpt=as_excerpt, **(filters or {}))
    env.globals.update(safe_href=safe_href, cites=cites, grid_row=grid_row, quote_variants=quote_variants,
                       row_links=row_links, version=__version__, **(globals_ or {}))
    return env
