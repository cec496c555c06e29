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


# -- drift the docs audit found or guards against (docs-audit37) -------------------------------------------------


def _leaf_commands(command: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    if hasattr(command, "commands"):
        for name, sub in command.commands.items():
            yield from _leaf_commands(sub, (*path, name))
    else:
        yield path, command


def test_the_readme_command_list_names_every_option() -> None:
    """The command list is where an operator looks for a command's options: `reconcile --quiet` was missing from it."""
    documented: dict[tuple[str, ...], set[str]] = {}
    for line in _readme_command_lines():
        words = [word for word in line.split()[1:] if re.fullmatch(r"[a-z][a-z-]*", word)]
        documented.setdefault(tuple(words[:2]), set()).update(re.findall(r"--[a-z][a-z-]*", line))
    missing = []
    for path, command in _leaf_commands(typer.main.get_command(app)):
        options = documented.get(path) or documented.get(path[:1], set())
        for param in command.params:
            opts = {*param.opts, *param.secondary_opts}
            if "--help" not in opts and any(opt.startswith("--") for opt in opts) and not opts & options:
                missing.append(f"{' '.join(path)} {sorted(opts)}")
    assert not missing, f"options the README's command list does not name: {missing}"


def _multi_variable_rows(text: str) -> Iterator[tuple[list[str], list[str]]]:
    """(variables, defaults) of settings-table rows whose first cell names several variables, one default each."""
    for line in text.splitlines():
        row = re.match(r"\| ((?:`CLAIMLEDGER_[A-Z0-9_]+`(?:, | / )?){2,}) \| ([^|]+) \|", line)
        if row:
            yield re.findall(r"CLAIMLEDGER_[A-Z0-9_]+", row.group(1)), row.group(2).split(" (")[0].split(", ")


def _default_matches(name: str, literal: str) -> bool:
    default = Settings.model_fields[name.removeprefix("CLAIMLEDGER_").lower()].get_default(call_default_factory=True)
    literal = literal.strip().strip("`")
    if default is None:
        return literal.startswith("unset") or "judge's own" in literal
    if isinstance(default, bool):
        return literal == str(default).lower()
    if isinstance(default, int | float):
        return float(literal) == float(default)
    return literal == str(default)


def test_rows_of_several_settings_give_each_its_default() -> None:
    """The one-variable check above skips rows such as `CLAIMLEDGER_HNSW_M`, `..._EF_CONSTRUCTION` | 16, 64."""
    rows = list(_multi_variable_rows(README.read_text(encoding="utf-8")))
    assert len(rows) >= 7
    for variables, defaults in rows:
        if len(defaults) == 1 and "judge's own" in defaults[0]:
            defaults = defaults * len(variables)
        assert len(defaults) == len(variables), (variables, defaults)
        wrong = [(v, d) for v, d in zip(variables, defaults, strict=True) if not _default_matches(v, d)]
        assert not wrong, f"documented defaults that are not the settings': {wrong}"


def test_the_observability_table_gives_each_metrics_type_and_labels() -> None:
    """docs/observability.md's table against service/metrics.toml: the type and the labels a query would use."""
    import tomllib

    with (REPO_ROOT / "service" / "metrics.toml").open("rb") as handle:
        metrics = tomllib.load(handle)["metric"]
    table = (REPO_ROOT / "docs" / "observability.md").read_text(encoding="utf-8")
    for metric in metrics:
        row = re.search(rf"^\| `{metric['name']}` \| (\w+) \| ([^|]*)\|", table, re.MULTILINE)
        assert row, f"{metric['name']} has no row in docs/observability.md"
        assert row.group(1) == metric["type"], (metric["name"], row.group(1), metric["type"])
        assert re.findall(r"`(\w+)`", row.group(2)) == metric["labels"], (metric["name"], row.group(2))


def test_every_webhook_event_is_documented() -> None:
    """A subscriber learns the event names from the README and docs/integration.md, the registry from events.json."""
    import json

    events = json.loads((REPO_ROOT / "service" / "webhooks" / "events.json").read_text(encoding="utf-8"))
    for page in (README, REPO_ROOT / "docs" / "integration.md"):
        text = page.read_text(encoding="utf-8")
        assert not [event for event in events if f"`{event}`" not in text], page.name


def test_the_migrations_the_docs_name_exist() -> None:
    from db.migrate import MIGRATIONS_DIR

    numbers = {path.name[:4] for path in (MIGRATIONS_DIR / "versions").glob("[0-9]*.py")}
    named = set(re.findall(r"[Mm]igrations? (\d{4})", _docs_text()))
    assert named and named <= numbers, sorted(named - numbers)


# Paths the README names inside ../shared (CLAIMLEDGER_SHARED_DIR), not in this repository.
SHARED_DIR_PATHS = {"data/", "fixtures/"}


def test_the_files_the_docs_name_exist() -> None:
    """Every relative path in backticks (with a file extension or a trailing slash) or in a link, from the repository
    root or the page's folder; paths outside the repository (`../shared`) and generated ones (`.cache/`) aside."""
    missing = []
    for page in OPERATOR_DOCS:
        text = page.read_text(encoding="utf-8")
        paths = set(re.findall(r"`((?:[\w.-]+/)+(?:[\w*-]+\.[\w]+)?)`", text))
        paths |= {link for link in re.findall(r"\]\(([^)#\s:]+)(?:#[^)]*)?\)", text)}
        # A short path may be relative to a folder the page names in full (`dist/` after plugin/bookmarklet/dist/...).
        folders = {REPO_ROOT, page.parent}
        for path in paths:
            if (REPO_ROOT / path).exists():
                folders.update(folder for folder in (REPO_ROOT / path).parents if folder.is_relative_to(REPO_ROOT))
        for path in sorted(paths - SHARED_DIR_PATHS):
            if path.startswith(("../", "/", ".cache/", ".venv/")):
                continue
            if not any(list(base.glob(path)) for base in folders):
                missing.append(f"{page.relative_to(REPO_ROOT)}: {path}")
    assert not missing, missing


def test_the_make_targets_the_docs_name_exist() -> None:
    makefile = (REPO_ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z][a-z0-9-]*):", makefile, re.MULTILINE))
    named = set(re.findall(r"`make ([a-z][a-z0-9-]*)", _docs_text()))
    assert len(named) >= 20 and named <= targets, sorted(named - targets)


