"""Nearest-neighbour search over claim vectors: a sqlite-vec ``vec0`` table on SQLite, pgvector (HNSW) on PostgreSQL.

``claim_embeddings`` is the record of every vector; the ``vec0`` table (SQLite, migration 0007) and the HNSW index
(PostgreSQL) are indexes over it, kept in step by the database itself (triggers, index maintenance). Only vectors
made by the same model (``model_key``) are ever compared.
"""

from __future__ import annotations

import math
import struct
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, cast

import numpy as np
import psycopg
from psycopg.adapt import Dumper
from psycopg.pq import Format
from psycopg.types import TypeInfo
from sqlalchemy import Table, delete, insert, select, text
from sqlalchemy.orm import Session

from db.hnsw import HnswUpkeep, hnsw_ready
from db.models import Claim, ClaimEmbedding
from db.types import new_id, utcnow
from db.vector_mirror import VectorMirror

# Dimensions the migrations index: a sqlite-vec vec0 table on SQLite (0007: claim_vec_384), a partial HNSW index on
# PostgreSQL (0001). A vector of another dimension is stored and found all the same, by an exact scan.
INDEXED_DIMS = frozenset({384})
VEC0_MAX_K = 4096  # sqlite-vec refuses a larger k
# vec0 returns equal distances newest first; a few extra hits let them be put back in storage order (the order the
# exact scan gives, so that claims with the same text keep the order they were stored in) at the cut too.
TIE_MARGIN = 8
HNSW_MAX_EF_SEARCH = 1000  # pgvector's limit
# Claim ids in one look-up of stored vectors (``VectorIndex.stored``): under SQLite's default limit of 32,766 parameters.
STORED_CHUNK = 30_000
# PostgreSQL answers by the exact scan while claim_embeddings holds up to this many rows (estimated as the planner
# does, or counted up to the limit before the table was first analysed), as SQLite always does: HNSW is approximate
# (at ef_search 200 it missed the 4th nearest of 10,500 claims for one of 132 audit statements, so the backends
# ranked that record differently), and the scan costs about 16 ms at 10,500 (p50; HNSW 10 ms). HNSW past that.
EXACT_SEARCH_UP_TO = 20_000


PG_COPY_EMBEDDINGS = (
    "COPY claim_embeddings (id, claim_id, model_key, model_name, model_version, dim, embedding, created_at) "
    "FROM STDIN (FORMAT BINARY)"
)


class _PgVectorDumper(Dumper):
    """pgvector's binary wire form: dimensions and a reserved word (two 16-bit integers), then the floats (a
    big-endian float32 array, as ``VectorIndex._pg_copy`` hands it over)."""

    format = Format.BINARY

    def dump(self, obj: np.ndarray) -> bytes:
        return struct.pack(">HH", obj.shape[0], 0) + obj.tobytes()


@cache
def pg_vector_dumper(oid: int) -> type[_PgVectorDumper]:
    """The dumper for a database's ``vector`` type: an extension's type has the oid its database gave it."""
    return type("PgVectorDumperForOid", (_PgVectorDumper,), {"oid": oid})


_PG_VECTOR_OID = "claimledger.pgvector_oid"


def pg_vector_oid(connection_info: dict[Any, Any], driver: psycopg.Connection[Any]) -> int:
    """The oid of the ``vector`` type in this connection's database, looked up once per connection (a catalog round
    trip on every bulk write before): ``connection_info`` is the pool's dict for this one DBAPI connection, which
    only ever speaks to one database and is dropped with it."""
    oid = connection_info.get(_PG_VECTOR_OID)
    if oid is None:
        info = TypeInfo.fetch(driver, "vector")
        if info is None:  # pragma: no cover - migration 0001 creates the extension
            raise RuntimeError("the vector type is missing: run `claimledger db upgrade`")
        oid = connection_info[_PG_VECTOR_OID] = info.oid
    return int(oid)


@dataclass(frozen=True, slots=True)
class VectorHit:
    claim_id: str
    cosine_distance: float


