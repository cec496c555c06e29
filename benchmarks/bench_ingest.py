"""Bulk ingest end to end against the raw encoder: is writing claims as fast as encoding them?

    python -m benchmarks.bench_ingest [--claims 8000] [--batch 500] [--backends sqlite,postgresql]
        [--clients 1,2] [--out benchmarks/ingest.json]

Issue 23's target: bulk ingest at >= 0.8x the raw encoder rate, end to end, on both backends. Here:

- **raw encoder rate**: the service's encoder (``load_encoder(settings.encoder)``, its batch size and precision),
  in this process, over the same normalised texts, after a warm-up, measured again right before each run: the rate
  no ingest can beat;
- **end to end**: a real server (``claimledger serve`` on loopback, a fresh database each time: SQLite + sqlite-vec,
  or a throwaway PostgreSQL + pgvector from ``pgserver``) fed the first ``--claims`` CLEF 2020 verified claims by
  ``POST /v1/claims/bulk`` in ``--batch``-claim requests, by 1 and by 2 clients at once. Each request encodes its
  batch with no transaction open, then writes it (claims, vectors, both indexes) in one short transaction; two
  clients overlap one batch's encoding with the other's write.

The ratio of the two rates is the number to read; the machine's load average is recorded beside it.

``--chars 5000`` makes each claim the contract's longest (consecutive CLEF claims joined up to that many
characters, cut at a word): the extreme of issue 22, where the encoder reads each claim to its 256th word piece.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

from benchmarks.bench_load import Server
from benchmarks.eval_matching import load_claims, prepare_run
from benchmarks.report import write_report
from embeddings.encoder import load_encoder
from service.config import REPO_ROOT, Settings
from service.services.claims import encode_claim_texts

OUT_FILE = REPO_ROOT / "benchmarks" / "ingest.json"


def joined_to(texts: Sequence[str], chars: int) -> list[str]:
    """As many texts, each of consecutive ``texts`` joined with spaces up to ``chars`` characters, cut at a word."""
    out: list[str] = []
    at = 0
    for _ in texts:
        parts: list[str] = []
        while sum(len(p) + 1 for p in parts) < chars:
            parts.append(texts[at % len(texts)])
            at += 1
        joined = " ".join(parts)[:chars]
        out.append(joined[: joined.rfind(" ")] if len(joined) >= chars and " " in joined else joined)
    return out


def raw_encoder_rate(settings: Settings, texts: Sequence[str]) -> float:
    encoder = load_encoder(settings.encoder, settings.encoder_batch_size)
    encode_claim_texts(encoder, list(texts[:256]))  # warm-up
    started = time.perf_counter()
    encode_claim_texts(encoder, list(texts))
    return len(texts) / (time.perf_counter() - started)


@contextmanager
def database(backend: str, folder: Path) -> Iterator[dict[str, str]]:
    """The server's environment for a fresh database of ``backend``."""
    if backend == "sqlite":
        yield {"CLAIMLEDGER_DATABASE_URL": f"sqlite:///{folder / 'ingest.db'}"}
        return
    from pgserver.postgres_server import get_server

    server = get_server(str(folder / "pg"), cleanup_mode="stop")
    try:
        server.psql("CREATE DATABASE ingest;")
        url = server.get_uri("ingest").replace("postgresql://", "postgresql+psycopg://", 1)
        yield {"CLAIMLEDGER_DATABASE_URL": url}
    finally:
        server.cleanup()


def ingest(server: Server, bodies: Sequence[dict[str, Any]], batch: int, clients: int) -> float:
    """Seconds to post every body in ``batch``-sized bulk requests from ``clients`` threads."""
    batches = [list(bodies[i : i + batch]) for i in range(0, len(bodies), batch)]

    def post(chunk: list[dict[str, Any]]) -> None:
        with httpx.Client(base_url=server.url, headers=server.headers, timeout=600) as client:
            reply = client.post("/v1/claims/bulk", json={"claims": chunk})
            reply.raise_for_status()
            if reply.json()["created"] != len(chunk):
                raise RuntimeError(f"expected {len(chunk)} new claims, got {reply.json()}")

    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(post, batches))
    return time.perf_counter() - started


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--claims", type=int, default=8000)
    parser.add_argument("--batch", type=int, default=500, help="claims per POST /v1/claims/bulk (at most 1,000)")
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--clients", default="1,2")
    parser.add_argument("--chars", type=int, default=0, help="claims of this many characters (0: as written)")
    parser.add_argument("--out", type=Path, default=OUT_FILE)
    args = parser.parse_args(argv)
    settings = Settings()
    data_dir = prepare_run(settings, 0)
    if data_dir is None:
        return 0
    bodies = [
        {**c.model_dump(mode="json", exclude_none=True), "external_id": None}
        for c in load_claims(data_dir)[: args.claims]
    ]
    if args.chars:
        for body, text in zip(bodies, joined_to([str(b["text"]) for b in bodies], args.chars), strict=True):
            body["text"] = text
    report: dict[str, Any] = {
        "claims": len(bodies),
        "batch": args.batch,
        "chars": args.chars or None,
        "cpus": os.cpu_count(),
        "load_before": os.getloadavg(),
        "encoder": settings.encoder,
    }
    texts = [str(b["text"]) for b in bodies]
    runs = []
    raws: list[float] = []
    for backend in [b for b in args.backends.split(",") if b]:
        for clients in [int(c) for c in args.clients.split(",") if c]:
            # The raw rate again right before each run: a shared machine's speed drifts over the minutes a run takes
            # (one reading at the start was off by a third), and a ratio is only as good as its two rates' moment.
            raw = raw_encoder_rate(settings, texts)
            raws.append(raw)
            print(f"raw encoder: {raw:.0f} texts/s", flush=True)
            folder = Path(tempfile.mkdtemp(prefix="claimledger-ingest-"))
            try:
                with database(backend, folder) as env:
                    server = Server(folder, env)
                    try:
                        seconds = ingest(server, bodies, args.batch, clients)
                    finally:
                        server.stop()
            finally:
                shutil.rmtree(folder, ignore_errors=True)
            rate = len(bodies) / seconds
            runs.append(
                {
                    "backend": backend,
                    "clients": clients,
                    "seconds": round(seconds, 1),
                    "claims_per_s": round(rate, 1),
                    "raw_encoder_texts_per_s": round(raw, 1),
                    "of_raw_encoder": round(rate / raw, 2),
                }
            )
            print(f"{backend}, {clients} client(s): {rate:.0f} claims/s = {rate / raw:.2f}x raw", flush=True)
    report["raw_encoder_texts_per_s"] = round(sum(raws) / len(raws), 1) if raws else None
    report["runs"] = runs
    report["load_after"] = os.getloadavg()
    write_report(args.out, report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
