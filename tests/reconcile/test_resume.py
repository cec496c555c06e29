"""Killed at any point and started again, the job ends with exactly the flags of an uninterrupted run.

The job runs as `python -m reconcile` in a subprocess that stops just before committing chunk N (the test hook
CLAIMLEDGER_RECONCILE_PAUSE_BEFORE_COMMIT): the chunk's work is done but not committed when the process is killed.
The rerun must take the dead holder's lock over at once, resume the same run and finish it; its flags must equal
those of an uninterrupted run on a second database loaded with the same record.
"""

from __future__ import annotations

import math
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from db.engine import make_engine, make_session_factory
from db.migrate import upgrade
from db.models import Lock, ReconciliationRun
from embeddings.encoder import HashingEncoder
from embeddings.rule_judge import RuleJudge
from reconcile.job import Reconciler, RunRequest, queue_run
from service.runtime import Runtime
from tests.conftest import REPO_ROOT, new_database_url
from tests.reconcile.conftest import reconcile_settings
from tests.reconcile.corpus import CorpusClaim, flag_keys, load_corpus

CHUNK_SIZE = 5
PAUSED = "paused before committing chunk"
STARTUP_TIMEOUT = 180.0


def job_env(database_url: str, tmp_path: Path, pause_before: int | None) -> dict[str, str]:
    env = {
        **os.environ,
        "CLAIMLEDGER_DATABASE_URL": database_url,
        "CLAIMLEDGER_ENCODER": "hashing",
        "CLAIMLEDGER_JUDGE": "rules",
        "CLAIMLEDGER_RECONCILE_CHUNK_SIZE": str(CHUNK_SIZE),
        "CLAIMLEDGER_REPORTS_DIR": str(tmp_path / "reports"),
    }
    env.pop("CLAIMLEDGER_RECONCILE_PAUSE_BEFORE_COMMIT", None)
    if pause_before is not None:
        env["CLAIMLEDGER_RECONCILE_PAUSE_BEFORE_COMMIT"] = str(pause_before)
    return env


