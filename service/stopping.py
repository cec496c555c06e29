"""Stopping a long-running command from a signal handler without deadlocking it."""

from __future__ import annotations

import threading


def set_from_signal_handler(event: threading.Event) -> None:
    """Set ``event`` from a signal handler, on a thread of its own. The handler runs on the main thread, which may
    be inside ``event.wait()`` holding the event's lock at that instant: ``event.set()`` there waits for that lock
    forever (a `webhooks deliver` worker ignored SIGTERM so, once in the suite). Another thread just waits until
    the main thread lets go of it."""
    threading.Thread(target=event.set, name="stop-on-signal", daemon=True).start()
