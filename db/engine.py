"""Engines for the two backends: SQLite + sqlite-vec (embedded default) and PostgreSQL + pgvector."""

from __future__ import annotations

import importlib
import random
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from types import ModuleType
from typing import Any, Literal

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker


class SqliteExtensionError(RuntimeError):
    """No SQLite build on this machine can load the sqlite-vec extension."""


class UnsupportedDatabaseError(ValueError):
    """CLAIMLEDGER_DATABASE_URL names a database this service does not run on."""


def _sqlite_module() -> ModuleType:
    """A sqlite3 DB-API module that can load extensions: pysqlite3 first, then the stdlib if it allows it."""
    for name in ("pysqlite3.dbapi2", "sqlite3"):
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        probe = module.connect(":memory:")
        try:
            if hasattr(probe, "enable_load_extension"):
                return module
        finally:
            probe.close()
    raise SqliteExtensionError(
        "This Python's sqlite3 cannot load extensions, so sqlite-vec cannot be used. "
        "Install pysqlite3-binary (pip install pysqlite3-binary) or use PostgreSQL via CLAIMLEDGER_DATABASE_URL."
    )


SQLITE_MMAP_BYTES = 1 << 30


DEFAULT_BUSY_TIMEOUT_MS = 5000


def _on_sqlite_connect(dbapi_connection: Any, _record: Any, busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS) -> None:
    import sqlite_vec

    dbapi_connection.enable_load_extension(True)
    sqlite_vec.load(dbapi_connection)
    dbapi_connection.enable_load_extension(False)
    # Let SQLAlchemy own transactions (see _on_sqlite_begin) instead of the driver's implicit ones.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    # A writer waits this long for the write lock, then the request fails with 503 and Retry-After
    # (service/errors.py): write transactions are short (no model runs inside one), so a long wait means overload.
    cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    # Reads through a memory map instead of read() calls into a 2 MB page cache: the vector search scans every
    # stored vector (15 MB at 10k claims), and mapping cuts that scan from 7 to 4 ms. Address space only; the
    # pages are the OS's file cache, shared by every connection.
    cursor.execute(f"PRAGMA mmap_size={SQLITE_MMAP_BYTES}")
    cursor.close()


class WriteLockTimeoutError(OperationalError):
    """SQLite's write lock stayed taken past the busy timeout at every try of a patient writer (``patient_writes``).
    An OperationalError, as one time-out is, in one line that says how long it was tried."""

    def __init__(self, message: str, last: OperationalError) -> None:
        super().__init__(last.statement, last.params, last.orig or last)
        self.message = message

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True, slots=True)
class WritePatience:
    """How long a write transaction begun under ``patient_writes`` keeps trying for the write lock, and the setting
    that says so (named when it gives up)."""

    seconds: float
    setting: str


# Per thread (and task): the API's requests never set it, so their writes fail at the first busy timeout (503 with
# Retry-After, and the client tries again); work that has no client to do that sets it.
_write_patience: ContextVar[WritePatience | None] = ContextVar("write_patience", default=None)
# Back-off between two tries for the write lock (each of which waits the busy timeout): doubling, capped, jittered.
WRITE_RETRY_PAUSE_S = (0.05, 1.0)


@contextmanager
def patient_writes(seconds: float, setting: str) -> Iterator[None]:
    """On SQLite, a write transaction begun on this thread in the block whose wait for the write lock times out
    (``busy_timeout``) is begun again, with back-off, until ``seconds`` have passed since its first try, then
    raises WriteLockTimeoutError. Nothing is written before the lock is taken (``BEGIN IMMEDIATE``), so a new try
    redoes nothing. For the batch work no client retries: the nightly job, recording webhook deliveries."""
    token = _write_patience.set(WritePatience(seconds, setting) if seconds > 0 else None)
    try:
        yield
    finally:
        _write_patience.reset(token)


def _is_lock_timeout(exc: OperationalError) -> bool:
    return str(exc.orig).startswith("database is locked")


def _on_sqlite_begin(connection: Any, busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS) -> None:
    # IMMEDIATE takes the write lock up front: two writers queue on busy_timeout instead of one failing with
    # "database is locked" when it tries to upgrade a read lock mid-transaction.
    patience = _write_patience.get()
    if patience is None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")
        return
    started = time.monotonic()
    pause, tries = WRITE_RETRY_PAUSE_S[0], 0
    while True:
        tries += 1
        try:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
            return
        except OperationalError as exc:
            waited = time.monotonic() - started
            if not _is_lock_timeout(exc):
                raise
            if waited >= patience.seconds:
                raise WriteLockTimeoutError(
                    f"database is locked: other writers kept SQLite's write lock for {waited:.1f} s, through {tries} "
                    f"tries of {busy_timeout_ms} ms each (CLAIMLEDGER_SQLITE_BUSY_TIMEOUT_MS) with pauses between; "
                    f"gave up after {patience.setting}={patience.seconds:g} s",
                    exc,
                ) from exc
        time.sleep(min(pause * random.uniform(0.5, 1.0), max(patience.seconds - waited, 0.0)))  # noqa: S311
        pause = min(pause * 2, WRITE_RETRY_PAUSE_S[1])


def _on_sqlite_begin_deferred(connection: Any) -> None:
    # A plain BEGIN takes no lock until the first write; in WAL mode readers never wait for writers or block them.
    connection.exec_driver_sql("BEGIN")


# psycopg 3 is the PostgreSQL driver claimledger installs and writes vectors through (binary COPY); a URL that names
# no driver, as most tools print them ("postgresql://", "postgres://"), means it, not SQLAlchemy's psycopg2 default.
POSTGRESQL_DRIVER = "postgresql+psycopg"
POSTGRESQL_SCHEMES = frozenset({"postgresql", "postgres"})


def make_engine(
    database_url: str,
    *,
    sqlite_begin: Literal["immediate", "deferred"] = "immediate",
    busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
    **kwargs: Any,
) -> Engine:
    """An engine for the URL. On SQLite every transaction begins IMMEDIATE (takes the write lock) unless
    ``sqlite_begin="deferred"``: for sessions that only read, so reads never hold or wait for the write lock."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        timeout_s = max(busy_timeout_ms / 1000, 0.001)
        engine = create_engine(url, module=_sqlite_module(), connect_args={"timeout": timeout_s}, **kwargs)
        event.listen(
            engine, "connect", lambda conn, record: _on_sqlite_connect(conn, record, busy_timeout_ms=busy_timeout_ms)
        )
        if sqlite_begin == "immediate":
            event.listen(engine, "begin", lambda conn: _on_sqlite_begin(conn, busy_timeout_ms=busy_timeout_ms))
        else:
            event.listen(engine, "begin", _on_sqlite_begin_deferred)
        return engine
    backend, _, driver = url.drivername.partition("+")
    if backend in POSTGRESQL_SCHEMES and driver in {"", "psycopg"}:  # "postgres+psycopg://" is psycopg 3 too
        return create_engine(
            url.set(drivername=POSTGRESQL_DRIVER), pool_pre_ping=True, pool_size=10, max_overflow=10, **kwargs
        )
    if backend in POSTGRESQL_SCHEMES:
        raise UnsupportedDatabaseError(
            f"unsupported PostgreSQL driver in {url.render_as_string(hide_password=True)!r}: "
            f"use {POSTGRESQL_DRIVER}:// (psycopg 3, installed with claimledger)"
        )
    raise UnsupportedDatabaseError(
        f"unsupported database URL {url.render_as_string(hide_password=True)!r}: use sqlite or postgresql"
    )


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False, autoflush=True)
