"""fetch: pages, feeds, sitemaps and OPML lists over HTTP(S), politely and within bounds.

``Fetcher`` (``fetch.client``) does the requests (timeouts, robots.txt, per-host rate
limit, a cap on connections, retries with backoff honouring ``Retry-After``, redirect
limit, size cap, content-type check, conditional GET); ``WarcArchive``
(``fetch.archive``) keeps every response as a WARC record; ``FetchSettings``
(``fetch.settings``) is the ``fetch`` settings section. What the fetched bytes become
(a page, a feed's entries, a sitemap's pages) is ``ingest.remote``'s job.
"""

from __future__ import annotations

from pathlib import Path

from .archive import WarcArchive
from .client import ACCEPTED_TYPES, Fetched, Fetcher, FetchStats, Validators, is_url, user_agent
from .settings import FetchSettings

__all__ = ["ACCEPTED_TYPES", "DEFAULT_ARCHIVE", "Fetched", "Fetcher", "FetchSettings", "FetchStats", "Validators",
           "WarcArchive", "archive_folder", "is_url", "open_fetcher", "user_agent"]

#: Where fetched responses are archived when there is no SQLite file to put them next to.
DEFAULT_ARCHIVE = Path("storylens-archive")


def archive_folder(db: str | None) -> Path:
    """The default archive folder: ``NAME-archive`` next to a SQLite store file
    (``news.db`` -> ``news-archive``), else ``./storylens-archive`` (PostgreSQL, no store)."""
    if not db or "://" in db and not db.startswith("sqlite:///"):
        return DEFAULT_ARCHIVE
    path = Path(db.removeprefix("sqlite:///"))
    if not path.name or path.name == ":memory:":
        return DEFAULT_ARCHIVE
    return path.with_name(f"{path.stem}-archive")


def open_fetcher(settings: FetchSettings, archive: Path | None, validators: Validators | None = None) -> Fetcher:
    """A fetcher with these settings, archiving every response in the folder ``archive``
    (none: nothing archived) and, with ``validators`` (a store), making conditional GETs.
    Nothing is opened until the first fetch."""
    return Fetcher(settings, WarcArchive(archive) if archive is not None else None, validators)
