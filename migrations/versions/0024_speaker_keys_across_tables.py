"""speaker_keys_across_tables: PostgreSQL refuses a speaker key another source holds in the other table.

A key a speaker name resolves by is one source's: its name's (``sources.name_key``) or one alias's
(``source_aliases.alias_key``). Each column's unique index guards that column only, and the service looks both up
before giving a source a key, so on PostgreSQL two writers could each find a key free and commit it, one as a new
source's name and the other as another source's alias (READ COMMITTED: neither sees the other's uncommitted row).
SQLite lets one writer at a time (``BEGIN IMMEDIATE``): nothing to do there.

A BEFORE row trigger on each table, on INSERT and on an UPDATE that sets the key (or moves an alias), takes the
key's transaction-scoped advisory lock, then looks in the other table for another source holding it and raises
``unique_violation`` if one does, as the column's own index does for the same table: the service's existing
handling of that (a savepoint, the key looked up again) finds the other writer's source. The lock makes a second
writer of the key wait for the first's commit; the look-up, a statement of a VOLATILE function, then sees it. The
same source may hold a key in both for a moment (a rename to one of its aliases swaps the two). No round trip is
added: the check runs inside the writing statement.

Two transactions giving the same two new keys in opposite orders wait on each other, as the unique indexes make
them today for two names; PostgreSQL ends one (deadlock detected: a 503 to retry). A later migration that re-keys
sources in bulk must not pass through a state the triggers refuse: 0016's ``rekey_sources`` (which 0021 and 0023
rerun, and a later re-keying should call) frees every key that changes before it sets the final ones, so it never
does (tests/test_speaker_alias_key_race.py re-keys with the triggers on). Rows stored before are not checked.

Downgrade drops the triggers and the function.

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-06 18:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0024"
down_revision: str | None = "0023"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The advisory lock on a speaker key: class 1668051819 (0x636C736B, "clsk": any constant no other code uses) and the
# key's ``hashtext``.
FUNCTION = """
CREATE FUNCTION claimledger_speaker_key_unheld() RETURNS trigger LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    k text;
    holder text;
BEGIN
    IF TG_TABLE_NAME = 'sources' THEN
        k := NEW.name_key;
    ELSE
        k := NEW.alias_key;
    END IF;
    IF k IS NULL THEN
        RETURN NEW;
    END IF;
    PERFORM pg_advisory_xact_lock(1668051819, hashtext(k));
    IF TG_TABLE_NAME = 'sources' THEN
        SELECT a.source_id INTO holder FROM source_aliases a WHERE a.alias_key = k AND a.source_id <> NEW.id LIMIT 1;
    ELSE
        SELECT s.id INTO holder FROM sources s WHERE s.name_key = k AND s.id <> NEW.source_id LIMIT 1;
    END IF;
    IF holder IS NOT NULL THEN
        RAISE unique_violation USING MESSAGE = format('speaker key %L is held by source %s', k, holder);
    END IF;
    RETURN NEW;
END $$
"""


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(FUNCTION)
    op.execute(
        "CREATE TRIGGER sources_speaker_key_unheld BEFORE INSERT OR UPDATE OF name_key ON sources "
        "FOR EACH ROW EXECUTE FUNCTION claimledger_speaker_key_unheld()"
    )
    op.execute(
        "CREATE TRIGGER source_aliases_speaker_key_unheld BEFORE INSERT OR UPDATE OF alias_key, source_id "
        "ON source_aliases FOR EACH ROW EXECUTE FUNCTION claimledger_speaker_key_unheld()"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TRIGGER source_aliases_speaker_key_unheld ON source_aliases")
    op.execute("DROP TRIGGER sources_speaker_key_unheld ON sources")
    op.execute("DROP FUNCTION claimledger_speaker_key_unheld()")
