"""The record at scale: ingest, vector index, recall and ``/v1/check`` latency on SQLite (vec0) and PostgreSQL (HNSW).

    nice -n 19 python -m benchmarks.scale_corpus --size 1000000        # once: texts and MiniLM vectors, cached
    python -m benchmarks.bench_scale --backend sqlite --sizes 10000,100000,300000
    python -m benchmarks.bench_scale --backend postgresql --sizes 100000,1000000 [--hnsw 16:64,24:128]
    python -m benchmarks.bench_scale --report                           # tables and plots into SCALE.md

For each backend and size, a database of that many claims (the first N of the cached corpus, see
``benchmarks.scale_corpus``) is built through ``ClaimService.bulk``, the code behind ``POST /v1/claims/bulk``,
1,000 claims per transaction, with an encoder that looks the cached vectors up (encoding a million sentences is
measured once, by the corpus build, not again on every ingest). Then:

- **ingest**: claims/s written (claims, vectors, both indexes kept in step); on PostgreSQL without the HNSW index
  (bulk load), then the last ``LATE_BATCH`` claims with it; on SQLite the vec0 and FTS5 tables are always live.
- **HNSW build** (PostgreSQL): ``CREATE INDEX`` time and size for each ``--hnsw m:ef_construction``, the last
  one kept for the rest of the run.
- **recall@10**: for ``--queries`` CLEF tweets (real statements, encoded with the service's encoder), the top 10
  of what the retriever asks the vector index for (``retrieval_candidates`` hits) against the exact top 10
  (numpy over the cached vectors); on PostgreSQL for each ``--ef-search``, with the look-up's latency.
- **retrieval**: ``Retriever.candidates`` alone (both indexes, fusion; no encoder, no judge), per query.
- **floor**: in process, encoding the statement and judging its 3 best matches both ways (6 pairs, one call):
  what ``/v1/check`` cannot do without; rule judge and hybrid NLI judge.
- **/v1/check over HTTP**: a real uvicorn server on loopback (the app as ``claimledger serve`` runs it) and 1, 4
  and 16 concurrent clients, each level bounded by ``--requests`` and ``--seconds``; p50/p95/p99 and requests/s,
  with the rule judge (the index and service cost) and the hybrid judge (end to end); the server's RSS.
- **disk**: the database's size, and its parts.

Results go to ``benchmarks/scale_results.json`` (one entry per backend, size and run, merged), ``--report`` renders
the tables of ``benchmarks/SCALE.md`` and its plots from it.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import Engine, insert, select, text

from benchmarks.eval_matching import load_queries
from benchmarks.report import write_report
from benchmarks.scale_corpus import CACHE_DIR, Corpus, claim_texts
from benchmarks.scale_corpus import load as load_corpus
from db.database import Database
from db.engine import make_engine, make_session_factory
from db.hnsw import HNSW_INDEX, hnsw_parameters, rebuild_hnsw
from db.lexical_index import LexicalIndex
from db.migrate import upgrade
from db.models import Claim, Source
from db.types import new_id
from db.vector_index import VectorIndex
from db.vector_mirror import VectorMirror
from embeddings.encoder import Encoder, load_encoder
from embeddings.judge import Judge
from embeddings.text_normalize import normalize, normalize_or_keep
from service.config import REPO_ROOT, Settings
from service.runtime import load_judge
from service.schemas import ClaimCreate
from service.services.claims import ClaimService
from service.services.keys import KeyService
from service.services.retrieval import Retriever

RESULTS = REPO_ROOT / "benchmarks" / "scale_results.json"
BATCH = 1000
LATE_BATCH = 2000  # claims ingested after the HNSW index exists (PostgreSQL): the rate of everyday writes
SPEAKERS = 2000
CLEF = "data/clef2020-claim-matching"
# A PostgreSQL sized for a million claims on this machine (pgserver's defaults are 128 MB of shared buffers and
# 64 MB for index builds, less than one HNSW graph of 1M vectors).
PG_SETTINGS = {
    "shared_buffers": "4GB",
    "maintenance_work_mem": "4GB",
    "effective_cache_size": "12GB",
    "max_parallel_maintenance_workers": "1",
    "work_mem": "32MB",
    "max_wal_size": "8GB",
    "checkpoint_timeout": "30min",
}


@dataclass(frozen=True, slots=True)
class Backend:
    name: str  # sqlite | postgresql
    url: str
    engine: Engine

    @property
    def is_pg(self) -> bool:
        return self.name == "postgresql"


class CachedEncoder:
    """The corpus's MiniLM vectors looked up by text: ingest measures the database, not the encoder again."""

    def __init__(self, corpus: Corpus, name: str, version: str) -> None:
        self.name, self.version, self.dim = name, version, int(corpus.vectors.shape[1])
        self._rows = {normalize_or_keep(t): i for i, t in enumerate(corpus.texts)}
        self._vectors = corpus.vectors

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        return self._vectors[[self._rows[t] for t in texts]]


