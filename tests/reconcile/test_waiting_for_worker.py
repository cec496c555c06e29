"""A run queued through the API with no batch worker alive to start it (the API served by plain uvicorn, or API-only
replicas whose worker was never started) read `queued` and nothing else for an hour, until the next
`claimledger reconcile` failed it as abandoned. It now says it waits for a worker: the run's `waiting_for_worker`,
a warning in the API's log when it is queued, the live workers in /readyz (still ready: an API-only replica serves
requests) and a note from `claimledger reconcile`. With a live worker none of it shows, and the run completes."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from db.repositories.runs import LockRepository
from db.types import utcnow
from reconcile.cli import EXIT_OK, run_from_cli
from reconcile.job import RunRequest, queue_run
from reconcile.lock import WORKER_PRESENCE, worker_seen_since
from reconcile.worker import QueueWorker
from service.runtime import Runtime
from tests.reconcile.conftest import reconcile_settings
from tests.reconcile.test_reconcile import wait_for_run

Keys = Callable[[str], dict[str, str]]


@pytest.fixture
def live_worker(runtime: Runtime) -> Iterator[QueueWorker]:
    """The tests' batch worker on a thread (as `claimledger serve` runs one beside the server), once it has
    announced itself."""
    worker = QueueWorker(runtime)
    thread, stop = worker.start_thread()
    deadline = time.monotonic() + 10
    while not _worker_announced(runtime):
        assert time.monotonic() < deadline, "the worker never announced itself"
        time.sleep(0.05)
    yield worker
    stop.set()
    thread.join(30)


def _worker_announced(runtime: Runtime) -> bool:
    with runtime.session_factory() as session:
        return worker_seen_since(session, utcnow() - timedelta(minutes=1))


def test_a_run_queued_with_no_worker_says_it_waits_for_one(
    client: TestClient, make_key: Keys, caplog: pytest.LogCaptureFixture
) -> None:
    admin, reader = make_key("admin"), make_key("read")
    with caplog.at_level(logging.WARNING, logger="claimledger"):
        queued = client.post("/v1/reconciliations", headers=admin)
    assert queued.status_code == 202, queued.text
    body = queued.json()
    assert body["status"] == "queued"
    hint = body["waiting_for_worker"]
    assert isinstance(hint, str) and "no batch worker" in hint and "claimledger worker" in hint, hint
    assert "last seen" not in hint  # no worker ever announced itself here
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any(body["id"] in w and "no batch worker" in w for w in warnings), warnings

    got = client.get(f"/v1/reconciliations/{body['id']}", headers=reader).json()
    assert got["status"] == "queued" and got["waiting_for_worker"] == hint
    listed = client.get("/v1/reconciliations", headers=reader).json()["items"]
    assert [(r["id"], r["waiting_for_worker"]) for r in listed] == [(body["id"], hint)]


def test_a_killed_workers_last_beat_is_told(client: TestClient, make_key: Keys, runtime: Runtime) -> None:
    """A worker SIGKILLed leaves its presence row, no longer fresh: the run still waits, and says when one was
    last seen."""
    silent = 3 * runtime.settings.reconcile_heartbeat_seconds + 60
    with runtime.db.write() as session:
        name = f"{WORKER_PRESENCE}killed"
        LockRepository(session).announce(name, name, utcnow() - timedelta(seconds=silent))
    queued = client.post("/v1/reconciliations", headers=make_key("admin")).json()
    hint = queued["waiting_for_worker"]
    assert hint is not None and "last seen" in hint, hint


def test_with_a_live_worker_no_hint_and_the_run_completes(
    client: TestClient, make_key: Keys, live_worker: QueueWorker, caplog: pytest.LogCaptureFixture
) -> None:
    admin, reader = make_key("admin"), make_key("read")
    with caplog.at_level(logging.WARNING, logger="claimledger"):
        queued = client.post("/v1/reconciliations", headers=admin)
    assert queued.status_code == 202, queued.text
    assert queued.json()["waiting_for_worker"] is None
    assert not [r for r in caplog.records if "no batch worker" in r.getMessage()]
    done = wait_for_run(client, reader, queued.json()["id"])
    assert done["status"] == "succeeded", done
    assert done["waiting_for_worker"] is None


def test_a_finished_run_never_waits_for_a_worker(client: TestClient, make_key: Keys, runtime: Runtime) -> None:
    """Only a queued run waits: a run that ran (here a `claimledger reconcile`) says nothing of workers."""
    from tests.reconcile.runs import reconciled

    run_id = reconciled(runtime, RunRequest()).run_id
    got = client.get(f"/v1/reconciliations/{run_id}", headers=make_key("read")).json()
    assert got["status"] == "succeeded" and got["waiting_for_worker"] is None


def test_readyz_stays_ready_without_a_worker_and_says_so(client: TestClient) -> None:
    """An API-only replica serves requests: no worker is reported, not a reason to take it out of rotation."""
    ready = client.get("/readyz")
    assert ready.status_code == 200, ready.text
    assert ready.json()["batch_workers"] == 0


def test_readyz_counts_a_live_worker(client: TestClient, live_worker: QueueWorker) -> None:
    ready = client.get("/readyz")
    assert ready.status_code == 200, ready.text
    assert ready.json()["batch_workers"] == 1


def test_the_reconcile_command_notes_runs_left_waiting_for_a_worker(
    runtime: Runtime, database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`claimledger reconcile` never runs a queued run; with none alive to run it, it says so on stderr."""
    with runtime.session_factory() as session:
        queue_run(session, RunRequest(full=True))
        session.commit()
    settings = reconcile_settings(database_url, tmp_path)
    assert run_from_cli(None, False, quiet=True, settings=settings) == EXIT_OK
    err = capsys.readouterr().err
    assert "1 reconciliation queued" in err and "claimledger worker" in err, err


def test_the_reconcile_command_says_nothing_of_the_queue_with_a_live_worker(
    runtime: Runtime, database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with runtime.db.write() as session:
        name = f"{WORKER_PRESENCE}alive"
        LockRepository(session).announce(name, name, utcnow())
        queue_run(session, RunRequest(full=True))
    settings = reconcile_settings(database_url, tmp_path)
    assert run_from_cli(None, False, quiet=True, settings=settings) == EXIT_OK
    assert "queued" not in capsys.readouterr().err
