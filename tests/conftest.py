"""Shared fixtures: every database test runs on SQLite (+ sqlite-vec) and on a throwaway PostgreSQL (+ pgvector).

Set CLAIMLEDGER_TEST_BACKENDS=sqlite (or postgresql) to run one backend only.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, text

from db.engine import make_engine
from db.hnsw import HNSW_INDEX, rebuild_hnsw
from db.migrate import upgrade
from db.models import Base

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

BACKENDS = [b.strip() for b in os.environ.get("CLAIMLEDGER_TEST_BACKENDS", "sqlite,postgresql").split(",") if b.strip()]
REPO_ROOT = Path(__file__).resolve().parent.parent


def run_cli(
    *args: str, env: Mapping[str, str] | None = None, inherit_env: bool = True, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """`claimledger ARGS` as an operator's shell runs it (the console script's entry point, in a process of its own,
    from the repository root), with ``env`` over this process's environment (or alone: ``inherit_env=False``);
    stdout and stderr captured, the exit code left to the test."""
    return subprocess.run(
        [sys.executable, "-m", "service.cli", *args],
        cwd=REPO_ROOT,
        env={**(os.environ if inherit_env else {}), **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


SHARED_DIR = Path(os.environ.get("CLAIMLEDGER_SHARED_DIR", REPO_ROOT.parent / "shared"))


def shared_path(*parts: str) -> Path:
    """A file under ../shared, or a skip that says what is missing."""
    path = SHARED_DIR.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: this test needs the shared data (set CLAIMLEDGER_SHARED_DIR)")
    return path


def pytest_configure(config: pytest.Config) -> None:
    """Every test session gets a base temporary folder of its own, removed when it ends.

    pytest's default base folder rotates: a new session deletes all but the three latest sessions' folders,
    including one a session still running keeps its throwaway PostgreSQL data directory in. Two sessions at
    once on one machine (a developer's and CI's) then pulled the data directory from under a live server
    ("terminating connection because of crash of another server process" in the resume tests)."""
    if not config.option.basetemp:
        config.option.basetemp = tempfile.mkdtemp(prefix="claimledger-tests-")
        config.stash[_OWN_BASETEMP] = config.option.basetemp


def pytest_unconfigure(config: pytest.Config) -> None:
    own = config.stash.get(_OWN_BASETEMP, None)
    if own:
        shutil.rmtree(own, ignore_errors=True)


_OWN_BASETEMP = pytest.StashKey[str]()


@pytest.fixture(scope="session")
def pg_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from pgserver.postgres_server import get_server

    server = get_server(str(tmp_path_factory.mktemp("pg")), cleanup_mode="stop")
    yield server
    server.cleanup()


def _pg_url(server: Any, database: str) -> str:
    uri: str = server.get_uri(database)
    return uri.replace("postgresql://", "postgresql+psycopg://", 1)


def new_database_url(backend: str, request: pytest.FixtureRequest, name: str) -> str:
    """A fresh, empty database on the backend (not yet migrated)."""
    if backend == "sqlite":
        return f"sqlite:///{request.getfixturevalue('tmp_path_factory').mktemp('sqlite') / (name + '.db')}"
    server = request.getfixturevalue("pg_server")
    server.psql(f"DROP DATABASE IF EXISTS {name};")
    server.psql(f"CREATE DATABASE {name};")
    return _pg_url(server, name)


@pytest.fixture(scope="session", params=BACKENDS)
def migrated_url(request: pytest.FixtureRequest) -> str:
    url = new_database_url(request.param, request, "claimledger_test")
    upgrade(url)
    return url


@pytest.fixture(scope="session")
def migrated_engine(migrated_url: str) -> Iterator[Engine]:
    engine = make_engine(migrated_url)
    yield engine
    engine.dispose()


def wipe(engine: Engine) -> None:
    """Empty every table (FTS follows through its triggers) so each test starts from a blank record."""
    tables = [t.name for t in reversed(Base.metadata.sorted_tables)]
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text(f"TRUNCATE {', '.join(tables)} CASCADE"))
        else:
            for table in tables:
                conn.execute(text(f"DELETE FROM {table}"))


@pytest.fixture
def database_url(migrated_url: str, migrated_engine: Engine) -> str:
    wipe(migrated_engine)
    return migrated_url


@pytest.fixture
def hnsw_index(database_url: str, migrated_engine: Engine) -> Iterator[None]:
    """PostgreSQL: the HNSW index in place for this test, dropped afterwards. The migrated database has none (up to
    EXACT_SEARCH_UP_TO vectors a search scans them all; the index is built when the record first needs it)."""
    if migrated_engine.dialect.name == "postgresql":
        rebuild_hnsw(migrated_engine, 16, 64, concurrently=False)
    yield
    drop_hnsw(migrated_engine)


def drop_hnsw(engine: Engine) -> None:
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            conn.execute(text(f"DROP INDEX IF EXISTS {HNSW_INDEX}"))
