"""GET /metrics, the request id on every reply, and JSON log lines (in process, and from `claimledger serve`)."""

from __future__ import annotations

import json
import logging
import os
import re
import signal
import socket
import subprocess
import sys
import time
import tomllib
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import select

from db.models import Claim, ReconciliationRun
from db.types import utcnow
from embeddings.rule_judge import RuleJudge
from service.app import create_app
from service.logs import JsonLineFormatter, RequestIdFilter, TextFormatter, logging_config
from service.metrics import METRICS_FILE
from service.runtime import Runtime
from service.services.flags import FlagService
from tests.api.conftest import SEED_CLAIM

REPO_ROOT = Path(__file__).resolve().parents[2]
SAMPLE_ID = "3f2c9b0e-0000-4000-8000-00000000abcd"


def samples(client: TestClient) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    """Every sample of the exposition, by (name, labels)."""
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(response.text)
        for sample in family.samples
    }


def value(found: dict[tuple[str, frozenset[tuple[str, str]]], float], name: str, **labels: str) -> float | None:
    return found.get((name, frozenset(labels.items())))


# -- metrics ------------------------------------------------------------------------------------------------


def test_requests_are_counted_by_route_template_and_status(client: TestClient, reader: dict[str, str]) -> None:
    for claim_id in (SAMPLE_ID, SAMPLE_ID.replace("abcd", "abce")):
        assert client.get(f"/v1/claims/{claim_id}", headers=reader).status_code == 404
    assert client.get("/v1/claims", headers=reader).status_code == 200
    assert client.get("/no/such/page").status_code == 404
    assert client.get("/v1/claims").status_code == 401
    found = samples(client)
    route = "/v1/claims/{claim_id}"
    assert value(found, "claimledger_http_requests_total", method="GET", route=route, status="404") == 2.0
    assert value(found, "claimledger_http_requests_total", method="GET", route="/v1/claims", status="200") == 1.0
    assert value(found, "claimledger_http_requests_total", method="GET", route="/v1/claims", status="401") == 1.0
    assert value(found, "claimledger_http_requests_total", method="GET", route="unmatched", status="404") == 1.0
    histogram = "claimledger_http_request_duration_seconds_count"
    assert value(found, histogram, method="GET", route=route, status="404") == 2.0
    assert not any(SAMPLE_ID in str(labels) for _, labels in found)  # never the raw path
    assert value(found, "claimledger_http_requests_in_progress") == 1.0  # the scrape itself
    assert value(found, "process_resident_memory_bytes") is not None


def test_requests_answered_before_routing_still_count_under_their_route(
    client: TestClient, writer: dict[str, str]
) -> None:
    """The body guard answers a NUL or a malformed body before the router runs; /openapi.json is a plain route."""
    nul = b'{"text": "a\\u0000b", "speaker": "x"}'
    assert (
        client.post("/v1/claims", content=nul, headers={**writer, "Content-Type": "application/json"}).status_code
        == 422
    )
    assert client.get("/openapi.json").status_code == 200
    assert client.delete("/v1/claims").status_code == 405
    found = samples(client)
    assert value(found, "claimledger_http_requests_total", method="POST", route="/v1/claims", status="422") == 1.0
    assert value(found, "claimledger_http_requests_total", method="GET", route="/openapi.json", status="200") == 1.0
    assert value(found, "claimledger_http_requests_total", method="DELETE", route="/v1/claims", status="405") == 1.0
    assert value(found, "claimledger_http_requests_total", method="POST", route="unmatched", status="422") is None


def test_metrics_need_no_key_and_can_be_turned_off(runtime: Runtime) -> None:
    with TestClient(create_app(runtime.settings, runtime)) as client:
        assert client.get("/metrics").status_code == 200
    settings = runtime.settings.model_copy(update={"metrics": False})
    with TestClient(create_app(settings, runtime), raise_server_exceptions=False) as client:
        off = client.get("/metrics")
        assert off.status_code == 404
        assert off.headers["x-request-id"]


