"""PostgreSQL: a claim's keyword tokens are computed once per claim, and its postings written once per statement.

Two costs of every claim written (a bulk write of 500 claims spent about 0.21 ms a claim in the server):
- ``fts_vector`` and ``fts_length`` (0008, 0013) were generated columns, each calling ``claimledger_fts_text`` (its
  regular expressions and Unicode normalisations, ~50 us a claim): the text was tokenised twice. A BEFORE row
  trigger now computes ``claimledger_fts_text`` once and both columns from it, as the generated expressions did
  (``claimledger_fts_text_vector`` is ``claimledger_fts_vector``'s body read with that text given; the length is
  0008's expression). The columns become plain ones (``DROP EXPRESSION``: no rewrite), written by the trigger on
  INSERT and on an UPDATE that sets ``text`` (so ``UPDATE claims SET text = text`` regenerates them, as 0017's
  re-index relies on); nothing else writes them. A later change to ``claimledger_fts_vector`` changes
  ``claimledger_fts_text_vector`` alike.
- 0010 kept ``claim_terms`` in step with a row trigger: 500 claims called the PL/pgSQL function 500 times, each
  running its own INSERT over one claim's ``fts_vector``. The insert and delete triggers are now statement
  triggers reading the statement's transition tables (``REFERENCING NEW TABLE`` / ``OLD TABLE``): one INSERT over
  every new claim's lexemes, one DELETE over every removed claim's. The rows are 0010's, exactly (lexeme, the
  claim's id as a ``uuid``, the term's count, the claim's length).

A trigger with transition tables cannot name columns (``UPDATE OF text``) or have a WHEN clause, so one on UPDATE
would copy every updated claim of every update (stance, document, metadata) to find the rare text edit: edits keep
0010's row trigger, which fires only when the text changed. TRUNCATE keeps its own (0010). SQLite keeps FTS5's
triggers (0001, 0017): nothing to do there.

A 500-claim INSERT (5,000 claims of the CLEF verified claims, pgserver): 0.21 -> 0.14 ms a claim in the server.

Downgrade puts 0010's row trigger and the generated columns back (the columns added again: a table rewrite, as
0013's was; their values and so the postings are the same).

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-06 05:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# 0008's and 0013's generated expressions (the vector's is claimledger_fts_vector's body, read at upgrade).
FTS_LENGTH = "coalesce(array_length(string_to_array(btrim(claimledger_fts_text(text)), ' '), 1), 0)"
FTS_TEXT_OF_INPUT = "claimledger_fts_text(input)"


def _fts_vector_body() -> str:
    body = str(
        op.get_bind()
        .exec_driver_sql("SELECT prosrc FROM pg_proc WHERE proname = 'claimledger_fts_vector'")
        .scalar_one()
    )
    if body.count(FTS_TEXT_OF_INPUT) != 1:
        raise RuntimeError(f"claimledger_fts_vector does not read {FTS_TEXT_OF_INPUT} once: {body}")
    return body


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.get_bind().exec_driver_sql(
        "CREATE FUNCTION claimledger_fts_text_vector(input text) RETURNS tsvector LANGUAGE sql IMMUTABLE STRICT "
        f"PARALLEL SAFE AS $${_fts_vector_body().replace(FTS_TEXT_OF_INPUT, 'input')}$$"
    )
    op.execute(
        "CREATE FUNCTION claimledger_claims_fts_columns() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "DECLARE folded text := claimledger_fts_text(NEW.text); BEGIN "
        "NEW.fts_vector := claimledger_fts_text_vector(folded); "
        f"NEW.fts_length := {FTS_LENGTH.replace('claimledger_fts_text(text)', 'folded')}; "
        "RETURN NEW; END $$"
    )
    op.execute("ALTER TABLE claims ALTER COLUMN fts_vector DROP EXPRESSION, ALTER COLUMN fts_length DROP EXPRESSION")
    op.execute(
        "CREATE TRIGGER claims_fts_columns BEFORE INSERT OR UPDATE OF text ON claims "
        "FOR EACH ROW EXECUTE FUNCTION claimledger_claims_fts_columns()"
    )
    op.execute(
        "CREATE FUNCTION claimledger_claim_terms_inserted() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "INSERT INTO claim_terms (lexeme, claim_id, tf, len) "
        "SELECT u.lexeme, n.id::uuid, coalesce(array_length(u.positions, 1), 1), n.fts_length "
        "FROM inserted_claims n CROSS JOIN LATERAL unnest(n.fts_vector) AS u; "
        "RETURN NULL; END $$"
    )
    op.execute(
        "CREATE FUNCTION claimledger_claim_terms_deleted() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "DELETE FROM claim_terms t USING deleted_claims o "
        "WHERE t.lexeme = ANY(tsvector_to_array(o.fts_vector)) AND t.claim_id = o.id::uuid; "
        "RETURN NULL; END $$"
    )
    op.execute("DROP TRIGGER claim_terms_insert_delete ON claims")
    op.execute(
        "CREATE TRIGGER claim_terms_insert AFTER INSERT ON claims REFERENCING NEW TABLE AS inserted_claims "
        "FOR EACH STATEMENT EXECUTE FUNCTION claimledger_claim_terms_inserted()"
    )
    op.execute(
        "CREATE TRIGGER claim_terms_delete AFTER DELETE ON claims REFERENCING OLD TABLE AS deleted_claims "
        "FOR EACH STATEMENT EXECUTE FUNCTION claimledger_claim_terms_deleted()"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TRIGGER claim_terms_delete ON claims")
    op.execute("DROP TRIGGER claim_terms_insert ON claims")
    op.execute("DROP FUNCTION claimledger_claim_terms_deleted()")
    op.execute("DROP FUNCTION claimledger_claim_terms_inserted()")
    op.execute("DROP TRIGGER claims_fts_columns ON claims")
    op.execute("DROP FUNCTION claimledger_claims_fts_columns()")
    op.execute("DROP FUNCTION claimledger_fts_text_vector(text)")
    op.execute("ALTER TABLE claims DROP COLUMN fts_length, DROP COLUMN fts_vector")
    op.execute(
        "ALTER TABLE claims ADD COLUMN fts_vector tsvector GENERATED ALWAYS AS (claimledger_fts_vector(text)) STORED, "
        f"ADD COLUMN fts_length integer GENERATED ALWAYS AS ({FTS_LENGTH}) STORED"
    )
    op.execute(
        "CREATE TRIGGER claim_terms_insert_delete AFTER INSERT OR DELETE ON claims "
        "FOR EACH ROW EXECUTE FUNCTION claimledger_claim_terms()"
    )
