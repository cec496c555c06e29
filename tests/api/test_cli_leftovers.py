"""Leftovers of the CLI audit, on real SQLite files: `worker --once` says what it did, a bad `--scopes` names the
scope that is wrong, and an in-memory SQLite URL (one empty database per connection) is refused in one line."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from typer.testing import CliRunner

from db.engine import make_engine, make_session_factory
from db.migrate import upgrade
from db.models import ApiKey
from reconcile.job import RunRequest, queue_run
from reconcile.lock import DbLock
from service.cli import app
from service.config import Settings, get_settings
from service.runtime import Runtime
from tests.conftest import run_cli

# -- 1. `worker --once` says what it did ---------------------------------------------------------------------------


def _worker_env(url: str, tmp_path: Path) -> dict[str, str]:
    return {
        "CLAIMLEDGER_DATABASE_URL": url,
        "CLAIMLEDGER_ENCODER": "hashing",
        "CLAIMLEDGER_JUDGE": "rules",
        "CLAIMLEDGER_LOG_FORMAT": "text",
        "CLAIMLEDGER_REPORTS_DIR": str(tmp_path / "reports"),
    }


def _queued(url: str) -> str:
    """A reconciliation queued as POST /v1/reconciliations queues it (on an empty record: it runs in a moment)."""
    upgrade(url)
    engine = make_engine(url)
    try:
        with make_session_factory(engine)() as session:
            run = queue_run(session, RunRequest())
            session.commit()
            return run.id
    finally:
        engine.dispose()


def test_worker_once_on_an_empty_queue_says_there_was_nothing(tmp_path: Path) -> None:
    """It printed nothing at all: an operator (or cron's mail) could not tell "nothing queued" from "did not look"."""
    done = run_cli("worker", "--once", env=_worker_env(f"sqlite:///{tmp_path / 'w.db'}", tmp_path), timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["worker: no queued reconciliation; nothing to run"]


def test_worker_once_names_the_run_it_ran_and_its_outcome(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'w.db'}"
    run_id = _queued(url)
    done = run_cli("worker", "--once", env=_worker_env(url, tmp_path), timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [f"worker: ran 1 queued reconciliation: {run_id} succeeded"]


def test_worker_once_says_a_run_still_waits_and_keeps_exit_1(tmp_path: Path) -> None:
    """The run lock is held (a `claimledger reconcile` running): the run stays queued, exit 1 as before, and stdout
    says which run waits and for whom instead of nothing."""
    url = f"sqlite:///{tmp_path / 'w.db'}"
    run_id = _queued(url)
    engine = make_engine(url)
    lock = DbLock(make_session_factory(engine))
    lock.acquire()
    try:
        done = run_cli("worker", "--once", env=_worker_env(url, tmp_path), timeout=300)
    finally:
        lock.release()
        engine.dispose()
    assert done.returncode == 1, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"worker: ran 1 queued reconciliation: {run_id} still queued ("), (
        lines
    )
    assert lock.holder in lines[0]


# -- 2. a bad --scopes names the bad scope -------------------------------------------------------------------------


@pytest.fixture
def keys_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[CliRunner, str]]:
    url = f"sqlite:///{tmp_path / 'keys.db'}"
    monkeypatch.setenv("CLAIMLEDGER_DATABASE_URL", url)
    get_settings.cache_clear()
    yield CliRunner(), url
    get_settings.cache_clear()


def _stored_keys(url: str) -> list[ApiKey]:
    upgrade(url)
    engine = make_engine(url)
    try:
        with make_session_factory(engine)() as session:
            return list(session.scalars(select(ApiKey)).all())
    finally:
        engine.dispose()


@pytest.mark.parametrize(
    ("scopes", "said"),
    [
        (
            " read , WRITE ",
            "error: unknown scope 'WRITE' (scopes are lower case: 'write'); valid scopes: read, write, review, admin",
        ),
        (
            "read,bogus,admn",
            "error: unknown scopes 'bogus', 'admn'; valid scopes: read, write, review, admin",
        ),
        ("read;write", "error: unknown scope 'read;write'; valid scopes: read, write, review, admin"),
        (" , ", "error: no scope given; valid scopes: read, write, review, admin"),
    ],
)
def test_a_bad_scope_is_named_with_the_valid_ones(keys_cli: tuple[CliRunner, str], scopes: str, said: str) -> None:
    """The error quoted the whole raw string ("got ' read , WRITE '"): the operator had to find the bad item."""
    runner, url = keys_cli
    done = runner.invoke(app, ["keys", "create", "--name", "ops", "--scopes", scopes])
    assert done.exit_code == 2, done.output
    assert done.stderr.strip() == said
    assert done.stdout == "" and _stored_keys(url) == []


def test_spaces_around_scopes_are_accepted_as_the_api_accepts_them(
    keys_cli: tuple[CliRunner, str], client: TestClient, make_key: Callable[[str], dict[str, str]]
) -> None:
    """Both take " read , review " as read and review, and both refuse upper case (the contract's scopes are
    lower-case names): the same string gives the same key, or the same refusal, on either."""
    runner, url = keys_cli
    done = runner.invoke(app, ["keys", "create", "--name", "ops", "--scopes", " review , read "])
    assert done.exit_code == 0, done.output
    assert "with scopes read,review" in done.stdout
    assert [k.scopes for k in _stored_keys(url)] == ["read,review"]
    admin = make_key("admin")
    created = client.post("/v1/keys", json={"name": "ops", "scopes": " review , read "}, headers=admin)
    assert created.status_code == 201 and created.json()["scopes"] == ["read", "review"]
    refused = client.post("/v1/keys", json={"name": "ops", "scopes": " read , WRITE "}, headers=admin)
    assert refused.status_code == 422
    upper = runner.invoke(app, ["keys", "create", "--name", "ops", "--scopes", " read , WRITE "])
    assert upper.exit_code == 2


# -- 3. an in-memory SQLite URL is refused ---------------------------------------------------------------------------


IN_MEMORY = ["sqlite://", "sqlite:///:memory:", "sqlite+pysqlite://", "sqlite:///file::memory:?uri=true"]


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    import uvicorn

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda *_args, **kwargs: calls.append(kwargs))
    return calls


