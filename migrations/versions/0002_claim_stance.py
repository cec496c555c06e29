"""claims.stance: "asserts" or "denies" ("the ministry denied that <text>"), so the judge can read a denial.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 22:40:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# Plain ALTER TABLE, no batch mode, on SQLite too: a batch "move and copy" would rebuild the claims table and
# drop the FTS triggers of 0001 with it. SQLite adds a NOT NULL column with a constant default in place.
def upgrade() -> None:
    op.add_column("claims", sa.Column("stance", sa.String(length=10), server_default="asserts", nullable=False))


def downgrade() -> None:
    op.drop_column("claims", "stance")
