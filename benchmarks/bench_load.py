"""Under load: reads never wait behind the models, and concurrent checks beat serial ones.

    python -m benchmarks.bench_load [--claims 2000] [--checks 96] [--seconds 60] [--out benchmarks/load.json]
                                    [--workers 1] [--torch-threads N]

A real server (``claimledger serve`` in a subprocess, on loopback, the embedded default: SQLite + sqlite-vec, the
packaged MiniLM encoder and the hybrid NLI judge) holding the first ``--claims`` CLEF 2020 verified claims, driven
by client threads of this process over HTTP (httpx):

1. **Serial against concurrent checks**: ``--checks`` CLEF tweets checked one after another, then the same
   statements by 4 clients at once; the ratio of wall times is the concurrency speed-up (issue 22 target: >= 1.5),
   with each phase's model calls, items and seconds read from the server's ``GET /metrics`` (where the time went:
   ``benchmarks/LOAD.md``).
2. **Mixed load** for ``--seconds``: 4 clients checking tweets, 2 clients posting long articles (the seed article
   repeated to ~197k characters, so attribution extraction runs for seconds), and one client reading
   ``GET /v1/claims?limit=1`` back to back. Reported: every status code seen (target: zero 5xx), and the read's
   p50/p95/max (target: p95 <= 100 ms on an idle 2-core machine, <= 300 ms on a busy one).

The machine's load average is recorded with the numbers: on a shared machine they say as much about the
neighbours as about the service.

``--workers N`` serves with ``claimledger serve --workers N`` (N processes, each loading the models) and
``--torch-threads N`` sets ``CLAIMLEDGER_TORCH_THREADS`` for the server (default: torch's own choice, all cores):
one thread per process in several processes runs checks truly in parallel, at the price of a slower lone check
and the models in memory N times (the server's RSS, process by process, is recorded after the check phases).
Each process keeps its own ``GET /metrics`` counters, and a scrape reaches one of them, so with N > 1 the
per-phase model work is reported as unavailable rather than as one process's share.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import numpy as np

from benchmarks.eval_matching import load_claims, load_queries, prepare_run
from benchmarks.report import write_report
from service.config import REPO_ROOT, Settings

OUT_FILE = REPO_ROOT / "benchmarks" / "load.json"
CLIENTS = 4
DOCUMENT_CLIENTS = 2
DOCUMENT_CHARS = 197_000
STARTUP_TIMEOUT = 300.0
MODELS_UNAVAILABLE = (
    "unavailable with several server processes: each keeps its own /metrics counters and a scrape reaches one"
)


def server_options(workers: int, torch_threads: int | None) -> tuple[list[str], dict[str, str]]:
    """Extra ``claimledger serve`` arguments and environment for ``--workers`` / ``--torch-threads``; nothing
    extra for the defaults, so the default run is the one ``load.json``'s history was measured with."""
    if workers < 1:
        raise ValueError("--workers must be at least 1")
    if torch_threads is not None and torch_threads < 1:
        raise ValueError("--torch-threads must be at least 1")
    args = ["--workers", str(workers)] if workers != 1 else []
    env = {"CLAIMLEDGER_TORCH_THREADS": str(torch_threads)} if torch_threads is not None else {}
    return args, env


