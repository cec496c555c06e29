"""The `claimledger` command: serve, database migrations, API keys, the nightly reconciliation, webhook delivery
and merging a speaker recorded as two sources."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails
    from sqlalchemy.orm import Session

    from db.models import ApiKey
    from service.config import Settings

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
# transformers draws a "Loading weights" bar on stderr at every model load: noise in a JSON log, one object per line.
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")


def _group(help_text: str) -> typer.Typer:
    """A command group with click's plain output: a usage mistake (an unknown option, a bad --engine value, a missing
    argument) is "Usage: ..." and one "Error: ..." line with exit code 2, not a boxed Rich panel, and the help lists
    flags as flags (Rich's help panel gave every option a type, "--json <bool>"). rich_markup_mode=None is Typer's
    switch for both; each group needs it, as each renders its own help."""
    return typer.Typer(help=help_text, no_args_is_help=True, rich_markup_mode=None)


app = _group("claimledger: source-attributed claim verification.")
db_app = _group("Database migrations, copying the record into another database, and the HNSW index on PostgreSQL.")
keys_app = _group("API keys.")
judge_app = _group("The contradiction judge: training data from reviews.")
webhooks_app = _group("Webhook deliveries.")
sources_app = _group("Speakers (sources): repairing one recorded as two.")
app.add_typer(db_app, name="db")
app.add_typer(keys_app, name="keys")
app.add_typer(judge_app, name="judge")
app.add_typer(webhooks_app, name="webhooks")
app.add_typer(sources_app, name="sources")


def _fail(message: str, code: int = 1) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def _settings() -> Settings:
    """The settings, as each command that opens the database reads them: an in-memory SQLite URL is refused in one
    line (exit 1), as a setting that does not parse is, since the command's migration and its reads would each see
    an empty database of their own. Read when the command runs, so `--help` never needs a valid setting."""
    from service.config import exit_if_in_memory_database, get_settings

    settings = get_settings()
    exit_if_in_memory_database(settings.database_url)  # the same line as `serve` and the other entry points
    return settings


def _migration_notice(name: str, number: int, total: int) -> None:
    """On stderr: stdout stays what scripts parse (`keys create ... | tail -n 1`)."""
    from db.migrate import migration_line

    typer.echo(migration_line(name, number, total), err=True)


def _revert_notice(name: str, number: int, total: int) -> None:
    """On stderr, as the upgrade's notices are."""
    from db.migrate import revert_line

    typer.echo(revert_line(name, number, total), err=True)


def _setting_error(error: ErrorDetails) -> str:
    """One setting's error under its variable's name; an error of two settings together (``loc`` empty) as the
    settings' check words it, which names both variables, without pydantic's "Value error, " before it."""
    if error["loc"]:
        return f"CLAIMLEDGER_{'_'.join(str(part) for part in error['loc']).upper()}: {error['msg']}"
    return error["msg"].removeprefix("Value error, ")


def first_line(exc: BaseException) -> str:
    """An exception's reason in one line, for a command's own message and the console script's alike: each
    CLAIMLEDGER_* setting that does not parse named, a database driver's own message without SQLAlchemy's wrapping
    (which adds the driver's class and a second "Background on this error" line), an OS error's reason and file,
    else the message's first line."""
    from pydantic import ValidationError
    from sqlalchemy.exc import DBAPIError

    if isinstance(exc, ValidationError):
        return "; ".join(_setting_error(error) for error in exc.errors())
    unparsed = _unparsed_url(exc) or _newer_schema(exc)
    if unparsed is not None:
        return unparsed
    if isinstance(exc, OSError):
        return f"{exc.strerror or exc}{f': {exc.filename}' if exc.filename else ''}"
    text = str(exc.orig if isinstance(exc, DBAPIError) else exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _unparsed_url(exc: BaseException) -> str | None:
    """SQLAlchemy's "Could not parse SQLAlchemy URL from given URL string" names neither the setting nor the form
    it wants; said so instead (without the value, which may hold a password)."""
    from sqlalchemy.exc import ArgumentError

    if isinstance(exc, ArgumentError) and "Could not parse SQLAlchemy URL" in str(exc):
        return (
            "CLAIMLEDGER_DATABASE_URL is no database URL: give sqlite:///PATH (sqlite:////abs/path for an absolute"
            " one) or postgresql://USER:PASSWORD@HOST/DATABASE"
        )
    return None


def _newer_schema(exc: BaseException) -> str | None:
    """Alembic's "Can't locate revision identified by 'X'" where X is the database's own revision, not one the
    operator typed: the database was migrated by a newer release (a rolled-back deploy), said so."""
    import re

    from alembic.util.exc import CommandError

    from service.config import get_settings

    found = re.search(r"Can't locate revision identified by '([^']+)'", str(exc))
    if not isinstance(exc, CommandError) or found is None:
        return None
    try:
        at = _current_revision(get_settings().database_url)
    except Exception:  # not readable either: alembic's own words stand
        return None
    if at != found.group(1):
        return None
    return (
        f"the database is at revision {at}, which this claimledger does not know: it was migrated by a newer"
        " version of claimledger; run that version (or have it downgrade the database first)"
    )


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="interface to bind")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port (0: any free port)", min=0, max=65535)] = 8000,
    workers: Annotated[int, typer.Option(help="worker processes (each loads the models)", min=1)] = 1,
    batch_worker: Annotated[
        bool,
        typer.Option(
            "--batch-worker/--no-batch-worker",
            help="also start `claimledger worker` beside the server, to run queued reconciliations",
        ),
    ] = True,
) -> None:
    """Apply pending migrations, then serve the REST API (and, by default, a batch worker beside it). Logs go to
    stderr as CLAIMLEDGER_LOG_FORMAT says: json (one object per line) or text."""
    import uvicorn

    from db.migrate import migration_line, upgrade
    from service.batch_worker import BatchWorkerSupervisor
    from service.logs import logging_config

    settings = _settings()
    port = _check_port(host, port)  # --port 0: the free port chosen now, so the line below names it
    try:  # announced on stdout, as "database ready" is: stderr holds the log, one JSON object a line
        upgrade(settings.database_url, on_migration=lambda *step: typer.echo(migration_line(*step)))
    except Exception as exc:
        _fail(f"could not migrate {_safe_url(settings.database_url)}: {first_line(exc)}")
    typer.echo(f"claimledger: database ready ({_safe_url(settings.database_url)}); serving on http://{host}:{port}")
    worker = BatchWorkerSupervisor([sys.executable, "-m", "reconcile.worker", "--parent", str(os.getpid())])
    if batch_worker:
        worker.start()
    try:
        uvicorn.run(
            "service.app:create_app",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            log_level=settings.log_level,
            log_config=logging_config(settings),
            access_log=False,  # service.observability writes the access lines, with request id, route and duration
        )
    finally:
        worker.stop()


