"""One reconciliation at a time, on both backends: a row in the `locks` table, not a pid file.

The holder inserts the row (the primary key makes the insert fail for everyone else) and keeps its
``heartbeat_at`` fresh, from a background thread and inside every chunk's transaction. Another process takes the
lock over only from a holder that is provably gone: silent for ``stale_after`` seconds, or (same host) a process
id that no longer exists, so a rerun right after a crash or SIGKILL does not wait for the stale timeout. Every
take-over is a compare-and-set on the holder, so of two processes racing for a dead holder's lock one wins.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from db.models import Lock
from db.repositories.runs import LockRepository
from db.types import utcnow

if TYPE_CHECKING:
    from service.config import Settings

log = logging.getLogger("claimledger.reconcile")

RECONCILE_LOCK = "reconcile"


class LockHeldError(RuntimeError):
    """Another live process holds the lock."""

    def __init__(self, name: str, holder: str, acquired_at: datetime, heartbeat_at: datetime) -> None:
        super().__init__(
            f"another reconciliation holds the {name!r} lock: {holder}, since {acquired_at.isoformat()} "
            f"(last heartbeat {heartbeat_at.isoformat()})"
        )
        self.holder = holder
        self.acquired_at = acquired_at
        self.heartbeat_at = heartbeat_at


class LockLostError(RuntimeError):
    """The lock was taken over (this process stalled past the stale timeout); stop without committing more."""


@dataclass(frozen=True, slots=True)
class HolderInfo:
    holder: str
    acquired_at: datetime
    heartbeat_at: datetime


def new_holder_id() -> str:
    """``host:pid:token``: the token tells two holders in one process apart (API threads)."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:12]}"


def _process_gone(holder: str) -> bool:
    """True only when the holder ran on this host under a pid that no longer exists."""
    host, _, rest = holder.partition(":")
    pid_text = rest.partition(":")[0]
    if host != socket.gethostname() or not pid_text.isdigit():
        return False
    pid = int(pid_text)
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # it exists, under another user
        return False
    return False


class DbLock:
    def __init__(
        self,
        session_factory: sessionmaker[Session],
        name: str = RECONCILE_LOCK,
        *,
        stale_after: float = 300.0,
        heartbeat_every: float = 30.0,
    ) -> None:
        self.session_factory = session_factory
        self.name = name
        self.stale_after = timedelta(seconds=stale_after)
        self.heartbeat_every = heartbeat_every
        self.holder = new_holder_id()
        self.taken_over_from: str | None = None
        self._lost = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # -- reading -----------------------------------------------------------------------------------------------

    def current(self, session: Session | None = None) -> HolderInfo | None:
        """Who holds the lock now, if anyone live does (a stale or dead holder reads as free). Pass the caller's
        session when it has a transaction open: on SQLite a second connection would wait for its write lock."""
        if session is None:
            with self.session_factory() as own:
                return self.current(own)
        row = LockRepository(session).get(self.name)
        if row is None or self._is_abandoned(row):
            return None
        return HolderInfo(row.holder, row.acquired_at, row.heartbeat_at)

    def _is_abandoned(self, row: Lock) -> bool:
        return row.heartbeat_at < utcnow() - self.stale_after or _process_gone(row.holder)

    # -- acquiring and releasing ---------------------------------------------------------------------------

    def acquire(self) -> None:
        """Take the lock or raise LockHeldError; starts the heartbeat thread."""
        for _ in range(5):
            now = utcnow()
            with self.session_factory() as session:
                try:
                    session.add(Lock(name=self.name, holder=self.holder, acquired_at=now, heartbeat_at=now))
                    session.commit()
                    self._start_heartbeat()
                    return
                except IntegrityError:
                    session.rollback()
                locks = LockRepository(session)
                row = locks.get(self.name)
                if row is None:  # released between our insert and our read: try again
                    session.rollback()
                    continue
                if not self._is_abandoned(row):
                    error = LockHeldError(self.name, row.holder, row.acquired_at, row.heartbeat_at)
                    session.rollback()
                    raise error
                stale_before = None if _process_gone(row.holder) else now - self.stale_after
                old_holder = row.holder
                if locks.take_over(self.name, old_holder, self.holder, now, stale_before):
                    session.commit()
                    self.taken_over_from = old_holder
                    log.warning("took over the %r lock from %s (stale or gone)", self.name, old_holder)
                    self._start_heartbeat()
                    return
                session.rollback()
        raise RuntimeError(f"could not settle who holds the {self.name!r} lock; try again")

    def release(self) -> None:
        self.stop_heartbeat()
        with self.session_factory() as session:
            LockRepository(session).release(self.name, self.holder)
            session.commit()

    def release_in(self, session: Session) -> None:
        """Give the lock up inside the caller's transaction (the caller commits), so that the commit which records
        the last run as finished also frees it. Call ``stop_heartbeat`` before that transaction writes: on SQLite
        a beat would wait on it."""
        LockRepository(session).release(self.name, self.holder)

    def stop_heartbeat(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=self.heartbeat_every + 5)
            self._thread = None

    # -- keeping it --------------------------------------------------------------------------------------------

    def confirm(self, session: Session) -> None:
        """Refresh the heartbeat inside the caller's transaction, or raise LockLostError: the fence that keeps a
        stalled process whose lock was taken over from committing anything more."""
        if self._lost.is_set() or not LockRepository(session).beat(self.name, self.holder, utcnow()):
            self._lost.set()
            raise LockLostError(f"the {self.name!r} lock was taken over by another process; stopping")

    @property
    def lost(self) -> bool:
        return self._lost.is_set()

    def _start_heartbeat(self) -> None:
        self._stop.clear()
        self._thread = threading.Thread(target=self._beat_forever, name=f"lock-heartbeat-{self.name}", daemon=True)
        self._thread.start()

    def _beat_forever(self) -> None:
        while not self._stop.wait(self.heartbeat_every):
            try:
                with self.session_factory() as session:
                    still_ours = LockRepository(session).beat(self.name, self.holder, utcnow())
                    session.commit()
                if not still_ours:
                    log.error("the %r lock was taken over; the run will stop at its next chunk", self.name)
                    self._lost.set()
                    return
            except Exception:  # a database hiccup: the next beat retries; the stale timeout is much longer
                log.warning("lock heartbeat failed", exc_info=True)


