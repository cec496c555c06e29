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


def test_every_setting_has_a_row_with_its_default() -> None:
    """Named in prose is not enough: an operator looks a setting up in a table, and only a row's default is checked
    against the code (the rerank weights' "(1, 8, 0.5)" sat in another row's meaning, the slope and intercept had
    none)."""
    rows = {variable for variable, _ in _documented_defaults()}
    rows |= {
        variable for variables, _ in _multi_variable_rows(README.read_text(encoding="utf-8")) for variable in variables
    }
    missing = [_env_name(name) for name in Settings.model_fields if _env_name(name) not in rows]
    assert not missing, f"settings with no row in README.md's or docs/scheduling.md's settings table: {missing}"


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
    missing = _missing_paths(OPERATOR_DOCS)
    assert not missing, missing


def _missing_paths(pages: list[Path]) -> list[str]:
    missing = []
    for page in pages:
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
    return missing


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


# -- drift the docs audit since 25ab7ac found or guards against (docs-audit h6) ----------------------------------

# The benchmark pages give commands, files, settings and migrations a reader reruns or looks up, as the operator
# pages do; the measured numbers on them are records, not checked here.
BENCHMARK_DOCS = sorted((REPO_ROOT / "benchmarks").glob("*.md"))
ALL_DOCS = [*OPERATOR_DOCS, *BENCHMARK_DOCS]


def test_the_benchmark_pages_name_files_targets_settings_and_migrations_that_exist() -> None:
    """The operator pages' checks above, over benchmarks/*.md, which they did not read."""
    from db.migrate import MIGRATIONS_DIR

    assert len(BENCHMARK_DOCS) >= 10
    missing = _missing_paths(BENCHMARK_DOCS)
    assert not missing, missing
    text = "\n".join(page.read_text(encoding="utf-8") for page in BENCHMARK_DOCS)
    makefile = (REPO_ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z][a-z0-9-]*):", makefile, re.MULTILINE))
    named_targets = set(re.findall(r"`make ([a-z][a-z0-9-]*)", text))
    assert named_targets and named_targets <= targets, sorted(named_targets - targets)
    settings = {_env_name(name) for name in Settings.model_fields}
    assert set(re.findall(r"CLAIMLEDGER_[A-Z0-9_]*[A-Z0-9]", text)) - settings - NOT_SETTINGS == set()
    numbers = {path.name[:4] for path in (MIGRATIONS_DIR / "versions").glob("[0-9]*.py")}
    named_migrations = set(re.findall(r"[Mm]igrations? (\d{4})", text))
    assert named_migrations <= numbers, sorted(named_migrations - numbers)


def _python_m_commands() -> Iterator[tuple[str, str, str]]:
    """(page, module, its arguments) of every `python -m module ...` the pages give, continuation lines joined."""
    for page in ALL_DOCS:
        text = re.sub(r"\\\n\s*", " ", page.read_text(encoding="utf-8"))
        for found in re.finditer(r"python -m ([a-z_][a-z0-9_.]*)((?: +[^\s`|#;]+)*)", text):
            yield page.name, found.group(1), found.group(2)


def test_the_python_m_commands_name_modules_and_options_that_exist() -> None:
    """A `python -m benchmarks.x --flag` on a page is run as written: the module and each option must exist (the
    option as a string its parser is given, in the module or, for a package, in one of its files)."""
    commands = list(_python_m_commands())
    assert len(commands) >= 30
    wrong = []
    for page, module, arguments in commands:
        path = REPO_ROOT / (module.replace(".", "/") + ".py")
        sources = [path] if path.exists() else sorted((REPO_ROOT / module.replace(".", "/")).glob("*.py"))
        if not path.exists() and not (REPO_ROOT / module.replace(".", "/") / "__main__.py").exists():
            wrong.append(f"{page}: no module {module}")
            continue
        source = "".join(file.read_text(encoding="utf-8") for file in sources)
        for option in re.findall(r"(?<![\w-])(--[a-z][a-z0-9-]*)", arguments):
            if f'"{option}"' not in source and f"'{option}'" not in source:
                wrong.append(f"{page}: {module} has no option {option}")
    assert not wrong, wrong


