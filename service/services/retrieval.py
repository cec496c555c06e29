"""Finding the prior claims a statement may repeat: dense and lexical candidates fused by reciprocal rank.

The reply's ``similarity`` is always the cosine similarity of the two texts' embeddings, clipped to [0, 1];
fusion only decides which claims make the cut.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from db.lexical_index import LexicalIndex
from db.models import ClaimEmbedding
from db.vector_index import VectorIndex
from service.config import Settings


@dataclass(frozen=True, slots=True)
class Candidate:
    claim_id: str
    similarity: float
    score: float


class Retriever:
    def __init__(self, session: Session, settings: Settings) -> None:
        self.session = session
        self.settings = settings
        self.vectors = VectorIndex(session)
        self.lexical = LexicalIndex(session)

    def _cosines(self, query: np.ndarray, model_key: str, claim_ids: Sequence[str]) -> dict[str, float]:
        if not claim_ids:
            return {}
        rows = self.session.execute(
            select(ClaimEmbedding.claim_id, ClaimEmbedding.embedding).where(
                ClaimEmbedding.model_key == model_key, ClaimEmbedding.claim_id.in_(list(claim_ids))
            )
        ).all()
        return {str(claim_id): float(np.dot(query, vector)) for claim_id, vector in rows}

    def candidates(
        self, text: str, query: np.ndarray, model_key: str, k: int, exclude: Sequence[str] = ()
    ) -> list[Candidate]:
        """Up to ``k`` claims, best first by fused rank."""
        pool = max(k, self.settings.retrieval_candidates)
        dense = self.vectors.search(query, model_key, pool, exclude)
        scores: dict[str, float] = {}
        cosine = {hit.claim_id: 1.0 - hit.cosine_distance for hit in dense}
        for rank, hit in enumerate(dense):
            scores[hit.claim_id] = self.settings.dense_weight / (self.settings.rrf_k + rank + 1)
        if self.settings.lexical_weight > 0:
            skip = set(exclude)
            lexical = [h for h in self.lexical.search(text, pool + len(skip)) if h.claim_id not in skip][:pool]
            for rank, lex in enumerate(lexical):
                scores[lex.claim_id] = scores.get(lex.claim_id, 0.0) + self.settings.lexical_weight / (
                    self.settings.rrf_k + rank + 1
                )
            missing = [h.claim_id for h in lexical if h.claim_id not in cosine]
            cosine.update(self._cosines(query, model_key, missing))
        ranked = sorted(scores, key=lambda cid: (-scores[cid], -cosine.get(cid, 0.0)))
        return [
            Candidate(cid, min(1.0, max(0.0, cosine.get(cid, 0.0))), scores[cid]) for cid in ranked if cid in cosine
        ][:k]
