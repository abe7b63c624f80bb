"""``Fetcher``: polite, bounded HTTP GETs with httpx.

Each fetch: robots.txt asked first (once per host, cached); the host's turn awaited
(``min_interval`` between two request starts to one host) and a slot among
``max_connections``; redirects followed by hand (each hop asked of robots.txt, a loop
named as one); a 429 or 5xx retried after ``Retry-After`` (when it asks at most
``max_retry_after`` seconds) or a doubling backoff; a content type that is not an
article, feed or list refused before its body is read; the body streamed and cut at
``max_bytes``. With a validator store (``Validators``: the article store), the ETag and
Last-Modified kept from an earlier run are sent back (a 304 is ``not_modified``); those of
this run's answers are held until ``keep_validators()``, which the caller runs once what
the answers became is committed: a run that dies in between fetches in full next time
instead of being told 304 for a page it never stored.
Every response (errors, redirects and robots.txt included) goes to the WARC archive.

A fetch never raises for what a server or the network does: it returns ``Fetched`` or
``Skipped(url, reason)`` with one line saying what went wrong.
"""

from __future__ import annotations

import email.utils
import logging
import threading
import time
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Protocol
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from .. import __version__
from ..model import Skipped
from .archive import WarcArchive
from .settings import FetchSettings

__all__ = ["Fetcher", "Fetched", "FetchStats", "Validators", "ACCEPTED_TYPES", "user_agent", "is_url"]

log = logging.getLogger(__name__)

#: Content types a fetch reads: pages, feeds (RSS, Atom, RDF, JSON Feed), OPML lists,
#: sitemaps and plain text. Anything else (images, PDF, video, archives) is refused.
ACCEPTED_TYPES = frozenset({
    "text/html", "application/xhtml+xml", "text/xml", "application/xml", "application/rss+xml",
    "application/atom+xml", "application/rdf+xml", "application/feed+json", "application/json",
    "text/x-opml", "application/x-opml", "text/plain",
})

_RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
#: The product token robots.txt rules are matched against.
ROBOTS_AGENT = "Storylens"


def is_url(value: str) -> bool:
    """Whether an input names an http(s) URL (rather than a file or folder)."""
    return urlsplit(value.strip()).scheme.lower() in ("http", "https") and "://" in value


def user_agent(settings: FetchSettings) -> str:
    contact = settings.contact.strip()
    return f"{ROBOTS_AGENT}/{__version__} (+{contact})" if contact else f"{ROBOTS_AGENT}/{__version__}"


class Validators(Protocol):
    """Where the ETag / Last-Modified of earlier fetches are kept (the article store)."""

    def fetch_validators(self, url: str) -> tuple[str | None, str | None] | None: ...

    def save_fetch_validators(self, validators: Mapping[str, tuple[str | None, str | None, datetime]]) -> None:
        """Keep ``{url: (etag, last_modified, fetched_at)}``, all at once."""
        ...


@dataclass(frozen=True)
class Fetched:
    """A successful fetch: ``url`` as asked, ``final_url`` after redirects, the body as
    read (bytes, undecoded), the ``Content-Type`` header as sent (may be empty), when.
    ``not_modified``: the server answered 304 to a conditional GET (no body)."""

    url: str
    final_url: str
    status: int
    content_type: str
    data: bytes
    fetched_at: datetime
    not_modified: bool = False

    @property
    def mime(self) -> str:
        return self.content_type.split(";")[0].strip().lower()


@dataclass
class FetchStats:
    """What a fetcher did: requests sent, fetches that succeeded, 304 answers, failures."""

    requests: int = 0
    fetched: int = 0
    not_modified: int = 0
    failed: int = 0
    retries: int = 0
    bytes: int = 0
    failures: list[str] = field(default_factory=list)


