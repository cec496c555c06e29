"""The record: sources, documents, claims, their vectors, flags, keys and runs. Same models on both backends."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import numpy as np
from sqlalchemy import (
    JSON,
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from db.types import Embedding, IdColumn, UtcDateTime, new_id, utcnow

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UtcDateTime(), dict[str, Any]: JSON()}  # noqa: RUF012 (SQLAlchemy's API)


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow, index=True)


class Source(TimestampMixin, Base):
    """A speaker: a person, an organisation or an outlet."""

    __tablename__ = "sources"

    id: Mapped[str] = mapped_column(IdColumn, primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(300))
    # Case- and title-folded name: the identity used to resolve mentions across claims and articles.
    name_key: Mapped[str] = mapped_column(String(300), unique=True)
    kind: Mapped[str] = mapped_column(String(20), default="unknown")
    role: Mapped[str | None] = mapped_column(String(300))
    metadata_: Mapped[dict[str, Any]] = mapped_column("metadata", default=dict)

    aliases: Mapped[list[SourceAlias]] = relationship(
        back_populates="source", cascade="all, delete-orphan", lazy="selectin", order_by="SourceAlias.alias"
    )


class SourceAlias(Base):
    __tablename__ = "source_aliases"

    id: Mapped[str] = mapped_column(IdColumn, primary_key=True, default=new_id)
    source_id: Mapped[str] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"), index=True)
    alias: Mapped[str] = mapped_column(String(300))
    # None for a written form of a key the source already has ("Finance Minister Jonas Berg" for "Jonas Berg"):
    # shown and searched, while resolving goes by the name's (or alias's) own key.
    alias_key: Mapped[str | None] = mapped_column(String(300), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    source: Mapped[Source] = relationship(back_populates="aliases")


class Document(TimestampMixin, Base):
    """An article claims were extracted from."""

    __tablename__ = "documents"

    id: Mapped[str] = mapped_column(IdColumn, primary_key=True, default=new_id)
    # A hash index on PostgreSQL (migration 0029): a btree entry holds 2,704 bytes, less than a long non-ASCII url.
    url: Mapped[str | None] = mapped_column(String(2048))
    title: Mapped[str | None] = mapped_column(String(1000))
    publisher: Mapped[str | None] = mapped_column(String(300))
    published_at: Mapped[datetime | None] = mapped_column()
    published_at_is_date: Mapped[bool] = mapped_column(Boolean, default=False)
    text: Mapped[str] = mapped_column(Text)
    text_sha256: Mapped[str] = mapped_column(String(64), index=True)
    extractor_version: Mapped[str | None] = mapped_column(String(100))
    # Characters of the text the extractor left unread for its limits (``extraction.text.unread_characters``);
    # NULL for documents stored before it was recorded.
    unread_characters: Mapped[int | None] = mapped_column(Integer)

    __table_args__ = (Index("ix_documents_url", "url", postgresql_using="hash"),)


class Claim(TimestampMixin, Base):
    """An attributed statement: who said what, where and when."""

    __tablename__ = "claims"
    __table_args__ = (Index("ix_claims_created_at_id", "created_at", "id"),)

    id: Mapped[str] = mapped_column(IdColumn, primary_key=True, default=new_id)
    text: Mapped[str] = mapped_column(Text)
    speaker_id: Mapped[str] = mapped_column(ForeignKey("sources.id"), index=True)
    said_at: Mapped[datetime | None] = mapped_column(index=True)
    # said_at may be given as a date: remember so it is returned as it came.
    said_at_is_date: Mapped[bool] = mapped_column(Boolean, default=False)
    source_url: Mapped[str | None] = mapped_column(String(2048))
    document_id: Mapped[str | None] = mapped_column(ForeignKey("documents.id", ondelete="SET NULL"), index=True)
    span_start: Mapped[int | None] = mapped_column(Integer)
    span_end: Mapped[int | None] = mapped_column(Integer)
    cue: Mapped[str | None] = mapped_column(String(200))
    confidence: Mapped[float | None] = mapped_column(Float)
    kind: Mapped[str] = mapped_column(String(20), default="statement")
    # "denies": the speaker denied the text ("X denied that <text>"); the judge reads such a claim reversed.
    stance: Mapped[str] = mapped_column(String(10), default="asserts", server_default="asserts")
    external_id: Mapped[str | None] = mapped_column(String(300), unique=True)
    metadata_: Mapped[dict[str, Any]] = mapped_column("metadata", default=dict)

    # "unnested": under an outer join (a flag's optional claim) the speaker is outer-joined too, rather than the
    # nested "LEFT JOIN (claims JOIN sources)" SQLite materialises for every claim on record. SQLAlchemy supports
    # the value (relationship's innerjoin docs) but types the parameter as bool.
    speaker: Mapped[Source] = relationship(lazy="joined", innerjoin="unnested")  # type: ignore[arg-type]
    embeddings: Mapped[list[ClaimEmbedding]] = relationship(
        back_populates="claim", cascade="all, delete-orphan", lazy="raise"
    )


class ClaimEmbedding(Base):
    """A claim's vector, stamped with the model that made it so two models' vectors never mix."""

    __tablename__ = "claim_embeddings"
    __table_args__ = (UniqueConstraint("claim_id", "model_key", name="uq_claim_embeddings_claim_model"),)

    id: Mapped[str] = mapped_column(IdColumn, primary_key=True, default=new_id)
    claim_id: Mapped[str] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), index=True)
    # model_key = f"{model_name}@{model_version}"; searches filter on it.
    model_key: Mapped[str] = mapped_column(String(300), index=True)
    model_name: Mapped[str] = mapped_column(String(200))
    model_version: Mapped[str] = mapped_column(String(100))
    dim: Mapped[int] = mapped_column(Integer)
    embedding: Mapped[np.ndarray] = mapped_column(Embedding())
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    claim: Mapped[Claim] = relationship(back_populates="embeddings")


class ApiKey(Base):
    """An API key; only a SHA-256 of the secret is stored."""

    __tablename__ = "api_keys"

    id: Mapped[str] = mapped_column(IdColumn, primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(200))
    prefix: Mapped[str] = mapped_column(String(32), unique=True)
    secret_hash: Mapped[str] = mapped_column(String(64))
    scopes: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column()
    revoked_at: Mapped[datetime | None] = mapped_column()


class IdempotencyRecord(Base):
    """The first reply to a creating POST, replayed for retries with the same Idempotency-Key."""

    __tablename__ = "idempotency_records"
    __table_args__ = (UniqueConstraint("api_key_id", "endpoint", "key", name="uq_idempotency_records_scope"),)

    id: Mapped[str] = mapped_column(IdColumn, primary_key=True, default=new_id)
    api_key_id: Mapped[str] = mapped_column(ForeignKey("api_keys.id", ondelete="CASCADE"))
    endpoint: Mapped[str] = mapped_column(String(200))
    key: Mapped[str] = mapped_column(String(300))
    request_sha256: Mapped[str] = mapped_column(String(64))
    status_code: Mapped[int] = mapped_column(Integer)
    response_body: Mapped[dict[str, Any]] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class Flag(TimestampMixin, Base):
    """A pair of statements for human review: a contradiction, a self-contradiction or a near-duplicate."""

    __tablename__ = "flags"

    id: Mapped[str] = mapped_column(IdColumn, primary_key=True, default=new_id)
    # Identity of the pair and kind: one flag per pair, however often the pair is found.
    pair_key: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(30), index=True)
    status: Mapped[str] = mapped_column(String(20), default="open", index=True)
    relation: Mapped[str] = mapped_column(String(20))
    origin: Mapped[str] = mapped_column(String(20))
    # The newer statement: a stored claim, or (for /v1/check) the statement text alone.
    claim_id: Mapped[str | None] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), index=True)
    statement_text: Mapped[str | None] = mapped_column(Text)
    statement_speaker_id: Mapped[str | None] = mapped_column(ForeignKey("sources.id", ondelete="SET NULL"))
    # The speaker's name as the check wrote it, when no source had it then: a claim stored later under a name that
    # resolves to it is the statement's (``FlagService._said_by``), so it keeps this one flag.
    statement_speaker_name: Mapped[str | None] = mapped_column(String(300))
    # That name's speaker key (``extraction.speaker_key``, computed by the service, re-keyed by the migrations that
    # re-key sources): the speaker whose name or alias has this key is the statement's, found in SQL.
    statement_speaker_key: Mapped[str | None] = mapped_column(String(300))
    statement_said_at: Mapped[datetime | None] = mapped_column()
    # A statement's said_at may be given as a date, as a claim's may: remembered so it is returned as it came.
    statement_said_at_is_date: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # The earlier claim on record.
    other_claim_id: Mapped[str] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), index=True)
    # The judge's probabilities with the earlier claim as premise and the newer statement as hypothesis, and
    # (when the pair was judged both ways) the other way round.
    probabilities: Mapped[dict[str, Any]] = mapped_column()
    reverse_probabilities: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    signals: Mapped[dict[str, Any]] = mapped_column(default=dict)
    similarity: Mapped[float | None] = mapped_column(Float)
    same_speaker: Mapped[bool] = mapped_column(Boolean, default=False)
    run_id: Mapped[str | None] = mapped_column(ForeignKey("reconciliation_runs.id", ondelete="SET NULL"), index=True)
    judge_version: Mapped[str | None] = mapped_column(String(200))

    claim: Mapped[Claim | None] = relationship(foreign_keys=[claim_id], lazy="joined")
    other_claim: Mapped[Claim] = relationship(foreign_keys=[other_claim_id], lazy="joined", innerjoin=True)
    statement_speaker: Mapped[Source | None] = relationship(lazy="joined")
    reviews: Mapped[list[FlagReview]] = relationship(
        back_populates="flag", cascade="all, delete-orphan", lazy="selectin", order_by="FlagReview.created_at"
    )


class FlagReview(Base):
    __tablename__ = "flag_reviews"

    id: Mapped[str] = mapped_column(IdColumn, primary_key=True, default=new_id)
    flag_id: Mapped[str] = mapped_column(ForeignKey("flags.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(Text)
    reviewer_key_id: Mapped[str | None] = mapped_column(ForeignKey("api_keys.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    flag: Mapped[Flag] = relationship(back_populates="reviews")


class ReconciliationRun(Base):
    """One nightly reconciliation: its status, progress (committed in chunks) and report."""

    __tablename__ = "reconciliation_runs"

    id: Mapped[str] = mapped_column(IdColumn, primary_key=True, default=new_id)
    status: Mapped[str] = mapped_column(String(20), default="queued", index=True)
    full: Mapped[bool] = mapped_column(Boolean, default=False)
    since: Mapped[datetime | None] = mapped_column()
    # Claims created or changed up to this instant are in the run; the next incremental run starts here.
    cutoff: Mapped[datetime | None] = mapped_column()
    progress: Mapped[dict[str, Any]] = mapped_column(default=dict)
    stats: Mapped[dict[str, Any]] = mapped_column(default=dict)
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    started_at: Mapped[datetime | None] = mapped_column()
    finished_at: Mapped[datetime | None] = mapped_column()
    heartbeat_at: Mapped[datetime | None] = mapped_column()


class RejudgedFlag(Base):
    """An open contradiction flag from before a run that the run judged again, and whether the pair still
    contradicts. Written with each chunk, for that chunk's flags only (a list in the run's progress, rewritten at
    every chunk, grew with the run), read by its report, dropped when the run ends."""

    __tablename__ = "reconciliation_rejudged_flags"

    run_id: Mapped[str] = mapped_column(ForeignKey("reconciliation_runs.id", ondelete="CASCADE"), primary_key=True)
    flag_id: Mapped[str] = mapped_column(ForeignKey("flags.id", ondelete="CASCADE"), primary_key=True)
    still_contradicting: Mapped[bool] = mapped_column(Boolean)


class DeferredSide(Base):
    """One claim's side of a pair (its finding, or none, and whether its settled check read the pair as
    ``uncorroborated``), kept by a reconciliation run's chunk for the later chunk where the pair's other claim
    searches, which settles the two (``reconcile.job._settle_across_chunks``). Rows, not a list in the run's
    progress: a full run over look-alike claims keeps thousands. Written and dropped with the chunks' commits."""

    __tablename__ = "reconciliation_deferred_sides"

    run_id: Mapped[str] = mapped_column(ForeignKey("reconciliation_runs.id", ondelete="CASCADE"), primary_key=True)
    # The claim whose later chunk settles the pair, then the claim whose search found this side.
    claim_id: Mapped[str] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True)
    other_claim_id: Mapped[str] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True)
    settled: Mapped[bool] = mapped_column(Boolean)
    finding: Mapped[dict[str, Any] | None] = mapped_column()


