"""Fit the retrieval settings on the CLEF 2020 *train* tweets (never on dev) and print them.

    python -m benchmarks.tune_matching [--database-url URL] [--pools CACHE.json] [--threads 1] [--out FILE.json]

The claims are stored as ``benchmarks.eval_matching`` stores them (``ClaimService.bulk``, a fresh temporary SQLite
file unless ``--database-url`` names one). For each train tweet the service's own ``Retriever.pool`` gives every
candidate of both indexes (50 each) with its dense rank, keyword rank, cosine and keyword score. Then, offline:

1. ``rrf_k``, ``lexical_weight`` (``dense_weight`` stays 1: only the ratio matters), ``rerank_cosine_weight`` and
   ``rerank_lexical_weight`` (``rerank_fusion_weight`` stays 1) by grid search for the best train MAP@5. The grid
   runs on a vectorised copy of the formula; the winner is re-scored with the service's own ``second_stage`` and
   must give the same MAP@5, so what is tuned is exactly what runs;
2. the calibration, a straight line through two anchors: logistic fits of "is the claim the tweet repeats" on
   the plain cosine of the dense candidates, P = σ(a·cosine + b), and on the chosen score, P = σ(c·score + d),
   give the even-odds points cosine₅₀ = −b/a and score₅₀ = −d/c; the line maps score₅₀ to cosine₅₀ and the
   best possible score (first in both lists, cosine 1) to 1. So a match that is as likely as not to be the
   repeated claim reads as the cosine at which a plain cosine match is, and an exact repeat reads 1.

The result is printed as ``CLAIMLEDGER_*`` lines and written to ``benchmarks/tuned_matching.json``; the defaults
in ``service/config.py`` are these values.
"""

from __future__ import annotations

import argparse
import itertools
import json
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks.eval_matching import (
    Progress,
    Query,
    average_precision_at,
    ingest,
    load_claims,
    load_queries,
    prepare_run,
)
from benchmarks.report import write_report
from db.database import Database
from db.migrate import upgrade
from db.repositories.claims import ClaimRepository
from embeddings.encoder import load_encoder, model_key
from embeddings.text_normalize import normalize_or_keep
from service.config import REPO_ROOT, Settings
from service.services.retrieval import Candidate, Retriever, second_stage, tie_break_key

OUT_FILE = REPO_ROOT / "benchmarks" / "tuned_matching.json"
# Each index's list length is a latency budget more than a tuning knob (100 scored no better on train than 50).
POOL_SIZES = (50,)
RRF_KS = (1, 2, 5, 10, 30, 60)
LEXICAL_WEIGHTS = (1.0, 2.0, 3.0, 4.0, 6.0, 8.0)
COSINE_WEIGHTS = (0.0, 1.0, 2.0, 4.0, 6.0, 8.0, 12.0, 16.0)
RERANK_LEXICAL_WEIGHTS = (0.0, 0.5, 1.0, 2.0)


@dataclass(frozen=True, slots=True)
class Pool:
    query: Query
    candidates: list[Candidate]
    relevant: frozenset[str]  # claim ids


def collect(url: str, split: str, data_dir: Path, encoder_spec: str, limit: int | None) -> list[Pool]:
    db = Database.connect(url)
    encoder = load_encoder(encoder_spec)
    ingest(db, encoder, load_claims(data_dir))
    queries = load_queries(data_dir, split)[:limit]
    settings = Settings(database_url=url, retrieval_candidates=max(POOL_SIZES), rerank_lexical_weight=1.0)
    vectors = encoder.encode([normalize_or_keep(q.text) for q in queries])
    pools: list[Pool] = []
    with db.read() as session:
        by_external = {
            c.external_id: c.id
            for c in ClaimRepository(session).by_external_ids(sorted({e for q in queries for e in q.relevant})).values()
        }
        retriever = Retriever(session, settings)
        bar = Progress(len(queries), f"pools/{split}")
        for query, vector in zip(queries, vectors, strict=True):
            candidates = retriever.pool(query.text, vector, model_key(encoder), max(POOL_SIZES))
            relevant = frozenset(by_external[e] for e in query.relevant if e in by_external)
            pools.append(Pool(query, candidates, relevant))
            bar.update()
    db.dispose()
    return pools


