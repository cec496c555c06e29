"""The nightly reconciliation: embed what lacks a vector, re-check changed claims against the whole record, raise
flags, report. Shared by `claimledger reconcile` and `POST /v1/reconciliations`.

A run is a row in ``reconciliation_runs``; it moves queued → running → succeeded | failed. Its work is done in
chunks of ``reconcile_chunk_size`` claims, and each chunk's flags, vectors and progress (``progress``: stage,
cursor, counters, timings) are committed in one transaction, together with a refresh of the run lock that fences
out a process whose lock was taken over (a chunk that finds over ``FLAG_SLICE`` flags, or whose flags take over
``FLAG_SLICE_SECONDS``, commits the ones before its last slice ahead of it, each slice fenced the same way, so no
transaction holds SQLite's write lock long; what a chunk notes for the report is rows of its own, never the run's
whole list again). A run killed at any point keeps status ``running``; the next start takes
the lock over and resumes it from its cursor. Flags are keyed by pair (``Flag.pair_key``), so re-doing a chunk
whose commit was lost, or re-checking a claim, never duplicates one; and a finding's copy outcome (``copies``
below) does not depend on whether its flag was raised before, so a chunk redone after its first slices were
committed counts what a run never interrupted counts.

Stages:

1. ``embed`` — claims with no vector from the configured encoder get one (``VectorIndex.claims_missing``); after
   an encoder change that is every claim, and the run widens to the whole record. Vectors of other models are
   dropped only once every claim has a new one, and searches only ever compare vectors of one model.
2. ``check`` — claims created or changed in the run's window (``since`` < ``updated_at`` ≤ ``cutoff``), in id
   order, are matched exactly as ``/v1/check`` matches a statement (``CheckService.matches``: top-k by dense +
   lexical retrieval, the matches judged in one batch, far-off matches neutral, a claim both entailed and
   contradicted settled as its check settles it: ``reconcile.chunks.check_chunk``, and a pair whose two claims
   search in two chunks settled as one chunk settles it: ``_settle_across_chunks``). A contradiction is a
   ``contradiction`` flag, or a ``self_contradiction`` when one source said both; a pair whose embeddings'
   cosine is at least ``duplicate_min_similarity`` and that does not contradict, or that entails both ways, is
   a ``near_duplicate`` (relation ``entails``). The flag's ``claim`` is the later statement (by ``said_at``).
   Which pairs: a full run has every claim search, so a pair is judged when either claim is among the other's
   top-k. An incremental (or ``since``) run has only the window's claims search, and also judges, from the older
   claim's side, the pairs an older claim's own search would find (``reconcile.chunks._reverse_pairs``): looked
   for among each window claim's first ``reconcile_reverse_candidates`` matches, those that could be flagged at
   all (cosine, then a judgement both ways) searched as the older claim's check would, and settled as that check
   settles them (its whole top-k). What it misses against a full run: an older claim past that depth, and the
   older claim's side of a pair each finds (docs/scheduling.md).
3. ``report`` — prunes expired Idempotency-Key records (``idempotency_ttl_hours``; counted in
   ``counts.idempotency_records_pruned``), then counts, new flags by kind, top contradictions, near-duplicate clusters, time per stage: stored as
   the run's ``stats`` and written as JSON and HTML under ``reports_dir``. The report reads every flag of the run
   in a read session (seconds for thousands of flags): no write transaction is open meanwhile.
"""

from __future__ import annotations

import logging
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from db.database import Database
from db.engine import patient_writes
from db.models import Claim, ClaimEmbedding, DeferredSide, ReconciliationRun
from db.repositories.claims import ClaimRepository
from db.repositories.flags import FlagRepository
from db.repositories.keys import IdempotencyRepository
from db.repositories.runs import LockRepository, RunRepository
from db.types import utcnow
from db.vector_index import VectorIndex
from embeddings.encoder import Encoder, model_key
from embeddings.judge import Judge, Judgement
from reconcile.chunks import ChunkClaim, ChunkResult, PairSide, ordered_pair, settled_pair
from reconcile.engines import ENGINES, CheckEngine, RayAddressInvalidError, RayConnection, make_engine
from reconcile.lock import WORKER_PRESENCE, DbLock, LockHeldError, LockLostError, worker_seen_since
from service.config import Settings
from service.runtime import Runtime
from service.services.claims import ClaimWriter, EncoderStamp, encode_claim_texts
from service.services.flags import CONTRADICTION_KINDS, Finding, FlagService
from service.webhooks.events import RECONCILIATION_FINISHED
from service.webhooks.outbox import emit

log = logging.getLogger("claimledger.reconcile")

