"""The store tests run on both backends: ``location`` is a SQLite file under tmp_path or
an empty database on the session's PostgreSQL server (``pg_database``, tests/conftest.py;
skipped, saying what to install, without the PostgreSQL binaries)."""

from __future__ import annotations

from pathlib import Path

import pytest

BACKENDS = ("sqlite", "postgresql")


@pytest.fixture(params=BACKENDS)
def location(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a new, empty store can be opened: a file path or a ``postgresql://`` URL."""
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    return str(request.getfixturevalue("pg_database"))
