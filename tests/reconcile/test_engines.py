"""The check stage on Ray gives the flags of the local engine; a worker process runs what the API queues."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import delete, select

from db.models import Flag, ReconciliationRun
from reconcile.job import Reconciler, RunRequest, queue_run
from service.runtime import Runtime
from tests.conftest import run_cli
from tests.reconcile.corpus import CorpusClaim, flag_keys, load_corpus

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
