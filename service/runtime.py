"""What the process creates once at start-up and shares: settings, engine, session factory and the models.

Models load in a background thread so /healthz answers at once and /readyz turns 200 when they are in.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from sqlalchemy import Engine, text
from sqlalchemy.orm import Session, sessionmaker

from db.database import Database
from db.pagination import CursorSigner
from embeddings.encoder import Encoder, load_encoder, model_key
from embeddings.judge import Judge
from service.config import Settings
from service.errors import NotReadyError
from service.inference import BatchObserver, ExtractionPool, PooledEncoder, PooledJudge
from service.secrets import SecretStore
from service.services.keys import KeyUsageRecorder

if TYPE_CHECKING:
    from extraction import AttributionExtractor

log = logging.getLogger("claimledger")


def _or(value: float | None, default: float) -> float:
    return default if value is None else value


def connect_database(settings: Settings) -> Database:
    """The database as every process that searches the record opens it (the API, the batch job's Ray actors)."""
    return Database.connect(
        settings.database_url,
        settings.sqlite_busy_timeout_ms,
        vector_mirror=settings.vector_mirror,
        hnsw_m=settings.hnsw_m,
        hnsw_ef_construction=settings.hnsw_ef_construction,
    )


def load_judge(settings: Settings) -> Judge:
    """The configured judge: the trained NLI cross-encoder with explicit signals, or the signals alone."""
    from embeddings.reported_speech import reported_content
    from embeddings.rule_judge import HYBRID_THRESHOLDS, JudgeThresholds, RuleJudge
    from embeddings.rule_judge import load_judge as load_hybrid_judge

    base = JudgeThresholds() if settings.judge == "rules" else HYBRID_THRESHOLDS
    thresholds = replace(
        base,
        contradiction_threshold=_or(settings.contradiction_threshold, base.contradiction_threshold),
        entailment_threshold=_or(settings.entailment_threshold, base.entailment_threshold),
        temperature=_or(settings.judge_temperature, base.temperature),
    )
    if settings.judge == "rules":
        return RuleJudge(thresholds, signal_text=reported_content)
    return load_hybrid_judge(
        settings.nli_model_dir,
        thresholds,
        precision=settings.nli_precision,
        threads=settings.torch_threads or None,
        batch_size=settings.nli_batch_size,
        signal_text=reported_content,
    )


@dataclass
class RequestModels:
    """The models as requests use them: batched across concurrent requests, off the request threads."""

    encoder: PooledEncoder
    judge: PooledJudge
    extraction: ExtractionPool

    def close(self) -> None:
        self.encoder.stop()
        self.judge.stop()
        self.extraction.close()


@dataclass
class Runtime:
    settings: Settings
    db: Database
    _encoder: Encoder | None = None
    _judge: Judge | None = None
    _extractor: AttributionExtractor | None = None
    _models: RequestModels | None = None
    batch_observer: BatchObserver | None = None
    load_error: str | None = None
    _loaded: threading.Event = field(default_factory=threading.Event)
    _models_lock: threading.Lock = field(default_factory=threading.Lock)
    _key_usage: KeyUsageRecorder | None = None
    _secrets: SecretStore | None = None
    _cursors: CursorSigner | None = None

    @property
    def secrets(self) -> SecretStore:
        """Named secrets (``get_or_create_secret(name)``): derived from CLAIMLEDGER_SECRET_KEY or kept in the database."""
        if self._secrets is None:
            with self._models_lock:
                if self._secrets is None:
                    self._secrets = SecretStore(self.db, self.settings.secret_key)
        return self._secrets

    @property
    def cursors(self) -> CursorSigner:
        """Signs and checks every list's cursors."""
        if self._cursors is None:
            self._cursors = CursorSigner(self.secrets.get_or_create_secret("cursor"))
        return self._cursors

    @property
    def key_usage(self) -> KeyUsageRecorder:
        if self._key_usage is None:
            with self._models_lock:
                if self._key_usage is None:
                    self._key_usage = KeyUsageRecorder(self.db)
        return self._key_usage

    @classmethod
    def create(cls, settings: Settings) -> Runtime:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        return cls(settings=settings, db=connect_database(settings))

    @property
    def engine(self) -> Engine:
        """The write engine (migrations, the batch job's writes, tests)."""
        return self.db.engine

    @property
    def session_factory(self) -> sessionmaker[Session]:
        """Sessions that may write (on SQLite each transaction takes the write lock at BEGIN)."""
        return self.db.write_factory

    @property
    def read_factory(self) -> sessionmaker[Session]:
        """Sessions that only read (deferred on SQLite: never holding or waiting for the write lock)."""
        return self.db.read_factory

    def load_models(self, *, warm_extraction: bool = False) -> None:
        """Load encoder, judge and extractor; record (not raise) a failure so /readyz can report it.
        ``warm_extraction``: also start the extraction worker processes (the server's), so /readyz says ready only
        once an article would not wait 4-8 s for a worker to spawn and load spaCy."""
        try:
            if self.settings.torch_threads:
                import torch

                torch.set_num_threads(self.settings.torch_threads)
            self._encoder = load_encoder(self.settings.encoder, self.settings.encoder_batch_size)
            self._judge = load_judge(self.settings)
            from embeddings.signals.wordnet import load_tables

            load_tables()  # the signals' WordNet tables, which every judge reads, before /readyz says ready
            from extraction import AttributionExtractor

            self._extractor = AttributionExtractor()
            self._warm_vector_mirror(self._encoder)
            if warm_extraction:
                self._warm_extraction()
            self._loaded.set()
            log.info("models loaded: encoder %s, judge %s", self._encoder.name, self._judge.name)
        except Exception as exc:  # a missing model must fail loudly, but on /readyz, not by killing the server
            self.load_error = f"{type(exc).__name__}: {exc}"
            log.exception("loading models failed")

    def _warm_vector_mirror(self, encoder: Encoder) -> None:
        """Read the record's vectors into the in-memory mirror (SQLite) before /readyz says ready: ~1 s at 100k
        claims that the first check would otherwise wait for. A failure only logs: the first search retries."""
        mirror = self.db.vector_mirror
        if mirror is None:
            return
        try:
            started = time.perf_counter()
            with self.db.read() as session:
                held = mirror.warm(session, model_key(encoder), encoder.dim)
            log.info("vector mirror: %d vectors loaded in %.1f s", held, time.perf_counter() - started)
        except Exception:
            log.exception("loading the vector mirror failed; the first search will try again")

    def _warm_extraction(self) -> None:
        """Start the extraction workers before /readyz says ready. A failure only logs: the first article retries."""
        try:
            started = time.perf_counter()
            self._request_models().extraction.warm_up()
            log.info("extraction workers started in %.1f s", time.perf_counter() - started)
        except Exception:
            log.exception("starting the extraction workers failed; the first article will try again")

    def use_models(self, encoder: Encoder, judge: Judge, extractor: AttributionExtractor | None = None) -> None:
        """Install already-built models (tests, benchmarks, the batch job sharing one process's models)."""
        with self._models_lock:
            if self._models is not None:
                self._models.close()
                self._models = None
            self._encoder, self._judge, self._extractor = encoder, judge, extractor
        self._loaded.set()

    def load_models_in_background(self) -> threading.Thread:
        thread = threading.Thread(
            target=self.load_models, kwargs={"warm_extraction": True}, name="claimledger-model-loader", daemon=True
        )
        thread.start()
        return thread

    def wait_until_loaded(self, timeout: float | None = None) -> bool:
        return self._loaded.wait(timeout)

    @property
    def models_ready(self) -> bool:
        return self._loaded.is_set()

    def _require_loaded(self) -> None:
        if not self._loaded.is_set():
            raise NotReadyError(self.load_error or "the models are still loading; retry shortly (see /readyz)")

    @property
    def encoder(self) -> Encoder:
        self._require_loaded()
        assert self._encoder is not None
        return self._encoder

    @property
    def judge(self) -> Judge:
        self._require_loaded()
        assert self._judge is not None
        return self._judge

    @property
    def extractor(self) -> AttributionExtractor:
        self._require_loaded()
        if self._extractor is None:
            from extraction import AttributionExtractor

            self._extractor = AttributionExtractor()
        return self._extractor

    @property
    def models(self) -> RequestModels:
        """The request path's models (503 while loading). Built once, on first use after loading."""
        self._require_loaded()
        return self._request_models()

    def _request_models(self) -> RequestModels:
        """The request models once the encoder and judge are in (``_warm_extraction`` builds them before /readyz)."""
        if self._models is None:
            with self._models_lock:
                if self._models is None:
                    assert self._encoder is not None and self._judge is not None, "the models are not loaded"
                    self._models = RequestModels(
                        PooledEncoder(self._encoder, self.batch_observer),
                        PooledJudge(self._judge, self.batch_observer),
                        ExtractionPool(self.settings.extraction_processes, lambda: self.extractor),
                    )
        return self._models

    def database_ready(self) -> bool:
        try:
            with self.db.read_engine.connect() as conn:
                conn.execute(text("SELECT 1"))
            return True
        except Exception:  # readiness reports the failure; it never raises
            log.warning("database not reachable", exc_info=True)
            return False

    def close(self) -> None:
        if self._key_usage is not None:
            self._key_usage.close()
        if self._models is not None:
            self._models.close()
        self.db.dispose()
