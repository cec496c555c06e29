"""Both backends: the keyword index spells letters without a decomposition in ASCII and cuts CJK runs into pairs.

FTS5's ``remove_diacritics`` and PostgreSQL's fold (0013) take the marks off a letter that decomposes into a base
letter and marks ("é", "ó", "ź"), and leave a letter that does not: "ß", "æ", "ø", "œ", "þ", "đ", "ł", the "fi"
ligature of text from PDFs. So "Strasse" did not find "Straße", "Soren" not "Søren" and "Lodz" not "Łódź" (its "ó"
was folded, its "Ł" not), on either backend. And both read a run of Han, kana or Hangul as one word: "東京" did not
find "東京都知事選挙", nor "서울" "서울특별시".

``embeddings.text_normalize.keyword_text`` (0017) now also
- spells the letters of ``FOLDS`` in ASCII (``embeddings/data/keyword_folds.tsv`` at this revision, copied here so
  that this migration keeps meaning what it meant), after the invisible characters go and before a zero-width
  space between two ASCII letters is deleted ("ß\\u200bx" is "ssx");
- puts a space on either side of each run of the characters of ``CJK_RANGES`` and writes every character inside a
  run twice with a space between: "東京都知事" is " 東京 京都 都知 知事 ", the overlapping pairs Lucene's CJK bigram
  filter makes; a character alone is a word of its own ("税").
Both backends run the same rule in SQL, so they keep giving the same tokens:

SQLite: the FTS5 triggers of 0017 (its content table ``claim_keyword_texts`` and the UPDATE steps guarded by the
characters they change) gain the fold steps, nested replace() calls as 0017's, and one step for the pairs: SQLite's
SQL has no regular expressions, so it walks the text's characters in a recursive query, only where the text holds a
CJK character (a GLOB test; a claim in plain ASCII skips every step). No user-defined function: the sqlite3 shell
and other programs can still write claims.

PostgreSQL: ``claimledger_keyword_text`` (0017), which ``claimledger_fts_text`` reads, gains ``translate`` and
``replace`` for the fold and two ``regexp_replace`` for the pairs, and returns a text in plain ASCII as it is.

Only the claims holding a letter of ``FOLDS`` or a CJK character are indexed again (their keyword text, FTS5's
tokens, ``fts_vector``, ``fts_length`` and ``claim_terms``); every other claim's tokens are the same as before. A
PostgreSQL database whose encoding is not UTF8 is left as it is (as 0013 and 0017 do). Downgrade puts 0017's
triggers and function back and indexes the same claims again the old way.

Revision ID: 0040
Revises: 0039
Create Date: 2026-12-07 20:00:00.000000
"""

from __future__ import annotations

import string
from collections.abc import Sequence

from alembic import op

