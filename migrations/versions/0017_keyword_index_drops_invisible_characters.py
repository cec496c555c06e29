"""Both backends: the keyword index reads a claim without the invisible format characters inside its words.

Text pasted from web pages and PDFs carries soft hyphens, zero-width characters, word joiners, byte-order marks and
direction controls inside words. FTS5's unicode61 tokenizer and PostgreSQL's ``claimledger_fts_text`` (0008, 0013)
cut a word at each of them ("coa\u00adli\u00adtion": "coa", "li", "tion"), and FTS5 even kept the direction
isolates of Unicode 6.3 as letters ("\u2066Whitfield\u2069" one token), so the claim was not found by the word as
typed, on either backend, while its vector (``text_normalize.normalize`` deletes them) still matched.

The index now reads ``embeddings.text_normalize.keyword_text`` of a claim, written here in SQL on each backend:
- U+FDD0 (a noncharacter, never text) becomes a space: the SQLite triggers below use it as a placeholder;
- the characters of ``INVISIBLE`` are deleted (the list is ``text_normalize.INVISIBLE_IN_WORDS``, copied so that
  this migration keeps meaning what it meant);
- then a zero-width space between two ASCII letters is deleted ("Lon\u200bdon"); elsewhere it stays the word
  boundary it is in scripts written without spaces (SQLite's SQL has no regular expressions: every letter is
  spelled out).
The stored ``claims.text`` is not changed: only what the index sees.

SQLite: the FTS5 triggers of 0001 index (and, for a delete or an edit, un-index) that text of ``new.text`` /
``old.text``; the claims holding any of these characters are taken out of the FTS5 table as they were indexed and
put in again. The FTS5 table keeps ``claims`` as its external content, so the commands that read the content
table, 'rebuild' and 'integrity-check' with rank 1, read the raw text: the first must not be run on it, the second
reports the claims holding these characters (nothing runs either; 'integrity-check' alone passes).

PostgreSQL: ``claimledger_keyword_text(text)`` is new, and ``claimledger_fts_text`` reads its input through it; the
stored ``fts_vector`` and ``fts_length`` of the claims holding any of these characters are generated again (an
``UPDATE`` of the row) and their postings (0010's ``claim_terms``) rebuilt. A database whose encoding is not UTF8
cannot hold the characters in a function's text and is left as it is (as 0013 does).

Downgrade puts 0001's triggers and 0013's function back and re-indexes the same claims the other way.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-06 04:00:00.000000
"""

from __future__ import annotations

import string
from collections.abc import Sequence

from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Soft hyphen, Arabic letter mark, Mongolian vowel separator, ZWNJ, ZWJ, LRM, RLM, the embeddings and overrides
# (U+202A-U+202E), the word joiner and invisible operators (U+2060-U+2064), the isolates and deprecated format
# characters (U+2066-U+206F), the byte-order mark.
INVISIBLE = (0xAD, 0x61C, 0x180E, *range(0x200C, 0x2010), *range(0x202A, 0x202F), *range(0x2060, 0x2065))
INVISIBLE += (*range(0x2066, 0x2070), 0xFEFF)
ZWSP = 0x200B
PLACEHOLDER = 0xFDD0
ASCII_LETTERS = string.ascii_letters
# Every character that changes what the index reads: the claims holding one are re-indexed. (The SQL below is built
# from these constants alone, never from input: hence its "noqa: S608".)
ANY_OF_THEM = "".join(chr(c) for c in (*INVISIBLE, ZWSP, PLACEHOLDER))


def sqlite_keyword_text(column: str) -> str:
    """``keyword_text`` of ``column`` in SQLite's SQL: nested replace() calls. The invisible characters go; then,
    where the text holds a zero-width space, one after an ASCII letter becomes the placeholder, a placeholder
    before an ASCII letter goes, and those left are zero-width spaces again."""
    zwsp, mark = f"char({ZWSP})", f"char({PLACEHOLDER})"
    cleaned = f"replace({column}, {mark}, ' ')"
    for code in INVISIBLE:
        cleaned = f"replace({cleaned}, char({code}), '')"
    joined = cleaned
    for letter in ASCII_LETTERS:
        joined = f"replace({joined}, '{letter}' || {zwsp}, '{letter}' || {mark})"
    for letter in ASCII_LETTERS:
        joined = f"replace({joined}, {mark} || '{letter}', '{letter}')"
    return f"CASE WHEN instr({column}, {zwsp}) THEN replace({joined}, {mark}, {zwsp}) ELSE {cleaned} END"