@db_app.command("upgrade")
def db_upgrade(revision: Annotated[str, typer.Argument(metavar="REVISION", help="target revision")] = "head") -> None:
    """Apply migrations up to REVISION (alembic upgrade head)."""
    from db.migrate import upgrade

    url = _settings().database_url
    try:
        upgrade(url, revision, on_migration=_migration_notice)
    except Exception as exc:
        _fail(f"migration failed on {_safe_url(url)}: {first_line(exc)}")
    if revision == "head":
        typer.echo(f"database at {_safe_url(url)} is at head")
        return
    # An upgrade never reverts: to a revision the database is already past it changes nothing, so say where it is.
    current = _current_revision(url) or "base"
    target = _revision_id(url, revision)
    past = ""
    if target is not None and current != target:
        past = f" (already past {revision}, and an upgrade never reverts: claimledger db downgrade {revision})"
    typer.echo(f"database at {_safe_url(url)} is at {current}{past}")


def _revision_id(url: str, revision: str) -> str | None:
    """REVISION as the full revision id it names (a prefix such as "0003"), or None for a relative one."""
    from alembic.script import ScriptDirectory

    from db.migrate import alembic_config

    try:
        found = ScriptDirectory.from_config(alembic_config(url)).get_revision(revision)
    except Exception:  # "+1", "heads", ...: named by where they lead, not by an id
        return None
    return found.revision if found is not None else None