def process_tree_rss(pid: int, proc: Path = Path("/proc")) -> list[dict[str, Any]]:
    """Resident memory (MB) of ``pid`` and every process below it, from ``/proc`` (empty where there is none):
    what several server processes, each holding the models, cost."""
    children: dict[int, list[int]] = {}
    for status in proc.glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":\t", 1) for line in status.read_text().splitlines() if ":\t" in line)
        except OSError:
            continue
        children.setdefault(int(fields["PPid"].strip()), []).append(int(fields["Pid"].strip()))
    found: list[dict[str, Any]] = []
    todo = [pid]
    while todo:
        current = todo.pop(0)
        try:
            status_text = (proc / str(current) / "status").read_text()
            command = (proc / str(current) / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        rss = re.search(r"^VmRSS:\s+(\d+) kB", status_text, re.MULTILINE)
        found.append(
            {
                "pid": current,
                "rss_mb": round(int(rss.group(1)) / 1024, 1) if rss else 0.0,
                "command": " ".join(command.split())[:120],
            }
        )
        todo.extend(sorted(children.get(current, [])))
    return found


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """``claimledger serve`` in a subprocess on a fresh SQLite file, with a key of every scope."""

    def __init__(self, folder: Path, extra_env: dict[str, str] | None = None, serve_args: Sequence[str] = ()) -> None:
        self.port = _free_port()
        self.workers = int(serve_args[list(serve_args).index("--workers") + 1]) if "--workers" in serve_args else 1
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {
            **os.environ,
            "CLAIMLEDGER_DATABASE_URL": f"sqlite:///{folder / 'load.db'}",
            "CLAIMLEDGER_REPORTS_DIR": str(folder / "reports"),
            "CLAIMLEDGER_LOG_LEVEL": "warning",
            **(extra_env or {}),
        }
        claimledger = str(Path(sys.executable).with_name("claimledger"))
        created = subprocess.run(
            [claimledger, "keys", "create", "--name", "bench-load", "--scopes", "read,write,review,admin"],
            env=self.env,
            capture_output=True,
            text=True,
            check=True,
        )
        self.headers = {"Authorization": f"Bearer {created.stdout.strip().splitlines()[-1]}"}
        self.process = subprocess.Popen(
            [claimledger, "serve", "--port", str(self.port), *serve_args],
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.url}/readyz", timeout=5).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(1)
        self.stop()
        raise RuntimeError("the server did not become ready")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()


def percentiles(millis: Sequence[float]) -> dict[str, float]:
    if not millis:
        return {}
    ordered = sorted(millis)
    return {
        "n": len(ordered),
        "p50_ms": round(statistics.median(ordered), 1),
        "p95_ms": round(float(np.percentile(ordered, 95)), 1),
        "max_ms": round(ordered[-1], 1),
    }


def seed(server: Server, bodies: Sequence[dict[str, Any]]) -> float:
    started = time.perf_counter()
    with httpx.Client(base_url=server.url, headers=server.headers, timeout=600) as client:
        for start in range(0, len(bodies), 500):
            response = client.post("/v1/claims/bulk", json={"claims": list(bodies[start : start + 500])})
            response.raise_for_status()
    return time.perf_counter() - started


_MODEL_METRIC = re.compile(r'^claimledger_model_batch_(seconds|size)_(sum|count)\{model="(\w+)"\} (\S+)$')


def model_totals(server: Server) -> dict[str, float] | None:
    """The server's model-call totals from ``GET /metrics`` (``encoder_seconds_sum``, ``judge_size_count``, ...);
    None with several server processes, where a scrape reaches one process's counters only."""
    if server.workers > 1:
        return None
    reply = httpx.get(f"{server.url}/metrics", headers=server.headers, timeout=60)
    reply.raise_for_status()
    totals: dict[str, float] = {}
    for line in reply.text.splitlines():
        found = _MODEL_METRIC.match(line)
        if found:
            what, kind, model, value = found.groups()
            totals[f"{model}_{what}_{kind}"] = float(value)
    return totals


def model_work(before: dict[str, float] | None, after: dict[str, float] | None) -> dict[str, Any]:
    """Calls, items and seconds per model between two ``model_totals``: where a phase's time went (or why that is
    unknown)."""
    if before is None or after is None:
        return {"unavailable": MODELS_UNAVAILABLE}
    work: dict[str, Any] = {}
    for model in ("encoder", "judge"):
        calls = after.get(f"{model}_seconds_count", 0.0) - before.get(f"{model}_seconds_count", 0.0)
        items = after.get(f"{model}_size_sum", 0.0) - before.get(f"{model}_size_sum", 0.0)
        seconds = after.get(f"{model}_seconds_sum", 0.0) - before.get(f"{model}_seconds_sum", 0.0)
        work[model] = {"calls": int(calls), "items": int(items), "seconds": round(seconds, 2)}
    return work


def check_all(server: Server, texts: Sequence[str], clients: int) -> tuple[float, list[float], Counter[int]]:
    """Wall seconds to check every text with ``clients`` threads; each check's ms; status codes."""
    statuses: Counter[int] = Counter()
    millis: list[float] = []
    lock = threading.Lock()

    def one(client: httpx.Client, text: str) -> None:
        started = time.perf_counter()
        status = client.post("/v1/check", json={"text": text, "top_k": 10}).status_code
        with lock:
            statuses[status] += 1
            millis.append(1000 * (time.perf_counter() - started))

    started = time.perf_counter()
    with (
        httpx.Client(base_url=server.url, headers=server.headers, timeout=600) as client,
        ThreadPoolExecutor(clients) as pool,
    ):
        list(pool.map(lambda t: one(client, t), texts))
    return time.perf_counter() - started, millis, statuses


def mixed(server: Server, texts: Sequence[str], article: str, seconds: float) -> dict[str, Any]:
    stop = threading.Event()
    statuses: Counter[str] = Counter()
    reads: list[float] = []
    checks: list[float] = []
    documents: list[float] = []
    lock = threading.Lock()

    def loop(name: str, call: Callable[[httpx.Client, int], httpx.Response], into: list[float]) -> None:
        with httpx.Client(base_url=server.url, headers=server.headers, timeout=600) as client:
            n = 0
            while not stop.is_set():
                started = time.perf_counter()
                try:
                    status = str(call(client, n).status_code)
                except httpx.HTTPError as exc:
                    status = type(exc).__name__
                with lock:
                    statuses[f"{name} {status}"] += 1
                    into.append(1000 * (time.perf_counter() - started))
                n += 1

    def check(client: httpx.Client, n: int) -> httpx.Response:
        return client.post("/v1/check", json={"text": texts[n % len(texts)], "top_k": 10})

    def document(client: httpx.Client, n: int) -> httpx.Response:
        return client.post("/v1/documents", json={"text": f"{article}\n\n(copy {n})", "url": None})

    def read(client: httpx.Client, _n: int) -> httpx.Response:
        return client.get("/v1/claims", params={"limit": 1})

    threads = [threading.Thread(target=loop, args=("check", check, checks)) for _ in range(CLIENTS)]
    threads += [threading.Thread(target=loop, args=("document", document, documents)) for _ in range(DOCUMENT_CLIENTS)]
    threads.append(threading.Thread(target=loop, args=("read", read, reads)))
    for thread in threads:
        thread.start()
    time.sleep(seconds)
    stop.set()
    for thread in threads:
        thread.join()
    server_errors = sum(n for key, n in statuses.items() if key.split()[-1].startswith("5"))
    return {
        "seconds": seconds,
        "statuses": dict(sorted(statuses.items())),
        "server_errors": server_errors,
        "read": percentiles(reads),
        "check": percentiles(checks),
        "document": percentiles(documents),
    }


def long_article(settings: Settings) -> str:
    seed_text = (settings.shared_dir / "fixtures" / "esta-iraq-coalition-talks.txt").read_text(encoding="utf-8")
    copies = DOCUMENT_CHARS // len(seed_text) + 1
    return "\n\n".join([seed_text] * copies)[:DOCUMENT_CHARS]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--claims", type=int, default=2000, help="CLEF verified claims stored first")
    parser.add_argument("--checks", type=int, default=96, help="statements for the serial/concurrent comparison")
    parser.add_argument("--seconds", type=float, default=60.0, help="length of the mixed-load phase")
    parser.add_argument("--out", type=Path, default=OUT_FILE)
    parser.add_argument("--workers", type=int, default=1, help="server processes (claimledger serve --workers)")
    parser.add_argument(
        "--torch-threads", type=int, default=None, help="CLAIMLEDGER_TORCH_THREADS for the server (default: unset)"
    )
    args = parser.parse_args(argv)
    try:
        serve_args, serve_env = server_options(args.workers, args.torch_threads)
    except ValueError as exc:
        parser.error(str(exc))
    settings = Settings()
    data_dir = prepare_run(settings, 0)
    if data_dir is None:
        return 0
    bodies = [c.model_dump(mode="json", exclude_none=True) for c in load_claims(data_dir)[: args.claims]]
    texts = [q.text for q in load_queries(data_dir, "dev")]
    report: dict[str, Any] = {
        "claims": len(bodies),
        "cpus": os.cpu_count(),
        "load_before": os.getloadavg(),
        "workers": args.workers,
        "torch_threads": args.torch_threads,
    }
    with tempfile.TemporaryDirectory(prefix="claimledger-load-") as tmp:
        server = Server(Path(tmp), serve_env, serve_args)
        try:
            report["seed_s"] = round(seed(server, bodies), 1)
            sample = texts[: args.checks]
            check_all(server, texts[-4:], CLIENTS)  # warm-up
            before_serial = model_totals(server)
            serial_s, serial_ms, serial_status = check_all(server, sample, 1)
            before_concurrent = model_totals(server)
            concurrent_s, concurrent_ms, concurrent_status = check_all(server, sample, CLIENTS)
            after = model_totals(server)
            report["checks"] = {
                "statements": len(sample),
                "serial_s": round(serial_s, 2),
                "concurrent_s": round(concurrent_s, 2),
                "speedup": round(serial_s / concurrent_s, 2),
                "serial": percentiles(serial_ms),
                "concurrent": percentiles(concurrent_ms),
                "statuses": dict(serial_status + concurrent_status),
                "serial_models": model_work(before_serial, before_concurrent),
                "concurrent_models": model_work(before_concurrent, after),
            }
            processes = process_tree_rss(server.process.pid)
            report["server_rss"] = {"total_mb": round(sum(p["rss_mb"] for p in processes), 1), "processes": processes}
            report["mixed"] = mixed(server, texts, long_article(settings), args.seconds)
        finally:
            server.stop()
    report["load_after"] = os.getloadavg()
    print(json.dumps(report, indent=2))
    write_report(args.out, report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
