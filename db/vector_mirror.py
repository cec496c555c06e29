"""An exact, in-memory copy of a SQLite database's claim vectors, searched with numpy.

sqlite-vec's ``vec0`` KNN is an exact scan in scalar C: ~36 ms at 100k vectors, linear in the record, and every
concurrent query holds its own copy of the chunks it reads. One float32 matrix per model, multiplied by the query
(BLAS, every core), answers the same search in a few milliseconds. The answer is the same as the exact scan's:
cosine distance, equal distances in storage (rowid) order, zero vectors nobody's neighbour.

The copy follows the database through the change log of migration 0009: triggers on ``claim_embeddings`` append
every insert and delete, whichever process writes. Before each search the copy replays the entries after the last
one it applied, inside the caller's read transaction, so it never shows a vector that transaction cannot see
deleted. A partition (one model's vectors of one dimension) is loaded whole on its first search, and again when the
log entries it needs have been pruned (``prune_change_log``, run by the nightly job).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from sqlalchemy import bindparam, text
from sqlalchemy.orm import Session

CHANGE_LOG = "claim_vec_changes"
FETCH_CHUNK = 500  # embedding ids per IN (...) when loading changed rows
# The nightly job keeps this many of the newest change-log entries: a serving process that has not searched since
# older ones went loads its partitions whole again (~1 s at 100k vectors), so the log never grows without bound.
CHANGE_LOG_KEEP = 200_000
COMPACT_SHARE = 0.2  # rebuild the matrix once this share of its rows belong to deleted vectors

_LOAD = text(
    "SELECT id, rowid, claim_id, embedding FROM claim_embeddings WHERE model_key = :model_key AND dim = :dim "
    "ORDER BY rowid"
)
_LOAD_IDS = text(
    "SELECT id, rowid, claim_id, embedding FROM claim_embeddings "
    "WHERE id IN :ids AND model_key = :model_key AND dim = :dim ORDER BY rowid"
).bindparams(bindparam("ids", expanding=True))
_CHANGES = text(
    f"SELECT embedding_id, deleted FROM {CHANGE_LOG} WHERE model_key = :model_key AND seq > :after "  # noqa: S608
    "AND seq <= :upto ORDER BY seq"
)
# Two subqueries: SQLite answers a lone min() or max() of the key from the b-tree's ends, both in one SELECT by a scan.
_LOG_BOUNDS = text(f"SELECT (SELECT min(seq) FROM {CHANGE_LOG}), (SELECT max(seq) FROM {CHANGE_LOG})")  # noqa: S608

Row = tuple[str, int, str, bytes]  # embedding id, rowid (storage order), claim id, float32 blob


@dataclass
class _Partition:
    """One model's vectors of one dimension: unit rows (zero rows stay zero and are never returned)."""

    dim: int
    seq: int = 0  # the last change-log entry this copy reflects
    units: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), dtype=np.float32))
    rowids: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    usable: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))  # alive and not a zero vector
    claim_ids: list[str] = field(default_factory=list)
    slot_of: dict[str, int] = field(default_factory=dict)  # embedding id -> row of the matrix, live rows only
    count: int = 0

    def clear(self) -> None:
        self.units = np.zeros((0, self.dim), dtype=np.float32)
        self.rowids = np.zeros(0, dtype=np.int64)
        self.usable = np.zeros(0, dtype=bool)
        self.claim_ids = []
        self.slot_of = {}
        self.count = 0

    def append(self, rows: Sequence[Row]) -> None:
        if not rows:
            return
        need = self.count + len(rows)
        if need > len(self.units):
            capacity = max(need, 2 * len(self.units), 1024)
            self.units = _grown(self.units, capacity, self.dim, self.count)
            self.rowids = _grown(self.rowids, capacity, None, self.count)
            self.usable = _grown(self.usable, capacity, None, self.count)
        vectors = np.frombuffer(b"".join(bytes(r[3]) for r in rows), dtype=np.float32).reshape(len(rows), self.dim)
        norms = np.linalg.norm(vectors, axis=1)
        nonzero = norms > 0
        start = self.count
        end = start + len(rows)
        self.units[start:end] = np.divide(vectors, norms[:, None], where=nonzero[:, None], out=np.zeros_like(vectors))
        self.rowids[start:end] = [r[1] for r in rows]
        self.usable[start:end] = nonzero
        for offset, row in enumerate(rows):
            self.claim_ids.append(row[2])
            self.slot_of[row[0]] = start + offset
        self.count = end

    def remove(self, embedding_id: str) -> None:
        slot = self.slot_of.pop(embedding_id, None)
        if slot is not None:
            self.usable[slot] = False

    def compact_if_sparse(self) -> None:
        dead = self.count - len(self.slot_of)
        if dead <= COMPACT_SHARE * max(self.count, 1):
            return
        live = sorted(self.slot_of.items(), key=lambda item: item[1])
        keep = np.fromiter((slot for _, slot in live), dtype=np.int64, count=len(live))
        self.units, self.rowids, self.usable = self.units[keep], self.rowids[keep], self.usable[keep]
        self.claim_ids = [self.claim_ids[slot] for _, slot in live]
        self.slot_of = {embedding_id: new for new, (embedding_id, _) in enumerate(live)}
        self.count = len(live)


