"""The FastAPI application: pages, JSON API, OpenAPI schema, errors, security headers."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.resources import files
from typing import Any

from fastapi import FastAPI, Request
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send

from .. import __version__
from ..store import open_store
from .cache import PageCache
from . import api, pages
from .errors import install_error_handlers
from .ingest import ingest_router, read_only_router
from .render import render
from .security import MAX_BODY_BYTES, SecurityHeadersMiddleware

__all__ = ["create_app", "serve"]

logger = logging.getLogger(__name__)

_DESCRIPTION = """Browse the stories and articles of a Storylens store.

Every page of the web app has a JSON twin under `/api/`. Lists take `limit` and `offset`.
Every error is `{"status": <int>, "message": <str>}`. Field names are those of the JSON
report (docs/json-schema.md). Spans are start/end character offsets into an article's `text`.
"""


class BodyLimitMiddleware:
    """Refuse request bodies larger than MAX_BODY_BYTES before reading them."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            for key, value in scope.get("headers", []):
                if key == b"content-length" and value.isdigit() and int(value) > MAX_BODY_BYTES:
                    response = JSONResponse(
                        {"status": 413, "message": f"request body too large: at most {MAX_BODY_BYTES} bytes"},
                        status_code=413)
                    await response(scope, receive, send)
                    return
        await self.app(scope, receive, send)


def _openapi(app: FastAPI) -> dict[str, Any]:
    """FastAPI's schema with its validation-error body replaced by our one error shape."""
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
    ref = "#/components/schemas/ErrorBody"
    for path in schema.get("paths", {}).values():
        for operation in path.values():
            response = operation.get("responses", {}).get("422")
            if response:
                response["content"] = {"application/json": {"schema": {"$ref": ref}}}
                response["description"] = "A parameter is out of bounds or malformed"
    components = schema.get("components", {}).get("schemas", {})
    components.pop("HTTPValidationError", None)
    components.pop("ValidationError", None)
    app.openapi_schema = schema
    return schema


def create_app(store_location: str, *, allow_ingest: bool = False, ingest_token: str | None = None) -> FastAPI:
    """The web app over the store at ``store_location`` (a path or a database URL).

    Read-only unless ``allow_ingest`` is true, which also needs ``ingest_token``: then
    ``POST /api/ingest`` accepts articles from requests with ``Authorization: Bearer <token>``.
    Raises StoreError when the store cannot be opened, ValueError for ingest without a token.
    """
    if allow_ingest and not (ingest_token and ingest_token.strip()):
        raise ValueError("allowing ingest needs a token (--token or STORYLENS_TOKEN): "
                         "requests must send 'Authorization: Bearer <token>'")
    store = open_store(store_location)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(title="Storylens", version=__version__, description=_DESCRIPTION, docs_url=None,
                  redoc_url=None, lifespan=lifespan)
    app.state.store = store
    app.state.page_cache = PageCache(store.where)
    app.state.allow_ingest = allow_ingest

    def error_page(request: Request, status: int, message: str) -> Response:
        return render(request, "error.html.j2", status_code=status, status=status, message=message,
                      title=f"Error {status}")

    install_error_handlers(app, error_page)
    app.include_router(api.router)
    if allow_ingest and ingest_token:
        app.include_router(ingest_router(ingest_token.strip()))
    else:
        app.include_router(read_only_router())
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=str(files("storylens.web") / "static")), name="static")
    app.add_middleware(BodyLimitMiddleware)
    app.add_middleware(SecurityHeadersMiddleware)
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    logger.info("web app over %s (%s)", store.where, "ingest allowed" if allow_ingest else "read-only")
    return app


def serve(db: str, host: str = "127.0.0.1", port: int = 8000, allow_ingest: bool = False,
          token: str | None = None) -> None:
    """Run the app with uvicorn until interrupted (blocking)."""
    import uvicorn

    app = create_app(db, allow_ingest=allow_ingest, ingest_token=token)
    if host not in ("127.0.0.1", "localhost", "::1"):
        logger.warning("serving on %s: other machines can reach this server", host)
    uvicorn.run(app, host=host, port=port, log_level="info", server_header=False)
