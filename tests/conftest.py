"""Fixtures shared by every test folder: a PostgreSQL server started for the session
(``pg_server``, see ``pg_fixture.py``) and an empty database on it per test
(``pg_database``). Tests that use them skip, saying what to install, when the
PostgreSQL binaries are absent."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pg_fixture import MISSING_MESSAGE, PostgresServer, find_bin_dir


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PostgresServer]:
    bin_dir = find_bin_dir()
    if bin_dir is None:
        pytest.skip(MISSING_MESSAGE)
    server = PostgresServer(bin_dir)
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture()
def pg_database(pg_server: PostgresServer) -> str:
    """The URL of a new, empty database (``postgresql://postgres@127.0.0.1:PORT/NAME``)."""
    return pg_server.new_database()
