"""checked_statement_pair_keys_name_the_speaker: a checked statement's pair key holds whose statement it is. It held the
words and the claim on record only, so the same words checked as another speaker's, or as nobody's, met the first
flag and raised none (h154: a statement checked with no speaker and dismissed kept Sara Lund's same words off the
review queue), where "another speaker's same words is another pair".

Upgrade: every flag of a checked statement with a speaker (``statement_speaker_id``, or the key of the name no source
had, ``statement_speaker_key``) gets the speaker's part after its key, as ``statement_pair_key`` of
service/services/flags.py computes it (written out here as it is now: a migration keeps what it meant); a statement
checked with no speaker, or raised before migration 0020 kept its name, keeps its key. The old keys held one flag
per words and claim, so no two flags get one key; were one held already, the older flag would be kept with the
reviews of both (migration 0016's ``_fold``).

Downgrade takes the speaker's part off again. Two speakers' flags of the same words against one claim then have one
key: the older is kept, with the reviews of both (the latest sets its status), as the old keys had it.

Revision ID: 0044
Revises: 0043
Create Date: 2026-12-07 21:00:00.000000
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

import db.types
from db.migrate import migration_module

revision: str = "0044"
down_revision: str | None = "0043"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_meta = sa.MetaData()
flags = sa.Table(
    "flags",
    _meta,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("pair_key", sa.String(200)),
    sa.Column("statement_text", sa.Text()),
    sa.Column("statement_speaker_id", sa.String(36)),
    sa.Column("statement_speaker_key", sa.String(300)),
    sa.Column("created_at", db.types.UtcDateTime(timezone=True)),
    sa.Column("updated_at", db.types.UtcDateTime(timezone=True)),
)
KEY_PARTS = 4  # "{kind}:stmt:{fingerprint}:{other claim id}": a checked statement's key with no speaker's part


def upgrade() -> None:
    conn = op.get_bind()
    now = datetime.now(UTC)
    named = sa.or_(flags.c.statement_speaker_id.is_not(None), flags.c.statement_speaker_key.is_not(None))
    for flag in _statement_flags(conn, named):
        part = speaker_part(flag.statement_speaker_id, flag.statement_speaker_key)
        if part is not None and _unnamed(flag.pair_key):
            _rekey(conn, flag, f"{flag.pair_key}:{part}", now)


def downgrade() -> None:
    conn = op.get_bind()
    now = datetime.now(UTC)
    for flag in _statement_flags(conn, sa.true()):
        parts = flag.pair_key.split(":")
        if len(parts) == KEY_PARTS + 1 and parts[1] == "stmt":
            _rekey(conn, flag, ":".join(parts[:KEY_PARTS]), now)


def speaker_part(speaker_id: str | None, name_key: str | None) -> str | None:
    """Whose statement: the source it was checked as, else the key of the name no source had; None: nobody's."""
    if speaker_id:
        identity = f"source:{speaker_id}"
    elif name_key:
        identity = f"key:{name_key}"
    else:
        return None
    return hashlib.sha256(identity.encode()).hexdigest()[:32]


def _unnamed(pair_key: str) -> bool:
    parts = pair_key.split(":")
    return len(parts) == KEY_PARTS and parts[1] == "stmt"


def _statement_flags(conn: sa.Connection, condition: sa.ColumnElement[bool]) -> list[sa.Row[tuple[object, ...]]]:
    """Checked statements' flags (stored as claims since, or not), oldest first: the older of two is kept."""
    stmt = sa.select(flags).where(flags.c.statement_text.is_not(None), condition)
    return list(conn.execute(stmt.order_by(flags.c.created_at, flags.c.id)).all())


def _rekey(conn: sa.Connection, flag: sa.Row[tuple[object, ...]], pair_key: str, now: datetime) -> None:
    """``flag`` takes ``pair_key``; a flag holding it already is the same pair, the older of the two kept."""
    holder = conn.execute(sa.select(flags).where(flags.c.pair_key == pair_key)).first()
    if holder is not None:
        kept, dropped = sorted((flag, holder), key=lambda f: (f.created_at, f.id))
        migration_module("0016_occupations_before_speaker_names.py")._fold(conn, kept.id, dropped.id)
        if kept.id == holder.id:
            return
    conn.execute(sa.update(flags).where(flags.c.id == flag.id).values(pair_key=pair_key, updated_at=now))
