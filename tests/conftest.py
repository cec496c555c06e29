"""Shared fixtures: every database test runs on SQLite (+ sqlite-vec) and on a throwaway PostgreSQL (+ pgvector).

Set CLAIMLEDGER_TEST_BACKENDS=sqlite (or postgresql) to run one backend only.
"""

from __future__ import annotations

import gc
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Generator, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from sqlalchemy import Engine, text

from db.engine import make_engine
from db.hnsw import HNSW_INDEX, rebuild_hnsw
from db.migrate import upgrade
from db.models import Base

if TYPE_CHECKING:
    from extraction import AttributionExtractor
    from service.runtime import Runtime

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

# Tests that take seconds each (processes killed and started again, servers, Ray, the real models), slowest first: a
# file, or a test function with all its parameters. Under pytest-xdist they are handed out first (the Makefile sends
# small batches: --maxschedchunk), so that both workers end on short tests and finish together; one started last
# kept a worker busy for half a minute after the other had finished. `pytest --durations=40` says what belongs here.
LONG_RUNNING = (
    "tests/reconcile/test_ray_worker.py::test_a_ray_worker_keeps_its_actors_from_run_to_run_reconnects_and_stops_them_when_it_stops",
    "tests/reconcile/test_resume.py::test_a_killed_run_resumes_to_the_same_flags",
    "tests/reconcile/test_ray_signals.py::test_sigterm_ends_a_ray_run_like_a_local_one",
    "tests/api/test_webhooks_no_event_lost.py",
    "tests/reconcile/test_engines.py::test_the_ray_engine_raises_the_flags_of_the_local_engine",
    # The tests on a local Ray one after another: one Ray started for them all (tests/reconcile/conftest.py).
    "tests/reconcile/test_wire_copies.py::test_the_ray_engine_raises_the_same_flags_on_copies",
    "tests/reconcile/test_wire_copy_edges.py::test_the_ray_engine_raises_the_same_flag_on_chained_copies",
    "tests/reconcile/test_reverse_neighbours.py::test_the_ray_engine_finds_the_reverse_pairs_the_local_engine_finds",
    "tests/integration/test_seed_article.py",
    "tests/unit/test_inference.py::test_an_extraction_worker_killed_is_replaced_and_the_article_still_read",
    "tests/test_migrations.py::test_two_processes_migrating_an_empty_postgresql_database_both_succeed",
    "tests/api/test_observability.py::test_serve_writes_its_and_uvicorns_lines_as_json",
    "tests/integration/test_nli_evaluate.py",
    "tests/unit/test_inference.py::test_extraction_workers_leave_ctrl_c_to_the_server",
    "tests/api/test_cli_progress.py::test_the_worker_logs_each_migration_it_applies",
    "tests/unit/test_contrast.py::test_same_seed_same_pairs_and_bytes",
    "tests/reconcile/test_engines.py::test_the_worker_command_runs_a_queued_run",
    "tests/test_vector_index.py::test_a_small_record_is_searched_exactly_on_both_backends",
    "tests/test_vector_index.py::test_knn_matches_the_exact_scan_on_random_vectors",
    "tests/unit/test_inference.py::test_closing_the_extraction_pool_leaves_no_worker_process",
    "tests/unit/test_signal_golden.py::test_the_nli_part_matches_todays_reports",
    "tests/reconcile/test_queue.py::test_the_worker_command_says_so_in_one_line_and_exits_1",
    "tests/api/test_keys.py::test_a_key_revoked_by_the_cli_while_the_server_runs_gets_401",
    "tests/api/test_cli_progress.py::test_reconcile_writes_plain_progress_lines_where_stderr_is_no_terminal",
    "tests/reconcile/test_resume.py::test_a_worker_whose_server_is_gone_stops_its_run_and_releases_the_lock",
)