ORIGIN = "reconcile"
STAGES = ("embed", "check", "report")
# A queued run is failed as abandoned once it has waited this long while no batch worker was alive to start it
# (a run waiting behind a long run, with a worker there, waits as long as it takes).
QUEUED_TIMEOUT = timedelta(hours=1)
ABANDONED = (
    "abandoned: queued for over an hour while no batch worker was running to start it"
    " (start `claimledger worker`, or `claimledger serve` with its batch worker, and queue it again)"
)
# What shapes a run's findings besides the models (recorded when it starts; a resume uses the recorded values).
RUN_SETTINGS = ("reconcile_top_k", "duplicate_min_similarity", "reconcile_reverse_candidates")
NEAR_DUPLICATE_SIGNAL = "near_duplicate"
# Findings whose flags one write transaction raises. A chunk of look-alike claims can find thousands (each flag
# a few queries and its webhook deliveries: seconds each thousand), and on SQLite every other writer, the API's
# requests among them, waits while a transaction holds the write lock: the ones before a chunk's last slice are
# committed on their own, and the last goes with the chunk's progress. Redoing a chunk after a crash re-raises
# nothing (flags are unique per pair), so an early slice needs no progress of its own.
FLAG_SLICE = 25
# ... and fewer when they take longer than this (many subscriptions, each a delivery row per flag; a loaded machine).
FLAG_SLICE_SECONDS = 0.5
# On SQLite, the pause after each slice (a share of the time the slice held the write lock, within bounds): a writer
# waiting for the lock tries again every 100 ms at most (SQLite's busy handler), and slices committed with no gap
# left it out for their whole chain (measured: 0.3 s transactions back to back failed 3 of 4 writes after a 5 s
# busy timeout; with 50 ms gaps none, the slowest write 0.13 s).
WRITE_GAP_SHARE = 0.2
WRITE_GAP_SECONDS = (0.05, 0.1)

ProgressCallback = Callable[[str, int, int], None]


def _said_in_one_line(exc: BaseException) -> bool:
    """Whether a run's failure is told by its reason alone, not a traceback of the job's code: something it relies on
    went away (the database's connection, a Ray cluster, a Ray worker process killed by the OOM killer or an
    operator: the next start checks its claims again, or resumes the run where its failure could not be recorded), or
    a worker's Ray address is a typo. A lost PostgreSQL connection printed 60 lines before its one-line error."""
    if isinstance(exc, OperationalError | InterfaceError | ConnectionError | RayAddressInvalidError):
        return True
    ray = sys.modules.get("ray")
    return ray is not None and isinstance(exc, ray.exceptions.RayActorError)


@dataclass(frozen=True, slots=True)
class RunRequest:
    """What to reconcile: incremental by default, from ``since``, or the whole record (``full``)."""

    full: bool = False
    since: datetime | None = None

    def __post_init__(self) -> None:
        if self.full and self.since is not None:
            raise ValueError("a full run re-checks everything: give --full or --since, not both")


@dataclass(slots=True)
class RunOutcome:
    run_id: str
    status: str
    stats: dict[str, Any]
    error: str | None = None
    resumed: bool = False  # the run was left ``running`` (killed, stopped) and this process finished it


class Interrupted(Exception):  # noqa: N818 (it is a signal, not an error)
    """SIGTERM or Ctrl-C: the run stays ``running`` and resumes on the next start."""


def _interrupt_behind(exc: BaseException) -> Interrupted | KeyboardInterrupt | None:
    """The stop (SIGTERM, Ctrl-C) an exception stands for. Ray runs the process's signal handlers inside its own calls
    (``ray.get``, ``ray.wait``: most of a Ray run's time) and turns what they raise into a ``SystemError`` caused by
    it, which failed the run instead of interrupting it (resumable, the lock released)."""
    seen: set[int] = set()
    cause: BaseException | None = exc
    while cause is not None and id(cause) not in seen:
        if isinstance(cause, Interrupted | KeyboardInterrupt):
            return cause
        seen.add(id(cause))
        cause = cause.__cause__ or cause.__context__
    return None


