"""A Ray engine on a cluster it did not start keeps its actors for the next run of the driver (their models load in
seconds): each run opens its own record on them and checks with its own settings, an actor that died is replaced,
and a run stopped before its last chunk stops its actors (``reconcile/engines.py``)."""

from __future__ import annotations

import logging
from collections.abc import Generator
from pathlib import Path
from typing import Any, cast

import pytest
from sqlalchemy import select

from db.migrate import upgrade
from db.models import Claim
from embeddings.encoder import HashingEncoder
from embeddings.nli.model import ModelNotFoundError
from embeddings.rule_judge import RuleJudge
from reconcile.chunks import ChunkClaim
from reconcile.engines import ACTOR_POOL, ChunkChecker, RayEngine
from reconcile.job import RunRequest
from service.runtime import Runtime
from tests.reconcile.conftest import reconcile_settings
from tests.reconcile.runs import flags_touching, forget_runs, reconciled, store_cod_quotas

QUOTAS = [f"q{n}" for n in range(6)]


def _flags(runtime: Runtime) -> set[Any]:
    return set().union(*(flags_touching(runtime, key) for key in QUOTAS))


def _ready_lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.getMessage().startswith("ray engine: ")]


def test_the_next_run_on_the_same_cluster_checks_on_the_same_actors(
    runtime: Runtime, ray_cluster: None, caplog: pytest.LogCaptureFixture
) -> None:
    import ray

    store_cod_quotas(runtime)
    reconciled(runtime, RunRequest(full=True))
    local = _flags(runtime)
    assert local
    caplog.set_level(logging.INFO, "claimledger.reconcile")
    for _ in range(2):
        forget_runs(runtime)
        reconciled(runtime, RunRequest(full=True), "ray")
        assert _flags(runtime) == local
    assert _ready_lines(caplog)[-1] == "ray engine: 2 workers ready (2 kept from the last run)"

    kept = ACTOR_POOL.actors
    assert len(kept) == 2
    ray.kill(kept[0])
    caplog.clear()
    forget_runs(runtime)
    reconciled(runtime, RunRequest(full=True), "ray")
    assert _flags(runtime) == local
    assert _ready_lines(caplog) == [
        "ray engine: a kept worker had died; starting another",
        "ray engine: 2 workers ready (1 kept from the last run)",
    ]
    assert kept[1] in ACTOR_POOL.actors and kept[0] not in ACTOR_POOL.actors


def test_a_run_stopped_before_its_last_chunk_stops_its_actors(
    tmp_path: Path, ray_cluster: None, caplog: pytest.LogCaptureFixture
) -> None:
    """On SQLite only: what is tested is the engine's, whatever the record."""
    import ray

    url = f"sqlite:///{tmp_path / 'record.db'}"
    upgrade(url)
    runtime = Runtime.create(reconcile_settings(url, tmp_path))
    runtime.use_models(HashingEncoder(), RuleJudge())
    try:
        _stop_a_run_early(runtime, caplog, ray)
    finally:
        runtime.close()


def _stop_a_run_early(runtime: Runtime, caplog: pytest.LogCaptureFixture, ray: Any) -> None:
    store_cod_quotas(runtime)
    reconciled(runtime, RunRequest(full=True))  # the claims' vectors
    with runtime.session_factory() as session:
        chunks = [[ChunkClaim.of(c)] for c in session.scalars(select(Claim).order_by(Claim.id))]
    engine = RayEngine(runtime.settings)
    results = cast(Generator[Any, None, None], engine.map(chunks))
    next(results)
    results.close()  # as the driver stops on SIGTERM or an error, chunks still in flight
    engine.close()
    assert ACTOR_POOL.actors == []

    caplog.set_level(logging.INFO, "claimledger.reconcile")
    caplog.clear()  # the first engine's line, where an earlier test of this process left the logger at INFO
    engine = RayEngine(runtime.settings)
    assert _ready_lines(caplog) == ["ray engine: 2 workers ready (0 kept from the last run)"]
    assert len(list(engine.map(chunks))) == len(chunks)
    engine.close()
    assert len(ACTOR_POOL.actors) == 2
    assert ray.get([a.ready.remote() for a in ACTOR_POOL.actors]) == [True, True]

    # A run whose models cannot load fails before any chunk, as on new actors, and leaves no actor behind.
    missing = runtime.settings.model_copy(
        update={"judge": "hybrid", "nli_model_dir": runtime.settings.reports_dir / "no-model"}
    )
    with pytest.raises(ModelNotFoundError):
        RayEngine(missing)
    assert ACTOR_POOL.actors == []


def test_an_actor_loads_its_models_again_only_when_the_settings_they_come_from_change(runtime: Runtime) -> None:
    values = runtime.settings.model_dump(mode="json")
    actor = ChunkChecker(values)
    encoder, judge = actor.checker.encoder, actor.checker.judge
    first_db = actor.db

    actor.release()
    assert actor.db is None
    actor.open({**values, "reconcile_top_k": 3, "duplicate_min_similarity": 0.5})
    assert actor.checker.settings.reconcile_top_k == 3
    assert actor.checker.settings.duplicate_min_similarity == 0.5
    assert actor.checker.encoder is encoder and actor.checker.judge is judge
    assert actor.db is not None and actor.db is not first_db

    actor.open({**values, "contradiction_threshold": 0.9})
    assert actor.checker.judge is not judge
    assert actor.checker.judge.thresholds.contradiction_threshold == 0.9
    actor.release()
