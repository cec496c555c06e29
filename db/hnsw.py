"""PostgreSQL's HNSW index over claim vectors, rebuilt with other graph parameters while searches go on.

Migration 0001 builds pgvector's index with its defaults (m 16, ef_construction 64): recall@10 0.992 at 100k
claims, but 0.937 at a million, where m 24 / ef_construction 128 reaches 0.987 (`benchmarks/SCALE.md`). A record
that grows past a few hundred thousand claims is re-indexed with ``claimledger db reindex-hnsw``: the new graph is
built CONCURRENTLY beside the old one (which keeps answering searches and taking writes), then swapped in by name
in one short transaction.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Engine, text

HNSW_DIMS = 384  # the dimension migration 0001 indexes (the service's MiniLM); other dimensions are scanned exactly
HNSW_INDEX = f"ix_claim_embeddings_hnsw_{HNSW_DIMS}"
_BUILDING = f"{HNSW_INDEX}_rebuild"
_MEMORY = re.compile(r"^\d+\s*(kB|MB|GB|TB)$")


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


def rebuild_hnsw(
    engine: Engine,
    m: int,
    ef_construction: int,
    *,
    maintenance_work_mem: str = "1GB",
    concurrently: bool = True,
    on_progress: Callable[[BuildProgress], None] | None = None,
) -> float:
    """Build the index with these parameters and put it in place of the live one; seconds the build took.

    ``concurrently``: build beside the old index without blocking writes (two passes over the table), then swap;
    otherwise drop it first and build in one pass (a bulk load's way: nothing searches meanwhile).
    ``maintenance_work_mem`` should hold the whole graph (~2 KB a vector at m 16-24), or pgvector builds on disk.
    """
    if engine.dialect.name != "postgresql":
        raise ValueError("the HNSW index is PostgreSQL's: SQLite searches every vector exactly")
    if not 2 <= m <= 100 or not 4 <= ef_construction <= 1000 or ef_construction < 2 * m:
        raise ValueError("m must be 2-100 and ef_construction 4-1000, at least twice m (pgvector's limits)")
    if not _MEMORY.match(maintenance_work_mem):
        raise ValueError("maintenance_work_mem is a size such as 512MB or 4GB")
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