def percentiles(millis: Sequence[float]) -> dict[str, float]:
    if not millis:
        return {"n": 0}
    values = np.asarray(millis)
    return {
        "n": len(values),
        "p50_ms": round(float(np.percentile(values, 50)), 1),
        "p95_ms": round(float(np.percentile(values, 95)), 1),
        "p99_ms": round(float(np.percentile(values, 99)), 1),
        "mean_ms": round(float(values.mean()), 1),
    }


# --- databases -------------------------------------------------------------------------------------------------


def pg_server(data_dir: Path) -> Any:
    """pgserver in ``data_dir`` with PG_SETTINGS (restarted once to apply them); left running between runs."""
    import importlib

    from pgserver.postgres_server import get_server

    data_dir.parent.mkdir(parents=True, exist_ok=True)
    server = get_server(str(data_dir), cleanup_mode=None)
    applied = data_dir / "claimledger-bench-settings.json"
    if not applied.is_file() or json.loads(applied.read_text()) != PG_SETTINGS:
        for name, value in PG_SETTINGS.items():
            server.psql(f"ALTER SYSTEM SET {name} = '{value}';")
        # pgserver's own pg_ctl wrapper: it runs as pgserver's unprivileged user (pg_ctl refuses root).
        pg_ctl = importlib.import_module("pgserver._commands").pg_ctl
        pg_ctl(["-w", "-l", str(server.log), "restart"], pgdata=data_dir, user=server.system_user)
        applied.write_text(json.dumps(PG_SETTINGS))
    return server


def open_backend(name: str, size: int, cache_dir: Path, fresh: bool, label: str = "") -> Backend:
    if name == "sqlite":
        path = cache_dir / "db" / f"sqlite-{label}{size}.db"
        path.parent.mkdir(parents=True, exist_ok=True)
        if fresh:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        url = f"sqlite:///{path}"
    else:
        server = pg_server(cache_dir / "pg")
        database = f"scale_{label}{size}"
        if fresh:
            server.psql(f"DROP DATABASE IF EXISTS {database};")
        if database not in server.psql("SELECT datname FROM pg_database;"):
            server.psql(f"CREATE DATABASE {database};")
        url = server.get_uri(database).replace("postgresql://", "postgresql+psycopg://", 1)
    upgrade(url)
    return Backend(name, url, make_engine(url))


def claim_count(backend: Backend) -> int:
    with backend.engine.connect() as conn:
        return int(conn.execute(text("SELECT count(*) FROM claims")).scalar_one())


def disk_usage(backend: Backend) -> dict[str, Any]:
    if not backend.is_pg:
        path = Path(backend.url.removeprefix("sqlite:///"))
        raw = backend.engine.raw_connection()  # autocommit at the driver: a checkpoint runs outside a transaction
        try:
            raw.cursor().execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            raw.close()
        files = [Path(f"{path}{s}") for s in ("", "-wal")]
        return {"total_mb": round(sum(f.stat().st_size for f in files if f.is_file()) / 1e6, 1)}
    parts = {
        "total": "pg_database_size(current_database())",
        "claims": "pg_total_relation_size('claims')",
        "claim_embeddings": "pg_relation_size('claim_embeddings')",
        "hnsw_index": f"coalesce(pg_relation_size(to_regclass('{HNSW_INDEX}')), 0)",
        "keyword_postings": "coalesce(pg_total_relation_size(to_regclass('claim_terms')), 0)",
    }
    with backend.engine.connect() as conn:
        return {
            f"{k}_mb": round(int(conn.execute(text(f"SELECT {v}")).scalar_one()) / 1e6, 1) for k, v in parts.items()
        }


