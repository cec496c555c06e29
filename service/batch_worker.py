"""The batch worker `claimledger serve` starts beside the server, supervised: a worker that dies (SIGKILL, the OOM
killer, a crash, models that cannot load) is reaped, logged and started again after a back-off, so queued runs do
not wait forever behind a dead (or zombie) process. The new worker resumes the run the dead one was executing
(``QueueWorker.next_orphan``). A worker that keeps dying (``max_restarts`` within ``window_s``) is left stopped,
with an error in the log: restarting it would only repeat its failure.
"""

from __future__ import annotations

import logging
import signal
import subprocess
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence

log = logging.getLogger("claimledger")

Spawn = Callable[[Sequence[str]], "subprocess.Popen[bytes]"]


def describe_exit(code: int) -> str:
    """``exited with status 1`` or ``was killed by SIGKILL``."""
    if code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        return f"was killed by {name}"
    return f"exited with status {code}"


class BatchWorkerSupervisor:
    """Runs ``command`` as a child process and restarts it whenever it ends before ``stop``."""

    def __init__(
        self,
        command: Sequence[str],
        *,
        first_backoff_s: float = 1.0,
        max_backoff_s: float = 60.0,
        max_restarts: int = 5,
        window_s: float = 600.0,
        spawn: Spawn | None = None,
    ) -> None:
        self.command = list(command)
        self.first_backoff_s = first_backoff_s
        self.max_backoff_s = max_backoff_s
        self.max_restarts = max_restarts
        self.window_s = window_s
        self._spawn: Spawn = spawn or (lambda cmd: subprocess.Popen(list(cmd)))  # noqa: S603
        self._process: subprocess.Popen[bytes] | None = None
        self._deaths: deque[float] = deque()
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self.restarts = 0
        self.gave_up = False

    @property
    def pid(self) -> int | None:
        process = self._process
        return None if process is None else process.pid

    def start(self) -> None:
        with self._lock:
            self._process = self._spawn(self.command)
        self._thread = threading.Thread(target=self._supervise, name="claimledger-batch-supervisor", daemon=True)
        self._thread.start()

    def _supervise(self) -> None:
        while True:
            process = self._process
            assert process is not None
            code = process.wait()  # reaps it: a dead worker never lingers as a zombie that looks alive
            if self._stopping.is_set():
                return
            delay = self._next_delay()
            if delay is None:
                self.gave_up = True
                log.error(
                    "the batch worker (pid %d) %s; it died %d times in %d s, so it is not restarted again: queued "
                    "reconciliations wait until the server restarts or `claimledger worker` runs (see its log above)",
                    process.pid,
                    describe_exit(code),
                    len(self._deaths),
                    int(self.window_s),
                )
                return
            log.error("the batch worker (pid %d) %s; restarting it in %.0f s", process.pid, describe_exit(code), delay)
            if self._stopping.wait(delay):
                return
            with self._lock:
                if self._stopping.is_set():
                    return
                self._process = self._spawn(self.command)
                self.restarts += 1
            log.warning("batch worker restarted (pid %d)", self._process.pid)

    def _next_delay(self) -> float | None:
        """The back-off before the next start (doubling with each recent death), or None to give up."""
        now = time.monotonic()
        self._deaths.append(now)
        while self._deaths and self._deaths[0] < now - self.window_s:
            self._deaths.popleft()
        if len(self._deaths) > self.max_restarts:
            return None
        return float(min(self.max_backoff_s, self.first_backoff_s * 2.0 ** (len(self._deaths) - 1)))

    def stop(self, timeout_s: float = 30.0) -> None:
        """SIGTERM the worker (its run stops, resumable) and wait for it; SIGKILL after ``timeout_s``."""
        self._stopping.set()
        with self._lock:
            process = self._process
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout_s)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if self._thread is not None:
            self._thread.join(timeout=5)
