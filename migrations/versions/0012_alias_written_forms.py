"""source_aliases.alias_key may be NULL: an alias that is only another written form of a key the source already has
("Finance Minister Jonas Berg", "Sen. Maria Alvarez", "Dr. Priya Nair" for the name without its titles) is kept
as written, to be shown and searched, instead of being dropped without a word; resolving goes by the key it shares.

Downgrade deletes those written forms (they resolve by the name's key anyway) before the column is NOT NULL again.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05 03:10:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# Batch mode rebuilds source_aliases on SQLite (no triggers or views hang on it); PostgreSQL alters in place.
def upgrade() -> None:
    with op.batch_alter_table("source_aliases", schema=None) as batch_op:
        batch_op.alter_column("alias_key", existing_type=sa.String(length=300), nullable=True)


def downgrade() -> None:
    op.execute(sa.text("DELETE FROM source_aliases WHERE alias_key IS NULL"))
    with op.batch_alter_table("source_aliases", schema=None) as batch_op:
        batch_op.alter_column("alias_key", existing_type=sa.String(length=300), nullable=False)
