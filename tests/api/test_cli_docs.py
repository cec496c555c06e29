"""What the README and docs/ tell an operator about the command line and the settings is what the code does: every
setting is documented under its variable's name, every documented variable is a setting, the README's command
list names commands and options that exist, and the commands behave as documented (one-line errors included)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from service.cli import app
from service.config import Settings, get_settings
from tests.conftest import run_cli

REPO_ROOT = Path(__file__).resolve().parents[2]
README = REPO_ROOT / "README.md"
OPERATOR_DOCS = [README, *sorted((REPO_ROOT / "docs").glob("*.md")), REPO_ROOT / "plugin" / "README.md"]
# CLAIMLEDGER_* names the docs mention that are no service setting: the example client's key, and the test
# suite's and the Makefile's own switches.
NOT_SETTINGS = {
    "CLAIMLEDGER_KEY",
    "CLAIMLEDGER_TEST_BACKENDS",
    "CLAIMLEDGER_SKIP_BROWSER",
    "CLAIMLEDGER_SCREENSHOTS",
}


def _env_name(field: str) -> str:
    return "CLAIMLEDGER_" + field.upper()


def _docs_text() -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in OPERATOR_DOCS)


def test_every_setting_is_documented_under_its_variable_name() -> None:
    text = _docs_text()
    missing = [_env_name(name) for name in Settings.model_fields if _env_name(name) not in text]
    assert not missing, f"settings no operator can find in README.md or docs/: {missing}"


def test_every_documented_variable_is_a_setting() -> None:
    """A misspelt CLAIMLEDGER_* variable is ignored by the service, so a misspelt one in the docs misleads."""
    settings = {_env_name(name) for name in Settings.model_fields}
    named = set(re.findall(r"CLAIMLEDGER_[A-Z0-9_]*[A-Z0-9]", _docs_text()))
    assert named - settings - NOT_SETTINGS == set()


def _documented_defaults() -> Iterator[tuple[str, str]]:
    """(variable, default cell) of the settings tables (README, docs/scheduling.md), rows that name one variable."""
    for path in (README, REPO_ROOT / "docs" / "scheduling.md"):
        for line in path.read_text(encoding="utf-8").splitlines():
            row = re.match(r"\| `(CLAIMLEDGER_[A-Z0-9_]+)` \| ([^|]+) \|", line)
            if row:
                yield row.group(1), row.group(2).strip()


def test_the_settings_tables_give_each_default() -> None:
    checked = 0
    for variable, cell in _documented_defaults():
        name = variable.removeprefix("CLAIMLEDGER_").lower()
        field = Settings.model_fields[name]
        default = field.get_default(call_default_factory=True)
        literal = cell.split(" (")[0].strip().strip("`")
        if default is None or default == []:
            assert literal.startswith("unset") or "judge's own" in literal, (variable, cell)
        elif isinstance(default, bool):
            assert literal == str(default).lower(), (variable, cell)
        elif isinstance(default, int | float):
            assert float(literal) == float(default), (variable, cell)
        elif isinstance(default, Path) and not default.is_absolute():
            assert literal == str(default), (variable, cell)
        elif isinstance(default, str):
            assert literal == default, (variable, cell)
        else:
            continue
        checked += 1
    assert checked >= 35


def _readme_command_lines() -> list[str]:
    block = README.read_text(encoding="utf-8").split("## Command line", 1)[1].split("```")[1]
    return [line.split("#", 1)[0].strip() for line in block.splitlines() if line.startswith("claimledger ")]


def test_the_readme_command_list_names_commands_and_options_that_exist() -> None:
    root = typer.main.get_command(app)
    lines = _readme_command_lines()
    assert len(lines) >= 12
    for line in lines:
        command: Any = root  # typer's own click (typer._click), not the click package
        words = line.split()[1:]
        while hasattr(command, "commands") and words and words[0] in command.commands:
            command = command.commands[words.pop(0)]
        assert not hasattr(command, "commands"), f"{line!r} names no command"
        documented = set(re.findall(r"--[a-z][a-z-]*", line))
        known = {opt for param in command.params for opt in (*param.opts, *param.secondary_opts)}
        assert documented <= known, f"{line!r}: {sorted(documented - known)} not options of the command"


@pytest.fixture
def sqlite_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[CliRunner, Path]]:
    """The CLI on a new SQLite file, not created yet."""
    db = tmp_path / "cli.db"
    monkeypatch.setenv("CLAIMLEDGER_DATABASE_URL", f"sqlite:///{db}")
    get_settings.cache_clear()
    yield CliRunner(), db
    get_settings.cache_clear()


def test_db_downgrade_takes_a_relative_revision_as_its_help_says(sqlite_cli: tuple[CliRunner, Path]) -> None:
    """`db downgrade -1` was refused as an unknown option ("No such option: -1")."""
    runner, _ = sqlite_cli
    assert runner.invoke(app, ["db", "upgrade"]).exit_code == 0
    down = runner.invoke(app, ["db", "downgrade", "-1"])
    assert down.exit_code == 0, down.output
    assert re.search(r"is at \w+$", down.output.strip()) and "is at -1" not in down.output
    up = runner.invoke(app, ["db", "upgrade"])
    assert up.exit_code == 0 and up.output.strip().endswith("is at head")


def test_export_reviews_migrates_a_new_database_as_the_other_commands_do(
    sqlite_cli: tuple[CliRunner, Path], tmp_path: Path
) -> None:
    """It was the one command that read the record without migrating first: "no such table: flags"."""
    runner, db = sqlite_cli
    out = tmp_path / "reviews.jsonl"
    done = runner.invoke(app, ["judge", "export-reviews", "--out", str(out)])
    assert done.exit_code == 0, done.output
    assert db.exists() and out.read_text(encoding="utf-8") == ""
    assert "0 training pairs from 0 reviewed flags" in done.output


@pytest.mark.parametrize("command", [["reconcile"], ["worker"]])
def test_engine_help_says_where_the_default_comes_from(command: list[str]) -> None:
    """The help said "[default: local]", which the help's markup swallowed, and the default is the setting."""
    shown = CliRunner().invoke(app, [*command, "--help"], env={"COLUMNS": "200"})
    assert shown.exit_code == 0
    assert "CLAIMLEDGER_RECONCILE_ENGINE" in shown.output and "CLAIMLEDGER_RAY_ADDRESS" in shown.output