def _sqlite_triggers(new_text: str, old_text: str) -> None:
    for trigger in ("claims_fts_insert", "claims_fts_delete", "claims_fts_update"):
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute(
        "CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims BEGIN "  # noqa: S608
        f"INSERT INTO claims_fts(rowid, text) VALUES (new.rowid, {new_text}); END"
    )
    op.execute(
        "CREATE TRIGGER claims_fts_delete AFTER DELETE ON claims BEGIN "  # noqa: S608
        f"INSERT INTO claims_fts(claims_fts, rowid, text) VALUES ('delete', old.rowid, {old_text}); END"
    )
    op.execute(
        "CREATE TRIGGER claims_fts_update AFTER UPDATE OF text ON claims BEGIN "  # noqa: S608
        f"INSERT INTO claims_fts(claims_fts, rowid, text) VALUES ('delete', old.rowid, {old_text}); "
        f"INSERT INTO claims_fts(rowid, text) VALUES (new.rowid, {new_text}); END"
    )


def _sqlite_reindex(indexed: str, now: str) -> None:
    """The claims holding any of the characters: out of FTS5 as ``indexed`` reads them, in again as ``now``."""
    affected = "text GLOB '*[' || " + " || ".join(f"char({ord(c)})" for c in ANY_OF_THEM) + " || ']*'"
    op.execute(
        "INSERT INTO claims_fts(claims_fts, rowid, text) "  # noqa: S608
        f"SELECT 'delete', rowid, {indexed} FROM claims WHERE {affected}"
    )
    op.execute(f"INSERT INTO claims_fts(rowid, text) SELECT rowid, {now} FROM claims WHERE {affected}")  # noqa: S608


PG_KEYWORD_TEXT = (
    "CREATE FUNCTION claimledger_keyword_text(input text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE "
    f"AS $$ SELECT regexp_replace(translate(input, '{chr(PLACEHOLDER)}{''.join(chr(c) for c in INVISIBLE)}', ' '), "
    f"'(?<=[A-Za-z]){chr(ZWSP)}(?=[A-Za-z])', '', 'g') $$"
)
PG_RAW, PG_FOLDED = "lower(input)", "lower(claimledger_keyword_text(input))"


def _pg_fts_text(before: str, after: str) -> None:
    """claimledger_fts_text as installed (0013's, or 0008's), reading ``after`` where it read ``before``."""
    body = str(
        op.get_bind().exec_driver_sql("SELECT prosrc FROM pg_proc WHERE proname = 'claimledger_fts_text'").scalar_one()
    )
    if body.count(before) != 1:
        raise RuntimeError(f"claimledger_fts_text does not read {before} once: {body}")
    op.get_bind().exec_driver_sql(
        "CREATE OR REPLACE FUNCTION claimledger_fts_text(input text) RETURNS text LANGUAGE sql IMMUTABLE STRICT "
        f"PARALLEL SAFE AS $${body.replace(before, after)}$$"
    )


def _pg_reindex() -> None:
    """The claims holding any of the characters: their stored tokens generated again, and their postings."""
    affected = f"text ~ '[{ANY_OF_THEM}]'"
    op.execute(
        f"DELETE FROM claim_terms t USING claims c WHERE c.{affected} AND t.claim_id = CAST(c.id AS uuid)"  # noqa: S608
    )
    # Every stored generated column is computed again by an UPDATE; the postings trigger of 0010 fires only when
    # the text itself changes, so the postings are written here.
    op.execute(f"UPDATE claims SET text = text WHERE {affected}")  # noqa: S608
    op.execute(
        "INSERT INTO claim_terms (lexeme, claim_id, tf, len) "  # noqa: S608
        "SELECT u.lexeme, CAST(c.id AS uuid), coalesce(array_length(u.positions, 1), 1), c.fts_length "
        f"FROM claims c CROSS JOIN LATERAL unnest(c.fts_vector) AS u WHERE c.{affected}"
    )


def _utf8() -> bool:
    return str(op.get_bind().exec_driver_sql("SHOW server_encoding").scalar()).upper() in ("UTF8", "UTF-8")


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        if not _utf8():
            return
        op.execute(PG_KEYWORD_TEXT)
        _pg_fts_text(PG_RAW, PG_FOLDED)
        _pg_reindex()
        return
    _sqlite_triggers(sqlite_keyword_text("new.text"), sqlite_keyword_text("old.text"))
    _sqlite_reindex("text", sqlite_keyword_text("text"))


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        if not _utf8():
            return
        _pg_fts_text(PG_FOLDED, PG_RAW)
        op.execute("DROP FUNCTION claimledger_keyword_text(text)")
        _pg_reindex()
        return
    _sqlite_triggers("new.text", "old.text")
    _sqlite_reindex(sqlite_keyword_text("text"), "text")
