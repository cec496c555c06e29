"""The check stage on Ray gives the flags of the local engine, settled claims included; a worker process runs what the API queues."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import delete, select

from db.models import Flag, ReconciliationRun
from reconcile.job import Reconciler, RunRequest, queue_run
from service.runtime import Runtime
from tests.conftest import run_cli
from tests.reconcile.corpus import CorpusClaim, flag_keys, load_corpus
from tests.reconcile.runs import store_cod_quotas

Corpus = tuple[list[CorpusClaim], set[tuple[str, str, str]]]


def test_the_ray_engine_raises_the_flags_of_the_local_engine(
    runtime: Runtime, corpus: Corpus, ray_cluster: None
) -> None:
    claims, planted = corpus
    load_corpus(runtime.session_factory, claims)
    local = Reconciler(runtime).run(RunRequest())
    assert [o.status for o in local] == ["succeeded"]
    with runtime.session_factory() as session:
        local_flags = flag_keys(session)
        session.execute(delete(Flag))
        session.execute(delete(ReconciliationRun))
        session.commit()
    on_ray = Reconciler(runtime, engine="ray").run(RunRequest(full=True))
    assert [o.status for o in on_ray] == ["succeeded"]
    with runtime.session_factory() as session:
        assert flag_keys(session) == local_flags
    assert planted <= {(kind, *sorted((a, b))) for kind, _, a, b, _ in local_flags}
    assert on_ray[0].stats["counts"]["claims_checked"] == len(claims)


def test_the_ray_engine_settles_a_claims_matches_as_the_local_engine_does(runtime: Runtime, ray_cluster: None) -> None:
    """The rule judge reads 2000 as a year, so "2000 tonnes" entails the other quotas, which contradict each other:
    claims both entailed and contradicted, settled as /v1/check settles them (``CheckService.settled``), on either
    engine. No pair a claim's check reads as uncorroborated is flagged, and both engines raise the same flags."""
    settled_away = store_cod_quotas(runtime)

    local = Reconciler(runtime).run(RunRequest(full=True))
    assert [o.status for o in local] == ["succeeded"]
    with runtime.session_factory() as session:
        local_flags = flag_keys(session)
        session.execute(delete(Flag))
        session.execute(delete(ReconciliationRun))
        session.commit()
    assert local_flags and not {frozenset(flag[2:4]) for flag in local_flags} & settled_away
    on_ray = Reconciler(runtime, engine="ray").run(RunRequest(full=True))
    assert [o.status for o in on_ray] == ["succeeded"]
    with runtime.session_factory() as session:
        assert flag_keys(session) == local_flags
    assert on_ray[0].stats["counts"]["pairs_judged"] == local[0].stats["counts"]["pairs_judged"]


def test_the_worker_command_runs_a_queued_run(runtime: Runtime, corpus: Corpus, tmp_path: Path) -> None:
    claims, _ = corpus
    load_corpus(runtime.session_factory, claims[:20])
    with runtime.session_factory() as session:
        run = queue_run(session, RunRequest())
        session.commit()
        run_id = run.id
    env = {
        "CLAIMLEDGER_DATABASE_URL": runtime.settings.database_url,
        "CLAIMLEDGER_ENCODER": "hashing",
        "CLAIMLEDGER_JUDGE": "rules",
        "CLAIMLEDGER_REPORTS_DIR": str(tmp_path / "reports"),
    }
    done = run_cli("worker", "--once", env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    with runtime.session_factory() as session:
        status = session.scalars(select(ReconciliationRun.status).where(ReconciliationRun.id == run_id)).one()
    assert status == "succeeded"
