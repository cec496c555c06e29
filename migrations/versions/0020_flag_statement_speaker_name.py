"""flags.statement_speaker_name: the speaker's name as /v1/check was given it, kept when no source had that name,
so that the statement stored later as a claim under that name (now a source) is attached to its flag instead of
raising a second one (``FlagService._said_by``).

Flags raised before this revision keep NULL: a statement checked under a new name then stays unattached, as it was
(the name was not kept).

Downgrade drops the column.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-06 13:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# Plain ALTER TABLE, as in 0002: SQLite adds a nullable column in place (a batch copy would rebuild the table).
def upgrade() -> None:
    op.add_column("flags", sa.Column("statement_speaker_name", sa.String(length=300), nullable=True))


def downgrade() -> None:
    op.drop_column("flags", "statement_speaker_name")