def save_pools(pools: Sequence[Pool], path: Path, url: str) -> None:
    rows = [
        {
            "query": {"id": p.query.id, "text": p.query.text, "relevant": sorted(p.query.relevant)},
            "relevant": sorted(p.relevant),
            "candidates": [[c.claim_id, c.cosine, c.lexical, c.dense_rank, c.lexical_rank] for c in p.candidates],
        }
        for p in pools
    ]
    path.write_text(json.dumps({"database_url": url, "pools": rows}), encoding="utf-8")


def load_pools(path: Path) -> list[Pool]:
    rows = json.loads(path.read_text(encoding="utf-8"))["pools"]
    return [
        Pool(
            Query(r["query"]["id"], r["query"]["text"], frozenset(r["query"]["relevant"])),
            [
                Candidate(c[0], 0.0, 0.0, cosine=c[1], lexical=c[2], dense_rank=c[3], lexical_rank=c[4])
                for c in r["candidates"]
            ],
            frozenset(r["relevant"]),
        )
        for r in rows
    ]


def refuse(candidates: Sequence[Candidate], pool_size: int, rrf_k: int, lexical_weight: float) -> list[Candidate]:
    """The pool and fused scores as ``Retriever.pool`` would give them with these settings."""
    top = (1.0 + lexical_weight) / (rrf_k + 1)
    out = []
    for c in candidates:
        d = c.dense_rank if c.dense_rank is not None and c.dense_rank < pool_size else None
        lx = c.lexical_rank if c.lexical_rank is not None and c.lexical_rank < pool_size else None
        if d is None and lx is None:
            continue
        fused = (1.0 / (rrf_k + d + 1) if d is not None else 0.0) + (
            lexical_weight / (rrf_k + lx + 1) if lx is not None else 0.0
        )
        out.append(replace(c, fused=fused / top, lexical=c.lexical if lx is not None else 0.0))
    return out


def map_at_5(pools: Sequence[Pool], settings: Settings) -> float:
    """Train MAP@5 with the service's own ``second_stage`` ordering (used to check the vectorised grid)."""
    rankings = [[c.claim_id for c in second_stage(p.candidates, settings)[:5]] for p in pools]
    return float(np.mean([average_precision_at(r, p.relevant, 5) for r, p in zip(rankings, pools, strict=True)]))