# Several queries' exact scans in one statement (``VectorIndex.search_many``): each query's rows as exact_search
# orders them, tagged with its 1-based position.
_PG_EXACT_MANY = text(
    "SELECT v.qi, knn.claim_id, knn.distance FROM unnest(CAST(:qs AS vector[])) WITH ORDINALITY AS v(q, qi) "
    "CROSS JOIN LATERAL (SELECT claim_id, created_at, id, embedding <=> v.q AS distance FROM claim_embeddings "
    "WHERE dim = :dim AND model_key = :model_key ORDER BY distance, created_at, id LIMIT :limit) AS knn "
    "ORDER BY v.qi, knn.distance, knn.created_at, knn.id"
)
# Each (query, claim) pair's cosine distance (``VectorIndex.cosines_many``); qi is the query's 1-based position.
_PG_COSINES_MANY = text(
    "SELECT p.qi, e.claim_id, e.embedding <=> v.q FROM unnest(CAST(:qis AS int[]), CAST(:ids AS text[])) "
    "AS p(qi, claim_id) JOIN unnest(CAST(:qs AS vector[])) WITH ORDINALITY AS v(q, qi) ON v.qi = p.qi "
    "JOIN claim_embeddings e ON e.claim_id = p.claim_id AND e.model_key = :model_key AND e.dim = :dim"
)


def _by_query(rows: Sequence[Any], count: int) -> list[list[tuple[Any, Any]]]:
    """Rows (1-based query position, claim id, distance) as each query's (claim id, distance) list, in order."""
    groups: list[list[tuple[Any, Any]]] = [[] for _ in range(count)]
    for qi, claim_id, distance in rows:
        groups[int(qi) - 1].append((claim_id, distance))
    return groups


def _pg_vector(vector: np.ndarray) -> str:
    return "[" + ",".join(f"{x:.7g}" for x in vector) + "]"


