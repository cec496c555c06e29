"""reconciliation_rejudged_flags: the open contradiction flags a reconciliation run judged again, one row each.

They were two lists of flag ids in the run's ``progress``, rewritten whole with every chunk's commit: on a record
of look-alike claims (about 10,000 open flags re-judged) each chunk's write transaction grew with the run. A chunk
now writes rows for its own flags only; the report reads them and the run's end drops them. A run interrupted
before this upgrade keeps its lists in ``progress``; its report merges them with the rows.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-05 14:40:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "reconciliation_rejudged_flags",
        sa.Column("run_id", sa.String(length=36), nullable=False),
        sa.Column("flag_id", sa.String(length=36), nullable=False),
        sa.Column("still_contradicting", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["flag_id"],
            ["flags.id"],
            name=op.f("fk_reconciliation_rejudged_flags_flag_id_flags"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["reconciliation_runs.id"],
            name=op.f("fk_reconciliation_rejudged_flags_run_id_reconciliation_runs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("run_id", "flag_id", name=op.f("pk_reconciliation_rejudged_flags")),
    )


def downgrade() -> None:
    op.drop_table("reconciliation_rejudged_flags")
