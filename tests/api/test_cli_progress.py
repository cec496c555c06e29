"""The command line as an operator running it by hand, from cron or in CI sees it: a usage mistake is click's plain
"Usage:" and one "Error:" line (exit 2), the help shows flags as flags, each migration applied is named as it runs
(and nothing is said at head, so stdout stays parseable), and `reconcile` says it is loading the models and, where
stderr is no terminal, writes plain progress lines instead of a bar."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from rich.console import Console
from typer.testing import CliRunner

import reconcile.cli as reconcile_cli
from db.engine import make_engine, make_session_factory
from db.migrate import MIGRATIONS_DIR, upgrade
from reconcile.cli import PlainProgress
from service.cli import app
from tests.conftest import run_cli
from tests.reconcile.corpus import CorpusClaim, load_corpus

REPO_ROOT = Path(__file__).resolve().parents[2]
MIGRATIONS = sorted(path.stem for path in (MIGRATIONS_DIR / "versions").glob("[0-9]*.py"))
BOX = re.compile(r"[╭╮╰╯│─]")


def _applied(names: list[str]) -> list[str]:
    return [f"applying migration {name} ({i} of {len(names)})" for i, name in enumerate(names, start=1)]


# -- usage mistakes and help -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "error"),
    [
        (["reconcile", "--engine", "foo"], "Error: Invalid value for '--engine'"),
        (["keys", "list", "--bogus"], "Error: No such option: --bogus"),
        (["sources", "merge"], "Error: Missing argument 'KEEP'."),
        (["db", "downgrade"], "Error: Missing argument 'REVISION'."),
        (["keys", "create"], "Error: Missing option '--name'."),
    ],
)
def test_a_usage_mistake_is_clicks_usage_and_one_error_line(argv: list[str], error: str) -> None:
    """It was a boxed Rich panel: five lines of frame around the one that matters, in every log."""
    done = CliRunner().invoke(app, argv, env={"COLUMNS": "100"})
    assert done.exit_code == 2, done.output
    assert done.stdout == ""
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert lines[0].startswith("Usage: ") and lines[1].startswith("Try '")
    assert [line for line in lines if line.startswith("Error: ")] == [lines[-1]] and lines[-1].startswith(error)
    assert len(lines) == 3 and not BOX.search(done.stderr), done.stderr


def test_the_installed_command_says_a_usage_mistake_plainly(tmp_path: Path) -> None:
    done = run_cli(
        "reconcile", "--engine", "foo", env={"CLAIMLEDGER_DATABASE_URL": f"sqlite:///{tmp_path / 'never.db'}"}
    )
    assert done.returncode == 2 and done.stdout == ""
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 3 and lines[0].startswith("Usage: ") and lines[2].startswith("Error: "), done.stderr
    assert not BOX.search(done.stderr) and not (tmp_path / "never.db").exists()


def _commands(command: Any, path: list[str]) -> Iterator[tuple[list[str], Any]]:
    yield path, command
    for name, sub in getattr(command, "commands", {}).items():
        yield from _commands(sub, [*path, name])


def test_the_help_shows_flags_as_flags() -> None:
    """Rich's help panel gave every option a type, flags too: `--json <bool>`, `--help <bool>`, as if they took a
    value (`--full` hid it with an empty metavar). Every command's help lists a flag bare, a value option with it."""
    flags_seen = 0
    for path, command in _commands(typer.main.get_command(app), []):
        shown = CliRunner().invoke(app, [*path, "--help"], env={"COLUMNS": "200"})
        assert shown.exit_code == 0, (path, shown.output)
        assert "<bool>" not in shown.output and not BOX.search(shown.output), (path, shown.output)
        assert re.search(r"^  --help +Show this message and exit\.$", shown.output, re.M), (path, shown.output)
        for param in command.params:
            if getattr(param, "is_flag", False):
                flag = " / ".join([*param.opts, *param.secondary_opts])
                assert re.search(rf"^  {re.escape(flag)}(  |$)", shown.output, re.M), (path, flag, shown.output)
                flags_seen += 1
    assert flags_seen >= 8  # --full, --quiet, --json, --once (x2), --batch-worker, --both-ways, completion's


# -- migrations ------------------------------------------------------------------------------------------------


