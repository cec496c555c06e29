"""PostgreSQL's HNSW index over claim vectors: built when the record first needs it, rebuilt while searches go on.

Up to ``EXACT_SEARCH_UP_TO`` vectors searches scan them all, so an index there only costs every insert its graph
upkeep (a bulk load at 0.6x the encoder's rate with it, `benchmarks/ingest.json`); migration 0015 leaves it out of
such a record and ``HnswUpkeep`` builds it, once and CONCURRENTLY, the first time a search or a bulk write finds
the record past that size (pgvector's advice: load, then index). Until it is in, searches stay exact.

It is built with pgvector's defaults (m 16, ef_construction 64; ``CLAIMLEDGER_HNSW_M`` and
``CLAIMLEDGER_HNSW_EF_CONSTRUCTION``): recall@10 0.992 at 100k claims, but 0.937 at a million, where m 24 /
ef_construction 128 reaches 0.987 (`benchmarks/SCALE.md`). A record that grows past a few hundred thousand claims
is re-indexed with ``claimledger db reindex-hnsw``: the new graph is built CONCURRENTLY beside the old one (which
keeps answering searches and taking writes), then swapped in by name in one short transaction. One build at a time
per database (an advisory lock), whichever process starts it.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, text
from sqlalchemy.orm import Session

HNSW_DIMS = 384  # the dimension migration 0001 indexes (the service's MiniLM); other dimensions are scanned exactly
HNSW_INDEX = f"ix_claim_embeddings_hnsw_{HNSW_DIMS}"
_BUILDING = f"{HNSW_INDEX}_rebuild"
_MEMORY = re.compile(r"^\d+\s*(kB|MB|GB|TB)$")
# pg_advisory_lock's key for "building this database's HNSW index": any constant no other code uses.
BUILD_LOCK_KEY = 0x636C686E  # "clhn"
DEFAULT_M = 16  # pgvector's defaults, as migration 0001 built it
DEFAULT_EF_CONSTRUCTION = 64

log = logging.getLogger("claimledger")

# Whether the index is there and usable (a CONCURRENTLY build cut short leaves an invalid one the planner skips).
_READY = text(
    "SELECT EXISTS (SELECT 1 FROM pg_class c JOIN pg_index i ON i.indexrelid = c.oid "
    "WHERE c.relname = :name AND i.indisvalid)"
)


@dataclass(frozen=True, slots=True)
class BuildProgress:
    phase: str
    done: int
    total: int


def hnsw_parameters(engine: Engine) -> dict[str, int] | None:
    """The live index's m and ef_construction (pgvector's defaults where its definition names none)."""
    with engine.connect() as conn:
        definition = conn.execute(
            text("SELECT indexdef FROM pg_indexes WHERE indexname = :n"), {"n": HNSW_INDEX}
        ).scalar()
    if definition is None:
        return None
    found = dict(re.findall(r"\b(m|ef_construction)\s*=\s*'?(\d+)'?", str(definition)))
    return {"m": int(found.get("m", 16)), "ef_construction": int(found.get("ef_construction", 64))}


def hnsw_ready(connection: Connection | Session) -> bool:
    """Whether the live index exists and is valid (searches may use it)."""
    return bool(connection.execute(_READY, {"name": HNSW_INDEX}).scalar())


def _indexable_vectors_over(connection: Connection, count: int) -> bool:
    stored = connection.execute(
        text("SELECT count(*) FROM (SELECT 1 FROM claim_embeddings WHERE dim = :dim LIMIT :limit) AS bounded"),
        {"dim": HNSW_DIMS, "limit": count + 1},
    ).scalar_one()
    return int(stored) > count


@contextmanager
def _build_lock(engine: Engine, *, wait: bool) -> Iterator[bool]:
    """Hold the database's build lock (waiting for it, or not: then False when another process holds it)."""
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        if wait:
            conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": BUILD_LOCK_KEY})
            held = True
        else:
            held = bool(conn.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": BUILD_LOCK_KEY}).scalar())
        try:
            yield held
        finally:
            if held:
                conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": BUILD_LOCK_KEY})


def build_hnsw_if_needed(
    engine: Engine,
    *,
    vectors_over: int,
    m: int = DEFAULT_M,
    ef_construction: int = DEFAULT_EF_CONSTRUCTION,
    maintenance_work_mem: str = "1GB",
    on_start: Callable[[int], None] | None = None,
) -> float | None:
    """Build the index (CONCURRENTLY: writes and searches go on) if the record holds more than ``vectors_over``
    vectors it would index and has none; the build's seconds, or None when it is not needed yet, is already
    there, or another process is building it. ``on_start`` gets the building connection's backend pid (to cancel
    it on shut-down)."""
    _validate(engine, m, ef_construction, maintenance_work_mem)
    with _build_lock(engine, wait=False) as held:
        if not held:
            return None
        with engine.connect() as conn:
            if hnsw_ready(conn) or not _indexable_vectors_over(conn, vectors_over):
                return None
        return _build(
            engine, m, ef_construction, maintenance_work_mem, concurrently=True, on_progress=None, on_start=on_start
        )


def rebuild_hnsw(
    engine: Engine,
    m: int,
    ef_construction: int,
    *,
    maintenance_work_mem: str = "1GB",
    concurrently: bool = True,
    on_progress: Callable[[BuildProgress], None] | None = None,
) -> float:
    """Build the index with these parameters and put it in place of the live one (if any); seconds the build took.

    ``concurrently``: build beside the old index without blocking writes (two passes over the table), then swap;
    otherwise drop it first and build in one pass (a bulk load's way: nothing searches meanwhile).
    ``maintenance_work_mem`` should hold the whole graph (~2 KB a vector at m 16-24), or pgvector builds on disk.
    Waits for a build another process is running (``HnswUpkeep``'s) to end first.
    """
    _validate(engine, m, ef_construction, maintenance_work_mem)
    with _build_lock(engine, wait=True):
        return _build(
            engine,
            m,
            ef_construction,
            maintenance_work_mem,
            concurrently=concurrently,
            on_progress=on_progress,
            on_start=None,
        )


def _validate(engine: Engine, m: int, ef_construction: int, maintenance_work_mem: str) -> None:
    if engine.dialect.name != "postgresql":
        raise ValueError("the HNSW index is PostgreSQL's: SQLite searches every vector exactly")
    if not 2 <= m <= 100 or not 4 <= ef_construction <= 1000 or ef_construction < 2 * m:
        raise ValueError("m must be 2-100 and ef_construction 4-1000, at least twice m (pgvector's limits)")
    if not _MEMORY.match(maintenance_work_mem):
        raise ValueError("maintenance_work_mem is a size such as 512MB or 4GB")


def _build(
    engine: Engine,
    m: int,
    ef_construction: int,
    maintenance_work_mem: str,
    *,
    concurrently: bool,
    on_progress: Callable[[BuildProgress], None] | None,
    on_start: Callable[[int], None] | None,
) -> float:
    name = _BUILDING if concurrently else HNSW_INDEX
    create = (
        f"CREATE INDEX {'CONCURRENTLY ' if concurrently else ''}{name} ON claim_embeddings USING hnsw "
        f"((embedding::vector({HNSW_DIMS})) vector_cosine_ops) WITH (m = {int(m)}, ef_construction = "
        f"{int(ef_construction)}) WHERE dim = {HNSW_DIMS}"
    )
    stop = threading.Event()
    watcher = threading.Thread(target=_watch, args=(engine, stop, on_progress), daemon=True) if on_progress else None
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text(f"DROP INDEX {'CONCURRENTLY ' if concurrently else ''}IF EXISTS {name}"))
        conn.execute(text(f"SET maintenance_work_mem = '{maintenance_work_mem}'"))
        if on_start is not None:
            on_start(int(conn.execute(text("SELECT pg_backend_pid()")).scalar_one()))
        if watcher is not None:
            watcher.start()
        began = time.perf_counter()
        try:
            conn.execute(text(create))
        finally:
            stop.set()
            if watcher is not None:
                watcher.join()
        seconds = time.perf_counter() - began
        conn.execute(text("RESET maintenance_work_mem"))
    if concurrently:
        with engine.begin() as conn:
            conn.execute(text(f"DROP INDEX IF EXISTS {HNSW_INDEX}"))
            conn.execute(text(f"ALTER INDEX {_BUILDING} RENAME TO {HNSW_INDEX}"))
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("ANALYZE claim_embeddings"))
    return seconds


