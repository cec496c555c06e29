"""`claimledger reconcile` and `python -m reconcile`: run the reconciliation in this process, with its progress on
stderr (a bar on a terminal; elsewhere, for cron, systemd or CI logs, a plain line as each stage starts and then
every 30 s), a summary on stdout, and exit codes a scheduler can act on."""

from __future__ import annotations

import argparse
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from types import FrameType
from typing import Any

from pydantic import ValidationError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

from db.migrate import MigrationCallback, migration_line, upgrade
from db.repositories.runs import RunRepository
from db.types import utcnow
from embeddings.encoder import load_encoder
from reconcile.engines import RayAddressInvalidError, RayClusterUnreachableError, probe_ray_address
from reconcile.job import Interrupted, ProgressCallback, Reconciler, RunOutcome, RunRequest, new_lock
from reconcile.lock import RECONCILE_LOCK, LockHeldError, LockLostError, worker_liveness
from service.cli import first_line
from service.config import Settings, get_settings
from service.runtime import Runtime, load_judge
from service.schemas import parse_when, since_not_in_future

EXIT_OK = 0
EXIT_FAILED = 1  # the run failed, was interrupted (it resumes on the next start) or could not start
EXIT_USAGE = 2  # bad arguments
EXIT_LOCKED = 75  # another run holds the lock: try again later (EX_TEMPFAIL)

STAGE_LABELS = {"embed": "embedding claims", "check": "checking claims"}
# Where stderr is no terminal: a progress line at most this often (besides one as each stage starts).
PLAIN_PROGRESS_EVERY_S = 30.0
STAGE_DONE = {"embed": "claims embedded", "check": "claims checked"}


def parse_since(value: str | None) -> datetime | None:
    """ISO date (midnight UTC) or datetime (UTC when it has no zone)."""
    when = parse_when(value)
    return when.at if when else None


def run_from_cli(
    since: str | None,
    full: bool,
    *,
    quiet: bool = False,
    settings: Settings | None = None,
    engine: str | None = None,
    ray_address: str | None = None,
) -> int:
    out, err = _console(stderr=False), _console(stderr=True)
    if settings is None:
        try:
            settings = get_settings()
        except (
            ValidationError
        ) as exc:  # a CLAIMLEDGER_* setting that does not parse: one line, as `claimledger` says it
            err.print(f"error: {first_line(exc)}")
            return EXIT_FAILED
    engine = engine or settings.reconcile_engine
    ray_address = ray_address or settings.ray_address
    try:
        request = RunRequest(full=full, since=parse_since(since))
    except ValueError as exc:
        reason = str(exc) if full and since else f"--since {since!r} is not an ISO 8601 date or datetime ({exc})"
        err.print(f"error: {reason}")
        return EXIT_USAGE
    try:
        if request.since is not None:
            since_not_in_future(request.since)  # the rule POST /v1/reconciliations applies
    except ValueError as exc:
        err.print(f"error: --{exc}")
        return EXIT_USAGE
    try:
        runtime = _open(settings, on_migration=None if quiet else _migration_notice(err))
    except Exception as exc:  # an unreachable database or a failed migration: say which, exit non-zero
        err.print(f"error: could not open the database: {first_line(exc)}")
        return EXIT_FAILED
    try:
        holder = new_lock(runtime).current()
        if holder is not None:  # fail fast, before loading the models
            raise LockHeldError(RECONCILE_LOCK, holder.holder, holder.acquired_at, holder.heartbeat_at)
        if engine == "ray" and ray_address:  # an operator's mistake: one line, before the models' seconds, no run
            try:
                probe_ray_address(ray_address)
            except RayAddressInvalidError as exc:  # a typo: retrying will not help
                err.print(f"error: {exc}")
                return EXIT_USAGE
            except RayClusterUnreachableError as exc:
                err.print(f"error: {exc}")
                return EXIT_FAILED
        if not quiet:  # several seconds, more for a cross-encoder judge: say what the wait is
            err.print("reconcile: loading models...")
        try:
            _load_models(runtime)
        except Exception as exc:  # a missing model: say which
            err.print(f"error: could not load the models: {type(exc).__name__}: {first_line(exc)}")
            return EXIT_FAILED
        with _progress(err, quiet=quiet) as on_progress, _sigterm_interrupts():
            reconciler = Reconciler(
                runtime,
                on_progress=on_progress,
                on_message=lambda m: err.print(m),
                engine=engine,
                ray_address=ray_address,
            )
            outcomes = reconciler.run(request)
        _note_queue_left_without_worker(runtime, err)
    except LockHeldError as exc:
        err.print(f"error: {exc}. Not starting a second run.")
        return EXIT_LOCKED
    except LockLostError as exc:
        err.print(f"error: {exc}")
        return EXIT_FAILED
    except (Interrupted, KeyboardInterrupt):
        err.print("interrupted: the run keeps its progress and resumes on the next start")
        return EXIT_FAILED
    finally:
        runtime.close()
    for outcome in outcomes:
        print_summary(out, outcome)
    return EXIT_OK if all(o.status == "succeeded" for o in outcomes) else EXIT_FAILED