# ignore_unknown_options: a relative revision ("-1") is the argument, not an unknown option.
@db_app.command("downgrade", context_settings={"ignore_unknown_options": True})
def db_downgrade(
    revision: Annotated[
        str,
        typer.Argument(
            metavar="REVISION", help="target revision: a revision id, -1 (the last migration) or base (all of them)"
        ),
    ],
) -> None:
    """Revert migrations down to REVISION (alembic downgrade), naming each on stderr before it is reverted."""
    from db.migrate import downgrade

    url = _settings().database_url
    try:
        downgrade(url, revision, on_migration=_revert_notice)
    except Exception as exc:
        _fail(f"downgrade failed on {_safe_url(url)}: {first_line(exc)}")
    typer.echo(f"database at {_safe_url(url)} is at {_current_revision(url) or 'base'}")


def _current_revision(url: str) -> str | None:
    from alembic.runtime.migration import MigrationContext

    from db.engine import make_engine

    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    finally:
        engine.dispose()


@db_app.command("reindex-hnsw")
def db_reindex_hnsw(
    m: Annotated[int, typer.Option(help="graph links per vector (the service builds with CLAIMLEDGER_HNSW_M)")] = 24,
    ef_construction: Annotated[
        int, typer.Option(help="candidate list while building (the service: CLAIMLEDGER_HNSW_EF_CONSTRUCTION)")
    ] = 128,
    maintenance_work_mem: Annotated[str, typer.Option(help="memory for the build: ~2 KB a vector")] = "1GB",
) -> None:
    """PostgreSQL: rebuild the HNSW index with other parameters while the service keeps searching the old one
    (or build it now, on a record that has none yet: the service builds it once the record passes 20,000 vectors).

    m 24 / ef_construction 128 keeps recall@10 at 0.987 at a million claims, where the settings' defaults 16 / 64
    (CLAIMLEDGER_HNSW_M, CLAIMLEDGER_HNSW_EF_CONSTRUCTION), which the service builds with, give 0.937
    (benchmarks/SCALE.md).
    """
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from db.engine import make_engine
    from db.hnsw import BuildProgress, hnsw_parameters, rebuild_hnsw

    url = _settings().database_url
    engine = make_engine(url)
    console = Console(stderr=True)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    try:
        if engine.dialect.name != "postgresql":
            _fail(f"{_safe_url(url)} is SQLite: it searches every vector exactly, there is no HNSW index to rebuild")
        before = hnsw_parameters(engine)
        with Progress(*columns, console=console, disable=not console.is_terminal) as progress:
            task = progress.add_task("building the HNSW index", total=None)

            def on_progress(state: BuildProgress) -> None:
                progress.update(task, description=state.phase, completed=state.done, total=state.total or None)

            seconds = rebuild_hnsw(
                engine, m, ef_construction, maintenance_work_mem=maintenance_work_mem, on_progress=on_progress
            )
    except ValueError as exc:
        _fail(str(exc), code=2)
    finally:
        engine.dispose()
    was = f"was m {before['m']}, ef_construction {before['ef_construction']}" if before else "there was none"
    typer.echo(f"HNSW index rebuilt in {seconds:.1f} s: m {m}, ef_construction {ef_construction} ({was})")


