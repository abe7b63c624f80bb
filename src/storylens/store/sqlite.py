"""SQLite engine set-up: location checks, pragmas, and correct transaction handling.

Python's ``sqlite3`` module starts transactions lazily and on its own terms, which
breaks SQLAlchemy's transaction boundaries. We switch that off and emit ``BEGIN``
ourselves (SQLAlchemy's documented recipe); write transactions use
``BEGIN IMMEDIATE`` so that two writers queue on the busy timeout instead of failing
with "database is locked" half-way through a batch.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Connection, Engine, create_engine, event
from sqlalchemy.pool import StaticPool

from ..errors import StoreError

__all__ = ["BEGIN_OPTION", "BUSY_TIMEOUT_MS", "MEMORY", "check_location", "sqlite_engine"]

logger = logging.getLogger(__name__)

#: Execution option naming how a transaction starts: "DEFERRED" (default) or "IMMEDIATE".
BEGIN_OPTION = "storylens_sqlite_begin"

#: How long a connection waits for another writer before giving up.
BUSY_TIMEOUT_MS = 30_000

#: Marker location for an in-memory database (``sqlite://`` or ``:memory:``).
MEMORY = ":memory:"


def check_location(path: Path) -> None:
    """Raise StoreError, naming the path and the fix, if a store cannot live at ``path``."""
    if path.is_dir():
        raise StoreError(
            f"cannot open store {path}: it is a folder; give a file name, "
            f"e.g. {path / 'storylens.db'}"
        )
    parent = path.parent
    if not parent.is_dir():
        raise StoreError(
            f"cannot open store {path}: folder {parent} does not exist "
            f"(create it first, e.g. `mkdir -p {parent}`, or choose another path)"
        )
    if path.exists():
        if not os.access(path, os.R_OK | os.W_OK):
            raise StoreError(
                f"cannot open store {path}: the file is not readable and writable by you "
                "(fix its permissions, or copy it somewhere you can write)"
            )
    # SQLite in WAL mode creates PATH-wal and PATH-shm next to the file.
    if not os.access(parent, os.W_OK | os.X_OK):
        raise StoreError(
            f"cannot open store {path}: folder {parent} is not writable by you "
            "(SQLite needs to create the store and its -wal/-shm files there; "
            "fix the folder's permissions or choose another path)"
        )


def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # Let us emit BEGIN ourselves (see module docstring).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        mode = cursor.execute("PRAGMA journal_mode = WAL").fetchone()
        if mode and str(mode[0]).lower() not in ("wal", "memory"):
            logger.warning("SQLite refused WAL journal mode (got %s)", mode[0])
        # In WAL mode, NORMAL never corrupts the database; a power cut (not a process
        # kill) may lose the last transactions. FULL keeps those too, at some speed cost.
        cursor.execute("PRAGMA synchronous = FULL")
    finally:
        cursor.close()


def _on_begin(conn: Connection) -> None:
    mode = conn.get_execution_options().get(BEGIN_OPTION, "DEFERRED")
    if mode not in ("DEFERRED", "IMMEDIATE"):
        raise ValueError(f"unknown SQLite BEGIN mode {mode!r}")
    conn.exec_driver_sql(f"BEGIN {mode}")


def sqlite_engine(location: Path | str) -> Engine:
    """An engine for the SQLite file at ``location`` (or ``MEMORY``), fully configured."""
    if str(location) == MEMORY:
        engine = create_engine(
            URL.create("sqlite+pysqlite", database=MEMORY),
            poolclass=StaticPool,
            connect_args={"check_same_thread": False},
        )
    else:
        engine = create_engine(
            URL.create("sqlite+pysqlite", database=str(location)),
            connect_args={"timeout": BUSY_TIMEOUT_MS / 1000},
        )
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine
