"""hnsw_built_when_the_record_needs_it: no HNSW index on a record that searches exactly.

Up to 20,000 stored vectors PostgreSQL scans them all (``db.vector_index.EXACT_SEARCH_UP_TO``), so the index
0001 creates was never read there, yet every insert paid its graph upkeep: a bulk load ran at 0.6x the encoder's
rate against 0.8x on SQLite (``benchmarks/ingest.json``). The index is now built once, concurrently, when the
record first passes that size (``db.hnsw.HnswUpkeep``), or by ``claimledger db reindex-hnsw``. A record already
past it keeps its index; the downgrade puts the index back where it is missing.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-05 17:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op
from sqlalchemy import text

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

EMBEDDING_DIMS = 384
EXACT_SEARCH_UP_TO = 20_000  # db.vector_index's value when this was written


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    stored = bind.execute(
        text("SELECT count(*) FROM (SELECT 1 FROM claim_embeddings WHERE dim = :dim LIMIT :limit) AS bounded"),
        {"dim": EMBEDDING_DIMS, "limit": EXACT_SEARCH_UP_TO + 1},
    ).scalar_one()
    if int(stored) <= EXACT_SEARCH_UP_TO:
        op.execute(f"DROP INDEX IF EXISTS ix_claim_embeddings_hnsw_{EMBEDDING_DIMS}")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        f"CREATE INDEX IF NOT EXISTS ix_claim_embeddings_hnsw_{EMBEDDING_DIMS} ON claim_embeddings "
        f"USING hnsw ((embedding::vector({EMBEDDING_DIMS})) vector_cosine_ops) WHERE dim = {EMBEDDING_DIMS}"
    )