UNREACHABLE = "sqlite:////nonexistent-dir/claims.db"


@pytest.mark.parametrize(
    ("argv", "env", "said"),
    [
        (["db", "upgrade"], {"CLAIMLEDGER_DATABASE_URL": UNREACHABLE}, "error: migration failed on "),
        (["serve", "--port", "0"], {"CLAIMLEDGER_DATABASE_URL": UNREACHABLE}, "error: could not migrate "),
        (["reconcile"], {"CLAIMLEDGER_DATABASE_URL": UNREACHABLE}, "error: could not open the database: "),
        (["serve", "--port", "0"], {"CLAIMLEDGER_LOG_LEVEL": "verbose"}, "error: CLAIMLEDGER_LOG_LEVEL: "),
        (["keys", "list"], {"CLAIMLEDGER_JUDGE": "rule"}, "error: CLAIMLEDGER_JUDGE: "),
    ],
)
def test_an_operators_mistake_is_one_line(argv: list[str], env: dict[str, str], said: str, tmp_path: Path) -> None:
    """A database that cannot be opened was said in two lines (SQLAlchemy's "Background on this error" link), a
    log level uvicorn does not know ended in a traceback, and a misspelt judge loaded the hybrid judge unasked."""
    defaults = {
        "CLAIMLEDGER_DATABASE_URL": f"sqlite:///{tmp_path / 'ok.db'}",
        "CLAIMLEDGER_ENCODER": "hashing",
        "CLAIMLEDGER_JUDGE": "rules",
    }
    done = run_cli(*argv, env={**defaults, **env}, timeout=180)
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(said), done.stderr
    assert "Traceback" not in done.stderr and "Background on this error" not in done.stderr


def test_the_readme_shows_the_progress_lines_the_commands_write() -> None:
    """The paragraph on progress quotes a migration notice and a reconcile progress line: as the code writes them."""
    from rich.console import Console

    from db.migrate import MIGRATIONS_DIR, migration_line
    from reconcile.cli import PlainProgress

    text = " ".join(README.read_text(encoding="utf-8").split("## Command line", 1)[1].split())
    # Any real migration will do as the example: the README need not change with every new one.
    migrations = sorted(path.stem for path in (MIGRATIONS_DIR / "versions").glob("[0-9]*.py"))
    assert any(f"`{migration_line(name, 1, 1)}`" in text for name in migrations), "no migration notice as written"
    console = Console(record=True, width=200, markup=False, highlight=False)
    times = iter([0.0, 150.0])
    PlainProgress(console, every=30.0, clock=lambda: next(times))("check", 1200, 5000)
    assert f"`{console.export_text().strip()}`" in text
    assert "`reconcile: loading models...`" in text and "--quiet" in text
