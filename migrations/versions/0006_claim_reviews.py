"""claim_reviews: fact-checks imported as schema.org ClaimReview, each on the claim it rates.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04 02:05:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import db.types

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "claim_reviews",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("claim_id", sa.String(length=36), nullable=False),
        sa.Column("url", sa.String(length=2048), nullable=True),
        sa.Column("rating", sa.String(length=300), nullable=True),
        sa.Column("rating_value", sa.Float(), nullable=True),
        sa.Column("best_rating", sa.Float(), nullable=True),
        sa.Column("worst_rating", sa.Float(), nullable=True),
        sa.Column("author", sa.String(length=300), nullable=True),
        sa.Column("date_published", db.types.UtcDateTime(timezone=True), nullable=True),
        sa.Column("date_published_is_date", sa.Boolean(), nullable=False),
        sa.Column("review_body", sa.Text(), nullable=True),
        sa.Column("created_at", db.types.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["claim_id"], ["claims.id"], name=op.f("fk_claim_reviews_claim_id_claims"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claim_reviews")),
        sa.UniqueConstraint("url", name=op.f("uq_claim_reviews_url")),
    )
    op.create_index(op.f("ix_claim_reviews_claim_id"), "claim_reviews", ["claim_id"])
    op.create_index(op.f("ix_claim_reviews_created_at"), "claim_reviews", ["created_at"])


def downgrade() -> None:
    op.drop_index(op.f("ix_claim_reviews_created_at"), table_name="claim_reviews")
    op.drop_index(op.f("ix_claim_reviews_claim_id"), table_name="claim_reviews")
    op.drop_table("claim_reviews")
