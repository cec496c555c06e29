"""The entry points that read their settings from the environment without the `claimledger` command refuse an
in-memory SQLite URL as `claimledger serve` does (one line, exit 1, no traceback): `python -m reconcile.worker`
migrated one empty database and polled another ("no such table" each second, for ever), and uvicorn on
``service.app:create_app --factory`` served an empty database per connection."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from uvicorn.config import STARTUP_FAILURE

import reconcile.worker as worker_module
from service.app import create_app
from service.config import Settings, get_settings
from tests.conftest import REPO_ROOT

IN_MEMORY = ["sqlite://", "sqlite:///:memory:", "sqlite:///file::memory:?uri=true"]


def _env(url: str, tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "CLAIMLEDGER_DATABASE_URL": url,
        "CLAIMLEDGER_ENCODER": "hashing",
        "CLAIMLEDGER_JUDGE": "rules",
        "CLAIMLEDGER_LOAD_MODELS_ON_STARTUP": "false",
        "CLAIMLEDGER_LOG_FORMAT": "text",
        "CLAIMLEDGER_REPORTS_DIR": str(tmp_path / "reports"),
    }


def _run(args: list[str], url: str, tmp_path: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """This Python with ``args`` and the settings of ``_env``, waited for (``timeout`` seconds at most)."""
    return subprocess.run(
        [sys.executable, *args], cwd=REPO_ROOT, env=_env(url, tmp_path), capture_output=True, text=True,
        timeout=timeout, check=False,
    )  # fmt: skip


def _assert_refused_in_one_line(done: subprocess.CompletedProcess[str], code: int = 1) -> None:
    assert done.returncode == code, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    _assert_the_refusal(lines[0])
    assert "Traceback" not in done.stderr and "no such table" not in done.stderr


def _assert_the_refusal(line: str) -> None:
    assert line.startswith("error: CLAIMLEDGER_DATABASE_URL ") and "in-memory" in line, line
    assert "every connection" in line and "sqlite:///PATH" in line


@pytest.mark.parametrize("url", IN_MEMORY)
def test_the_worker_module_refuses_an_in_memory_url(url: str, tmp_path: Path) -> None:
    """Before: it ran until killed, each pass logging "no such table: reconciliation_runs"."""
    _assert_refused_in_one_line(_run(["-m", "reconcile.worker"], url, tmp_path))


@pytest.mark.parametrize("url", IN_MEMORY)
def test_uvicorn_on_the_factory_refuses_an_in_memory_url(url: str, tmp_path: Path) -> None:
    """Before: it served, every request on an empty database of its own connection. Exit 3, uvicorn's code for a
    server that cannot start."""
    factory = ["-m", "uvicorn", "service.app:create_app", "--factory", "--host", "127.0.0.1", "--port", "0"]
    _assert_refused_in_one_line(_run(factory, url, tmp_path), code=STARTUP_FAILURE)


def test_uvicorn_with_several_workers_stops_rather_than_restart_them(tmp_path: Path) -> None:
    """With --workers 2 uvicorn's supervisor restarted each refused worker for ever, printing the line each time
    (until this timeout); a worker that exits with uvicorn's startup-failure code stops it (in about 10-20 s: the
    supervisor's health check; the parent's own exit code is uvicorn's)."""
    workers = ["-m", "uvicorn", "service.app:create_app", "--factory", "--port", "0", "--workers", "2"]
    done = _run(workers, "sqlite://", tmp_path, timeout=120)
    refusals = [line for line in done.stderr.splitlines() if line.startswith("error: ")]
    assert refusals, done.stderr
    for line in refusals:
        _assert_the_refusal(line)
    assert "Traceback" not in done.stderr


@pytest.fixture
def environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[pytest.MonkeyPatch]:
    for name, value in _env("sqlite://", tmp_path).items():
        if name.startswith("CLAIMLEDGER_"):
            monkeypatch.setenv(name, value)
    get_settings.cache_clear()
    yield monkeypatch
    get_settings.cache_clear()


def test_a_file_url_is_served_and_run(environment: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Only an in-memory database is refused: a file URL builds the app, and the worker's entry runs the worker."""
    environment.setenv("CLAIMLEDGER_DATABASE_URL", f"sqlite:///{tmp_path / 'memory.db'}")
    get_settings.cache_clear()
    assert create_app().title == "claimledger"
    ran: list[int | None] = []

    def run_worker(*, parent_pid: int | None = None) -> int:
        ran.append(parent_pid)
        return 0

    environment.setattr(worker_module, "run_worker", run_worker)
    environment.setattr(sys, "argv", ["reconcile.worker", "--parent", "41"])
    assert worker_module.main() == 0 and ran == [41]


def test_settings_given_to_the_factory_still_take_an_in_memory_url(environment: pytest.MonkeyPatch) -> None:
    """Tests build an app on `sqlite://` with a runtime of their own (one engine): only settings read from the
    environment, as a process's entry point reads them, are refused."""
    assert create_app(Settings(database_url="sqlite://", load_models_on_startup=False)).title == "claimledger"
    with pytest.raises(SystemExit) as refused:
        create_app()
    assert refused.value.code == STARTUP_FAILURE


def test_the_reconcile_module_says_a_setting_that_does_not_parse_in_one_line(tmp_path: Path) -> None:
    """`python -m reconcile` read its settings outside the error handling `claimledger reconcile` has, so two
    settings that disagree were a traceback, not the one `error: ...` line (exit 1) the README promises."""
    env = {**_env(f"sqlite:///{tmp_path / 'r.db'}", tmp_path), "CLAIMLEDGER_HNSW_M": "48"}
    done = subprocess.run(
        [sys.executable, "-m", "reconcile", "--full", "--quiet"], cwd=REPO_ROOT, env=env, capture_output=True,
        text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 1, done.stderr
    lines = done.stderr.strip().splitlines()
    assert lines == ["error: CLAIMLEDGER_HNSW_EF_CONSTRUCTION (64) must be at least twice CLAIMLEDGER_HNSW_M (48):"
                     " pgvector's limit"], done.stderr  # fmt: skip