def pg_pss_mb(backend: Backend) -> float | None:
    """Proportional set size of every PostgreSQL process (shared buffers counted once, not per backend)."""
    if not backend.is_pg:
        return None
    with backend.engine.connect() as conn:
        data_dir = str(conn.execute(text("SHOW data_directory")).scalar_one())
    postmaster = int((Path(data_dir) / "postmaster.pid").read_text().split()[0])
    pids = [postmaster] + [p for p in _all_pids() if _ppid(p) == postmaster]
    return round(sum(_smaps_kb(p, "Pss") for p in pids) / 1e3, 1)


def _all_pids() -> list[int]:
    return [int(p) for p in os.listdir("/proc") if p.isdigit()]


def _ppid(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        return -1


def _smaps_kb(pid: int, field: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _status_kb(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    return 0


# --- ingest and index build ------------------------------------------------------------------------------------


def claim_bodies(corpus: Corpus, start: int, end: int) -> list[ClaimCreate]:
    day0 = datetime(2015, 1, 1, tzinfo=UTC)
    return [
        ClaimCreate.model_validate(
            {
                "text": corpus.texts[i],
                "speaker": f"Speaker {i % SPEAKERS}",
                "said_at": (day0 + timedelta(days=i % 3650)).date().isoformat(),
                "external_id": f"scale:{i}",
            }
        )
        for i in range(start, end)
    ]


def ingest(backend: Backend, encoder: Encoder, corpus: Corpus, start: int, end: int, label: str) -> dict[str, Any]:
    """Claims [start, end) through ClaimService.bulk (a read transaction, encoding, one write transaction per
    BATCH); claims/s."""
    db = Database.connect(backend.url)
    service = ClaimService(db, encoder)
    began = time.perf_counter()
    shown = began
    for lo in range(start, end, BATCH):
        service.bulk(claim_bodies(corpus, lo, min(end, lo + BATCH)))
        now = time.perf_counter()
        if now - shown > 30:
            done = min(end, lo + BATCH) - start
            print(f"  {label}: {done:,}/{end - start:,} ({done / (now - began):.0f}/s)", flush=True)
            shown = now
    seconds = time.perf_counter() - began
    db.dispose()
    return {"claims": end - start, "seconds": round(seconds, 1), "claims_per_s": round((end - start) / seconds, 1)}


def drop_hnsw(backend: Backend) -> None:
    with backend.engine.begin() as conn:
        conn.execute(text(f"DROP INDEX IF EXISTS {HNSW_INDEX}"))


def build_hnsw(backend: Backend, m: int, ef_construction: int) -> dict[str, Any]:
    """The migration's HNSW index with these parameters, built in one pass (nothing searches meanwhile)."""
    seconds = rebuild_hnsw(
        backend.engine, m, ef_construction, maintenance_work_mem=PG_SETTINGS["maintenance_work_mem"], concurrently=False
    )
    with backend.engine.connect() as conn:
        size = int(conn.execute(text(f"SELECT pg_relation_size('{HNSW_INDEX}')")).scalar_one())
        conn.commit()
    with backend.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM ANALYZE claims"))
        conn.execute(text("VACUUM ANALYZE claim_embeddings"))
    return {"m": m, "ef_construction": ef_construction, "seconds": round(seconds, 1), "size_mb": round(size / 1e6, 1)}


# --- queries, recall, retrieval, floor --------------------------------------------------------------------------


def statements(shared_dir: Path, count: int) -> list[str]:
    data = shared_dir / CLEF
    texts = [q.text for split in ("dev", "train") for q in load_queries(data, split)]
    return texts[:count]


def claim_ids_in_order(backend: Backend, size: int) -> list[str]:
    """Claim ids by corpus row (external_id scale:<row>)."""
    ids: list[str] = [""] * size
    with backend.engine.connect() as conn:
        for claim_id, external_id in conn.execute(select(Claim.id, Claim.external_id)):
            if external_id and external_id.startswith("scale:"):
                row = int(external_id.split(":", 1)[1])
                if row < size:
                    ids[row] = claim_id
    return ids


def exact_top(stored: np.ndarray, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Row numbers of the k nearest claims per query, by cosine over the stored rows' cached vectors (ties:
    earlier row), and the k-th nearest's cosine distance per query."""
    tops, kth = [], []
    for lo in range(0, len(queries), 64):
        scores = queries[lo : lo + 64] @ stored.T
        part = np.argpartition(-scores, k, axis=1)[:, :k]
        for row, cand in zip(scores, part, strict=True):
            ordered = cand[np.lexsort((cand, -row[cand]))]
            tops.append(ordered)
            kth.append(1.0 - float(row[ordered[-1]]))
    return np.asarray(tops), np.asarray(kth)


RECALL_EPSILON = 1e-3  # ann-benchmarks' tolerance: a hit as near as the true 10th (within it) is a right answer


def knn_recall(
    backend: Backend,
    key: str,
    queries: np.ndarray,
    truth: list[list[str]],
    fetch: int,
    ef_search: int | None,
    kth_distance: np.ndarray | None = None,
    mirror: VectorMirror | None = None,
) -> dict[str, Any]:
    """Recall@10 of the index's answer to what the retriever asks (``fetch`` hits), with each look-up's latency.

    ``recall_at_10`` counts the exact top ten's ids; ``recall_at_10_ties`` (with ``kth_distance``) counts, as
    ann-benchmarks does, every hit no farther than the true 10th plus ``RECALL_EPSILON``: the synthetic record says
    many statements twice with different suffixes, so the 10th place is often a tie that either id fills.
    ``mirror`` (SQLite): search the in-memory copy instead of vec0; its one-off load is timed apart."""
    millis: list[float] = []
    recall: list[float] = []
    tied: list[float] = []
    with make_session_factory(backend.engine)() as session:
        index = VectorIndex(session, hnsw_ef_search=ef_search, mirror=mirror)
        began = time.perf_counter()
        index.search(queries[0], key, fetch)
        first_s = time.perf_counter() - began
        session.rollback()
        for query, expected in zip(queries, truth, strict=True):
            began = time.perf_counter()
            hits = index.search(query, key, fetch)
            millis.append(1000 * (time.perf_counter() - began))
            session.rollback()
            recall.append(len({h.claim_id for h in hits[:10]} & set(expected)) / 10)
            if kth_distance is not None:
                limit = kth_distance[len(tied)] + RECALL_EPSILON
                tied.append(sum(1 for h in hits[:10] if h.cosine_distance <= limit) / 10)
    ties = {"recall_at_10_ties": round(float(np.mean(tied)), 4)} if tied else {}
    kind = "hnsw" if backend.is_pg else ("mirror" if mirror is not None else "vec0")
    loaded = {"mirror_load_s": round(first_s, 2)} if mirror is not None else {}
    return {
        "index": kind,
        "ef_search": ef_search,
        "recall_at_10": round(float(np.mean(recall)), 4),
        **ties,
        **percentiles(millis),
        **loaded,
    }


def exact_latency(backend: Backend, key: str, queries: np.ndarray, fetch: int) -> dict[str, Any]:
    millis = []
    with make_session_factory(backend.engine)() as session:
        index = VectorIndex(session)
        for query in queries:
            began = time.perf_counter()
            index.exact_search(query, key, fetch)
            millis.append(1000 * (time.perf_counter() - began))
            session.rollback()
    return percentiles(millis)


def retrieval_latency(
    backend: Backend,
    settings: Settings,
    key: str,
    texts: Sequence[str],
    vectors: np.ndarray,
    mirror: VectorMirror | None = None,
) -> dict[str, Any]:
    """Retriever.candidates (both indexes, fusion, re-rank) on pre-computed query vectors; ms per statement."""
    millis = []
    with make_session_factory(backend.engine)() as session:
        retriever = Retriever(session, settings, mirror)
        retriever.candidates(texts[0], vectors[0], key, 10)
        session.rollback()
        for statement, vector in zip(texts, vectors, strict=True):
            began = time.perf_counter()
            retriever.candidates(statement, vector, key, 10)
            millis.append(1000 * (time.perf_counter() - began))
            session.rollback()
    return percentiles(millis)


def floor_latency(encoder: Encoder, judge: Judge, texts: Sequence[str], matches: Sequence[Sequence[str]]) -> Any:
    """Encode each statement alone, then judge its 3 best matches both ways in one call: ms per statement (and
    the two parts' medians)."""
    total, encode, judging = [], [], []
    encoder.encode([normalize_or_keep(texts[0])])
    for statement, claims in zip(texts, matches, strict=True):
        began = time.perf_counter()
        encoder.encode([normalize_or_keep(statement)])
        encoded = time.perf_counter()
        pairs = [(c, statement) for c in claims[:3]] + [(statement, c) for c in claims[:3]]
        judge.judge([(normalize_or_keep(a), normalize_or_keep(b)) for a, b in pairs])
        done = time.perf_counter()
        total.append(1000 * (done - began))
        encode.append(1000 * (encoded - began))
        judging.append(1000 * (done - encoded))
    return {
        **percentiles(total),
        "encode_p50_ms": round(float(np.median(encode)), 1),
        "judge_p50_ms": round(float(np.median(judging)), 1),
    }


def best_matches(
    backend: Backend, settings: Settings, key: str, texts: Sequence[str], vectors: np.ndarray
) -> list[list[str]]:
    out = []
    with make_session_factory(backend.engine)() as session:
        retriever = Retriever(session, settings)
        for statement, vector in zip(texts, vectors, strict=True):
            ids = [c.claim_id for c in retriever.candidates(statement, vector, key, 3)]
            rows = {
                str(r[0]): str(r[1]) for r in session.execute(select(Claim.id, Claim.text).where(Claim.id.in_(ids)))
            }
            out.append([rows[i] for i in ids if i in rows])
            session.rollback()
    return out


# --- /v1/check over HTTP ---------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def served(backend: Backend, judge: str, ef_search: int, threads: int, log: Path) -> Iterator[tuple[str, int]]:
    """``uvicorn service.app:create_app --factory`` on loopback against the database; its URL and pid."""
    port = free_port()
    env = {
        **os.environ,
        "CLAIMLEDGER_DATABASE_URL": backend.url,
        "CLAIMLEDGER_JUDGE": judge,
        "CLAIMLEDGER_HNSW_EF_SEARCH": str(ef_search),
        "CLAIMLEDGER_LOG_LEVEL": "warning",
        "CLAIMLEDGER_TORCH_THREADS": str(threads),
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
    }
    command = [sys.executable, "-m", "uvicorn", "service.app:create_app", "--factory", "--host", "127.0.0.1"]
    with log.open("ab") as out:
        process = subprocess.Popen(
            [*command, "--port", str(port), "--log-level", "warning"], env=env, stdout=out, stderr=out
        )
    base = f"http://127.0.0.1:{port}"
    try:
        import httpx

        deadline = time.monotonic() + 300
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"the server exited ({process.returncode}); see {log}")
            try:
                if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"the server was not ready in 300 s; see {log}")
            time.sleep(0.5)
        yield base, process.pid
    finally:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()


def api_token(backend: Backend) -> str:
    with make_session_factory(backend.engine)() as session:
        _, token = KeyService(session).create("bench-scale", ["read"])
        session.commit()
    return token


def load_level(
    base: str, token: str, texts: Sequence[str], clients: int, requests: int, seconds: float
) -> dict[str, Any]:
    """``clients`` threads posting /v1/check back to back until ``requests`` are done or ``seconds`` pass."""
    import httpx

    headers = {"Authorization": f"Bearer {token}"}
    lock = threading.Lock()
    issued = 0
    millis: list[float] = []
    errors: dict[str, int] = {}  # status code or transport error -> count
    stop_at = time.monotonic() + seconds

    def client(offset: int) -> None:
        nonlocal issued
        with httpx.Client(base_url=base, headers=headers, timeout=120) as http:
            for warm in range(2):
                with suppress(httpx.TransportError):
                    http.post("/v1/check", json={"text": texts[(offset + warm) % len(texts)], "top_k": 10})
            while True:
                with lock:
                    if issued >= requests or time.monotonic() > stop_at:
                        return
                    n = issued
                    issued += 1
                began = time.perf_counter()
                try:
                    response = http.post(
                        "/v1/check", json={"text": texts[(offset * 7919 + n) % len(texts)], "top_k": 10}
                    )
                    status = str(response.status_code)
                except httpx.TransportError as error:  # a refused or reset connection counts, and the run goes on
                    status = type(error).__name__
                elapsed = 1000 * (time.perf_counter() - began)
                with lock:
                    if status == "200":
                        millis.append(elapsed)
                    else:
                        errors[status] = errors.get(status, 0) + 1

    began = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(client, range(clients)))
    wall = time.perf_counter() - began
    return {
        "clients": clients,
        "errors": errors,
        "requests_per_s": round(len(millis) / wall, 2),
        **percentiles(millis),
    }


