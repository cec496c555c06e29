"""How long `claimledger db copy` takes to move a record from SQLite to PostgreSQL.

    python -m benchmarks.bench_copy [--claims 20000] [--out benchmarks/copy_bench.json]

A synthetic record is written straight into a fresh SQLite database at head: ``--claims`` claims of twelve words,
one source per ten claims, each claim with a random unit 384-dimension vector (the size MiniLM makes; nothing is
encoded, the copy never encodes). It is then copied by ``db.copy.copy_record``, what the command runs, into an empty
database of a throwaway PostgreSQL + pgvector (``pgserver``) migrated to head beforehand, so the time read is the
copy's alone (PostgreSQL's keyword-index triggers included: they fill as the claims arrive). The machine's load
average is recorded beside it.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import insert

from benchmarks.report import write_reports
from db.copy import copy_record
from db.engine import make_engine
from db.migrate import upgrade
from db.models import Claim, ClaimEmbedding, Source

DEFAULT_OUT = Path(__file__).with_name("copy_bench.json")
DEFAULT_MARKDOWN = Path(__file__).with_name("COPY_BENCH.md")
DIMENSIONS = 384
_WORDS = [
    "budget",
    "deficit",
    "troops",
    "minister",
    "economy",
    "election",
    "tax",
    "growth",
    "inflation",
    "border",
    "health",
    "school",
    "water",
]


def synthetic_record(url: str, claims: int) -> None:
    """``claims`` claims with their sources and vectors, written in one transaction into the database at ``url``."""
    upgrade(url)
    rng = np.random.default_rng(0)
    now = datetime.now(UTC)
    sources = [
        {"id": str(uuid.uuid4()), "name": f"Speaker {i}", "name_key": f"speaker {i}", "kind": "person",
         "metadata": {}, "created_at": now, "updated_at": now}
        for i in range(max(claims // 10, 1))
    ]  # fmt: skip
    rows: list[dict[str, Any]] = []
    vectors: list[dict[str, Any]] = []
    for i in range(claims):
        claim_id = str(uuid.uuid4())
        rows.append(
            {"id": claim_id, "text": " ".join(rng.choice(_WORDS, 12)) + f" {i}",
             "speaker_id": sources[i % len(sources)]["id"], "said_at": now - timedelta(days=i % 900),
             "said_at_is_date": bool(i % 2), "kind": "statement", "stance": "asserts", "metadata": {"n": i},
             "created_at": now, "updated_at": now}
        )  # fmt: skip
        vector = rng.standard_normal(DIMENSIONS).astype(np.float32)
        vectors.append(
            {"id": str(uuid.uuid4()), "claim_id": claim_id, "model_key": "bench@1", "model_name": "bench",
             "model_version": "1", "dim": DIMENSIONS, "embedding": vector / np.linalg.norm(vector),
             "created_at": now}
        )  # fmt: skip
    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(insert(Source), sources)
            conn.execute(insert(Claim), rows)
            conn.execute(insert(ClaimEmbedding), vectors)
    finally:
        engine.dispose()


def measure(claims: int) -> dict[str, Any]:
    from pgserver.postgres_server import get_server

    with tempfile.TemporaryDirectory(prefix="claimledger-copy-") as folder:
        source = f"sqlite:///{Path(folder) / 'record.db'}"
        synthetic_record(source, claims)
        server = get_server(str(Path(folder) / "pg"), cleanup_mode="stop")
        try:
            server.psql("CREATE DATABASE copy_target;")
            target = server.get_uri("copy_target").replace("postgresql://", "postgresql+psycopg://", 1)
            upgrade(target)  # migrations timed apart: the copy finds the target at head
            started = time.perf_counter()
            counts = copy_record(source, target)
            seconds = time.perf_counter() - started
        finally:
            server.cleanup()
    rows = sum(count.target for count in counts)
    return {
        "command": "python -m benchmarks.bench_copy" + ("" if claims == 20_000 else f" --claims {claims}"),
        "claims": claims,
        "rows": rows,
        "seconds": round(seconds, 1),
        "rows_per_second": round(rows / seconds),
        "counts_match": all(count.matches for count in counts),
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }


def render(report: dict[str, Any]) -> str:
    return (
        "# `claimledger db copy`: SQLite to PostgreSQL\n\n"
        f"Made by `{report['command']}` (see the module docstring for the record it builds). Load average beside "
        f"it: {', '.join(str(x) for x in report['load_average'])} (2 cores).\n\n"
        "| claims | rows copied | seconds | rows/s | row counts match |\n| ---: | ---: | ---: | ---: | --- |\n"
        f"| {report['claims']:,} | {report['rows']:,} | {report['seconds']} | {report['rows_per_second']:,} | "
        f"{'yes' if report['counts_match'] else 'no'} |\n"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--claims", type=int, default=20_000)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--markdown", type=Path, default=None)
    args = parser.parse_args()
    report = measure(args.claims)
    write_reports(args.out, report, args.markdown, render, DEFAULT_OUT, DEFAULT_MARKDOWN)


if __name__ == "__main__":
    main()
