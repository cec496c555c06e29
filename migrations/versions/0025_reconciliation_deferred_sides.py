"""reconciliation_deferred_sides: one side of a pair a run's chunk found, kept for the chunk that settles the pair.

A pair whose two claims search in two chunks of one run is settled as one chunk settles it (a pair one claim's
check reads as ``uncorroborated`` raises no flag from the other claim's side either): the earlier chunk keeps its
side here, the later chunk reads and drops it (``reconcile.job._settle_across_chunks``). Rows, not a list in the
run's ``progress``: a full run over look-alike claims keeps thousands, and progress is written whole with every
chunk (as 0014 moved the re-judged flags out of it). Dropped with either claim, and with the run.

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-06 17:40:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0025"
down_revision: str | None = "0024"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "reconciliation_deferred_sides",
        sa.Column("run_id", sa.String(length=36), nullable=False),
        sa.Column("claim_id", sa.String(length=36), nullable=False),
        sa.Column("other_claim_id", sa.String(length=36), nullable=False),
        sa.Column("settled", sa.Boolean(), nullable=False),
        sa.Column("finding", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(
            ["claim_id"],
            ["claims.id"],
            name=op.f("fk_reconciliation_deferred_sides_claim_id_claims"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["other_claim_id"],
            ["claims.id"],
            name=op.f("fk_reconciliation_deferred_sides_other_claim_id_claims"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["reconciliation_runs.id"],
            name=op.f("fk_reconciliation_deferred_sides_run_id_reconciliation_runs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("run_id", "claim_id", "other_claim_id", name=op.f("pk_reconciliation_deferred_sides")),
    )


def downgrade() -> None:
    op.drop_table("reconciliation_deferred_sides")
