"""Latency of ``POST /v1/check`` on a 10,000-claim record, on the embedded default (SQLite + sqlite-vec).

    python -m benchmarks.bench_check [--database-url URL] [--requests 200] [--top-k 10] [--threads N]
                                     [--judge rules|hybrid|both] [--out FILE.json]

The record is the 10,389 CLEF 2020 verified claims, stored through ``ClaimService.bulk`` exactly as
``benchmarks.eval_matching`` stores them (a fresh temporary SQLite file unless ``--database-url`` names one).
Requests go through the HTTP API in-process: FastAPI's ``TestClient`` against ``service.app.create_app`` with
the real all-MiniLM-L6-v2 encoder, so each timing covers authentication, validation, normalisation, encoding,
both indexes, fusion and re-ranking, the judge, flag writes and serialisation, but no network. The statements
are the CLEF dev and train tweets (real lengths and noise), cycled; five warm-up requests are not counted.

The judge is the rule judge, and also the hybrid NLI judge when its exported model is present
(``embeddings/nli/model``, or ``CLAIMLEDGER_NLI_MODEL_DIR``), with the service's defaults
(``CLAIMLEDGER_NLI_PRECISION`` auto: bf16 where the CPU has it natively; the
``CLAIMLEDGER_CHECK_JUDGE_MAX_MATCHES`` most similar matches judged by it). Each run also times the retrieval step alone
(``Retriever.candidates`` on a pre-computed query vector) so the cost of the indexes can be told apart from the
encoder's and the judge's.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Sequence
from itertools import cycle, islice
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks.eval_matching import ingest, load_claims, load_queries, prepare_run
from benchmarks.report import write_report
from db.engine import make_session_factory
from db.migrate import upgrade
from embeddings.encoder import load_encoder, model_key
from embeddings.judge import Judge
from embeddings.text_normalize import normalize_or_keep
from service.config import REPO_ROOT, Settings
from service.runtime import Runtime, load_judge
from service.services.keys import KeyService
from service.services.retrieval import Retriever

OUT_FILE = REPO_ROOT / "benchmarks" / "check_latency.json"
WARM_UP = 5


def summary(millis: Sequence[float]) -> dict[str, float]:
    ordered = sorted(millis)
    return {
        "n": len(ordered),
        "median_ms": round(statistics.median(ordered), 1),
        "p95_ms": round(float(np.percentile(ordered, 95)), 1),
        "mean_ms": round(statistics.fmean(ordered), 1),
        "max_ms": round(ordered[-1], 1),
    }


def time_api(runtime: Runtime, texts: Sequence[str], top_k: int) -> list[float]:
    from fastapi.testclient import TestClient

    from service.app import create_app

    with make_session_factory(runtime.engine)() as session:
        _, token = KeyService(session).create("bench-check", ["read"])
        session.commit()
    headers = {"Authorization": f"Bearer {token}"}
    millis: list[float] = []
    with TestClient(create_app(runtime.settings, runtime)) as client:
        for n, text in enumerate(texts):
            started = time.perf_counter()
            response = client.post("/v1/check", json={"text": text, "top_k": top_k}, headers=headers)
            elapsed = 1000 * (time.perf_counter() - started)
            if response.status_code != 200:
                raise RuntimeError(f"/v1/check answered {response.status_code}: {response.text[:300]}")
            if n >= WARM_UP:
                millis.append(elapsed)
    return millis


def time_retrieval(runtime: Runtime, texts: Sequence[str], top_k: int) -> list[float]:
    encoder = runtime.encoder
    vectors = encoder.encode([normalize_or_keep(t) for t in texts])
    millis: list[float] = []
    with make_session_factory(runtime.engine)() as session:
        retriever = Retriever(session, runtime.settings)
        for n, (text, vector) in enumerate(zip(texts, vectors, strict=True)):
            started = time.perf_counter()
            retriever.candidates(text, vector, model_key(encoder), top_k)
            if n >= WARM_UP:
                millis.append(1000 * (time.perf_counter() - started))
            session.rollback()
    return millis


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=None, help="default: a fresh temporary SQLite file")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--top-k", type=int, default=10)
    parser.add_argument("--threads", type=int, default=0, help="torch threads (0: torch's default)")
    parser.add_argument("--judge", choices=["rules", "hybrid", "both"], default="both")
    parser.add_argument("--out", type=Path, default=OUT_FILE)
    args = parser.parse_args(argv)
    base = Settings(torch_threads=args.threads)
    found = prepare_run(base, args.threads)
    if found is None:
        return 0
    data_dir = found

    statements = [q.text for split in ("dev", "train") for q in load_queries(data_dir, split)]
    texts = list(islice(cycle(statements), args.requests + WARM_UP))
    encoder = load_encoder("minilm")
    judges: list[tuple[str, Judge]] = []
    if args.judge in ("rules", "both"):
        judges.append(("rules", load_judge(base.model_copy(update={"judge": "rules"}))))
    if args.judge in ("hybrid", "both"):
        try:
            judges.append(("hybrid", load_judge(base.model_copy(update={"judge": "hybrid"}))))
        except FileNotFoundError as error:  # the NLI model is trained and exported separately
            print(f"hybrid judge skipped: {error}")

    report: dict[str, Any] = {"requests": args.requests, "top_k": args.top_k, "runs": []}
    with tempfile.TemporaryDirectory(prefix="claimledger-bench-") as tmp:
        url = args.database_url or f"sqlite:///{Path(tmp) / 'clef2020.db'}"
        upgrade(url)
        settings = base.model_copy(update={"database_url": url})
        runtime = Runtime.create(settings)
        claims = load_claims(data_dir)
        report["claims"] = len(claims)
        report["ingest"] = ingest(runtime.db, encoder, claims)
        report["database"] = runtime.engine.dialect.name
        report["encoder"] = model_key(encoder)
        report["torch_threads"] = args.threads or "default"
        report["check_judge_max_matches"] = settings.check_judge_max_matches
        report["nli_precision"] = settings.nli_precision
        report["cpus"] = os.cpu_count()
        report["load_average_at_start"] = [round(x, 2) for x in os.getloadavg()]
        for name, judge in judges:
            runtime.use_models(encoder, judge)
            api = summary(time_api(runtime, texts, args.top_k))
            retrieval = summary(time_retrieval(runtime, texts, args.top_k))
            report["runs"].append(
                {"judge": f"{name} ({judge.name}@{judge.version})", "check_api": api, "retrieval_only": retrieval}
            )
        report["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
        runtime.close()

    print(
        f"POST /v1/check on {report['claims']} claims ({report['database']}), top_k {args.top_k}, "
        f"{args.requests} requests, torch threads {report['torch_threads']}, load {report['load_average_at_start']}"
    )
    print(f"{'judge':40} {'stage':10} {'median':>8} {'p95':>8} {'mean':>8}")
    for run in report["runs"]:
        for stage in ("check_api", "retrieval_only"):
            r = run[stage]
            print(f"{run['judge']:40} {stage:10} {r['median_ms']:>8} {r['p95_ms']:>8} {r['mean_ms']:>8}")
    write_report(args.out, report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
