"""A pair one claim's settled check reads as the judge's mistake (``uncorroborated``) raises no flag from the other
claim's side either, wherever the chunk boundaries of the run fall: a run checking one claim per chunk raises the
flags of a run checking the whole record in one chunk, on either engine, on SQLite and PostgreSQL.

The records are those of ``tests/reconcile/test_settled_findings.py`` (MiniLM and the hybrid judge: Gold Mobile's
500,000 beside its own 200,000 and Silver Telecom's 500,000) and of ``tests/reconcile/test_engines.py`` (the rule
judge reads "2000 tonnes" as a year: it entails the other quotas, which contradict each other)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select

from db.models import DeferredSide, Flag, ReconciliationRun
from db.types import utcnow
from embeddings.encoder import Encoder, HashingEncoder
from embeddings.judge import Judge
from embeddings.rule_judge import RuleJudge
from reconcile.job import Reconciler, RunRequest
from service.config import Settings
from service.runtime import Runtime
from tests.reconcile.conftest import reconcile_settings
from tests.reconcile.corpus import flag_keys
from tests.reconcile.runs import store_cod_quotas
from tests.reconcile.test_reconcile import add_claim
from tests.reconcile.test_settled_findings import GOLD_200, GOLD_500, SILVER_500

FlagKey = tuple[str, str, str, str, str]
WHOLE = 50  # chunk size holding every claim of these records


def _run(
    settings: Settings, models: tuple[Encoder, Judge], chunk_size: int, request: RunRequest, engine: str = "local"
) -> None:
    runtime = Runtime.create(settings.model_copy(update={"reconcile_chunk_size": chunk_size}))
    runtime.use_models(*models)
    try:
        outcomes = Reconciler(runtime, engine=engine).run(request)
        assert [o.status for o in outcomes] == ["succeeded"], [(o.status, o.error) for o in outcomes]
    finally:
        runtime.close()


def _take_flags(runtime: Runtime) -> set[FlagKey]:
    """The record's flags, then a record with no flags and no runs again (the next run starts afresh)."""
    with runtime.session_factory() as session:
        flags = flag_keys(session)
        session.execute(delete(Flag))
        session.execute(delete(ReconciliationRun))
        session.commit()
    return flags


@pytest.fixture
def quotas(database_url: str, tmp_path: Path) -> Iterator[tuple[Runtime, set[frozenset[str | None]]]]:
    """The cod quotas (hashing encoder, rule judge), and the pairs their claims' own checks settle away."""
    runtime = Runtime.create(reconcile_settings(database_url, tmp_path))
    runtime.use_models(HashingEncoder(), RuleJudge())
    settled_away = store_cod_quotas(runtime)
    yield runtime, settled_away
    runtime.close()


def _same_flags_per_chunk_size(quotas: tuple[Runtime, set[frozenset[str | None]]], engine: str) -> None:
    runtime, settled_away = quotas
    models = (runtime.encoder, runtime.judge)
    _run(runtime.settings, models, WHOLE, RunRequest(full=True))
    whole = _take_flags(runtime)
    assert whole and not {frozenset(flag[2:4]) for flag in whole} & settled_away
    for chunk_size in (1, 2):
        _run(runtime.settings, models, chunk_size, RunRequest(full=True), engine=engine)
        assert _take_flags(runtime) == whole, chunk_size


def test_one_claim_per_chunk_raises_the_flags_of_one_chunk(quotas: tuple[Runtime, set[frozenset[str | None]]]) -> None:
    _same_flags_per_chunk_size(quotas, "local")


def test_one_claim_per_chunk_on_ray_raises_the_flags_of_one_chunk_locally(
    quotas: tuple[Runtime, set[frozenset[str | None]]], ray_cluster: None
) -> None:
    _same_flags_per_chunk_size(quotas, "ray")


@pytest.mark.slow
@pytest.mark.parametrize("full", [True, False], ids=["full", "incremental"])
def test_a_pair_settled_away_in_another_chunk_is_not_flagged(
    database_url: str,
    tmp_path: Path,
    minilm: Encoder,
    hybrid: Judge,
    full: bool,
) -> None:
    """Gold Mobile's own check reads Silver Telecom's 500,000 as uncorroborated; Silver Telecom's check, in a chunk
    of its own, has nothing to settle and reads the pair as entailing both ways: still no near-duplicate."""
    settings = reconcile_settings(database_url, tmp_path, encoder="minilm", judge="hybrid")
    runtime = Runtime.create(settings)
    runtime.use_models(minilm, hybrid)
    try:
        if not full:  # an incremental run, whose new claims are the three (each in a chunk of its own)
            add_claim(runtime, "The ferry to the island runs twice a day.", "Harbour Office", "2023-06-01", "ferry")
            _run(settings, (minilm, hybrid), WHOLE, RunRequest())
        since = utcnow()
        for key, text, speaker, said_at in (SILVER_500, GOLD_200, GOLD_500):
            add_claim(runtime, text, speaker, said_at, key)
        expected = {("self_contradiction", "contradicts", "gold-500", "gold-200", "open")}
        for chunk_size in (1, WHOLE):
            _run(settings, (minilm, hybrid), chunk_size, RunRequest(full=True) if full else RunRequest(since=since))
            with runtime.session_factory() as session:
                assert flag_keys(session) == expected, chunk_size
                session.execute(delete(Flag))
                session.commit()
    finally:
        runtime.close()


def test_a_run_interrupted_between_the_two_sides_of_a_pair_resumes_to_the_same_flags(
    quotas: tuple[Runtime, set[frozenset[str | None]]],
) -> None:
    """Stopped after its second chunk of one claim, the run holds the sides its chunks kept for later ones; resumed
    (another process would do the same: they were committed with the chunks), it raises the flags of one chunk."""
    runtime, _ = quotas
    models = (runtime.encoder, runtime.judge)
    _run(runtime.settings, models, WHOLE, RunRequest(full=True))
    whole = _take_flags(runtime)

    def stop_after_two(stage: str, done: int, _total: int) -> None:
        if stage == "check" and done == 2:
            raise KeyboardInterrupt

    stopped = Runtime.create(runtime.settings.model_copy(update={"reconcile_chunk_size": 1}))
    stopped.use_models(*models)
    try:
        with pytest.raises(KeyboardInterrupt):
            Reconciler(stopped, on_progress=stop_after_two).run(RunRequest(full=True))
    finally:
        stopped.close()
    with runtime.session_factory() as session:
        run = session.scalars(select(ReconciliationRun)).one()
        assert run.status == "running" and run.progress["claims_checked"] == 2
        # Sides of pairs whose other claim's chunk is still to come, committed with the run's progress.
        assert session.scalar(select(func.count()).select_from(DeferredSide).where(DeferredSide.run_id == run.id))
    _run(runtime.settings, models, 1, RunRequest(full=True))
    with runtime.session_factory() as session:
        assert session.scalars(select(ReconciliationRun)).one().status == "succeeded"
        assert not session.scalar(select(func.count()).select_from(DeferredSide))  # the run's end drops them
    assert _take_flags(runtime) == whole
