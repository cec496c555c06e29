"""Reconciliation runs and named locks (the rows the nightly job keeps its state and its mutual exclusion in)."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from db.locks import hold_transaction_lock
from db.models import Lock, ReconciliationRun, RejudgedFlag

# The advisory lock (PostgreSQL) that queueing a run holds to its transaction's end (``hold_queue``).
RUN_QUEUE_LOCK = 0x636C7271  # "clrq": any constant no other code uses


class RunRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, run_id: str) -> ReconciliationRun | None:
        return self.session.get(ReconciliationRun, run_id)

    def add(self, run: ReconciliationRun) -> ReconciliationRun:
        self.session.add(run)
        self.session.flush()
        return run

    def hold_queue(self) -> None:
        """Wait for, and hold until this transaction ends, the right to queue a run, so that a request reads the
        runs queued by every request before it (two identical requests at once then queue one run, not two).
        PostgreSQL: a transaction-scoped advisory lock, then a fresh read (READ COMMITTED); SQLite: nothing to do, a
        write transaction holds the database's write lock from its start (``BEGIN IMMEDIATE``)."""
        hold_transaction_lock(self.session, RUN_QUEUE_LOCK)

    def with_status(self, *statuses: str) -> list[ReconciliationRun]:
        stmt = select(ReconciliationRun).where(ReconciliationRun.status.in_(statuses))
        return list(self.session.scalars(stmt.order_by(ReconciliationRun.created_at, ReconciliationRun.id)))

    def last_succeeded(self) -> ReconciliationRun | None:
        """The last successful run that covered everything changed up to its cutoff (an incremental or full run),
        where the next incremental run starts. A run limited by ``since`` may have skipped older changes no run has
        checked yet, so it never moves the window forward."""
        covered_all = ReconciliationRun.full.is_(True) | ReconciliationRun.since.is_(None)
        stmt = (
            select(ReconciliationRun)
            .where(ReconciliationRun.status == "succeeded", ReconciliationRun.cutoff.is_not(None), covered_all)
            .order_by(ReconciliationRun.cutoff.desc(), ReconciliationRun.id.desc())
        )
        return self.session.scalars(stmt.limit(1)).first()

    def fail_queued(self, run_id: str, error: str, now: datetime) -> bool:
        """Fail the run if it is still queued (a compare-and-set: a worker that started it meanwhile wins)."""
        result = self.session.execute(
            update(ReconciliationRun)
            .where(ReconciliationRun.id == run_id, ReconciliationRun.status == "queued")
            .values(status="failed", error=error, finished_at=now)
        )
        return int(getattr(result, "rowcount", 0) or 0) == 1

    def latest_finished(self, status: str) -> ReconciliationRun | None:
        """The run with this end status (succeeded, failed) that finished last."""
        stmt = (
            select(ReconciliationRun)
            .where(ReconciliationRun.status == status, ReconciliationRun.finished_at.is_not(None))
            .order_by(ReconciliationRun.finished_at.desc(), ReconciliationRun.id.desc())
        )
        return self.session.scalars(stmt.limit(1)).first()

    # -- open flags a run judged again ---------------------------------------------------------------------------

    def note_rejudged(self, run_id: str, still: Collection[str], no_longer: Collection[str]) -> None:
        """Record flags the run judged again: ``still`` contradicting, or ``no_longer``. A flag found contradicting
        from either side stays so; noting the same again (a chunk redone after a lost commit) changes nothing."""
        ids = set(still) | set(no_longer)
        if not ids:
            return
        stmt = select(RejudgedFlag).where(RejudgedFlag.run_id == run_id, RejudgedFlag.flag_id.in_(sorted(ids)))
        noted = {row.flag_id: row for row in self.session.scalars(stmt)}
        for flag_id in sorted(ids):
            contradicting = flag_id in still
            row = noted.get(flag_id)
            if row is None:
                self.session.add(RejudgedFlag(run_id=run_id, flag_id=flag_id, still_contradicting=contradicting))
            elif contradicting:
                row.still_contradicting = True
        self.session.flush()

    def rejudged(self, run_id: str) -> tuple[list[str], list[str]]:
        """The flags the run judged again: (still contradicting, no longer), each in id order."""
        stmt = (
            select(RejudgedFlag.flag_id, RejudgedFlag.still_contradicting)
            .where(RejudgedFlag.run_id == run_id)
            .order_by(RejudgedFlag.flag_id)
        )
        still: list[str] = []
        gone: list[str] = []
        for flag_id, contradicting in self.session.execute(stmt):
            (still if contradicting else gone).append(str(flag_id))
        return still, gone

    def drop_rejudged(self, run_id: str) -> None:
        """Once the run's report holds what they said."""
        self.session.execute(delete(RejudgedFlag).where(RejudgedFlag.run_id == run_id))

    def page(self, limit: int, after: tuple[datetime, str] | None = None) -> list[ReconciliationRun]:
        """Newest first."""
        stmt = select(ReconciliationRun)
        if after is not None:
            created_at, last_id = after
            stmt = stmt.where(
                (ReconciliationRun.created_at < created_at)
                | ((ReconciliationRun.created_at == created_at) & (ReconciliationRun.id < last_id))
            )
        stmt = stmt.order_by(ReconciliationRun.created_at.desc(), ReconciliationRun.id.desc()).limit(limit)
        return list(self.session.scalars(stmt))


