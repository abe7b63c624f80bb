"""Table definitions (SQLAlchemy Core) and schema versioning for the article store.

The tables are plain and named so that a person can browse them in Datasette:

* ``articles`` — one row per article; ``id`` is the content hash; ``genre`` is
  ``news``, ``opinion`` or ``blog``.
  ``published`` / ``updated`` are ISO-8601 strings with their original offset.
  ``published_utc`` is the same instant in UTC in a fixed-width form; it exists only so
  that "newest first" sorts correctly across offsets (strings with different offsets
  do not sort chronologically).
* ``article_credits``, ``article_hashtags``, ``removed_lines`` — ordered child rows.
* ``article_fields`` — which metadata fields were ``inferred`` and which ``explicit``,
  and how (one row per field and provenance).
* ``skipped`` — inputs that could not be used, one row per source.
* ``article_versions``, ``fetch_validators`` — older versions of articles fetched again
  with changed text, and the ETag / Last-Modified of fetched URLs (``store.versions``).
* ``schema_version`` — a single integer.
* ``store_writes`` (PostgreSQL only) — one row counting write transactions (the store's
  version), and ``articles.search_vector`` with its GIN index instead of ``articles_fts``
  (``store.pg_search``).
* ``articles_fts`` — FTS5 index over ``headline`` and ``text`` (SQLite only), kept in
  sync with ``articles`` by triggers. It stores its own copy of the text and carries
  ``article_id`` as an UNINDEXED column rather than pointing at ``articles.rowid``:
  ``articles`` has a TEXT primary key, so its rowids are not stable across ``VACUUM``.

Versioning: a fresh database gets the current schema and is stamped with
``CURRENT_SCHEMA_VERSION``. An existing database with a lower version has each pending
function of ``MIGRATIONS`` run in order, inside one transaction, and is then stamped.
To change the schema: update the tables below, bump ``CURRENT_SCHEMA_VERSION`` and add
``MIGRATIONS[new_version]`` that brings a database of the previous version up to date.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from sqlalchemy import (
    CheckConstraint,
    Column,
    Connection,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    inspect,
    select,
    text,
)

from ..errors import StoreError

__all__ = [
    "CURRENT_SCHEMA_VERSION",
    "MIGRATIONS",
    "metadata",
    "articles",
    "article_credits",
    "article_hashtags",
    "removed_lines",
    "article_fields",
    "skipped",
    "schema_version",
    "FTS_TABLE",
    "SortKey",
    "ensure_schema",
]

logger = logging.getLogger(__name__)

CURRENT_SCHEMA_VERSION = 4


def _add_article_terms(conn: Connection) -> None:
    """Version 2: the clustering features of each article (``store.terms``)."""
    from .terms import article_terms

    article_terms.create(conn)


def _add_live_sources(conn: Connection) -> None:
    """Version 3: article versions and fetch validators (``store.versions``), and an index
    on ``articles.url`` (a new version is found by its URL)."""
    from .versions import article_versions, fetch_validators

    article_versions.create(conn)
    fetch_validators.create(conn)
    next(i for i in articles.indexes if i.name == "ix_articles_url").create(conn)


def _add_article_genre(conn: Connection) -> None:
    """Version 4: ``articles.genre`` (news, opinion or blog; ``clean.genre``). Articles
    stored before were not told apart: they read as news, as the comparison then treated them."""
    conn.execute(text("ALTER TABLE articles ADD COLUMN genre VARCHAR DEFAULT 'news' NOT NULL"))


#: version -> function that upgrades a database from ``version - 1`` to ``version``.
#: Each runs inside the single transaction of the upgrade.
MIGRATIONS: dict[int, Callable[[Connection], None]] = {2: _add_article_terms, 3: _add_live_sources,
                                                        4: _add_article_genre}

metadata = MetaData()


#: A string column compared byte by byte on every backend: SQLite's default (BINARY);
#: on PostgreSQL the "C" collation, so that ids and times sort as on SQLite whatever the
#: database's locale.
SortKey = String().with_variant(String(collation="C"), "postgresql")


def _article_fk() -> ForeignKey:
    return ForeignKey("articles.id", ondelete="CASCADE")


articles = Table(
    "articles",
    metadata,
    Column("id", SortKey, primary_key=True),
    Column("source", Text, nullable=False),
    Column("url", Text),
    Column("outlet", Text),
    Column("headline", Text),
    Column("byline", Text),
    Column("published", String),
    Column("published_utc", SortKey),
    Column("updated", String),
    Column("dateline", Text),
    Column("language", String),
    Column("genre", String, nullable=False, server_default=text("'news'")),
    Column("text", Text, nullable=False),
    Column("feed_notice", Text),
    Column("story_id", String),
    Column("duplicate_of", String),
    Column("syndication_group", String),
    Column("ingested_at", String, nullable=False),
    Index("ix_articles_published", "published_utc"),
    Index("ix_articles_outlet", "outlet"),
    Index("ix_articles_story_id", "story_id"),
    Index("ix_articles_url", "url"),
)

article_credits = Table(
    "article_credits",
    metadata,
    Column("article_id", String, _article_fk(), nullable=False),
    Column("position", Integer, nullable=False),
    Column("credit", Text, nullable=False),
    PrimaryKeyConstraint("article_id", "position"),
)

article_hashtags = Table(
    "article_hashtags",
    metadata,
    Column("article_id", String, _article_fk(), nullable=False),
    Column("position", Integer, nullable=False),
    Column("hashtag", Text, nullable=False),
    PrimaryKeyConstraint("article_id", "position"),
)

removed_lines = Table(
    "removed_lines",
    metadata,
    Column("article_id", String, _article_fk(), nullable=False),
    Column("position", Integer, nullable=False),
    Column("line", Integer),
    Column("text", Text, nullable=False),
    Column("reason", Text, nullable=False),
    PrimaryKeyConstraint("article_id", "position"),
)

article_fields = Table(
    "article_fields",
    metadata,
    Column("article_id", String, _article_fk(), nullable=False),
    Column("field", String, nullable=False),
    Column("provenance", String, nullable=False),
    Column("how", Text, nullable=False),
    PrimaryKeyConstraint("article_id", "provenance", "field"),
    CheckConstraint("provenance IN ('inferred', 'explicit')", name="ck_article_fields_provenance"),
)

skipped = Table(
    "skipped",
    metadata,
    Column("source", SortKey, primary_key=True),
    Column("reason", Text, nullable=False),
    Column("first_seen", String, nullable=False),
    Column("last_seen", SortKey, nullable=False),
    Column("times", Integer, nullable=False, server_default=text("1")),
)

schema_version = Table(
    "schema_version",
    metadata,
    Column("version", Integer, nullable=False),
)

FTS_TABLE = "articles_fts"

# FTS5 is SQLite-only; the PostgreSQL store has a tsvector column instead (store.pg_search).
_SQLITE_FTS_DDL = (
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5("
    "headline, text, article_id UNINDEXED, tokenize = 'unicode61 remove_diacritics 2')",
    f"CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN "
    f"INSERT INTO {FTS_TABLE} (headline, text, article_id) "
    "VALUES (new.headline, new.text, new.id); END",
    f"CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN "
    f"DELETE FROM {FTS_TABLE} WHERE article_id = old.id; END",
    f"CREATE TRIGGER articles_fts_update AFTER UPDATE OF id, headline, text ON articles BEGIN "
    f"UPDATE {FTS_TABLE} SET headline = new.headline, text = new.text, article_id = new.id "
    "WHERE article_id = old.id; END",
)


def _create_current(conn: Connection) -> None:
    metadata.create_all(conn)
    if conn.dialect.name == "sqlite":
        for ddl in _SQLITE_FTS_DDL:
            conn.exec_driver_sql(ddl)
    elif conn.dialect.name == "postgresql":
        from .postgres import create_postgres_objects

        create_postgres_objects(conn)
    conn.execute(schema_version.delete())
    conn.execute(schema_version.insert().values(version=CURRENT_SCHEMA_VERSION))


def ensure_schema(conn: Connection, where: str) -> int:
    """Create or upgrade the schema inside the caller's (write) transaction.

    Returns the version the database had before (0 for a fresh one). ``where`` names
    the database in error messages.
    """
    names = set(inspect(conn).get_table_names())
    if "schema_version" not in names:
        if names - {"sqlite_sequence", "sqlite_stat1"}:
            raise StoreError(
                f"{where} is a database but not a Storylens store (it has tables "
                f"{', '.join(sorted(names))} and no schema_version); "
                "point Storylens at a new file (or an empty PostgreSQL database) instead"
            )
        _create_current(conn)
        logger.info("created store schema version %d in %s", CURRENT_SCHEMA_VERSION, where)
        return 0

    found = conn.execute(select(schema_version.c.version)).scalars().all()
    if len(found) != 1:
        raise StoreError(
            f"{where}: schema_version should hold exactly one row, found {len(found)}; "
            "the store is damaged — restore it from a backup or ingest into a new file"
        )
    version = int(found[0])
    if version > CURRENT_SCHEMA_VERSION:
        raise StoreError(
            f"{where} has schema version {version} but this Storylens only knows up to "
            f"{CURRENT_SCHEMA_VERSION}; upgrade Storylens to open it"
        )
    for target in range(version + 1, CURRENT_SCHEMA_VERSION + 1):
        migrate = MIGRATIONS.get(target)
        if migrate is None:
            raise StoreError(f"{where}: no migration to schema version {target} (a Storylens bug)")
        logger.info("migrating %s to schema version %d", where, target)
        migrate(conn)
    if version < CURRENT_SCHEMA_VERSION:
        conn.execute(schema_version.update().values(version=CURRENT_SCHEMA_VERSION))
    return version