revision: str = "0040"
down_revision: str | None = "0039"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# 0017's characters: deleted (INVISIBLE), the zero-width space deleted between two ASCII letters, the placeholder.
INVISIBLE = (0xAD, 0x61C, 0x180E, *range(0x200C, 0x2010), *range(0x202A, 0x202F), *range(0x2060, 0x2065))
INVISIBLE += (*range(0x2066, 0x2070), 0xFEFF)
ZWSP = 0x200B
PLACEHOLDER = 0xFDD0
ASCII_LETTERS = string.ascii_letters
# ``keyword_folds.tsv`` at this revision: a letter and how the index spells it.
FOLDS: tuple[tuple[str, str], ...] = (
    ("ß", "ss"),
    ("ẞ", "SS"),
    ("æ", "ae"),
    ("Æ", "AE"),
    ("ǽ", "ae"),
    ("Ǽ", "AE"),
    ("ǣ", "ae"),
    ("Ǣ", "AE"),
    ("œ", "oe"),
    ("Œ", "OE"),
    ("ø", "o"),
    ("Ø", "O"),
    ("ǿ", "o"),
    ("Ǿ", "O"),
    ("þ", "th"),
    ("Þ", "TH"),
    ("đ", "d"),
    ("Đ", "D"),
    ("ð", "d"),
    ("Ð", "D"),
    ("ł", "l"),
    ("Ł", "L"),
    ("ħ", "h"),
    ("Ħ", "H"),
    ("ı", "i"),
    ("ĳ", "ij"),
    ("Ĳ", "IJ"),
    ("ŀ", "l"),
    ("Ŀ", "L"),
    ("ﬀ", "ff"),
    ("ﬁ", "fi"),
    ("ﬂ", "fl"),
    ("ﬃ", "ffi"),
    ("ﬄ", "ffl"),
    ("ﬅ", "st"),
    ("ﬆ", "st"),
)
# ``text_normalize.CJK_RANGES`` at this revision: Han (its extension planes, 々, 〆, 〇), kana without their
# punctuation and voicing marks, Hangul syllables.
CJK_RANGES = (
    (0x3005, 0x3007),
    (0x3041, 0x3096),
    (0x309D, 0x309F),
    (0x30A1, 0x30FA),
    (0x30FC, 0x30FF),
    (0x31F0, 0x31FF),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xAC00, 0xD7A3),
    (0xF900, 0xFAFF),
    (0x20000, 0x3FFFF),
)
CJK_CLASS = "[" + "".join(f"{chr(first)}-{chr(last)}" for first, last in CJK_RANGES) + "]"
# (The SQL below is built from these constants alone, never from input: hence its "noqa: S608".)

# SQLite before 3.46 overflows its parser stack at 27 replace() calls nested in a trigger's UPDATE (0017).
MOST_NESTED_REPLACES = 13
KEYWORD_TEXTS = "claim_keyword_texts"
FTS5_TRIGGERS = ("claims_fts_insert", "claims_fts_delete", "claims_fts_update")


def _char(code: int) -> str:
    return f"char({code})"