def _documented_requests() -> Iterator[tuple[str, str | None, str]]:
    """(page, method or None, path) of every `METHOD /path` and every backticked /v1, /ui or probe path."""
    for page in ALL_DOCS:
        text = page.read_text(encoding="utf-8")
        for found in re.finditer(r"\b(GET|POST|PATCH|PUT|DELETE) (/[\w/{}.-]*\w[}/]?)", text):
            yield page.name, found.group(1), found.group(2)
        for found in re.finditer(r"`(/(?:v1|ui|metrics|healthz|readyz|docs|redoc|openapi\.json)[\w/{}.-]*)", text):
            if found.group(1) != "/v1":
                yield page.name, None, found.group(1)


def test_the_endpoints_the_docs_name_are_routes_of_the_app() -> None:
    """Every request a page names reaches a route: the method where it gives one (`{id}`, `KEEP` stand for ids)."""
    from starlette.routing import Match

    from service.app import create_app

    app = create_app(Settings(load_models_on_startup=False))
    requests = list(_documented_requests())
    assert len(requests) >= 60
    unrouted = []
    for page, method, path in requests:
        concrete = re.sub(r"\{[^}/]*\}|(?<=/)[A-Z]+(?=/|$)", "0", path)
        scope = {"type": "http", "path": concrete, "root_path": "", "method": method or "GET"}
        matches = [route.matches(scope)[0] for route in app.router.routes]
        if Match.FULL not in matches and (method is not None or Match.PARTIAL not in matches):
            unrouted.append(f"{page}: {method or ''} {path}".replace(":  ", ": "))
    assert not unrouted, unrouted


def _inline_defaults() -> Iterator[tuple[str, str, str]]:
    """(page, variable, value) where prose gives a setting's default in brackets right after its name:
    "`CLAIMLEDGER_RECONCILE_HEARTBEAT_SECONDS` (30 s)", "`..._CHUNK_SIZE` claims (200)", "`..._LOG_LEVEL` (default
    `info`)", "`CLAIMLEDGER_HNSW_EF_SEARCH`, default 200"."""
    for page in ALL_DOCS:
        text = " ".join(page.read_text(encoding="utf-8").split())
        bracketed = r"`(CLAIMLEDGER_[A-Z0-9_]+)`(?: [a-z]+){0,2} \(`?(\d[\d.,]*)(?: s| h)?`?[;)]"
        said = r"`(CLAIMLEDGER_[A-Z0-9_]+)`,? \(?default `?([\w.]*\w)`?[;),]"
        after_comma = r"\(`(CLAIMLEDGER_[A-Z0-9_]+)`, (\d[\d.]*)\)"
        for pattern in (bracketed, said, after_comma):
            for found in re.finditer(pattern, text):
                yield page.name, found.group(1), found.group(2)


def test_defaults_given_in_prose_are_the_settings() -> None:
    """Besides the tables, the pages give a default in brackets after a setting's name; it must be the default."""
    given = list(_inline_defaults())
    assert len(given) >= 6
    wrong = [(page, variable, value) for page, variable, value in given if not _default_matches(variable, value)]
    assert not wrong, wrong


def test_the_command_blocks_of_every_page_name_commands_and_options_that_exist() -> None:
    """The README's command list is checked above; docs/scheduling.md, integration.md and plugin/README.md give
    `claimledger ...` lines of their own (in code blocks, or in backticks) that a reader runs as written."""
    root = typer.main.get_command(app)
    lines = []
    for page in OPERATOR_DOCS:
        text = page.read_text(encoding="utf-8")
        blocks = text.split("```")[1::2]
        lines += [
            (page.name, line.split("#", 1)[0].strip())
            for block in blocks
            for line in block.splitlines()
            if re.match(r"\s*(?:\.venv/bin/)?claimledger ", line)
        ]
        lines += [(page.name, " ".join(span.split())) for span in re.findall(r"`(claimledger [^`]+)`", text)]
    assert len(lines) >= 30
    wrong = []
    for name, line in lines:
        command: Any = root
        words = line.removeprefix(".venv/bin/").split()[1:]
        while hasattr(command, "commands") and words and words[0] in command.commands:
            command = command.commands[words.pop(0)]
        if hasattr(command, "commands"):
            wrong.append(f"{name}: {line!r} names no command")
            continue
        known = {opt for param in command.params for opt in (*param.opts, *param.secondary_opts)}
        unknown = set(re.findall(r"--[a-z][a-z-]*", line)) - known
        if unknown:
            wrong.append(f"{name}: {line!r}: {sorted(unknown)}")
    assert not wrong, wrong