def run_until_paused(database_url: str, tmp_path: Path, chunk: int) -> subprocess.Popen[str]:
    job = subprocess.Popen(
        [sys.executable, "-m", "reconcile", "--quiet"],
        cwd=REPO_ROOT,
        env=job_env(database_url, tmp_path, chunk),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: queue.Queue[str] = queue.Queue()

    def pump() -> None:
        assert job.stderr is not None
        for line in job.stderr:
            lines.put(line)
        lines.put("")  # EOF

    threading.Thread(target=pump, daemon=True).start()
    seen: list[str] = []
    while True:
        try:
            line = lines.get(timeout=STARTUP_TIMEOUT)
        except queue.Empty:
            job.kill()
            raise AssertionError(f"the job never paused; stderr so far: {''.join(seen)}") from None
        seen.append(line)
        if f"{PAUSED} {chunk}" in line:
            return job
        if line == "":
            raise AssertionError(f"the job exited ({job.wait()}) before pausing: {''.join(seen)}")


def reference_flags(
    backend: str, request: pytest.FixtureRequest, tmp_path: Path, claims: list[CorpusClaim]
) -> set[tuple[str, str, str, str, str]]:
    """An uninterrupted run on a second database holding the same record."""
    url = new_database_url(backend, request, f"claimledger_resume_ref_{backend}")
    upgrade(url)
    runtime = Runtime.create(reconcile_settings(url, tmp_path / "ref", reconcile_chunk_size=CHUNK_SIZE))
    runtime.use_models(HashingEncoder(), RuleJudge())
    try:
        load_corpus(runtime.session_factory, claims)
        outcomes = Reconciler(runtime).run(RunRequest())
        assert [o.status for o in outcomes] == ["succeeded"]
        with runtime.session_factory() as session:
            return flag_keys(session)
    finally:
        runtime.close()


@pytest.fixture(scope="module")
def reference_runs() -> dict[str, set[tuple[str, str, str, str, str]]]:
    """The uninterrupted run's flags by backend: the same record and settings for every case, so run once."""
    return {}


@pytest.mark.parametrize(
    ("stage", "how"),
    [("embed", signal.SIGKILL), ("check", signal.SIGKILL), ("check", signal.SIGTERM)],
    ids=["sigkill-while-embedding", "sigkill-while-checking", "sigterm-while-checking"],
)
def test_a_killed_run_resumes_to_the_same_flags(
    database_url: str,
    request: pytest.FixtureRequest,
    tmp_path: Path,
    corpus: tuple[list[CorpusClaim], set[tuple[str, str, str]]],
    stage: str,
    how: signal.Signals,
    reference_runs: dict[str, set[tuple[str, str, str, str, str]]],
) -> None:
    claims, planted = corpus
    # Chunks are counted over both stages: first the embedding chunks, then as many checking chunks.
    chunks_per_stage = math.ceil(len(claims) / CHUNK_SIZE)
    assert chunks_per_stage >= 4
    # Mid-stage: two chunks committed before the kill (in the checking stage, after all embedding chunks).
    chunk = 3 if stage == "embed" else chunks_per_stage + 3
    backend = "postgresql" if database_url.startswith("postgresql") else "sqlite"
    engine = make_engine(database_url)
    factory = make_session_factory(engine)
    try:
        load_corpus(factory, claims)

        job = run_until_paused(database_url, tmp_path, chunk)
        job.send_signal(how)
        code = job.wait(timeout=60)  # reaped: its pid is gone, as after a real crash
        assert code != 0
        with factory() as session:
            run = session.scalars(select(ReconciliationRun)).one()
            assert run.status == "running"
            assert run.progress["chunks"] == chunk - 1  # the paused chunk's work was never committed
            lock = session.scalars(select(Lock)).first()
            # SIGKILL leaves the dead holder's lock behind; SIGTERM releases it on the way out.
            assert (lock is not None) == (how == signal.SIGKILL)

        rerun = subprocess.run(
            [sys.executable, "-m", "reconcile", "--quiet"],
            cwd=REPO_ROOT,
            env=job_env(database_url, tmp_path, None),
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        assert rerun.returncode == 0, rerun.stderr + rerun.stdout
        assert "resuming interrupted run" in rerun.stderr

        with factory() as session:
            runs = session.scalars(select(ReconciliationRun)).all()
            assert [(r.id, r.status) for r in runs] == [(run.id, "succeeded")]
            stats = runs[0].stats
            assert stats["run"]["resumes"] == 1
            assert stats["counts"]["claims_checked"] == len(claims)
            assert stats["model"]["embedded"] == len(claims)
            resumed = flag_keys(session)
            assert stats["counts"]["flags_new"] == len(resumed)
            assert session.scalars(select(Lock)).first() is None
    finally:
        engine.dispose()

    if backend not in reference_runs:
        reference_runs[backend] = reference_flags(backend, request, tmp_path, claims)
    assert resumed == reference_runs[backend]
    assert planted <= {(kind, *sorted((a, b))) for kind, _, a, b, _ in resumed}


PARENT = """
import subprocess, sys
worker = subprocess.Popen([sys.executable, "-m", "reconcile.worker", "--parent", str(__import__("os").getpid())])
print(worker.pid, flush=True)
sys.stdin.read()  # until the test kills this stand-in for `claimledger serve`
"""


def test_a_worker_whose_server_is_gone_stops_its_run_and_releases_the_lock(
    database_url: str, tmp_path: Path, corpus: tuple[list[CorpusClaim], set[tuple[str, str, str]]]
) -> None:
    """`serve` stopped by a signal exits without waiting for its worker; the worker must not go on with a run of
    hours that no one waits for: it stops like SIGTERM (progress kept, lock released) and the run resumes later."""
    claims, _ = corpus
    engine = make_engine(database_url)
    factory = make_session_factory(engine)
    try:
        load_corpus(factory, claims)
        with factory() as session:
            queue_run(session, RunRequest())
            session.commit()
        env = {**job_env(database_url, tmp_path, 2), "CLAIMLEDGER_WORKER_POLL_SECONDS": "0.5"}
        server = subprocess.Popen(
            [sys.executable, "-c", PARENT], cwd=REPO_ROOT, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        assert server.stdout is not None and server.stderr is not None
        server.stdout.readline()
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while PAUSED not in server.stderr.readline():
            assert time.monotonic() < deadline and server.poll() is None, "the worker never reached the pause"
        server.kill()  # the worker is paused mid-run, holding the run lock (and, on SQLite, its write transaction)
        server.wait(10)
        deadline = time.monotonic() + 30
        while True:
            with factory() as session:
                if session.scalars(select(Lock)).first() is None:
                    run = session.scalars(select(ReconciliationRun)).one()
                    break
            assert time.monotonic() < deadline, "the orphaned worker kept its run going"
            time.sleep(0.5)
        assert run.status == "running" and run.progress["chunks"] == 1  # interrupted, resumable
    finally:
        engine.dispose()
