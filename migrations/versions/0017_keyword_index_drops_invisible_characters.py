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

SQLite: FTS5's content table is now ``claim_keyword_texts`` (a claim's rowid and its keyword text), no longer
``claims``, so that the commands that read the content ('rebuild', 'integrity-check' with rank 1, a 'delete')
read what was indexed. The triggers (0001's, rewritten) keep it and the FTS5 table in step: on an insert the
claim's text is copied there, made its keyword text by a few UPDATEs, then indexed; a delete un-indexes the kept
text and removes it; an edit does both. SQLite's SQL has no regular expressions, so ``keyword_text`` is ~130
nested replace() calls, and SQLite before 3.46 (Python's own ``sqlite3``, which ``db.engine`` uses where
pysqlite3-binary is not installed) cannot parse that many in one expression: each UPDATE nests at most
MOST_NESTED_REPLACES, and runs only when the text holds a character it replaces (a claim in plain ASCII skips all
of them). The upgrade fills the table from the stored claims with the same UPDATEs and rebuilds the FTS5 index from
it (the whole index: its content table changes); the tokens of a claim without these characters are as before.

PostgreSQL: ``claimledger_keyword_text(text)`` is new, and ``claimledger_fts_text`` reads its input through it; the
stored ``fts_vector`` and ``fts_length`` of the claims holding any of these characters are generated again (an
``UPDATE`` of the row) and their postings (0010's ``claim_terms``) rebuilt. A database whose encoding is not UTF8
cannot hold the characters in a function's text and is left as it is (as 0013 does).

Downgrade puts 0013's function back and re-indexes the same claims the other way (PostgreSQL), or puts 0001's FTS5
table and triggers back, the index rebuilt from ``claims`` (SQLite).

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


# SQLite before 3.46 parses with a fixed stack of 100 entries: 3.40.1 overflows ("parser stack overflow") at 27
# replace() calls nested in a trigger's UPDATE (29 in a plain SELECT). No statement here nests more than half that.
MOST_NESTED_REPLACES = 13
KEYWORD_TEXTS = "claim_keyword_texts"
FTS5_TOKENIZE = "tokenize='porter unicode61 remove_diacritics 2'"
FTS5_OVER_KEYWORD_TEXTS = (
    f"CREATE VIRTUAL TABLE claims_fts USING fts5(text, content='{KEYWORD_TEXTS}', content_rowid='rowid', "
    f"{FTS5_TOKENIZE})"
)
# 0001's table and triggers, as 0001 wrote them: the downgrade puts them back.
FTS5_OVER_CLAIMS = (
    f"CREATE VIRTUAL TABLE claims_fts USING fts5(text, content='claims', content_rowid='rowid', {FTS5_TOKENIZE})"
)
TRIGGERS_0001 = (
    "CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims BEGIN "
    "INSERT INTO claims_fts(rowid, text) VALUES (new.rowid, new.text); END",
    "CREATE TRIGGER claims_fts_delete AFTER DELETE ON claims BEGIN "
    "INSERT INTO claims_fts(claims_fts, rowid, text) VALUES ('delete', old.rowid, old.text); END",
    "CREATE TRIGGER claims_fts_update AFTER UPDATE OF text ON claims BEGIN "
    "INSERT INTO claims_fts(claims_fts, rowid, text) VALUES ('delete', old.rowid, old.text); "
    "INSERT INTO claims_fts(rowid, text) VALUES (new.rowid, new.text); END",
)
FTS5_TRIGGERS = ("claims_fts_insert", "claims_fts_delete", "claims_fts_update")


def _char(code: int) -> str:
    return f"char({code})"


def _parts(replacements: list[tuple[int | str, str]]) -> list[list[tuple[int | str, str]]]:
    """The replacements, in order, cut into parts of about equal size of at most MOST_NESTED_REPLACES."""
    size = -(-len(replacements) // -(-len(replacements) // MOST_NESTED_REPLACES))
    return [replacements[at : at + size] for at in range(0, len(replacements), size)]


def _nested(part: list[tuple[int | str, str]]) -> str:
    """``text`` with each (what, by what) replacement applied in order (a character's code or an SQL string)."""
    expression = "text"
    for what, by in part:
        expression = f"replace({expression}, {_char(what) if isinstance(what, int) else what}, {by})"
    return expression


def sqlite_keyword_text_steps(source: str) -> list[tuple[str, str]]:
    """``keyword_text`` in SQLite's SQL: steps (new ``text``, a condition on ``source`` true wherever the step
    changes anything) applied in order to ``text``, which held ``source`` before the first. The placeholder becomes
    a space and the invisible characters go; then a zero-width space after an ASCII letter becomes the placeholder,
    a placeholder before an ASCII letter goes, and those left are zero-width spaces again (a placeholder is there
    only where a zero-width space was). Every one of these characters is outside ASCII: a text whose length in
    characters is its length in bytes skips every step (checked first, it is the cheap test: most claims are)."""
    zwsp, mark = _char(ZWSP), _char(PLACEHOLDER)
    outside_ascii = f"length({source}) < length(CAST({source} AS BLOB))"

    def holds_any(codes: list[int]) -> str:
        return f"{outside_ascii} AND (" + " OR ".join(f"instr({source}, {_char(code)})" for code in codes) + ")"

    dropped: list[tuple[int | str, str]] = [(PLACEHOLDER, "' '"), *((code, "''") for code in INVISIBLE)]
    steps = [(_nested(part), holds_any([int(code) for code, _ in part])) for part in _parts(dropped)]
    marked: list[tuple[int | str, str]] = [(f"'{c}' || {zwsp}", f"'{c}' || {mark}") for c in ASCII_LETTERS]
    steps += [(_nested(part), holds_any([ZWSP])) for part in _parts(marked)]
    joined: list[tuple[int | str, str]] = [*((f"{mark} || '{c}'", f"'{c}'") for c in ASCII_LETTERS), (mark, zwsp)]
    steps += [(_nested(part), holds_any([ZWSP, PLACEHOLDER])) for part in _parts(joined)]
    return steps


def _keyword_text_statements(source: str, and_of_rows: str = "") -> list[str]:
    """The rows of KEYWORD_TEXTS (those ``and_of_rows`` picks, if given), holding the text ``source``, made its
    ``keyword_text``. In a trigger ``source`` is ``new.text``: SQLite tests a condition on it alone once, before it
    looks the row up, so a claim that needs no step costs a few cheap tests."""
    return [
        f"UPDATE {KEYWORD_TEXTS} SET text = {expression} WHERE {condition}{and_of_rows}"  # noqa: S608
        for expression, condition in sqlite_keyword_text_steps(source)
    ]


def sqlite_index_new_claim() -> list[str]:
    """A trigger's statements indexing ``new``: its keyword text kept, then given to FTS5."""
    return [
        f"INSERT INTO {KEYWORD_TEXTS}(rowid, text) VALUES (new.rowid, new.text)",  # noqa: S608
        *_keyword_text_statements("new.text", " AND rowid = new.rowid"),
        "INSERT INTO claims_fts(rowid, text) "  # noqa: S608
        f"SELECT rowid, text FROM {KEYWORD_TEXTS} WHERE rowid = new.rowid",
    ]


def sqlite_unindex_old_claim() -> list[str]:
    """A trigger's statements taking ``old`` out of FTS5 as it was indexed, then its keyword text."""
    return [
        "INSERT INTO claims_fts(claims_fts, rowid, text) "  # noqa: S608
        f"SELECT 'delete', rowid, text FROM {KEYWORD_TEXTS} WHERE rowid = old.rowid",
        f"DELETE FROM {KEYWORD_TEXTS} WHERE rowid = old.rowid",  # noqa: S608
    ]


def _trigger(name: str, event: str, statements: list[str]) -> str:
    return f"CREATE TRIGGER {name} AFTER {event} ON claims BEGIN " + "; ".join(statements) + "; END"


def _sqlite_upgrade() -> None:
    for trigger in FTS5_TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute("DROP TABLE claims_fts")
    op.execute(f"CREATE TABLE {KEYWORD_TEXTS} (rowid INTEGER PRIMARY KEY, text TEXT NOT NULL)")
    op.execute(f"INSERT INTO {KEYWORD_TEXTS}(rowid, text) SELECT rowid, text FROM claims")  # noqa: S608
    for statement in _keyword_text_statements("text"):
        op.execute(statement)
    op.execute(FTS5_OVER_KEYWORD_TEXTS)
    op.execute("INSERT INTO claims_fts(claims_fts) VALUES ('rebuild')")
    op.execute(_trigger("claims_fts_insert", "INSERT", sqlite_index_new_claim()))
    op.execute(_trigger("claims_fts_delete", "DELETE", sqlite_unindex_old_claim()))
    op.execute(_trigger("claims_fts_update", "UPDATE OF text", sqlite_unindex_old_claim() + sqlite_index_new_claim()))


def _sqlite_downgrade() -> None:
    for trigger in FTS5_TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute("DROP TABLE claims_fts")
    op.execute(f"DROP TABLE {KEYWORD_TEXTS}")
    op.execute(FTS5_OVER_CLAIMS)
    op.execute("INSERT INTO claims_fts(claims_fts) VALUES ('rebuild')")
    for trigger in TRIGGERS_0001:
        op.execute(trigger)


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
    _sqlite_upgrade()


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        if not _utf8():
            return
        _pg_fts_text(PG_FOLDED, PG_RAW)
        op.execute("DROP FUNCTION claimledger_keyword_text(text)")
        _pg_reindex()
        return
    _sqlite_downgrade()
