"""The ways into the database: short read transactions and short write transactions.

Every request and batch step goes through one of these. A read transaction never takes a lock a writer waits for
(SQLite: a deferred ``BEGIN`` in WAL mode; PostgreSQL: a plain snapshot), and a write transaction is opened only
once everything slow (encoding, judging, extraction) is done, so it holds the write lock for milliseconds. Models
never run inside either: the application services read, compute with no session open, then write.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from db.engine import DEFAULT_BUSY_TIMEOUT_MS, make_engine, make_session_factory
from db.hnsw import DEFAULT_EF_CONSTRUCTION, DEFAULT_M, HnswUpkeep
from db.vector_index import EXACT_SEARCH_UP_TO
from db.vector_mirror import VectorMirror


@dataclass
class Database:
    """A write engine and, on SQLite, a separate read engine whose transactions begin deferred.

    ``vector_mirror`` (SQLite, when asked for): the process's in-memory copy of the claim vectors that nearest-
    neighbour searches read instead of the ``vec0`` scan (``db/vector_mirror.py``).
    ``hnsw_upkeep`` (PostgreSQL): builds the HNSW index the first time the record needs it (``db/hnsw.py``).
    """

    engine: Engine
    read_engine: Engine
    write_factory: sessionmaker[Session]
    read_factory: sessionmaker[Session]
    vector_mirror: VectorMirror | None = None
    hnsw_upkeep: HnswUpkeep | None = None

    @classmethod
    def connect(
        cls,
        database_url: str,
        busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
        *,
        vector_mirror: bool = False,
        hnsw_m: int = DEFAULT_M,
        hnsw_ef_construction: int = DEFAULT_EF_CONSTRUCTION,
    ) -> Database:
        engine = make_engine(database_url, busy_timeout_ms=busy_timeout_ms)
        sqlite = engine.dialect.name == "sqlite"
        read_engine = (
            make_engine(database_url, sqlite_begin="deferred", busy_timeout_ms=busy_timeout_ms) if sqlite else engine
        )
        mirror = VectorMirror() if sqlite and vector_mirror else None
        upkeep = (
            None if sqlite else HnswUpkeep(engine, EXACT_SEARCH_UP_TO, m=hnsw_m, ef_construction=hnsw_ef_construction)
        )
        return cls(engine, read_engine, make_session_factory(engine), make_session_factory(read_engine), mirror, upkeep)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only session; its transaction ends (rolled back) on leaving. Loaded rows stay usable detached."""
        session = self.read_factory()
        try:
            yield session
        finally:
            session.close()

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One write transaction, committed on leaving without an error and rolled back otherwise."""
        session = self.write_factory()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def dispose(self) -> None:
        if self.hnsw_upkeep is not None:
            self.hnsw_upkeep.close()
        self.engine.dispose()
        if self.read_engine is not self.engine:
            self.read_engine.dispose()
