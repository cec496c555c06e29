"""documents.unread_characters: how many characters of an article the extractor left unread for its limits (about
100,000 characters of prose, the first 20,000 of any paragraph; ``extraction.text.unread_characters``), so a client
is told that a long article's tail yielded no claims rather than finding none.

Documents stored before this revision keep NULL: not known (their text could be read again to count it, but the
extractor that read them may have had other limits).

Downgrade drops the column.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-06 11:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# Plain ALTER TABLE, as in 0002: SQLite adds a nullable column in place (a batch copy would rebuild the table).
def upgrade() -> None:
    op.add_column("documents", sa.Column("unread_characters", sa.Integer(), nullable=True))


def downgrade() -> None:
    op.drop_column("documents", "unread_characters")
