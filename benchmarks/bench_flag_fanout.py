"""What raising one flag costs as webhook subscriptions grow: before and after a change, on the same machine.

    python -m benchmarks.bench_flag_fanout [--subs 0,1,17,50] [--baseline-rev HEAD | --baseline-tree DIR]
        [--tree DIR] [--repeats 1] [--out benchmarks/FLAG_FANOUT.md]

Each flag writes one ``flag.created`` delivery per subscription in the transaction that raises it, so a slow fan-out
holds the write lock (the nightly job's flag slices, POST /v1/check) longer with every subscriber. For each number
of subscriptions, a fresh SQLite database gets that many subscriptions and look-alike claims ("The herring quota was
cut to N tonnes.", 9 speakers: every pair contradicts); then

- ``job``: the nightly job (incremental) checks the last ``--new`` claims against the whole record
  (``reconcile_top_k``), raising flags through ``FlagService.raise_for_finding``;
- ``check``: ``--checks`` statements go through ``CheckService.check`` (what POST /v1/check runs), each raising
  flags through ``FlagService.raise_for_statement``.

Measured inside the flag-raising calls only (not retrieval or judging): milliseconds and SQL statements (cursor
executions on the current thread; an executemany counts once) per new flag. ``--baseline-rev`` (a git revision;
``none`` to skip) is exported with ``git archive`` and measured in the same way, each pair of runs back to back
in fresh processes, so the comparison holds on a shared machine; the load average is recorded with each run.
Writes ``--out`` (markdown) and the same numbers as JSON beside it. Issue 22's before/after: ``--baseline-rev
de357a9`` (the commit before the fan-out mend).
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def _worker(subs: int, old: int, new: int, top_k: int, checks: int) -> dict[str, Any]:
    """One measurement in this process, on the code that ``sys.path`` finds first (a tree given by PYTHONPATH),
    in a scratch folder removed afterwards (each run's database is tens of megabytes)."""
    with tempfile.TemporaryDirectory(prefix="fanout-") as scratch:
        return _measure_in(Path(scratch), subs, old, new, top_k, checks)


def _measure_in(tmp: Path, subs: int, old: int, new: int, top_k: int, checks: int) -> dict[str, Any]:
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    import service
    from db.migrate import upgrade
    from db.models import Flag, WebhookDelivery, WebhookSubscription
    from db.types import utcnow
    from embeddings.encoder import HashingEncoder
    from embeddings.rule_judge import RuleJudge
    from reconcile.job import Reconciler, RunRequest
    from service.config import Settings
    from service.runtime import Runtime
    from service.schemas import ClaimCreate
    from service.services.checking import CheckService
    from service.services.claims import ClaimService
    from service.services.flags import FlagService

    settings = Settings(
        database_url=f"sqlite:///{tmp / 'fanout.db'}",
        encoder="hashing",
        judge="rules",
        load_models_on_startup=False,
        reports_dir=tmp / "reports",
        reconcile_chunk_size=25,
        reconcile_top_k=top_k,
        reconcile_overlap_seconds=0.0,
        check_judge_max_matches=top_k,
        webhooks_worker=False,
        webhooks_allow_private=True,
    )
    upgrade(settings.database_url)
    rt = Runtime.create(settings)
    rt.use_models(HashingEncoder(), RuleJudge())
    with rt.session_factory() as session:
        for i in range(subs):
            session.add(WebhookSubscription(url=f"http://hook{i}.invalid/x", events=["flag.created"], secret="s" * 32))
        session.commit()

    def add(i: int) -> None:
        body = ClaimCreate.model_validate(
            {
                "text": f"The herring quota was cut to {1000 + 7 * i} tonnes.",
                "speaker": f"Fisheries {i % 9}",
                "said_at": f"2024-0{1 + i % 9}-1{i % 10}",
                "external_id": f"h-{i}",
            }
        )
        ClaimService(rt.db, rt.encoder).create(body)

    for i in range(old):
        add(i)
    since = utcnow()
    time.sleep(0.01)
    for i in range(old, old + new):
        add(i)

    me = threading.get_ident()
    counter = {"on": False, "statements": 0, "seconds": 0.0}

    def count(*_: Any) -> None:
        if counter["on"] and threading.get_ident() == me:
            counter["statements"] += 1

    event.listen(Engine, "before_cursor_execute", count)

    def timed(fn: Any) -> Any:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            counter["on"] = True
            started = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                counter["seconds"] += time.perf_counter() - started
                counter["on"] = False

        return wrapper

    def flags_and_deliveries() -> tuple[int, int]:
        from sqlalchemy import func, select

        with rt.read_factory() as session:
            return (
                int(session.scalar(select(func.count()).select_from(Flag)) or 0),
                int(session.scalar(select(func.count()).select_from(WebhookDelivery)) or 0),
            )

    results: dict[str, Any] = {"subs": subs, "code": str(Path(service.__file__).resolve().parent.parent)}
    original_raise_flags = Reconciler.__dict__["_raise_flags"]
    Reconciler._raise_flags = staticmethod(timed(original_raise_flags.__func__))  # type: ignore[method-assign]
    flags_before, _ = flags_and_deliveries()
    load = os.getloadavg()[0]
    [outcome] = Reconciler(rt).run(RunRequest(since=since))
    flags_after, deliveries = flags_and_deliveries()
    made = flags_after - flags_before
    results["job"] = {
        "status": outcome.status,
        "new_flags": made,
        "deliveries": deliveries,
        "ms_per_flag": round(1000 * counter["seconds"] / max(1, made), 2),
        "statements_per_flag": round(counter["statements"] / max(1, made), 2),
        "load_1m": round(load, 2),
    }

    counter.update(statements=0, seconds=0.0)
    FlagService.raise_for_statement = timed(FlagService.raise_for_statement)  # type: ignore[method-assign]
    checker = CheckService(rt.db, rt.settings, rt.encoder, rt.judge)
    load = os.getloadavg()[0]
    for i in range(checks):
        checker.check(f"The herring quota was cut to {3 + 5 * i} tonnes.", None, None, top_k)
    flags_final, deliveries_final = flags_and_deliveries()
    made = flags_final - flags_after
    results["check"] = {
        "new_flags": made,
        "deliveries": deliveries_final - deliveries,
        "ms_per_flag": round(1000 * counter["seconds"] / max(1, made), 2),
        "statements_per_flag": round(counter["statements"] / max(1, made), 2),
        "load_1m": round(load, 2),
    }
    rt.close()
    return results


def _export(rev: str, into: Path) -> Path:
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev], check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def _measure(tree: Path, args: argparse.Namespace, subs: int) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", "--subs", str(subs)]
    command += ["--old", str(args.old), "--new", str(args.new), "--top-k", str(args.top_k)]
    command += ["--checks", str(args.checks)]
    done = subprocess.run(command, env=env, cwd=tree, check=True, capture_output=True, text=True)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _table(rows: list[dict[str, Any]], path: str, baseline: bool) -> list[str]:
    head = "| subscriptions | new flags | ms / flag | statements / flag | load |"
    if baseline:
        head = "| subscriptions | new flags | ms / flag before → after | statements / flag before → after | load |"
    lines = [head, "|" + " --- |" * (head.count("|") - 1)]
    for row in rows:
        after = row["after"][path]
        if baseline:
            before = row["before"][path]
            lines.append(
                f"| {row['subs']} | {after['new_flags']} | {before['ms_per_flag']} → **{after['ms_per_flag']}** "
                f"| {before['statements_per_flag']} → **{after['statements_per_flag']}** "
                f"| {before['load_1m']} / {after['load_1m']} |"
            )
        else:
            lines.append(
                f"| {row['subs']} | {after['new_flags']} | {after['ms_per_flag']} | {after['statements_per_flag']} "
                f"| {after['load_1m']} |"
            )
    return lines


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--subs", default="0,1,17,50")
    parser.add_argument("--old", type=int, default=200, help="claims on record before the run")
    parser.add_argument("--new", type=int, default=12, help="claims the job checks")
    parser.add_argument("--top-k", type=int, default=15)
    parser.add_argument("--checks", type=int, default=10)
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--baseline-rev", default="HEAD", help="git revision to compare with, or 'none'")
    parser.add_argument("--baseline-tree", default=None, help="an exported tree to compare with (instead of a rev)")
    parser.add_argument("--tree", default=str(ROOT), help="the tree measured as 'after' (default: this one)")
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "FLAG_FANOUT.md"))
    parser.add_argument("--note", default="", help="a line for the markdown (what before and after are)")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    counts = [int(s) for s in args.subs.split(",")]
    if args.worker:
        print(json.dumps(_worker(counts[0], args.old, args.new, args.top_k, args.checks)))
        return

    with tempfile.TemporaryDirectory(prefix="fanout-base-") as scratch:
        baseline: Path | None = None
        if args.baseline_tree:
            baseline = Path(args.baseline_tree)
        elif args.baseline_rev != "none":
            baseline = _export(args.baseline_rev, Path(scratch))
        rows: list[dict[str, Any]] = []
        for subs in counts:
            runs: dict[str, list[dict[str, Any]]] = {"before": [], "after": []}
            for _ in range(args.repeats):
                if baseline is not None:
                    runs["before"].append(_measure(baseline, args, subs))
                runs["after"].append(_measure(Path(args.tree), args, subs))
            row: dict[str, Any] = {"subs": subs}
            for side, measured in runs.items():
                if measured:  # the fastest repeat: the one least disturbed by other work on the machine
                    row[side] = {
                        path: min((m[path] for m in measured), key=lambda r: r["ms_per_flag"])
                        for path in ("job", "check")
                    }
            rows.append(row)
            print(json.dumps(row), flush=True)

    with_baseline = baseline is not None
    label = args.baseline_tree or args.baseline_rev
    given = list(argv if argv is not None else sys.argv[1:])
    if "--note" in given:  # the note is printed on its own line
        del given[given.index("--note") : given.index("--note") + 2]
    command = shlex.join(["python", "-m", "benchmarks.bench_flag_fanout", *given])
    md = [
        "# Flag fan-out: cost of raising a flag against the number of webhook subscriptions",
        "",
        f"`{command.strip()}` (SQLite, hashing encoder, rule judge; {args.old} look-alike claims on record, the job "
        f"checks {args.new} new ones with top_k {args.top_k}; {args.checks} checked statements; "
        f"fastest of {args.repeats} run(s) each{'; before = ' + label if with_baseline else ''}).",
        "Time and SQL statements are counted inside the flag-raising calls only (an executemany is one statement).",
        *([args.note] if args.note else []),
        "",
        "## Nightly job (`FlagService.raise_for_finding`)",
        "",
        *_table(rows, "job", with_baseline),
        "",
        "## POST /v1/check (`FlagService.raise_for_statement`)",
        "",
        *_table(rows, "check", with_baseline),
        "",
    ]
    out = Path(args.out)
    out.write_text("\n".join(md), encoding="utf-8")
    out.with_suffix(".json").write_text(
        json.dumps(
            {"command": command.strip(), "baseline": label if with_baseline else None, "note": args.note, "rows": rows},
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    print(out)


if __name__ == "__main__":
    main()
