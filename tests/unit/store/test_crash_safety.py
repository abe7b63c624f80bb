"""Crash safety: SIGKILL a writer process part-way and check what it leaves behind.

On a SQLite file and on a PostgreSQL database (``location``, conftest.py). The test
runs this file as a child process (see ``child_main``). The child adds
articles from a generator in small batches and prints ``COMMITTED n`` when batch
``n - 1`` has been committed (it prints just before handing over the first article of
batch ``n``, which add_articles only asks for after committing the previous batch).
"""

from __future__ import annotations

import os
import queue
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

import storylens
from storylens.model import Article, RemovedLine
from storylens.store import AddResult, open_store

sys.path.insert(0, str(Path(__file__).parent))  # the child process imports store_backends too
from store_backends import is_postgres, raw_rows  # noqa: E402

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX SIGKILL")

BATCH = 5
STALL_AFTER_BATCHES = 3  # "stall" mode: freeze inside the 4th batch's transaction
STALL_TOTAL = 60
RUN_TOTAL = 3_000  # "run" mode: 600 batches, each with an fsync; the kill comes after 8
RUN_KILL_AFTER = 8

CHILD_TABLES = {"article_credits": 2, "article_hashtags": 1, "removed_lines": 1, "article_fields": 2}


def crash_article(i: int) -> Article:
    token = f"tok{i}x"
    text = (
        f"Dispatch {i} from the fictional town of Lowmere: the tide reached the quay.\n\n"
        f"Residents counted boats and filed report {token} with the harbour office."
    )
    return Article(
        id=f"crash{i:011d}",
        source=f"feeds/lowmere.xml#record-{i}",
        text=text,
        paragraphs=text.split("\n\n"),
        outlet=f"Lowmere Post {i % 3}",
        headline=f"Tide report number {i}",
        published=datetime(2024, 1, 1, tzinfo=timezone(timedelta(hours=i % 5))) + timedelta(minutes=i),
        credits=[f"Reporter {i}", "Desk"],
        hashtags=[f"#tide{i}"],
        removed=[RemovedLine(text=f"Advert {i}", reason="boilerplate", line=i % 7)],
        inferred={"language": "py3langid"},
        explicit={"outlet": f"sidecar {i}.meta.json"},
    )


def _announcing_articles(total: int) -> Iterator[Article]:
    for i in range(total):
        if i and i % BATCH == 0:
            print(f"COMMITTED {i // BATCH}", flush=True)
        yield crash_article(i)


def child_main(db: str, mode: str) -> None:
    from sqlalchemy import event

    store = open_store(db)
    committed = {"batches": 0}
    total = STALL_TOTAL if mode == "stall" else RUN_TOTAL

    def articles() -> Iterator[Article]:
        for article in _announcing_articles(total):
            committed["batches"] = int(article.id[5:]) // BATCH
            yield article

    if mode == "stall":
        def freeze(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
            # The batch's article rows (and FTS rows, via trigger) are written; its
            # credits, hashtags, removed lines and fields are not yet.
            if committed["batches"] >= STALL_AFTER_BATCHES and statement.startswith("INSERT INTO article_credits"):
                print("STALLED", flush=True)
                time.sleep(600)

        event.listen(store.engine, "after_cursor_execute", freeze)
    store.add_articles(articles(), batch_size=BATCH)
    print("FINISHED", flush=True)


def _run_child_and_kill(db: str, mode: str, kill_on: str) -> tuple[int, list[str]]:
    env = dict(os.environ)
    src = str(Path(storylens.__file__).resolve().parents[1])
    env["PYTHONPATH"] = src + os.pathsep + env.get("PYTHONPATH", "")
    proc = subprocess.Popen(
        [sys.executable, __file__, db, mode],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )
    lines: queue.Queue[str | None] = queue.Queue()

    def pump() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.put(line.strip())
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    seen: list[str] = []
    deadline = time.monotonic() + 60
    try:
        while True:
            line = lines.get(timeout=max(0.1, deadline - time.monotonic()))
            if line is None:
                stderr = proc.stderr.read() if proc.stderr else ""
                pytest.fail(f"child ended before {kill_on!r}; saw {seen[-3:]}; stderr:\n{stderr}")
            seen.append(line)
            if line == kill_on:
                break
        proc.send_signal(signal.SIGKILL)
        return proc.wait(timeout=30), seen
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def _check_consistent(db: str, every: int = 1) -> set[str]:
    """Assert the store is intact and its articles complete; return its ids.

    Counts and orphans are checked for all articles; the full round trip and search for
    every ``every``-th one (all by default).
    """
    if is_postgres(db):
        present = {row[0] for row in raw_rows(db, "SELECT id FROM articles")}
        for table, per_article in CHILD_TABLES.items():
            assert raw_rows(db, f"SELECT count(*) FROM {table}") == [(per_article * len(present),)]
            assert raw_rows(db, f"SELECT count(*) FROM {table} WHERE article_id NOT IN (SELECT id FROM articles)") \
                == [(0,)]
        assert raw_rows(db, "SELECT count(*) FROM articles WHERE search_vector IS NULL") == [(0,)]
    else:
        with sqlite3.connect(db) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
            present = {row[0] for row in conn.execute("SELECT id FROM articles")}
            for table, per_article in CHILD_TABLES.items():
                assert conn.execute(f"SELECT count(*) FROM {table}").fetchone() == (per_article * len(present),)
                orphans = conn.execute(
                    f"SELECT count(*) FROM {table} WHERE article_id NOT IN (SELECT id FROM articles)")
                assert orphans.fetchone() == (0,)
            assert conn.execute("SELECT count(*) FROM articles_fts").fetchone() == (len(present),)
    with open_store(db) as store:
        for article_id in sorted(present)[::every]:
            i = int(article_id[5:])
            got = store.get_article(article_id)
            assert got is not None and got.to_dict() == crash_article(i).to_dict()
            assert [h.article_id for h in store.search(f"tok{i}x")] == [article_id]
    return present


def _complete_and_check(db: str, total: int, present: set[str]) -> None:
    everything = [crash_article(i) for i in range(total)]
    with open_store(db) as store:
        assert store.add_articles(everything, batch_size=50) == AddResult(total - len(present), len(present))
        assert store.count_articles() == total
        assert store.add_articles(everything, batch_size=50) == AddResult(0, total)
    assert _check_consistent(db, every=37) == {a.id for a in everything}


def test_kill_inside_a_transaction_loses_only_that_batch(location: str) -> None:
    db = location
    rc, seen = _run_child_and_kill(db, "stall", kill_on="STALLED")
    assert rc == -signal.SIGKILL
    assert f"COMMITTED {STALL_AFTER_BATCHES}" in seen
    present = _check_consistent(db)
    assert present == {crash_article(i).id for i in range(STALL_AFTER_BATCHES * BATCH)}
    _complete_and_check(db, STALL_TOTAL, present)


def test_kill_at_an_arbitrary_point(location: str) -> None:
    db = location
    rc, _ = _run_child_and_kill(db, "run", kill_on=f"COMMITTED {RUN_KILL_AFTER}")
    assert rc == -signal.SIGKILL
    present = _check_consistent(db)
    assert len(present) >= RUN_KILL_AFTER * BATCH
    assert len(present) < RUN_TOTAL, "child finished before the kill; raise RUN_TOTAL"
    assert len(present) % BATCH == 0  # whole batches only
    assert present == {crash_article(i).id for i in range(len(present))}
    _complete_and_check(db, RUN_TOTAL, present)


if __name__ == "__main__":
    child_main(sys.argv[1], sys.argv[2])
