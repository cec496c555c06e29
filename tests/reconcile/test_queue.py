"""The incremental window, the queue and the batch worker's life: what `--since` runs move, how long a queued run
waits, what a worker that died or cannot load its models leaves, and which settings a resumed run checks with."""

from __future__ import annotations

import logging
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import update

from db.models import ReconciliationRun
from db.repositories.runs import RunRepository
from db.types import utcnow
from embeddings.encoder import HashingEncoder
from embeddings.rule_judge import RuleJudge
from reconcile import chunks, engines
from reconcile.job import ABANDONED, QUEUED_TIMEOUT, Interrupted, Reconciler, RunRequest, queue_run
from reconcile.lock import DbLock, WorkerPresence
from reconcile.worker import ModelsUnavailableError, QueueWorker
from service.batch_worker import BatchWorkerSupervisor
from service.runtime import Runtime
from tests.conftest import run_cli
from tests.reconcile.conftest import reconcile_settings
from tests.reconcile.corpus import CorpusClaim, load_corpus
from tests.reconcile.test_reconcile import add_claim, reconcile

Corpus = tuple[list[CorpusClaim], set[tuple[str, str, str]]]


def queue(runtime: Runtime, request: RunRequest | None = None, age: timedelta | None = None) -> str:
    with runtime.session_factory() as session:
        run = queue_run(session, request or RunRequest())
        session.commit()
        if age is not None:
            session.execute(
                update(ReconciliationRun).where(ReconciliationRun.id == run.id).values(created_at=utcnow() - age)
            )
            session.commit()
        return run.id


def status(runtime: Runtime, run_id: str) -> tuple[str, str | None]:
    with runtime.session_factory() as session:
        run = RunRepository(session).get(run_id)
        assert run is not None
        return run.status, run.error


# -- 1. the incremental window --------------------------------------------------------------------------------


def test_a_since_run_does_not_move_the_incremental_window(runtime: Runtime, corpus: Corpus) -> None:
    claims, _ = corpus
    load_corpus(runtime.session_factory, claims)
    first = reconcile(runtime)
    add_claim(runtime, "The Coalition will leave Iraq by the end of 2021.", "an analyst", "2021-08-01", "late-1")
    limited = reconcile(runtime, RunRequest(since=utcnow() + timedelta(days=365)))
    assert limited.stats["counts"]["claims_checked"] == 0

    nightly = reconcile(runtime)
    assert nightly.stats["scope"] == "incremental"
    assert nightly.stats["run"]["since"] == first.stats["run"]["cutoff"]  # not the --since run's cutoff
    assert nightly.stats["counts"]["claims_checked"] == 1
    assert reconcile(runtime).stats["counts"]["claims_checked"] == 0  # an incremental run moves it on


# -- 2. queued runs ------------------------------------------------------------------------------------------


def test_a_run_queued_behind_a_long_run_waits_past_the_hour(runtime: Runtime) -> None:
    holder = DbLock(runtime.session_factory)
    holder.acquire()
    worker = QueueWorker(runtime)
    worker.presence.start()
    try:
        run_id = queue(runtime, age=QUEUED_TIMEOUT * 2)
        assert [o.status for o in worker.run_pending()] == ["queued"]
        assert status(runtime, run_id) == ("queued", None)
    finally:
        holder.release()
    try:
        Reconciler(runtime).run(RunRequest(full=True))  # a `claimledger reconcile` sweeps: a worker is alive
        assert status(runtime, run_id) == ("queued", None)
        assert [(o.run_id, o.status) for o in worker.run_pending()] == [(run_id, "succeeded")]
    finally:
        worker.presence.stop()


def test_a_queued_run_no_worker_will_start_is_abandoned_truthfully(runtime: Runtime) -> None:
    old, recent = queue(runtime, age=QUEUED_TIMEOUT * 2), queue(runtime, RunRequest(full=True))
    Reconciler(runtime).run(RunRequest())
    assert status(runtime, old) == ("failed", ABANDONED)
    assert status(runtime, recent) == ("queued", None)


# -- 3. a worker that died -----------------------------------------------------------------------------------


def test_a_run_left_by_a_dead_worker_is_resumed_by_the_next(runtime: Runtime, corpus: Corpus) -> None:
    claims, _ = corpus
    load_corpus(runtime.session_factory, claims)
    run_id = queue(runtime)

    def die(stage: str, done: int, _total: int) -> None:
        if stage == "check" and done > 0:
            raise Interrupted("SIGTERM")

    with pytest.raises(Interrupted):
        Reconciler(runtime, on_progress=die).run_queued(run_id)
    assert status(runtime, run_id) == ("running", None)

    worker = QueueWorker(runtime)
    assert worker.next_queued() is None and worker.next_orphan() == run_id
    assert [(o.run_id, o.status) for o in worker.run_pending()] == [(run_id, "succeeded")]
    with runtime.session_factory() as session:
        run = RunRepository(session).get(run_id)
        assert run is not None and run.progress["resumes"] == 1


def test_a_run_a_cli_left_is_not_the_workers_to_resume(runtime: Runtime, corpus: Corpus) -> None:
    claims, _ = corpus
    load_corpus(runtime.session_factory, claims)

    def die(stage: str, done: int, _total: int) -> None:
        if stage == "check" and done > 0:
            raise Interrupted("SIGTERM")

    with pytest.raises(Interrupted):
        Reconciler(runtime, on_progress=die).run(RunRequest())
    assert QueueWorker(runtime).next_orphan() is None