def test_each_migration_is_named_on_stderr_as_it_is_applied_and_nothing_at_head(cli: tuple[CliRunner, str]) -> None:
    """A heavy migration on a large database looked like a hang. Stdout stays what scripts parse: the key alone on
    the last line (the README's `keys create ... | tail -n 1`)."""
    runner, _ = cli
    first = runner.invoke(app, ["keys", "create", "--name", "first"])
    assert first.exit_code == 0, first.output
    assert first.stderr.splitlines() == _applied(MIGRATIONS)
    assert first.stdout.splitlines()[-1].startswith("clk_") and "migration" not in first.stdout
    again = runner.invoke(app, ["keys", "create", "--name", "second"])
    assert again.exit_code == 0 and again.stderr == "" and len(again.stdout.splitlines()) == 2
    at_head = runner.invoke(app, ["db", "upgrade"])
    assert at_head.exit_code == 0 and at_head.stderr == "" and at_head.stdout.strip().endswith("is at head")
    down = runner.invoke(app, ["db", "downgrade", "-1"])
    assert down.exit_code == 0 and down.stderr.splitlines() == [f"reverting migration {MIGRATIONS[-1]} (1 of 1)"]
    up = runner.invoke(app, ["db", "upgrade"])
    assert up.exit_code == 0 and up.stderr.splitlines() == _applied(MIGRATIONS[-1:])


def test_a_downgrade_names_each_migration_it_reverts_newest_first(cli: tuple[CliRunner, str]) -> None:
    """A downgrade can drop tables and the data in them; it ran silent until "is at base"."""
    runner, _ = cli
    assert runner.invoke(app, ["db", "upgrade"]).exit_code == 0
    down = runner.invoke(app, ["db", "downgrade", "base"])
    assert down.exit_code == 0, down.output
    newest_first = MIGRATIONS[::-1]
    assert down.stderr.splitlines() == [
        f"reverting migration {name} ({i} of {len(newest_first)})" for i, name in enumerate(newest_first, start=1)
    ]
    assert down.stdout.strip().endswith("is at base")
    at_base = runner.invoke(app, ["db", "downgrade", "base"])
    assert at_base.exit_code == 0 and at_base.stderr == ""


def test_export_reviews_names_its_migrations_and_counts_what_it_wrote(
    cli: tuple[CliRunner, str], tmp_path: Path
) -> None:
    runner, _ = cli
    out = tmp_path / "reviews.jsonl"
    done = runner.invoke(app, ["judge", "export-reviews", "--out", str(out)])
    assert done.exit_code == 0, done.output
    assert done.stderr.splitlines() == _applied(MIGRATIONS)
    assert done.stdout.strip() == f"0 training pairs from 0 reviewed flags (0 across stances skipped) -> {out}"


