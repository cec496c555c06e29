"""An unreachable Ray cluster address fails the run in seconds (its own module: the engine tests keep a local Ray
initialised for theirs, and the engine only connects to an address when no Ray is initialised)."""

from __future__ import annotations

import socket
import time

import pytest

from reconcile.engines import RayClusterUnreachableError, probe_ray_address
from reconcile.job import Reconciler, RunRequest, queue_run
from reconcile.worker import QueueWorker
from service.runtime import Runtime
from tests.reconcile.corpus import CorpusClaim, load_corpus

Corpus = tuple[list[CorpusClaim], set[tuple[str, str, str]]]


def _nobody_answers_at() -> str:
    with socket.socket() as probe:  # a port that was free a moment ago: nothing listens there
        probe.bind(("127.0.0.1", 0))
        return f"127.0.0.1:{probe.getsockname()[1]}"


def test_a_ray_address_nobody_answers_at_fails_the_run_at_once(runtime: Runtime, corpus: Corpus) -> None:
    """Ray retries an unreachable cluster for minutes; the run fails in seconds, saying where it looked."""
    ray = pytest.importorskip("ray")
    if ray.is_initialized():
        ray.shutdown()
    address = _nobody_answers_at()
    with pytest.raises(RayClusterUnreachableError, match=f"no Ray cluster answers at {address}"):
        probe_ray_address(address)
    load_corpus(runtime.session_factory, corpus[0][:5])
    started = time.monotonic()
    outcome = Reconciler(runtime, engine="ray", ray_address=address).run(RunRequest())[-1]
    assert time.monotonic() - started < 60
    assert outcome.status == "failed"
    assert f"no Ray cluster answers at {address}" in (outcome.error or "")


def test_a_worker_fails_each_run_at_an_address_nobody_answers_at_and_tries_again_for_the_next(
    runtime: Runtime, corpus: Corpus
) -> None:
    """The worker holds its Ray connection from run to run; one it could not make fails that run at once, saying
    where it looked, and the next run tries again (no connection is left half made)."""
    ray = pytest.importorskip("ray")
    if ray.is_initialized():
        ray.shutdown()
    address = _nobody_answers_at()
    load_corpus(runtime.session_factory, corpus[0][:5])
    worker = QueueWorker(runtime, engine="ray", ray_address=address)
    try:
        for _ in range(2):
            with runtime.session_factory() as session:
                run_id = queue_run(session, RunRequest(full=True)).id
                session.commit()
            started = time.monotonic()
            [outcome] = worker.run_pending()
            assert time.monotonic() - started < 60
            assert (outcome.run_id, outcome.status) == (run_id, "failed")
            assert f"no Ray cluster answers at {address}" in (outcome.error or "")
            assert not ray.is_initialized()
    finally:
        worker.close()