def http_runs(
    backend: Backend,
    judges: Sequence[str],
    ef_search: int,
    texts: Sequence[str],
    levels: Sequence[int],
    requests: int,
    seconds: float,
    threads: int,
    log: Path,
) -> list[dict[str, Any]]:
    token = api_token(backend)
    runs = []
    for judge in judges:
        with served(backend, judge, ef_search, threads, log) as (base, pid):
            for clients in levels:
                result = load_level(base, token, texts, clients, requests, seconds)
                result.update(
                    judge=judge,
                    server_rss_mb=round(_status_kb(pid, "VmRSS") / 1e3, 1),
                    server_peak_rss_mb=round(_status_kb(pid, "VmHWM") / 1e3, 1),
                    postgres_pss_mb=pg_pss_mb(backend),
                )
                print(f"  /v1/check {judge} x{clients}: {result}", flush=True)
                runs.append(result)
    return runs


# --- one backend and size --------------------------------------------------------------------------------------


def run_one(args: argparse.Namespace, backend_name: str, size: int) -> dict[str, Any]:
    settings = Settings()
    corpus = load_corpus(size, args.cache_dir)
    real = load_encoder("minilm")
    key = f"{real.name}@{real.version}"
    if key != corpus.model_key:
        raise SystemExit(f"the corpus was encoded by {corpus.model_key}, the service's encoder is {key}")
    cached = CachedEncoder(corpus, real.name, real.version)
    print(f"{backend_name} at {size:,} claims", flush=True)
    backend = open_backend(backend_name, size, args.cache_dir, args.fresh)
    entry: dict[str, Any] = {
        "backend": backend_name,
        "size": size,
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "command": "python -m benchmarks.bench_scale " + shlex.join(sys.argv[1:]),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at start",
        "pg_settings": PG_SETTINGS if backend.is_pg else None,
        "torch_threads": args.torch_threads,
    }
    try:
        have = claim_count(backend)
        if have not in (0, size):
            raise SystemExit(f"{backend.url} holds {have} claims, not 0 or {size}: rerun with --fresh")
        if have == 0:
            if backend.is_pg:
                drop_hnsw(backend)
                entry["ingest"] = ingest(backend, cached, corpus, 0, size - LATE_BATCH, "bulk load, no HNSW")
            else:
                entry["ingest"] = ingest(backend, cached, corpus, 0, size - LATE_BATCH, "ingest")
        else:
            print(f"  reusing the {size:,} claims already in {backend.name}", flush=True)
        if backend.is_pg:
            builds = []
            for m, ef_construction in args.hnsw if (have == 0 or args.rebuild) else []:
                builds.append(build_hnsw(backend, m, ef_construction))
                print(f"  HNSW m={m} ef_construction={ef_construction}: {builds[-1]}", flush=True)
                if len(args.hnsw) > 1:
                    entry.setdefault("hnsw_grid", []).append({**builds[-1], **knn_grid(args, backend, corpus, key)})
            entry["hnsw_builds"] = builds
            entry["hnsw"] = hnsw_parameters(backend.engine)
        if have == 0:
            entry["ingest_late"] = ingest(backend, cached, corpus, size - LATE_BATCH, size, "ingest, indexes live")
        entry.update(knn_grid(args, backend, corpus, key))
        texts = statements(settings.shared_dir, args.queries)
        vectors = real.encode([normalize_or_keep(t) for t in texts])
        sample = slice(0, min(len(texts), args.retrieval_queries))
        entry["exact_scan"] = exact_latency(backend, key, vectors[: min(20, len(texts))], settings.retrieval_candidates)
        run_settings = settings.model_copy(update={"hnsw_ef_search": args.serve_ef_search})
        # As the server runs: on SQLite through the in-memory mirror unless CLAIMLEDGER_VECTOR_MIRROR is off.
        mirror = VectorMirror() if not backend.is_pg and settings.vector_mirror else None
        entry["vector_mirror"] = mirror is not None
        entry["retrieval"] = retrieval_latency(backend, run_settings, key, texts[sample], vectors[sample], mirror)
        if mirror is not None:
            entry["retrieval_vec0"] = retrieval_latency(backend, run_settings, key, texts[sample], vectors[sample])
        matches = best_matches(backend, run_settings, key, texts[sample], vectors[sample])
        entry["floor"] = {
            judge: floor_latency(real, load_judge(settings.model_copy(update={"judge": judge})), texts[sample], matches)
            for judge in args.judges
        }
        entry["disk"] = disk_usage(backend)
        entry["serve_ef_search"] = args.serve_ef_search
        if args.requests > 0:
            all_texts = statements(settings.shared_dir, 10_000)
            log = args.cache_dir / "server.log"
            entry["check_http"] = http_runs(
                backend,
                args.judges,
                args.serve_ef_search,
                all_texts,
                args.clients,
                args.requests,
                args.seconds,
                args.torch_threads,
                log,
            )
        entry["disk_after"] = disk_usage(backend)
    finally:
        backend.engine.dispose()
    return entry


