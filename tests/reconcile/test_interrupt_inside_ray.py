"""Audit h95: SIGTERM to `claimledger reconcile --engine ray` while the driver waits on Ray (``ray.get``/``ray.wait``,
most of a Ray run's time) failed the run with "SystemError: <built-in method __new__ ...> returned a result with an
exception set": Ray runs the signal handler inside its call and wraps what it raises. The run is now interrupted as
docs/scheduling.md says: still ``running`` (resumable), the lock released, the command's exit 1 "interrupted"."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from db.models import Lock, ReconciliationRun
from reconcile.job import Interrupted, Reconciler, RunRequest
from service.runtime import Runtime
from tests.reconcile.corpus import CorpusClaim, load_corpus

Corpus = tuple[list[CorpusClaim], set[tuple[str, str, str]]]


def _stopped_inside_ray(self: Reconciler, run_id: str) -> None:
    """What ``ray.get`` raises when the SIGTERM handler raised Interrupted inside it (Ray 2.60, measured)."""
    try:
        raise Interrupted("SIGTERM")
    except Interrupted as stop:
        raise SystemError("<built-in method __new__ of type object> returned a result with an exception set") from stop


def test_a_stop_wrapped_by_ray_interrupts_the_run_and_leaves_it_resumable(
    runtime: Runtime, corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_corpus(runtime.session_factory, corpus[0][:3])
    monkeypatch.setattr(Reconciler, "_stage_check", _stopped_inside_ray)
    with pytest.raises(Interrupted, match="SIGTERM"):
        Reconciler(runtime).run(RunRequest())
    with runtime.session_factory() as session:
        run = session.scalars(select(ReconciliationRun)).one()
        assert (run.status, run.error) == ("running", None)
        assert session.scalars(select(Lock).where(Lock.name == "reconcile")).first() is None
    monkeypatch.undo()
    [outcome] = Reconciler(runtime).run(RunRequest())
    assert (outcome.run_id, outcome.status) == (run.id, "succeeded")
    assert outcome.stats["run"]["resumes"] == 1
