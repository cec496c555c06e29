"""`claimledger worker`: runs the reconciliations that `POST /v1/reconciliations` queued, outside the API process.

The API only writes a ``queued`` row; a worker finds it (polling every ``worker_poll_seconds``), loads the models
on its first run (not before: an idle worker costs no model memory) and executes it with the same
``Reconciler`` as `claimledger reconcile`, locally or on Ray (``reconcile_engine``). `claimledger serve` starts one
worker beside the server unless told not to (and restarts it if it dies: ``service.batch_worker``), so a queued
run never waits for someone to start one. Two workers are safe: the run lock lets one execute a run; the other
leaves it alone.

A queued run waits as long as the lock is held (a long run ahead of it); while a worker is alive it announces
itself (``WorkerPresence``), and only a queued run that waited an hour with no worker alive is failed as abandoned.
A run a worker started and left ``running`` when it died (SIGKILL, OOM) is resumed by the next worker's pass.
A worker that cannot load the models fails the run it was about to start with the reason and exits (1).

On Ray the worker holds one connection (``reconcile.engines.RayConnection``: the cluster at ``ray_address``, or a
local one on loopback it starts), made on its first Ray run and kept until it stops, so the engine's actors and
their models serve every later run (seconds saved each); the worker's stop (SIGTERM, Ctrl-C, the end of ``--once``)
shuts it down, actors and local cluster with it. A cluster that went away between runs is connected to anew by the
next run; one nobody answers at fails that run at once, saying where it looked, and the next run tries again.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from types import FrameType

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

from db.models import ReconciliationRun
from db.repositories.runs import RunRepository
from db.types import utcnow
from reconcile.engines import RayConnection
from reconcile.job import Interrupted, Reconciler, RunOutcome, new_lock
from reconcile.lock import WorkerPresence
from service.config import Settings, exit_if_in_memory_database, get_settings
from service.logs import configure_logging
from service.runtime import Runtime
from service.stopping import set_from_signal_handler
from service.webhooks.events import RECONCILIATION_FINISHED
from service.webhooks.outbox import emit

WAIT_LOG_INTERVAL = 60.0  # seconds between two "waits" lines for the same queued run
log = logging.getLogger("claimledger.worker")


class ModelsUnavailableError(RuntimeError):
    """The worker could not load its models: it cannot run anything, so it stops (the run it was about to start
    is failed with this reason)."""


class QueueWorker:
    def __init__(self, runtime: Runtime, *, engine: str | None = None, ray_address: str | None = None) -> None:
        self.runtime = runtime
        self.engine = engine or runtime.settings.reconcile_engine
        self.ray_address = ray_address or runtime.settings.ray_address
        # On Ray, one connection for the worker's life (made on its first run, as the models are): the engine keeps
        # its actors, models loaded, for the next run; ``close`` ends them.
        self.ray = RayConnection(self.ray_address) if self.engine == "ray" else None
        self.running = False  # a run is in progress on this thread: a stop interrupts it (it resumes later)
        self._wait_logged: dict[str, float] = {}  # run id -> when "waits" was last logged for it
        self._unreachable_since: float | None = None  # when the database stopped answering the worker's passes
        self._unreachable_logged = 0.0
        self.presence = WorkerPresence(runtime.session_factory, every=runtime.settings.reconcile_heartbeat_seconds)

    def next_queued(self) -> str | None:
        """The oldest queued run (however long it has waited: it waited for the lock, or for a worker)."""
        with self.runtime.db.read() as session:
            stmt = (
                select(ReconciliationRun.id)
                .where(ReconciliationRun.status == "queued")
                .order_by(ReconciliationRun.created_at, ReconciliationRun.id)
                .limit(1)
            )
            return session.scalars(stmt).first()

    def next_orphan(self) -> str | None:
        """A run a worker started and left ``running`` when it died (the run lock is free): to resume. Runs a
        `claimledger reconcile` left are its own to resume (an operator may have stopped it on purpose)."""
        with self.runtime.db.read() as session:
            orphans = [
                run.id
                for run in RunRepository(session).with_status("running")
                if (run.progress or {}).get("started_by") == "worker"
            ]
            if not orphans or new_lock(self.runtime).current(session) is not None:
                return None
            return orphans[0]

    def run_pending(self) -> list[RunOutcome]:
        """Execute every queued run, oldest first, and resume what a dead worker left; what became of each."""
        outcomes: list[RunOutcome] = []
        while (run_id := self.next_queued() or self.next_orphan()) is not None:
            self._load_models_or_fail(run_id)
            self.running = True
            try:
                reconciler = Reconciler(
                    self.runtime, engine=self.engine, ray_address=self.ray_address, ray_connection=self.ray
                )
                try:
                    outcome = reconciler.run_queued(run_id)
                finally:
                    outcomes.extend(reconciler.resumed_first)  # finished under its lock before it
            finally:
                self.running = False
            outcomes.append(outcome)
            if outcome.status == "queued":  # another process holds the run lock: try again on the next pass
                self._log_wait(run_id, outcome.error)
                break
            self._wait_logged.pop(run_id, None)
            log.info("reconciliation run %s %s", run_id, outcome.status)
        return outcomes

    def _log_wait(self, run_id: str, reason: str | None, now: float | None = None) -> None:
        """Say a run waits for the lock once, then at most every ``WAIT_LOG_INTERVAL`` seconds: the worker polls
        each second, and a long run ahead would fill the log with the same line."""
        now = time.monotonic() if now is None else now
        last = self._wait_logged.get(run_id)
        if last is None or now - last >= WAIT_LOG_INTERVAL:
            self._wait_logged[run_id] = now
            log.info("reconciliation run %s waits: %s", run_id, reason)

    def _log_unreachable(self, exc: DBAPIError, now: float | None = None) -> None:
        """Say the database is unreachable in one line, once, then at most every ``WAIT_LOG_INTERVAL`` seconds while
        it stays away: the worker polls each second, and each pass's traceback filled the log (115 lines a second
        while PostgreSQL was down)."""
        now = time.monotonic() if now is None else now
        if self._unreachable_since is None or now - self._unreachable_logged >= WAIT_LOG_INTERVAL:
            self._unreachable_since = self._unreachable_since or now
            self._unreachable_logged = now
            reason = str(exc.orig or exc).strip().splitlines()[0]
            log.error("the database does not answer (%s); the worker tries again every poll", reason)

    def _load_models_or_fail(self, run_id: str) -> None:
        """Load the models on the first run; when they cannot load, fail ``run_id`` (if still queued) with the
        reason and raise ModelsUnavailableError: retrying each pass would only repeat the error."""
        if self.runtime.models_ready:
            return
        self.runtime.load_models()
        if self.runtime.models_ready:
            return
        error = f"the worker could not load the models: {self.runtime.load_error}"
        with self.runtime.session_factory() as session:
            runs = RunRepository(session)
            if runs.fail_queued(run_id, error, utcnow()):
                run = runs.get(run_id)
                assert run is not None
                emit(session, RECONCILIATION_FINISHED, run)
            session.commit()
        raise ModelsUnavailableError(error)

    def serve(self, stop: threading.Event) -> None:
        """Poll for queued runs until ``stop`` is set (by a signal, or once the server that started the worker is
        gone: ``_watch_parent``). Raises ModelsUnavailableError when the models cannot load."""
        poll = self.runtime.settings.worker_poll_seconds
        self.presence.start()
        try:
            while not stop.is_set():
                try:
                    self.run_pending()
                except Interrupted:
                    log.info("stopped during a run; it resumes where it was on the next start")
                    return
                except ModelsUnavailableError:
                    raise
                except (OperationalError, InterfaceError) as exc:  # the database is away: the next pass retries
                    self._log_unreachable(exc)
                    stop.wait(poll)
                    continue
                except Exception:  # a broken run must not end the worker; the run row says what happened
                    log.exception("the worker's last pass failed")
                if self._unreachable_since is not None:
                    log.info("the database answers again")
                    self._unreachable_since = None
                stop.wait(poll)
        finally:
            self.presence.stop()
            self.close()

    def close(self) -> None:
        """Shut down the Ray this worker started (its local cluster, or its connection and actors on a cluster at
        an address): when it stops, not after each run."""
        if self.ray is not None:
            self.ray.close()

    def start_thread(self) -> tuple[threading.Thread, threading.Event]:
        """A worker on a thread of this process (tests, and single-process deployments that ask for it)."""
        stop = threading.Event()
        thread = threading.Thread(target=self.serve, args=(stop,), name="claimledger-worker", daemon=True)
        thread.start()
        return thread, stop


def once_summary(outcomes: list[RunOutcome]) -> str:
    """What one pass (`claimledger worker --once`) did, in one line: an empty queue printed nothing, so "nothing
    queued" read the same as "did not look"; and a run it resumed (left ``running`` by a process that was killed)
    is told apart from a queued one, which it read as before."""
    if not outcomes:
        return "worker: no queued reconciliation; nothing to run"
    said = []
    for outcome in outcomes:
        resumed = " (resumed)" if outcome.resumed else ""
        if outcome.status == "queued":  # the run lock is another process's: the run waits for the next pass
            said.append(f"{outcome.run_id} still queued ({outcome.error})")
        elif outcome.error:
            said.append(f"{outcome.run_id} {outcome.status}{resumed} ({outcome.error})")
        else:
            said.append(f"{outcome.run_id} {outcome.status}{resumed}")
    queued = sum(not o.resumed for o in outcomes)
    resumed_runs = len(outcomes) - queued
    did = []
    if queued:
        did.append(f"ran {queued} queued {_runs(queued)}")
    if resumed_runs:
        did.append(f"resumed {resumed_runs} {_runs(resumed_runs)} left running")
    return f"worker: {' and '.join(did)}: {'; '.join(said)}"


def _runs(count: int) -> str:
    return "reconciliation" if count == 1 else "reconciliations"


def run_worker(
    *,
    once: bool = False,
    engine: str | None = None,
    ray_address: str | None = None,
    parent_pid: int | None = None,
    settings: Settings | None = None,
    on_pass: Callable[[list[RunOutcome]], None] | None = None,
) -> int:
    """Serve until stopped (0), or with ``once`` run what is queued now: 0 when every run succeeded (or none was
    queued), else 1; ``on_pass`` is then told what became of each run."""
    from db.migrate import migration_line, upgrade

    settings = settings or get_settings()
    # Logged as the other commands print it: a heavy migration is a long wait, not a hang.
    upgrade(settings.database_url, on_migration=lambda *step: log.info(migration_line(*step)))
    runtime = Runtime.create(settings)
    worker = QueueWorker(runtime, engine=engine, ray_address=ray_address)
    stop = threading.Event()

    def on_signal(signum: int, _frame: FrameType | None) -> None:
        set_from_signal_handler(stop)
        if worker.running:  # end the run now, as `claimledger reconcile` does: progress kept, lock released
            raise Interrupted(signal.Signals(signum).name)

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    if parent_pid is not None:
        _watch_parent(parent_pid)
    try:
        if once:
            worker.presence.start()
            try:
                outcomes = worker.run_pending()
            finally:
                worker.presence.stop()
            if on_pass is not None:
                on_pass(outcomes)
            return 0 if all(o.status == "succeeded" for o in outcomes) else 1
        worker.serve(stop)
        return 0
    finally:
        worker.close()
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
    exit_if_in_memory_database(get_settings().database_url)  # as `claimledger serve` and `worker` refuse it
    configure_logging(get_settings())  # the server's format (CLAIMLEDGER_LOG_FORMAT): both write to one stderr
    try:
        return run_worker(parent_pid=parent)
    except ModelsUnavailableError as exc:  # one line; the server restarts this worker with a back-off
        log.error("batch worker stopping: %s", exc)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