def knn_grid(args: argparse.Namespace, backend: Backend, corpus: Corpus, key: str) -> dict[str, Any]:
    settings = Settings()
    texts = statements(settings.shared_dir, args.queries)
    encoder = load_encoder("minilm")
    vectors = encoder.encode([normalize_or_keep(t) for t in texts])
    ids = claim_ids_in_order(backend, len(corpus.texts))
    # Only the rows stored so far: on PostgreSQL the grid runs before the last LATE_BATCH claims arrive.
    stored = sum(1 for claim_id in ids if claim_id)
    if any(not claim_id for claim_id in ids[:stored]):
        raise SystemExit("the stored claims are not a prefix of the corpus")
    tops, kth = exact_top(corpus.vectors[:stored], vectors, 10)
    truth = [[ids[row] for row in top] for top in tops]
    fetch = settings.retrieval_candidates
    grid = args.ef_search if backend.is_pg else [None]
    results = []
    for ef_search in grid:
        results.append(knn_recall(backend, key, vectors, truth, fetch, ef_search, kth))
        print(f"  knn {results[-1]}", flush=True)
    if not backend.is_pg:
        results.append(knn_recall(backend, key, vectors, truth, fetch, None, kth, mirror=VectorMirror()))
        print(f"  knn {results[-1]}", flush=True)
    return {"knn": results, "knn_queries": len(texts), "knn_fetch": fetch}