def test_every_app_has_its_own_registry(runtime: Runtime) -> None:
    with (
        TestClient(create_app(runtime.settings, runtime)) as first,
        TestClient(create_app(runtime.settings, runtime)) as second,
    ):
        first.get("/healthz")
        found = samples(second)
        assert value(found, "claimledger_http_requests_total", method="GET", route="/healthz", status="200") is None


def _seed(client: TestClient, headers: dict[str, str]) -> None:
    assert client.post("/v1/claims", json=SEED_CLAIM, headers=headers).status_code == 201


def test_model_batches_and_flags_are_counted(client: TestClient, writer: dict[str, str]) -> None:
    _seed(client, writer)
    body = {"text": "U.S. troops in Iraq have risen to 10,000.", "top_k": 2}
    assert client.post("/v1/check", json=body, headers=writer).json()["verdict"] == "contradicted"
    assert client.post("/v1/check", json=body, headers=writer).status_code == 200  # the same flag: not raised again
    found = samples(client)
    assert (value(found, "claimledger_model_batch_size_count", model="encoder") or 0) >= 3
    assert (value(found, "claimledger_model_batch_size_count", model="judge") or 0) >= 2
    assert (value(found, "claimledger_model_batch_size_sum", model="judge") or 0) >= 2
    assert (value(found, "claimledger_model_batch_seconds_count", model="judge") or 0) >= 2
    flags = "claimledger_flags_raised_total"
    assert value(found, flags, kind="contradiction", origin="check") == 1.0


def test_the_vector_mirror_reports_what_it_holds(client: TestClient, runtime: Runtime, writer: dict[str, str]) -> None:
    _seed(client, writer)
    assert client.post("/v1/check", json={"text": "U.S. troops in Iraq have risen to 10,000."}, headers=writer)
    found = samples(client)
    mirror = runtime.db.vector_mirror
    if mirror is None:  # PostgreSQL searches its HNSW index: no mirror, no series
        assert not any(name.startswith("claimledger_vector_mirror") for name, _ in found)
        return
    [(model, held, nbytes)] = mirror.held()
    assert held >= 1
    assert value(found, "claimledger_vector_mirror_vectors", model=model) == float(held)
    assert value(found, "claimledger_vector_mirror_bytes", model=model) == float(nbytes) >= held * 384 * 4
    assert value(found, "claimledger_vector_mirror_loads_total") == float(mirror.loads) >= 1


def test_a_flag_whose_transaction_rolls_back_is_not_counted(
    client: TestClient, runtime: Runtime, writer: dict[str, str]
) -> None:
    _seed(client, writer)
    with runtime.db.read() as session:
        claim = session.scalars(select(Claim)).one()
        _ = claim.speaker
    text = "U.S. troops in Iraq have risen to 10,000."
    (judgement,) = RuleJudge().judge([(claim.text, text)])

    def raise_flag() -> None:
        with runtime.db.write() as session:
            stored = session.get(Claim, claim.id)
            assert stored is not None
            assert FlagService(session).raise_for_statement(text, None, None, stored, judgement, 0.9) is not None
            raise RuntimeError("something after the flag failed")

    with pytest.raises(RuntimeError):
        raise_flag()
    flags = "claimledger_flags_raised_total"
    assert value(samples(client), flags, kind="contradiction", origin="check") is None
    with runtime.db.write() as session:
        stored = session.get(Claim, claim.id)
        assert stored is not None
        assert FlagService(session).raise_for_statement(text, None, None, stored, judgement, 0.9) is not None
        assert value(samples(client), flags, kind="contradiction", origin="check") is None  # not committed yet
    assert value(samples(client), flags, kind="contradiction", origin="check") == 1.0