@pytest.hookimpl(trylast=True)  # after pytest has grouped the tests by backend
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """On an xdist worker, the long tests first; everything else keeps its order (a stable sort)."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return
    rank = {name: i for i, name in enumerate(LONG_RUNNING)}

    def key(item: pytest.Item) -> int:
        function = item.nodeid.split("[", 1)[0]
        return min(rank.get(function, len(rank)), rank.get(function.split("::", 1)[0], len(rank)))

    items.sort(key=key)


# FastAPI's module-level caches of which endpoint functions are coroutines or generators (lru_cache, 4,096 entries):
# an endpoint that closes over its app (the docs pages') keeps that app, its runtime, engine and SQLAlchemy caches
# alive for the rest of the process.
_FASTAPI_CALLABLE_CACHES = ("_is_gen_callable_cached", "_is_async_gen_callable_cached", "_is_coroutine_callable_cached")


def release_fastapi_apps() -> None:
    """Let go of every app made so far: FastAPI classifies an endpoint again when a new app first calls it."""
    from fastapi.dependencies import models

    for name in _FASTAPI_CALLABLE_CACHES:
        getattr(models, name).cache_clear()


# Issue 22: the collector, not the tests, took a quarter of a worker's CPU. After collection a worker tracks ~350,000
# objects (torch, spaCy, pydantic, the test modules), ~500,000 once its models are loaded, all alive to the end; every
# full collection walked them all (0.3 s each, 30 in 120 API tests), and at 700 allocations a young collection ran
# every few statements of a request. Objects alive when collection ends, or when a wider-scoped fixture (a database,
# a model, a browser) has been built, are moved out of the collector's sight (gc.freeze); young collections run every
# 7,000 allocations. What a test makes is collected as before: refcounting frees what it can at once, the collector
# the cycles (tests/api/test_app_lifetime.py checks an app is freed). 120 API tests: 36.8 -> 27.8 s of CPU.
GC_THRESHOLDS = (7000, 10, 10)


def _freeze_survivors() -> None:
    gc.collect()
    gc.freeze()


def pytest_sessionstart(session: pytest.Session) -> None:
    gc.set_threshold(*GC_THRESHOLDS)


@pytest.hookimpl(trylast=True)
def pytest_collection_finish(session: pytest.Session) -> None:
    _freeze_survivors()


@pytest.hookimpl(wrapper=True)
def pytest_fixture_setup(
    fixturedef: pytest.FixtureDef[Any], request: pytest.FixtureRequest
) -> Generator[None, object, object]:
    value = yield
    if fixturedef.scope != "function":
        _freeze_survivors()
    return value


def pytest_fixture_post_finalizer(fixturedef: pytest.FixtureDef[Any], request: pytest.FixtureRequest) -> None:
    """A module's or a package's fixture torn down (a model, a Ray cluster, a browser) goes back in the collector's
    sight with everything frozen so far, so that its cycles are freed before the next test; then all is frozen again."""
    if fixturedef.scope in ("class", "module", "package"):
        gc.unfreeze()
        request.session.stash[_THAWED] = True


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.session.stash.get(_THAWED, False):
        item.session.stash[_THAWED] = False
        _freeze_survivors()


_THAWED = pytest.StashKey[bool]()


@pytest.fixture(scope="session")
def extractor() -> AttributionExtractor:
    """One spaCy pipeline per test process: loading it takes seconds, and the extractor keeps no state between texts.
    Imported here, not at the top: most tests never extract."""
    from extraction import AttributionExtractor

    return AttributionExtractor()


@pytest.fixture(scope="session")
def real_models() -> Iterator[Runtime]:
    """The real models, loaded once per test process and lent to each test's own runtime on its own blank database
    (``Runtime.use_models``). Imported here, not at the top: most tests never load a model."""
    from service.config import Settings
    from service.runtime import Runtime

    runtime = Runtime.create(Settings(database_url="sqlite://", load_models_on_startup=False))
    runtime.load_models()
    assert runtime.models_ready, runtime.load_error
    yield runtime
    runtime.close()


@pytest.fixture(autouse=True)
def _release_apps() -> Iterator[None]:
    """Issue 22: each test's apps are freed when it ends. Kept alive, one file's 33 webhook tests left 570,000 objects
    behind (916,000 at the end against 346,000 after collection) that every full garbage collection walked, and the
    interpreter again at exit: seconds after pytest's summary, more on a busy machine and in an xdist worker's run."""
    yield
    release_fastapi_apps()


@pytest.fixture(scope="session")
def pg_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from pgserver.postgres_server import get_server

    server = get_server(str(tmp_path_factory.mktemp("pg")), cleanup_mode="stop")
    # A throwaway server need not survive a power cut: without fsync a test's TRUNCATE and commits no longer wait
    # for the disk (the per-test wipe took 68 ms on an idle machine, 10 ms without; far more beside other I/O).
    # What other sessions see, and what a killed client leaves committed, is the same either way.
    for setting in ("fsync", "synchronous_commit", "full_page_writes"):
        server.psql(f"ALTER SYSTEM SET {setting} = off;")
    server.psql("SELECT pg_reload_conf();")
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
