"""PostgreSQL: claim text tokenised the way SQLite's FTS5 table does it, in a stored tsvector column.

FTS5 (0001) reads ``porter unicode61 remove_diacritics 2``: every run of letters and digits is a token (so
"9/11" is "9" and "11", "U.S." is "u" and "s", "COVID-19" is "covid" and "19"), case and diacritics folded,
Porter-stemmed, no stop words. PostgreSQL's ``english`` configuration made one token of "9/11", kept "u.s" as a
host name, split hyphenated words into parts and whole, and dropped its stop words, so the two backends' keyword
rankings differed (CLEF 2020 dev MAP@5 0.8335 against 0.8752).

Here:
- ``claimledger_fts_text(text)``: lower case, every run of characters that are not letters or digits made one
  space, Latin diacritics folded (``translate``; pgserver ships no ``unaccent``), so the default parser sees
  only words and numbers; a two-letter word that the Porter stemmer would cut ("us", "as": a trailing s, or
  "ay"/"oy") gets a 0 appended;
- ``claimledger_fts``: a text search configuration with the default parser, every word token through Snowball's
  ``porter`` stemmer (the original Porter algorithm, FTS5's: "generously" is "gener", "1990s" is "1990", where
  Snowball's ``english`` makes "generous" and "1990s") with no stop word list, numbers kept as they are;
- ``claimledger_fts_vector(text)``: ``to_tsvector('claimledger_fts', claimledger_fts_text(text))`` with the 0
  taken off those two-letter words again: FTS5 stems no token under three characters, so "us" stays "us" (where
  the stem of "use" meets it, as in FTS5), never the "u" of "U.S.";
- ``claims.fts_vector``: ``claimledger_fts_vector(text)``, generated and stored,
  so the BM25 query reads term frequencies instead of parsing every matched claim again; a GIN index on it
  replaces the ``english`` expression index of 0001;
- ``claims.fts_length``: the number of tokens (FTS5's document length for BM25), generated and stored.

SQLite is untouched. The columns exist on PostgreSQL only; the models do not map them (migrations/env.py keeps
autogenerate from reporting them).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05 12:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Lower-case Latin letters whose diacritics FTS5's remove_diacritics folds, and what they fold to.
ACCENTED = "àáâãäåāăąçćĉċčďèéêëēĕėęěĝğġģĥìíîïĩīĭįĵķĺļľñńņňòóôõöōŏőŕŗřśŝşšţťùúûüũūŭůűųŵýÿŷźżž"
FOLDED = "aaaaaaaaacccccdeeeeeeeeegggghiiiiiiiijklllnnnnoooooooorrrssssttuuuuuuuuuuwyyyzzz"
WORD_TOKENS = "asciiword, word, numword, asciihword, hword, numhword, hword_asciipart, hword_part, hword_numpart"
NUMBER_TOKENS = "int, uint, float, sfloat, version"


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        "CREATE FUNCTION claimledger_fts_text(input text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE "
        "AS $$ SELECT regexp_replace("
        f"translate(regexp_replace(lower(input), '[^[:alnum:]]+', ' ', 'g'), '{ACCENTED}', '{FOLDED}'), "
        "'(^| )([a-z][sy])(?= |$)', '\\1\\20', 'g') $$"
    )
    op.execute("CREATE TEXT SEARCH DICTIONARY claimledger_stem (TEMPLATE = snowball, LANGUAGE = porter)")
    op.execute("CREATE TEXT SEARCH CONFIGURATION claimledger_fts (PARSER = default)")
    op.execute(f"ALTER TEXT SEARCH CONFIGURATION claimledger_fts ADD MAPPING FOR {WORD_TOKENS} WITH claimledger_stem")
    op.execute(f"ALTER TEXT SEARCH CONFIGURATION claimledger_fts ADD MAPPING FOR {NUMBER_TOKENS} WITH simple")
    op.execute(
        "CREATE FUNCTION claimledger_fts_vector(input text) RETURNS tsvector LANGUAGE sql IMMUTABLE STRICT "
        "PARALLEL SAFE AS $$ SELECT regexp_replace("
        "to_tsvector('claimledger_fts'::regconfig, claimledger_fts_text(input))::text, "
        "'''([a-z][sy])0''', '''\\1''', 'g')::tsvector $$"
    )
    op.execute(
        "ALTER TABLE claims ADD COLUMN fts_vector tsvector GENERATED ALWAYS AS (claimledger_fts_vector(text)) STORED"
    )
    op.execute(
        "ALTER TABLE claims ADD COLUMN fts_length integer GENERATED ALWAYS AS "
        "(coalesce(array_length(string_to_array(btrim(claimledger_fts_text(text)), ' '), 1), 0)) STORED"
    )
    op.execute("CREATE INDEX ix_claims_fts_vector ON claims USING gin (fts_vector)")
    op.execute("DROP INDEX IF EXISTS ix_claims_text_tsv")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("CREATE INDEX IF NOT EXISTS ix_claims_text_tsv ON claims USING gin (to_tsvector('english', text))")
    op.execute("DROP INDEX IF EXISTS ix_claims_fts_vector")
    op.execute("ALTER TABLE claims DROP COLUMN IF EXISTS fts_length")
    op.execute("ALTER TABLE claims DROP COLUMN IF EXISTS fts_vector")
    op.execute("DROP FUNCTION IF EXISTS claimledger_fts_vector(text)")
    op.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS claimledger_fts")
    op.execute("DROP TEXT SEARCH DICTIONARY IF EXISTS claimledger_stem")
    op.execute("DROP FUNCTION IF EXISTS claimledger_fts_text(text)")
