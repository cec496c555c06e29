"""0019 adds documents.unread_characters: a document stored before it reads NULL (not known), and the downgrade
drops the column and keeps the documents."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect, text

from db.engine import make_engine
from db.migrate import downgrade, upgrade
from tests.conftest import BACKENDS, new_database_url

INSERT = (
    "INSERT INTO documents (id, text, text_sha256, published_at_is_date, created_at, updated_at)"
    " VALUES ('0b6f7a1e-0000-4000-8000-000000000001', 'An old article.', :sha, :no, :at, :at)"
)


@pytest.mark.parametrize("backend", BACKENDS)
def test_documents_stored_before_0019_read_null(backend: str, request: pytest.FixtureRequest) -> None:
    url = new_database_url(backend, request, "claimledger_unread_migration")
    upgrade(url, "0018")
    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(text(INSERT), {"sha": "0" * 64, "no": False, "at": "2026-12-01 00:00:00"})
        engine.dispose()
        upgrade(url)
        with engine.connect() as conn:
            assert conn.execute(text("SELECT unread_characters FROM documents")).one() == (None,)
        engine.dispose()
        downgrade(url, "0018")
        assert "unread_characters" not in {c["name"] for c in inspect(engine).get_columns("documents")}
        with engine.connect() as conn:
            assert conn.execute(text("SELECT text FROM documents")).scalar() == "An old article."
    finally:
        engine.dispose()
