"""``POST /api/ingest``: the only endpoint that writes, and only when the server was
started with ingest allowed and a token; the request must carry
``Authorization: Bearer <token>``.

Each article is read like a JSONL record with a ``text`` column (kind ``plain``; the
other fields are explicit metadata) and goes through the pipeline ``storylens ingest``
runs (``pipeline.ingest``): cleaned, extracted, stored, grouped into the stored stories
and compared.
"""

from __future__ import annotations

import logging
from datetime import datetime, timezone

from fastapi import APIRouter, Depends
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.responses import JSONResponse

from ..model import RawDocument
from ..pipeline import ingest as ingest_documents
from .errors import WebError
from .models import ErrorBody, IngestIn, IngestOut, SkippedOut
from .params import StoreDep
from .security import token_matches

__all__ = ["ingest_router", "read_only_router"]

logger = logging.getLogger(__name__)

_SOURCE = "api-ingest"
_bearer = HTTPBearer(auto_error=False, description="The token the server was started with.")
_REALM = {"WWW-Authenticate": 'Bearer realm="storylens"'}


def ingest_router(token: str) -> APIRouter:
    router = APIRouter(prefix="/api")

    @router.post("/ingest", response_model=IngestOut, status_code=201,
                 summary="Add articles (only with --allow-ingest; needs Authorization: Bearer <token>)",
                 responses={401: {"model": ErrorBody, "description": "Missing or wrong token"},
                            413: {"model": ErrorBody, "description": "Request body too large"}})
    def ingest(body: IngestIn, store: StoreDep,
               credentials: HTTPAuthorizationCredentials | None = Depends(_bearer)) -> IngestOut:
        given = f"{credentials.scheme} {credentials.credentials}" if credentials else None
        if not token_matches(given, token):
            raise WebError(401, "a valid token is required: send 'Authorization: Bearer <token>' with the "
                                "token the server was started with", _REALM)
        now = datetime.now(timezone.utc)
        documents: list[RawDocument] = []
        for n, item in enumerate(body.articles, start=1):
            metadata = {k: v for k, v in item.model_dump(exclude={"text"}).items() if v}
            # The id is the text's hash with its URL or outlet; an item with neither is
            # known by its text alone (not its position), so posting it again is idempotent.
            source = f"{_SOURCE}#item-{n}" if metadata.get("url") or metadata.get("outlet") else _SOURCE
            raw = RawDocument(source=source, data=item.text.replace("\r\n", "\n").encode("utf-8"), kind="plain",
                              fetched_at=now, url=metadata.get("url"), metadata=metadata,
                              metadata_origin={k: f"POST /api/ingest item {n}" for k in metadata})
            documents.append(raw)
        result = ingest_documents(store, documents)
        logger.info("ingest over HTTP: %d added, %d present, %d skipped", result.added, result.already_present,
                    len(result.skipped))
        return IngestOut(added=result.added, already_present=result.already_present, ids=result.article_ids,
                         skipped=[SkippedOut(source=s.source, reason=s.reason) for s in result.skipped])

    return router


def read_only_router() -> APIRouter:
    router = APIRouter(prefix="/api", include_in_schema=False)

    @router.post("/ingest")
    def refused() -> JSONResponse:
        raise WebError(403, "this server is read-only: start it with --allow-ingest and a token to accept articles")

    return router
