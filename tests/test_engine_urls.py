"""Which PostgreSQL URLs make an engine: psycopg 3 (what claimledger installs and writes vectors through) whether
the URL names it or no driver at all; another driver is a one-line error rather than an ImportError later."""

from __future__ import annotations

import pytest

from db.engine import UnsupportedDatabaseError, make_engine

ADDRESS = "u:secret@127.0.0.1:1/x"


@pytest.mark.parametrize("scheme", ["postgresql", "postgres", "postgresql+psycopg", "postgres+psycopg"])
def test_a_url_naming_psycopg_or_no_driver_is_psycopg_3(scheme: str) -> None:
    engine = make_engine(f"{scheme}://{ADDRESS}")  # connects to nothing until used
    try:
        assert (engine.dialect.name, engine.dialect.driver) == ("postgresql", "psycopg")
    finally:
        engine.dispose()


@pytest.mark.parametrize("scheme", ["postgresql+psycopg2", "postgresql+asyncpg", "postgres+pg8000"])
def test_another_postgresql_driver_is_refused_by_name(scheme: str) -> None:
    with pytest.raises(UnsupportedDatabaseError, match=r"use postgresql\+psycopg://") as refused:
        make_engine(f"{scheme}://{ADDRESS}")
    assert "secret" not in str(refused.value)
