"""The command line as a new operator drives it, on a real SQLite file: what a command says it did is what it did
(`db upgrade REVISION` on a database already past it, `serve --port 0`), a value that cannot work is refused up
front (`serve --workers 0`), and a database that cannot be opened or a URL that does not parse is said in one line
that names the database."""

from __future__ import annotations

import os
import re
import select
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from alembic.script import ScriptDirectory
from typer.testing import CliRunner

from db.migrate import alembic_config
from service.cli import app
from tests.conftest import REPO_ROOT, run_cli


def _head(url: str) -> str:
    head = ScriptDirectory.from_config(alembic_config(url)).get_current_head()
    assert head is not None
    return head


def test_db_upgrade_to_a_revision_the_database_is_past_says_where_it_really_is(cli: tuple[CliRunner, str]) -> None:
    """`db upgrade 0003` on a database at head changed nothing (an upgrade never reverts) and said "is at 0003"."""
    runner, url = cli
    assert runner.invoke(app, ["db", "upgrade", "0003"]).stdout.strip().endswith("is at 0003")
    assert runner.invoke(app, ["db", "upgrade"]).exit_code == 0
    done = runner.invoke(app, ["db", "upgrade", "0003"])
    assert done.exit_code == 0, done.output
    assert "is at 0003" not in done.stdout
    assert f"is at {_head(url)}" in done.stdout and "claimledger db downgrade 0003" in done.stdout


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """uvicorn.run's arguments, in place of serving."""
    import uvicorn

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda *_args, **kwargs: calls.append(kwargs))
    return calls


def test_serve_on_port_0_announces_the_port_it_serves_on(
    cli: tuple[CliRunner, str], served: list[dict[str, Any]]
) -> None:
    """The help says "0: any free port", and the line an operator reads said "serving on http://127.0.0.1:0"."""
    runner, _ = cli
    done = runner.invoke(app, ["serve", "--port", "0", "--no-batch-worker"])
    assert done.exit_code == 0, done.output
    assert len(served) == 1 and served[0]["port"] != 0
    assert done.stdout.splitlines()[-1].endswith(f"serving on http://127.0.0.1:{served[0]['port']}")


@pytest.mark.parametrize("workers", ["0", "-3"])
def test_serve_refuses_fewer_than_one_worker_process(
    cli: tuple[CliRunner, str], served: list[dict[str, Any]], workers: str
) -> None:
    """`--workers 0` (or -3) was taken, and one process served, as if the value meant something."""
    runner, _ = cli
    done = runner.invoke(app, ["serve", "--port", "0", "--no-batch-worker", "--workers", workers])
    assert done.exit_code == 2 and "Invalid value for '--workers'" in done.stderr, done.output
    assert served == []


def test_the_worker_says_it_is_waiting_and_where(tmp_path: Path) -> None:
    """`claimledger worker` ran silent: on an empty queue nothing on stdout or stderr, however long it ran."""
    db = tmp_path / "worker.db"
    env = {
        "CLAIMLEDGER_DATABASE_URL": f"sqlite:///{db}",
        "CLAIMLEDGER_ENCODER": "hashing",
        "CLAIMLEDGER_JUDGE": "rules",
        "CLAIMLEDGER_WORKER_POLL_SECONDS": "1",
    }
    with subprocess.Popen(
        [sys.executable, "-m", "service.cli", "worker"],
        cwd=REPO_ROOT,
        env={**os.environ, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as worker:
        try:
            assert worker.stdout is not None
            ready, _, _ = select.select([worker.stdout], [], [], 60)  # it stays up: read what it said by then
            first = worker.stdout.readline() if ready else ""
        finally:
            worker.send_signal(signal.SIGTERM)
            worker.wait(timeout=60)
    assert first.startswith("worker: running the reconciliations queued in "), first
    assert str(db) in first


@pytest.mark.parametrize(
    ("url", "named"),
    [
        ("sqlite:////nonexistent-dir/claims.db", "sqlite:////nonexistent-dir/claims.db"),
        ("postgresql://u:secret@127.0.0.1:1/x", "postgresql://u:***@127.0.0.1:1/x"),
    ],
)
@pytest.mark.parametrize("argv", [["keys", "list"], ["webhooks", "deliver", "--once"]])
def test_a_database_that_cannot_be_opened_is_named(url: str, named: str, argv: list[str]) -> None:
    """ "error: database error: unable to open database file" said what but not which: the operator with several
    environments had to guess which CLAIMLEDGER_DATABASE_URL the command had read."""
    done = run_cli(*argv, env={"CLAIMLEDGER_DATABASE_URL": url})
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: database error: "), done.stderr
    assert named in lines[0] and "secret" not in done.stderr


@pytest.mark.parametrize("argv", [["keys", "list"], ["reconcile"]])
def test_a_database_url_that_does_not_parse_names_the_setting(argv: list[str]) -> None:
    """ "Could not parse SQLAlchemy URL from given URL string" named neither the setting nor what it should be."""
    done = run_cli(*argv, env={"CLAIMLEDGER_DATABASE_URL": "claims.db", "CLAIMLEDGER_ENCODER": "hashing"})
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert re.search(r"CLAIMLEDGER_DATABASE_URL .*sqlite:///", lines[0]), lines[0]
    assert "SQLAlchemy" not in lines[0]


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["keys", "list"], "error: "),
        (["reconcile"], "error: could not open the database: "),
        (["db", "upgrade"], "error: migration failed on "),
    ],
)
def test_a_database_migrated_by_a_newer_version_is_said_so(tmp_path: Path, argv: list[str], said: str) -> None:
    """After a rollback to an older release every command said "Can't locate revision identified by '9999'", as
    if the operator had mistyped a revision they never typed."""
    db = tmp_path / "newer.db"
    url = f"sqlite:///{db}"
    env = {"CLAIMLEDGER_DATABASE_URL": url, "CLAIMLEDGER_ENCODER": "hashing", "CLAIMLEDGER_JUDGE": "rules"}
    assert run_cli("db", "upgrade", env=env).returncode == 0
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    done = run_cli(*argv, env=env, timeout=180)
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(said), done.stderr
    assert "revision 9999" in lines[0] and "newer version of claimledger" in lines[0], lines[0]


def test_a_mistyped_revision_is_still_said_as_alembic_says_it(cli: tuple[CliRunner, str]) -> None:
    runner, _ = cli
    assert runner.invoke(app, ["db", "upgrade"]).exit_code == 0
    done = runner.invoke(app, ["db", "upgrade", "bogusrev"])
    assert done.exit_code == 1
    assert done.stderr.strip().endswith("Can't locate revision identified by 'bogusrev'"), done.stderr


# -- one helper says an exception in one line, for the commands' messages and the console script alike ------------


def test_a_setting_that_does_not_parse_is_named_by_first_line() -> None:
    """`first_line` gave pydantic's "1 validation error for Settings" (the setting on the next line, dropped), where
    the console script's own copy of the helper named it."""
    from pydantic import ValidationError

    from service.cli import first_line
    from service.config import Settings

    with pytest.raises(ValidationError) as refused:
        Settings(reconcile_chunk_size=0)
    assert first_line(refused.value).startswith("CLAIMLEDGER_RECONCILE_CHUNK_SIZE: "), first_line(refused.value)


def test_an_os_error_is_said_with_its_file_by_first_line() -> None:
    """ "[Errno 13] Permission denied: '/srv/x'" from `first_line`, "Permission denied: /srv/x" from the copy."""
    from service.cli import first_line

    assert first_line(PermissionError(13, "Permission denied", "/srv/reports/x.json")) == (
        "Permission denied: /srv/reports/x.json"
    )