class VectorIndex:
    """Claim vectors by model: written here, searched by KNN (vec0 / HNSW) or, as a reference, exhaustively.

    ``hnsw_ef_search`` is pgvector's candidate list size on PostgreSQL (``CLAIMLEDGER_HNSW_EF_SEARCH``): larger is
    closer to the exact search and slower; a search that asks for more hits than it raises it to that many.
    ``mirror`` (SQLite): the process's in-memory copy of the vectors, searched instead of ``vec0`` (same answers).
    ``exact_up_to`` (PostgreSQL): up to this many stored vectors the search is the exact scan, as on SQLite, so
    both backends return the same neighbours for the same record; 0 uses HNSW whenever the index is in place.
    Past it with no usable index yet (it is built when first needed, ``db/hnsw.py``) the search stays exact and
    asks ``hnsw_upkeep`` to build it.
    """

    def __init__(
        self,
        session: Session,
        *,
        hnsw_ef_search: int | None = None,
        mirror: VectorMirror | None = None,
        exact_up_to: int = EXACT_SEARCH_UP_TO,
        hnsw_upkeep: HnswUpkeep | None = None,
    ) -> None:
        self.session = session
        self.hnsw_ef_search = hnsw_ef_search
        self.mirror = mirror
        self.exact_up_to = exact_up_to
        self.hnsw_upkeep = hnsw_upkeep
        self._hnsw_seen = False

    @property
    def _dialect(self) -> str:
        return self.session.get_bind().dialect.name

    def upsert(self, claim_ids: Sequence[str], vectors: np.ndarray, model_name: str, model_version: str) -> None:
        """Store one vector per claim for this model, replacing any earlier vector of the same model.

        On SQLite the vec0 index follows through triggers (migration 0007), whichever code writes or deletes.
        """
        key = f"{model_name}@{model_version}"
        if not claim_ids:
            return
        self.session.execute(
            delete(ClaimEmbedding).where(ClaimEmbedding.claim_id.in_(list(claim_ids)), ClaimEmbedding.model_key == key)
        )
        if self._dialect == "postgresql":
            self._pg_copy(claim_ids, vectors, model_name, model_version)
            return
        # One executemany of plain rows rather than ORM objects (half the write's Python time went to building,
        # tracking and flushing them); nothing reads the rows back through the session's identity map.
        self.session.execute(
            insert(cast(Table, ClaimEmbedding.__table__)),
            [
                {
                    "id": new_id(),
                    "claim_id": claim_id,
                    "model_key": key,
                    "model_name": model_name,
                    "model_version": model_version,
                    "dim": int(vector.shape[0]),
                    "embedding": vector,
                    "created_at": utcnow(),
                }
                for claim_id, vector in zip(claim_ids, vectors, strict=True)
            ],
        )

    def _pg_copy(self, claim_ids: Sequence[str], vectors: np.ndarray, model_name: str, model_version: str) -> None:
        """The rows by binary COPY, in the session's transaction: as an INSERT, each vector went out as ~7,500
        characters of text that Python formatted float by float (~0.4 ms a vector) and the server parsed back, in
        one statement psycopg had to rewrite whole for every 500 rows; the binary vector is its 1,540 bytes."""
        pooled = self.session.connection().connection
        driver = pooled.driver_connection
        assert isinstance(driver, psycopg.Connection)
        oid = pg_vector_oid(pooled.info, driver)
        rows = np.ascontiguousarray(vectors, dtype=">f4")
        with driver.cursor() as cursor:
            cursor.adapters.register_dumper(np.ndarray, pg_vector_dumper(oid))  # this cursor's only
            with cursor.copy(PG_COPY_EMBEDDINGS) as copy:
                copy.set_types(["varchar", "varchar", "varchar", "varchar", "varchar", "int4", oid, "timestamptz"])
                key = f"{model_name}@{model_version}"
                for claim_id, row in zip(claim_ids, rows, strict=True):
                    copy.write_row((new_id(), claim_id, key, model_name, model_version, row.shape[0], row, utcnow()))

    def search(self, query: np.ndarray, model_key: str, k: int, exclude: Sequence[str] = ()) -> list[VectorHit]:
        """The ``k`` nearest claims by cosine distance (0 = same direction, 2 = opposite), nearest first.

        SQLite: an exact KNN over the in-memory mirror when there is one, else over the model's partition of the
        vec0 table. PostgreSQL: the HNSW index (approximate; ``hnsw_ef_search`` sets how close to exact).
        """
        if k <= 0:
            return []
        fetch = k + len(exclude)
        vector = np.asarray(query, dtype=np.float32)
        dim = int(vector.shape[0])
        if self.mirror is not None and self._dialect == "sqlite":
            return self._hits(self.mirror.search(self.session, vector, model_key, fetch), k, exclude)
        if dim not in INDEXED_DIMS:
            return self.exact_search(vector, model_key, k, exclude)
        if self._dialect == "postgresql":
            ef_search = max(self.hnsw_ef_search or 2 * fetch, fetch, 40)
            if ef_search > HNSW_MAX_EF_SEARCH or self._pg_exact():
                return self.exact_search(vector, model_key, k, exclude)
            self.session.execute(text(f"SET LOCAL hnsw.ef_search = {int(ef_search)}"))
            rows = self.session.execute(
                text(  # dim is one of INDEXED_DIMS, never caller text
                    "SELECT claim_id, distance FROM ("  # noqa: S608
                    f"SELECT claim_id, created_at, id, (embedding::vector({dim})) <=> CAST(:q AS vector({dim})) "
                    "AS distance FROM claim_embeddings WHERE dim = :dim AND model_key = :model_key "
                    "ORDER BY distance LIMIT :limit) AS knn ORDER BY distance, created_at, id"
                ),
                {"q": _pg_vector(vector), "dim": dim, "model_key": model_key, "limit": fetch},
            ).all()
        else:
            limit = fetch + TIE_MARGIN
            if limit > VEC0_MAX_K:
                return self.exact_search(vector, model_key, k, exclude)
            rows = self.session.execute(
                text(  # the table name comes from INDEXED_DIMS, never caller text
                    f"WITH knn AS MATERIALIZED (SELECT embedding_id, claim_id, distance FROM claim_vec_{dim} "  # noqa: S608
                    "WHERE embedding MATCH :q AND k = :limit AND model_key = :model_key) "
                    "SELECT knn.claim_id, knn.distance FROM knn JOIN claim_embeddings e ON e.id = knn.embedding_id "
                    "WHERE knn.distance IS NOT NULL ORDER BY knn.distance, e.rowid"
                ),
                {"q": vector.tobytes(), "model_key": model_key, "limit": limit},
            ).all()
        return self._hits(rows, k, exclude)

    def search_many(
        self, queries: Sequence[np.ndarray], model_key: str, k: int, exclude: Sequence[str] = ()
    ) -> list[list[VectorHit]]:
        """``search`` for each of several queries of one dimension (a long statement and its windows), each answer
        the one ``search`` gives, in one statement on PostgreSQL (one round trip instead of one per query, and
        the exact-or-HNSW choice made once) and over the mirror brought up to date once on SQLite. One query, or
        SQLite's ``vec0`` without a mirror, is searched as ``search`` does."""
        if k <= 0 or not queries:
            return [[] for _ in queries]
        if len(queries) == 1:
            return [self.search(queries[0], model_key, k, exclude)]
        fetch = k + len(exclude)
        vectors = [np.asarray(q, dtype=np.float32) for q in queries]
        dim = int(vectors[0].shape[0])
        if self.mirror is not None and self._dialect == "sqlite":
            found = self.mirror.search_many(self.session, vectors, model_key, fetch)
            return [self._hits(rows, k, exclude) for rows in found]
        if self._dialect != "postgresql" or dim not in INDEXED_DIMS:
            return [self.search(v, model_key, k, exclude) for v in vectors]
        ef_search = max(self.hnsw_ef_search or 2 * fetch, fetch, 40)
        params = {"qs": [_pg_vector(v) for v in vectors], "dim": dim, "model_key": model_key, "limit": fetch}
        if ef_search > HNSW_MAX_EF_SEARCH or self._pg_exact():
            # The bare column, as exact_search reads it: the planner scans the table once per query.
            rows = self.session.execute(_PG_EXACT_MANY, params).all()
        else:
            self.session.execute(text(f"SET LOCAL hnsw.ef_search = {int(ef_search)}"))
            rows = self.session.execute(
                text(  # dim is one of INDEXED_DIMS, never caller text
                    "SELECT v.qi, knn.claim_id, knn.distance "  # noqa: S608
                    f"FROM unnest(CAST(:qs AS vector({dim})[])) WITH ORDINALITY AS v(q, qi) CROSS JOIN LATERAL ("
                    f"SELECT claim_id, created_at, id, (embedding::vector({dim})) <=> v.q AS distance "
                    "FROM claim_embeddings WHERE dim = :dim AND model_key = :model_key "
                    "ORDER BY distance LIMIT :limit) AS knn ORDER BY v.qi, knn.distance, knn.created_at, knn.id"
                ),
                params,
            ).all()
        return [self._hits(group, k, exclude) for group in _by_query(rows, len(vectors))]

    def _pg_exact(self) -> bool:
        """Whether a PostgreSQL search scans exactly: a small record, or no usable HNSW index yet (then asked for)."""
        if self._pg_small():
            return True
        upkeep = self.hnsw_upkeep
        if self._hnsw_seen or (upkeep is not None and upkeep.ready):
            return False
        if hnsw_ready(self.session):
            self._hnsw_seen = True
            if upkeep is not None:
                upkeep.mark_ready()
            return False
        if upkeep is not None:
            upkeep.request()
        return True

    def _pg_small(self) -> bool:
        """Whether claim_embeddings holds at most ``exact_up_to`` rows, estimated as the planner does: the rows per
        page when it was last analysed times its pages now (so rows added since count); before it held any
        analysed page, a count that stops one row past the limit."""
        if self.exact_up_to <= 0:
            return False
        tuples, pages, pages_now = self.session.execute(
            text(
                "SELECT reltuples, relpages, pg_relation_size(oid) / current_setting('block_size')::int "
                "FROM pg_class WHERE oid = 'claim_embeddings'::regclass"
            )
        ).one()
        if tuples is not None and float(tuples) >= 0 and int(pages) > 0:
            return float(tuples) / int(pages) * int(pages_now) <= self.exact_up_to
        counted = self.session.execute(
            text("SELECT count(*) FROM (SELECT 1 FROM claim_embeddings LIMIT :limit) AS bounded"),
            {"limit": self.exact_up_to + 1},
        ).scalar_one()
        return int(counted) <= self.exact_up_to

    def exact_search(self, query: np.ndarray, model_key: str, k: int, exclude: Sequence[str] = ()) -> list[VectorHit]:
        """The ``k`` nearest by a scan of every vector of this model: what ``search`` is measured against, and the
        search for dimensions no index covers. Equal distances come in storage order."""
        if k <= 0:
            return []
        fetch = k + len(exclude)
        vector = np.asarray(query, dtype=np.float32)
        dim = int(vector.shape[0])
        if self._dialect == "postgresql":
            # The bare column, not the indexed (embedding::vector(dim)) expression: the planner scans the table.
            rows = self.session.execute(
                text(
                    "SELECT claim_id, embedding <=> CAST(:q AS vector) AS distance FROM claim_embeddings "
                    "WHERE dim = :dim AND model_key = :model_key ORDER BY distance, created_at, id LIMIT :limit"
                ),
                {"q": _pg_vector(vector), "dim": dim, "model_key": model_key, "limit": fetch},
            ).all()
        else:
            rows = self.session.execute(
                text(
                    "SELECT claim_id, distance FROM (SELECT claim_id, rowid AS seq, "
                    "vec_distance_cosine(embedding, :q) AS distance FROM claim_embeddings "
                    "WHERE model_key = :model_key AND dim = :dim) WHERE distance IS NOT NULL "
                    "ORDER BY distance, seq LIMIT :limit"
                ),
                {"q": vector.tobytes(), "dim": dim, "model_key": model_key, "limit": fetch},
            ).all()
        return self._hits(rows, k, exclude)

    def cosines_many(
        self, queries: Sequence[tuple[np.ndarray, Sequence[str]]], model_key: str
    ) -> list[dict[str, float]]:
        """``cosines`` for several (query, claim ids) at once, each answer the one ``cosines`` gives: one statement
        on PostgreSQL, one read of the vectors named on SQLite."""
        if len(queries) <= 1:
            return [self.cosines(q, model_key, ids) for q, ids in queries]
        vectors = [np.asarray(q, dtype=np.float32) for q, _ in queries]
        if self._dialect == "postgresql":
            owners = [n for n, (_, ids) in enumerate(queries, start=1) for _ in ids]
            if not owners:
                return [{} for _ in queries]
            rows = self.session.execute(
                _PG_COSINES_MANY,
                {
                    "qs": [_pg_vector(v) for v in vectors],
                    "qis": owners,
                    "ids": [claim_id for _, ids in queries for claim_id in ids],
                    "model_key": model_key,
                    "dim": int(vectors[0].shape[0]),
                },
            ).all()
            found: list[dict[str, float]] = [{} for _ in queries]
            for qi, claim_id, distance in rows:
                found[int(qi) - 1][str(claim_id)] = 1.0 - float(distance) if math.isfinite(distance) else 0.0
            return found
        stored = self.stored(model_key, sorted({claim_id for _, ids in queries for claim_id in ids}))
        return [
            {str(c): float(np.dot(vector, stored[c])) for c in ids if c in stored}
            for vector, (_, ids) in zip(vectors, queries, strict=True)
        ]

    def cosines(self, query: np.ndarray, model_key: str, claim_ids: Sequence[str]) -> dict[str, float]:
        """The query's cosine with each named claim's vector of this model (claims without one are left out).

        Vectors are unit length, so the cosine is their dot product. PostgreSQL computes it next to the data
        (reading 384 floats a claim back as text and parsing them cost ~4 ms for a check's 40 keyword-only
        candidates); a zero vector's cosine is 0 on both backends."""
        if not claim_ids:
            return {}
        vector = np.asarray(query, dtype=np.float32)
        if self._dialect == "postgresql":
            rows = self.session.execute(
                text(
                    "SELECT claim_id, embedding <=> CAST(:q AS vector) FROM claim_embeddings "
                    "WHERE model_key = :model_key AND dim = :dim AND claim_id = ANY(:ids)"
                ),
                {"q": _pg_vector(vector), "model_key": model_key, "dim": int(vector.shape[0]), "ids": list(claim_ids)},
            ).all()
            return {str(r[0]): 1.0 - float(r[1]) if math.isfinite(r[1]) else 0.0 for r in rows}
        return {
            claim_id: float(np.dot(vector, stored)) for claim_id, stored in self.stored(model_key, claim_ids).items()
        }

    def stored(self, model_key: str, claim_ids: Sequence[str]) -> dict[str, np.ndarray]:
        """The named claims' stored vectors of this model, by claim id (claims without one are left out). Read
        ``STORED_CHUNK`` ids a statement: an article's claims ask for their candidates' vectors all at once
        (``cosines_many``), more ids than SQLite's default limit on a statement's parameters."""
        ids = list(claim_ids)
        found: dict[str, np.ndarray] = {}
        for start in range(0, len(ids), STORED_CHUNK):
            rows = self.session.execute(
                select(ClaimEmbedding.claim_id, ClaimEmbedding.embedding).where(
                    ClaimEmbedding.model_key == model_key,
                    ClaimEmbedding.claim_id.in_(ids[start : start + STORED_CHUNK]),
                )
            ).all()
            found.update((str(claim_id), np.asarray(vector, dtype=np.float32)) for claim_id, vector in rows)
        return found

    @staticmethod
    def _hits(rows: Sequence[Any], k: int, exclude: Sequence[str]) -> list[VectorHit]:
        # A zero vector has no direction (a NULL distance in sqlite-vec, NaN in pgvector): nobody's neighbour.
        skip = set(exclude)
        hits = [
            VectorHit(str(r[0]), float(r[1]))
            for r in rows
            if r[1] is not None and not math.isnan(r[1]) and r[0] not in skip
        ]
        return hits[:k]

    def claims_missing(self, model_key: str, limit: int) -> list[Claim]:
        """Claims with no vector from this model: new ones, or all of them after a model change."""
        has_vector = select(ClaimEmbedding.claim_id).where(ClaimEmbedding.model_key == model_key)
        stmt = select(Claim).where(Claim.id.not_in(has_vector)).order_by(Claim.id).limit(limit)
        return list(self.session.scalars(stmt))

    def drop_other_models(self, model_key: str) -> int:
        """Remove vectors made by any other model; returns how many went."""
        result = self.session.execute(delete(ClaimEmbedding).where(ClaimEmbedding.model_key != model_key))
        return int(getattr(result, "rowcount", 0) or 0)