def test_reconciliation_progress_is_read_from_the_runs(client: TestClient, runtime: Runtime) -> None:
    found = samples(client)
    assert value(found, "claimledger_reconciliation_running") == 0.0
    assert value(found, "claimledger_reconciliation_last_status", status="succeeded") is None
    now = utcnow()
    with runtime.db.write() as session:
        session.add(
            ReconciliationRun(
                status="succeeded",
                started_at=now - timedelta(hours=25),
                finished_at=now - timedelta(hours=24),
                progress={"stage": "done", "claims_checked": 40, "check_total": 40},
                stats={"flags_new": {"contradiction": 3, "self_contradiction": 1, "near_duplicate": 0}},
            )
        )
        session.add(
            ReconciliationRun(
                status="failed", started_at=now - timedelta(hours=2), finished_at=now - timedelta(hours=1)
            )
        )
        session.add(
            ReconciliationRun(
                status="running",
                started_at=now,
                progress={"stage": "check", "claims_checked": 14, "check_total": 50},
            )
        )
    found = samples(client)
    assert value(found, "claimledger_reconciliation_running") == 1.0
    assert value(found, "claimledger_reconciliation_stage", stage="check") == 1.0
    assert value(found, "claimledger_reconciliation_stage", stage="embed") == 0.0
    assert value(found, "claimledger_reconciliation_claims_checked") == 14.0
    assert value(found, "claimledger_reconciliation_claims_total") == 50.0
    assert value(found, "claimledger_reconciliation_last_status", status="failed") == 1.0
    assert value(found, "claimledger_reconciliation_last_status", status="succeeded") == 0.0
    succeeded_at = value(found, "claimledger_reconciliation_last_finished_timestamp_seconds", status="succeeded")
    assert succeeded_at is not None
    assert abs(succeeded_at - (now - timedelta(hours=24)).timestamp()) < 1
    assert value(found, "claimledger_reconciliation_last_flags_new", kind="contradiction") == 3.0


def test_a_stalled_run_waiting_runs_and_live_workers_show(client: TestClient, runtime: Runtime) -> None:
    """A run whose process died reads `running` forever; its heartbeat's age says it is stalled."""
    from reconcile.lock import WorkerPresence

    found = samples(client)
    assert value(found, "claimledger_reconciliation_heartbeat_age_seconds") is None
    assert value(found, "claimledger_reconciliation_queued") == 0.0
    now = utcnow()
    with runtime.db.write() as session:
        session.add(
            ReconciliationRun(
                status="running", started_at=now - timedelta(hours=1), heartbeat_at=now - timedelta(minutes=20)
            )
        )
        session.add_all([ReconciliationRun(status="queued"), ReconciliationRun(status="queued")])
    presence = WorkerPresence(runtime.session_factory, every=60)
    presence.start()
    try:
        found = samples(client)
    finally:
        presence.stop()
    age = value(found, "claimledger_reconciliation_heartbeat_age_seconds")
    assert age is not None and 1199 <= age < 1300
    assert value(found, "claimledger_reconciliation_queued") == 2.0
    assert value(found, "claimledger_batch_workers") == 1.0
    assert value(samples(client), "claimledger_batch_workers") == 0.0


def test_a_worker_killed_without_stopping_leaves_the_count_within_three_heartbeats(
    client: TestClient, runtime: Runtime
) -> None:
    """A SIGKILLed worker leaves its presence row behind (no ``stop`` removes it): counted until its beat is three
    heartbeats old, not for the lock's whole stale timeout (six killed workers read as six alive for 5 minutes)."""
    from db.repositories.runs import LockRepository
    from reconcile.lock import WORKER_PRESENCE

    heartbeat = runtime.settings.reconcile_heartbeat_seconds
    assert 3 * heartbeat < runtime.settings.reconcile_lock_stale_seconds  # the defaults this test is about
    now = utcnow()
    with runtime.db.write() as session:
        locks = LockRepository(session)
        locks.announce(f"{WORKER_PRESENCE}fresh", f"{WORKER_PRESENCE}fresh", now - timedelta(seconds=heartbeat))
        stale = now - timedelta(seconds=3 * heartbeat + 5)
        locks.announce(f"{WORKER_PRESENCE}killed", f"{WORKER_PRESENCE}killed", stale)
    assert value(samples(client), "claimledger_batch_workers") == 1.0