# --- the keyword leg alone, at sizes with no vectors cached ----------------------------------------------------


def store_texts(backend: Backend, texts: Sequence[str]) -> dict[str, Any]:
    """The claims' rows straight into the table, 10,000 per transaction (the keyword indexes follow through their
    triggers and generated columns; no vectors): claims/s."""
    speaker_id = new_id()
    now = datetime.now(UTC)
    with backend.engine.begin() as conn:
        conn.execute(
            insert(Source),
            {"id": speaker_id, "name": "Desk", "name_key": "desk", "kind": "unknown", "metadata": {}},
        )
    began = time.perf_counter()
    for lo in range(0, len(texts), 10_000):
        rows = [
            {
                "id": new_id(),
                "text": t,
                "speaker_id": speaker_id,
                "said_at_is_date": False,
                "kind": "statement",
                "stance": "asserts",
                "external_id": f"keyword:{lo + i}",
                "metadata": {},
                "created_at": now,
                "updated_at": now,
            }
            for i, t in enumerate(texts[lo : lo + 10_000])
        ]
        with backend.engine.begin() as conn:
            conn.execute(insert(Claim), rows)
    seconds = time.perf_counter() - began
    if backend.is_pg:
        with backend.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE claims"))
    return {"claims": len(texts), "seconds": round(seconds, 1), "claims_per_s": round(len(texts) / seconds, 1)}