class Reconciler:
    def __init__(
        self,
        runtime: Runtime,
        *,
        on_progress: ProgressCallback | None = None,
        on_message: Callable[[str], None] | None = None,
        engine: str = "local",
        ray_address: str | None = None,
        ray_connection: RayConnection | None = None,
    ) -> None:
        if engine not in ENGINES:
            raise ValueError(f"unknown engine {engine!r}: one of {', '.join(ENGINES)}")
        self.engine_name = engine
        self.ray_address = ray_address
        # Held by a batch worker for its life (its actors then outlive the run); None: the run connects on its own.
        self.ray_connection = ray_connection
        self._check_engine: CheckEngine | None = None
        self.settings: Settings = runtime.settings
        self._own_settings: Settings = runtime.settings
        self.started_by = "cli"  # or "worker": a batch worker resumes only the runs a worker started
        self.db: Database = runtime.db
        self.session_factory: sessionmaker[Session] = runtime.session_factory
        # Look-ups (matching, finding claims) go through read sessions: on SQLite deferred transactions, which hold
        # no write lock, so the API's writers and the lock's heartbeat are never starved by the job's reads.
        self.read_factory: sessionmaker[Session] = runtime.read_factory
        self.encoder: Encoder = runtime.encoder
        self.judge: Judge = runtime.judge
        self.on_progress = on_progress or (lambda _stage, _done, _total: None)
        self.on_message = on_message or (lambda message: log.info("%s", message))
        self.lock = new_lock(runtime)
        # What ``run_queued`` resumed before the run it was given (runs left ``running``), for the worker to tell.
        self.resumed_first: list[RunOutcome] = []

    # -- entry points ------------------------------------------------------------------------------------------

    def run(self, request: RunRequest) -> list[RunOutcome]:
        """Take the lock (or raise LockHeldError), finish any interrupted run, then run the request.

        An interrupted run with the same parameters is the request: resuming it is all that is done.
        """
        with self._patient_writes(), self._locked():
            orphans = self._sweep(abandon=True)
            resumes_request = any(asked == request for _, asked in orphans)
            outcomes = [
                self._execute(run_id, last=resumes_request and index == len(orphans) - 1)
                for index, (run_id, _) in enumerate(orphans)
            ]
            if resumes_request:
                return outcomes
            with self.session_factory() as session:
                run = RunRepository(session).add(ReconciliationRun(full=request.full, since=request.since))
                session.commit()
            outcomes.append(self._execute(run.id, last=True))
            return outcomes

    def run_queued(self, run_id: str) -> RunOutcome:
        """Run a row queued by the API. While another process holds the lock (a `claimledger reconcile`, another
        worker) the row stays queued, and the outcome says so (status ``queued``, the holder as its error): the
        worker tries again on its next pass."""
        self.started_by = "worker"
        try:
            with self._patient_writes(), self._locked():
                for orphan, _ in self._sweep(abandon=False):
                    if orphan != run_id:
                        self.resumed_first.append(self._execute(orphan))
                return self._execute(run_id, last=True)
        except LockHeldError as exc:
            return RunOutcome(run_id, "queued", {}, str(exc))

    # -- locking and bookkeeping ---------------------------------------------------------------------------

    def _patient_writes(self) -> AbstractContextManager[None]:
        """The run's write transactions (a chunk's flags and progress, a stage's end, the outcome) wait out an API
        busy with writes (SQLite: a busy timeout is tried again, for up to ``batch_write_retry_seconds``) instead of
        failing the run: no client retries for it. A new try begins the transaction again before it has written
        anything, so no model work is redone and nothing is written twice."""
        return patient_writes(self.settings.batch_write_retry_seconds, "CLAIMLEDGER_BATCH_WRITE_RETRY_SECONDS")

    @contextmanager
    def _locked(self) -> Iterator[None]:
        self.lock.acquire()
        try:
            yield
        finally:
            if not self.lock.lost:
                self.lock.release()
            self.close()

    def _sweep(self, *, abandon: bool) -> list[tuple[str, RunRequest]]:
        """Runs left ``running`` by a process that died (we hold the lock, so none is live), to resume, with what
        each was asked to do. With ``abandon`` (a sweep by no worker), queued runs nobody will start are failed."""
        with self.session_factory() as session:
            runs = RunRepository(session)
            orphans = [
                (r.id, RunRequest(full=r.full, since=None if r.full else r.since)) for r in runs.with_status("running")
            ]
            if abandon:
                _abandon_unstartable(session)
            session.commit()
        return orphans

    def _fail(self, run_id: str, error: str, *, last: bool = False) -> RunOutcome:
        """Record the run as failed; ``last`` (the lock is ours and nothing follows) frees the lock in the same
        commit."""
        with self._outcome_session(last) as session:
            run = RunRepository(session).get(run_id)
            if run is None:
                raise LookupError(f"no reconciliation run {run_id}")
            run.status, run.error, run.finished_at = "failed", error, utcnow()
            run.heartbeat_at = run.finished_at
            RunRepository(session).drop_rejudged(run_id)
            session.execute(delete(DeferredSide).where(DeferredSide.run_id == run_id))
            emit(session, RECONCILIATION_FINISHED, run)
            outcome = RunOutcome(run.id, run.status, dict(run.stats or {}), run.error)
        return outcome

    @contextmanager
    def _outcome_session(self, last: bool) -> Iterator[Session]:
        """The session that records a run's outcome, committed on leaving. ``last`` (the lock is ours and nothing
        follows): the same commit frees the lock, so no one can read the run finished while a new one is refused.
        The heartbeat stops before the transaction writes: on SQLite a beat would wait on it."""
        if last:
            self.lock.stop_heartbeat()
        with self.session_factory() as session:
            yield session
            if last and not self.lock.lost:
                self.lock.release_in(session)
            session.commit()

    # -- one run -------------------------------------------------------------------------------------------------

    def _execute(self, run_id: str, *, last: bool = False) -> RunOutcome:
        """Run (or resume) one run to its end. ``last``: nothing more is done under this lock, so the commit that
        records the outcome also releases the lock (no moment where a run reads finished but a new one is refused).
        """
        with self.session_factory() as session:
            run = RunRepository(session).get(run_id)
            if run is None:
                raise LookupError(f"no reconciliation run {run_id}")
            if run.status not in ("queued", "running"):
                return RunOutcome(run.id, run.status, dict(run.stats or {}), run.error)
            now = utcnow()
            resumed = run.status == "running"
            if run.status == "queued":
                self._use_settings(self._own_settings)
                run.status, run.started_at, run.cutoff = "running", now, now
                run.progress = self._initial_progress(session, run)
            else:
                progress = dict(run.progress)
                progress["resumes"] = int(progress.get("resumes", 0)) + 1
                self._adopt_run_settings(progress)
                run.progress = progress
                self.on_message(f"resuming interrupted run {run.id} at stage {progress.get('stage')}")
            run.heartbeat_at = now
            self.lock.confirm(session)
            session.commit()
        try:
            self._stage_embed(run_id)
            self._stage_check(run_id)
            stats = self._stage_report(run_id, last=last)
        except (LockLostError, Interrupted, KeyboardInterrupt):
            raise
        except Exception as exc:
            if (interrupt := _interrupt_behind(exc)) is not None:
                raise interrupt from None
            if _said_in_one_line(exc):
                reason = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
                log.error("reconciliation run %s failed: %s: %s", run_id, type(exc).__name__, reason)
            else:
                log.exception("reconciliation run %s failed", run_id)
            failed = self._fail(run_id, f"{type(exc).__name__}: {exc}", last=last)
            failed.resumed = resumed
            return failed
        return RunOutcome(run_id, "succeeded", stats, resumed=resumed)

    def _initial_progress(self, session: Session, run: ReconciliationRun) -> dict[str, Any]:
        if run.full:
            scope, since = "full", None
        elif run.since is not None:
            scope, since = "since", run.since
        else:
            last = RunRepository(session).last_succeeded()
            if last is None or last.cutoff is None:
                scope, since = "initial", None
            else:
                scope = "incremental"
                since = last.cutoff - timedelta(seconds=self.settings.reconcile_overlap_seconds)
        return {
            "stage": "embed",
            "scope": scope,
            "since": since.isoformat() if since else None,
            "model_key": model_key(self.encoder),
            "judge": f"{self.judge.name}@{self.judge.version}",
            "settings": {name: getattr(self.settings, name) for name in RUN_SETTINGS},
            "started_by": self.started_by,
            "model_changed": None,
            "embedded": 0,
            "vectors_dropped": 0,
            "cursor": None,
            "check_total": None,
            "claims_checked": 0,
            "pairs_judged": 0,
            "reverse_pairs_judged": 0,
            "chunks": 0,
            "resumes": 0,
            "timings": dict.fromkeys(("embed", "engine", "retrieve", "judge", "flag", "report"), 0.0),
        }

    def _use_settings(self, settings: Settings) -> None:
        """Run with ``settings``; a check engine built with others is stopped (the next stage builds a new one)."""
        if settings != self.settings:
            self.close()
            self.settings = settings

    def _adopt_run_settings(self, progress: dict[str, Any]) -> None:
        """A resume checks with the settings the run started with (so its results do not depend on who finishes
        it); a judge that changed meanwhile cannot be swapped back, so the run's progress (and report) says so."""
        recorded = progress.get("settings") or {}
        self._use_settings(self._own_settings.model_copy(update=recorded))
        differing = [
            f"{n}: {v} (this process: {getattr(self._own_settings, n)})"
            for n, v in recorded.items()
            if v != getattr(self._own_settings, n)
        ]
        if differing:
            self.on_message(f"resuming with the run's own settings: {', '.join(differing)}")
        judge = f"{self.judge.name}@{self.judge.version}"
        if progress.get("judge") != judge:
            changes = list(progress.get("settings_changed") or [])
            changes.append(f"judge: {progress.get('judge')} -> {judge} at resume {progress['resumes']}")
            progress["settings_changed"] = changes
            self.on_message(f"the judge changed since the run started: {progress.get('judge')} -> {judge}")

    def _progress(self, session: Session, run_id: str) -> tuple[ReconciliationRun, dict[str, Any]]:
        run = RunRepository(session).get(run_id)
        if run is None:
            raise LookupError(f"no reconciliation run {run_id}")
        return run, dict(run.progress)

    def _commit_chunk(self, session: Session, run: ReconciliationRun, progress: dict[str, Any]) -> None:
        """Write the chunk's progress and commit it with its work, if and only if we still hold the lock."""
        progress["chunks"] = int(progress["chunks"]) + 1
        run.progress = progress
        run.heartbeat_at = utcnow()
        self.lock.confirm(session)
        self._maybe_pause(int(progress["chunks"]))
        session.commit()

    def _maybe_pause(self, chunk: int) -> None:
        if self.settings.reconcile_pause_before_commit and chunk == self.settings.reconcile_pause_before_commit:
            sys.stderr.write(f"reconcile: paused before committing chunk {chunk}\n")  # one write: no log line within
            sys.stderr.flush()
            while True:  # until killed: the resume tests SIGKILL the process here
                time.sleep(60)

    # -- stage 1: embed --------------------------------------------------------------------------------------

    def _stage_embed(self, run_id: str) -> None:
        key = model_key(self.encoder)
        with self.session_factory() as session:
            run, progress = self._progress(session, run_id)
            if progress["stage"] != "embed" and progress["model_key"] == key:
                return
            if progress["model_key"] != key:  # the encoder changed while this run was interrupted
                progress.update(stage="embed", model_key=key, cursor=None, check_total=None, model_changed=None)
            if progress["model_changed"] is None:
                changed = _has_other_models(session, key)
                progress["model_changed"] = changed
                if changed and progress["scope"] != "full":
                    self.on_message(f"encoder changed to {key}: re-embedding and re-checking the whole record")
                    progress["scope"], progress["since"] = "full", None
            run.progress = progress
            session.commit()
            total = _count_missing(session, key)
            session.commit()
        done = 0
        self.on_progress("embed", done, total)
        chunk_size = self.settings.reconcile_chunk_size
        while True:
            started = time.perf_counter()
            with self.read_factory() as reader:
                claims = VectorIndex(reader).claims_missing(key, chunk_size)
            if not claims:
                break
            vectors = encode_claim_texts(self.encoder, [c.text for c in claims])  # no transaction open
            with self.session_factory() as session:
                ClaimWriter(session).index(claims, list(vectors), EncoderStamp.of(self.encoder))
                run, progress = self._progress(session, run_id)
                progress["embedded"] = int(progress["embedded"]) + len(claims)
                _add_time(progress, "embed", time.perf_counter() - started)
                self._commit_chunk(session, run, progress)
            done += len(claims)
            self.on_progress("embed", min(done, total), max(total, done))
        with self.session_factory() as session:
            run, progress = self._progress(session, run_id)
            dropped = VectorIndex(session).drop_other_models(key)
            progress["vectors_dropped"] = int(progress["vectors_dropped"]) + dropped
            progress["stage"] = "check"
            run.progress = progress
            self.lock.confirm(session)
            session.commit()

    # -- stage 2: check ------------------------------------------------------------------------------------

    def _stage_check(self, run_id: str) -> None:
        with self.session_factory() as session:
            run, progress = self._progress(session, run_id)
            if progress["stage"] != "check":
                return
            assert run.cutoff is not None
            cutoff = run.cutoff
            since = datetime.fromisoformat(progress["since"]) if progress["since"] else None
            if progress["check_total"] is None:
                progress["check_total"] = _count_changed(session, since, cutoff)
                run.progress = progress
                session.commit()
            total = int(progress["check_total"])
            done = int(progress["claims_checked"])
            cursor: str | None = progress["cursor"]
            if cursor is None:  # from the start (again, after an encoder change): no side of an earlier pass
                session.execute(delete(DeferredSide).where(DeferredSide.run_id == run_id))
                session.commit()
        if self.db.hnsw_upkeep is not None:
            # A record past exact search gets its HNSW index before thousands of searches scan it whole.
            self.db.hnsw_upkeep.request()
            self.db.hnsw_upkeep.wait()
        self.on_progress("check", done, total)
        judge_version = f"{self.judge.name}@{self.judge.version}"
        started = time.perf_counter()
        engine = self._engine()
        with self.session_factory() as session:  # starting workers (a Ray cluster, its actors' models) takes time
            run, progress = self._progress(session, run_id)
            _add_time(progress, "engine", time.perf_counter() - started)
            run.progress = progress
            self.lock.confirm(session)
            session.commit()
        for chunk, result in engine.map(self._chunks(since, cutoff, cursor), since):
            if self.lock.lost:
                raise LockLostError("the run lock was taken over; stopping")
            started = held = time.perf_counter()
            copies: Counter[str] = Counter()  # findings that were copy pairs (``FlagService.copy_outcomes``)
            with self.session_factory() as session:
                across = _settle_across_chunks(session, run_id, chunk, result, since, cutoff)
                settled, judged = across.findings, across.judged
                findings = self._raise_flags(session, settled, run_id, judge_version, copies)
                while findings:  # a slice of its own; the last one commits with the chunk's progress
                    self.lock.confirm(session)
                    session.commit()
                    self._let_writers_in(time.perf_counter() - held)
                    held = time.perf_counter()
                    findings = self._raise_flags(session, findings, run_id, judge_version, copies)
                run, progress = self._progress(session, run_id)
                across.write(session)  # with the chunk's progress: a chunk redone reads the sides as they were
                for outcome, n in copies.items():
                    progress[outcome] = int(progress.get(outcome, 0)) + n
                progress["cursor"] = chunk[-1].id
                progress["claims_checked"] = int(progress["claims_checked"]) + len(chunk)
                progress["pairs_judged"] = int(progress["pairs_judged"]) + result.pairs_judged
                reverse = int(progress.get("reverse_pairs_judged", 0)) + result.reverse_pairs_judged
                progress["reverse_pairs_judged"] = reverse
                _note_rejudged(session, run_id, chunk, judged, settled)
                _add_time(progress, "retrieve", result.retrieve_s)
                _add_time(progress, "judge", result.judge_s)
                _add_time(progress, "flag", time.perf_counter() - started)
                self._commit_chunk(session, run, progress)
            done += len(chunk)
            self.on_progress("check", min(done, total), max(total, done))
        copies = Counter()
        with self.session_factory() as session:
            held = time.perf_counter()
            findings = _left_deferred(session, run_id)
            while findings := self._raise_flags(session, findings, run_id, judge_version, copies):
                self.lock.confirm(session)
                session.commit()
                self._let_writers_in(time.perf_counter() - held)
                held = time.perf_counter()
            run, progress = self._progress(session, run_id)
            for outcome, n in copies.items():
                progress[outcome] = int(progress.get(outcome, 0)) + n
            session.execute(delete(DeferredSide).where(DeferredSide.run_id == run_id))
            progress["stage"] = "report"
            run.progress = progress
            self.lock.confirm(session)
            session.commit()

    @staticmethod
    def _raise_flags(
        session: Session, findings: Sequence[Finding], run_id: str, judge_version: str, copies: Counter[str]
    ) -> Sequence[Finding]:
        """Raise flags for a slice of the findings, ``FLAG_SLICE`` of them or as many as ``FLAG_SLICE_SECONDS``
        allows (a flag costs more with more webhook subscriptions, and on a busy machine); the findings left.
        ``copies`` counts the findings that were copies of one statement, or a flag's copies, and raised none."""
        flags = FlagService(session)
        deadline = time.perf_counter() + FLAG_SLICE_SECONDS
        try:
            for done, finding in enumerate(findings[:FLAG_SLICE], start=1):
                flags.raise_for_finding(finding, ORIGIN, run_id=run_id, judge_version=judge_version)
                if time.perf_counter() > deadline:
                    return findings[done:]
            return findings[FLAG_SLICE:]
        finally:
            copies.update(flags.copy_outcomes)

    def _let_writers_in(self, held_s: float) -> None:
        """Between two write transactions of the job, leave SQLite's write lock free for a while (a share of the
        time it was held): a writer waiting for it retries only every so often, and slices committed back to back
        kept it out until its busy timeout, a 503 for the API, though none of them was long."""
        if self.db.dialect == "sqlite":
            time.sleep(min(max(held_s * WRITE_GAP_SHARE, WRITE_GAP_SECONDS[0]), WRITE_GAP_SECONDS[1]))

    def _chunks(self, since: datetime | None, cutoff: datetime, cursor: str | None) -> Iterator[list[ChunkClaim]]:
        """The window's claims in id order from ``cursor``, a chunk at a time, each read in its own short read."""
        while True:
            with self.read_factory() as reader:
                claims = ClaimRepository(reader).changed_since(
                    since, cutoff, cursor, self.settings.reconcile_chunk_size
                )
            if not claims:
                return
            cursor = claims[-1].id
            yield [ChunkClaim.of(c) for c in claims]

    def _engine(self) -> CheckEngine:
        if self._check_engine is None:
            self._check_engine = make_engine(self.engine_name, self, self.ray_address)
        return self._check_engine

    def close(self) -> None:
        """Stop the check engine's workers (a Ray engine's actors); the runtime is the caller's to close."""
        if self._check_engine is not None:
            self._check_engine.close()
            self._check_engine = None

    # -- stage 3: report -------------------------------------------------------------------------------------

    def _stage_report(self, run_id: str, *, last: bool = False) -> dict[str, Any]:
        from db.vector_mirror import CHANGE_LOG_KEEP, prune_change_log
        from reconcile.report import build_report, write_report_files

        started = time.perf_counter()
        with self.session_factory() as session:
            run, progress = self._progress(session, run_id)
            finished = utcnow()
            # Housekeeping: Idempotency-Key replies past their time-to-live are never replayed again.
            expired_before = finished - timedelta(hours=self.settings.idempotency_ttl_hours)
            pruned = int(progress.get("idempotency_pruned", 0)) + IdempotencyRepository(session).prune(expired_before)
            progress["idempotency_pruned"] = pruned
            # The vector change log (SQLite) needs only what a serving process may not have replayed yet.
            prune_change_log(session, CHANGE_LOG_KEEP)
            run.progress = progress
            session.commit()
        # The report reads every flag the run raised (seconds for thousands): in a read session, so that SQLite's
        # write lock, which the API's writers wait on, is not held meanwhile.
        with self.read_factory() as reader:
            run, _ = self._progress(reader, run_id)
            report = build_report(reader, run, progress, self.settings, finished)
        report["counts"]["idempotency_records_pruned"] = pruned
        if progress.get("settings_changed"):  # what a resume could not keep as the run started (the judge)
            report["settings_changed"] = progress["settings_changed"]
        _add_time(progress, "report", time.perf_counter() - started)
        report["timings_s"] = _timings(progress)
        try:
            report["reports"] = write_report_files(report, self.settings.reports_dir)
        except OSError as exc:  # the flags are in; a full disk must not fail the run
            log.exception("writing the report files failed")
            report["reports"] = {"error": f"{type(exc).__name__}: {exc}"}
        with self._outcome_session(last) as session:
            run, _ = self._progress(session, run_id)
            progress["stage"] = "done"
            run.progress = progress
            run.stats = report
            run.status, run.finished_at, run.heartbeat_at = "succeeded", finished, finished
            RunRepository(session).drop_rejudged(run_id)  # the report holds what they said
            self.lock.confirm(session)
            emit(session, RECONCILIATION_FINISHED, run)  # committed with the outcome, or not at all
        return report


