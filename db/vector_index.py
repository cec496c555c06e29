"""Nearest-neighbour search over claim vectors: sqlite-vec on SQLite, pgvector (HNSW) on PostgreSQL.

Only vectors made by the same model (``model_key``) are ever compared.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sqlalchemy import delete, select, text
from sqlalchemy.orm import Session

from db.models import Claim, ClaimEmbedding


@dataclass(frozen=True, slots=True)
class VectorHit:
    claim_id: str
    cosine_distance: float


class VectorIndex:
    def __init__(self, session: Session) -> None:
        self.session = session

    @property
    def _dialect(self) -> str:
        return self.session.get_bind().dialect.name

    def upsert(self, claim_ids: Sequence[str], vectors: np.ndarray, model_name: str, model_version: str) -> None:
        """Store one vector per claim for this model, replacing any earlier vector of the same model."""
        key = f"{model_name}@{model_version}"
        if not claim_ids:
            return
        self.session.execute(
            delete(ClaimEmbedding).where(ClaimEmbedding.claim_id.in_(list(claim_ids)), ClaimEmbedding.model_key == key)
        )
        self.session.add_all(
            ClaimEmbedding(
                claim_id=claim_id,
                model_key=key,
                model_name=model_name,
                model_version=model_version,
                dim=int(vector.shape[0]),
                embedding=vector,
            )
            for claim_id, vector in zip(claim_ids, vectors, strict=True)
        )
        self.session.flush()

    def search(self, query: np.ndarray, model_key: str, k: int, exclude: Sequence[str] = ()) -> list[VectorHit]:
        """The ``k`` nearest claims by cosine distance (0 = same direction, 2 = opposite)."""
        if k <= 0:
            return []
        fetch = k + len(exclude)
        dim = int(query.shape[0])
        vector = np.asarray(query, dtype=np.float32)
        if self._dialect == "postgresql":
            self.session.execute(text(f"SET LOCAL hnsw.ef_search = {max(40, min(1000, fetch * 2))}"))
            rows = self.session.execute(
                text(  # dim is an int from the array's shape, never caller text
                    f"SELECT claim_id, (embedding::vector({dim})) <=> CAST(:q AS vector({dim})) AS distance "  # noqa: S608
                    "FROM claim_embeddings WHERE dim = :dim AND model_key = :model_key "
                    "ORDER BY distance LIMIT :limit"
                ),
                {
                    "q": "[" + ",".join(f"{x:.7g}" for x in vector) + "]",
                    "dim": dim,
                    "model_key": model_key,
                    "limit": fetch,
                },
            ).all()
        else:
            rows = self.session.execute(
                text(
                    "SELECT claim_id, vec_distance_cosine(embedding, :q) AS distance FROM claim_embeddings "
                    "WHERE model_key = :model_key AND dim = :dim ORDER BY distance LIMIT :limit"
                ),
                {"q": vector.tobytes(), "dim": dim, "model_key": model_key, "limit": fetch},
            ).all()
        skip = set(exclude)
        # A zero vector (a text with nothing to encode) has no cosine distance: NULL on SQLite, NaN on PostgreSQL.
        hits = [
            VectorHit(str(r[0]), float(r[1]))
            for r in rows
            if r[0] not in skip and r[1] is not None and not math.isnan(float(r[1]))
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