class ServiceSecret(Base):
    """A secret the service generated for itself (e.g. the key that signs list cursors), kept so that every
    process and every restart signs and checks with the same one. Unused when CLAIMLEDGER_SECRET_KEY is set."""

    __tablename__ = "service_secrets"

    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Lock(Base):
    """Named advisory locks that work on both backends (a row, not a pid file)."""

    __tablename__ = "locks"

    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    holder: Mapped[str] = mapped_column(String(200))
    acquired_at: Mapped[datetime] = mapped_column(default=utcnow)
    heartbeat_at: Mapped[datetime] = mapped_column(default=utcnow)


class WebhookSubscription(Base):
    """A URL that receives the events it subscribed to, signed with its own secret."""

    __tablename__ = "webhook_subscriptions"

    id: Mapped[str] = mapped_column(IdColumn, primary_key=True, default=new_id)
    url: Mapped[str] = mapped_column(String(2048))
    events: Mapped[list[str]] = mapped_column(JSON)
    # Kept as given: the HMAC of every delivery needs the secret itself (it is shown to the subscriber only once).
    secret: Mapped[str] = mapped_column(String(100))
    created_by_key_id: Mapped[str | None] = mapped_column(ForeignKey("api_keys.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    # When the latest attempt that found a working receiver there (an answer, other than 429 or 5xx) began, and the
    # latest that found none: every delivery worker orders and admits the target's deliveries by them (the attempt
    # log holds the same, but finding a target's latest attempt there reads its whole history). Both None: untried.
    answered_at: Mapped[datetime | None] = mapped_column()
    failing_at: Mapped[datetime | None] = mapped_column()
    # While the target does not answer (untried or failing), the one worker that may have an attempt in flight to it
    # (its claim token) and until when: taken with the delivery's claim, ended when the attempt is recorded, and run
    # out with the delivery's lease when the worker died. One worker's own memory let N workers each try a dead
    # receiver at once.
    probe_holder: Mapped[str | None] = mapped_column(String(36))
    probe_lease_until: Mapped[datetime | None] = mapped_column()


class WebhookDelivery(Base):
    """The outbox: one event for one subscription, written in the transaction that raised the event, then sent
    (and retried) by the delivery worker. ``body`` is the exact JSON sent every time, so retries sign the same
    bytes."""

    __tablename__ = "webhook_deliveries"
    __table_args__ = (Index("ix_webhook_deliveries_due", "status", "next_attempt_at"),)

    id: Mapped[str] = mapped_column(IdColumn, primary_key=True, default=new_id)
    subscription_id: Mapped[str] = mapped_column(ForeignKey("webhook_subscriptions.id", ondelete="CASCADE"), index=True)
    event: Mapped[str] = mapped_column(String(100))
    # One event sent to several subscriptions has one id (the body's "id"); each delivery has its own.
    event_id: Mapped[str] = mapped_column(IdColumn, index=True)
    body: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    # When the worker may next take it: due now, after the back-off, or (while a worker holds it) when that
    # worker's lease runs out, so a worker that died mid-delivery cannot strand it.
    next_attempt_at: Mapped[datetime | None] = mapped_column()
    # The worker holding the lease; its result is recorded only while it still holds it.
    claim_token: Mapped[str | None] = mapped_column(String(36))
    status_code: Mapped[int | None] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(Text)
    delivered_at: Mapped[datetime | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)

    subscription: Mapped[WebhookSubscription] = relationship(lazy="joined", innerjoin=True)
    attempt_log: Mapped[list[WebhookAttempt]] = relationship(
        back_populates="delivery", cascade="all, delete-orphan", lazy="selectin", order_by="WebhookAttempt.number"
    )


class WebhookAttempt(Base):
    """One try at a delivery: what the receiver answered, or why there was no answer."""

    __tablename__ = "webhook_attempts"

    id: Mapped[str] = mapped_column(IdColumn, primary_key=True, default=new_id)
    delivery_id: Mapped[str] = mapped_column(ForeignKey("webhook_deliveries.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    attempted_at: Mapped[datetime] = mapped_column(default=utcnow)
    status_code: Mapped[int | None] = mapped_column(Integer)
    error: Mapped[str | None] = mapped_column(Text)
    duration_ms: Mapped[float | None] = mapped_column(Float)

    delivery: Mapped[WebhookDelivery] = relationship(back_populates="attempt_log")


class ClaimReview(Base):
    """A fact-check of a claim imported as schema.org ClaimReview: who rated it, how, and where it is published."""

    __tablename__ = "claim_reviews"
    # A review is its URL together with the claim it reviews: a roundup page's one URL holds a review per claim
    # (0048). Reviews without a URL (NULL, never equal) are told apart by claim, author, rating and date instead.
    __table_args__ = (Index("ix_claim_reviews_url_claim_id", "url", "claim_id", unique=True),)

    id: Mapped[str] = mapped_column(IdColumn, primary_key=True, default=new_id)
    claim_id: Mapped[str] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), index=True)
    url: Mapped[str | None] = mapped_column(String(2048))
    rating: Mapped[str | None] = mapped_column(String(300))  # reviewRating.alternateName, e.g. "False"
    rating_value: Mapped[float | None] = mapped_column(Float)
    best_rating: Mapped[float | None] = mapped_column(Float)
    worst_rating: Mapped[float | None] = mapped_column(Float)
    author: Mapped[str | None] = mapped_column(String(300))  # the fact-checker, e.g. "PolitiFact"
    date_published: Mapped[datetime | None] = mapped_column()
    date_published_is_date: Mapped[bool] = mapped_column(Boolean, default=False)
    review_body: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
