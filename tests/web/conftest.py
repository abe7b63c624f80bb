"""Stores for the web tests: the bundled examples corpus (through the real pipeline) and
a small store of fictional hostile articles (web_fixtures.py)."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from web_fixtures import make_hostile_store

from storylens.store import open_store
from storylens.web import create_app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="session")
def examples_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The examples corpus through the real pipeline (ingest, clean, extract, stories,
    compare), stored as `storylens ingest` stores it."""
    from storylens.compare import SECTIONS
    from storylens.pipeline import analyze

    result = analyze([EXAMPLES], fetched_at=datetime(2026, 4, 1, tzinfo=timezone.utc))
    path = tmp_path_factory.mktemp("web") / "examples.db"
    with open_store(path) as store:
        store.add_articles(result.articles)
        store.add_skipped(result.skipped)
        links = {a.id: {"story_id": a.story_id, "duplicate_of": a.duplicate_of,
                        "syndication_group": a.syndication_group} for a in result.articles}
        store.replace_stories(result.stories, links)
        for story in result.stories:
            store.replace_comparison(story["id"], {k: story[k] for k in SECTIONS})
    return str(path)


@pytest.fixture(scope="session")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    return make_hostile_store(tmp_path_factory.mktemp("web") / "hostile.db")


@pytest.fixture(scope="session")
def examples_app(examples_db: str) -> FastAPI:
    return create_app(examples_db)


@pytest.fixture(scope="session")
def hostile_app(hostile_db: str) -> FastAPI:
    return create_app(hostile_db)


# Not entered as a context manager: that would run the app's shutdown, which closes
# the (session-wide) store.
@pytest.fixture()
def examples(examples_app: FastAPI) -> TestClient:
    return TestClient(examples_app)


@pytest.fixture()
def hostile(hostile_app: FastAPI) -> TestClient:
    return TestClient(hostile_app)
