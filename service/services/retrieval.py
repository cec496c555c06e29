"""Finding the prior claims a statement may repeat: dense and lexical candidates, fused, then re-scored.

1. **Candidates.** The ``retrieval_candidates`` nearest claims by cosine (sqlite-vec ``vec0`` / pgvector HNSW) and
   as many best by the lexical index (BM25: FTS5 / PostgreSQL's FTS5-like ``fts_vector``) over the statement's
   content words, after ``embeddings.text_normalize.normalize`` (links, handles, hashtags, quotes, whitespace).
2. **Fusion.** Reciprocal rank fusion: ``dense_weight / (rrf_k + dense_rank) + lexical_weight / (rrf_k +
   lexical_rank)``, divided by its largest possible value so that it lies in [0, 1] (1: first in both lists).
3. **Second stage.** ``score = rerank_fusion_weight * fused + rerank_cosine_weight * cosine +
   rerank_lexical_weight * lexical`` where ``cosine`` is the embeddings' cosine (computed for every candidate,
   lexical-only ones too) and ``lexical`` is the keyword score over the best keyword score of this query (0..1).
   Candidates are ordered by ``score``.
4. **Calibration.** ``similarity = clip(similarity_slope * score + similarity_intercept, 0, 1)``. The slope and
   intercept are fitted on the CLEF 2020 *train* tweets (``python -m benchmarks.tune_matching``) so that a match
   of similarity *s* is as likely to be the claim the statement repeats as a match whose plain cosine is *s*:
   ``similarity`` reads like a cosine (and ``relation_min_similarity`` keeps its meaning), but it ranks like the
   fused score. The raw cosine is kept as ``Candidate.cosine``.

All weights are settings (``CLAIMLEDGER_*``); with ``rerank_cosine_weight=1`` and every other weight 0 (and slope
1, intercept 0) the ranking and the similarity are the plain cosine.

5. **Long statements.** A statement longer than ``SEGMENT_ABOVE_CHARS`` is also searched window by window
   (``embeddings.text_normalize.segments``: a few sentences each), every window through steps 1 to 4 as a
   statement of its own; a claim keeps its best-scoring view (the whole statement or a window). A claim repeated
   in one sentence of a pasted article then matches as that sentence would alone, where the whole text's vector
   and its first 32 content words had lost it. ``Candidate.window`` says which window that was, so that the judge
   reads the claim against it (``service.services.checking``) and not against the whole paragraph. The statement
   and its windows are searched together (``Retriever.pools``): one vector query, one keyword query and one
   cosine look-up for all of them, each view's pool the same as searched alone (on PostgreSQL a query per window
   per index had made its round trips most of a long statement's retrieval: 137 -> 80 ms p50 for 20 pasted
   paragraphs of ~11 windows on a 3,000-claim record; on SQLite, in process, it changes little).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
from sqlalchemy.orm import Session

from db.hnsw import HnswUpkeep
from db.lexical_index import LexicalIndex
from db.vector_index import VectorIndex
from db.vector_mirror import VectorMirror
from embeddings.text_normalize import normalize
from service.config import Settings


@dataclass(frozen=True, slots=True)
class Candidate:
    claim_id: str
    similarity: float  # calibrated, 0..1: what the API reports and what matches are sorted by
    score: float  # the second-stage score the order follows (unclipped, so ties at 0 or 1 keep their order)
    cosine: float = 0.0  # cosine of the two texts' embeddings (-1..1)
    fused: float = 0.0  # reciprocal-rank fusion, 0..1
    lexical: float = 0.0  # keyword score relative to this query's best, 0..1 (0: not a keyword match)
    dense_rank: int | None = None  # 0-based rank in each index's list, None when not in it
    lexical_rank: int | None = None
    window: int | None = None  # which window of a long statement found it best (index into ``windows``); None: whole


def second_stage(candidates: Sequence[Candidate], settings: Settings) -> list[Candidate]:
    """Score, calibrate and order pooled candidates (fused, cosine and lexical already set); best first."""
    scored = []
    for c in candidates:
        score = (
            settings.rerank_fusion_weight * c.fused
            + settings.rerank_cosine_weight * c.cosine
            + settings.rerank_lexical_weight * c.lexical
        )
        similarity = min(1.0, max(0.0, settings.similarity_slope * score + settings.similarity_intercept))
        scored.append(replace(c, score=score, similarity=similarity))
    scored.sort(key=tie_break_key)
    return scored


def tie_break_key(c: Candidate) -> tuple[float, float, float, float, str]:
    """Best first; equal scores go to the higher cosine, then to the earlier dense and keyword ranks (the indexes
    order equal distances by storage order, so two claims with the same text keep the order they were stored
    in, on every run), then to the id."""
    dense = float(c.dense_rank) if c.dense_rank is not None else float("inf")
    lexical = float(c.lexical_rank) if c.lexical_rank is not None else float("inf")
    return (-c.score, -c.cosine, dense, lexical, c.claim_id)


class Retriever:
    def __init__(
        self,
        session: Session,
        settings: Settings,
        mirror: VectorMirror | None = None,
        hnsw_upkeep: HnswUpkeep | None = None,
    ) -> None:
        self.session = session
        self.settings = settings
        self.vectors = VectorIndex(
            session, hnsw_ef_search=settings.hnsw_ef_search, mirror=mirror, hnsw_upkeep=hnsw_upkeep
        )
        self.lexical = LexicalIndex(session)

    def pool(
        self, text: str, query: np.ndarray, model_key: str, k: int, exclude: Sequence[str] = ()
    ) -> list[Candidate]:
        """Every candidate from either index with its cosine, fused and lexical features, not yet scored."""
        return self.pools([(text, query)], model_key, k, exclude)[0]

    def pools(
        self, views: Sequence[tuple[str, np.ndarray]], model_key: str, k: int, exclude: Sequence[str] = ()
    ) -> list[list[Candidate]]:
        """``pool`` for each of several (text, vector) views at once, each the pool it gives alone: a long
        statement and its windows take one query per index for all of them (``search_many``, ``cosines_many``)
        where one each per window had made PostgreSQL's round trips most of a long statement's retrieval."""
        settings = self.settings
        size = max(k, settings.retrieval_candidates)
        dense_hits = self.vectors.search_many([q for _, q in views], model_key, size, exclude)
        cosines = [{hit.claim_id: 1.0 - hit.cosine_distance for hit in dense} for dense in dense_hits]
        dense_ranks = [{hit.claim_id: rank for rank, hit in enumerate(dense)} for dense in dense_hits]
        lexical_ranks: list[dict[str, int]] = [{} for _ in views]
        lexical_scores: list[dict[str, float]] = [{} for _ in views]
        if settings.lexical_weight > 0 or settings.rerank_lexical_weight != 0:
            skip = set(exclude)
            found = self.lexical.search_many([normalize(t) for t, _ in views], size + len(skip))
            wanted: list[tuple[np.ndarray, list[str]]] = []
            for (_, query), hits_found, cosine, ranks, scores in zip(
                views, found, cosines, lexical_ranks, lexical_scores, strict=True
            ):
                hits = [h for h in hits_found if h.claim_id not in skip][:size]
                best = max((h.score for h in hits), default=0.0)
                for rank, hit in enumerate(hits):
                    ranks[hit.claim_id] = rank
                    scores[hit.claim_id] = hit.score / best if best > 0 else 0.0
                wanted.append((query, [h.claim_id for h in hits if h.claim_id not in cosine]))
            for cosine, more in zip(cosines, self.vectors.cosines_many(wanted, model_key), strict=True):
                cosine.update(more)
        return [
            self._fused(cosine, dense_rank, lexical_rank, lexical_score)
            for cosine, dense_rank, lexical_rank, lexical_score in zip(
                cosines, dense_ranks, lexical_ranks, lexical_scores, strict=True
            )
        ]

    def _fused(
        self,
        cosine: dict[str, float],
        dense_rank: dict[str, int],
        lexical_rank: dict[str, int],
        lexical_score: dict[str, float],
    ) -> list[Candidate]:
        """One view's candidates with their fusion and keyword features."""
        settings = self.settings
        top = (settings.dense_weight + settings.lexical_weight) / (settings.rrf_k + 1)
        # Only the first `retrieval_candidates` of each list are evidence (fusion, keyword score); a larger k reads
        # deeper to have enough candidates, which are scored by their cosine alone. So a claim's similarity, and
        # the order of the first matches, are the same whatever top_k asked for (a claim at keyword rank 60 had
        # gained fusion and keyword score when top_k was 100 and not when it was 10).
        depth = settings.retrieval_candidates
        pooled = []
        for claim_id, cos in cosine.items():  # a claim with no vector of this model cannot be scored: left out
            d, lx = dense_rank.get(claim_id), lexical_rank.get(claim_id)
            fused = (settings.dense_weight / (settings.rrf_k + d + 1) if d is not None and d < depth else 0.0) + (
                settings.lexical_weight / (settings.rrf_k + lx + 1) if lx is not None and lx < depth else 0.0
            )
            pooled.append(
                Candidate(
                    claim_id,
                    similarity=0.0,
                    score=0.0,
                    cosine=cos,
                    fused=fused / top if top > 0 else 0.0,
                    lexical=lexical_score.get(claim_id, 0.0) if lx is not None and lx < depth else 0.0,
                    dense_rank=d,
                    lexical_rank=lx,
                )
            )
        return pooled

    def candidates(
        self,
        text: str,
        query: np.ndarray,
        model_key: str,
        k: int,
        exclude: Sequence[str] = (),
        windows: Sequence[tuple[str, np.ndarray]] = (),
    ) -> list[Candidate]:
        """Up to ``k`` claims, best first by the second-stage score, each with its calibrated similarity.

        ``windows``: parts of a long statement (text and vector; ``text_normalize.segments``), each searched as a
        statement of its own; a claim found by several views keeps the best-scoring one (the whole statement on a
        tie), and ``window`` names it."""
        return self.candidates_many([(text, query, windows)], model_key, k, exclude)[0]

    def candidates_many(
        self,
        statements: Sequence[tuple[str, np.ndarray, Sequence[tuple[str, np.ndarray]]]],
        model_key: str,
        k: int,
        exclude: Sequence[str] = (),
    ) -> list[list[Candidate]]:
        """``candidates`` for each of several (text, vector, windows) statements with one ``k`` and ``exclude``,
        each answer the one ``candidates`` gives it alone: every statement's views in one ``pools`` (one query per
        index for all of an article's claims, where one each per claim had made its retrieval a few round trips a
        claim)."""
        views = [view for text, query, windows in statements for view in ((text, query), *windows)]
        pools = iter(self.pools(views, model_key, k, exclude))
        found = []
        for _, _, windows in statements:
            best = {c.claim_id: c for c in second_stage(next(pools), self.settings)}
            for index in range(len(windows)):
                for c in second_stage(next(pools), self.settings):
                    if c.claim_id not in best or tie_break_key(c) < tie_break_key(best[c.claim_id]):
                        best[c.claim_id] = replace(c, window=index)
            found.append(sorted(best.values(), key=tie_break_key)[:k])
        return found