# -- helpers ------------------------------------------------------------------------------------------------


def new_lock(runtime: Runtime) -> DbLock:
    return DbLock(
        runtime.session_factory,
        stale_after=runtime.settings.reconcile_lock_stale_seconds,
        heartbeat_every=runtime.settings.reconcile_heartbeat_seconds,
    )


def _add_time(progress: dict[str, Any], stage: str, seconds: float) -> None:
    timings = dict(progress.get("timings") or {})
    timings[stage] = round(float(timings.get(stage, 0.0)) + seconds, 6)
    progress["timings"] = timings


def _timings(progress: dict[str, Any]) -> dict[str, float]:
    timings = {k: round(float(v), 3) for k, v in (progress.get("timings") or {}).items()}
    timings["total"] = round(sum(timings.values()), 3)
    return timings


def _note_rejudged(
    session: Session, run_id: str, chunk: list[ChunkClaim], judged: set[tuple[str, str]], findings: Sequence[Finding]
) -> None:
    """Open contradiction flags from before this run whose pair the chunk judged again (``judged``, its
    ``findings``: settled across chunks, ``_settle_across_chunks``), noted for the report
    (``RunRepository.note_rejudged``: rows for this chunk's flags only, so the chunk's transaction does not grow
    with the run): still contradicting, or no longer (the threshold or the judge changed). The job already judges
    every flagged pair it meets, so this is one look-up per chunk; the flags themselves are left for a reviewer. A
    pair found contradicting from either side counts as still contradicting (a chunk redone after a lost commit
    adds nothing).
    """
    if not judged:
        return
    contradicting = {ordered_pair(f.claim_id, f.other_claim_id) for f in findings if f.kind in CONTRADICTION_KINDS}
    still: set[str] = set()
    gone: set[str] = set()
    flags = FlagRepository(session).open_pairs_touching([c.id for c in chunk], CONTRADICTION_KINDS, run_id)
    for flag_id, claim_id, other_id in flags:
        pair = ordered_pair(claim_id, other_id)
        if pair in judged:
            (still if pair in contradicting else gone).add(flag_id)
    RunRepository(session).note_rejudged(run_id, still, gone - still)


