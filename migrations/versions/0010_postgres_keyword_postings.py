"""PostgreSQL: a postings table for keyword search, so BM25 reads term counts from one index instead of every claim.

0008 made the tokens FTS5's and scored with SQL over the GIN index on ``claims.fts_vector``. Finding the claims
was cheap; scoring them was not: each matched claim's stored tsvector was read from the heap and unnested (~10 us a
claim), and a tweet's words match thousands of claims at 100k (tens of thousands past that). Pruning that work
needed per-term statistics the GIN index does not keep, and document counts came from pg_stats estimates.

``claim_terms`` holds one row per (lexeme, claim): the term's count in the claim (``tf``) and the claim's length in
tokens (``len``, FTS5's document length), covered by its primary key's index, so the search is one index-only
range scan per query term and one aggregate, and each term's document count is an index-only count: FTS5's
numbers, exactly, at any size.

Kept in step by AFTER triggers on ``claims`` (insert, delete, update of ``text``, truncate; cascading deletes fire
them too), reading the generated ``fts_vector`` and ``fts_length`` of 0008. Rows of one claim never collide with
another's, so concurrent writers do not wait on each other here. A claim is named by its id as a ``uuid`` (every
id is ``db.types.new_id``'s uuid4): 16 bytes where the text form takes 37, in the table and again in its index.
The GIN index of 0008 is no longer read and is dropped (its upkeep was part of every insert).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07 09:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        "CREATE TABLE claim_terms ("
        "lexeme text NOT NULL, "
        "claim_id uuid NOT NULL, "
        "tf integer NOT NULL, "
        "len integer NOT NULL, "
        "CONSTRAINT pk_claim_terms PRIMARY KEY (lexeme, claim_id) INCLUDE (tf, len))"
    )
    op.execute(
        "CREATE FUNCTION claimledger_claim_terms() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "IF TG_OP IN ('UPDATE', 'DELETE') THEN "
        "DELETE FROM claim_terms WHERE lexeme = ANY(tsvector_to_array(OLD.fts_vector)) AND claim_id = OLD.id::uuid; "
        "END IF; "
        "IF TG_OP IN ('INSERT', 'UPDATE') THEN "
        "INSERT INTO claim_terms (lexeme, claim_id, tf, len) "
        "SELECT u.lexeme, NEW.id::uuid, coalesce(array_length(u.positions, 1), 1), NEW.fts_length "
        "FROM unnest(NEW.fts_vector) AS u; "
        "END IF; "
        "RETURN NULL; END $$"
    )
    op.execute(
        "CREATE TRIGGER claim_terms_insert_delete AFTER INSERT OR DELETE ON claims "
        "FOR EACH ROW EXECUTE FUNCTION claimledger_claim_terms()"
    )
    op.execute(
        "CREATE TRIGGER claim_terms_update AFTER UPDATE OF text ON claims "
        "FOR EACH ROW WHEN (OLD.text IS DISTINCT FROM NEW.text) EXECUTE FUNCTION claimledger_claim_terms()"
    )
    op.execute(
        "CREATE FUNCTION claimledger_claim_terms_truncate() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "TRUNCATE claim_terms; RETURN NULL; END $$"
    )
    op.execute(
        "CREATE TRIGGER claim_terms_truncate AFTER TRUNCATE ON claims "
        "FOR EACH STATEMENT EXECUTE FUNCTION claimledger_claim_terms_truncate()"
    )
    op.execute(
        "INSERT INTO claim_terms (lexeme, claim_id, tf, len) "
        "SELECT u.lexeme, c.id::uuid, coalesce(array_length(u.positions, 1), 1), c.fts_length "
        "FROM claims c CROSS JOIN LATERAL unnest(c.fts_vector) AS u"
    )
    op.execute("DROP INDEX IF EXISTS ix_claims_fts_vector")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("CREATE INDEX IF NOT EXISTS ix_claims_fts_vector ON claims USING gin (fts_vector)")
    op.execute("DROP TRIGGER IF EXISTS claim_terms_truncate ON claims")
    op.execute("DROP TRIGGER IF EXISTS claim_terms_update ON claims")
    op.execute("DROP TRIGGER IF EXISTS claim_terms_insert_delete ON claims")
    op.execute("DROP FUNCTION IF EXISTS claimledger_claim_terms()")
    op.execute("DROP FUNCTION IF EXISTS claimledger_claim_terms_truncate()")
    op.execute("DROP TABLE IF EXISTS claim_terms")