def test_the_log_line_examples_are_what_the_formatters_write() -> None:
    """docs/observability.md's JSON access line and its text form, rebuilt from the same record: the text form
    showed the request id cut to 8 characters and an ellipsis, where the formatter writes the whole id."""
    import json
    import logging
    from datetime import datetime

    from service.logs import JsonLineFormatter, TextFormatter

    page = (REPO_ROOT / "docs" / "observability.md").read_text(encoding="utf-8")
    example = json.loads(page.split("```json", 1)[1].split("```", 1)[0])
    record = logging.LogRecord(example["logger"], logging.INFO, __file__, 1, example["message"], None, None)
    record.created = datetime.fromisoformat(example["time"]).timestamp()
    record.msecs = float(example["time"][20:23])
    fields = {k: v for k, v in example.items() if k not in {"time", "level", "logger", "message"}}
    for name, value in fields.items():
        setattr(record, name, value)
    assert json.loads(JsonLineFormatter().format(record)) == example
    text_example = re.search(r"In text format[^.]*?`(\d{4}-[^`]+)`", page)
    assert text_example, "no text-format example"
    written = TextFormatter().format(record)
    timestamp = r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} "
    assert re.match(timestamp, written) and re.match(timestamp, text_example.group(1))
    assert text_example.group(1)[24:] == written[24:], (text_example.group(1), written)


CODE_PACKAGES = ("service", "db", "embeddings", "extraction", "reconcile", "benchmarks", "migrations")


def _is_module(name: str) -> bool:
    import importlib.util

    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:  # the parent is a module, not a package
        return False


def test_the_code_names_the_pages_give_exist() -> None:
    """`Class.method` (a class of the project's code) and `package.module.name` in backticks: a reader looks them up,
    and a renamed method leaves a page pointing at nothing."""
    import importlib

    sources = {
        path: path.read_text(encoding="utf-8") for pkg in CODE_PACKAGES for path in (REPO_ROOT / pkg).rglob("*.py")
    }
    checked, missing = 0, []
    for page in ALL_DOCS:
        for name in set(re.findall(r"`([A-Za-z_]\w*(?:\.\w+)+)(?:\(\))?`", page.read_text(encoding="utf-8"))):
            head, *rest = name.split(".")
            if head in CODE_PACKAGES:
                module, attrs = head, list(rest)
                while attrs and _is_module(f"{module}.{attrs[0]}"):
                    module = f"{module}.{attrs.pop(0)}"
                target: Any = importlib.import_module(module)
                for attr in attrs:
                    target = getattr(target, attr, None)
                checked += 1
                if target is None:
                    missing.append(f"{page.name}: {name}")
            elif head[0].isupper() and len(rest) == 1:
                homes = [text for text in sources.values() if re.search(rf"^class {head}\b", text, re.MULTILINE)]
                if not homes:
                    continue  # not a class of this project (`Extensions.triggerAction`, a file name)
                checked += 1
                member = rf"^    (?:(?:async )?def {rest[0]}\(|{rest[0]}\b\s*[:=])"
                if not any(re.search(member, text, re.MULTILINE) for text in homes):
                    missing.append(f"{page.name}: {name}")
    assert checked >= 12 and not missing, (checked, missing)


def test_the_settings_a_resumed_run_keeps_are_the_ones_it_records() -> None:
    """docs/scheduling.md lists the settings a resumed run keeps from its start; the job records RUN_SETTINGS (the
    list grew with CLAIMLEDGER_RECONCILE_REVERSE_CANDIDATES)."""
    from reconcile.job import RUN_SETTINGS

    text = " ".join((REPO_ROOT / "docs" / "scheduling.md").read_text(encoding="utf-8").split())
    listed = re.search(r"A resumed run checks with the settings it started with \(([^)]*)\)", text)
    assert listed, "the sentence on a resumed run's settings is gone"
    assert set(re.findall(r"CLAIMLEDGER_([A-Z0-9_]+)", listed.group(1))) == {name.upper() for name in RUN_SETTINGS}


