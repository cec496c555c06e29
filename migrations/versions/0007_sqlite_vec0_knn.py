"""SQLite: a sqlite-vec ``vec0`` table for nearest-neighbour search over 384-dimensional claim vectors.

``claim_embeddings`` stays the record of every vector; ``claim_vec_384`` is an index over the rows of dimension
384 (all-MiniLM-L6-v2, the dimension PostgreSQL's HNSW index covers), partitioned by ``model_key`` so a search
reads only the chunks of its own model. Triggers on ``claim_embeddings`` keep it in step with every write,
including the deletes that cascade from ``claims``: the virtual table can hold no foreign key. Existing vectors
are copied in. PostgreSQL is untouched (its HNSW index is 0001's).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05 09:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TRIGGERS = ("claim_vec_384_insert", "claim_vec_384_delete", "claim_vec_384_update")


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    # distance_metric=cosine: the same distance as vec_distance_cosine, so results equal the exact scan's.
    # claim_id rides along as an auxiliary column: read for the k hits only, never scanned.
    op.execute(
        "CREATE VIRTUAL TABLE claim_vec_384 USING vec0("
        "embedding_id text primary key, "
        "model_key text partition key, "
        "embedding float[384] distance_metric=cosine, "
        "+claim_id text)"
    )
    op.execute(
        "INSERT INTO claim_vec_384(embedding_id, model_key, embedding, claim_id) "
        "SELECT id, model_key, embedding, claim_id FROM claim_embeddings WHERE dim = 384 ORDER BY rowid"
    )
    op.execute(
        "CREATE TRIGGER claim_vec_384_insert AFTER INSERT ON claim_embeddings WHEN new.dim = 384 BEGIN "
        "INSERT INTO claim_vec_384(embedding_id, model_key, embedding, claim_id) "
        "VALUES (new.id, new.model_key, new.embedding, new.claim_id); END"
    )
    op.execute(
        "CREATE TRIGGER claim_vec_384_delete AFTER DELETE ON claim_embeddings WHEN old.dim = 384 BEGIN "
        "DELETE FROM claim_vec_384 WHERE embedding_id = old.id; END"
    )
    op.execute(
        "CREATE TRIGGER claim_vec_384_update AFTER UPDATE OF id, claim_id, model_key, dim, embedding "
        "ON claim_embeddings BEGIN "
        "DELETE FROM claim_vec_384 WHERE embedding_id = old.id; "
        "INSERT INTO claim_vec_384(embedding_id, model_key, embedding, claim_id) "
        "SELECT new.id, new.model_key, new.embedding, new.claim_id WHERE new.dim = 384; END"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for trigger in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute("DROP TABLE IF EXISTS claim_vec_384")
