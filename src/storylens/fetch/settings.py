"""The ``fetch`` settings section: how Storylens talks to web servers."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["FetchSettings"]


@dataclass(frozen=True)
class FetchSettings:
    """How pages, feeds, sitemaps and OPML lists are fetched (``storylens.fetch``).

    ``connect_timeout`` / ``read_timeout``: seconds to open a connection and to wait for
    the next bytes of a response (news sites answer in well under a second; 10 s and 30 s
    leave room for slow ones without hanging a run). ``min_interval``: seconds between
    the starts of two requests to one host (1 s is the politeness most crawl guidelines
    ask for). ``max_connections``: requests in flight at once, all hosts together.
    ``max_bytes``: a body is read up to this size and the fetch stops there (the same
    10 MiB bound as for one local .html file). ``contact``: a URL or e-mail address put
    in the ``User-Agent`` so that a site operator can reach whoever runs Storylens.
    ``retries``: further tries after a 429, a 5xx or a failed connection, waiting
    ``backoff`` seconds, doubled each time, or what ``Retry-After`` asks when it asks at
    most ``max_retry_after`` seconds. ``max_redirects``: redirects followed per fetch.
    ``max_links``: pages one sitemap (or feeds one OPML list) expands to; the rest are
    reported, not fetched."""

    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    min_interval: float = 1.0
    max_connections: int = 4
    max_bytes: int = 10 * 1024 * 1024
    contact: str = ""
    retries: int = 2
    backoff: float = 1.0
    max_retry_after: float = 60.0
    max_redirects: int = 5
    max_links: int = 500
