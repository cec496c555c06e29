"""Migration 0017 on the SQLite of Python's own ``sqlite3``: the driver ``db.engine`` falls back to where
pysqlite3-binary is not installed (it is a Linux-only dependency). SQLite before 3.46.0 parses with a fixed stack
of 100 entries, and 0017's first triggers nested 163 replace() calls in one expression: "parser stack overflow",
so the migration failed there (found by review, h8). Its upgrade and downgrade run here on that SQLite, over 0001's
FTS5 table and triggers, and must index exactly what they index on pysqlite3's SQLite.

The stdlib ``sqlite3`` cannot load sqlite-vec here, so the migrations before 0017 cannot all run on it: the
claims table is reduced to its text, and 0001's keyword index is made by 0001's own function."""

from __future__ import annotations

import importlib.util
import sqlite3
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from alembic.operations import Operations
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, create_engine

from embeddings.text_normalize import keyword_text
from tests.test_lexical_invisible import CONTEXTS

VERSIONS = Path(__file__).resolve().parent.parent / "migrations/versions"
STORED_BEFORE = ["The coa\u00adli\u00adtion left Lon\u200bdon.", "Tolls rose.", *CONTEXTS[::2]]
STORED_AFTER = ["Pa\u00adris banned cars.", *CONTEXTS[1::2]]
SCHEMA = "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name != 'claims' ORDER BY name"
VOCAB = "SELECT term, doc, col, offset FROM temp.vocab ORDER BY doc, offset"


def migration(file_name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(file_name.removesuffix(".py"), VERSIONS / file_name)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


MIGRATION_0001 = migration("0001_initial_schema.py")
MIGRATION_0017 = migration("0017_keyword_index_drops_invisible_characters.py")


def run(connection: Connection, step: Any) -> None:
    """``step`` (a migration's function) with alembic's ``op`` on ``connection``."""
    with Operations.context(MigrationContext.configure(connection)):
        step()


def rows(connection: Connection, sql: str) -> list[tuple[Any, ...]]:
    return [tuple(row) for row in connection.exec_driver_sql(sql).all()]


def check_fts5(connection: Connection) -> None:
    """FTS5's structure, and (rank 1) its index against its content table tokenised again."""
    connection.exec_driver_sql("INSERT INTO claims_fts(claims_fts, rank) VALUES ('integrity-check', 1)")


def index_through_0017(module: ModuleType, path: Path) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """0017's upgrade over claims indexed by 0001, claims written, edited and deleted after it, then its downgrade:
    FTS5's tokens and the keyword texts after the upgrade, checked on the way."""
    engine = create_engine(f"sqlite:///{path}", module=module)
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql("CREATE TABLE claims (text TEXT NOT NULL)")
            run(connection, MIGRATION_0001.create_backend_indexes)
            for stored in STORED_BEFORE:
                connection.exec_driver_sql("INSERT INTO claims (text) VALUES (?)", (stored,))
            schema_before = rows(connection, SCHEMA)
            run(connection, MIGRATION_0017.upgrade)
            check_fts5(connection)
            for stored in STORED_AFTER:
                connection.exec_driver_sql("INSERT INTO claims (text) VALUES (?)", (stored,))
            connection.exec_driver_sql("UPDATE claims SET text = ? WHERE rowid = 2", ("Mi\u00adgra\u200btion rose.",))
            connection.exec_driver_sql("DELETE FROM claims WHERE rowid = 3")
            check_fts5(connection)
            found = rows(connection, "SELECT rowid FROM claims_fts WHERE claims_fts MATCH 'coalition AND london'")
            assert found == [(1,)]
            assert rows(connection, "SELECT rowid FROM claims_fts WHERE claims_fts MATCH 'migration'") == [(2,)]
            claims = rows(connection, "SELECT rowid, text FROM claims ORDER BY rowid")
            kept = rows(connection, f"SELECT rowid, text FROM {MIGRATION_0017.KEYWORD_TEXTS} ORDER BY rowid")
            assert kept == [(rowid, keyword_text(text)) for rowid, text in claims]
            connection.exec_driver_sql("CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, claims_fts, 'instance')")
            tokens = rows(connection, VOCAB)
            connection.exec_driver_sql("DROP TABLE temp.vocab")
            run(connection, MIGRATION_0017.downgrade)
            assert rows(connection, SCHEMA) == schema_before
            check_fts5(connection)  # 0001's index again: FTS5 checks it against the claims' own text
            assert rows(connection, "SELECT rowid FROM claims_fts WHERE claims_fts MATCH 'coalition'") == []
        return tokens, kept
    finally:
        engine.dispose()


def test_migration_0017_runs_on_the_stdlib_sqlite_and_indexes_what_it_indexes_on_pysqlite3(tmp_path: Path) -> None:
    on_stdlib = index_through_0017(sqlite3, tmp_path / "stdlib.db")
    pysqlite3 = pytest.importorskip("pysqlite3.dbapi2")
    assert index_through_0017(pysqlite3, tmp_path / "pysqlite3.db") == on_stdlib, (
        sqlite3.sqlite_version,
        pysqlite3.sqlite_version,
    )


def test_no_statement_of_0017_nests_replace_past_what_sqlite_before_3_46_parses() -> None:
    """3.40.1 overflows at 27 replace() calls nested in a trigger's UPDATE: 0017 nests at most 13."""
    steps = MIGRATION_0017.sqlite_keyword_text_steps("new.text")
    assert max(expression.count("replace(") for expression, _ in steps) <= 13
    if sqlite3.sqlite_version_info >= (3, 46, 0):
        pytest.skip(f"SQLite {sqlite3.sqlite_version} grows its parser stack")
    connection = sqlite3.connect(":memory:")
    try:
        connection.execute("CREATE TABLE t (text TEXT)")
        twice = "text"
        for _ in range(2 * 13 + 1):
            twice = f"replace({twice}, 'a' || char(8203), 'a' || char(64976))"
        with pytest.raises(sqlite3.OperationalError, match="parser stack overflow"):
            connection.execute(f"CREATE TRIGGER t_twice AFTER INSERT ON t BEGIN UPDATE t SET text = {twice}; END")
    finally:
        connection.close()
