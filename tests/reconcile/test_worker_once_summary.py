"""Audit h126: `claimledger worker --once` after a worker was killed mid-run resumed the run it left `running` and
said "ran 1 queued reconciliation: ID succeeded", though nothing was queued; an operator reading the cron log
could not tell a new run from the resumption of last night's. The line now says which runs it resumed."""

from __future__ import annotations

import pytest

from reconcile.job import Interrupted, Reconciler, RunOutcome, RunRequest, queue_run
from reconcile.worker import QueueWorker, once_summary
from service.runtime import Runtime
from tests.reconcile.test_reconcile import add_claim


def _queued(runtime: Runtime, request: RunRequest) -> str:
    with runtime.session_factory() as session:
        run_id = queue_run(session, request).id
        session.commit()
    return run_id


def test_a_pass_that_resumes_a_run_a_worker_left_says_so(runtime: Runtime) -> None:
    for n in range(3):
        add_claim(
            runtime, f"Rail fares rose by {n + 2} percent last year.", f"Speaker {n}", f"2024-01-0{n + 1}", f"r{n}"
        )
    left = _queued(runtime, RunRequest())

    def stop_in_check(stage: str, done: int, _total: int) -> None:
        if stage == "check" and done > 0:
            raise Interrupted("SIGKILL stands in: the run stays running")

    with pytest.raises(Interrupted):
        Reconciler(runtime, on_progress=stop_in_check).run_queued(left)
    fresh = _queued(runtime, RunRequest(full=True))  # queued after the worker died: run after the resumption

    outcomes = QueueWorker(runtime).run_pending()
    # The queued run's turn resumes the left one first, under the same lock: both are told, in the order they ran.
    assert [(o.run_id, o.status, o.resumed) for o in outcomes] == [
        (left, "succeeded", True),
        (fresh, "succeeded", False),
    ]
    line = once_summary(outcomes)
    assert "ran 1 queued reconciliation and resumed 1 reconciliation left running" in line, line
    assert f"{left} succeeded (resumed)" in line and f"{fresh} succeeded" in line


def test_the_line_for_queued_runs_alone_is_as_before() -> None:
    assert once_summary([RunOutcome("a", "succeeded", {})]) == "worker: ran 1 queued reconciliation: a succeeded"
    assert once_summary([RunOutcome("a", "succeeded", {}, resumed=True)]) == (
        "worker: resumed 1 reconciliation left running: a succeeded (resumed)"
    )
