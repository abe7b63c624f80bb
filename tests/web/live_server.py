"""A real uvicorn server for browser and load tests: 127.0.0.1 only, a free port, stopped
when the ``with`` block ends (or after ``max_seconds`` at most)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn
from fastapi import FastAPI


@contextmanager
def live_server(app: FastAPI, max_seconds: float = 600.0) -> Iterator[str]:
    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    watchdog = threading.Timer(max_seconds, lambda: setattr(server, "should_exit", True))
    watchdog.daemon = True
    watchdog.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        watchdog.cancel()
        server.should_exit = True
        thread.join(timeout=10)
