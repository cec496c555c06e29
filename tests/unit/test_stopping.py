"""service/stopping.py: a signal that arrives while the main thread waits on the stop event still stops it."""

from __future__ import annotations

import os
import signal
import threading
import time
from types import FrameType

from service.stopping import set_from_signal_handler


def test_setting_from_a_handler_while_the_main_thread_holds_the_events_lock_does_not_deadlock() -> None:
    """The handler runs on the main thread; here it interrupts the main thread while it holds the event's own lock
    (as ``Event.wait`` does for an instant), where a plain ``event.set()`` would wait for that lock forever."""
    stop = threading.Event()

    def handler(_signum: int, _frame: FrameType | None) -> None:
        set_from_signal_handler(stop)

    previous = signal.signal(signal.SIGUSR1, handler)
    try:
        held: threading.Condition = vars(stop)["_cond"]  # the lock Event.wait holds while it checks the flag
        with held:
            os.kill(os.getpid(), signal.SIGUSR1)
            time.sleep(0.05)  # the handler runs here, on this thread, with the lock held
            assert not stop.is_set()
        assert stop.wait(5.0), "the event was never set"
    finally:
        signal.signal(signal.SIGUSR1, previous)