def _note_queue_left_without_worker(runtime: Runtime, err: Console) -> None:
    """Say on stderr that runs queued through the API wait with no batch worker alive: this command never runs them
    (it leaves the queue to a worker), and an operator reading its output would otherwise never learn of them."""
    with runtime.db.read() as session:
        queued = len(RunRepository(session).with_status("queued"))
        hint = worker_liveness(session, runtime.settings).waiting_hint(utcnow()) if queued else None
    if hint is not None:
        runs = (
            "reconciliation queued through the API waits"
            if queued == 1
            else "reconciliations queued through the API wait"
        )
        err.print(f"note: {queued} {runs}, and {hint}")


def _console(*, stderr: bool) -> Console:
    """Plain text (no markup, no highlighting); going to a log file, lines are neither wrapped nor padded."""
    probe = Console(stderr=stderr)
    return Console(stderr=stderr, highlight=False, markup=False, soft_wrap=not probe.is_terminal)


def _open(settings: Settings, on_migration: MigrationCallback | None = None) -> Runtime:
    upgrade(settings.database_url, on_migration=on_migration)
    return Runtime.create(settings)


def _migration_notice(console: Console) -> MigrationCallback:
    def notice(name: str, number: int, total: int) -> None:
        console.print(migration_line(name, number, total))

    return notice


def _load_models(runtime: Runtime) -> None:
    settings = runtime.settings
    if settings.torch_threads:
        import torch

        torch.set_num_threads(settings.torch_threads)
    runtime.use_models(load_encoder(settings.encoder, settings.encoder_batch_size), load_judge(settings))


@contextmanager
def _sigterm_interrupts() -> Iterator[None]:
    """SIGTERM (a scheduler stopping the job) ends the run like Ctrl-C: progress kept, lock released."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(_signum: int, _frame: FrameType | None) -> None:
        raise Interrupted("SIGTERM")

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextmanager
def _progress(console: Console, *, quiet: bool) -> Iterator[ProgressCallback | None]:
    """The run's progress callback: none when quiet, the bar on a terminal, else plain lines for a log."""
    if quiet:
        yield None
    elif console.is_terminal:
        with _progress_bar(console) as on_progress:
            yield on_progress
    else:
        yield PlainProgress(console, every=PLAIN_PROGRESS_EVERY_S)