@dataclass(slots=True)
class AcrossChunks:
    """A chunk's findings settled across chunks (``_settle_across_chunks``): to raise now, the pairs it decided,
    and the sides it keeps for later chunks and those of earlier ones it settled (written with its progress)."""

    findings: list[Finding]
    judged: set[tuple[str, str]]
    kept: list[DeferredSide]
    used: list[DeferredSide]

    def write(self, session: Session) -> None:
        for side in self.used:
            session.delete(side)
        session.add_all(self.kept)


def _settle_across_chunks(
    session: Session,
    run_id: str,
    chunk: list[ChunkClaim],
    result: ChunkResult,
    since: datetime | None,
    cutoff: datetime,
) -> AcrossChunks:
    """The chunk's findings, with its pairs whose other claim searches in another chunk of the run settled as one
    chunk would settle them (``settled_pair``).

    A pair's side found here whose other claim searches in a later chunk (in the window, a higher id: chunks go in
    id order) is kept (a ``DeferredSide`` row, written with this chunk's progress) and raises nothing yet; the later
    chunk settles it with its own side, or with none where its claim does not find this one. So a pair one side's
    check settled away raises no flag from the other side's chunk either, whichever comes first, and the stronger
    side's finding is the pair's, whatever the chunk size."""
    ours = {c.id for c in chunk}
    findings: dict[tuple[str, str], Finding | None] = {
        ordered_pair(f.claim_id, f.other_claim_id): f for f in result.findings
    }
    settled = {(a, b) for a, b in result.settled}
    judged = set(result.judged)
    one_sided = {
        pair: (pair[1] if pair[0] in ours else pair[0])
        for pair in findings.keys() | settled
        if (pair[0] in ours) != (pair[1] in ours)
    }
    later = _searching_later(session, set(one_sided.values()), since, cutoff, chunk[-1].id)
    kept: list[DeferredSide] = []
    for pair, other in sorted(one_sided.items()):
        if other in later:
            own = pair[0] if pair[1] == other else pair[1]
            finding = findings.pop(pair, None)
            stored = None if finding is None else asdict(finding)
            kept.append(
                DeferredSide(run_id=run_id, claim_id=other, other_claim_id=own, settled=pair in settled, finding=stored)
            )
            judged.discard(pair)
    used: list[DeferredSide] = []
    for start in range(0, len(chunk), 500):
        ids = [c.id for c in chunk[start : start + 500]]
        stmt = select(DeferredSide).where(DeferredSide.run_id == run_id, DeferredSide.claim_id.in_(ids))
        used.extend(session.scalars(stmt.order_by(DeferredSide.claim_id, DeferredSide.other_claim_id)))
    for side in used:
        pair = ordered_pair(side.claim_id, side.other_claim_id)
        theirs = PairSide(_finding_of(side.finding), side.settled)
        findings[pair] = settled_pair([theirs, PairSide(findings.get(pair), pair in settled)])
        judged.add(pair)
    return AcrossChunks([f for f in findings.values() if f is not None], judged, kept, used)


