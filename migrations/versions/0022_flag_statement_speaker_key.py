"""flags.statement_speaker_key: the speaker key of ``statement_speaker_name`` (the name a statement was checked under
when no source had it, migration 0020), stored as the service raises the flag. The speaker whose name or alias has
that key is the statement's: the review queue's speaker filter, a speaker's flag counts and a merge find it in one
SQL condition, where before db/ computed ``speaker_key`` over the names in Python.

Upgrade adds the column (no index: the queries reach these flags through their other claim, or with conditions an
index on this column alone would not serve) and keys every flag with a name, with the live rules, by migration 0004's
``rekey_statement_speakers`` (loaded by path, as 0016 loads 0004): the step every later re-keying of sources reruns
(0004's ``recompute_speaker_keys`` calls it), so the stored keys stay the sources' kind of key.

Downgrade drops the column.

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-06 15:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from db.migrate import migration_module

revision: str = "0022"
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# Plain ALTER TABLE, as in 0002 and 0020: SQLite adds a nullable column in place (a batch copy would rebuild the table).
def upgrade() -> None:
    op.add_column("flags", sa.Column("statement_speaker_key", sa.String(length=300), nullable=True))
    migration_module("0004_speaker_skeleton_keys.py").rekey_statement_speakers(op.get_bind())


def downgrade() -> None:
    op.drop_column("flags", "statement_speaker_key")
