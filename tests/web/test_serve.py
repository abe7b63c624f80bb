"""How `storylens serve` runs uvicorn: fast loop and parser when installed, worker factory."""

from __future__ import annotations

import gc
import importlib.util
from collections.abc import Iterator
from typing import Any

import pytest

from storylens.web.app import ENV_DB, GC_THRESHOLD, app_from_environment, serve, server_options


@pytest.fixture(autouse=True)
def _restore_gc() -> Iterator[None]:
    """serve() and the worker factory tune the collector for the process: undo it."""
    threshold = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*threshold)


def test_server_options_use_uvloop_and_httptools_when_installed() -> None:
    options = server_options()
    assert (options.get("loop") == "uvloop") == (importlib.util.find_spec("uvloop") is not None)
    assert (options.get("http") == "httptools") == (importlib.util.find_spec("httptools") is not None)


def test_worker_factory_reads_the_store_from_the_environment(examples_db: str,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_DB, raising=False)
    with pytest.raises(ValueError, match=ENV_DB):
        app_from_environment()
    monkeypatch.setenv(ENV_DB, examples_db)
    app = app_from_environment()
    try:
        assert app.state.store.count_stories() >= 2 and app.state.allow_ingest is False
    finally:
        app.state.store.close()


def test_serve_command_passes_workers_to_serve(examples_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    import storylens.web
    from storylens.cli import main
    from storylens.web.settings import WebSettings

    calls: list[tuple[tuple[object, ...], dict[str, object]]] = []
    monkeypatch.setattr(storylens.web, "serve", lambda *args, **kwargs: calls.append((args, kwargs)))
    runner = CliRunner()
    result = runner.invoke(main, ["serve", "--db", examples_db, "--port", "8123", "--workers", "3"])
    assert result.exit_code == 0, result.output
    assert calls[-1][0][:3] == (examples_db, "127.0.0.1", 8123)
    assert calls[-1][1] == {"workers": 3, "settings": WebSettings()}
    assert "3 worker processes" in result.output
    assert runner.invoke(main, ["serve", "--db", examples_db, "--set", "web.max_limit=5"]).exit_code == 0
    assert calls[-1][1] == {"workers": 1, "settings": WebSettings(max_limit=5)}  # the loaded web settings
    refused = runner.invoke(main, ["serve", "--db", examples_db, "--workers", "0"])
    assert refused.exit_code == 2 and len(calls) == 2


def test_serve_tunes_the_garbage_collector_once_the_app_is_built(examples_db: str,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    gc.unfreeze()
    gc.set_threshold(700, 10, 10)
    seen: list[tuple[Any, int, int]] = []

    def fake_run(app: Any, **options: Any) -> None:
        seen.append((app, gc.get_threshold()[0], gc.get_freeze_count()))
        app.state.store.close()

    monkeypatch.setattr(uvicorn, "run", fake_run)
    serve(examples_db, port=8124, log_level="warning")
    app, threshold, frozen = seen[0]
    assert app.state.store.where == examples_db and threshold == GC_THRESHOLD and frozen > 1000