def keyword_only(args: argparse.Namespace, backend_name: str, size: int) -> dict[str, Any]:
    """The keyword index alone on ``size`` corpus texts: what the lexical leg costs where no vectors are cached."""
    settings = Settings()
    print(f"{backend_name} keyword leg at {size:,} claims", flush=True)
    backend = open_backend(backend_name, size, args.cache_dir, args.fresh, label="keyword_")
    entry: dict[str, Any] = {
        "backend": backend_name,
        "size": size,
        "kind": "keyword",
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "command": "python -m benchmarks.bench_scale " + shlex.join(sys.argv[1:]),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at start",
    }
    try:
        if claim_count(backend) == 0:
            entry["store"] = store_texts(backend, claim_texts(settings.shared_dir, size))
            print(f"  stored: {entry['store']}", flush=True)
        texts = statements(settings.shared_dir, args.retrieval_queries)
        millis = []
        with make_session_factory(backend.engine)() as session:
            index = LexicalIndex(session)
            index.search(normalize(texts[0]), settings.retrieval_candidates)
            for statement in texts:
                began = time.perf_counter()
                index.search(normalize(statement), settings.retrieval_candidates)
                millis.append(1000 * (time.perf_counter() - began))
                session.rollback()
        entry["keyword_search"] = percentiles(millis)
        entry["disk"] = disk_usage(backend)
        print(f"  keyword search: {entry['keyword_search']}", flush=True)
    finally:
        backend.engine.dispose()
    return entry


