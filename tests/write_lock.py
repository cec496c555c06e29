"""Another writer holding SQLite's write lock for a while, as the API's requests do under load: for the tests of
what waits for it and what gives up."""

from __future__ import annotations

import threading
import time

from sqlalchemy.engine import make_url

from db.engine import _sqlite_module


class WriteLockHolder:
    """Another writer (a connection of its own, as the API's would be) holding SQLite's write lock from a thread until
    ``release`` or ``hold_s``."""

    def __init__(self, database_url: str, hold_s: float) -> None:
        self.path = make_url(database_url).database
        self.hold_s = hold_s
        self.taken = threading.Event()
        self.release = threading.Event()
        self.held_s = 0.0
        self.taken_at = 0.0
        self._thread = threading.Thread(target=self._hold, name="write-lock-holder", daemon=True)

    def _hold(self) -> None:
        # The engine's own SQLite library: two libraries in one process do not see each other's locks (POSIX locks
        # are the process's), and one closing the file drops the other's.
        conn = _sqlite_module().connect(str(self.path), isolation_level=None, timeout=30)
        try:
            conn.execute("BEGIN IMMEDIATE")
            started = time.perf_counter()
            self.taken.set()
            self.release.wait(self.hold_s)
            self.held_s = time.perf_counter() - started
            conn.execute("ROLLBACK")
        finally:
            conn.close()

    def start(self) -> None:
        self._thread.start()
        assert self.taken.wait(30), "the write lock was never taken"
        self.taken_at = time.perf_counter()

    def join(self) -> None:
        self.release.set()
        self._thread.join(30)
