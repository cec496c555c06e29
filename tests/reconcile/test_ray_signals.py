"""`--engine ray` stopped by a signal: SIGTERM ends it as the local engine does, and what a SIGKILLed driver leaves
of its local cluster is cleaned up by the next run."""

from __future__ import annotations

import math
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from db.engine import make_engine, make_session_factory
from db.models import Lock, ReconciliationRun
from reconcile.engines import _keeping_sigterm_handler, reap_orphaned_ray_agents
from tests.conftest import REPO_ROOT
from tests.reconcile.corpus import CorpusClaim, load_corpus
from tests.reconcile.test_resume import CHUNK_SIZE, PAUSED, STARTUP_TIMEOUT, job_env


def test_the_callers_sigterm_handler_is_kept() -> None:
    def ours(_signum: int, _frame: object) -> None:
        pass

    previous = signal.signal(signal.SIGTERM, ours)
    try:
        with _keeping_sigterm_handler():
            signal.signal(signal.SIGTERM, signal.SIG_DFL)  # what ray.init does (its handler exits on the spot)
        assert signal.getsignal(signal.SIGTERM) is ours
    finally:
        signal.signal(signal.SIGTERM, previous)


def _started(name: str, *argv: str) -> subprocess.Popen[bytes]:
    """``argv`` run under the name ``name`` (``exec -a``), once the exec has happened (its argv[0] is the name)."""
    proc = subprocess.Popen(["bash", "-c", f'exec -a "{name}" {" ".join(argv)}'])
    deadline = time.monotonic() + 30
    while Path(f"/proc/{proc.pid}/cmdline").read_bytes().split(b"\0")[0] != name.encode():
        assert time.monotonic() < deadline
        time.sleep(0.05)
    return proc


def test_orphaned_ray_agents_are_reaped_and_others_left_alone() -> None:
    psutil = pytest.importorskip("psutil")
    orphan = _started("ray::DashboardAgent", "sleep", "120")
    bystander = _started("sleep", "sleep", "120")
    try:
        processes = [psutil.Process(orphan.pid), psutil.Process(bystander.pid)]
        assert reap_orphaned_ray_agents(processes) == 1  # its parent (this test) is no raylet
        assert orphan.wait(10) == -signal.SIGKILL
        assert bystander.poll() is None
    finally:
        for proc in (orphan, bystander):
            if proc.poll() is None:
                proc.kill()
                proc.wait()


def test_no_agent_is_reaped_while_a_raylet_of_ours_runs() -> None:
    psutil = pytest.importorskip("psutil")
    agent = _started("ray::DashboardAgent", "sleep", "120")
    raylet = _started("/opt/ray/raylet", "sleep", "120")  # another local cluster, starting: its agents look orphaned
    try:
        assert reap_orphaned_ray_agents([psutil.Process(agent.pid), psutil.Process(raylet.pid)]) == 0
        assert agent.poll() is None
    finally:
        for proc in (agent, raylet):
            proc.kill()
            proc.wait()


def test_sigterm_ends_a_ray_run_like_a_local_one(
    database_url: str, tmp_path: Path, corpus: tuple[list[CorpusClaim], set[tuple[str, str, str]]]
) -> None:
    pytest.importorskip("ray")
    if database_url.startswith("postgresql"):
        pytest.skip("the signal path does not depend on the backend; one local Ray is slow enough")
    claims, _ = corpus
    chunk = math.ceil(len(claims) / CHUNK_SIZE) + 2  # the second chunk of the check stage, on Ray
    engine = make_engine(database_url)
    factory = make_session_factory(engine)
    try:
        load_corpus(factory, claims)
        env = {
            **job_env(database_url, tmp_path, chunk),
            "CLAIMLEDGER_RECONCILE_ENGINE": "ray",
            "CLAIMLEDGER_RAY_WORKERS": "1",
        }
        job = subprocess.Popen(
            [sys.executable, "-m", "reconcile", "--quiet"], cwd=REPO_ROOT, env=env,
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        assert job.stderr is not None
        deadline = time.monotonic() + STARTUP_TIMEOUT
        seen: list[str] = []
        while PAUSED not in (line := job.stderr.readline()):
            seen.append(line)
            assert line and time.monotonic() < deadline, f"the job never paused: {''.join(seen)}"
        job.send_signal(signal.SIGTERM)
        rest = job.stderr.read()
        assert job.wait(120) == 1, rest
        assert "interrupted" in rest
        with factory() as session:
            assert session.scalars(select(Lock)).first() is None
            assert session.scalars(select(ReconciliationRun)).one().status == "running"  # resumable
    finally:
        engine.dispose()
