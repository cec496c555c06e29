"""`claimledger worker --engine ray` keeps the Ray cluster it started, and the engine's actors with their models, from
one queued run to the next (the flags those of the local engine), connects anew when the cluster stopped answering,
and stops it all when it stops (``reconcile/worker.py``). One worker process, one local cluster of one actor."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from db.models import ReconciliationRun
from reconcile.job import RunRequest, queue_run
from service.runtime import Runtime
from tests.conftest import REPO_ROOT
from tests.reconcile.runs import flags_touching, forget_runs, reconciled, store_cod_quotas

QUOTAS = [f"q{n}" for n in range(6)]
RUN_TIMEOUT = 180.0


def _flags(runtime: Runtime) -> set[Any]:
    return set().union(*(flags_touching(runtime, key) for key in QUOTAS))


def _finished(runtime: Runtime, run_id: str, worker: subprocess.Popen[bytes], log: Path) -> str:
    deadline = time.monotonic() + RUN_TIMEOUT
    while True:
        with runtime.session_factory() as session:
            status = session.scalars(select(ReconciliationRun.status).where(ReconciliationRun.id == run_id)).one()
        if status not in ("queued", "running"):
            return status
        assert worker.poll() is None, f"the worker exited ({worker.returncode}): {log.read_text()}"
        assert time.monotonic() < deadline, f"run {run_id} still {status}: {log.read_text()}"
        time.sleep(0.2)


def _actor_pids(processes: list[Any]) -> set[int]:
    """The engine's actors among the worker's processes (Ray names an actor's process after its class)."""
    pids = set()
    for proc in processes:
        try:
            if "ChunkChecker" in " ".join(proc.cmdline()):
                pids.add(proc.pid)
        except Exception:  # gone meanwhile
            continue
    return pids


def test_a_ray_worker_keeps_its_actors_from_run_to_run_reconnects_and_stops_them_when_it_stops(
    database_url: str, runtime: Runtime, tmp_path: Path
) -> None:
    psutil = pytest.importorskip("psutil")
    pytest.importorskip("ray")
    if database_url.startswith("postgresql"):
        pytest.skip("what is kept does not depend on the backend; one local Ray is slow enough")
    store_cod_quotas(runtime)
    reconciled(runtime, RunRequest(full=True))
    local = _flags(runtime)
    assert local
    env = {
        "CLAIMLEDGER_DATABASE_URL": runtime.settings.database_url,
        "CLAIMLEDGER_ENCODER": "hashing",
        "CLAIMLEDGER_JUDGE": "rules",
        "CLAIMLEDGER_REPORTS_DIR": str(tmp_path / "reports"),
        "CLAIMLEDGER_RECONCILE_CHUNK_SIZE": "7",
        "CLAIMLEDGER_RAY_WORKERS": "1",
        "CLAIMLEDGER_WORKER_POLL_SECONDS": "0.2",
        "CLAIMLEDGER_LOG_FORMAT": "text",
    }
    log = tmp_path / "worker.log"
    with log.open("w") as stderr:
        worker = subprocess.Popen(
            [sys.executable, "-m", "service.cli", "worker", "--engine", "ray"],
            cwd=REPO_ROOT, env={**os.environ, **env}, stdout=subprocess.DEVNULL, stderr=stderr,
        )  # fmt: skip
    seen: dict[int, Any] = {}  # every process of the worker's seen so far: all must end with it

    def run_once() -> set[int]:
        """A full run through the worker, with the flags of the local engine; the actors it keeps after it."""
        forget_runs(runtime)
        with runtime.session_factory() as session:
            run_id = queue_run(session, RunRequest(full=True)).id
            session.commit()
        assert _finished(runtime, run_id, worker, log) == "succeeded", log.read_text()
        assert _flags(runtime) == local
        now = psutil.Process(worker.pid).children(recursive=True)
        seen.update((proc.pid, proc) for proc in now if proc.pid not in seen)
        return _actor_pids(now)  # between runs, with the worker idle

    try:
        first, second = run_once(), run_once()
        assert first, f"no actor is kept between runs: {log.read_text()}"
        assert second == first
        # The cluster's GCS gone between runs (a cluster restarted, a node lost): the next run connects anew.
        for proc in psutil.Process(worker.pid).children(recursive=True):
            if "gcs_server" in " ".join(proc.cmdline()):
                proc.kill()
        assert run_once()
        ready = [line.split("ray engine: ", 1)[1] for line in log.read_text().splitlines() if "ray engine: " in line]
        assert ready == [
            "1 workers ready (0 kept from the last run)",
            "1 workers ready (1 kept from the last run)",
            "1 workers ready (0 kept from the last run)",
        ]
        assert "ray: the cluster no longer answers; connecting again" in log.read_text()

        worker.send_signal(signal.SIGTERM)
        assert worker.wait(60) == 0, log.read_text()
        _, alive = psutil.wait_procs(list(seen.values()), timeout=30)
        assert alive == [], f"left behind by the stopped worker: {[p.cmdline() for p in alive]}"
    finally:
        if worker.poll() is None:
            seen.update((proc.pid, proc) for proc in psutil.Process(worker.pid).children(recursive=True))
            worker.kill()
            worker.wait()
        for proc in seen.values():  # only this test's worker's own (its Ray clusters)
            with contextlib.suppress(psutil.Error):
                proc.kill()