class Flat:
    """All pools as flat arrays, so one grid point is a handful of numpy operations (same formula and tie-breaks
    as ``Retriever.pool`` + ``second_stage``)."""

    def __init__(self, pools: Sequence[Pool]) -> None:
        rows = [(i, c, c.claim_id in p.relevant) for i, p in enumerate(pools) for c in p.candidates]
        self.query = np.array([i for i, _, _ in rows], dtype=np.int64)
        self.dense_rank = np.array([np.inf if c.dense_rank is None else c.dense_rank for _, c, _ in rows])
        self.lexical_rank = np.array([np.inf if c.lexical_rank is None else c.lexical_rank for _, c, _ in rows])
        self.cosine = np.array([c.cosine for _, c, _ in rows])
        self.lexical = np.array([c.lexical for _, c, _ in rows])
        self.relevant = np.array([r for _, _, r in rows], dtype=bool)
        # Where each row stands among equal scores: second_stage's tie-break order (cosine, ranks, id).
        order = sorted(range(len(rows)), key=lambda n: tie_break_key(replace(rows[n][1], score=0.0)))
        self.tie = np.empty(len(rows), dtype=np.int64)
        self.tie[order] = np.arange(len(rows))
        self.n_relevant = np.array([max(1, len(p.relevant)) for p in pools], dtype=np.float64)
        self.queries = len(pools)
        # Rows of each query's relevant candidates, padded with -1: (queries, most relevant in one query).
        slots: list[list[int]] = [[] for _ in pools]
        for row in np.flatnonzero(self.relevant):
            slots[int(self.query[row])].append(int(row))
        width = max(1, max(len(s) for s in slots))
        self.relevant_rows = np.array([s + [-1] * (width - len(s)) for s in slots], dtype=np.int64)

    def map_at_5(self, pool_size: int, rrf_k: int, lexical_weight: float, cosine_w: float, lexical_w: float) -> float:
        in_d = self.dense_rank < pool_size
        in_l = self.lexical_rank < pool_size
        kept = in_d | in_l
        with np.errstate(divide="ignore", invalid="ignore"):
            fused = np.where(in_d, 1.0 / (rrf_k + self.dense_rank + 1), 0.0) + np.where(
                in_l, lexical_weight / (rrf_k + self.lexical_rank + 1), 0.0
            )
        fused /= (1.0 + lexical_weight) / (rrf_k + 1)
        score = np.where(kept, fused + cosine_w * self.cosine + lexical_w * np.where(in_l, self.lexical, 0.0), -np.inf)
        # The 0-based position of each relevant candidate: how many kept candidates of its query come before it
        # (higher score; among equal scores, earlier in the tie-break order), as second_stage orders them.
        positions = np.full(self.relevant_rows.shape, np.inf)
        for slot in range(self.relevant_rows.shape[1]):
            rows = self.relevant_rows[:, slot]
            valid = rows >= 0
            safe = np.where(valid, rows, 0)
            s, t = score[safe][self.query], self.tie[safe][self.query]
            before = kept & ((score > s) | ((score == s) & (self.tie < t)))
            count = np.bincount(self.query, weights=before, minlength=self.queries)
            positions[:, slot] = np.where(valid & kept[safe], count, np.inf)
        positions.sort(axis=1)
        hits = positions < 5
        found = np.cumsum(hits, axis=1)
        precision = np.where(hits, found / (np.where(hits, positions, 0) + 1), 0.0)
        return float((precision.sum(axis=1) / self.n_relevant).mean())


