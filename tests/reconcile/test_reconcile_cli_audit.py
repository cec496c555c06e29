"""Acceptance audit h27 of `claimledger reconcile` as a scheduler drives it: an operator's mistake is one `error:`
line on stderr and exit 1, never a traceback (README: "Each command says an operator's mistake ... never a
traceback")."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from sqlalchemy import func, select

from db.models import ReconciliationRun
from reconcile.cli import EXIT_FAILED
from reconcile.job import RunRequest, queue_run
from service.runtime import Runtime
from tests.reconcile.corpus import CorpusClaim, load_corpus

Corpus = tuple[list[CorpusClaim], set[tuple[str, str, str]]]
ROOT = Path(__file__).resolve().parents[2]


def _unanswered_address() -> str:
    with socket.socket() as probe:  # a port that was free a moment ago: nothing listens there
        probe.bind(("127.0.0.1", 0))
        return f"127.0.0.1:{probe.getsockname()[1]}"


def test_a_ray_address_nobody_answers_at_is_one_error_line_before_the_models_load(
    runtime: Runtime, database_url: str, tmp_path: Path, corpus: Corpus
) -> None:
    """A mistyped --ray-address (or a cluster that is down) used to print the job's traceback on stderr after loading
    the models; it is refused as an unreachable database is: one line, exit 1, no run left failed behind it."""
    load_corpus(runtime.session_factory, corpus[0][:3])
    address = _unanswered_address()
    env = {
        **os.environ,
        "CLAIMLEDGER_DATABASE_URL": database_url,
        "CLAIMLEDGER_ENCODER": "hashing",
        "CLAIMLEDGER_JUDGE": "rules",
        "CLAIMLEDGER_REPORTS_DIR": str(tmp_path / "reports"),
    }
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "reconcile", "--engine", "ray", "--ray-address", address],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == EXIT_FAILED, done.stderr
    assert time.monotonic() - started < 60
    assert "Traceback" not in done.stderr, done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and f"no Ray cluster answers at {address}" in errors[0], done.stderr
    assert "loading models" not in done.stderr  # refused before the models' seconds of loading
    with runtime.session_factory() as session:
        assert session.scalar(select(func.count()).select_from(ReconciliationRun)) == 0


def test_the_same_run_asked_for_twice_at_once_is_queued_once(runtime: Runtime) -> None:
    """Two admins (or a client's retry without an Idempotency-Key) asking for the same run at the same moment: on
    PostgreSQL each request read "nothing queued" before the other committed, so eight concurrent `{"full": true}`
    queued five to eight full runs (measured), one after another, each re-checking the whole record. The second now waits for the first
    to commit and gets its run (SQLite: the write transaction's lock already ordered them)."""
    first_queued, second_done = threading.Event(), threading.Event()
    ids: dict[str, str] = {}

    def second() -> None:
        first_queued.wait(10)
        with runtime.db.write() as session:
            ids["second"] = queue_run(session, RunRequest(full=True)).id
        second_done.set()

    other = threading.Thread(target=second)
    other.start()
    try:
        with runtime.db.write() as session:
            ids["first"] = queue_run(session, RunRequest(full=True)).id
            first_queued.set()
            second_done.wait(0.5)  # the second request is in flight while the first is still to commit
    finally:
        other.join(30)
    assert ids["second"] == ids["first"]
    with runtime.session_factory() as session:
        assert session.scalar(select(func.count()).select_from(ReconciliationRun)) == 1