def _grown(array: np.ndarray, capacity: int, dim: int | None, used: int) -> np.ndarray:
    shape: tuple[int, ...] = (capacity, dim) if dim is not None else (capacity,)
    grown = np.zeros(shape, dtype=array.dtype)
    grown[:used] = array[:used]
    return grown


@dataclass(frozen=True, slots=True)
class _Snapshot:
    units: np.ndarray
    rowids: np.ndarray
    usable: np.ndarray
    claim_ids: list[str]


class VectorMirror:
    """The claim vectors of one SQLite database, per model, kept in step through its change log; thread-safe.

    One per process and database (``Database.connect`` makes it): every request's search shares it.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._partitions: dict[tuple[str, int], _Partition] = {}
        self.loads = 0  # whole-partition loads, for tests and metrics

    def search(self, session: Session, query: np.ndarray, model_key: str, limit: int) -> list[tuple[str, float]]:
        """The ``limit`` nearest (claim id, cosine distance), nearest first, equal distances in storage order,
        as the caller's transaction sees the record (give or take writes committed while it runs)."""
        vector = np.asarray(query, dtype=np.float32)
        norm = float(np.linalg.norm(vector))
        if limit <= 0 or norm == 0.0 or not np.isfinite(norm):
            return []
        snapshot = self._synced(session, model_key, int(vector.shape[0]))
        usable = int(np.count_nonzero(snapshot.usable))
        if usable == 0:
            return []
        distances = (1.0 - snapshot.units @ (vector / norm)).astype(np.float32, copy=False)
        return _nearest(snapshot, distances, min(limit, usable))

    def search_many(
        self, session: Session, queries: Sequence[np.ndarray], model_key: str, limit: int
    ) -> list[list[tuple[str, float]]]:
        """``search`` for several queries of one dimension (a long statement and its windows), brought up to date
        with the change log once for all of them. Each query's answer is exactly the one ``search`` gives it: its
        own matrix-vector product (one matrix-matrix product sums in another order, and moved distances in the
        last bits, so ties and rounded similarities could differ from the same text checked alone)."""
        if limit <= 0 or not queries:
            return [[] for _ in queries]
        snapshot = self._synced(session, model_key, int(np.asarray(queries[0]).shape[0]))
        usable = int(np.count_nonzero(snapshot.usable))
        found: list[list[tuple[str, float]]] = []
        for query in queries:
            vector = np.asarray(query, dtype=np.float32)
            norm = float(np.linalg.norm(vector))
            if usable == 0 or norm == 0.0 or not np.isfinite(norm):
                found.append([])
                continue
            distances = (1.0 - snapshot.units @ (vector / norm)).astype(np.float32, copy=False)
            found.append(_nearest(snapshot, distances, min(limit, usable)))
        return found

    def held(self) -> list[tuple[str, int, int]]:
        """(model key, vectors held, bytes of its matrix) per partition: what /metrics reports."""
        with self._lock:
            return [
                (model_key, len(p.slot_of), int(p.units.nbytes))
                for (model_key, _), p in sorted(self._partitions.items())
            ]

    def warm(self, session: Session, model_key: str, dim: int) -> int:
        """Load (or bring up to date) one model's vectors ahead of the first search; returns how many it holds.
        The service calls it at start-up, before it reports ready, so no request pays for the load."""
        return int(np.count_nonzero(self._synced(session, model_key, dim).usable))

    def _synced(self, session: Session, model_key: str, dim: int) -> _Snapshot:
        low, high = session.execute(_LOG_BOUNDS).one()
        latest = int(high or 0)
        with self._lock:
            partition = self._partitions.get((model_key, dim))
            if partition is None:
                partition = _Partition(dim)
                self._load(session, partition, model_key, latest)
                self._partitions[(model_key, dim)] = partition
            elif latest > partition.seq:
                if low is not None and int(low) > partition.seq + 1:  # entries it needs were pruned
                    self._load(session, partition, model_key, latest)
                else:
                    self._replay(session, partition, model_key, latest)
            count = partition.count
            return _Snapshot(
                partition.units[:count], partition.rowids[:count], partition.usable[:count].copy(), partition.claim_ids
            )

    def _load(self, session: Session, partition: _Partition, model_key: str, latest: int) -> None:
        partition.clear()
        rows = session.execute(_LOAD, {"model_key": model_key, "dim": partition.dim}).all()
        partition.append([_row(r) for r in rows])
        partition.seq = latest
        self.loads += 1

    def _replay(self, session: Session, partition: _Partition, model_key: str, latest: int) -> None:
        changes = session.execute(_CHANGES, {"model_key": model_key, "after": partition.seq, "upto": latest}).all()
        inserted: dict[str, None] = {}  # vectors whose last entry is an insert
        for embedding_id, deleted in changes:
            partition.remove(str(embedding_id))
            inserted.pop(str(embedding_id), None)
            if not deleted:
                inserted[str(embedding_id)] = None
        ids = list(inserted)
        for start in range(0, len(ids), FETCH_CHUNK):
            chunk = ids[start : start + FETCH_CHUNK]
            rows = session.execute(_LOAD_IDS, {"ids": chunk, "model_key": model_key, "dim": partition.dim}).all()
            partition.append([_row(r) for r in rows])
        partition.compact_if_sparse()
        partition.seq = latest


