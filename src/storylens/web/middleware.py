"""ASGI middleware for requests the routes never see as such: request bodies over the
size limit, however they are sent, and ``HEAD`` requests, answered as ``GET`` without
the body."""

from __future__ import annotations

from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .settings import WebSettings, web_settings

__all__ = ["BodyLimitMiddleware", "BodyTooLarge", "HeadAsGetMiddleware", "WebSettingsMiddleware"]


class WebSettingsMiddleware:
    """Answer every request with the app's ``web`` settings (``app.state.web_settings``)
    in force, for the views and parameter checks that read ``web.settings.current()``."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        settings: WebSettings = scope["app"].state.web_settings
        with web_settings(settings):
            await self.app(scope, receive, send)


class BodyTooLarge(StarletteHTTPException):
    """Raised while a request body is read, once it has passed the limit. The answer
    closes the connection, so that the server stops reading the rest of the body."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"request body too large: at most {limit} bytes", headers={"Connection": "close"})


class BodyLimitMiddleware:
    """Refuse request bodies larger than ``limit`` bytes (413): at once when the
    ``Content-Length`` says so, else by counting the bytes as they arrive (a chunked
    body has no length), so that no more than ``limit`` bytes are ever read.

    The count stops the read by raising BodyTooLarge, which the app's error handlers
    answer in the one error shape; should it escape them before the response has
    started, the answer is sent here."""

    def __init__(self, app: ASGIApp, limit: int = WebSettings.max_body_bytes) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for key, value in scope.get("headers", []):
            if key == b"content-length" and value.isdigit() and int(value) > self.limit:
                await self._refuse(scope, receive, send)
                return
        received = 0
        started = False

        async def counted_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise BodyTooLarge(self.limit)
            return message

        async def tracked_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted_receive, tracked_send)
        except BodyTooLarge:
            if started:
                raise
            await self._refuse(scope, receive, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        error = BodyTooLarge(self.limit)
        response = JSONResponse({"status": error.status_code, "message": error.detail},
                                status_code=error.status_code, headers=error.headers)
        await response(scope, receive, send)


class HeadAsGetMiddleware:
    """Answer ``HEAD`` wherever ``GET`` is answered: the app handles it as ``GET`` and
    the body is dropped, so the status and headers (``Content-Length`` included) are
    those a ``GET`` gets."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def send_headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app(dict(scope, method="GET"), receive, send_headers_only)