def _sql_string(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


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


def _sqlite_is_cjk(code: str) -> str:
    return "(" + " OR ".join(f"{code} BETWEEN {first} AND {last}" for first, last in CJK_RANGES) + ")"


def _sqlite_cjk_pairs() -> str:
    """``text`` with each CJK run cut into pairs, a scalar subquery: a recursive query reads the text one character
    at a time off its front (``rest``; ``was``: the character before was CJK), writing a run's first character
    after a space, each one inside a run twice with a space between, and a run's last one before a space. Taking
    the characters off the front keeps each step's look-ups at the start of the text: indexing into it
    (``substr(text, i, 1)``) cost ten times as much on a claim of 2,000 CJK characters (175 ms against 17 ms)."""
    is_here, is_next = _sqlite_is_cjk("unicode(rest)"), _sqlite_is_cjk("unicode(substr(rest, 2, 1))")
    character = "substr(rest, 1, 1)"
    piece = (
        f"CASE WHEN {is_here} THEN (CASE WHEN was THEN '' ELSE ' ' END) || {character} || "
        f"(CASE WHEN was AND {is_next} THEN ' ' || {character} ELSE '' END) || "
        f"(CASE WHEN {is_next} THEN '' ELSE ' ' END) ELSE {character} END"
    )
    step = f"SELECT substr(rest, 2), {is_here}, o || {piece} FROM walk WHERE rest != ''"  # noqa: S608
    walk = f"WITH RECURSIVE walk(rest, was, o) AS (SELECT text, 0, '' UNION ALL {step})"
    return f"({walk} SELECT o FROM walk WHERE rest = '')"  # noqa: S608


def sqlite_keyword_text_steps(source: str, *, folds_and_pairs: bool = True) -> list[tuple[str, str]]:
    """``keyword_text`` in SQLite's SQL: steps (new ``text``, a condition on ``source`` true wherever the step
    changes anything) applied in order to ``text``, which held ``source`` before the first. 0017's steps, with the
    fold after the invisible characters go and the pairs last (``folds_and_pairs``); without them, 0017's own."""
    zwsp, mark = _char(ZWSP), _char(PLACEHOLDER)
    outside_ascii = f"length({source}) < length(CAST({source} AS BLOB))"

    def holds_any(codes: list[int]) -> str:
        return f"{outside_ascii} AND (" + " OR ".join(f"instr({source}, {_char(code)})" for code in codes) + ")"

    dropped: list[tuple[int | str, str]] = [(PLACEHOLDER, "' '"), *((code, "''") for code in INVISIBLE)]
    steps = [(_nested(part), holds_any([int(code) for code, _ in part])) for part in _parts(dropped)]
    if folds_and_pairs:
        folded: list[tuple[int | str, str]] = [(ord(letter), _sql_string(ascii)) for letter, ascii in FOLDS]
        steps += [(_nested(part), holds_any([int(code) for code, _ in part])) for part in _parts(folded)]
    marked: list[tuple[int | str, str]] = [(f"'{c}' || {zwsp}", f"'{c}' || {mark}") for c in ASCII_LETTERS]
    steps += [(_nested(part), holds_any([ZWSP])) for part in _parts(marked)]
    joined: list[tuple[int | str, str]] = [*((f"{mark} || '{c}'", f"'{c}'") for c in ASCII_LETTERS), (mark, zwsp)]
    steps += [(_nested(part), holds_any([ZWSP, PLACEHOLDER])) for part in _parts(joined)]
    if folds_and_pairs:
        steps.append((_sqlite_cjk_pairs(), f"{outside_ascii} AND {source} GLOB '*{CJK_CLASS}*'"))
    return steps


def sqlite_affected(source: str) -> str:
    """``source`` holds a character 0040 reads otherwise than 0017: a letter of FOLDS or a CJK character."""
    letters = " OR ".join(f"instr({source}, {_char(ord(letter))})" for letter, _ in FOLDS)
    return f"length({source}) < length(CAST({source} AS BLOB)) AND ({letters} OR {source} GLOB '*{CJK_CLASS}*')"


def _sqlite_triggers(folds_and_pairs: bool) -> list[str]:
    """0017's three triggers, with the steps of ``sqlite_keyword_text_steps``."""
    updates = [
        f"UPDATE {KEYWORD_TEXTS} SET text = {expression} WHERE {condition} AND rowid = new.rowid"  # noqa: S608
        for expression, condition in sqlite_keyword_text_steps("new.text", folds_and_pairs=folds_and_pairs)
    ]
    index_new = [
        f"INSERT INTO {KEYWORD_TEXTS}(rowid, text) VALUES (new.rowid, new.text)",  # noqa: S608
        *updates,
        "INSERT INTO claims_fts(rowid, text) "  # noqa: S608
        f"SELECT rowid, text FROM {KEYWORD_TEXTS} WHERE rowid = new.rowid",
    ]
    unindex_old = [
        "INSERT INTO claims_fts(claims_fts, rowid, text) "  # noqa: S608
        f"SELECT 'delete', rowid, text FROM {KEYWORD_TEXTS} WHERE rowid = old.rowid",
        f"DELETE FROM {KEYWORD_TEXTS} WHERE rowid = old.rowid",  # noqa: S608
    ]

    def trigger(name: str, event: str, statements: list[str]) -> str:
        return f"CREATE TRIGGER {name} AFTER {event} ON claims BEGIN " + "; ".join(statements) + "; END"

    return [
        trigger("claims_fts_insert", "INSERT", index_new),
        trigger("claims_fts_delete", "DELETE", unindex_old),
        trigger("claims_fts_update", "UPDATE OF text", unindex_old + index_new),
    ]


def _sqlite_rebuild(folds_and_pairs: bool) -> None:
    """The triggers replaced, then the affected claims taken out of FTS5 as they were indexed, their keyword text
    made again from the claim's text, and indexed again."""
    for trigger in FTS5_TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    for trigger in _sqlite_triggers(folds_and_pairs):
        op.execute(trigger)
    rows = f" AND rowid IN (SELECT rowid FROM claims WHERE {sqlite_affected('text')})"  # noqa: S608
    op.execute(
        f"INSERT INTO claims_fts(claims_fts, rowid, text) SELECT 'delete', rowid, text FROM {KEYWORD_TEXTS} "  # noqa: S608
        f"WHERE true{rows}"
    )
    op.execute(
        f"UPDATE {KEYWORD_TEXTS} SET text = (SELECT c.text FROM claims c WHERE c.rowid = {KEYWORD_TEXTS}.rowid) "  # noqa: S608
        f"WHERE true{rows}"
    )
    for expression, condition in sqlite_keyword_text_steps("text", folds_and_pairs=folds_and_pairs):
        op.execute(f"UPDATE {KEYWORD_TEXTS} SET text = {expression} WHERE {condition}{rows}")  # noqa: S608
    op.execute(f"INSERT INTO claims_fts(rowid, text) SELECT rowid, text FROM {KEYWORD_TEXTS} WHERE true{rows}")  # noqa: S608


# 0017's function body, as 0017 wrote it: the downgrade puts it back.
_DROPPED = chr(PLACEHOLDER) + "".join(chr(c) for c in INVISIBLE)
_ZWSP_RULE = f"'(?<=[A-Za-z]){chr(ZWSP)}(?=[A-Za-z])', '', 'g'"
PG_BODY_0017 = f" SELECT regexp_replace(translate(input, '{_DROPPED}', ' '), {_ZWSP_RULE}) "


def pg_body_0040() -> str:
    """0017's body with the fold (one-letter folds in its ``translate``, the others by ``replace``) and the pairs;
    a text in plain ASCII holds none of these characters and is returned as it is."""
    single = [(letter, ascii) for letter, ascii in FOLDS if len(ascii) == 1]
    translated = (
        f"translate(input, '{chr(PLACEHOLDER)}{''.join(letter for letter, _ in single)}{_DROPPED[1:]}', "
        f"' {''.join(ascii for _, ascii in single)}')"
    )
    for letter, ascii in FOLDS:
        if len(ascii) > 1:
            translated = f"replace({translated}, '{letter}', '{ascii}')"
    runs = f"regexp_replace(regexp_replace({translated}, {_ZWSP_RULE}), '({CJK_CLASS}+)', ' \\1 ', 'g')"
    pairs = f"regexp_replace({runs}, '(?<={CJK_CLASS})({CJK_CLASS})(?={CJK_CLASS})', '\\1 \\1', 'g')"
    return f" SELECT CASE WHEN octet_length(input) = length(input) THEN input ELSE {pairs} END "


def _pg_define(body: str) -> None:
    op.get_bind().exec_driver_sql(
        "CREATE OR REPLACE FUNCTION claimledger_keyword_text(input text) RETURNS text LANGUAGE sql IMMUTABLE STRICT "
        f"PARALLEL SAFE AS $${body}$$"
    )


def _pg_reindex() -> None:
    """The affected claims: their stored tokens generated again (0018's trigger, on an UPDATE that sets the text),
    and their postings (0010's edit trigger fires only when the text changes, so they are written here)."""
    letters = "".join(letter for letter, _ in FOLDS)
    affected = f"text ~ '[{letters}{CJK_CLASS[1:-1]}]'"
    op.execute(
        f"DELETE FROM claim_terms t USING claims c WHERE c.{affected} AND t.claim_id = CAST(c.id AS uuid)"  # noqa: S608
    )
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
        if _utf8():
            _pg_define(pg_body_0040())
            _pg_reindex()
        return
    _sqlite_rebuild(folds_and_pairs=True)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        if _utf8():
            _pg_define(PG_BODY_0017)
            _pg_reindex()
        return
    _sqlite_rebuild(folds_and_pairs=False)
