"""flags.reverse_probabilities: a pair is judged both ways, and the flag keeps both judgements.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04 01:40:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# Plain ALTER TABLE (no batch mode), as in 0002: a nullable column is added in place on SQLite.
def upgrade() -> None:
    op.add_column("flags", sa.Column("reverse_probabilities", sa.JSON(), nullable=True))


def downgrade() -> None:
    op.drop_column("flags", "reverse_probabilities")
