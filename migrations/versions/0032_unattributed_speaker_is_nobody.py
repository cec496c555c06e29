"""unattributed_speaker_is_nobody: "Unknown", the source every ClaimReview that names no one for its claim is stored
under (the contract's word for a missing ``itemReviewed.author.name``), is nobody in particular, so two of its
statements are not one speaker's (``service.services.speakers.one_speaker``). Before, any two author-less fact-checks
that conflicted were flagged as one speaker contradicting themself: ``self_contradiction`` with ``same_speaker`` true.

Upgrade: every flag whose two sides are both that source's (two claims, or a statement checked under it and a claim)
is marked ``same_speaker`` false, and a ``self_contradiction`` among them (open or reviewed) becomes a
``contradiction`` with the pair key the service computes for that kind (``claim_pair_key`` / ``statement_pair_key``
of service/services/flags.py, written out here as they are now: a migration keeps what it meant). Where that key is
already another flag's (the pair flagged both ways), the two are one pair: the older is kept with the reviews of
both (the latest sets its status), as migration 0016's ``_fold`` keeps them. The source is found by its key, the
live ``speaker_key`` of "Unknown", as the service finds it; a record with no such source has nothing to change.

Downgrade changes nothing: the flags' old kind was the mistake.

Revision ID: 0032
Revises: 0031
Create Date: 2026-12-07 09:00:00.000000
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

import db.types
from db.migrate import migration_module
from extraction.names import speaker_key

revision: str = "0032"
down_revision: str | None = "0031"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UNKNOWN_SPEAKER = "Unknown"  # service.services.speakers' name for the unattributed speaker when this was written
CONTRADICTION = "contradiction"  # service.services.flags' kinds when this was written
SELF_CONTRADICTION = "self_contradiction"

_meta = sa.MetaData()
sources = sa.Table("sources", _meta, sa.Column("id", sa.String(36), primary_key=True), sa.Column("name_key"))
claims = sa.Table("claims", _meta, sa.Column("id", sa.String(36), primary_key=True), sa.Column("speaker_id"))
flags = sa.Table(
    "flags",
    _meta,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("pair_key", sa.String(200)),
    sa.Column("kind", sa.String(30)),
    sa.Column("claim_id", sa.String(36)),
    sa.Column("statement_text", sa.Text()),
    sa.Column("statement_speaker_id", sa.String(36)),
    sa.Column("other_claim_id", sa.String(36)),
    sa.Column("same_speaker", sa.Boolean()),
    sa.Column("created_at", db.types.UtcDateTime(timezone=True)),
    sa.Column("updated_at", db.types.UtcDateTime(timezone=True)),
)


def upgrade() -> None:
    conn = op.get_bind()
    unattributed = conn.execute(
        sa.select(sources.c.id).where(sources.c.name_key == speaker_key(UNKNOWN_SPEAKER))
    ).scalar()
    if unattributed is not None:
        two_speakers(conn, str(unattributed), datetime.now(UTC))


def downgrade() -> None:
    pass


def two_speakers(conn: sa.Connection, source_id: str, now: datetime) -> None:
    """The flags whose two sides are both this source's: not one speaker's, their self-contradictions
    contradictions (a pair flagged both ways folded into its older flag). Oldest first, as 0016 marks them."""
    theirs = sa.select(claims.c.id).where(claims.c.speaker_id == source_id)
    marked = conn.execute(
        sa.select(flags)
        .where(sa.or_(flags.c.same_speaker.is_(True), flags.c.kind == SELF_CONTRADICTION))
        .where(flags.c.other_claim_id.in_(theirs))
        .where(
            sa.or_(
                flags.c.claim_id.in_(theirs),
                sa.and_(flags.c.claim_id.is_(None), flags.c.statement_speaker_id == source_id),
            )
        )
        .order_by(flags.c.created_at, flags.c.id)
    ).all()
    fold = migration_module("0016_occupations_before_speaker_names.py")._fold
    for flag in marked:
        values: dict[str, Any] = {"same_speaker": False, "updated_at": now}
        if flag.kind == SELF_CONTRADICTION:
            pair_key = _pair_key(CONTRADICTION, flag.claim_id, flag.statement_text, flag.other_claim_id)
            twin = conn.execute(sa.select(flags).where(flags.c.pair_key == pair_key)).first()
            if twin is not None:
                kept, dropped = sorted((flag, twin), key=lambda f: (f.created_at, f.id))
                fold(conn, kept.id, dropped.id)
                if kept.id == twin.id:
                    conn.execute(sa.update(flags).where(flags.c.id == twin.id).values(**values))
                    continue
            values.update(kind=CONTRADICTION, pair_key=pair_key)
        conn.execute(sa.update(flags).where(flags.c.id == flag.id).values(**values))


def _pair_key(kind: str, claim_id: str | None, statement_text: str | None, other_claim_id: str) -> str:
    """A flag's pair key as the service computes it: a checked statement's (kept when it is stored later) by its
    words' fingerprint against the claim on record, else the two claims' ids in order."""
    if statement_text is not None:
        fingerprint = hashlib.sha256(" ".join(statement_text.lower().split()).encode()).hexdigest()[:32]
        return f"{kind}:stmt:{fingerprint}:{other_claim_id}"
    first, second = sorted((claim_id or "", other_claim_id))
    return f"{kind}:{first}:{second}"
