"""A local HTTP server (127.0.0.1, a free port, a thread) for the live-source tests: the
examples as pages and as a summary-only feed, and endpoints that misbehave. No test
touches the internet. (Not named live_server: tests/web has a module of that name, and
one pytest run imports a module name once.)"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

EXAMPLES = Path(__file__).parents[1] / "examples" / "pages"
HTML_PAGES = sorted(p.name for p in EXAMPLES.glob("*.html"))
HUGE_BYTES = 100 * 1024 * 1024


class Site:
    """What the server serves; tests change ``pages`` (path -> (content type, bytes))."""

    def __init__(self) -> None:
        self.pages: dict[str, tuple[str, bytes]] = {}
        self.hits: dict[str, int] = {}
        self.huge_sent = 0
        self.robots = b"User-agent: *\nDisallow: /private/\n"
        self.lock = threading.Lock()
        for name in HTML_PAGES:
            self.pages[f"/news/{name}"] = ("text/html; charset=utf-8", (EXAMPLES / name).read_bytes())

    def feed(self, base: str) -> bytes:
        """An RSS feed of the example pages whose entries carry a one-line summary only."""
        items = "".join(
            f"<item><title>Example {n}</title><link>{base}/news/{name}</link>"
            f"<guid>{base}/news/{name}</guid><description>A short teaser of story {n}.</description></item>"
            for n, name in enumerate(HTML_PAGES, start=1))
        return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Local Wire</title>'
                f"<link>{base}/</link><description>test feed</description>{items}</channel></rss>").encode()


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:  # quiet
            return

        def _send(self, status: int, body: bytes, content_type: str = "text/html; charset=utf-8",
                  headers: dict[str, str] | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:  # noqa: C901 - one branch per endpoint
            path = self.path.split("?")[0]
            with site.lock:
                site.hits[path] = site.hits.get(path, 0) + 1
                hits = site.hits[path]
            base = f"http://{self.headers['Host']}"
            if path == "/robots.txt":
                self._send(200, site.robots, "text/plain")
            elif path == "/feed.xml":
                self._send(200, site.feed(base), "application/rss+xml")
            elif path == "/feeds.opml":
                body = (f'<?xml version="1.0"?><opml version="2.0"><body><outline text="wire" xmlUrl="{base}/feed.xml"/>'
                        f'<outline text="gone" xmlUrl="{base}/missing.xml"/></body></opml>').encode()
                self._send(200, body, "text/x-opml")
            elif path == "/sitemap.xml":
                locs = "".join(f"<url><loc>{base}/news/{name}</loc></url>" for name in HTML_PAGES[:2])
                self._send(200, f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                                f"{locs}</urlset>".encode(), "application/xml")
            elif path in site.pages:
                content_type, body = site.pages[path]
                etag = f'"{hash(body) & 0xFFFFFFFF:x}"'
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self._send(200, body, content_type, {"ETag": etag})
            elif path == "/slow":
                time.sleep(3)
                self._send(200, b"<html><body><p>late</p></body></html>")
            elif path == "/missing":
                self._send(404, b"<html><body>not here</body></html>")
            elif path == "/broken":
                self._send(500, b"<html><body>oops</body></html>")
            elif path == "/busy":  # 429 once with Retry-After, then the page
                if hits == 1:
                    self._send(429, b"slow down", "text/plain", {"Retry-After": "1"})
                else:
                    self._send(200, site.pages[f"/news/{HTML_PAGES[0]}"][1])
            elif path == "/busy-forever":
                self._send(429, b"slow down", "text/plain", {"Retry-After": "3600"})
            elif path == "/loop-a":
                self._send(302, b"", headers={"Location": "/loop-b"})
            elif path == "/loop-b":
                self._send(302, b"", headers={"Location": "/loop-a"})
            elif path == "/huge":  # 100 MB, streamed without a length: the client must stop reading
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Connection", "close")
                self.end_headers()
                chunk = b"<p>" + b"x" * 65530 + b"</p>"
                try:
                    while site.huge_sent < HUGE_BYTES:
                        self.wfile.write(chunk)
                        site.huge_sent += len(chunk)
                except (BrokenPipeError, ConnectionResetError):
                    pass
                self.close_connection = True
            elif path == "/photo.jpg":
                self._send(200, b"\xff\xd8\xff\xe0" + b"\0" * 100, "image/jpeg")
            elif path == "/private/secret.html":
                self._send(200, b"<html><body><p>secret</p></body></html>")
            else:
                self._send(404, b"no such endpoint", "text/plain")

    return Handler


class LiveServer:
    def __init__(self) -> None:
        self.site = Site()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self.site))
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return self.base + path

    def __enter__(self) -> LiveServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def serve() -> Iterator[LiveServer]:
    with LiveServer() as server:
        yield server

