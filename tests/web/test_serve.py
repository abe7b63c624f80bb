"""How `storylens serve` runs uvicorn: fast loop and parser when installed, worker factory."""

from __future__ import annotations

import importlib.util

import pytest

from storylens.web.app import ENV_DB, app_from_environment, server_options


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
