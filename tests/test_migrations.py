"""Migrations build the models' schema on both backends, with no drift, and go down and up again."""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pytest
from sqlalchemy import Connection, inspect, text

from db.engine import make_engine, make_session_factory
from db.migrate import check, downgrade, upgrade
from db.models import Claim, Source, SourceAlias
from db.vector_index import VectorIndex
from tests.conftest import BACKENDS, new_database_url


def hnsw_index(conn: Connection) -> str | None:
    found = conn.execute(
        text("SELECT indexdef FROM pg_indexes WHERE indexname LIKE 'ix_claim_embeddings_hnsw%'")
    ).scalar()
    return None if found is None else str(found)


@pytest.mark.parametrize("backend", BACKENDS)
def test_upgrade_check_downgrade_upgrade(backend: str, request: pytest.FixtureRequest) -> None:
    url = new_database_url(backend, request, "claimledger_migrations")
    upgrade(url)
    check(url)  # raises if the models and the migrated schema differ
    engine = make_engine(url)
    try:
        tables = set(inspect(engine).get_table_names())
        assert {"claims", "sources", "source_aliases", "claim_embeddings", "flags", "api_keys"} <= tables
        with engine.connect() as conn:
            if backend == "postgresql":
                assert hnsw_index(conn) is None  # 0015: built when the record first needs it, not on an empty one
            else:
                assert conn.execute(text("SELECT vec_version()")).scalar()
                assert conn.execute(text("SELECT name FROM sqlite_master WHERE name = 'claims_fts'")).scalar()
                assert conn.execute(text("SELECT name FROM sqlite_master WHERE name = 'claim_vec_384'")).scalar()
        engine.dispose()
        if backend == "postgresql":
            downgrade(url, "0014")  # the index 0001 built is back
            with engine.connect() as conn:
                index = hnsw_index(conn)
                assert index is not None and "hnsw" in index
            engine.dispose()
        downgrade(url, "base")
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
        engine.dispose()
        upgrade(url)
        check(url)
    finally:
        engine.dispose()


def test_vec0_index_is_backfilled_and_removed_with_its_migration(request: pytest.FixtureRequest) -> None:
    """0007 copies the vectors already stored into the vec0 table (SQLite), and its downgrade removes the table
    and its triggers, so that vectors written meanwhile are picked up by the next upgrade."""
    if "sqlite" not in BACKENDS:
        pytest.skip("vec0 is SQLite's")
    url = new_database_url("sqlite", request, "claimledger_vec0_migration")
    upgrade(url, "0006")
    engine = make_engine(url)
    rng = np.random.default_rng(1)
    vectors = rng.standard_normal((50, 384)).astype(np.float32)
    try:
        with make_session_factory(engine)() as session:
            speaker = Source(name="Desk", name_key="desk")
            claims = [Claim(text=f"claim {i}", speaker=speaker) for i in range(50)]
            session.add_all(claims)
            session.flush()
            VectorIndex(session).upsert([c.id for c in claims[:30]], vectors[:30], "m", "1")
            VectorIndex(session).upsert([c.id for c in claims[:5]], rng.standard_normal((5, 16)), "small", "1")
            session.commit()
        engine.dispose()
        upgrade(url)
        check(url)

        def indexed() -> set[str]:
            with engine.connect() as conn:
                return {str(r[0]) for r in conn.execute(text("SELECT claim_id FROM claim_vec_384")).all()}

        assert indexed() == {c.id for c in claims[:30]}  # the 16-dimensional vectors stay out
        with make_session_factory(engine)() as session:
            hits = VectorIndex(session).search(vectors[12], "m@1", 1)
            assert hits[0].claim_id == claims[12].id
        engine.dispose()
        downgrade(url, "0006")
        with engine.connect() as conn:
            leftovers = conn.execute(text("SELECT name FROM sqlite_master WHERE name LIKE 'claim_vec_%'")).all()
        assert leftovers == []
        with make_session_factory(engine)() as session:  # written while no index (nor trigger) exists
            VectorIndex(session).upsert([c.id for c in claims[30:]], vectors[30:50], "m", "1")
            session.commit()
        engine.dispose()
        upgrade(url)
        assert indexed() == {c.id for c in claims}
    finally:
        engine.dispose()


@pytest.mark.parametrize("backend", BACKENDS)
def test_written_form_aliases_go_with_their_migration(backend: str, request: pytest.FixtureRequest) -> None:
    """0012 lets an alias be a written form with no key of its own ("Finance Minister Jonas Berg" for "Jonas
    Berg"); its downgrade drops those forms (they resolve by the name) and keeps every keyed alias."""
    url = new_database_url(backend, request, "claimledger_alias_forms")
    upgrade(url)
    engine = make_engine(url)
    try:
        with make_session_factory(engine)() as session:
            source = Source(name="Jonas Berg", name_key="jonas berg")
            source.aliases.append(SourceAlias(alias="Finance Minister Jonas Berg", alias_key=None))
            source.aliases.append(SourceAlias(alias="Minister Jonas Berg", alias_key=None))
            source.aliases.append(SourceAlias(alias="J. Berg", alias_key="j berg"))
            session.add(source)
            session.commit()
        engine.dispose()
        downgrade(url, "0011")
        with engine.connect() as conn:
            assert conn.execute(text("SELECT alias, alias_key FROM source_aliases")).all() == [("J. Berg", "j berg")]
        engine.dispose()
        upgrade(url)
        check(url)
    finally:
        engine.dispose()


def test_two_processes_migrating_an_empty_postgresql_database_both_succeed(request: pytest.FixtureRequest) -> None:
    """Two replicas (or `serve` and `keys create`) starting together on an empty database: one migrates, the other
    waits for it and finds nothing left to do."""
    if "postgresql" not in BACKENDS:
        pytest.skip("PostgreSQL is not among the backends of this run")
    url = new_database_url("postgresql", request, "claimledger_migration_race")
    command = [sys.executable, "-m", "service.cli", "db", "upgrade"]
    env = {**os.environ, "CLAIMLEDGER_DATABASE_URL": url}
    migrators = [subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    for migrator in migrators:
        _, err = migrator.communicate(timeout=120)
        assert migrator.returncode == 0, err
    check(url)
