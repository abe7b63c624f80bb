"""Unit tests for the article store, on a SQLite file under tmp_path and on a PostgreSQL
database (``location``, conftest.py); the tests of SQLite files alone say so."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import Connection, text

from storylens.errors import StoreError
from storylens.model import Article, RemovedLine, Skipped
from storylens.store import SNIPPET_END, SNIPPET_START, AddResult, SearchHit, Store, open_store
from storylens.store import schema as store_schema
from storylens.store import rows as rows_module

from store_backends import is_postgres, raw_rows

ALL_TABLES = (
    "articles",
    "article_credits",
    "article_hashtags",
    "removed_lines",
    "article_fields",
    "skipped",
    "schema_version",
    "articles_fts",
)


def tables(location: object) -> tuple[str, ...]:
    """ALL_TABLES on this backend (PostgreSQL has a tsvector column, not articles_fts)."""
    return tuple(t for t in ALL_TABLES if t != "articles_fts") if is_postgres(location) else ALL_TABLES


def tz(hours: float) -> timezone:
    return timezone(timedelta(hours=hours))


def make_article(
    id: str,
    text: str = "The harbour council met on Tuesday.\n\nIt voted to repaint the lighthouse.",
    **kw: object,
) -> Article:
    return Article(id=id, source=f"fixtures/{id}.html", text=text, paragraphs=text.split("\n\n"), **kw)  # type: ignore[arg-type]


def full_article() -> Article:
    return Article(
        id="0123456789abcdef",
        source="dumps/coast.warc#record-7",
        text="PORT ELLEN — The harbour council voted to repaint the lighthouse.\n\n"
        "Work begins in spring, the council said.",
        paragraphs=[],
        url="https://coast-gazette.example/lighthouse",
        outlet="Coast Gazette",
        headline="Council votes to repaint lighthouse",
        byline="By Morag Finlay",
        published=datetime(2024, 3, 5, 9, 30, 15, 123456, tzinfo=tz(5.5)),
        updated=datetime(2024, 3, 5, 11, 0, tzinfo=tz(-4)),
        dateline="PORT ELLEN",
        language="en",
        genre="opinion",
        credits=["Morag Finlay", "Additional reporting: Ian Bell"],
        hashtags=["#lighthouse", "#harbour"],
        feed_notice="This story was updated to correct the date.",
        removed=[
            RemovedLine(text="Subscribe to our newsletter", reason="boilerplate", line=3),
            RemovedLine(text="Share this", reason="social", line=None),
        ],
        inferred={"published": "meta article:published_time", "language": "py3langid 0.99"},
        explicit={"outlet": "sidecar lighthouse.meta.json", "headline": "manifest row 4"},
        story_id="story-42",
        duplicate_of="fedcba9876543210",
        syndication_group="syn-7",
    )


@pytest.fixture()
def db_path(tmp_path: Path) -> Path:
    """A SQLite file (for the tests of SQLite files alone)."""
    return tmp_path / "store.db"


@pytest.fixture()
def store(location: str) -> Iterator[Store]:
    with open_store(location) as s:
        yield s


def table_counts(conn: Connection) -> dict[str, int]:
    names = tables("postgresql://" if conn.dialect.name == "postgresql" else "")
    return {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one() for t in names}


# -- round trip ---------------------------------------------------------------------------


def test_full_article_round_trips(store: Store) -> None:
    article = full_article()
    assert store.add_articles([article]) == AddResult(added=1, already_present=0)
    got = store.get_article(article.id)
    assert got is not None
    assert got.to_dict() == article.to_dict()
    assert got.paragraphs == [p for p in article.text.split("\n\n") if p]
    assert got.published is not None and got.published.utcoffset() == timedelta(hours=5.5)


def test_minimal_article_round_trips(store: Store) -> None:
    article = make_article("aaaa000000000001")
    store.add_articles([article])
    got = store.get_article(article.id)
    assert got is not None and got.to_dict() == article.to_dict()


def test_missing_article(store: Store) -> None:
    assert store.get_article("nope") is None
    assert store.has_article("nope") is False
    store.add_articles([make_article("present")])
    assert store.has_article("present") is True


def test_child_rows_are_plain_and_ordered(store: Store, location: str) -> None:
    article = full_article()
    store.add_articles([article])
    assert raw_rows(location, "SELECT position, credit FROM article_credits ORDER BY position") == [
        (0, "Morag Finlay"), (1, "Additional reporting: Ian Bell"),
    ]
    assert raw_rows(location, "SELECT line, text, reason FROM removed_lines ORDER BY position") == [
        (3, "Subscribe to our newsletter", "boilerplate"), (None, "Share this", "social"),
    ]
    assert set(raw_rows(location, "SELECT field, provenance, how FROM article_fields")) == {
        ("published", "inferred", "meta article:published_time"),
        ("language", "inferred", "py3langid 0.99"),
        ("outlet", "explicit", "sidecar lighthouse.meta.json"),
        ("headline", "explicit", "manifest row 4"),
    }
    [(published,)] = raw_rows(location, "SELECT published FROM articles")
    assert published == "2024-03-05T09:30:15.123456+05:30"


# -- idempotence --------------------------------------------------------------------------


def test_re_adding_changes_nothing(store: Store, location: str) -> None:
    articles = [full_article()] + [
        make_article(f"id{i:014d}", credits=[f"Reporter {i}"], hashtags=["#x"], inferred={"outlet": "url"})
        for i in range(7)
    ]
    assert store.add_articles(articles, batch_size=3) == AddResult(added=8, already_present=0)
    with store.engine.connect() as conn:
        before = table_counts(conn)
    rowid = "ctid" if is_postgres(location) else "rowid"  # where each row is stored
    snapshot_sql = f"SELECT {rowid}, * FROM articles ORDER BY id"
    rows_before = raw_rows(location, snapshot_sql)
    credits_sql = f"SELECT {rowid}, * FROM article_credits ORDER BY article_id, position"
    credits_before = raw_rows(location, credits_sql)

    assert store.add_articles(reversed(articles), batch_size=2) == AddResult(added=0, already_present=8)
    with store.engine.connect() as conn:
        assert table_counts(conn) == before
    assert raw_rows(location, snapshot_sql) == rows_before  # same rowids, same ingested_at
    assert raw_rows(location, credits_sql) == credits_before
    assert before["articles"] == before.get("articles_fts", 8) == 8


def test_duplicate_inside_one_batch_is_added_once(store: Store) -> None:
    a = make_article("dup0000000000001")
    assert store.add_articles([a, a, make_article("other")], batch_size=10) == AddResult(2, 1)
    assert store.count_articles() == 2


def test_batch_size_must_be_positive(store: Store) -> None:
    with pytest.raises(ValueError):
        store.add_articles([make_article("x")], batch_size=0)


def test_add_accepts_a_generator_larger_than_the_lookup_chunk(store: Store) -> None:
    result = store.add_articles((make_article(f"gen{i:06d}") for i in range(1203)), batch_size=600)
    assert result == AddResult(added=1203, already_present=0)
    assert store.count_articles() == 1203


# -- listing ------------------------------------------------------------------------------


def test_list_orders_by_instant_then_undated_last(store: Store) -> None:
    store.add_articles([
        make_article("b-undated"),
        make_article("a-undated"),
        # 10:00+05:00 is 05:00 UTC: older than 06:00 UTC although its string sorts later.
        make_article("east", published=datetime(2024, 5, 1, 10, 0, tzinfo=tz(5)), outlet="East Daily"),
        make_article("west", published=datetime(2024, 5, 1, 6, 0, tzinfo=tz(0)), outlet="West Post"),
        make_article("tie-b", published=datetime(2024, 4, 1, tzinfo=tz(0)), outlet="West Post"),
        make_article("tie-a", published=datetime(2024, 4, 1, tzinfo=tz(0)), outlet="West Post"),
    ])
    assert [a.id for a in store.list_articles()] == ["west", "east", "tie-a", "tie-b", "a-undated", "b-undated"]
    assert [a.id for a in store.list_articles(limit=2, offset=1)] == ["east", "tie-a"]
    assert [a.id for a in store.list_articles(outlet="West Post")] == ["west", "tie-a", "tie-b"]
    assert store.list_articles(outlet="Nobody") == []
    assert store.count_articles() == 6


def test_listed_articles_are_complete(store: Store) -> None:
    article = full_article()
    store.add_articles([article, make_article("plain")])
    listed = {a.id: a for a in store.list_articles()}
    assert listed[article.id].to_dict() == article.to_dict()


# -- search -------------------------------------------------------------------------------


def test_search_ranks_headline_and_frequent_matches_first(store: Store) -> None:
    store.add_articles([
        make_article("passing", text="The fair opened. A ferry was late. Crowds came for the fair games."),
        make_article(
            "focus",
            headline="Ferry strike halts island ferry service",
            text="The ferry crews walked out. No ferry sailed on Monday; the ferry company apologised.",
        ),
        make_article("unrelated", text="Rain is forecast for the weekend."),
    ])
    hits = store.search("ferry")
    assert [h.article_id for h in hits] == ["focus", "passing"]
    assert isinstance(hits[0], SearchHit)
    assert hits[0].headline == "Ferry strike halts island ferry service"
    marked = hits[1].snippet.replace(SNIPPET_START, "[").replace(SNIPPET_END, "]")
    assert "[ferry]" in marked.lower()
    assert "[" not in marked.replace("[ferry]", "").replace("[Ferry]", "")
    assert [h.article_id for h in store.search("ferry", limit=1)] == ["focus"]
    assert store.search("volcano") == []


def test_a_limited_search_returns_the_top_of_the_full_ranking_with_ties_broken_by_id(store: Store) -> None:
    # 30 articles mentioning "harbour" 1-3 times (many tie): any limit gives the head of
    # the complete ranking, in the same order (ties in storage order), each hit with its
    # snippet.
    store.add_articles([
        make_article(f"a{i:02d}", text=" ".join(["The harbour"] * (1 + i % 3)) + f" reopened on day {i}.")
        for i in reversed(range(30))  # stored in the reverse of id order
    ])
    full = [h.article_id for h in store.search("harbour", limit=100)]
    assert len(full) == 30
    for limit in (1, 5, 11, 29):
        hits = store.search("harbour", limit=limit)
        assert [h.article_id for h in hits] == full[:limit]
        assert all(SNIPPET_START in h.snippet for h in hits)


def test_search_phrase_and_metadata(store: Store) -> None:
    article = full_article()
    store.add_articles([article, make_article("other", text="The lighthouse keeper retired.")])
    hits = store.search('"repaint the lighthouse"')
    assert [h.article_id for h in hits] == [article.id]
    assert hits[0].outlet == "Coast Gazette"
    assert hits[0].published == article.published


@pytest.mark.parametrize("query", ['"unbalanced quote', "AND", "ferry AND", "(ferry", "NOT", "ferry OR OR boat"])
def test_malformed_query_raises_store_error(store: Store, query: str) -> None:
    store.add_articles([make_article("x", text="ferry boat")])
    with pytest.raises(StoreError, match=r"invalid search query .*use quotes for phrases"):
        store.search(query)


@pytest.mark.parametrize("query", ["", "   "])
def test_empty_query_raises_store_error(store: Store, query: str) -> None:
    with pytest.raises(StoreError, match="empty search query"):
        store.search(query)


# -- unicode ------------------------------------------------------------------------------


def test_unicode_is_stored_and_searchable(store: Store) -> None:
    accented = make_article(
        "accents",
        headline="Zürich café reopens après la crue",
        text="Le café du quai a rouvert à Zürich. Ça fait plaisir, dit Mme Øyvindsen.",
        credits=["Zoë Müller"],
    )
    arabic = make_article("arabic", headline="افتتاح المكتبة الجديدة", text="افتتحت المكتبة الجديدة في المدينة يوم الأحد.")
    hebrew = make_article("hebrew", text="הספרייה החדשה נפתחה בעיר ביום ראשון.", language="he")
    store.add_articles([accented, arabic, hebrew])
    for article in (accented, arabic, hebrew):
        got = store.get_article(article.id)
        assert got is not None and got.to_dict() == article.to_dict()
    assert [h.article_id for h in store.search("café")] == ["accents"]
    assert [h.article_id for h in store.search("cafe")] == ["accents"]  # accents folded
    assert [h.article_id for h in store.search("Zürich")] == ["accents"]
    assert [h.article_id for h in store.search("المكتبة")] == ["arabic"]
    hits = store.search("הספרייה")
    assert [h.article_id for h in hits] == ["hebrew"]
    assert f"{SNIPPET_START}הספרייה{SNIPPET_END}" in hits[0].snippet


# -- skipped ------------------------------------------------------------------------------


def test_skipped_upsert(store: Store, location: str, monkeypatch: pytest.MonkeyPatch) -> None:
    clock = iter(["2024-01-01T00:00:00+00:00", "2024-01-02T00:00:00+00:00", "2024-01-03T00:00:00+00:00"])
    monkeypatch.setattr(rows_module, "now", lambda: next(clock))
    assert store.add_skipped([Skipped("in/a.bin", "binary file"), Skipped("in/b.txt", "empty text")]) == 2
    assert store.add_skipped([Skipped("in/a.bin", "binary file (not HTML)")]) == 1
    assert store.add_skipped([]) == 0
    rows = raw_rows(location, "SELECT source, reason, first_seen, last_seen, times FROM skipped ORDER BY source")
    assert rows == [
        ("in/a.bin", "binary file (not HTML)", "2024-01-01T00:00:00+00:00", "2024-01-02T00:00:00+00:00", 2),
        ("in/b.txt", "empty text", "2024-01-01T00:00:00+00:00", "2024-01-01T00:00:00+00:00", 1),
    ]
    assert store.list_skipped() == [
        Skipped("in/a.bin", "binary file (not HTML)"),
        Skipped("in/b.txt", "empty text"),
    ]


def test_skipped_same_source_twice_in_one_call(store: Store, location: str) -> None:
    store.add_skipped([Skipped("x", "first"), Skipped("x", "second")])
    assert raw_rows(location, "SELECT reason, times FROM skipped") == [("second", 2)]


# -- schema and opening -------------------------------------------------------------------


def test_schema_tables_indexes_and_pragmas(db_path: Path) -> None:
    open_store(db_path).close()
    store = open_store(db_path)
    names = {n for (n,) in raw_rows(str(db_path), "SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert set(ALL_TABLES) <= names
    indexes = {n for (n,) in raw_rows(str(db_path), "SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"ix_articles_published", "ix_articles_outlet", "ix_articles_story_id"} <= indexes
    columns = [r[1] for r in raw_rows(str(db_path), "PRAGMA table_info(articles)")]
    for column in ("id", "source", "url", "outlet", "headline", "byline", "published", "updated", "dateline",
                   "language", "genre", "text", "feed_notice", "story_id", "duplicate_of", "syndication_group",
                   "ingested_at"):
        assert column in columns
    assert raw_rows(str(db_path), "SELECT version FROM schema_version") == [(store_schema.CURRENT_SCHEMA_VERSION,)]
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar_one() > 0
    store.close()


def test_postgresql_schema_tables_indexes_and_search_column(pg_database: str) -> None:
    open_store(pg_database).close()
    names = {n for (n,) in raw_rows(pg_database, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")}
    assert set(tables(pg_database)) | {"store_writes", "article_terms", "stories", "facts"} <= names
    indexes = {n for (n,) in raw_rows(pg_database, "SELECT indexname FROM pg_indexes WHERE schemaname = 'public'")}
    assert {"ix_articles_published", "ix_articles_outlet", "ix_articles_story_id", "ix_articles_search"} <= indexes
    [(method,)] = raw_rows(pg_database, "SELECT am.amname FROM pg_class c JOIN pg_am am ON am.oid = c.relam "
                                        "WHERE c.relname = 'ix_articles_search'")
    assert method == "gin"
    assert raw_rows(pg_database, "SELECT extname FROM pg_extension WHERE extname = 'unaccent'") == [("unaccent",)]
    assert raw_rows(pg_database, "SELECT version FROM schema_version") == [(store_schema.CURRENT_SCHEMA_VERSION,)]
    [(collation,)] = raw_rows(pg_database, "SELECT collation_name FROM information_schema.columns "
                                           "WHERE table_name = 'articles' AND column_name = 'id'")
    assert collation == "C"  # ids sort byte by byte, as on SQLite


def test_fts_follows_deletes_and_children_cascade(store: Store, location: str) -> None:
    store.add_articles([full_article()])
    with store.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM articles")
        assert table_counts(conn) == dict.fromkeys(tables(location), 0) | {"schema_version": 1}
    assert store.search("lighthouse") == []


def test_reopen_existing_store(location: str) -> None:
    with open_store(location) as first:
        first.add_articles([full_article()])
        first.add_skipped([Skipped("s", "r")])
    with open_store(location if is_postgres(location) else f"sqlite:///{location}") as again:
        assert again.count_articles() == 1
        assert again.get_article(full_article().id) is not None
        assert again.list_skipped() == [Skipped("s", "r")]
        assert again.add_articles([full_article()]) == AddResult(0, 1)
    assert raw_rows(location, "SELECT count(*) FROM schema_version") == [(1,)]


def test_migration_hook_runs_pending_migrations(location: str, monkeypatch: pytest.MonkeyPatch) -> None:
    open_store(location).close()
    ran: list[int] = []

    current = store_schema.CURRENT_SCHEMA_VERSION

    def to_next(conn: Connection) -> None:
        ran.append(current + 1)
        conn.exec_driver_sql("CREATE TABLE extra (x INTEGER)")

    monkeypatch.setattr(store_schema, "CURRENT_SCHEMA_VERSION", current + 1)
    monkeypatch.setattr(store_schema, "MIGRATIONS", {current + 1: to_next})
    open_store(location).close()
    assert ran == [current + 1]
    assert raw_rows(location, "SELECT version FROM schema_version") == [(current + 1,)]
    open_store(location).close()  # already current: nothing runs again
    assert ran == [current + 1]


def test_version_1_store_gains_the_clustering_features_table(location: str) -> None:
    with open_store(location) as store:
        store.add_articles([full_article()])
    # what a store written before version 2 looks like
    _as_version_2(location)
    raw_rows(location, "DROP TABLE article_terms")
    raw_rows(location, "UPDATE schema_version SET version = 1")
    with open_store(location) as store:
        assert store.count_articles() == 1
        assert store.get_features(store.get_articles([full_article().id])) == {}
    assert raw_rows(location, "SELECT version FROM schema_version") == [(store_schema.CURRENT_SCHEMA_VERSION,)]
    assert raw_rows(location, "SELECT count(*) FROM article_terms") == [(0,)]


def _as_version_3(location: str) -> None:
    """Make a current store look like one written before version 4 (no ``articles.genre``)."""
    raw_rows(location, "ALTER TABLE articles DROP COLUMN genre")
    raw_rows(location, "UPDATE schema_version SET version = 3")


def _as_version_2(location: str) -> None:
    """Make a current store look like one written before version 3 (no live-source tables)."""
    _as_version_3(location)
    raw_rows(location, "DROP TABLE article_versions")
    raw_rows(location, "DROP TABLE fetch_validators")
    raw_rows(location, "DROP INDEX ix_articles_url")
    raw_rows(location, "UPDATE schema_version SET version = 2")


def test_version_2_store_gains_the_live_source_tables(location: str) -> None:
    with open_store(location) as store:
        store.add_articles([full_article()])
    _as_version_2(location)
    with open_store(location) as store:
        assert store.count_articles() == 1
        assert store.fetch_validators("https://example.org/a") is None
        assert store.article_versions([full_article().id]) == {}
    assert raw_rows(location, "SELECT version FROM schema_version") == [(store_schema.CURRENT_SCHEMA_VERSION,)]
    assert raw_rows(location, "SELECT count(*) FROM article_versions") == [(0,)]


def test_version_3_store_gains_the_article_genre(location: str) -> None:
    with open_store(location) as store:
        store.add_articles([full_article()])
    _as_version_3(location)
    with open_store(location) as store:
        got = store.get_article(full_article().id)
        assert got is not None and got.genre == "news"  # stored before genres were told apart
        opinion = make_article("bbbb000000000002", genre="opinion")
        store.add_articles([opinion])
        again = store.get_article(opinion.id)
        assert again is not None and again.genre == "opinion"
    assert raw_rows(location, "SELECT version FROM schema_version") == [(store_schema.CURRENT_SCHEMA_VERSION,)]
    assert raw_rows(location, "SELECT genre FROM articles ORDER BY id") == [("news",), ("opinion",)]


def test_failed_migration_leaves_store_untouched(location: str, monkeypatch: pytest.MonkeyPatch) -> None:
    open_store(location).close()

    def broken(conn: Connection) -> None:
        conn.exec_driver_sql("CREATE TABLE half_done (x INTEGER)")
        raise RuntimeError("migration bug")

    current = store_schema.CURRENT_SCHEMA_VERSION
    monkeypatch.setattr(store_schema, "CURRENT_SCHEMA_VERSION", current + 1)
    monkeypatch.setattr(store_schema, "MIGRATIONS", {current + 1: broken})
    with pytest.raises(RuntimeError):
        open_store(location)
    assert raw_rows(location, "SELECT version FROM schema_version") == [(current,)]
    catalog = "pg_tables WHERE tablename" if is_postgres(location) else "sqlite_master WHERE name"
    assert raw_rows(location, f"SELECT 1 FROM {catalog} = 'half_done'") == []


def test_store_from_newer_version_is_refused(location: str) -> None:
    open_store(location).close()
    raw_rows(location, "UPDATE schema_version SET version = 99")
    with pytest.raises(StoreError, match="upgrade Storylens"):
        open_store(location)


def test_in_memory_store() -> None:
    with open_store("sqlite://") as s:
        s.add_articles([make_article("mem", text="ferry news")])
        assert [h.article_id for h in s.search("ferry")] == ["mem"]


def test_closed_store_refuses_work(location: str) -> None:
    with open_store(location) as s:
        pass
    with pytest.raises(StoreError, match="closed"):
        s.count_articles()


# -- locations that cannot work ------------------------------------------------------------


def test_missing_folder(tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "store.db"
    with pytest.raises(StoreError) as info:
        open_store(target)
    assert str(target) in str(info.value) and "mkdir -p" in str(info.value)
    assert not target.parent.exists()


def test_path_is_a_folder(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="it is a folder"):
        open_store(tmp_path)


def test_file_that_is_not_a_database(tmp_path: Path) -> None:
    target = tmp_path / "notes.db"
    target.write_bytes(b"these are my notes, not a database\n" * 200)
    with pytest.raises(StoreError) as info:
        open_store(target)
    assert str(target) in str(info.value)


def test_other_sqlite_database_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "other.db"
    with sqlite3.connect(target) as conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
    with pytest.raises(StoreError, match="not a Storylens store"):
        open_store(target)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores file permissions")
def test_read_only_file(db_path: Path) -> None:
    open_store(db_path).close()
    db_path.chmod(0o444)
    try:
        with pytest.raises(StoreError, match="not readable and writable"):
            open_store(db_path)
    finally:
        db_path.chmod(0o644)


@pytest.mark.parametrize("url", ["postgresql://user:secret@127.0.0.1:1/news",
                                 "postgresql+psycopg://user:secret@127.0.0.1:1/news?sslmode=disable"])
def test_unreachable_postgresql_names_the_url_without_its_password(url: str) -> None:
    with pytest.raises(StoreError, match=r"cannot open store postgresql://user:\*\*\*@127\.0\.0\.1:1/news") as info:
        open_store(url)
    assert "secret" not in str(info.value)
    assert "~/.pgpass" in str(info.value)


def test_unsupported_backend() -> None:
    with pytest.raises(StoreError, match="unsupported database"):
        open_store("mysql://localhost/news")


def test_two_writers_on_one_store_do_not_collide(location: str) -> None:
    import threading

    articles = [make_article(f"conc{i:06d}", credits=["Desk"]) for i in range(300)]
    results: list[AddResult] = []
    errors: list[BaseException] = []

    def writer(order: list[Article]) -> None:
        try:
            with open_store(location) as s:
                results.append(s.add_articles(order, batch_size=10))
        except BaseException as exc:  # reported below
            errors.append(exc)

    open_store(location).close()
    threads = [threading.Thread(target=writer, args=(list(o),)) for o in (articles, articles[::-1])]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert errors == []
    assert sum(r.added for r in results) == 300
    assert sum(r.already_present for r in results) == 300
    assert raw_rows(location, "SELECT count(*) FROM article_credits") == [(300,)]
