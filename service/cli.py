"""The `claimledger` command: serve, database migrations, API keys and the nightly reconciliation."""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

app = typer.Typer(help="claimledger: source-attributed claim verification.", no_args_is_help=True)
db_app = typer.Typer(help="Database migrations.", no_args_is_help=True)
keys_app = typer.Typer(help="API keys.", no_args_is_help=True)
judge_app = typer.Typer(help="The contradiction judge: training data from reviews.", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(keys_app, name="keys")
app.add_typer(judge_app, name="judge")


def _fail(message: str, code: int = 1) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="interface to bind")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port")] = 8000,
    workers: Annotated[int, typer.Option(help="worker processes (each loads the models)")] = 1,
    batch_worker: Annotated[
        bool,
        typer.Option(
            "--batch-worker/--no-batch-worker",
            help="also start `claimledger worker` beside the server, to run queued reconciliations",
        ),
    ] = True,
) -> None:
    """Apply pending migrations, then serve the REST API (and, by default, a batch worker beside it)."""
    import subprocess

    import uvicorn

    from db.migrate import upgrade
    from service.config import get_settings

    settings = get_settings()
    try:
        upgrade(settings.database_url)
    except Exception as exc:
        _fail(f"could not migrate {settings.database_url}: {exc}")
    typer.echo(f"claimledger: database ready ({_safe_url(settings.database_url)}); serving on http://{host}:{port}")
    worker = (
        subprocess.Popen([sys.executable, "-m", "reconcile.worker", "--parent", str(os.getpid())])  # noqa: S603
        if batch_worker
        else None
    )
    try:
        uvicorn.run(
            "service.app:create_app",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            log_level=settings.log_level,
        )
    finally:
        if worker is not None:
            worker.terminate()
            try:
                worker.wait(30)
            except subprocess.TimeoutExpired:
                worker.kill()


@db_app.command("upgrade")
def db_upgrade(revision: Annotated[str, typer.Argument(help="target revision")] = "head") -> None:
    """Apply migrations up to REVISION (alembic upgrade head)."""
    from db.migrate import upgrade
    from service.config import get_settings

    url = get_settings().database_url
    try:
        upgrade(url, revision)
    except Exception as exc:
        _fail(f"migration failed on {_safe_url(url)}: {exc}")
    typer.echo(f"database at {_safe_url(url)} is at {revision}")


@db_app.command("downgrade")
def db_downgrade(revision: Annotated[str, typer.Argument(help="target revision, e.g. -1 or base")]) -> None:
    """Revert migrations down to REVISION."""
    from db.migrate import downgrade
    from service.config import get_settings

    downgrade(get_settings().database_url, revision)
    typer.echo(f"database is at {revision}")


@keys_app.command("create")
def keys_create(
    name: Annotated[str, typer.Option(help="who or what the key is for")],
    scopes: Annotated[str, typer.Option(help="comma-separated: read,write,review,admin")] = "read",
) -> None:
    """Create an API key; the key is printed once, alone on the last line of stdout."""
    from db.engine import make_engine, make_session_factory
    from db.migrate import upgrade
    from service.config import get_settings
    from service.services.keys import KeyService, parse_scopes

    try:
        scope_list = parse_scopes(scopes)
    except ValueError as exc:
        _fail(str(exc), code=2)
        return
    if not name.strip():
        _fail("--name must not be empty", code=2)
    settings = get_settings()
    upgrade(settings.database_url)
    engine = make_engine(settings.database_url)
    try:
        with make_session_factory(engine)() as session:
            key, token = KeyService(session).create(name.strip(), scope_list)
            session.commit()
    finally:
        engine.dispose()
    typer.echo(f"created key {key.id} ({key.name}) with scopes {','.join(scope_list)}; it is shown only once:")
    typer.echo(token)


class Engine(StrEnum):
    local = "local"
    ray = "ray"


EngineOption = Annotated[
    Engine | None,
    typer.Option(help="where the check stage runs: local (this process) or ray (a Ray cluster) [default: local]"),
]
RayAddressOption = Annotated[
    str | None, typer.Option("--ray-address", help="address of a running Ray cluster (default: start a local one)")
]


@app.command()
def reconcile(
    since: Annotated[str | None, typer.Option(help="ISO date or datetime: re-check claims changed since then")] = None,
    full: Annotated[bool, typer.Option("--full", help="re-check the whole record")] = False,
    engine: EngineOption = None,
    ray_address: RayAddressOption = None,
) -> None:
    """Run the nightly reconciliation and print a summary (exit 0 on success)."""
    from reconcile.cli import run_from_cli

    sys.exit(run_from_cli(since=since, full=full, engine=engine.value if engine else None, ray_address=ray_address))


@app.command()
def worker(
    once: Annotated[bool, typer.Option("--once", help="run what is queued now, then exit")] = False,
    engine: EngineOption = None,
    ray_address: RayAddressOption = None,
) -> None:
    """Run the reconciliations queued by POST /v1/reconciliations (`serve` starts one worker beside the server)."""
    from reconcile.worker import run_worker

    sys.exit(run_worker(once=once, engine=engine.value if engine else None, ray_address=ray_address))


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

    from db.engine import make_engine, make_session_factory
    from reconcile.cli import parse_since
    from service.config import get_settings
    from service.services.review_export import ReviewExportService

    try:
        since_at = parse_since(since)
    except ValueError as exc:
        _fail(f"--since {since!r} is not an ISO 8601 date or datetime ({exc})", code=2)
        return
    engine = make_engine(get_settings().database_url)
    try:
        with make_session_factory(engine)() as session:
            export = ReviewExportService(session).training_pairs(since_at, both_ways=both_ways)
    finally:
        engine.dispose()
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


def _safe_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


if __name__ == "__main__":
    app()
