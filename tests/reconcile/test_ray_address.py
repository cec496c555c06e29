"""An unreachable Ray cluster address fails the run in seconds (its own module: the engine tests keep a local Ray
initialised for theirs, and the engine only connects to an address when no Ray is initialised)."""

from __future__ import annotations

import socket
import time

import pytest

from reconcile.engines import RayClusterUnreachableError, probe_ray_address
from reconcile.job import Reconciler, RunRequest
from service.runtime import Runtime
from tests.reconcile.corpus import CorpusClaim, load_corpus

Corpus = tuple[list[CorpusClaim], set[tuple[str, str, str]]]


def test_a_ray_address_nobody_answers_at_fails_the_run_at_once(runtime: Runtime, corpus: Corpus) -> None:
    """Ray retries an unreachable cluster for minutes; the run fails in seconds, saying where it looked."""
    ray = pytest.importorskip("ray")
    if ray.is_initialized():
        ray.shutdown()
    with socket.socket() as probe:  # a port that was free a moment ago: nothing listens there
        probe.bind(("127.0.0.1", 0))
        address = f"127.0.0.1:{probe.getsockname()[1]}"
    with pytest.raises(RayClusterUnreachableError, match=f"no Ray cluster answers at {address}"):
        probe_ray_address(address)
    probe_ray_address("auto")  # left to Ray
    load_corpus(runtime.session_factory, corpus[0][:5])
    started = time.monotonic()
    outcome = Reconciler(runtime, engine="ray", ray_address=address).run(RunRequest())[-1]
    assert time.monotonic() - started < 60
    assert outcome.status == "failed"
    assert f"no Ray cluster answers at {address}" in (outcome.error or "")
