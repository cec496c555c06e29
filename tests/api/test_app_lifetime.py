"""Issue 22: an app a test made (with its runtime, engine and SQLAlchemy caches) is freed when the test ends.

FastAPI keeps a process-wide cache (4,096 entries) keyed by every endpoint function it has classified; the docs pages'
endpoints close over their app, so each app, its runtime and its engine lived on for the rest of the session. One
file's 33 tests left 570,000 objects behind; every full garbage collection, and the interpreter's at exit, walked them
(pytest took seconds to exit after its summary, far longer on a busy machine and in a whole xdist worker's run)."""

from __future__ import annotations

import gc
import weakref

from fastapi.testclient import TestClient

from service.app import create_app
from service.runtime import Runtime
from tests.conftest import release_fastapi_apps


def _app_and_runtime(runtime: Runtime) -> tuple[weakref.ref[object], weakref.ref[object]]:
    """Weak references to an app that answered a request and to a runtime of its own, both closed."""
    own = Runtime.create(runtime.settings)
    app = create_app(own.settings, own)
    with TestClient(app) as client:
        assert client.get("/").status_code == 200
    own.close()
    return weakref.ref(app), weakref.ref(own)


def test_fastapi_keeps_a_finished_app_alive_until_its_caches_are_cleared(runtime: Runtime) -> None:
    app, own = _app_and_runtime(runtime)
    gc.collect()
    # What made the leak: nothing of the test refers to the app any more, yet it is alive.
    assert app() is not None and own() is not None
    release_fastapi_apps()
    gc.collect()
    assert app() is None
    assert own() is None
