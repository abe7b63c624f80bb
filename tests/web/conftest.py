"""Stores for the web tests: the bundled examples corpus (through the real pipeline) and
a small store of fictional hostile articles (web_fixtures.py), each on SQLite and on
PostgreSQL."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from web_fixtures import make_hostile_store

from storylens.store import open_store
from storylens.web import create_app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


#: Every web test that uses the stores below runs on a SQLite file and on a PostgreSQL
#: database (on the session's server, tests/conftest.py; skipped without PostgreSQL).
BACKENDS = ("sqlite", "postgresql")


def _location(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, name: str) -> str:
    if request.param == "sqlite":
        return str(tmp_path_factory.mktemp("web") / f"{name}.db")
    return str(request.getfixturevalue("pg_server").new_database())


@pytest.fixture(scope="session")
def examples_analysis() -> Any:
    """The examples corpus through the real pipeline (ingest, clean, extract, stories,
    compare), once for every backend."""
    from storylens.pipeline import analyze

    return analyze([EXAMPLES], fetched_at=datetime(2026, 4, 1, tzinfo=timezone.utc))


@pytest.fixture(scope="session", params=BACKENDS)
def examples_db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
                examples_analysis: Any) -> str:
    """The examples corpus stored as `storylens ingest` stores it."""

    result = examples_analysis
    location = _location(request, tmp_path_factory, "examples")
    with open_store(location) as store:
        store.add_articles(result.articles)
        store.add_skipped(result.skipped)
        links = {a.id: {"story_id": a.story_id, "duplicate_of": a.duplicate_of,
                        "syndication_group": a.syndication_group} for a in result.articles}
        store.replace_stories(result.stories, links)
        for story in result.stories:
            assert story.comparison is not None
            store.replace_comparison(story.id, story.comparison)
    return location


@pytest.fixture(scope="session", params=BACKENDS)
def hostile_db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    return make_hostile_store(_location(request, tmp_path_factory, "hostile"))  # type: ignore[arg-type]


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
