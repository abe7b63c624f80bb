"""What only the PostgreSQL store does: several processes ingesting at once, the
regrouping lock, libpq connection settings, and no password in any message."""

from __future__ import annotations

import multiprocessing
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url
from store_backends import raw_rows

from storylens.model import Article, Skipped
from storylens.store import AddResult, open_store

N = 300


def article(i: int) -> Article:
    text = f"Dispatch {i} from Lowmere: the tide reached the quay and the ferry waited."
    return Article(id=f"conc{i:06d}", source=f"feed.xml#{i}", text=text, paragraphs=[text], credits=["Desk", f"R{i}"],
                   outlet=f"Post {i % 4}")


def _ingest(url: str, order: list[int], start: "threading.Barrier",
            out: "multiprocessing.Queue[tuple[int, int] | str]") -> None:
    try:
        with open_store(url) as store:
            start.wait(60)  # all processes write at the same time
            result = store.add_articles((article(i) for i in order), batch_size=7)
            store.add_skipped([Skipped("shared.bin", "binary file")])
        out.put((result.added, result.already_present))
    except BaseException as exc:  # reported by the parent
        out.put(repr(exc))


def test_processes_ingesting_the_same_articles_at_once_store_each_once(pg_database: str) -> None:
    open_store(pg_database).close()
    orders = [list(range(N)), list(reversed(range(N))), list(range(N // 2, N)) + list(range(N // 2))]
    ctx = multiprocessing.get_context("spawn")
    out: multiprocessing.Queue[tuple[int, int] | str] = ctx.Queue()
    start = ctx.Barrier(len(orders))
    procs = [ctx.Process(target=_ingest, args=(pg_database, order, start, out)) for order in orders]
    for p in procs:
        p.start()
    results = [out.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(timeout=60)
    assert all(isinstance(r, tuple) for r in results), results
    assert sum(r[0] for r in results if isinstance(r, tuple)) == N
    assert sum(r[1] for r in results if isinstance(r, tuple)) == 2 * N
    assert raw_rows(pg_database, "SELECT count(*) FROM articles") == [(N,)]
    assert raw_rows(pg_database, "SELECT count(*) FROM article_credits") == [(2 * N,)]
    assert raw_rows(pg_database, "SELECT source, times FROM skipped") == [("shared.bin", 3)]
    with open_store(pg_database) as store:
        assert store.get_article(article(7).id).to_dict() == article(7).to_dict()  # type: ignore[union-attr]
        assert len(store.search("ferry", limit=500)) == N


def test_regrouping_is_one_process_at_a_time(pg_database: str) -> None:
    events: list[str] = []
    inside = threading.Event()

    def second() -> None:
        with open_store(pg_database) as other:
            inside.wait(10)
            with other.regrouping():
                events.append("second in")

    with open_store(pg_database) as store:
        thread = threading.Thread(target=second)
        thread.start()
        with store.regrouping():
            inside.set()
            time.sleep(0.5)  # the second waits for the lock meanwhile
            events.append("first out")
        thread.join(10)
    assert events == ["first out", "second in"]


def test_a_failed_regrouping_releases_the_lock(pg_database: str) -> None:
    with open_store(pg_database) as store:
        with pytest.raises(RuntimeError), store.regrouping():
            raise RuntimeError("grouping failed")
        with store.regrouping():  # not blocked
            pass


def test_libpq_environment_fills_in_what_the_url_leaves_out(pg_database: str,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    url = make_url(pg_database)
    monkeypatch.setenv("PGHOST", str(url.host))
    monkeypatch.setenv("PGPORT", str(url.port))
    monkeypatch.setenv("PGUSER", str(url.username))
    with open_store(f"postgresql:///{url.database}?sslmode=disable") as store:
        store.add_articles([article(1)])
        assert store.where == f"postgresql:///{url.database}?sslmode=disable"
    with open_store(pg_database) as store:
        assert store.add_articles([article(1)]) == AddResult(0, 1)


def test_the_password_is_never_shown(pg_database: str, tmp_path: Path) -> None:
    # The test server trusts loopback connections, so any password opens it.
    url = make_url(pg_database).set(password="s3cret-pw")
    with open_store(url.render_as_string(hide_password=False)) as store:
        assert "s3cret-pw" not in store.where and "***" in store.where
        store.close()
        with pytest.raises(Exception) as info:
            store.count_articles()
        assert "s3cret-pw" not in str(info.value)


def test_a_nul_character_is_stored_as_a_replacement_and_finds_nothing(pg_database: str) -> None:
    text = "Before\x00after the tide."
    with open_store(pg_database) as store:
        store.add_articles([Article(id="nul1", source="nul.txt", text=text, paragraphs=[text], outlet="Post\x00")])
        got = store.get_article("nul1")
        assert got is not None and got.text == "Before\ufffdafter the tide." and len(got.text) == len(text)
        assert store.get_article("nul1\x00") is None and store.list_articles(outlet="x\x00") == []
        assert store.get_story("story\x00") is None and store.article_summaries(["a\x00"]) == {}


def test_a_search_past_its_budget_is_stopped(pg_database: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from sqlalchemy import literal_column

    from storylens.store import postgres as postgres_module
    from storylens.store.listing import SearchBudget, SearchTooCostly

    with open_store(pg_database) as store:
        store.add_articles([article(1)])
        slow = literal_column("(SELECT to_tsquery('simple', 'ferry') FROM pg_sleep(0.4))")
        monkeypatch.setattr(postgres_module, "to_tsquery", lambda query: slow)
        with pytest.raises(SearchTooCostly, match="ran past its 0.05 s"):
            store.search("ferry", budget=SearchBudget(seconds=0.05))
        assert [h.article_id for h in store.search("ferry")] == [article(1).id]  # no budget: not stopped