def _help(*command: str) -> str:
    shown = CliRunner().invoke(app, [*command, "--help"], env={"COLUMNS": "200"})
    assert shown.exit_code == 0
    return " ".join(shown.output.split())


def test_keys_create_help_gives_the_name_limit_it_enforces() -> None:
    from service.services.keys import MAX_KEY_NAME_LENGTH

    assert f"at most {MAX_KEY_NAME_LENGTH} characters" in _help("keys", "create")
    assert f"--name NAME (at most {MAX_KEY_NAME_LENGTH} characters)" in " ".join(_readme_command_lines())


def test_reindex_hnsw_help_gives_the_settings_the_service_builds_with() -> None:
    """It called 16 / 64 "the migration's": since migration 0015 the service builds the index with the settings."""
    shown = _help("db", "reindex-hnsw")
    fields = Settings.model_fields
    defaults = f"{fields['hnsw_m'].default} / {fields['hnsw_ef_construction'].default}"
    assert defaults in shown and "CLAIMLEDGER_HNSW_M" in shown and "CLAIMLEDGER_HNSW_EF_CONSTRUCTION" in shown
    assert "migration's" not in shown


@pytest.mark.parametrize(
    "argv",
    [
        ["keys", "create", "--name", "x" * 201],
        ["keys", "create", "--name", "ops", "--scopes", "read,bogus"],
        ["reconcile", "--since", "yesterday"],
    ],
)
def test_a_value_the_command_checks_itself_is_one_error_line_with_exit_2(
    argv: list[str], sqlite_cli: tuple[CliRunner, Path]
) -> None:
    """As the README's command-line section says: not click's two lines, and not exit 1 (nothing to retry)."""
    runner, _ = sqlite_cli
    done = runner.invoke(app, argv)
    assert done.exit_code == 2
    lines = done.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), done.output
    text = " ".join(README.read_text(encoding="utf-8").split("## Command line", 1)[1].split())
    assert "a value a command checks itself" in text and "one `error: …` line with exit code 2" in text
