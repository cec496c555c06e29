"""offices_written_alone_in_speaker_keys: an office written alone ("the Prime Minister", "the Deputy Prime Minister",
"Vice President", "the Attorney General", "Chief Executive") is kept whole as its own name and key, as a rank
written alone ("Major General") and "Speaker Pro Tempore" are (``extraction.names.office_written_alone``). Before,
its first words were taken off as a role: "the Prime Minister" was stored as "Minister", role "Prime", under the key
"minister", which "the Minister" shared, and "the Prime Minister" could not be an alias of the named prime minister
(h154's audit). Now it keys "prime minister".

Upgrade, in order:

1. Cut offices. A source whose role and name read together as an office written alone under the new rules (role
   "Prime", name "Minister") is renamed to the whole office, its role cleared: the role was the office's first
   words. The cut name is not kept as an alias: keyed, it would keep "the Minister" resolving to the prime minister.
   A speaker one article only described (``metadata.document_id``) keeps the name it was given, and is re-keyed in
   step 2.
2. Migration 0016's three steps with the live rules (``rekey_sources``, loaded by path, as 0023 and 0043 do): every
   key recomputed (checked statements' too), sources whose keys now meet merged into the oldest, and flags whose two
   sides are now one source's marked ``same_speaker``.

What no migration can undo: under the old key one source took every name that keyed "minister" ("the Prime
Minister", "the Deputy Prime Minister", "the Minister"), so claims of two speakers may already share it. It stays one
source, under the name it was made with; the claims are not split (nothing stored says which name each was sent
under). A later "the Minister" makes a source of its own.

Downgrade changes nothing: renamed and merged sources stay so, and the old keys are not wanted back.

Revision ID: 0045
Revises: 0044
Create Date: 2026-12-07 22:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

import db.types
from db.migrate import migration_module
from extraction.names import office_written_alone, speaker_key, split_role_prefix

revision: str = "0045"
down_revision: str | None = "0044"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

sources = sa.Table(
    "sources",
    sa.MetaData(),
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("name", sa.String(300)),
    sa.Column("role", sa.String(300)),
    sa.Column("metadata", sa.JSON()),
    sa.Column("created_at", db.types.UtcDateTime(timezone=True)),
    sa.Column("updated_at", db.types.UtcDateTime(timezone=True)),
)


def upgrade() -> None:
    conn = op.get_bind()
    now = datetime.now(UTC)
    rejoin_cut_offices(conn, now)
    migration_module("0016_occupations_before_speaker_names.py").rekey_sources(conn, now)


def downgrade() -> None:
    pass


def rejoin_cut_offices(conn: sa.Connection, now: datetime) -> None:
    """Step 1: an office the old rules cut after its first words ("Prime" + "Minister") is whole again."""
    rows = conn.execute(sa.select(sources).order_by(sources.c.created_at, sources.c.id)).all()
    for row in rows:
        if (row.metadata or {}).get("document_id") or not row.role or not row.name:
            continue
        # the extractor stored its roles in lower case ("prime"): the office's words are written as the name's
        whole = " ".join(word[:1].upper() + word[1:] for word in row.role.split()) + f" {row.name}"
        if not office_written_alone(whole.split()) or split_role_prefix(whole) != (None, whole):
            continue
        if speaker_key(whole) == speaker_key(row.name):
            continue
        conn.execute(sa.update(sources).where(sources.c.id == row.id).values(name=whole, role=None, updated_at=now))