CARRIED = ("ingest", "ingest_late", "hnsw_builds", "hnsw_grid")


def merge(path: Path, entries: list[dict[str, Any]]) -> None:
    stored: dict[str, Any] = json.loads(path.read_text()) if path.is_file() else {"runs": []}

    def key(run: dict[str, Any]) -> tuple[str, int, str]:
        return (run["backend"], run["size"], run.get("kind", "full"))

    for entry in entries:
        earlier = [r for r in stored["runs"] if key(r) == key(entry)]
        for previous in earlier:  # a rerun on a reused database ingested nothing: keep the build it measured
            carried = [name for name in CARRIED if name not in entry and name in previous]
            entry.update({name: previous[name] for name in carried})
            if carried:
                entry["carried_from"] = {"when": previous["when"], "command": previous["command"], "fields": carried}
        stored["runs"] = [r for r in stored["runs"] if key(r) != key(entry)]
        stored["runs"].append(entry)
    stored["runs"].sort(key=key)
    write_report(path, stored)


def _pairs(value: str) -> list[tuple[int, int]]:
    return [(int(a), int(b)) for a, b in (p.split(":") for p in value.split(",") if p)]


def _ints(value: str) -> list[int]:
    return [int(v) for v in value.split(",") if v]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backend", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--sizes", type=_ints, default=[10_000], help="claims, comma-separated (a prefix each)")
    parser.add_argument("--cache-dir", type=Path, default=CACHE_DIR)
    parser.add_argument("--fresh", action="store_true", help="drop a database of that size built earlier")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the HNSW index of a reused database")
    parser.add_argument("--hnsw", type=_pairs, default=[(16, 64)], help="m:ef_construction,... (last one kept)")
    parser.add_argument("--ef-search", type=_ints, default=[40, 64, 100, 200, 400])
    parser.add_argument("--serve-ef-search", type=int, default=Settings().hnsw_ef_search)
    parser.add_argument("--queries", type=int, default=300, help="statements for recall@10")
    parser.add_argument("--retrieval-queries", type=int, default=150, help="statements for retrieval and floor")
    parser.add_argument("--judges", type=lambda v: v.split(","), default=["rules", "hybrid"])
    parser.add_argument("--clients", type=_ints, default=[1, 4, 16])
    parser.add_argument("--requests", type=int, default=200, help="per concurrency level (0: no HTTP runs)")
    parser.add_argument("--seconds", type=float, default=90.0, help="at most, per concurrency level")
    parser.add_argument(
        "--torch-threads",
        type=int,
        default=1,
        help="torch threads, in process and in the server (1: what a shared host should run, see RESULTS.md)",
    )
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--report", action="store_true", help="render benchmarks/SCALE.md's tables and plots")
    parser.add_argument(
        "--keyword-only", action="store_true", help="the keyword index alone (texts, no vectors): any size"
    )
    args = parser.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    if args.report:
        from benchmarks.scale_report import render

        render(args.out)
        return 0
    import torch

    torch.set_num_threads(args.torch_threads)
    for size in args.sizes:
        merge(args.out, [(keyword_only if args.keyword_only else run_one)(args, args.backend, size)])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