def test_every_metric_is_documented() -> None:
    """docs/observability.md names every metric of service/metrics.toml, and no other."""
    with METRICS_FILE.open("rb") as handle:
        names = {entry["name"] for entry in tomllib.load(handle)["metric"]}
    docs = (REPO_ROOT / "docs" / "observability.md").read_text(encoding="utf-8")
    mentioned = set(re.findall(r"claimledger_[a-z_]*[a-z]", docs))
    assert names <= mentioned, names - mentioned
    series = {f"{name}{suffix}" for name in names for suffix in ("", "_bucket", "_count", "_sum")}
    assert mentioned - series <= {"claimledger_reconciliation"}, mentioned - series


# -- request ids ----------------------------------------------------------------------------------------------


def test_a_sane_request_id_is_echoed_and_others_replaced(client: TestClient, reader: dict[str, str]) -> None:
    echoed = client.get("/v1/claims", headers=reader | {"X-Request-Id": "plugin-7f3a:42"})
    assert echoed.headers["x-request-id"] == "plugin-7f3a:42"
    raw_key = {name.encode(): value.encode() for name, value in reader.items()}
    for insane in (b"has spaces", b"x" * 129, b'quote"inside', "\u00e9t\u00e9".encode()):
        replaced = client.get("/v1/claims", headers=raw_key | {b"X-Request-Id": insane})
        assert replaced.status_code == 200
        assert replaced.headers["x-request-id"].encode() != insane
        assert len(replaced.headers["x-request-id"]) == 32
    first, second = client.get("/healthz"), client.get("/healthz")
    assert first.headers["x-request-id"] != second.headers["x-request-id"]


def test_every_reply_carries_the_request_id(runtime: Runtime, make_key: Callable[[str], dict[str, str]]) -> None:
    settings = runtime.settings.model_copy(update={"max_request_bytes": 1000})
    app = create_app(settings, runtime)

    def boom() -> None:
        raise RuntimeError("a bug")

    app.add_api_route("/boom", boom)
    key = make_key("read,write")
    with TestClient(app, raise_server_exceptions=False) as client:
        replies = {
            401: client.get("/v1/claims", headers={"X-Request-Id": "r-401"}),
            403: client.get("/v1/keys", headers=key | {"X-Request-Id": "r-403"}),
            404: client.get(f"/v1/claims/{SAMPLE_ID}", headers=key | {"X-Request-Id": "r-404"}),
            413: client.post("/v1/claims", content=b"x" * 2000, headers=key | {"X-Request-Id": "r-413"}),
            422: client.post("/v1/claims", json={}, headers=key | {"X-Request-Id": "r-422"}),
            500: client.get("/boom", headers={"X-Request-Id": "r-500"}),
        }
        for status, reply in replies.items():
            assert reply.status_code == status, (status, reply.text)
            assert reply.headers["x-request-id"] == f"r-{status}"
        found = samples(client)
    assert value(found, "claimledger_http_requests_total", method="GET", route="/boom", status="500") == 1.0
    # The body limit refuses a declared oversize body before routing: still counted under the route it was for.
    assert value(found, "claimledger_http_requests_total", method="POST", route="/v1/claims", status="413") == 1.0


# -- logs ------------------------------------------------------------------------------------------------------


class _Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []
        self.setFormatter(JsonLineFormatter())
        self.addFilter(RequestIdFilter())

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


@pytest.fixture
def log_lines() -> Iterator[list[str]]:
    handler = _Lines()
    logger = logging.getLogger("claimledger")
    previous = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    yield handler.lines
    logger.removeHandler(handler)
    logger.setLevel(previous)


