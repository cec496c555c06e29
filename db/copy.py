"""Copying the whole record into an empty database (`claimledger db copy --to URL`): the way from the embedded SQLite
to PostgreSQL that keeps what the API cannot carry (flags and their reviews, articles, aliases, keys, webhooks).

Rows go through the models' tables (``Base.metadata``), read with the source's column types and written with the
target's: a datetime SQLite keeps as text arrives as a ``timestamptz``, a 0/1 as a boolean, JSON as JSON, a vector
blob in pgvector's column, each still stamped with the model that made it (nothing is re-encoded). Only those tables
are copied: what the backends derive from them is rebuilt by the target's own triggers as the rows arrive (SQLite's
FTS5 and vec0 tables and vector change log; PostgreSQL's ``claims.fts_vector`` and ``claim_terms`` postings), so
neither side's shadow tables travel. The record's keys are UUIDs and names, so no sequence needs setting afterwards.

The source is read in one transaction (one snapshot, counted in it too); the target is written 1,000 rows a
transaction: a source trigger on PostgreSQL takes an advisory lock per speaker key, held to the end of its
transaction, and a million of them in one would run out of lock memory. A copy that fails part way empties the
tables it wrote, so it can be run again.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import psycopg
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import JSON, Connection, Engine, Row, Table, bindparam, delete, func, insert, inspect, select, text
from sqlalchemy.engine import make_url

from db.engine import make_engine
from db.migrate import MigrationCallback, alembic_config, upgrade
from db.models import Base, ClaimEmbedding
from db.vector_index import PG_COPY_EMBEDDINGS, pg_vector_dumper, pg_vector_oid

BATCH_ROWS = 1_000
# Process state, not the record: who holds a lock and which workers are up. The target's processes write their own.
NOT_COPIED = frozenset({"locks"})
# The service's own secrets (the cursor and UI-session signing keys): a server started on the target may have made
# some; the source's replace them, so cursors and sessions stay valid across the move.
REPLACED = frozenset({"service_secrets"})

# Told of a table's progress: its name, rows copied so far, rows in all.
TableProgress = Callable[[str, int, int], None]


class CopyRefusedError(Exception):
    """The copy cannot start: the source is not at head, or the target already holds a record."""


@dataclass(frozen=True, slots=True)
class TableCount:
    table: str
    source: int
    target: int

    @property
    def matches(self) -> bool:
        return self.source == self.target


def copied_tables() -> list[Table]:
    """The record's tables in foreign-key order (a row's parents before it)."""
    return [table for table in Base.metadata.sorted_tables if table.name not in NOT_COPIED]


def copy_record(
    source_url: str,
    target_url: str,
    *,
    on_migration: MigrationCallback | None = None,
    on_progress: TableProgress | None = None,
) -> list[TableCount]:
    """Copy every row of the record at ``source_url`` into ``target_url``, migrated to head first; the rows each
    table holds on both sides afterwards. Raises ``CopyRefusedError`` before writing anything when the source is
    not at head or the target holds a record."""
    if make_url(source_url) == make_url(target_url):
        raise CopyRefusedError("the target is the configured database itself: give another database's URL")
    source = make_engine(source_url, sqlite_begin="deferred")  # a reader: SQLite's WAL gives it a snapshot
    target = make_engine(target_url)
    try:
        _refuse_unless_at_head(source, source_url)
        _refuse_a_held_target(target)  # before migrating: a database holding a record is left as it was
        upgrade(target_url, on_migration=on_migration)
        _refuse_a_held_target(target)
        with _snapshot(source) as reading, reading.begin():
            source_counts = {table.name: _count(reading, table) for table in copied_tables()}
            try:
                for table in copied_tables():
                    _copy_table(reading, target, table, source_counts[table.name], on_progress)
            except BaseException:
                with contextlib.suppress(Exception):  # a target gone away stays as it is: the first error says why
                    _empty(target)
                raise
        if target.dialect.name == "postgresql":
            with target.begin() as conn:  # the planner's statistics for what a bulk load just filled (postings too)
                conn.execute(text("ANALYZE"))
        with target.connect() as conn:
            return [TableCount(table.name, source_counts[table.name], _count(conn, table)) for table in copied_tables()]
    finally:
        source.dispose()
        target.dispose()


def _snapshot(source: Engine) -> Connection:
    """A connection whose transaction reads one state of the record throughout (REPEATABLE READ on PostgreSQL;
    a deferred transaction on SQLite's WAL reads one snapshot already)."""
    connection = source.connect()
    if source.dialect.name == "postgresql":
        connection = connection.execution_options(isolation_level="REPEATABLE READ")
    return connection


def _refuse_unless_at_head(source: Engine, source_url: str) -> None:
    head = ScriptDirectory.from_config(alembic_config(source_url)).get_current_head()
    with source.connect() as conn:
        current = MigrationContext.configure(conn).get_current_revision()
    if current != head:
        raise CopyRefusedError(
            f"the configured database is at revision {current or 'base'}, not at head ({head}): run"
            " `claimledger db upgrade` on it first (or, if its revision is newer, use the claimledger that made it)"
        )


def _refuse_a_held_target(target: Engine) -> None:
    """A record already there would be mixed with the copy (and its keys would clash): only an empty one is taken."""
    present = set(inspect(target).get_table_names())
    with target.connect() as conn:
        held = [
            f"{rows:,} {table.name}"
            for table in copied_tables()
            if table.name in present and table.name not in REPLACED and (rows := _count(conn, table))
        ]
    if held:
        raise CopyRefusedError(
            f"the target already holds a record ({', '.join(held)}): copy into a new, empty database"
        )


def _count(conn: Connection, table: Table) -> int:
    return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def _copy_table(
    reading: Connection, target: Engine, table: Table, total: int, on_progress: TableProgress | None
) -> None:
    columns = list(table.columns)
    # None into a JSON column is SQL NULL, as the ORM leaves an unset one (JSON's default would write JSON 'null').
    statement = insert(table).values(
        {
            column.key: bindparam(
                f"v_{column.key}", type_=JSON(none_as_null=True) if isinstance(column.type, JSON) else column.type
            )
            for column in columns
        }
    )
    order = list(table.primary_key.columns)
    rows = reading.execution_options(yield_per=BATCH_ROWS).execute(select(table).order_by(*order))
    done = 0
    if on_progress is not None:
        on_progress(table.name, done, total)
    if table.name in REPLACED:
        with target.begin() as writing:
            writing.execute(delete(table))
    by_copy = target.dialect.name == "postgresql" and table.name == ClaimEmbedding.__tablename__
    for batch in rows.partitions():
        with target.begin() as writing:
            if by_copy:
                _copy_vectors(writing, batch)
            else:
                writing.execute(statement, [{f"v_{c.key}": row._mapping[c] for c in columns} for row in batch])
        done += len(batch)
        if on_progress is not None:
            on_progress(table.name, done, total)


def _copy_vectors(writing: Connection, batch: Sequence[Row[Any]]) -> None:
    """``claim_embeddings`` rows into PostgreSQL by binary COPY, as the service writes them (``VectorIndex``): an
    INSERT sent each vector as ~7,500 characters of text formatted float by float (15 s for 20,000 vectors, 1 s so)."""
    pooled = writing.connection
    driver = pooled.driver_connection
    assert isinstance(driver, psycopg.Connection)
    oid = pg_vector_oid(pooled.info, driver)
    with driver.cursor() as cursor:
        cursor.adapters.register_dumper(np.ndarray, pg_vector_dumper(oid))  # this cursor's only
        with cursor.copy(PG_COPY_EMBEDDINGS) as copy:
            copy.set_types(["varchar", "varchar", "varchar", "varchar", "varchar", "int4", oid, "timestamptz"])
            for row in batch:
                vector = np.ascontiguousarray(row.embedding, dtype=">f4")
                copy.write_row(
                    (
                        row.id,
                        row.claim_id,
                        row.model_key,
                        row.model_name,
                        row.model_version,
                        row.dim,
                        vector,
                        row.created_at,
                    )
                )


def _empty(target: Engine) -> None:
    """Undo a copy that failed part way (the target held no record when it began), children first."""
    with target.begin() as conn:
        for table in reversed(copied_tables()):
            conn.execute(delete(table))
