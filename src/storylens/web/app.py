"""The FastAPI application: pages, JSON API, OpenAPI schema, errors, security headers."""

from __future__ import annotations

import gc
import json
import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import asdict
from importlib.resources import files
from typing import Any

from fastapi import FastAPI, Request
from fastapi.openapi.utils import get_openapi
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles

from .. import __version__
from ..store import open_store
from .cache import PageCache
from . import api, pages
from .errors import install_error_handlers
from .ingest import ingest_router, read_only_router
from .middleware import BodyLimitMiddleware, HeadAsGetMiddleware, WebSettingsMiddleware
from .render import render
from .security import SecurityHeadersMiddleware
from .settings import WebSettings

__all__ = ["create_app", "serve", "server_options", "app_from_environment", "tune_gc", "GC_THRESHOLD"]

logger = logging.getLogger(__name__)

_DESCRIPTION = """Browse the stories and articles of a Storylens store.

Every page of the web app has a JSON twin under `/api/`. Lists take `limit` and `offset`.
Every error is `{"status": <int>, "message": <str>}`. Field names are those of the JSON
report (docs/json-schema.md). Spans are start/end character offsets into an article's `text`.
"""

_LIMITS = """`HEAD` is answered wherever `GET` is. A search may have at most {s.search_max_terms} words, at
most {s.search_max_prefixes} of them prefixes (`word*`), and {s.search_seconds:g} s of the database's time;
past that it is answered 400. Request bodies are limited to {s.max_body_bytes} bytes, however they are sent (413).
"""


def _openapi(app: FastAPI) -> dict[str, Any]:
    """FastAPI's schema with its validation-error body replaced by our one error shape."""
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
    ref = "#/components/schemas/ErrorBody"
    settings: WebSettings = app.state.web_settings
    for route, path in schema.get("paths", {}).items():
        for operation in path.values():
            for parameter in operation.get("parameters", []):  # the bounds of this app's web settings
                if parameter.get("name") == "limit":
                    parameter["schema"]["maximum"] = settings.max_limit
                elif parameter.get("name") == "offset":
                    parameter["schema"]["maximum"] = (settings.max_search_window - settings.max_limit
                                                      if route.endswith("/search") else settings.max_offset)
            response = operation.get("responses", {}).get("422")
            if response:
                response["content"] = {"application/json": {"schema": {"$ref": ref}}}
                response["description"] = "A parameter is out of bounds or malformed"
    components = schema.get("components", {}).get("schemas", {})
    components.pop("HTTPValidationError", None)
    components.pop("ValidationError", None)
    app.openapi_schema = schema
    return schema


def create_app(store_location: str, *, allow_ingest: bool = False, ingest_token: str | None = None,
               settings: WebSettings | None = None) -> FastAPI:
    """The web app over the store at ``store_location`` (a path or a database URL), with
    the ``web`` settings section ``settings`` (request and search limits; the defaults if None).

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

    settings = settings or WebSettings()
    app = FastAPI(title="Storylens", version=__version__, description=_DESCRIPTION + _LIMITS.format(s=settings),
                  docs_url=None,
                  redoc_url=None, lifespan=lifespan)
    app.state.store = store
    app.state.page_cache = PageCache(store.version)
    app.state.allow_ingest = allow_ingest
    app.state.web_settings = settings

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
    app.add_middleware(WebSettingsMiddleware)
    app.add_middleware(BodyLimitMiddleware, limit=settings.max_body_bytes)
    app.add_middleware(HeadAsGetMiddleware)
    app.add_middleware(SecurityHeadersMiddleware)
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    logger.info("web app over %s (%s)", store.where, "ingest allowed" if allow_ingest else "read-only")
    return app


def server_options() -> dict[str, str]:
    """uvicorn's fast event loop and HTTP parser (uvloop, httptools) when installed, else
    its pure-Python defaults."""
    import importlib.util

    options = {}
    if importlib.util.find_spec("uvloop") is not None:
        options["loop"] = "uvloop"
    if importlib.util.find_spec("httptools") is not None:
        options["http"] = "httptools"
    return options


#: Young-generation threshold of the garbage collector while serving (Python's default: 700).
GC_THRESHOLD = 10_000


def tune_gc() -> None:
    """Fewer garbage collections while serving. A story page builds thousands of
    short-lived containers, which set off a young-generation collection several times
    per request with the default threshold (about 1.3 ms of its ~11 ms of CPU on the bench
    store); nearly all are freed by reference counting anyway. The objects that exist
    once the app is built (modules, routes, templates) are moved out of the collector's
    sight (``gc.freeze``), so the older-generation collections that still run scan less."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(GC_THRESHOLD, *gc.get_threshold()[1:])


#: Environment variables that ``app_from_environment`` reads (uvicorn's worker processes
#: build their own app from them).
ENV_DB, ENV_ALLOW_INGEST, ENV_TOKEN = "STORYLENS_SERVE_DB", "STORYLENS_SERVE_ALLOW_INGEST", "STORYLENS_TOKEN"
#: The ``web`` settings ``serve`` was given, as a JSON object.
ENV_WEB_SETTINGS = "STORYLENS_SERVE_WEB_SETTINGS"


def app_from_environment() -> FastAPI:
    """The app over the store named by STORYLENS_SERVE_DB (a factory for worker processes)."""
    db = os.environ.get(ENV_DB)
    if not db:
        raise ValueError(f"{ENV_DB} is not set: it names the store to serve")
    settings = WebSettings(**json.loads(os.environ.get(ENV_WEB_SETTINGS) or "{}"))
    app = create_app(db, allow_ingest=os.environ.get(ENV_ALLOW_INGEST) == "1",
                     ingest_token=os.environ.get(ENV_TOKEN), settings=settings)
    tune_gc()
    return app


def serve(db: str, host: str = "127.0.0.1", port: int = 8000, allow_ingest: bool = False,
          token: str | None = None, workers: int = 1, log_level: str = "info",
          settings: WebSettings | None = None) -> None:
    """Run the app with uvicorn until interrupted (blocking); ``workers`` > 1 runs that
    many processes, each with its own app, store connection and page cache. ``settings``:
    the ``web`` settings section (the defaults if None)."""
    import uvicorn

    if host not in ("127.0.0.1", "localhost", "::1"):
        logger.warning("serving on %s: other machines can reach this server", host)
    options: dict[str, Any] = dict(host=host, port=port, log_level=log_level, server_header=False,
                                   access_log=log_level == "info", **server_options())
    if workers > 1:
        create_app(db, allow_ingest=allow_ingest, ingest_token=token, settings=settings).state.store.close()  # fail early
        os.environ[ENV_DB] = db
        os.environ[ENV_WEB_SETTINGS] = json.dumps(asdict(settings or WebSettings()))
        os.environ[ENV_ALLOW_INGEST] = "1" if allow_ingest else "0"
        if token:
            os.environ[ENV_TOKEN] = token
        uvicorn.run("storylens.web.app:app_from_environment", factory=True, workers=workers, **options)
    else:
        app = create_app(db, allow_ingest=allow_ingest, ingest_token=token, settings=settings)
        tune_gc()
        uvicorn.run(app, **options)