class _Failure(Exception):
    """A fetch that cannot succeed; ``retry_after``: seconds after which trying again may."""

    def __init__(self, reason: str, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after


@dataclass
class _Answer:
    status: int
    reason: str
    headers: list[tuple[str, str]]
    body: bytes
    truncated: bool = False

    def header(self, name: str) -> str:
        lower = name.lower()
        return next((v for k, v in self.headers if k.lower() == lower), "")


class Fetcher:
    """Fetches URLs politely (see the module docstring). Thread-safe; close when done."""

    def __init__(self, settings: FetchSettings | None = None, archive: WarcArchive | None = None,
                 validators: Validators | None = None, transport: httpx.BaseTransport | None = None) -> None:
        self.settings = settings or FetchSettings()
        self.archive = archive
        self.validators = validators
        self.stats = FetchStats()
        self._transport = transport
        self._client: httpx.Client | None = None
        self._lock = threading.Lock()
        self._store_lock = threading.Lock()
        self._pending: dict[str, tuple[str | None, str | None, datetime]] = {}
        self._next_turn: dict[str, float] = {}
        self._robots: dict[str, RobotFileParser | str] = {}
        self._robots_locks: dict[str, threading.Lock] = {}
        self._slots = threading.BoundedSemaphore(max(1, self.settings.max_connections))

    # -- life cycle

    def _http(self) -> httpx.Client:
        with self._lock:
            if self._client is None:
                s = self.settings
                timeout = httpx.Timeout(s.read_timeout, connect=s.connect_timeout)
                limits = httpx.Limits(max_connections=max(1, s.max_connections))
                self._client = httpx.Client(timeout=timeout, limits=limits, follow_redirects=False,
                                            headers={"User-Agent": user_agent(s)}, transport=self._transport)
            return self._client

    def close(self) -> None:
        with self._lock:
            if self._client is not None:
                self._client.close()
                self._client = None
        if self.archive is not None:
            self.archive.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- fetching

    def fetch(self, url: str) -> Fetched | Skipped:
        """GET ``url``: the body, or why it could not be had (one line naming the problem)."""
        try:
            result = self._fetch(url)
        except _Failure as exc:
            with self._lock:
                self.stats.failed += 1
                self.stats.failures.append(f"{url}: {exc.reason}")
            return Skipped(url, exc.reason)
        with self._lock:
            if result.not_modified:
                self.stats.not_modified += 1
            else:
                self.stats.fetched += 1
                self.stats.bytes += len(result.data)
        return result

    def fetch_many(self, urls: Iterable[str]) -> Iterator[Fetched | Skipped]:
        """``fetch`` of each URL, up to ``max_connections`` at once, results in the order given
        (at most a few times ``max_connections`` bodies held at once)."""
        window = max(1, self.settings.max_connections)
        pending = list(urls)
        if len(pending) <= 1 or window == 1:
            yield from (self.fetch(u) for u in pending)
            return
        with ThreadPoolExecutor(max_workers=window, thread_name_prefix="storylens-fetch") as pool:
            for start in range(0, len(pending), window * 4):
                yield from pool.map(self.fetch, pending[start:start + window * 4])

    def _fetch(self, url: str) -> Fetched:
        parts = urlsplit(url)
        if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
            raise _Failure("not an http(s) URL with a host name")
        conditional = self._conditional_headers(url)
        visited = [url]
        current = url
        for _hop in range(self.settings.max_redirects + 1):
            self._check_robots(current)
            answer = self._with_retries(current, conditional if current == url else {})
            if answer.status in _REDIRECTS:
                location = answer.header("Location")
                if not location:
                    raise _Failure(f"HTTP {answer.status} redirect without a Location header")
                target = urljoin(current, location.strip())
                if target in visited:
                    loop = " → ".join([*visited[visited.index(target):], target])
                    raise _Failure(f"redirect loop ({loop})")
                if urlsplit(target).scheme.lower() not in ("http", "https"):
                    raise _Failure(f"redirected to {target}, which is not an http(s) URL")
                visited.append(target)
                current = target
                continue
            fetched_at = datetime.now(timezone.utc)
            if answer.status == 304 and conditional:
                return Fetched(url, current, 304, "", b"", fetched_at, not_modified=True)
            if answer.status != 200:
                raise _Failure(_status_reason(answer))
            self._hold_validators(url, answer, fetched_at)
            return Fetched(url, current, answer.status, answer.header("Content-Type"), answer.body, fetched_at)
        raise _Failure(f"more than {self.settings.max_redirects} redirects (fetch.max_redirects): "
                       + " → ".join(visited))

    def _with_retries(self, url: str, headers: dict[str, str]) -> _Answer:
        s = self.settings
        wait = s.backoff
        for attempt in range(s.retries + 1):
            last = attempt == s.retries
            try:
                answer = self._request(url, headers)
            except _Failure as exc:
                if exc.retry_after is None or last:
                    raise
                delay = exc.retry_after
            else:
                if answer.status not in _RETRY_STATUSES or last:
                    return answer
                asked = _retry_after(answer.header("Retry-After"))
                if asked is not None and asked > s.max_retry_after:
                    raise _Failure(f"{_status_reason(answer)}; the server asks to retry after {asked:g} s, longer "
                                   f"than the {s.max_retry_after:g} s Storylens waits (fetch.max_retry_after)")
                delay = wait if asked is None else asked
            log.info("%s: retrying in %.2f s (try %d of %d)", url, delay, attempt + 2, s.retries + 1)
            with self._lock:
                self.stats.retries += 1
            time.sleep(max(0.0, delay))
            wait *= 2
        raise AssertionError("unreachable")  # pragma: no cover

    def _await_turn(self, url: str) -> None:
        """Wait until ``min_interval`` has passed since the last request start to this host."""
        host = (urlsplit(url).hostname or "").lower()
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next_turn.get(host, 0.0))
            self._next_turn[host] = start + max(0.0, self.settings.min_interval)
        if start > now:
            time.sleep(start - now)

    def _request(self, url: str, headers: dict[str, str]) -> _Answer:
        """One GET, streamed: refused by content type or size before the body is read,
        cut at ``max_bytes``. Archived. Raises _Failure (with ``retry_after`` when worth
        retrying) for network errors."""
        s = self.settings
        self._await_turn(url)
        with self._slots:
            with self._lock:
                self.stats.requests += 1
            try:
                with self._http().stream("GET", url, headers=headers) as response:
                    return self._read(url, response)
            except httpx.ConnectTimeout:
                raise _Failure(f"timed out connecting (after {s.connect_timeout:g} s, fetch.connect_timeout)",
                               retry_after=s.backoff) from None
            except httpx.ReadTimeout:
                raise _Failure(f"timed out waiting for the server (no data for {s.read_timeout:g} s, "
                               "fetch.read_timeout)") from None
            except httpx.TimeoutException as exc:
                raise _Failure(f"timed out ({type(exc).__name__})") from None
            except httpx.ConnectError as exc:
                raise _Failure(f"could not connect ({_short(exc)})", retry_after=s.backoff) from None
            except httpx.RemoteProtocolError as exc:
                raise _Failure(f"the server broke the connection ({_short(exc)})", retry_after=s.backoff) from None
            except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
                raise _Failure(f"not a URL Storylens can fetch ({_short(exc)})") from None
            except httpx.HTTPError as exc:
                raise _Failure(f"fetch failed ({type(exc).__name__}: {_short(exc)})") from None

    def _read(self, url: str, response: httpx.Response) -> _Answer:
        s = self.settings
        answer = _Answer(response.status_code, response.reason_phrase, list(response.headers.multi_items()), b"")
        if answer.status != 200:  # an error page or a redirect: kept small, never parsed
            answer.body, answer.truncated = _read_capped(response, 64 * 1024)
            self._archive(url, answer)
            return answer
        mime = answer.header("Content-Type").split(";")[0].strip().lower()
        if mime and mime not in ACCEPTED_TYPES:
            answer.truncated = True
            self._archive(url, answer)
            raise _Failure(f"content type {mime} is not an article, a feed or a list of feeds (Storylens reads "
                           "HTML pages, RSS/Atom/JSON feeds, sitemaps, OPML and plain text)")
        declared = answer.header("Content-Length")
        if declared.isdigit() and int(declared) > s.max_bytes:
            answer.truncated = True
            self._archive(url, answer)
            raise _Failure(f"too large: the server announces {int(declared) / 2**20:.1f} MiB, more than the "
                           f"{s.max_bytes / 2**20:g} MiB Storylens reads (fetch.max_bytes); not read")
        answer.body, answer.truncated = _read_capped(response, s.max_bytes)
        self._archive(url, answer)
        if answer.truncated:
            raise _Failure(f"too large: more than {s.max_bytes / 2**20:g} MiB (fetch.max_bytes); stopped reading "
                           f"there")
        return answer

    def _archive(self, url: str, answer: _Answer) -> None:
        if self.archive is None:
            return
        try:
            self.archive.write(url, answer.status, answer.reason, answer.headers, answer.body,
                               datetime.now(timezone.utc), answer.truncated)
        except OSError as exc:  # the fetch still counts; the archive is said to be incomplete
            log.error("could not write %s to the WARC archive in %s: %s", url, self.archive.folder, exc)

    # -- robots.txt

    def _check_robots(self, url: str) -> None:
        parts = urlsplit(url)
        root = f"{parts.scheme.lower()}://{parts.netloc.lower()}"
        with self._lock:
            lock = self._robots_locks.setdefault(root, threading.Lock())
        with lock:  # one robots.txt fetch per host, even with fetches in parallel
            rules = self._robots.get(root)
            if rules is None:
                rules = self._robots[root] = self._load_robots(root)
        if isinstance(rules, str):
            raise _Failure(rules)
        if not rules.can_fetch(ROBOTS_AGENT, url):
            raise _Failure(f"robots.txt of {root} disallows fetching this URL for {ROBOTS_AGENT} (or for all robots)")

    def _load_robots(self, root: str) -> RobotFileParser | str:
        """The host's rules (RFC 9309): a 4xx means no rules; a 5xx or an unreachable
        robots.txt means the host cannot be fetched now (the reason is returned)."""
        robots_url = f"{root}/robots.txt"
        parser = RobotFileParser(robots_url)
        try:
            answer = self._with_retries(robots_url, {})
        except _Failure as exc:
            return f"robots.txt of {root} could not be read ({exc.reason}); not fetched, as RFC 9309 asks"
        if answer.status in _REDIRECTS:  # followed once, on the same host only
            target = urljoin(robots_url, answer.header("Location"))
            if target.startswith(root + "/"):
                try:
                    answer = self._with_retries(target, {})
                except _Failure as exc:
                    return f"robots.txt of {root} could not be read ({exc.reason}); not fetched, as RFC 9309 asks"
        if 400 <= answer.status < 500 or answer.status in _REDIRECTS:
            parser.parse([])
        elif answer.status >= 500:
            return f"robots.txt of {root} answered HTTP {answer.status}; not fetched, as RFC 9309 asks"
        else:
            parser.parse(answer.body.decode("utf-8", errors="replace").splitlines())
        return parser

    # -- conditional GET

    def _conditional_headers(self, url: str) -> dict[str, str]:
        if self.validators is None:
            return {}
        with self._store_lock:
            found = self.validators.fetch_validators(url)
        if not found:
            return {}
        etag, modified = found
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if modified:
            headers["If-Modified-Since"] = modified
        return headers

    def _hold_validators(self, url: str, answer: _Answer, fetched_at: datetime) -> None:
        if self.validators is None:
            return
        etag, modified = answer.header("ETag") or None, answer.header("Last-Modified") or None
        if etag or modified:
            with self._store_lock:
                self._pending[url] = (etag, modified, fetched_at)

    def keep_validators(self) -> int:
        """Save the ETag / Last-Modified of the answers fetched since the last call, for
        the next run's conditional GETs; how many URLs. Call it only once everything
        those answers became (articles, skipped inputs) is committed: were they saved
        at fetch time, a run dying before its commit would leave pages that the server
        then answers 304 to, never stored until they change."""
        with self._store_lock:
            pending, self._pending = self._pending, {}
            if pending and self.validators is not None:
                self.validators.save_fetch_validators(pending)
        return len(pending)


def _read_capped(response: httpx.Response, cap: int) -> tuple[bytes, bool]:
    """At most ``cap`` bytes of the body, and whether there was more (never reads past
    one network chunk beyond the cap)."""
    body = bytearray()
    for chunk in response.iter_bytes():
        body += chunk
        if len(body) > cap:
            return bytes(body[:cap]), True
    return bytes(body), False


def _retry_after(value: str) -> float | None:
    """Seconds a ``Retry-After`` header asks for (a number or an HTTP date), or None."""
    value = value.strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


def _status_reason(answer: _Answer) -> str:
    text = f"HTTP {answer.status}"
    if answer.reason:
        text += f" {answer.reason}"
    hints = {404: "the page does not exist (any more)", 410: "the page was removed", 401: "it needs a login",
             403: "the server refuses Storylens", 429: "too many requests: the server asks to slow down"}
    if answer.status in hints:
        text += f" ({hints[answer.status]})"
    elif answer.status >= 500:
        text += " (a server error)"
    return text


def _short(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:160] or type(exc).__name__