class LockRepository:
    """Compare-and-set operations on `locks` rows; each returns whether it changed the row."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, name: str) -> Lock | None:
        return self.session.scalars(select(Lock).where(Lock.name == name)).first()

    def take_over(
        self, name: str, old_holder: str, new_holder: str, now: datetime, stale_before: datetime | None
    ) -> bool:
        """Hand the lock from ``old_holder`` to ``new_holder``; with ``stale_before``, only if still silent since."""
        stmt = update(Lock).where(Lock.name == name, Lock.holder == old_holder)
        if stale_before is not None:
            stmt = stmt.where(Lock.heartbeat_at < stale_before)
        result = self.session.execute(stmt.values(holder=new_holder, acquired_at=now, heartbeat_at=now))
        return int(getattr(result, "rowcount", 0) or 0) == 1

    def beat(self, name: str, holder: str, now: datetime) -> bool:
        result = self.session.execute(
            update(Lock).where(Lock.name == name, Lock.holder == holder).values(heartbeat_at=now)
        )
        return int(getattr(result, "rowcount", 0) or 0) == 1

    def seen_since(self, prefix: str, since: datetime) -> bool:
        """Whether a row named ``prefix...`` beat at or after ``since`` (a batch worker's presence)."""
        return self.count_seen_since(prefix, since) > 0

    def count_seen_since(self, prefix: str, since: datetime) -> int:
        """Rows named ``prefix...`` that beat at or after ``since``."""
        stmt = select(func.count()).where(Lock.name.startswith(prefix, autoescape=True), Lock.heartbeat_at >= since)
        return int(self.session.scalar(stmt) or 0)

    def announce(self, name: str, holder: str, now: datetime) -> None:
        """Insert or refresh a presence row (not a lock: nobody competes for it)."""
        if not self.beat(name, holder, now):
            self.session.add(Lock(name=name, holder=holder, acquired_at=now, heartbeat_at=now))
            self.session.flush()

    def prune(self, prefix: str, before: datetime) -> int:
        """Delete ``prefix...`` rows silent since before ``before`` (presence left by processes that died)."""
        stmt = delete(Lock).where(Lock.name.startswith(prefix, autoescape=True), Lock.heartbeat_at < before)
        return int(getattr(self.session.execute(stmt), "rowcount", 0) or 0)

    def release(self, name: str, holder: str) -> bool:
        result = self.session.execute(delete(Lock).where(Lock.name == name, Lock.holder == holder))
        return int(getattr(result, "rowcount", 0) or 0) == 1