@db_app.command("copy")
def db_copy(
    to: Annotated[
        str,
        typer.Option(
            "--to", metavar="URL", help="the empty database to copy into (postgresql://USER:PASSWORD@HOST/DB)"
        ),
    ],
) -> None:
    """Copy the whole record (claims, vectors, sources and aliases, documents, flags and reviews, keys, webhooks,
    runs) from CLAIMLEDGER_DATABASE_URL into an empty database, migrated to head first: the move from SQLite to
    PostgreSQL. Then compare each table's rows on both sides (exit 1 if any differ)."""
    from alembic.util.exc import CommandError
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError, SQLAlchemyError

    from db.copy import CopyRefusedError, copy_record
    from db.engine import UnsupportedDatabaseError
    from service.config import in_memory_database_error

    source_url = _settings().database_url
    try:
        make_url(to)
    except ArgumentError:
        _fail("--to is no database URL: give postgresql://USER:PASSWORD@HOST/DATABASE (or sqlite:///PATH)", code=2)
    if (in_memory := in_memory_database_error(to)) is not None:
        _fail(f"--to: {in_memory}", code=2)
    console = Console(stderr=True)
    columns = (TextColumn("{task.description:<32}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, disable=not console.is_terminal) as progress:
        tasks: dict[str, TaskID] = {}

        def on_progress(table: str, done: int, total: int) -> None:
            if table not in tasks:
                tasks[table] = progress.add_task(table, total=total)
                if not console.is_terminal:  # cron, CI, a pipe: a line per table instead of the bars
                    typer.echo(f"copying {table} ({total:,} {'row' if total == 1 else 'rows'})", err=True)
            progress.update(tasks[table], completed=done)

        try:
            counts = copy_record(source_url, to, on_migration=_migration_notice, on_progress=on_progress)
        except CopyRefusedError as exc:
            _fail(str(exc))
            return
        except UnsupportedDatabaseError as exc:
            _fail(f"--to: {exc}", code=2)
            return
        except (SQLAlchemyError, CommandError, OSError) as exc:
            _fail(f"copy from {_safe_url(source_url)} to {_safe_url(to)} failed: {first_line(exc)}")
            return
    width = max(len(count.table) for count in counts)
    typer.echo(f"{'table':<{width}}  {'source':>10}  {'target':>10}")
    for count in counts:
        differs = "" if count.matches else "  differs"
        typer.echo(f"{count.table:<{width}}  {count.source:>10,}  {count.target:>10,}{differs}")
    different = [count.table for count in counts if not count.matches]
    if different:
        _fail(f"the target's row counts differ from the source's in: {', '.join(different)}")
    rows = sum(count.target for count in counts)
    typer.echo(f"copied {_counted(rows, 'row')} from {_safe_url(source_url)} to {_safe_url(to)}")


@keys_app.command("create")
def keys_create(
    name: Annotated[str, typer.Option(help="who or what the key is for (at most 200 characters)")],
    scopes: Annotated[str, typer.Option(help="comma-separated: read,write,review,admin")] = "read",
) -> None:
    """Create an API key; the key is printed once, alone on the last line of stdout."""
    from service.services.keys import MAX_KEY_NAME_LENGTH, KeyService, parse_scopes

    try:
        scope_list = parse_scopes(scopes)
    except ValueError as exc:
        _fail(str(exc), code=2)
        return
    if not name.strip():
        _fail("--name must not be empty", code=2)
    if len(name.strip()) > MAX_KEY_NAME_LENGTH:
        _fail(f"--name must be at most {MAX_KEY_NAME_LENGTH} characters (it has {len(name.strip())})", code=2)
    with _key_session() as session:
        key, token = KeyService(session).create(name.strip(), scope_list)
    typer.echo(f"created key {key.id} ({key.name}) with scopes {','.join(scope_list)}; it is shown only once:")
    typer.echo(token)


@contextmanager
def _key_session() -> Iterator[Session]:
    """A session on the migrated database, committed on leaving (the keys and sources commands' one transaction;
    the review export's read)."""
    from db.engine import make_engine, make_session_factory
    from db.migrate import upgrade

    settings = _settings()
    upgrade(settings.database_url, on_migration=_migration_notice)
    engine = make_engine(settings.database_url)
    try:
        with make_session_factory(engine)() as session:
            yield session
            session.commit()
    finally:
        engine.dispose()


def _when(value: datetime | None, empty: str) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%SZ") if value is not None else empty


def _key_row(key: ApiKey) -> dict[str, str | None]:
    from service.services.keys import SCOPES

    return {
        "id": key.id,
        "name": key.name,
        "scopes": ",".join(s for s in SCOPES if s in key.scopes.split(",")),
        "created": _when(key.created_at, "-"),
        "last used": _when(key.last_used_at, "never"),
        "revoked": _when(key.revoked_at, "no"),
    }


@keys_app.command("list")
def keys_list(
    as_json: Annotated[bool, typer.Option("--json", help="one JSON object per line instead of columns")] = False,
) -> None:
    """One line per key: id, name, scopes, created, last used, revoked (times in UTC; the column titles go to
    stderr). Never the secret."""
    from db.repositories.keys import ApiKeyRepository

    with _key_session() as session:
        keys = ApiKeyRepository(session).all()
        if as_json:
            for key in keys:
                typer.echo(
                    json.dumps(
                        {
                            "id": key.id,
                            "name": key.name,
                            "scopes": key.scopes.split(","),
                            "created_at": key.created_at.isoformat(),
                            "last_used_at": key.last_used_at.isoformat() if key.last_used_at else None,
                            "revoked_at": key.revoked_at.isoformat() if key.revoked_at else None,
                        }
                    )
                )
            return
        rows = [_key_row(key) for key in keys]
    if not rows:
        typer.echo("no API keys yet: claimledger keys create --name NAME --scopes read", err=True)
        return
    columns = list(rows[0])
    widths = {c: max(len(c), *(len(str(r[c])) for r in rows)) for c in columns}
    # The header goes to stderr: above the rows on a terminal, while stdout holds exactly one line per key.
    typer.echo("  ".join(c.upper().ljust(widths[c]) for c in columns).rstrip(), err=True)
    for row in rows:
        typer.echo("  ".join(str(row[c]).replace("\n", " ").ljust(widths[c]) for c in columns).rstrip())


@keys_app.command("revoke")
def keys_revoke(key_id: Annotated[str, typer.Argument(metavar="ID", help="the key's id (from keys list)")]) -> None:
    """Revoke a key: from its next request on it gets 401. It stays listed, with the time it was revoked."""
    from db.types import stored_id
    from service.errors import NotFoundError
    from service.services.keys import KeyService

    normalised = stored_id(key_id.strip())
    if normalised is None:
        _fail(f"no API key with id {key_id!r} (ids are the UUIDs that `claimledger keys list` shows)")
        return
    try:
        with _key_session() as session:
            key, revoked_now = KeyService(session).revoke(normalised)
            name, revoked_at = key.name, key.revoked_at
    except NotFoundError:
        _fail(f"no API key with id {key_id!r} (see `claimledger keys list`)")
        return
    if revoked_now:
        typer.echo(f"revoked key {normalised} ({name})")
    else:
        typer.echo(f"key {normalised} ({name}) was already revoked at {_when(revoked_at, '-')}; nothing changed")


@sources_app.command("merge")
def sources_merge(
    keep: Annotated[str, typer.Argument(metavar="KEEP", help="id of the source that stays")],
    other: Annotated[str, typer.Argument(metavar="OTHER", help="id of the source merged into it, then deleted")],
) -> None:
    """Merge source OTHER into KEEP, as POST /v1/sources/KEEP/merge does: its claims, aliases and name move to
    KEEP, contradictions between the two become self-contradictions, and OTHER is deleted."""
    from db.types import stored_id
    from service.errors import NotFoundError, UnprocessableError
    from service.services.source_merge import merge_sources

    ids: list[str] = []
    for value in (keep, other):
        source_id = stored_id(value.strip())
        if source_id is None:
            _fail(f"no source with id {value!r} (ids are the UUIDs GET /v1/sources shows)")
            return
        ids.append(source_id)
    try:
        with _key_session() as session:
            kept, counts = merge_sources(session, ids[0], ids[1])
            name = kept.name
    except (NotFoundError, UnprocessableError) as exc:
        _fail(str(exc))
        return
    typer.echo(
        f"merged source {ids[1]} into {ids[0]} ({name}): {_counted(counts.claims_moved, 'claim')} and"
        f" {_counted(counts.aliases_moved, 'name')} moved,"
        f" {_counted(counts.flags_to_self_contradiction, 'flag now a self-contradiction', 'flags now self-contradictions')}"
        f" ({_counted(counts.flags_removed, 'repeat')} removed)"
    )


def _counted(number: int, one: str, more: str | None = None) -> str:
    """ "1 claim", "2 claims": a line an operator reads, not "1 claims"."""
    return f"{number} {one if number == 1 else more or one + 's'}"


class Engine(StrEnum):
    local = "local"
    ray = "ray"


# Their defaults are settings, not fixed values: the help says which (the options' own default is None).
EngineOption = Annotated[
    Engine | None,
    typer.Option(
        help="where the check stage runs: local (this process) or ray (a Ray cluster); default:"
        " CLAIMLEDGER_RECONCILE_ENGINE, which is local unless set"
    ),
]
RayAddressOption = Annotated[
    str | None,
    typer.Option(
        "--ray-address",
        help="address of a running Ray cluster for --engine ray (default: CLAIMLEDGER_RAY_ADDRESS; unset, a local"
        " one is started for the run)",
    ),
]


@app.command()
def reconcile(
    since: Annotated[str | None, typer.Option(help="ISO date or datetime: re-check claims changed since then")] = None,
    full: Annotated[bool, typer.Option("--full", help="re-check the whole record")] = False,
    engine: EngineOption = None,
    ray_address: RayAddressOption = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", help="no progress on stderr (bar or lines, loading models, migrations)")
    ] = False,
) -> None:
    """Run the nightly reconciliation and print a summary (exit 0 on success). Progress goes to stderr: a bar on a
    terminal, else a line as each stage starts and every 30 s."""
    from reconcile.cli import run_from_cli

    _settings()  # refused here: run_from_cli would migrate one in-memory database and reconcile another
    sys.exit(
        run_from_cli(
            since=since, full=full, quiet=quiet, engine=engine.value if engine else None, ray_address=ray_address
        )
    )


@app.command()
def worker(
    once: Annotated[bool, typer.Option("--once", help="run what is queued now, then exit")] = False,
    engine: EngineOption = None,
    ray_address: RayAddressOption = None,
) -> None:
    """Run the reconciliations queued by POST /v1/reconciliations (`serve` starts one worker beside the server).
    Logs go to stderr as CLAIMLEDGER_LOG_FORMAT says."""
    from reconcile.worker import ModelsUnavailableError, once_summary, run_worker
    from service.logs import configure_logging

    settings = _settings()
    configure_logging(settings)
    if not once:  # it runs until stopped, and an empty queue logs nothing: say that it is up, and on what
        typer.echo(
            f"worker: running the reconciliations queued in {_safe_url(settings.database_url)}"
            " (stop with SIGTERM or Ctrl-C)"
        )
    try:
        code = run_worker(
            once=once,
            engine=engine.value if engine else None,
            ray_address=ray_address,
            on_pass=lambda outcomes: typer.echo(once_summary(outcomes)),  # --once: one stdout line, what it did
        )
    except ModelsUnavailableError as exc:  # the run it was about to start is failed with this reason
        _fail(str(exc))
        return
    sys.exit(code)


@judge_app.command("export-reviews")
def judge_export_reviews(
    out: Annotated[Path, typer.Option(help="JSON-lines file to write (.gz: gzip'd)")],
    since: Annotated[str | None, typer.Option(help="ISO date or datetime: only flags reviewed since then")] = None,
    both_ways: Annotated[
        bool, typer.Option("--both-ways/--one-way", help="also write each confirmed contradiction reversed")
    ] = True,
) -> None:
    """Write reviewed contradiction flags as NLI training pairs: confirmed = contradiction, dismissed = neutral.

    Train on them with `make train-nli REVIEWS=FILE` (embeddings.nli.adapt --extra-train FILE).
    """
    import gzip
    import json

    from reconcile.cli import parse_since
    from service.services.review_export import ReviewExportService

    try:
        since_at = parse_since(since)
    except ValueError as exc:
        _fail(f"--since {since!r} is not an ISO 8601 date or datetime ({exc})", code=2)
        return
    with _key_session() as session:  # migrated first, as the other commands that read the record are
        export = ReviewExportService(session).training_pairs(since_at, both_ways=both_ways)
    out.parent.mkdir(parents=True, exist_ok=True)
    lines = "".join(json.dumps(pair.as_json(), ensure_ascii=False) + "\n" for pair in export.pairs)
    if out.suffix == ".gz":
        with gzip.open(out, "wt", encoding="utf-8") as handle:
            handle.write(lines)
    else:
        out.write_text(lines, encoding="utf-8")
    typer.echo(
        f"{len(export.pairs)} training pairs from {export.flags} reviewed flags"
        f" ({export.skipped_across_stances} across stances skipped) -> {out}"
    )


@webhooks_app.command("deliver")
def webhooks_deliver(
    once: Annotated[bool, typer.Option("--once", help="deliver what is due now, then exit")] = False,
) -> None:
    """Send pending webhook deliveries (and retries as they fall due) until stopped (SIGTERM, Ctrl-C). The API
    process delivers too (CLAIMLEDGER_WEBHOOKS_WORKER); any number of workers can run at once."""
    import signal
    import threading

    from db.database import Database
    from db.migrate import upgrade
    from service.stopping import set_from_signal_handler
    from service.webhooks.delivery import DeliveryWorker

    settings = _settings()
    upgrade(settings.database_url, on_migration=_migration_notice)
    db = Database.connect(settings.database_url, settings.sqlite_busy_timeout_ms)
    worker = DeliveryWorker(db, settings)
    try:
        if once:
            attempted = worker.drain()
            typer.echo(f"webhooks: {attempted} delivery attempt(s) made")
            return
        stop = threading.Event()
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda _signum, _frame: set_from_signal_handler(stop))
        typer.echo(f"webhooks: delivering from {_safe_url(settings.database_url)} (stop with SIGTERM or Ctrl-C)")
        worker.run(stop)
    finally:
        worker.close()
        db.dispose()


