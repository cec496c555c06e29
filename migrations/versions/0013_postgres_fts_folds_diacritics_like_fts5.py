"""PostgreSQL: claim text tokenised as FTS5 does it in two more ways: diacritics folded, and Porter's C stemmer.

0008 folded diacritics with ``translate`` over a list of 70 lower-case Latin letters. FTS5 folds every Latin letter
that carries diacritics, so PostgreSQL kept 106 of 287 accented Latin letters (upper and lower case) that SQLite
folded: Vietnamese ("Nguyễn", "Trọng"), Romanian comma-below ("Timișoara"), "ǎ", "ǔ", "ơ", "ư" and more. And a
claim stored decomposed (a letter followed by a combining accent, as text pasted from some PDFs and Mac programs
comes) was cut into pieces at the accent on PostgreSQL ("Lefe\u0300vre": "lefe" and "vre") where FTS5 drops the
mark ("lefevre"), so "Lefevre" or "Lefèvre" found it on SQLite only (266 of the 287 letters, decomposed).

``claimledger_fts_text`` now takes the text apart (NFD, after lower case), drops the combining marks FTS5 treats
as diacritics (the 25 of U+0300-U+0331 its ``remove_diacritics`` removes) where they follow a Latin letter a-z,
and puts it together again (NFC), before the rest of 0008's steps: "ø", "ł", "đ" and the composed letters of
other scripts ("й", "ά") stay as they are, as in FTS5. A database whose encoding is not UTF8 cannot run
``normalize`` and keeps 0008's function.

And PostgreSQL's Snowball ``porter`` stemmer follows the published algorithm where SQLite's follows Porter's own C
code, which departs from it twice (``DEPARTURES``): 35 of the 21,358 plain English words of the MiniLM vocabulary
stemmed differently ("technology", "ideology", "apology", "assembly", "possibly", "terribly"), so a statement
saying "possible" found a claim saying "possibly" on SQLite only. Those words are rewritten before stemming.

The stored ``fts_vector`` and ``fts_length`` are generated from the function, so they are dropped and added again
(the table is rewritten with the new tokens), and the keyword postings of 0010 (``claim_terms``) are rebuilt from
them. Downgrade puts 0008's function back and rebuilds the same way.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-05 07:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# 0008's list: the lower-case Latin letters its translate() folded, and what they fold to.
ACCENTED = "àáâãäåāăąçćĉċčďèéêëēĕėęěĝğġģĥìíîïĩīĭįĵķĺļľñńņňòóôõöōŏőŕŗřśŝşšţťùúûüũūŭůűųŵýÿŷźżž"
FOLDED = "aaaaaaaaacccccdeeeeeeeeegggghiiiiiiiijklllnnnnoooooooorrrssssttuuuuuuuuuuwyyyzzz"
# The combining marks FTS5's unicode61 tokenizer removes with remove_diacritics (sqlite3Fts5UnicodeIsdiacritic).
FTS5_DIACRITICS = "".join(
    chr(c)
    for c in (
        *range(0x300, 0x305),
        *range(0x306, 0x30D),
        0x30F,
        0x311,
        0x31B,
        *range(0x323, 0x329),
        0x32D,
        0x32E,
        0x330,
        0x331,
    )
)
# Lower case, then only letters and digits (every other run one space), then a two-letter word the Porter stemmer
# would cut ("us", "as") marked with a 0 that claimledger_fts_vector takes off again (0008).
_TAIL = "'(^| )([a-z][sy])(?= |$)', '\\1\\20', 'g') $$"
FOLD_0008 = f"translate(regexp_replace(lower(input), '[^[:alnum:]]+', ' ', 'g'), '{ACCENTED}', '{FOLDED}')"
FOLD_0013 = (
    f"regexp_replace(normalize(regexp_replace(normalize(lower(input), NFD), '([a-z])[{FTS5_DIACRITICS}]+', '\\1', "
    f"'g'), NFC), '[^[:alnum:]]+', ' ', 'g')"
)
# The two places where SQLite's Porter stemmer (as Porter's own C code) departs from the published algorithm that
# Snowball's "porter" follows, both in step 2 and only where the stem before the suffix has a vowel and then a
# consonant (m > 0): "logi" becomes "log" ("technology", "ideologies": "technolog", where Snowball keeps
# "technologi"), and "bli" becomes "ble" where the algorithm has only "abli" ("possibly", "assemblies": "possibl",
# "assembl"). The words are rewritten before PostgreSQL stems them so that Snowball's stems are FTS5's: "-logy"
# and "-logies" lose the "y" / "ie", "-bly" and "-blies" become "-ble" and "-bles".
_STEM = "(^| )([a-z]*[aeiouy][^aeiouy ][a-z]*"
DEPARTURES = (
    f"regexp_replace(regexp_replace({{0}}, '{_STEM}log)(y|ie(s))(?= |$)', '\\1\\2\\4', 'g'), "
    f"'{_STEM}bl)(y|ie(s))(?= |$)', '\\1\\2e\\4', 'g')"
)


def _define(fold: str) -> None:
    """Replace claimledger_fts_text, then regenerate the stored tokens and the postings from it."""
    op.execute(
        "CREATE OR REPLACE FUNCTION claimledger_fts_text(input text) RETURNS text LANGUAGE sql IMMUTABLE STRICT "
        f"PARALLEL SAFE AS $$ SELECT regexp_replace({fold}, {_TAIL}"
    )
    op.execute("ALTER TABLE claims DROP COLUMN fts_length, DROP COLUMN fts_vector")
    op.execute(
        "ALTER TABLE claims ADD COLUMN fts_vector tsvector GENERATED ALWAYS AS (claimledger_fts_vector(text)) STORED, "
        "ADD COLUMN fts_length integer GENERATED ALWAYS AS "
        "(coalesce(array_length(string_to_array(btrim(claimledger_fts_text(text)), ' '), 1), 0)) STORED"
    )
    op.execute("TRUNCATE claim_terms")
    op.execute(
        "INSERT INTO claim_terms (lexeme, claim_id, tf, len) "
        "SELECT u.lexeme, c.id::uuid, coalesce(array_length(u.positions, 1), 1), c.fts_length "
        "FROM claims c CROSS JOIN LATERAL unnest(c.fts_vector) AS u"
    )


def _utf8() -> bool:
    return str(op.get_bind().exec_driver_sql("SHOW server_encoding").scalar()).upper() in ("UTF8", "UTF-8")


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql" or not _utf8():
        return
    _define(DEPARTURES.format(f"translate({FOLD_0013}, '{ACCENTED}', '{FOLDED}')"))


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql" or not _utf8():
        return
    _define(FOLD_0008)