def test_access_lines_are_json_with_the_request_fields(
    client: TestClient, reader: dict[str, str], log_lines: list[str]
) -> None:
    client.get(f"/v1/claims/{SAMPLE_ID}", headers=reader | {"X-Request-Id": "trace-1"})
    records = [json.loads(line) for line in log_lines]
    (access,) = [r for r in records if r["logger"] == "claimledger.access" and r.get("request_id") == "trace-1"]
    assert access["level"] == "INFO"
    assert access["method"] == "GET"
    assert access["route"] == "/v1/claims/{claim_id}"
    assert access["status"] == 404
    assert isinstance(access["duration_ms"], float)
    assert access["message"].startswith(f"GET /v1/claims/{SAMPLE_ID} 404")
    assert access["time"].endswith("+00:00")


def test_lines_written_while_serving_carry_the_request_id(runtime: Runtime, log_lines: list[str]) -> None:
    app = create_app(runtime.settings, runtime)

    def boom() -> None:
        raise RuntimeError("a bug")

    app.add_api_route("/boom", boom)
    with TestClient(app, raise_server_exceptions=False) as client:
        client.get("/boom", headers={"X-Request-Id": "trace-500"})
    records = [json.loads(line) for line in log_lines]
    (error,) = [r for r in records if r["logger"] == "claimledger" and r["level"] == "ERROR"]
    assert error["request_id"] == "trace-500"
    assert "RuntimeError: a bug" in error["exc_info"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def test_serve_writes_its_and_uvicorns_lines_as_json(tmp_path: Path) -> None:
    port = _free_port()
    env = {
        **os.environ,
        "CLAIMLEDGER_DATABASE_URL": f"sqlite:///{tmp_path / 'serve.db'}",
        "CLAIMLEDGER_ENCODER": "hashing",
        "CLAIMLEDGER_JUDGE": "rules",
        "CLAIMLEDGER_LOAD_MODELS_ON_STARTUP": "false",
        "CLAIMLEDGER_LOG_FORMAT": "json",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "service.cli", "serve", "--port", str(port)],
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 90
        while True:
            try:
                httpx.get(base + "/healthz", timeout=2)
                break
            except httpx.HTTPError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(f"serve did not start: {server.communicate()[1]}") from None
                time.sleep(0.2)
        reply = httpx.get(base + "/v1/claims", headers={"X-Request-Id": "serve-check"}, timeout=10)
        assert reply.status_code == 401
        assert reply.headers["x-request-id"] == "serve-check"
    finally:
        server.send_signal(signal.SIGINT)
        _, stderr = server.communicate(timeout=30)
    lines = [line for line in stderr.splitlines() if line.strip()]
    records: list[dict[str, Any]] = [json.loads(line) for line in lines]  # every line is one JSON object
    loggers = {r["logger"] for r in records}
    assert {"uvicorn.error", "claimledger.access"} <= loggers, loggers
    assert any("Uvicorn running" in r["message"] for r in records)
    (access,) = [r for r in records if r.get("request_id") == "serve-check"]
    assert (access["route"], access["status"]) == ("/v1/claims", 401)
    assert not any(r["logger"] == "uvicorn.access" for r in records)  # ours replace uvicorn's


def test_the_text_format_is_for_people(runtime: Runtime) -> None:
    config = logging_config(runtime.settings.model_copy(update={"log_format": "text"}))
    assert config["handlers"]["stderr"]["formatter"] == "text"
    assert {"claimledger", "uvicorn", "uvicorn.access"} <= set(config["loggers"])
    record = logging.LogRecord("claimledger.access", logging.INFO, __file__, 1, "GET %s 200", ("/healthz",), None)
    RequestIdFilter().filter(record)
    assert TextFormatter().format(record).endswith(" INFO claimledger.access [-] GET /healthz 200")
    record.request_id = "abc"
    assert TextFormatter().format(record).endswith("[abc] GET /healthz 200")