def logistic_fit(x: np.ndarray, y: np.ndarray, iterations: int = 50) -> tuple[float, float]:
    """P(y=1) = σ(a·x + b) by Newton's method (a small ridge keeps it finite on separable data)."""
    a, b = 0.0, 0.0
    design = np.stack([x, np.ones_like(x)], axis=1)
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-(a * x + b)))
        gradient = design.T @ (y - p) - 1e-4 * np.array([a, 0.0])
        hessian = -(design.T * (p * (1 - p))) @ design - 1e-4 * np.diag([1.0, 0.0])
        step = np.linalg.solve(hessian, gradient)
        a, b = a - float(step[0]), b - float(step[1])
        if float(np.abs(step).max()) < 1e-9:
            break
    return a, b


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=None, help="default: a fresh temporary SQLite file")
    parser.add_argument("--encoder", default="minilm")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--threads", type=int, default=1, help="torch threads for the encoder (0: torch's default)")
    parser.add_argument("--out", type=Path, default=OUT_FILE)
    parser.add_argument(
        "--pools",
        type=Path,
        default=None,
        help="cache of the train pools: read if it exists (skipping the database), else written",
    )
    args = parser.parse_args(argv)
    base = Settings()
    found = prepare_run(base, args.threads)
    if found is None:
        return 0
    data_dir = found
    if args.pools is not None and args.pools.is_file():
        pools = load_pools(args.pools)[: args.limit]
    else:
        with tempfile.TemporaryDirectory(prefix="claimledger-tune-") as tmp:
            url = args.database_url or f"sqlite:///{Path(tmp) / 'clef2020.db'}"
            upgrade(url)
            pools = collect(url, "train", data_dir, args.encoder, args.limit)
        if args.pools is not None:
            save_pools(pools, args.pools, url)

    started = time.perf_counter()
    flat = Flat(pools)
    grid = list(itertools.product(POOL_SIZES, RRF_KS, LEXICAL_WEIGHTS, COSINE_WEIGHTS, RERANK_LEXICAL_WEIGHTS))
    results = [(flat.map_at_5(*point), point) for point in grid]
    # Best train MAP@5; among equal scores (to 4 places: one tweet is 0.00125), the smallest weights.
    train_map, (pool_size, rrf_k, lexical_weight, cosine_w, lexical_w) = max(
        results, key=lambda r: (round(r[0], 4), -r[1][3], -r[1][2], -r[1][4], -r[1][1])
    )
    chosen: dict[str, Any] = {
        "retrieval_candidates": pool_size,
        "rrf_k": rrf_k,
        "dense_weight": 1.0,
        "lexical_weight": lexical_weight,
        "rerank_fusion_weight": 1.0,
        "rerank_cosine_weight": cosine_w,
        "rerank_lexical_weight": lexical_w,
    }
    tuned = base.model_copy(update=chosen)

    # Calibration onto the cosine scale, on the chosen pools.
    final = [
        replace(
            p,
            candidates=refuse(p.candidates, chosen["retrieval_candidates"], chosen["rrf_k"], chosen["lexical_weight"]),
        )
        for p in pools
    ]
    dense = [(c.cosine, c.claim_id in p.relevant) for p in final for c in p.candidates if c.dense_rank is not None]
    a, b = logistic_fit(np.array([x for x, _ in dense]), np.array([float(y) for _, y in dense]))
    check = map_at_5(final, tuned)
    assert abs(check - train_map) < 1e-6, f"grid MAP@5 {train_map} but second_stage gives {check}"
    scored = [(c.score, c.claim_id in p.relevant) for p in final for c in second_stage(p.candidates, tuned)]
    c, d = logistic_fit(np.array([x for x, _ in scored]), np.array([float(y) for _, y in scored]))
    # Two anchors: the score at which a candidate is as likely as not to be the repeated claim maps to the
    # cosine at which that is so, and the best possible score (first in both lists, cosine 1, best keyword
    # score) maps to 1, so an exact repeat reads 1.0.
    cosine_even, score_even = -b / a, -d / c
    best_score = chosen["rerank_fusion_weight"] + chosen["rerank_cosine_weight"] + chosen["rerank_lexical_weight"]
    slope = (1.0 - cosine_even) / (best_score - score_even)
    chosen["similarity_slope"] = round(slope, 4)
    chosen["similarity_intercept"] = round(cosine_even - slope * score_even, 4)
    result = {
        "split": "train",
        "queries": len(pools),
        "train_map@5": round(train_map, 4),
        "cosine_logistic": {"a": round(a, 4), "b": round(b, 4), "even_odds_cosine": round(cosine_even, 4)},
        "score_logistic": {"c": round(c, 4), "d": round(d, 4), "even_odds_score": round(score_even, 4)},
        "settings": chosen,
        "grid_points": len(grid),
        "grid_seconds": round(time.perf_counter() - started, 1),
        "top_10": [
            {
                "map@5": round(m, 4),
                "retrieval_candidates": g[0],
                "rrf_k": g[1],
                "lexical_weight": g[2],
                "rerank_cosine_weight": g[3],
                "rerank_lexical_weight": g[4],
            }
            for m, g in sorted(results, key=lambda r: -r[0])[:10]
        ],
    }
    print(f"train MAP@5 {train_map:.4f} over {len(pools)} tweets with:")
    for name, value in chosen.items():
        print(f"CLAIMLEDGER_{name.upper()}={value}")
    write_report(args.out, result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