def test_the_supervisor_reaps_and_restarts_a_dead_worker_then_gives_up() -> None:
    command = [sys.executable, "-c", "import time; time.sleep(60)"]
    supervisor = BatchWorkerSupervisor(command, first_backoff_s=0.05, max_restarts=2, window_s=60)
    supervisor.start()
    try:
        for restarts in (1, 2):
            pid = supervisor.pid
            assert supervisor._process is not None
            supervisor._process.kill()
            deadline = time.monotonic() + 20
            while supervisor.restarts < restarts:
                assert time.monotonic() < deadline, "the dead worker was not restarted"
                time.sleep(0.05)
            assert supervisor.pid != pid
            assert subprocess.run(["ps", "-o", "stat=", "-p", str(pid)], capture_output=True).stdout.strip() == b""
        assert supervisor._process is not None
        supervisor._process.kill()
        deadline = time.monotonic() + 20
        while not supervisor.gave_up:
            assert time.monotonic() < deadline
            time.sleep(0.05)
        assert supervisor.restarts == 2
    finally:
        supervisor.stop(timeout_s=5)


# -- 4. a worker without its models ------------------------------------------------------------------------------


def test_a_worker_that_cannot_load_its_models_fails_the_run_and_stops(database_url: str, tmp_path: Path) -> None:
    settings = reconcile_settings(database_url, tmp_path, judge="hybrid", nli_model_dir=tmp_path / "nonexistent")
    runtime = Runtime.create(settings)
    try:
        run_id = queue(runtime)
        with pytest.raises(ModelsUnavailableError, match="could not load the models"):
            QueueWorker(runtime).run_pending()
        state, error = status(runtime, run_id)
        assert state == "failed" and error is not None and "could not load the models" in error
    finally:
        runtime.close()


def test_the_worker_command_says_so_in_one_line_and_exits_1(database_url: str, tmp_path: Path) -> None:
    runtime = Runtime.create(reconcile_settings(database_url, tmp_path))
    try:
        run_id = queue(runtime)
    finally:
        runtime.close()
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "CLAIMLEDGER_DATABASE_URL": database_url,
        "CLAIMLEDGER_ENCODER": "hashing",
        "CLAIMLEDGER_NLI_MODEL_DIR": str(tmp_path / "nonexistent"),
        "CLAIMLEDGER_REPORTS_DIR": str(tmp_path / "reports"),
    }
    done = run_cli("worker", "--once", env=env, inherit_env=False, timeout=300)
    assert done.returncode == 1, done.stderr
    assert done.stderr.strip().splitlines()[-1].startswith("error: the worker could not load the models")
    runtime = Runtime.create(reconcile_settings(database_url, tmp_path))
    try:
        assert status(runtime, run_id)[0] == "failed"
    finally:
        runtime.close()


# -- 5. the settings a resumed run checks with -----------------------------------------------------------------


def test_a_resumed_run_keeps_the_settings_it_started_with(
    database_url: str, tmp_path: Path, corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    claims, _ = corpus
    seen: list[int] = []
    real = chunks.check_chunk

    def spy(checker: Any, chunk: Any, top_k: int, min_similarity: float, *window: Any) -> Any:
        seen.append(top_k)
        return real(checker, chunk, top_k, min_similarity, *window)

    monkeypatch.setattr(engines, "check_chunk", spy)

    def die(stage: str, done: int, _total: int) -> None:
        if stage == "check" and done > 0:
            raise Interrupted("SIGTERM")

    runtimes = []
    for top_k in (50, 10):
        rt = Runtime.create(reconcile_settings(database_url, tmp_path, reconcile_top_k=top_k))
        rt.use_models(HashingEncoder(), RuleJudge())
        runtimes.append(rt)
    try:
        load_corpus(runtimes[0].session_factory, claims)
        with pytest.raises(Interrupted):
            Reconciler(runtimes[0], on_progress=die).run(RunRequest())
        assert set(seen) == {50}
        messages: list[str] = []
        outcomes = Reconciler(runtimes[1], on_message=messages.append).run(RunRequest())
        assert [o.status for o in outcomes] == ["succeeded"]
        assert set(seen) == {50}, "the resume checked with the resuming process's top_k"
        assert any("reconcile_top_k: 50 (this process: 10)" in m for m in messages), messages
        seen.clear()
        reconcile(runtimes[1], RunRequest(full=True))  # a new run: this process's own settings
        assert set(seen) == {10}
    finally:
        for rt in runtimes:
            rt.close()


def test_presence_rows_tell_a_live_worker(runtime: Runtime) -> None:
    from reconcile.lock import worker_seen_since

    presence = WorkerPresence(runtime.session_factory, every=60)
    presence.start()
    with runtime.session_factory() as session:
        assert worker_seen_since(session, utcnow() - timedelta(minutes=1))
    presence.stop()
    with runtime.session_factory() as session:
        assert not worker_seen_since(session, utcnow() - timedelta(days=1))


def test_a_run_waiting_for_the_lock_is_logged_once_a_minute(runtime: Runtime, caplog: pytest.LogCaptureFixture) -> None:
    worker = QueueWorker(runtime)
    with caplog.at_level(logging.INFO, logger="claimledger.worker"):
        for now in (100.0, 101.0, 159.0, 161.0):
            worker._log_wait("run-1", "the lock is held", now=now)
    waits = [r for r in caplog.records if "waits" in r.getMessage()]
    assert len(waits) == 2  # at 100 s and at 161 s, not at 101 s nor 159 s
