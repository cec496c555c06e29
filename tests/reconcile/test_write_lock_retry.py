"""Audit h166: on SQLite a nightly run queued while the API took many writes failed with ``database is locked``:
one of its short write transactions waited out the busy timeout for the write lock. A request that times out so is
answered 503 with Retry-After and its client tries again; the job has no client, so it tries again itself, with
back-off, for up to ``batch_write_retry_seconds``, and only then fails, saying why. Nothing of a transaction is
written before it has the lock (``BEGIN IMMEDIATE``), so trying again redoes no model work and writes nothing twice.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import func, select

import reconcile.job
import reconcile.report
from db.models import Flag
from db.repositories.runs import RunRepository
from embeddings.encoder import HashingEncoder
from embeddings.rule_judge import RuleJudge
from reconcile.job import Reconciler, RunRequest
from service.config import Settings
from service.runtime import Runtime
from tests.reconcile.conftest import reconcile_settings
from tests.reconcile.corpus import CorpusClaim, claim_id, flag_keys, load_corpus
from tests.reconcile.runs import forget_runs
from tests.write_lock import WriteLockHolder

Corpus = tuple[list[CorpusClaim], set[tuple[str, str, str]]]
BUSY_TIMEOUT_MS = 200
CHUNK = 7
CLAIMS = 3 * CHUNK


@pytest.fixture
def settings(database_url: str, tmp_path: Any) -> Settings:
    if not database_url.startswith("sqlite"):
        pytest.skip("SQLite's write lock: a PostgreSQL writer waits for row locks, with no busy timeout")
    return reconcile_settings(
        database_url, tmp_path, sqlite_busy_timeout_ms=BUSY_TIMEOUT_MS, reconcile_chunk_size=CHUNK
    )


@contextmanager
def _runtime(settings: Settings) -> Iterator[Runtime]:
    rt = Runtime.create(settings)
    rt.use_models(HashingEncoder(), RuleJudge())
    try:
        yield rt
    finally:
        rt.close()


def _block_on_call(
    monkeypatch: pytest.MonkeyPatch, owner: object, name: str, holder: WriteLockHolder, nth: int = 1
) -> list[int]:
    """Take the write lock (``holder``) just before the ``nth`` call of ``owner.name``: the transaction it opens, or
    the next one, waits for the lock. The list counts the calls."""
    original: Callable[..., Any] = getattr(owner, name)
    calls: list[int] = []

    def blocking(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        if len(calls) == nth:
            holder.start()
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, blocking)
    return calls


def _record(corpus: Corpus) -> list[CorpusClaim]:
    """Three chunks of claims, among them both claims of every planted finding (the run raises flags)."""
    planted = [c for c in corpus[0] if not c.key.startswith("record-")]
    return (planted + [c for c in corpus[0] if c.key.startswith("record-")])[:CLAIMS]


def _run(runtime: Runtime) -> tuple[str, str | None, dict[str, Any]]:
    [outcome] = Reconciler(runtime).run(RunRequest())
    with runtime.db.read() as session:
        run = RunRepository(session).get(outcome.run_id)
        assert run is not None
        return outcome.status, outcome.error, dict(run.progress)


def _counts(progress: dict[str, Any]) -> tuple[int, int, int]:
    return int(progress["embedded"]), int(progress["claims_checked"]), int(progress["pairs_judged"])


WHERE = {
    # a chunk of the embed stage: its vectors computed, its write waits
    "embed chunk": (reconcile.job, "encode_claim_texts", 2),
    # a chunk of the check stage: matched and judged, its flags and progress wait
    "check chunk": (reconcile.job, "_settle_across_chunks", 2),
    # the report written to files, the run's outcome waits
    "outcome": (reconcile.report, "write_report_files", 1),
}


@pytest.mark.parametrize("where", list(WHERE))
def test_a_write_that_waits_out_the_busy_timeout_is_tried_again_and_the_run_succeeds(
    settings: Settings, corpus: Corpus, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    owner, name, nth = WHERE[where]
    holder = WriteLockHolder(settings.database_url, hold_s=6 * BUSY_TIMEOUT_MS / 1000)
    encodes = _block_on_call(monkeypatch, reconcile.job, "encode_claim_texts", holder, nth=10**6)  # counts only
    _block_on_call(monkeypatch, owner, name, holder, nth)
    with _runtime(settings) as runtime:
        load_corpus(runtime.session_factory, _record(corpus))
        status, error, progress = _run(runtime)
        holder.join()
        assert (status, error) == ("succeeded", None)
        assert holder.held_s >= 5 * BUSY_TIMEOUT_MS / 1000, "the lock was not held for several busy timeouts"
        assert len(encodes) == CLAIMS // CHUNK, "model work was done again"
        assert _counts(progress) == (CLAIMS, CLAIMS, progress["pairs_judged"])
        with runtime.db.read() as session:
            blocked_flags = flag_keys(session)
        monkeypatch.undo()
        forget_runs(runtime)  # the same run again, nothing in the way (the vectors are there: nothing to embed)
        again_status, _, again = _run(runtime)
        with runtime.db.read() as session:
            unblocked_flags = flag_keys(session)
    assert again_status == "succeeded"
    assert blocked_flags and blocked_flags == unblocked_flags
    assert _counts(progress)[1:] == _counts(again)[1:]


def test_a_lock_held_past_the_retry_bound_fails_the_run_saying_why_with_no_half_written_chunk(
    settings: Settings, corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = settings.model_copy(update={"batch_write_retry_seconds": 1.0})
    holder = WriteLockHolder(settings.database_url, hold_s=60)
    flags_when_blocked: list[int] = []
    gave_up_after: list[float] = []
    original_settle = reconcile.job._settle_across_chunks
    original_fail = Reconciler._fail
    settles: list[int] = []

    def settle(*args: Any, **kwargs: Any) -> Any:
        settles.append(1)
        if len(settles) == 2:
            with runtime.db.read() as session:
                flags_when_blocked.append(int(session.scalar(select(func.count()).select_from(Flag)) or 0))
            holder.start()
        return original_settle(*args, **kwargs)

    def fail(self: Reconciler, run_id: str, error: str, *, last: bool = False) -> Any:
        gave_up_after.append(time.perf_counter() - holder.taken_at)
        holder.release.set()  # the other writer is done at last: the failure itself is recorded
        return original_fail(self, run_id, error, last=last)

    monkeypatch.setattr(reconcile.job, "_settle_across_chunks", settle)
    monkeypatch.setattr(Reconciler, "_fail", fail)
    with _runtime(settings) as runtime:
        load_corpus(runtime.session_factory, _record(corpus))
        status, error, progress = _run(runtime)
        holder.join()
        with runtime.db.read() as session:
            flags_after = int(session.scalar(select(func.count()).select_from(Flag)) or 0)
        monkeypatch.undo()
        next_status, _, _ = _run(runtime)  # the lock was released with the failure
    assert status == "failed"
    assert error is not None
    assert error.startswith("WriteLockTimeoutError: "), error
    assert "database is locked" in error and "CLAIMLEDGER_BATCH_WRITE_RETRY_SECONDS" in error, error
    assert gave_up_after[0] >= 1.0, "gave up before the retry bound"
    # The first check chunk is in, the second not at all: its progress, and its flags, are not there.
    first_chunk_ends = sorted(claim_id(c.key) for c in _record(corpus))[CHUNK - 1]
    assert (progress["stage"], progress["claims_checked"], progress["cursor"]) == ("check", CHUNK, first_chunk_ends)
    assert flags_after == flags_when_blocked[0]
    assert next_status == "succeeded"
