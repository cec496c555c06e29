"""The pieces real-browser tests are made of: Chromium's path and flags, a live uvicorn server, a static site.

Fixtures wrapping these are in tests/browser/conftest.py; import from here for types and helpers.
"""

from __future__ import annotations

import functools
import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import uvicorn

from db.engine import make_session_factory
from service.app import create_app
from service.runtime import Runtime
from service.services.keys import KeyService

REPO_ROOT = Path(__file__).resolve().parents[2]
PAGES_DIR = Path(__file__).resolve().parent / "pages"
CHROMIUM = Path(os.environ.get("CLAIMLEDGER_CHROMIUM", "/usr/bin/chromium"))
SKIP_ENV = "CLAIMLEDGER_SKIP_BROWSER"
SCREENSHOTS_ENV = "CLAIMLEDGER_SCREENSHOTS"
# We run as root on a closed network: no sandbox (it refuses root), no GPU, nothing that phones home.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--no-first-run",
    "--no-default-browser-check",
    "--metrics-recording-only",
]
STARTUP_TIMEOUT_SECONDS = 15.0


def free_socket() -> socket.socket:
    """A listening-ready socket on 127.0.0.1 and a port the OS chose: no race between choosing and binding."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


@dataclass
class LiveServer:
    """A real uvicorn serving claimledger's app in a background thread."""

    runtime: Runtime
    url: str = ""
    _server: uvicorn.Server | None = field(default=None, repr=False)
    _thread: threading.Thread | None = field(default=None, repr=False)

    @property
    def origin(self) -> str:
        return self.url

    def start(self) -> LiveServer:
        app = create_app(self.runtime.settings, self.runtime)
        sock = free_socket()
        host, port = sock.getsockname()
        self.url = f"http://{host}:{port}"
        config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on")
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [sock]}, name=f"live-server-{port}", daemon=True
        )
        self._thread.start()
        deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"the live server on {self.url} did not start")
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        if self._server is not None and self._thread is not None:
            self._server.should_exit = True
            self._thread.join(timeout=10)

    def api_key(self, scopes: str = "read,write", name: str = "browser-test") -> str:
        """A new key's token, created the way `claimledger keys create` does."""
        with make_session_factory(self.runtime.engine)() as session:
            _, token = KeyService(session).create(name, scopes.split(","))
            session.commit()
        return token

    def api(self, method: str, path: str, key: str, **kwargs: Any) -> httpx.Response:
        """Call the server's API outside the browser (to arrange data or check what the browser stored)."""
        headers = {"Authorization": f"Bearer {key}", **kwargs.pop("headers", {})}
        return httpx.request(method, self.url + path, headers=headers, timeout=30, **kwargs)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve_directory(directory: Path) -> Iterator[str]:
    """Serve a folder over HTTP on 127.0.0.1 (a second origin, as a news site is); yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="static-site", daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host!s}:{port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def screenshot_dir() -> Path | None:
    """Where tests save their screenshots: CLAIMLEDGER_SCREENSHOTS (`make screenshots` sets docs/screenshots);
    unset, none are written, so a test run leaves the repository as it was."""
    value = os.environ.get(SCREENSHOTS_ENV)
    if not value:
        return None
    path = Path(value)
    path = path if path.is_absolute() else REPO_ROOT / path
    path.mkdir(parents=True, exist_ok=True)
    return path