def _watch(engine: Engine, stop: threading.Event, on_progress: Callable[[BuildProgress], None]) -> None:
    """Report pg_stat_progress_create_index for the build every half second, from a second connection."""
    query = text(
        "SELECT phase, tuples_done, tuples_total, blocks_done, blocks_total FROM pg_stat_progress_create_index "
        "WHERE relid = 'claim_embeddings'::regclass"
    )
    with engine.connect() as conn:
        while not stop.wait(0.5):
            row = conn.execute(query).first()
            conn.rollback()
            if row is not None:
                phase, tuples_done, tuples_total, blocks_done, blocks_total = row
                done, total = (tuples_done, tuples_total) if tuples_total else (blocks_done, blocks_total)
                on_progress(BuildProgress(str(phase), int(done or 0), int(total or 0)))


class HnswUpkeep:
    """Builds the index in a background thread the first time the record needs it (``request``), once.

    ``request`` is cheap and never waits: searches that found the record past ``vectors_over`` with no index call
    it (and scan exactly meanwhile), as do bulk writes. A failed build is logged and tried again on the next
    request; ``close`` cancels a build in progress (PostgreSQL drops the half-built index; the next build starts
    over). The record's size is looked at most every ``RECHECK_SECONDS``, however often searches ask."""

    RECHECK_SECONDS = 5.0

    def __init__(
        self,
        engine: Engine,
        vectors_over: int,
        *,
        m: int = DEFAULT_M,
        ef_construction: int = DEFAULT_EF_CONSTRUCTION,
    ) -> None:
        self.engine = engine
        self.vectors_over = vectors_over
        self.m = m
        self.ef_construction = ef_construction
        self.built_seconds: float | None = None
        self._ready = False
        self._closed = False
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._building_pid: int | None = None
        self._next_check = 0.0

    @property
    def ready(self) -> bool:
        """Whether this process has seen the index in place (then requests do nothing)."""
        return self._ready

    def mark_ready(self) -> None:
        self._ready = True

    def request(self) -> None:
        """Check in the background whether the index is needed, and build it if so."""
        if self._ready or self._closed:
            return
        with self._lock:
            now = time.monotonic()
            if self._closed or (self._thread is not None and self._thread.is_alive()) or now < self._next_check:
                return
            self._next_check = now + self.RECHECK_SECONDS
            self._thread = threading.Thread(target=self._run, name="claimledger-hnsw-build", daemon=True)
            self._thread.start()

    def wait(self, timeout: float | None = None) -> None:
        """Wait for a check or build in progress (tests, and a batch job that wants the index before it searches)."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout)

    def _run(self) -> None:
        try:
            seconds = build_hnsw_if_needed(
                self.engine,
                vectors_over=self.vectors_over,
                m=self.m,
                ef_construction=self.ef_construction,
                on_start=self._started,
            )
            if seconds is not None:
                self.built_seconds = seconds
                log.info("HNSW index built in %.1f s (m %d, ef_construction %d)", seconds, self.m, self.ef_construction)
            with self.engine.connect() as conn:
                self._ready = hnsw_ready(conn)
        except Exception:
            if not self._closed:
                log.exception("building the HNSW index failed: searches stay exact, the next request tries again")
        finally:
            self._building_pid = None

    def _started(self, pid: int) -> None:
        with self._lock:  # either close() sees the pid and cancels it, or the build never starts
            if self._closed:
                raise RuntimeError("closing: the HNSW index is left for the next start")
            self._building_pid = pid

    def close(self) -> None:
        """Stop: cancel a build in progress and wait for the thread."""
        with self._lock:
            self._closed = True
            thread, pid = self._thread, self._building_pid
        if thread is None or not thread.is_alive():
            return
        if pid is not None:
            try:
                with self.engine.connect() as conn:
                    conn.execute(text("SELECT pg_cancel_backend(:pid)"), {"pid": pid})
            except Exception:  # the server may be gone already; the thread ends with its connection
                log.warning("could not cancel the HNSW build (backend %s)", pid, exc_info=True)
        thread.join(30)