def test_the_plugin_readme_gives_the_extension_id_its_manifest_key_makes() -> None:
    """The id an operator puts in CLAIMLEDGER_CORS_ORIGINS is Chrome's id for the manifest's public key: the first
    32 hex digits of its SHA-256, 0-f written a-p."""
    import base64
    import hashlib
    import json

    manifest = json.loads((REPO_ROOT / "plugin" / "extension" / "manifest.json").read_text(encoding="utf-8"))
    digest = hashlib.sha256(base64.b64decode(manifest["key"])).hexdigest()[:32]
    extension_id = "".join(chr(ord("a") + int(digit, 16)) for digit in digest)
    text = (REPO_ROOT / "plugin" / "README.md").read_text(encoding="utf-8")
    named = set(re.findall(r"chrome-extension://([a-p]{32})", text))
    assert named == {extension_id}, (named, extension_id)


def test_the_reconciliation_benchmark_says_how_the_job_it_times_checks_a_chunk() -> None:
    """benchmarks/RECONCILE_BENCH.md opens with what the benchmark runs, "as `claimledger reconcile` does it": it
    named `CheckService.matches` and a reverse judgement for near-duplicates after the job had moved to one
    `matches_many` call per chunk with every match judged both ways."""
    import inspect

    from reconcile.chunks import check_chunk

    opening = " ".join(
        (REPO_ROOT / "benchmarks" / "RECONCILE_BENCH.md").read_text(encoding="utf-8").split("\n\n")[1].split()
    )
    assert "as `claimledger reconcile` does it" in opening
    named = re.findall(r"`CheckService\.(\w+)`", opening)
    calls = set(re.findall(r"checker\.(\w+)\(", inspect.getsource(check_chunk)))
    assert named and set(named) <= calls, (named, calls)
    assert "both ways" in opening and "reverse judgement" not in opening


def _route_scopes(method: str, path: str) -> set[str] | None:
    """The scopes the /v1 route for a request wants (one of them; the key dependency's ``require(*scopes)``)."""
    import importlib
    import inspect

    from fastapi.dependencies.models import Dependant
    from fastapi.routing import APIRoute
    from starlette.routing import Match

    modules = ("checking", "claimreviews", "claims", "documents", "flags", "keys", "reconciliations", "sources")
    routers = [importlib.import_module(f"service.api.{name}").router for name in (*modules, "webhooks")]
    request = {"type": "http", "path": path, "root_path": "", "method": method}
    for route in (r for router in routers for r in router.routes if isinstance(r, APIRoute)):
        if route.matches(request)[0] is Match.FULL:

            def wanted(dependant: Dependant) -> Iterator[set[str]]:
                for sub in dependant.dependencies:
                    if sub.call is not None and getattr(sub.call, "__closure__", None):
                        scopes = inspect.getclosurevars(sub.call).nonlocals.get("scopes")
                        if scopes:
                            yield set(scopes)
                    yield from wanted(sub)

            return set().union(*wanted(route.dependant))
    return None


def test_the_scopes_the_pages_give_for_an_endpoint_are_the_ones_it_wants() -> None:
    """ "`POST /v1/reconciliations` (scope `admin`, ...)": a key made with the scope a page gives must be let in."""
    said = []
    for doc in ALL_DOCS:
        text = " ".join(doc.read_text(encoding="utf-8").split())
        for found in re.finditer(r"`(GET|POST|PATCH|DELETE) (/v1/[^`\s]*)[^`]*`[^(`]{0,40}\(scope `(\w+)`", text):
            said.append((doc.name, found.group(1), found.group(2), found.group(3)))
    assert len(said) >= 5
    wrong = []
    for page, method, path, scope in said:
        scopes = _route_scopes(method, re.sub(r"\{[^}/]*\}|(?<=/)[A-Z]+(?=/|$)", "0", path))
        if scopes is None or scope not in scopes:
            wrong.append(f"{page}: {method} {path} wants {sorted(scopes or [])}, the page says {scope}")
    assert not wrong, wrong


def test_the_report_counts_the_pages_name_are_in_the_report_schema() -> None:
    """`counts.reverse_pairs_judged`, `counts.copy_pairs_not_flagged`, ...: what a page tells a reader to look for
    in a run's report is a field the OpenAPI document gives it (ReconciliationCounts)."""
    from service.schemas import ReconciliationCounts

    named = {
        (doc.name, count)
        for doc in ALL_DOCS
        for count in re.findall(r"`counts\.(\w+)`", doc.read_text(encoding="utf-8"))
    }
    assert len({count for _, count in named}) >= 4
    assert not [(page, count) for page, count in named if count not in ReconciliationCounts.model_fields]