def _searching_later(
    session: Session, ids: set[str], since: datetime | None, cutoff: datetime, after_id: str
) -> set[str]:
    """Which of ``ids`` search in a later chunk of the run: in its window, past ``after_id`` in id order (the
    order ``ClaimRepository.changed_since`` gives the chunks)."""
    found: set[str] = set()
    wanted = sorted(ids)  # the database compares the ids, as it orders the chunks
    for start in range(0, len(wanted), 500):
        stmt = select(Claim.id).where(
            Claim.id.in_(wanted[start : start + 500]), Claim.id > after_id, Claim.updated_at <= cutoff
        )
        if since is not None:
            stmt = stmt.where(Claim.updated_at > since)
        found.update(session.scalars(stmt))
    return found


def _finding_of(stored: dict[str, Any] | None) -> Finding | None:
    if stored is None:
        return None
    return Finding(**{**stored, "judgement": Judgement(**stored["judgement"])})


def _left_deferred(session: Session, run_id: str) -> list[Finding]:
    """The kept sides whose later chunk never came (its claim changed past the run's cutoff): their findings stand,
    as before the settling across chunks. A deleted claim's sides went with it."""
    stmt = select(DeferredSide.finding).where(DeferredSide.run_id == run_id)
    stmt = stmt.order_by(DeferredSide.claim_id, DeferredSide.other_claim_id)
    return [f for stored in session.scalars(stmt) if (f := _finding_of(stored)) is not None]