@pytest.mark.parametrize("url", IN_MEMORY)
@pytest.mark.parametrize(
    "argv",
    [
        ["keys", "create", "--name", "first", "--scopes", "read"],
        ["keys", "list"],
        ["keys", "revoke", "00000000-0000-0000-0000-000000000000"],
        ["db", "upgrade"],
        ["db", "downgrade", "base"],
        ["db", "reindex-hnsw"],
        ["worker", "--once"],
        ["reconcile", "--full", "--quiet"],
        ["webhooks", "deliver", "--once"],
        ["sources", "merge", "00000000-0000-0000-0000-000000000001", "00000000-0000-0000-0000-000000000002"],
        ["judge", "export-reviews", "--out", "reviews.jsonl"],
        ["serve", "--port", "0", "--no-batch-worker"],
    ],
)
def test_an_in_memory_sqlite_url_is_refused_in_one_line(
    url: str, argv: list[str], monkeypatch: pytest.MonkeyPatch, served: list[dict[str, Any]], tmp_path: Path
) -> None:
    """Each connection to `sqlite://` opens its own empty database: `keys create` migrated one and wrote to another,
    failing with "no such table: api_keys"."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CLAIMLEDGER_DATABASE_URL", url)
    monkeypatch.setenv("CLAIMLEDGER_ENCODER", "hashing")
    monkeypatch.setenv("CLAIMLEDGER_JUDGE", "rules")
    get_settings.cache_clear()
    try:
        done = CliRunner().invoke(app, argv)
    finally:
        get_settings.cache_clear()
    assert done.exit_code == 1, done.output
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("error: CLAIMLEDGER_DATABASE_URL ") and "in-memory" in lines[0], lines[0]
    assert "every connection" in lines[0] and "sqlite:///PATH" in lines[0]
    assert done.stdout == "" and served == [] and list(tmp_path.iterdir()) == []


def test_the_console_script_refuses_it_too_and_help_still_works() -> None:
    """As an operator's shell runs it: one line, exit 1, no traceback; `--help` reads no setting, so it works."""
    done = run_cli("keys", "create", "--name", "first", env={"CLAIMLEDGER_DATABASE_URL": "sqlite://"})
    assert done.returncode == 1 and "no such table" not in done.stderr
    assert done.stderr.startswith("error: CLAIMLEDGER_DATABASE_URL ") and done.stderr.count("\n") == 1
    helped = run_cli("keys", "create", "--help", env={"CLAIMLEDGER_DATABASE_URL": "sqlite://"})
    assert helped.returncode == 0 and "--scopes" in helped.stdout


def test_a_file_url_that_mentions_memory_is_not_refused(tmp_path: Path) -> None:
    """Only a database that lives in memory is refused: a file whose path says "memory" is a file."""
    path = tmp_path / ":memory:.db"
    done = run_cli("db", "upgrade", env={"CLAIMLEDGER_DATABASE_URL": f"sqlite:///{path}"})
    assert done.returncode == 0, done.stderr
    assert path.exists()


def test_settings_themselves_still_take_an_in_memory_url() -> None:
    """Tests and tools build a Runtime on `sqlite://` in one process (one engine, its pool): only the commands,
    which migrate and read through separate connections, refuse it."""
    runtime = Runtime.create(Settings(database_url="sqlite://", load_models_on_startup=False))
    runtime.close()
