"""`claimledger worker`: runs the reconciliations that `POST /v1/reconciliations` queued, outside the API process.

The API only writes a ``queued`` row; a worker finds it (polling every ``worker_poll_seconds``), loads the models
on its first run (not before: an idle worker costs no model memory) and executes it with the same
``Reconciler`` as `claimledger reconcile`, locally or on Ray (``reconcile_engine``). `claimledger serve` starts one
worker beside the server unless told not to, so a queued run never waits for someone to start one. Two workers
are safe: the run lock lets one execute a run; the other leaves it alone.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
import time
from types import FrameType

from sqlalchemy import select

from db.models import ReconciliationRun
from reconcile.job import QUEUED_TIMEOUT, Interrupted, Reconciler, RunOutcome
from service.config import Settings, get_settings
from service.logs import configure_logging
from service.runtime import Runtime

log = logging.getLogger("claimledger.worker")


class QueueWorker:
    def __init__(self, runtime: Runtime, *, engine: str | None = None, ray_address: str | None = None) -> None:
        self.runtime = runtime
        self.engine = engine or runtime.settings.reconcile_engine
        self.ray_address = ray_address or runtime.settings.ray_address
        self.running = False  # a run is in progress on this thread: a stop interrupts it (it resumes later)

    def next_queued(self) -> str | None:
        """The oldest queued run that is not yet abandoned."""
        from db.types import utcnow

        with self.runtime.db.read() as session:
            stmt = (
                select(ReconciliationRun.id)
                .where(ReconciliationRun.status == "queued")
                .where(ReconciliationRun.created_at >= utcnow() - QUEUED_TIMEOUT)
                .order_by(ReconciliationRun.created_at, ReconciliationRun.id)
                .limit(1)
            )
            return session.scalars(stmt).first()

    def run_pending(self) -> list[RunOutcome]:
        """Execute every queued run, oldest first; what became of each."""
        outcomes: list[RunOutcome] = []
        while (run_id := self.next_queued()) is not None:
            if not self.runtime.models_ready:
                self.runtime.load_models()
                if not self.runtime.models_ready:
                    raise RuntimeError(f"the worker could not load the models: {self.runtime.load_error}")
            self.running = True
            try:
                outcome = Reconciler(self.runtime, engine=self.engine, ray_address=self.ray_address).run_queued(run_id)
            finally:
                self.running = False
            outcomes.append(outcome)
            if outcome.status == "queued":  # another process holds the run lock: try again on the next pass
                log.info("reconciliation run %s waits: %s", run_id, outcome.error)
                break
            log.info("reconciliation run %s %s", run_id, outcome.status)
        return outcomes

    def serve(self, stop: threading.Event) -> None:
        """Poll for queued runs until ``stop`` is set (by a signal, or once the server that started the worker is
        gone: ``_watch_parent``)."""
        poll = self.runtime.settings.worker_poll_seconds
        while not stop.is_set():
            try:
                self.run_pending()
            except Interrupted:
                log.info("stopped during a run; it resumes where it was on the next start")
                return
            except Exception:  # a broken run must not end the worker; the run row says what happened
                log.exception("the worker's last pass failed")
            stop.wait(poll)

    def start_thread(self) -> tuple[threading.Thread, threading.Event]:
        """A worker on a thread of this process (tests, and single-process deployments that ask for it)."""
        stop = threading.Event()
        thread = threading.Thread(target=self.serve, args=(stop,), name="claimledger-worker", daemon=True)
        thread.start()
        return thread, stop


def run_worker(
    *,
    once: bool = False,
    engine: str | None = None,
    ray_address: str | None = None,
    parent_pid: int | None = None,
    settings: Settings | None = None,
) -> int:
    from db.migrate import upgrade

    settings = settings or get_settings()
    upgrade(settings.database_url)
    runtime = Runtime.create(settings)
    worker = QueueWorker(runtime, engine=engine, ray_address=ray_address)
    stop = threading.Event()

    def on_signal(signum: int, _frame: FrameType | None) -> None:
        stop.set()
        if worker.running:  # end the run now, as `claimledger reconcile` does: progress kept, lock released
            raise Interrupted(signal.Signals(signum).name)

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    if parent_pid is not None:
        _watch_parent(parent_pid)
    try:
        if once:
            outcomes = worker.run_pending()
            return 0 if all(o.status == "succeeded" for o in outcomes) else 1
        worker.serve(stop)
        return 0
    finally:
        runtime.close()


def _watch_parent(parent_pid: int) -> None:
    """Stop like SIGTERM once the server that started this worker is gone: a server stopped by a signal exits
    without waiting for its worker, which would otherwise finish a run of hours no one is waiting for."""

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(1)
        log.info("the server that started this worker is gone; stopping")
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch, name="claimledger-parent-watch", daemon=True).start()


def main() -> int:
    """`python -m reconcile.worker [--parent PID]`: what `claimledger serve` starts beside the server."""
    parent = int(sys.argv[sys.argv.index("--parent") + 1]) if "--parent" in sys.argv else None
    configure_logging(get_settings())  # the server's format (CLAIMLEDGER_LOG_FORMAT): both write to one stderr
    return run_worker(parent_pid=parent)


if __name__ == "__main__":
    raise SystemExit(main())