def _check_port(host: str, port: int) -> int:
    """Fail at once, in plain words, when the address cannot be bound (in use, or not this machine's), before
    migrating and announcing a server that would then exit with the reason buried in a log line. The port to serve
    on: ``port``, or for 0 the free one the system gave the probe (announced, then bound by uvicorn)."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, OverflowError) as exc:
        _fail(f"cannot listen on {host}:{port}: {exc}")
        return port
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds: TIME_WAIT is no conflict
        try:
            probe.bind(address)
        except (OSError, OverflowError) as exc:
            _fail(f"cannot listen on {host}:{port}: {getattr(exc, 'strerror', None) or exc}")
        chosen: int = probe.getsockname()[1]
    return chosen


def _safe_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def _operator_mistake(exc: BaseException) -> bool:
    """Whether the console script says ``exc`` in one line (an operator's mistake: a setting, the database, a
    file) rather than keeping its traceback (a bug)."""
    from alembic.util.exc import CommandError
    from pydantic import ValidationError
    from sqlalchemy.exc import SQLAlchemyError

    from db.engine import UnsupportedDatabaseError

    return isinstance(exc, ValidationError | SQLAlchemyError | CommandError | UnsupportedDatabaseError | OSError)


def _which_database() -> str:
    """The database the command read, as " (on URL)" with its password hidden: "unable to open database file" says
    what failed but not which file."""
    from service.config import get_settings

    try:
        return f" (on {_safe_url(get_settings().database_url)})"
    except Exception:  # a URL that does not even parse was said otherwise; the reason still stands alone
        return ""


def main() -> None:
    """The console script: the commands, with an operator's mistakes (a database that cannot be reached or opened,
    a setting that does not parse, a file that cannot be written) said in one line instead of a traceback."""
    try:
        app()
    except Exception as exc:
        from sqlalchemy.exc import DBAPIError

        if not _operator_mistake(exc):
            raise
        message = first_line(exc)
        if isinstance(exc, DBAPIError):
            message = f"database error: {message}{_which_database()}"
        typer.echo(f"error: {message}", err=True)
        raise SystemExit(1) from None


if __name__ == "__main__":
    main()
