"""Migrations build the models' schema on both backends, with no drift, and go down and up again."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect, text

from db.engine import make_engine
from db.migrate import check, downgrade, upgrade
from tests.conftest import BACKENDS, new_database_url


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
                index = conn.execute(
                    text("SELECT indexdef FROM pg_indexes WHERE indexname LIKE 'ix_claim_embeddings_hnsw%'")
                ).scalar()
                assert index is not None and "hnsw" in index
            else:
                assert conn.execute(text("SELECT vec_version()")).scalar()
                assert conn.execute(text("SELECT name FROM sqlite_master WHERE name = 'claims_fts'")).scalar()
        engine.dispose()
        downgrade(url, "base")
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
        engine.dispose()
        upgrade(url)
        check(url)
    finally:
        engine.dispose()