def _nearest(snapshot: _Snapshot, distances: np.ndarray, limit: int) -> list[tuple[str, float]]:
    """The ``limit`` smallest of one query's distances to every row (rows not usable excluded), in storage order
    among equals."""
    distances[~snapshot.usable] = np.inf
    # Everything at or below the limit-th distance, so that equal distances at the cut keep storage order.
    cut = np.partition(distances, limit - 1)[limit - 1]
    near = np.flatnonzero(distances <= cut)
    order = near[np.lexsort((snapshot.rowids[near], distances[near]))][:limit]
    return [(snapshot.claim_ids[int(i)], float(distances[i])) for i in order]


def _row(row: Any) -> Row:
    return (str(row[0]), int(row[1]), str(row[2]), bytes(row[3]))


def prune_change_log(session: Session, keep: int) -> int:
    """Delete all but the newest ``keep`` change-log entries (SQLite; a copy behind them loads its partition
    again). Returns how many went; within the caller's transaction."""
    if session.get_bind().dialect.name != "sqlite":
        return 0
    result = session.execute(
        text(f"DELETE FROM {CHANGE_LOG} WHERE seq <= (SELECT max(seq) FROM {CHANGE_LOG}) - :keep"),  # noqa: S608
        {"keep": keep},
    )
    return int(getattr(result, "rowcount", 0) or 0)
