"""flags.statement_said_at_is_date: a checked statement's said_at given as a date is returned as a date, as a claim's.

Flags raised before this revision keep rendering their statement's said_at as a datetime (which form it came in
was not kept).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05 03:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# Plain ALTER TABLE, as in 0002: SQLite adds a NOT NULL column with a constant default in place.
def upgrade() -> None:
    op.add_column(
        "flags", sa.Column("statement_said_at_is_date", sa.Boolean(), server_default=sa.false(), nullable=False)
    )


def downgrade() -> None:
    op.drop_column("flags", "statement_said_at_is_date")