def test_serve_names_its_migrations_on_stdout_leaving_stderr_to_the_log(
    cli: tuple[CliRunner, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """serve's stderr is its log (with CLAIMLEDGER_LOG_FORMAT=json, one JSON object a line): the migrations are
    announced beside "database ready", on stdout."""
    import uvicorn

    runner, _ = cli
    served: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda *_args, **kwargs: served.append(kwargs))
    done = runner.invoke(app, ["serve", "--port", "0", "--no-batch-worker"])
    assert done.exit_code == 0, done.output
    assert done.stderr == "" and len(served) == 1
    lines = done.stdout.splitlines()
    assert lines[:-1] == _applied(MIGRATIONS) and lines[-1].startswith("claimledger: database ready")


# -- reconcile -------------------------------------------------------------------------------------------------


def _load_claims(url: str, n: int) -> None:
    upgrade(url)
    engine = make_engine(url)
    try:
        claims = [
            CorpusClaim(
                f"claim-{i}", f"The harbour handled {1000 + 37 * i} ships in {2000 + i}.", f"Port {i % 3}", "2020-01-01"
            )
            for i in range(n)
        ]
        load_corpus(make_session_factory(engine), claims)
    finally:
        engine.dispose()


def test_reconcile_says_it_loads_the_models_after_naming_its_migrations(cli: tuple[CliRunner, str]) -> None:
    """It was silent for the seconds the models take to load."""
    runner, _ = cli
    done = runner.invoke(app, ["reconcile"])
    assert done.exit_code == 0, done.output
    assert done.stderr.splitlines() == [*_applied(MIGRATIONS), "reconcile: loading models..."]
    assert done.stdout.startswith("reconciliation ")


def test_reconcile_writes_plain_progress_lines_where_stderr_is_no_terminal(
    cli: tuple[CliRunner, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under cron, systemd or CI there was no bar and so nothing at all until the summary, however long the run."""
    runner, url = cli
    _load_claims(url, 12)
    done = runner.invoke(app, ["reconcile"])
    assert done.exit_code == 0, done.output
    lines = done.stderr.splitlines()
    assert lines[0] == "reconcile: loading models..."
    # A line as each stage starts, with its total; the next ones come every 30 s (this run takes less).
    assert [re.sub(r"\d+s elapsed", "Ns elapsed", line) for line in lines[1:]] == [
        "reconcile: 0/12 claims embedded (0%, Ns elapsed)",
        "reconcile: 0/12 claims checked (0%, Ns elapsed)",
    ]
    assert not re.search(r"[━╸]", done.stderr) and "claims  " in done.stdout

    monkeypatch.setattr(reconcile_cli, "PLAIN_PROGRESS_EVERY_S", 0.0)
    full = runner.invoke(app, ["reconcile", "--full"])
    assert full.exit_code == 0, full.output
    checked = re.findall(r"^reconcile: (\d+)/12 claims checked", full.stderr, re.M)
    assert checked == ["0", "5", "10", "12"], full.stderr


@pytest.mark.parametrize("argv", [["reconcile", "--quiet"], ["reconcile", "--full", "--quiet"]])
def test_reconcile_quiet_says_nothing_on_stderr(cli: tuple[CliRunner, str], argv: list[str]) -> None:
    """Not the migrations of a new database, not "loading models", no progress: the summary on stdout alone."""
    runner, url = cli
    if "--full" in argv:  # claims to check: progress that would be shown; else a new database's migrations
        _load_claims(url, 3)
    done = runner.invoke(app, argv)
    assert done.exit_code == 0, done.output
    assert done.stderr == "" and done.stdout.startswith("reconciliation ")


def test_python_m_reconcile_quiet_says_nothing_on_stderr(
    cli: tuple[CliRunner, str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert reconcile_cli.main(["--quiet"]) == 0
    shown = capsys.readouterr()
    assert shown.err == "" and shown.out.startswith("reconciliation ")
    assert reconcile_cli.main([]) == 0
    assert capsys.readouterr().err == "reconcile: loading models...\n"


class _Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_plain_progress_says_each_stage_start_then_at_most_every_interval() -> None:
    console = Console(record=True, width=200, force_terminal=False, markup=False, highlight=False)
    clock = _Clock()
    progress = PlainProgress(console, every=30.0, clock=clock)
    progress("embed", 0, 0)  # nothing to embed: not worth a line
    progress("check", 0, 5000)
    clock.now += 10
    progress("check", 400, 5000)  # within 30 s of the last line
    clock.now += 25
    progress("check", 1200, 5000)
    clock.now += 115
    progress("check", 4000, 5000)
    clock.now += 3600
    progress("check", 5000, 5000)
    assert console.export_text().splitlines() == [
        "reconcile: 0/5000 claims checked (0%, 0s elapsed)",
        "reconcile: 1200/5000 claims checked (24%, 35s elapsed)",
        "reconcile: 4000/5000 claims checked (80%, 2m30s elapsed)",
        "reconcile: 5000/5000 claims checked (100%, 1h02m elapsed)",
    ]


def test_the_worker_logs_each_migration_it_applies(tmp_path: Path) -> None:
    """`claimledger worker` migrates first as the other commands do, and says so in its log (the server's format):
    a heavy migration is a long wait, not a hang."""
    env = {
        "CLAIMLEDGER_DATABASE_URL": f"sqlite:///{tmp_path / 'worker.db'}",
        "CLAIMLEDGER_ENCODER": "hashing",
        "CLAIMLEDGER_JUDGE": "rules",
        "CLAIMLEDGER_LOG_FORMAT": "text",
        "CLAIMLEDGER_REPORTS_DIR": str(tmp_path / "reports"),
    }
    done = run_cli("worker", "--once", env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    logged = [line for line in done.stderr.splitlines() if "applying migration" in line]
    assert len(logged) == len(MIGRATIONS)
    assert all(line.endswith(notice) for line, notice in zip(logged, _applied(MIGRATIONS), strict=True))
