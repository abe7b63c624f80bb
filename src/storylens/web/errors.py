"""One error shape for every error: ``{"status": <int>, "message": <str>}``.

API paths (``/api/...``, the OpenAPI schema) always answer errors as that JSON; pages
answer with an HTML page that shows the same status and message, unless the client
asks for JSON first in its ``Accept`` header. Unexpected exceptions become a 500 with
a generic message (the traceback goes to the log, never to the client).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import StoreError
from .security import set_security_headers

__all__ = ["WebError", "install_error_handlers", "wants_json", "validation_message"]

logger = logging.getLogger(__name__)

_DEFAULT_MESSAGES = {
    400: "bad request",
    401: "authentication required",
    403: "forbidden",
    404: "not found: no page or API endpoint at this address",
    405: "method not allowed at this address",
    413: "request body too large",
    500: "internal error: the server could not answer this request (the details are in its log)",
}


class WebError(Exception):
    """An error to show the client as ``status`` and ``message``."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


def wants_json(request: Request) -> bool:
    path = request.url.path
    if path.startswith("/api/") or path == "/api" or path == "/openapi.json":
        return True
    accept = request.headers.get("accept", "")
    return accept.split(",")[0].strip().startswith("application/json")


def _where(loc: Sequence[Any]) -> str:
    parts = [str(p) for p in loc]
    if parts and parts[0] in ("query", "path", "header", "cookie"):
        return f"{parts[0]} parameter {'.'.join(parts[1:])!r}"
    if parts and parts[0] == "body":
        return "request body" + (f" field {'.'.join(parts[1:])!r}" if len(parts) > 1 else "")
    return ".".join(parts) or "request"


def validation_message(exc: RequestValidationError) -> str:
    errors = exc.errors()
    shown = [f"{_where(e.get('loc', ()))}: {e.get('msg', 'invalid')}" for e in errors[:5]]
    more = f" (and {len(errors) - 5} more)" if len(errors) > 5 else ""
    return "invalid request: " + "; ".join(shown) + more


PageRenderer = Callable[[Request, int, str], Response]


def install_error_handlers(app: FastAPI, render_page: PageRenderer) -> None:
    """Route every error through one function that answers JSON or an HTML page."""

    def answer(request: Request, status: int, message: str, headers: dict[str, str] | None = None) -> Response:
        if wants_json(request):
            response: Response = JSONResponse({"status": status, "message": message}, status_code=status)
        else:
            response = render_page(request, status, message)
        for key, value in (headers or {}).items():
            response.headers[key] = value
        # The 500 handler runs outside the middleware stack: set the headers here too.
        set_security_headers(response)
        return response

    @app.exception_handler(WebError)
    async def web_error(request: Request, exc: WebError) -> Response:
        return answer(request, exc.status, exc.message, exc.headers)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        detail = exc.detail if isinstance(exc.detail, str) else None
        generic = {"Not Found", "Method Not Allowed", "Internal Server Error"}
        message = detail if detail and detail not in generic else _DEFAULT_MESSAGES.get(exc.status_code, "error")
        return answer(request, exc.status_code, message, dict(exc.headers or {}))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        return answer(request, 422, validation_message(exc))

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        logger.error("store error on %s: %s", request.url.path, exc)
        return answer(request, 503, "the store cannot be read right now; try again later (the details are in the server's log)")

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        logger.exception("unexpected error on %s %s", request.method, request.url.path)
        return answer(request, 500, _DEFAULT_MESSAGES[500])