def _has_other_models(session: Session, key: str) -> bool:
    stmt = select(ClaimEmbedding.id).where(ClaimEmbedding.model_key != key).limit(1)
    return session.scalars(stmt).first() is not None


def _count_missing(session: Session, key: str) -> int:
    embedded = session.scalar(select(func.count()).select_from(ClaimEmbedding).where(ClaimEmbedding.model_key == key))
    return max(0, ClaimRepository(session).count() - int(embedded or 0))


def _count_changed(session: Session, since: datetime | None, cutoff: datetime) -> int:
    stmt = select(func.count()).select_from(Claim).where(Claim.updated_at <= cutoff)
    if since is not None:
        stmt = stmt.where(Claim.updated_at > since)
    return int(session.scalar(stmt) or 0)


def _abandon_unstartable(session: Session) -> None:
    """Fail the queued runs that waited over QUEUED_TIMEOUT while no batch worker was alive: nobody is there to
    start them. Presence rows of workers long dead are pruned on the way."""
    now = utcnow()
    LockRepository(session).prune(WORKER_PRESENCE, now - QUEUED_TIMEOUT)
    if worker_seen_since(session, now - QUEUED_TIMEOUT):
        return
    for run in RunRepository(session).with_status("queued"):
        if run.created_at < now - QUEUED_TIMEOUT:
            run.status, run.finished_at, run.error = "failed", now, ABANDONED
            emit(session, RECONCILIATION_FINISHED, run)


# -- the API's side ---------------------------------------------------------------------------------------------


def queue_run(session: Session, request: RunRequest) -> ReconciliationRun:
    """The queued run that will do what ``request`` asks (the caller commits): a new row, or the one already
    queued for the same request (it has not started, so it will cover everything this request would). A run
    that is going (this worker's or a `claimledger reconcile`'s) does not refuse it: the new run waits its turn."""
    runs = RunRepository(session)
    runs.hold_queue()  # a request at the same moment for the same run finds this one's row, not nothing
    worker_alive = worker_seen_since(session, utcnow() - QUEUED_TIMEOUT)
    for queued in runs.with_status("queued"):
        fresh = worker_alive or queued.created_at >= utcnow() - QUEUED_TIMEOUT
        if fresh and queued.full == request.full and queued.since == request.since:
            return queued
    return runs.add(ReconciliationRun(full=request.full, since=request.since))
