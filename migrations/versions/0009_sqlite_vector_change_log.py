"""SQLite: a change log of claim vectors, so a process can keep an exact copy of them in memory.

``db/vector_mirror.py`` answers nearest-neighbour searches from a numpy copy of each model's vectors (a 100k KNN in a
few milliseconds where the ``vec0`` scan of 0007 takes ~36). The copy must follow writes made by any process (the
API, ``claimledger worker``, the CLI), so triggers on ``claim_embeddings`` append every insert and delete to
``claim_vec_changes``; a copy replays the entries after the last one it applied. ``seq`` is AUTOINCREMENT so it never
goes back, even when the log's newest entries are pruned. Entries name a vector by its id (a rowid can be used
again, and VACUUM may renumber them). An update is logged as a delete and an insert. PostgreSQL is untouched (its
HNSW index answers in ~4 ms).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06 09:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TRIGGERS = ("claim_vec_changes_insert", "claim_vec_changes_delete", "claim_vec_changes_update")


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute(
        "CREATE TABLE claim_vec_changes ("
        "seq INTEGER PRIMARY KEY AUTOINCREMENT, "
        "embedding_id TEXT NOT NULL, "
        "model_key TEXT NOT NULL, "
        "deleted INTEGER NOT NULL)"
    )
    op.execute("CREATE INDEX claim_vec_changes_model_seq ON claim_vec_changes (model_key, seq)")
    op.execute(
        "CREATE TRIGGER claim_vec_changes_insert AFTER INSERT ON claim_embeddings BEGIN "
        "INSERT INTO claim_vec_changes(embedding_id, model_key, deleted) VALUES (new.id, new.model_key, 0); END"
    )
    op.execute(
        "CREATE TRIGGER claim_vec_changes_delete AFTER DELETE ON claim_embeddings BEGIN "
        "INSERT INTO claim_vec_changes(embedding_id, model_key, deleted) VALUES (old.id, old.model_key, 1); END"
    )
    op.execute(
        "CREATE TRIGGER claim_vec_changes_update AFTER UPDATE ON claim_embeddings BEGIN "
        "INSERT INTO claim_vec_changes(embedding_id, model_key, deleted) VALUES (old.id, old.model_key, 1); "
        "INSERT INTO claim_vec_changes(embedding_id, model_key, deleted) VALUES (new.id, new.model_key, 0); END"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for trigger in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute("DROP TABLE IF EXISTS claim_vec_changes")