def _heading_anchor(heading: str) -> str:
    """GitHub's anchor for a Markdown heading: lower case, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def test_the_section_links_reach_a_heading() -> None:
    """A link to `page.md#section` lands on the section only while the heading keeps its words."""
    links = []
    for doc in ALL_DOCS:
        for target, anchor in re.findall(r"\]\(([^)#\s:]*)#([^)\s]+)\)", doc.read_text(encoding="utf-8")):
            page = doc.parent / target if target else doc
            headings = re.findall(r"^#+ (.*)$", page.read_text(encoding="utf-8"), re.MULTILINE)
            links.append((doc.name, target, anchor, anchor in {_heading_anchor(h) for h in headings}))
    assert len(links) >= 4
    assert all(found for *_, found in links), [link for link in links if not link[-1]]


# -- drift the docs audit h127 found ------------------------------------------------------------------------------


def _make_help_lines() -> list[str]:
    """The lines `make help` prints, as the Makefile's help recipe writes them."""
    recipe = (REPO_ROOT / "Makefile").read_text(encoding="utf-8").split("\nhelp:\n", 1)[1].split("\n\n", 1)[0]
    return re.findall(r'^\t@echo "(make [^"]*)"$', recipe, re.MULTILINE)


def test_make_help_names_every_target_the_pages_name() -> None:
    """An operator who reads `make bench-ui` or `make gpu-bundle` on a page and runs `make help` finds it there: the
    help named neither `browser-deps`, `train-nli-contrast` nor `gpu-bundle`, and its `make bench` line left out
    the long-article benchmark that `bench` runs."""
    makefile = (REPO_ROOT / "Makefile").read_text(encoding="utf-8")
    lines = _make_help_lines()
    assert len(lines) >= 15
    helped = " ".join(lines)
    named = set(re.findall(r"`make ([a-z][a-z0-9-]*)", _docs_text()))
    unlisted = sorted(t for t in named if not re.search(rf"(?<![\w-]){re.escape(t)}(?![\w-])", helped))
    assert not unlisted, f"targets the pages name that `make help` does not: {unlisted}"
    for aggregate in ("bench", "eval"):
        steps = re.search(rf"^{aggregate}: (.*)$", makefile, re.MULTILINE)
        assert steps, aggregate
        line = next(line for line in lines if line.split()[1] == aggregate)
        left_out = [step for step in steps.group(1).split() if not re.search(rf"(?<![\w-]){step}(?![\w-])", line)]
        assert not left_out, f"`make help`'s {aggregate} line leaves out {left_out}"


def test_the_readme_says_what_a_usage_mistake_prints() -> None:
    """ "click's `Usage: …` line and one `Error: …` line": click prints a `Try '… --help' for help.` line between
    them, which a wrapper that keeps the last line (or the first two) meets."""
    done = CliRunner().invoke(app, ["keys", "create", "--nmae", "x"])
    assert done.exit_code == 2
    shown = [line for line in done.output.splitlines() if line.strip()]
    assert [line.split()[0] for line in shown] == ["Usage:", "Try", "Error:"], done.output
    text = " ".join(README.read_text(encoding="utf-8").split("## Command line", 1)[1].split())
    assert "`Usage: …` line, a `Try '… --help' for help.` line and one `Error: …` line" in text


@pytest.mark.parametrize(
    ("env", "said"),
    [
        (
            {"CLAIMLEDGER_HNSW_M": "48"},
            "error: CLAIMLEDGER_HNSW_EF_CONSTRUCTION (64) must be at least twice CLAIMLEDGER_HNSW_M (48)",
        ),
        (
            {"CLAIMLEDGER_WEBHOOKS_LEASE_SECONDS": "5"},
            "error: CLAIMLEDGER_WEBHOOKS_LEASE_SECONDS (5.0) must be longer than CLAIMLEDGER_WEBHOOKS_TIMEOUT_SECONDS",
        ),
    ],
)
def test_settings_that_disagree_are_named_by_their_variables(env: dict[str, str], said: str, tmp_path: Path) -> None:
    """Two settings that each parse but disagree were said as "CLAIMLEDGER_SETTINGS: Value error, hnsw_ef_construction
    must be at least twice hnsw_m": a variable that does not exist, and field names the operator never typed."""
    done = run_cli("keys", "list", env={"CLAIMLEDGER_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}", **env})
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(said), done.stderr
    assert "CLAIMLEDGER_SETTINGS" not in done.stderr and "Value error" not in done.stderr
