"""claim_review_url_per_claim: a review is its URL together with the claim it reviews, not its URL alone.

A fact-checker's roundup page (a weekly roundup, a debate fact-check) publishes several ClaimReviews, each of a
different claim, under one page URL. ``claim_reviews.url`` was unique, so the first import of such a page stored the
first claim's review and silently none of the others (h172's audit). The unique constraint on ``url`` is replaced by
a unique index on ``(url, claim_id)``: one URL takes a review of each claim, never two of one claim. Reviews without a
URL are unaffected (NULLs are never equal; the import tells them apart by claim, author, rating and date).

Upgrade keeps every review (the old constraint admits nothing the new one refuses).

Downgrade brings back one review per URL. Where a URL holds reviews of several claims, the oldest (``created_at``,
then ``id``) keeps the URL and the later ones keep their claim, rating, author and date but lose their URL (set to
NULL): no review is deleted, and a later import tells them apart as reviews without a URL.

Revision ID: 0048
Revises: 0047
Create Date: 2026-12-07 23:45:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op
from sqlalchemy import text

revision: str = "0048"
down_revision: str | None = "0047"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Every review at a URL that an older review (created earlier, or at once with a smaller id) holds too.
_LATER_REVIEWS_LOSE_THEIR_URL = """
UPDATE claim_reviews SET url = NULL
WHERE url IS NOT NULL AND EXISTS (
    SELECT 1 FROM claim_reviews AS older
    WHERE older.url = claim_reviews.url
      AND (older.created_at < claim_reviews.created_at
           OR (older.created_at = claim_reviews.created_at AND older.id < claim_reviews.id))
)
"""


def upgrade() -> None:
    with op.batch_alter_table("claim_reviews") as batch:  # SQLite: the table is rebuilt without the constraint
        batch.drop_constraint("uq_claim_reviews_url", type_="unique")
    op.create_index("ix_claim_reviews_url_claim_id", "claim_reviews", ["url", "claim_id"], unique=True)


def downgrade() -> None:
    op.execute(text(_LATER_REVIEWS_LOSE_THEIR_URL))
    op.drop_index("ix_claim_reviews_url_claim_id", table_name="claim_reviews")
    with op.batch_alter_table("claim_reviews") as batch:
        batch.create_unique_constraint("uq_claim_reviews_url", ["url"])