WORKER_PRESENCE = "worker:"


class WorkerPresence:
    """A batch worker's ``worker:<holder>`` row in ``locks``, refreshed from a thread while the worker lives: how a
    process that sweeps the queue tells a queued run that a worker will start from one that nobody will."""

    def __init__(self, session_factory: sessionmaker[Session], every: float = 30.0) -> None:
        self.session_factory = session_factory
        self.name = f"{WORKER_PRESENCE}{new_holder_id()}"[:100]
        self.every = every
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self.beat()
        self._stop.clear()
        self._thread = threading.Thread(target=self._beat_forever, name="worker-presence", daemon=True)
        self._thread.start()

    def beat(self) -> None:
        try:
            with self.session_factory() as session:
                LockRepository(session).announce(self.name, self.name, utcnow())
                session.commit()
        except Exception:  # a database hiccup: the next beat retries
            log.warning("worker presence heartbeat failed", exc_info=True)

    def _beat_forever(self) -> None:
        while not self._stop.wait(self.every):
            self.beat()

    def stop(self) -> None:
        """Stop beating and remove the row (rows of workers that died are pruned by the next sweep)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None
        try:
            with self.session_factory() as session:
                LockRepository(session).release(self.name, self.name)
                session.commit()
        except Exception:
            log.warning("could not remove the worker presence row", exc_info=True)


def worker_seen_since(session: Session, since: datetime) -> bool:
    """Whether a batch worker was alive at or after ``since``."""
    return LockRepository(session).seen_since(WORKER_PRESENCE, since)


# A worker beats every ``reconcile_heartbeat_seconds``; one whose last beat is this many beats old is gone (killed
# with no ``stop`` to remove its row), though the queue's sweep keeps its row until QUEUED_TIMEOUT.
LIVE_WORKER_BEATS = 3


def worker_silent_after(heartbeat_seconds: float, stale_seconds: float) -> timedelta:
    """How old a worker's presence beat may be while it still counts as alive: three beats, at most the lock's stale
    timeout (six SIGKILLed workers read as six alive for the whole 5 minutes). /metrics, /readyz and a queued run's
    ``waiting_for_worker`` all count by it, so they never disagree."""
    return timedelta(seconds=min(LIVE_WORKER_BEATS * heartbeat_seconds, stale_seconds))


@dataclass(frozen=True, slots=True)
class WorkerLiveness:
    """The batch workers as the presence rows tell them: how many are alive, and when any last beat (a worker
    stopped cleanly removes its row, so ``last_seen`` is only there for one that died or went silent)."""

    alive: int
    last_seen: datetime | None
    silent_after: timedelta

    def waiting_hint(self, now: datetime) -> str | None:
        """What a queued run tells its reader when no worker is alive to start it (None while one is)."""
        if self.alive:
            return None
        window = int(self.silent_after.total_seconds())
        seen = ""
        if self.last_seen is not None:
            ago = max(0, int((now - self.last_seen).total_seconds()))
            seen = f" (one was last seen {ago} s ago, at {self.last_seen.isoformat()})"
        return (
            f"no batch worker is running: none has announced itself in the last {window} s{seen}; start "
            "`claimledger worker` against this database (or `claimledger serve`, which runs one), or a queued run is "
            "failed as abandoned once it has waited an hour"
        )


def worker_liveness(session: Session, settings: Settings, now: datetime | None = None) -> WorkerLiveness:
    """Count the live batch workers (a beat within ``worker_silent_after`` of the settings' heartbeat) and find the
    newest beat of any."""
    now = now or utcnow()
    silent_after = worker_silent_after(settings.reconcile_heartbeat_seconds, settings.reconcile_lock_stale_seconds)
    locks = LockRepository(session)
    return WorkerLiveness(
        alive=locks.count_seen_since(WORKER_PRESENCE, now - silent_after),
        last_seen=session.scalar(
            select(func.max(Lock.heartbeat_at)).where(Lock.name.startswith(WORKER_PRESENCE, autoescape=True))
        ),
        silent_after=silent_after,
    )