class PlainProgress:
    """Progress as a log takes it: a line as each stage starts (with its total), then at most one every ``every``
    seconds, e.g. "reconcile: 1200/5000 claims checked (24%, 2m30s elapsed)"."""

    def __init__(self, console: Console, *, every: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.console = console
        self.every = every
        self.clock = clock
        self.started = self.last = clock()
        self.stages: set[str] = set()

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = self.clock()
        first = stage not in self.stages
        self.stages.add(stage)
        if not (first and total > 0) and now - self.last < self.every:
            return
        self.last = now
        share = f"{done * 100 // total}%, " if total else ""
        what = STAGE_DONE.get(stage, stage)
        self.console.print(f"reconcile: {done}/{total} {what} ({share}{_duration(now - self.started)} elapsed)")


def _duration(seconds: float) -> str:
    whole = int(seconds)
    if whole < 60:
        return f"{whole}s"
    if whole < 3600:
        return f"{whole // 60}m{whole % 60:02d}s"
    return f"{whole // 3600}h{whole % 3600 // 60:02d}m"


@contextmanager
def _progress_bar(console: Console) -> Iterator[ProgressCallback]:
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=False) as progress:
        tasks: dict[str, TaskID] = {}

        def on_progress(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = progress.add_task(STAGE_LABELS.get(stage, stage), total=total)
            progress.update(tasks[stage], completed=done, total=total)

        yield on_progress


def _claim_line(claim: dict[str, Any]) -> str:
    """A claim as the report shows it: a stored denial reads "denied:" first, or the pair reads as agreement."""
    when = f", {claim['said_at']}" if claim.get("said_at") else ""
    text = claim["text"] if len(claim["text"]) <= 160 else claim["text"][:159] + "…"
    denied = "denied: " if claim.get("stance") == "denies" else ""
    return f"{denied}“{text}” — {claim['speaker']}{when}"


def print_summary(console: Console, outcome: RunOutcome) -> None:
    stats = outcome.stats
    if outcome.status != "succeeded":
        console.print(f"reconciliation {outcome.run_id}: {outcome.status}: {outcome.error}")
        return
    run = stats["run"]
    scope = stats["scope"] + (f" (changed since {run['since']})" if run.get("since") else "")
    resumed = f", resumed {run['resumes']}x after an interruption" if run.get("resumes") else ""
    console.print(f"reconciliation {outcome.run_id}: succeeded — {scope}{resumed}")
    rows = _summary_rows(stats)
    width = max(len(label) for label, _ in rows)
    for label, value in rows:  # plain lines: no table padding in a log file
        console.print(f"{label:<{width}}  {value}")
    _print_claim_pairs(console, "top contradictions:", stats["top_contradictions"][:5])
    rejudged = (stats.get("flags_rejudged") or {}).get("no_longer_contradicting_flags") or []
    _print_claim_pairs(console, "no longer contradicting (still open: dismiss if right):", rejudged[:5])
    unmet = (stats.get("flags_rejudged") or {}).get("not_judged_again_flags") or []
    _print_claim_pairs(console, "not judged again (still open: no longer among each other's matches):", unmet[:5])


def _summary_rows(stats: dict[str, Any]) -> list[tuple[str, str]]:
    counts, model = stats["counts"], stats["model"]
    rows = [
        ("claims", f"{counts['claims_checked']} checked of {counts['claims_total']} on record"),
        # pairs_judged counts judgements: each match is judged both ways.
        ("judgements", f"{counts['pairs_judged']}, each pair both ways ({model['judge']})"),
    ]
    if model["embedded"] or model["vectors_dropped"]:
        changed = " — encoder changed" if model["model_changed"] else ""
        rows.append(("embedded", f"{model['embedded']} with {model['encoder']}{changed}"))
    new = ", ".join(f"{kind} {n}" for kind, n in stats["flags_new"].items())
    rows.append(("new flags", f"{counts['flags_new']} ({new})"))
    if "flags_rejudged" in stats:
        still, gone = counts["flags_still_contradicting"], counts["flags_no_longer_contradicting"]
        missed = counts.get("flags_not_judged_again")
        unmet = f"; {missed} open not judged again (their pair is no longer among the matches)" if missed else ""
        rows.append(("open flags re-judged", f"{still + gone}: {still} still contradicting, {gone} no longer{unmet}"))
    timings = stats.get("timings_s") or {}
    rows.append(("time (s)", ", ".join(f"{stage} {seconds:.2f}" for stage, seconds in timings.items())))
    reports = stats.get("reports") or {}
    if "html" in reports:
        rows.append(("report", f"{reports['html']} (JSON: {reports['json']})"))
    elif "error" in reports:
        rows.append(("report", f"not written: {reports['error']}"))
    return rows


def _print_claim_pairs(console: Console, heading: str, items: list[dict[str, Any]]) -> None:
    if not items:
        return
    console.print(heading)
    for item in items:
        console.print(f"  [{item['kind']}, p={item['contradiction']:.2f}] {_claim_line(item['other_claim'])}")
        console.print(f"      vs {_claim_line(item['claim'])}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m reconcile", description=__doc__)
    parser.add_argument("--since", help="ISO date or datetime: re-check claims created or changed since then")
    parser.add_argument("--full", action="store_true", help="re-check the whole record")
    parser.add_argument(
        "--quiet",
        action="store_true",
        help="no progress on stderr: no bar or progress lines, no 'loading models', no migration notices",
    )
    parser.add_argument(
        "--engine",
        choices=["local", "ray"],
        default=None,
        help="where the check stage runs (default: CLAIMLEDGER_RECONCILE_ENGINE, local unless set)",
    )
    parser.add_argument(
        "--ray-address",
        default=None,
        help="a running Ray cluster (default: CLAIMLEDGER_RAY_ADDRESS; unset, a local one is started)",
    )
    args = parser.parse_args(argv)
    return run_from_cli(args.since, args.full, quiet=args.quiet, engine=args.engine, ray_address=args.ray_address)
