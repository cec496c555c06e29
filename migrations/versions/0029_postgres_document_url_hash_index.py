"""postgres_document_url_hash_index: on PostgreSQL, `ix_documents_url` becomes a hash index. A btree entry holds at
most 2,704 bytes, and a document's `url` may be 2,048 characters of any script (an IRI keeps its letters as
written): 2,000 CJK characters are 6,000 bytes, and storing such a document was refused by the index ("index row
size exceeds btree version 4 maximum 2704"), a 503 on PostgreSQL while SQLite stored it. The url is only ever
looked up by equality (the same article posted again), which a hash index serves at any length.

SQLite keeps its index (it has no such limit). Downgrade puts the btree back, which fails while such a url is
stored.

Revision ID: 0029
Revises: 0028
Create Date: 2026-12-07 06:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0029"
down_revision: str | None = "0028"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _recreate(using: str) -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.drop_index("ix_documents_url", table_name="documents")
    op.create_index("ix_documents_url", "documents", ["url"], unique=False, postgresql_using=using)


def upgrade() -> None:
    _recreate("hash")


def downgrade() -> None:
    _recreate("btree")
