"""Webhooks: subscriptions, the outbox written with the flag or run that raises an event, and delivery to a real
receiver on loopback (down, then failing, then up), signed, retried with back-off, every attempt logged."""

from __future__ import annotations

import contextlib
import json
import shutil
import socket
import ssl
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from db.models import Flag, ReconciliationRun, WebhookDelivery
from db.types import utcnow
from embeddings.encoder import HashingEncoder
from embeddings.judge import Judgement
from embeddings.rule_judge import RuleJudge
from extraction import AttributionExtractor
from reconcile.job import Reconciler, RunRequest
from service.app import create_app
from service.config import Settings
from service.runtime import Runtime
from service.services.claims import get_claim_or_404
from service.services.flags import FlagService
from service.webhooks.delivery import AttemptResult, ClaimedDelivery, DeliveryWorker, backoff_seconds, tls_context
from service.webhooks.events import FLAG_CREATED, RECONCILIATION_FINISHED
from service.webhooks.outbox import emit
from service.webhooks.signing import verify
from service.webhooks.targets import UnresolvableHostError
from tests.api.conftest import SEED_CLAIM
from tests.webhooks.receiver import Receiver

CONTRADICTING = "U.S. troops in Iraq have risen to 10,000."


def webhook_settings(database_url: str, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "database_url": database_url,
        "encoder": "hashing",
        "judge": "rules",
        "load_models_on_startup": False,
        "webhooks_allow_private": True,  # the receiver is on loopback
        "webhooks_worker": False,  # the tests drive delivery rounds themselves
        "webhooks_backoff_seconds": 0.05,
        "webhooks_backoff_max_seconds": 0.2,
        "webhooks_max_attempts": 5,
        "webhooks_timeout_seconds": 2.0,
        "webhooks_lease_seconds": 5.0,
        **overrides,
    }
    return Settings(**values)


@pytest.fixture
def runtime(database_url: str, extractor: AttributionExtractor) -> Iterator[Runtime]:
    rt = Runtime.create(webhook_settings(database_url))
    rt.use_models(HashingEncoder(), RuleJudge(), extractor)
    yield rt
    rt.close()


@pytest.fixture
def admin(make_key: Callable[[str], dict[str, str]]) -> dict[str, str]:
    return make_key("read,write,admin")


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    r = Receiver()
    yield r
    r.close()


def subscribe(client: TestClient, admin: dict[str, str], url: str, events: list[str] | None = None) -> dict[str, Any]:
    response = client.post("/v1/webhooks", json={"url": url, "events": events or ["flag.created"]}, headers=admin)
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


def raise_check_flag(client: TestClient, headers: dict[str, str]) -> dict[str, Any]:
    assert client.post("/v1/claims", json=SEED_CLAIM, headers=headers).status_code == 201
    result = client.post("/v1/check", json={"text": CONTRADICTING, "top_k": 1}, headers=headers).json()
    assert result["verdict"] == "contradicted"
    flags = client.get("/v1/flags", headers=headers).json()["items"]
    assert len(flags) == 1
    flag: dict[str, Any] = flags[0]
    return flag


def deliveries(client: TestClient, admin: dict[str, str], webhook_id: str) -> list[dict[str, Any]]:
    response = client.get(f"/v1/webhooks/{webhook_id}/deliveries", headers=admin)
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


def deliver_until(worker: DeliveryWorker, done: Callable[[], bool], timeout: float = 20.0) -> None:
    """Delivery rounds (as the worker thread runs them) until ``done``; retries fall due after their back-off."""
    deadline = time.monotonic() + timeout
    while not done():
        if time.monotonic() > deadline:
            raise AssertionError("the deliveries did not reach the expected state in time")
        if not worker.run_once():
            time.sleep(0.02)


# -- subscriptions -----------------------------------------------------------------------------------------------


def test_subscribe_list_delete_and_scopes(
    client: TestClient, admin: dict[str, str], writer: dict[str, str], receiver: Receiver
) -> None:
    created = subscribe(client, admin, receiver.url, ["flag.created", "reconciliation.finished"])
    assert set(created) >= {"id", "url", "events", "secret", "created_at"}
    assert created["url"] == receiver.url
    assert created["events"] == ["flag.created", "reconciliation.finished"]
    assert created["secret"].startswith("whsec_") and len(created["secret"]) > 30
    listed = client.get("/v1/webhooks", headers=admin).json()
    assert [w["id"] for w in listed["items"]] == [created["id"]]
    assert "secret" not in listed["items"][0]
    assert listed["next_cursor"] is None
    assert "secret" not in client.get(f"/v1/webhooks/{created['id']}", headers=admin).json()
    assert deliveries(client, admin, created["id"]) == []

    assert client.get("/v1/webhooks", headers=writer).status_code == 403
    assert (
        client.post("/v1/webhooks", json={"url": receiver.url, "events": ["flag.created"]}, headers=writer).status_code
        == 403
    )
    for bad in (
        {"url": receiver.url, "events": ["flag.deleted"]},
        {"url": receiver.url, "events": []},
        {"url": "ftp://files.example.org/hook", "events": ["flag.created"]},
        {"url": "not a url", "events": ["flag.created"]},
    ):
        response = client.post("/v1/webhooks", json=bad, headers=admin)
        assert response.status_code == 422, bad
        assert response.headers["content-type"].startswith("application/problem+json")

    # An event named twice is taken once, as the document says (it promised unique items, which the server never
    # asked of a client).
    twice = client.post(
        "/v1/webhooks", json={"url": receiver.url, "events": ["flag.created", "flag.created"]}, headers=admin
    )
    assert twice.status_code == 201, twice.text
    assert twice.json()["events"] == ["flag.created"]
    events_schema = client.get("/openapi.json").json()["components"]["schemas"]["WebhookCreate"]["properties"]["events"]
    assert "uniqueItems" not in events_schema and "taken once" in events_schema["description"]
    assert client.delete(f"/v1/webhooks/{twice.json()['id']}", headers=admin).status_code == 204

    assert client.delete(f"/v1/webhooks/{created['id']}", headers=admin).status_code == 204
    assert client.delete(f"/v1/webhooks/{created['id']}", headers=admin).status_code == 404
    assert client.get(f"/v1/webhooks/{created['id']}/deliveries", headers=admin).status_code == 404
    assert client.get("/v1/webhooks", headers=admin).json()["items"] == []

    # The OpenAPI document describes what a subscriber receives for each event.
    documented = client.get("/openapi.json").json()["webhooks"]
    assert set(documented) == {"flag.created", "flag.near_duplicate", "reconciliation.finished"}
    body = documented["flag.created"]["post"]["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    assert body.endswith("WebhookEventBody_FlagOut_")
    headers = {p["name"] for p in documented["flag.created"]["post"]["parameters"]}
    assert headers == {"x-claimledger-event", "x-claimledger-delivery", "x-claimledger-signature"}


@contextlib.contextmanager
def strict_admin_client(database_url: str) -> Iterator[tuple[TestClient, dict[str, str]]]:
    """A client of a service that refuses private webhook targets (the default), with an admin key's headers."""
    strict = Runtime.create(webhook_settings(database_url, webhooks_allow_private=False))
    strict.use_models(HashingEncoder(), RuleJudge())
    try:
        with TestClient(create_app(strict.settings, strict)) as client:
            from service.services.keys import KeyService

            with strict.session_factory() as session:
                _, token = KeyService(session).create("admin", ["admin"])
                session.commit()
            yield client, {"Authorization": f"Bearer {token}"}
    finally:
        strict.close()


def test_private_and_loopback_urls_are_refused_unless_allowed(database_url: str, runtime: Runtime) -> None:
    with strict_admin_client(database_url) as (client, admin):
        for url in (
            "http://127.0.0.1:8080/hook",
            "http://localhost/hook",
            "http://10.0.0.5/hook",
            "http://192.168.1.20:9000/hook",
            "http://169.254.169.254/latest/meta-data/",
            "http://[::1]/hook",
            "http://[fd00::7]/hook",
            "http://[::ffff:127.0.0.1]/hook",
            "http://0.0.0.0/hook",
            "http://100.64.1.1/hook",
        ):
            response = client.post("/v1/webhooks", json={"url": url, "events": ["flag.created"]}, headers=admin)
            assert response.status_code == 422, url
            assert response.json()["errors"][0]["loc"] == ["body", "url"], url
        public = client.post(
            "/v1/webhooks", json={"url": "https://93.184.216.34/hook", "events": ["flag.created"]}, headers=admin
        )
        assert public.status_code == 201, public.text


def test_subscribing_waits_for_a_hung_name_no_longer_than_the_timeout(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The subscription's check looks the host up inside the request: a resolver that hangs answers at the webhook
    timeout, the host accepted as one that does not resolve yet (each delivery checks it again), while a name that
    answers in time with a loopback address is still refused."""
    real_getaddrinfo = socket.getaddrinfo
    let_go = threading.Event()

    def getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        if host == "hangs.example":
            let_go.wait(60)
        elif host == "slow-loopback.example":
            time.sleep(0.2)
            host = "127.0.0.1"
        return real_getaddrinfo(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    timeout = webhook_settings(database_url).webhooks_timeout_seconds
    try:
        with strict_admin_client(database_url) as (client, admin):
            started = time.monotonic()
            hung = client.post(
                "/v1/webhooks", json={"url": "https://hangs.example/hook", "events": ["flag.created"]}, headers=admin
            )
            elapsed = time.monotonic() - started
            refused = client.post(
                "/v1/webhooks",
                json={"url": "http://slow-loopback.example/hook", "events": ["flag.created"]},
                headers=admin,
            )
    finally:
        let_go.set()
    assert hung.status_code == 201, hung.text
    assert elapsed < timeout + 8, elapsed  # was 60 s: the hung lookup's own end
    assert refused.status_code == 422, refused.text
    assert refused.json()["errors"][0]["loc"] == ["body", "url"]


# -- the outbox --------------------------------------------------------------------------------------------------


def test_a_delivery_commits_with_its_flag_or_not_at_all(
    client: TestClient, runtime: Runtime, admin: dict[str, str], writer: dict[str, str], receiver: Receiver
) -> None:
    hook = subscribe(client, admin, receiver.url)
    a = client.post("/v1/claims", json=SEED_CLAIM, headers=writer).json()
    b = client.post("/v1/claims", json={"text": CONTRADICTING, "speaker": "Senator X"}, headers=writer).json()
    judgement = Judgement(
        "contradicts", {"entailment": 0.05, "neutral": 0.1, "contradiction": 0.85}, ["number_mismatch"]
    )

    def raise_flag(session: Any) -> None:
        claim, other = get_claim_or_404(session, b["id"]), get_claim_or_404(session, a["id"])
        assert FlagService(session).raise_for_claims("contradiction", claim, other, judgement, 0.8, "test") is not None

    def raise_flag_then_fail() -> None:
        with runtime.db.write() as session:
            raise_flag(session)
            raise RuntimeError("the request fails after raising the flag")

    with pytest.raises(RuntimeError):
        raise_flag_then_fail()
    with runtime.db.read() as session:
        assert session.scalar(select(func.count()).select_from(Flag)) == 0
        assert session.scalar(select(func.count()).select_from(WebhookDelivery)) == 0

    with runtime.db.write() as session:
        raise_flag(session)
    [flag] = client.get("/v1/flags", headers=writer).json()["items"]
    [delivery] = deliveries(client, admin, hook["id"])
    assert delivery["event"] == "flag.created"
    assert (delivery["status"], delivery["attempts"], delivery["status_code"]) == ("pending", 0, None)
    assert delivery["delivered_at"] is None and delivery["last_error"] is None
    with runtime.db.read() as session:
        body = json.loads(session.scalars(select(WebhookDelivery.body)).one())
    assert set(body) == {"id", "type", "created_at", "data"}
    assert body["type"] == "flag.created" and body["id"] == delivery["event_id"]
    assert body["data"] == flag  # the flag exactly as GET /v1/flags shows it


def test_every_flag_source_and_every_run_outcome_queues_deliveries(
    client: TestClient, runtime: Runtime, admin: dict[str, str], writer: dict[str, str], receiver: Receiver
) -> None:
    flags_hook = subscribe(client, admin, receiver.url, ["flag.created"])
    runs_hook = subscribe(client, admin, receiver.url + "/runs", ["reconciliation.finished"])
    # /v1/check, then /v1/quotes (a self-contradiction of the Pentagon), then /v1/documents (a denial of a claim
    # on record), then the nightly job.
    raise_check_flag(client, writer)
    quote = {"quote": "The number of U.S. troops in Iraq has risen to about 10,000.", "speaker": "Pentagon"}
    assert client.post("/v1/quotes", json=quote, headers=writer).status_code == 201
    killed = {"text": "40 soldiers had been killed in the attack.", "speaker": "Iraq's Defence Ministry"}
    assert client.post("/v1/claims", json=killed, headers=writer).status_code == 201
    article = {
        "text": "KIRKUK — Iraq's Defence Ministry on Tuesday denied reports that 40 soldiers had been killed in the "
        "attack.\n\nLocal officials said the base had been hit by rockets.",
        "url": "https://example.org/kirkuk",
    }
    assert client.post("/v1/documents", json=article, headers=writer).status_code == 201
    [outcome] = Reconciler(runtime).run(RunRequest())
    assert outcome.status == "succeeded"

    flags = {f["id"]: f for f in client.get("/v1/flags", params={"limit": 500}, headers=writer).json()["items"]}
    assert {"check", "quote", "document"} <= {f["origin"] for f in flags.values()}
    with runtime.db.read() as session:
        rows = session.scalars(select(WebhookDelivery).order_by(WebhookDelivery.created_at)).all()
        by_hook = {
            hook: [json.loads(r.body) for r in rows if r.subscription_id == hook]
            for hook in (flags_hook["id"], runs_hook["id"])
        }
    flag_events = by_hook[flags_hook["id"]]
    assert sorted(e["data"]["id"] for e in flag_events) == sorted(flags)  # one delivery per flag, each flag once
    assert all(e["type"] == "flag.created" for e in flag_events)
    for event in flag_events:
        created = flags[event["data"]["id"]]
        assert event["data"] == created
    [run_event] = by_hook[runs_hook["id"]]
    assert run_event["type"] == "reconciliation.finished"
    assert run_event["data"] == client.get(f"/v1/reconciliations/{outcome.run_id}", headers=writer).json()
    assert run_event["data"]["status"] == "succeeded"

    # A subscription made now gets nothing for what happened before it.
    late = subscribe(client, admin, receiver.url + "/late", ["flag.created", "reconciliation.finished"])
    assert deliveries(client, admin, late["id"]) == []


# -- delivery ----------------------------------------------------------------------------------------------------


def test_a_receiver_down_then_failing_then_up_gets_the_delivery_signed_with_every_attempt_logged(
    client: TestClient, runtime: Runtime, admin: dict[str, str], writer: dict[str, str], receiver: Receiver
) -> None:
    hook = subscribe(client, admin, receiver.url)
    receiver.secret = hook["secret"]
    flag = raise_check_flag(client, writer)
    worker = DeliveryWorker(runtime.db, runtime.settings)
    try:
        assert worker.run_once() == 1  # the receiver is down: connection refused
        [delivery] = deliveries(client, admin, hook["id"])
        assert (delivery["status"], delivery["attempts"], delivery["status_code"]) == ("pending", 1, None)
        assert delivery["last_error"] and "ConnectError" in delivery["last_error"]
        assert delivery["next_attempt_at"] is not None

        receiver.answers = [500]
        receiver.up()
        deliver_until(worker, lambda: deliveries(client, admin, hook["id"])[0]["status"] == "delivered")
    finally:
        worker.close()
    [delivery] = deliveries(client, admin, hook["id"])
    assert delivery["attempts"] == 3 and delivery["status_code"] == 200
    assert delivery["delivered_at"] is not None and delivery["last_error"] is None
    log = delivery["attempt_log"]
    assert [a["number"] for a in log] == [1, 2, 3]
    assert [a["status_code"] for a in log] == [None, 500, 200]
    assert "ConnectError" in log[0]["error"] and log[1]["error"] == "HTTP 500" and log[2]["error"] is None

    # The receiver saw the two attempts that reached it: same delivery id, same signed bytes.
    assert len(receiver.received) == 2
    first, second = receiver.received
    assert first.delivery_id == second.delivery_id == delivery["id"]
    assert first.body == second.body
    for request in receiver.received:
        assert request.signature_ok
        assert request.headers["x-claimledger-event"] == "flag.created"
        assert request.headers["content-type"] == "application/json"
        assert request.headers["x-claimledger-signature"].startswith("sha256=")
    assert not verify("whsec_some-other-secret", first.body, first.headers["x-claimledger-signature"])
    assert list(receiver.processed()) == [delivery["id"]]
    assert second.json["data"] == flag and second.json["id"] == delivery["event_id"]


def test_after_the_last_attempt_a_delivery_is_failed_and_retry_after_is_honoured(
    client: TestClient, runtime: Runtime, admin: dict[str, str], writer: dict[str, str], receiver: Receiver
) -> None:
    hook = subscribe(client, admin, receiver.url)
    receiver.secret = hook["secret"]
    receiver.answers = [429, 503, 503]
    receiver.up()
    raise_check_flag(client, writer)
    settings = runtime.settings.model_copy(update={"webhooks_max_attempts": 3, "webhooks_backoff_max_seconds": 5.0})
    worker = DeliveryWorker(runtime.db, settings)
    try:
        before = utcnow()
        assert worker.run_once() == 1
        [delivery] = deliveries(client, admin, hook["id"])
        # 429 with no Retry-After: the back-off alone (0.05 s, jittered down to half)
        assert delivery["status_code"] == 429 and delivery["last_error"] == "HTTP 429"
        with runtime.db.write() as session:  # make it due now
            row = session.get(WebhookDelivery, delivery["id"])
            assert row is not None and row.next_attempt_at is not None
            assert row.next_attempt_at - before < timedelta(seconds=1)
            row.next_attempt_at = utcnow()
        receiver.answers = [503]
        receiver.answer_headers = {"Retry-After": "3"}
        assert worker.run_once() == 1
        with runtime.db.read() as session:
            row = session.get(WebhookDelivery, delivery["id"])
            assert row is not None and row.next_attempt_at is not None
            assert row.next_attempt_at - utcnow() > timedelta(seconds=2)  # the receiver asked for 3 s
        with runtime.db.write() as session:
            row = session.get(WebhookDelivery, delivery["id"])
            assert row is not None
            row.next_attempt_at = utcnow()
        receiver.answers = [503]
        assert worker.run_once() == 1
        assert worker.run_once() == 0  # out of attempts: nothing is due any more
    finally:
        worker.close()
    [delivery] = deliveries(client, admin, hook["id"])
    assert (delivery["status"], delivery["attempts"], delivery["status_code"]) == ("failed", 3, 503)
    assert delivery["next_attempt_at"] is None and delivery["delivered_at"] is None
    assert [a["status_code"] for a in delivery["attempt_log"]] == [429, 503, 503]
    assert receiver.processed() == {}


def test_back_off_doubles_is_capped_and_jittered() -> None:
    import random

    settings = Settings(webhooks_backoff_seconds=10.0, webhooks_backoff_max_seconds=300.0)
    rng = random.Random(7)
    for attempt, full in ((1, 10.0), (2, 20.0), (3, 40.0), (5, 160.0), (6, 300.0), (12, 300.0)):
        delays = [backoff_seconds(attempt, settings, rng) for _ in range(200)]
        assert all(full / 2 <= d <= full for d in delays), attempt
        assert max(delays) - min(delays) > full / 4  # jittered, not one value


def test_the_host_is_resolved_again_and_the_checked_address_is_what_gets_connected_to(
    client: TestClient, runtime: Runtime, admin: dict[str, str], writer: dict[str, str], receiver: Receiver
) -> None:
    receiver.up()
    pinned = subscribe(client, admin, f"http://receiver.test:{receiver.port}/hooks")
    rebinding = subscribe(client, admin, f"http://rebind.test:{receiver.port}/hooks")
    receiver.secret = pinned["secret"]
    raise_check_flag(client, writer)
    resolved: list[str] = []

    def resolver(host: str, port: int) -> list[str]:
        resolved.append(host)
        # rebind.test answers with a public address and a loopback one: a client that resolved again by itself
        # could connect to either.
        return {"receiver.test": ["127.0.0.1"], "rebind.test": ["93.184.216.34", "127.0.0.1"]}[host]

    allowed = DeliveryWorker(runtime.db, runtime.settings, resolver=resolver)
    strict = DeliveryWorker(
        runtime.db, runtime.settings.model_copy(update={"webhooks_allow_private": False}), resolver=resolver
    )
    try:
        # The strict worker refuses both: receiver.test is loopback, rebind.test resolves to loopback as well.
        assert strict.run_once() == 2
        assert receiver.received == []
        for hook in (pinned, rebinding):
            [delivery] = deliveries(client, admin, hook["id"])
            assert delivery["last_error"].startswith("refused: "), delivery
            assert "(127.0.0.1) is a loopback address" in delivery["last_error"]
        with runtime.db.write() as session:
            for row in session.scalars(select(WebhookDelivery)):
                row.next_attempt_at = utcnow()
        # With private targets allowed, the request goes to the resolved address with the original Host header.
        deliver_until(allowed, lambda: deliveries(client, admin, pinned["id"])[0]["status"] == "delivered")
    finally:
        allowed.close()
        strict.close()
    assert {"receiver.test", "rebind.test"} <= set(resolved)
    hosts = {r.headers["host"] for r in receiver.received if r.signature_ok}
    assert hosts == {f"receiver.test:{receiver.port}"}


def test_workers_running_at_once_send_each_delivery_once(
    client: TestClient, runtime: Runtime, admin: dict[str, str], writer: dict[str, str], receiver: Receiver
) -> None:
    hooks = [subscribe(client, admin, f"{receiver.url}/{i}") for i in range(8)]
    receiver.up()
    raise_check_flag(client, writer)
    # The default lease: the suite's short one can run out on a loaded machine while a slow thread still holds
    # its delivery, and a delivery whose lease ran out is sent again by design (at least once, never lost).
    settings = runtime.settings.model_copy(
        update={"webhooks_lease_seconds": Settings.model_fields["webhooks_lease_seconds"].default}
    )
    workers = [DeliveryWorker(runtime.db, settings) for _ in range(3)]
    start = threading.Barrier(len(workers))

    def drain(worker: DeliveryWorker) -> None:
        start.wait()
        worker.drain()

    threads = [threading.Thread(target=drain, args=(w,)) for w in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    for worker in workers:
        worker.close()
    ids = [r.delivery_id for r in receiver.received]
    assert len(ids) == len(hooks) == len(set(ids))
    for hook in hooks:
        [delivery] = deliveries(client, admin, hook["id"])
        assert (delivery["status"], delivery["attempts"]) == ("delivered", 1)


def test_deleting_a_subscription_drops_its_pending_deliveries_and_the_log_pages(
    client: TestClient, runtime: Runtime, admin: dict[str, str], writer: dict[str, str], receiver: Receiver
) -> None:
    doomed = subscribe(client, admin, receiver.url)
    kept = subscribe(client, admin, receiver.url + "/kept")
    raise_check_flag(client, writer)
    quote = {"quote": "The number of U.S. troops in Iraq has risen to about 10,000.", "speaker": "Pentagon"}
    assert client.post("/v1/quotes", json=quote, headers=writer).status_code == 201
    first = client.get(f"/v1/webhooks/{kept['id']}/deliveries", params={"limit": 1}, headers=admin).json()
    assert len(first["items"]) == 1 and first["next_cursor"]
    rest = client.get(
        f"/v1/webhooks/{kept['id']}/deliveries", params={"limit": 1, "cursor": first["next_cursor"]}, headers=admin
    ).json()
    assert len(rest["items"]) == 1 and rest["items"][0]["id"] != first["items"][0]["id"]
    assert client.delete(f"/v1/webhooks/{doomed['id']}", headers=admin).status_code == 204
    receiver.up()
    worker = DeliveryWorker(runtime.db, runtime.settings)
    try:
        assert worker.drain() == 2
    finally:
        worker.close()
    assert {r.headers["x-claimledger-delivery"] for r in receiver.received} == {
        d["id"] for d in deliveries(client, admin, kept["id"])
    }
    assert all(r.body and r.json["type"] == "flag.created" for r in receiver.received)
    assert {r.path for r in receiver.received} == {"/hooks/kept"}


def two_deliveries_to_one_target(
    client: TestClient, runtime: Runtime, admin: dict[str, str], writer: dict[str, str], receiver: Receiver
) -> dict[str, Any]:
    """One subscription with two flag.created deliveries due: the worker sends the first alone (an untried target
    gets one delivery at a time), and passes over the second while the first is in flight."""
    hook = subscribe(client, admin, receiver.url)
    receiver.secret = hook["secret"]
    receiver.up()
    flag = raise_check_flag(client, writer)
    with runtime.db.write() as session:
        row = session.get(Flag, flag["id"])
        assert row is not None
        emit(session, FLAG_CREATED, row)
    assert [d["status"] for d in deliveries(client, admin, hook["id"])] == ["pending", "pending"]
    return hook


def finish_in_flight_after_each_claim(worker: DeliveryWorker, monkeypatch: pytest.MonkeyPatch) -> None:
    """The ordering a loaded machine produced (issue 22): the worker claims again while a target's delivery is in
    flight, not yet answered (so the claim passes over the target's other due deliveries); then that delivery is
    sent and recorded, its slot freed; only then does the worker look at its slots again."""
    claim, send = worker.claim, worker.send
    claims_made = [0]
    claimed_in: dict[str, int] = {}  # delivery id: the claim that took it
    done = threading.Condition()

    def claim_then_let_in_flight_finish(limit: int | None = None) -> list[ClaimedDelivery]:
        claimed = claim(limit)
        with done:
            claims_made[0] += 1
            claimed_in.update((d.id, claims_made[0]) for d in claimed)
            done.notify_all()
        worker.wait(every=True)  # those claimed before this claim, now released by it
        return claimed

    def send_after_the_next_claim(delivery: ClaimedDelivery) -> AttemptResult:
        with done:
            done.wait_for(lambda: claims_made[0] > claimed_in[delivery.id], timeout=10.0)
        return send(delivery)

    monkeypatch.setattr(worker, "claim", claim_then_let_in_flight_finish)
    monkeypatch.setattr(worker, "send", send_after_the_next_claim)


def test_drain_leaves_nothing_due_when_a_delivery_finishes_while_it_claims(
    client: TestClient,
    runtime: Runtime,
    admin: dict[str, str],
    writer: dict[str, str],
    receiver: Receiver,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    hook = two_deliveries_to_one_target(client, runtime, admin, writer, receiver)
    worker = DeliveryWorker(runtime.db, runtime.settings)
    finish_in_flight_after_each_claim(worker, monkeypatch)
    try:
        assert worker.drain() == 2
    finally:
        worker.close()
    assert [d["status"] for d in deliveries(client, admin, hook["id"])] == ["delivered", "delivered"]
    assert len(receiver.processed()) == 2


def test_the_worker_thread_sends_a_passed_over_delivery_without_waiting_a_poll(
    client: TestClient,
    runtime: Runtime,
    admin: dict[str, str],
    writer: dict[str, str],
    receiver: Receiver,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    hook = two_deliveries_to_one_target(client, runtime, admin, writer, receiver)
    poll = 60.0  # nothing new is emitted: only a claim made at once sends the second delivery in time
    worker = DeliveryWorker(runtime.db, runtime.settings.model_copy(update={"webhooks_poll_seconds": poll}))
    finish_in_flight_after_each_claim(worker, monkeypatch)
    worker.start()
    try:
        receiver.wait_for(lambda r: len(r.processed()) == 2, timeout=poll / 4)
    finally:
        worker.close()
    assert [d["status"] for d in deliveries(client, admin, hook["id"])] == ["delivered", "delivered"]


def test_drain_looks_past_a_batch_of_spent_deliveries(
    client: TestClient, runtime: Runtime, admin: dict[str, str], writer: dict[str, str], receiver: Receiver
) -> None:
    hook = subscribe(client, admin, receiver.url)
    receiver.up()
    flag = raise_check_flag(client, writer)
    spent = runtime.settings.webhooks_concurrency + 1  # more than one claim's batch
    with runtime.db.write() as session:
        row = session.get(Flag, flag["id"])
        assert row is not None
        for _ in range(spent - 1):
            emit(session, FLAG_CREATED, row)
        session.flush()
        # Their last attempts were cut short (a worker killed on each): out of attempts, due before anything else.
        for delivery in session.scalars(select(WebhookDelivery)):
            delivery.attempts = runtime.settings.webhooks_max_attempts
            delivery.next_attempt_at = utcnow() - timedelta(minutes=1)
        emit(session, FLAG_CREATED, row)  # and one with every attempt still to come
    worker = DeliveryWorker(runtime.db, runtime.settings)
    try:
        assert worker.drain() == 1
    finally:
        worker.close()
    statuses = [d["status"] for d in deliveries(client, admin, hook["id"])]
    assert sorted(statuses) == ["delivered"] + ["failed"] * spent
    assert len(receiver.received) == 1


def _certificate(directory: Path, name: str) -> tuple[Path, Path]:
    """A self-signed certificate for ``name`` (openssl's command line)."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("the openssl command is needed to make a test certificate (apt-get install openssl)")
    cert, key = directory / f"{name}.crt", directory / f"{name}.key"
    subprocess.run(
        [
            openssl,
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-subj",
            f"/CN={name}",
            "-addext",
            f"subjectAltName=DNS:{name}",
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


def _serve_tls(receiver: Receiver, tmp_path: Path, name: str) -> Path:
    """The receiver up on HTTPS with a self-signed certificate for ``name``; the certificate's path."""
    cert, key = _certificate(tmp_path, name)
    server_tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_tls.load_cert_chain(cert, key)
    receiver.up(tls=server_tls)
    return cert


@pytest.mark.parametrize("certificate_for", ["receiver.test", "someone-else.test"])
def test_https_goes_to_the_checked_address_with_the_hosts_name_for_tls(
    client: TestClient,
    runtime: Runtime,
    admin: dict[str, str],
    writer: dict[str, str],
    receiver: Receiver,
    tmp_path: Path,
    certificate_for: str,
) -> None:
    """The pinned request still presents the URL's host name (SNI) and checks the certificate against it: the
    receiver's own certificate is accepted, one for another name is not."""
    cert = _serve_tls(receiver, tmp_path, certificate_for)
    hook = subscribe(client, admin, receiver.url_for("receiver.test", "https"))
    receiver.secret = hook["secret"]
    raise_check_flag(client, writer)
    client_tls = ssl.create_default_context(cafile=str(cert))
    worker = DeliveryWorker(
        runtime.db,
        runtime.settings,
        resolver=lambda host, port: {"receiver.test": ["127.0.0.1"]}[host],
        transport=httpx.HTTPTransport(verify=client_tls),
    )
    try:
        assert worker.run_once() == 1
    finally:
        worker.close()
    [delivery] = deliveries(client, admin, hook["id"])
    assert receiver.server_names == ["receiver.test"]  # SNI: the URL's host, though the socket went to 127.0.0.1
    if certificate_for == "receiver.test":
        assert delivery["status"] == "delivered", delivery
        [request] = receiver.received
        assert request.signature_ok and request.headers["host"] == f"receiver.test:{receiver.port}"
    else:
        assert delivery["status"] == "pending" and "CERTIFICATE_VERIFY_FAILED" in delivery["last_error"], delivery
        assert receiver.received == []


def test_the_default_client_refuses_a_certificate_no_authority_signed(
    client: TestClient,
    runtime: Runtime,
    admin: dict[str, str],
    writer: dict[str, str],
    receiver: Receiver,
    tmp_path: Path,
) -> None:
    """Every delivery client shares one TLS context per process (``tls_context``: building one costs 20-35 ms); it
    still checks certificates: a receiver's self-signed one, for the right name, is refused."""
    _serve_tls(receiver, tmp_path, "receiver.test")
    hook = subscribe(client, admin, receiver.url_for("receiver.test", "https"))
    raise_check_flag(client, writer)
    worker = DeliveryWorker(
        runtime.db, runtime.settings, resolver=lambda host, port: {"receiver.test": ["127.0.0.1"]}[host]
    )
    try:
        assert worker.run_once() == 1
    finally:
        worker.close()
    assert tls_context().verify_mode == ssl.CERT_REQUIRED and tls_context().check_hostname
    [delivery] = deliveries(client, admin, hook["id"])
    assert delivery["status"] == "pending" and "CERTIFICATE_VERIFY_FAILED" in delivery["last_error"], delivery
    assert receiver.received == []


def test_an_unexpected_error_is_the_attempts_outcome_and_the_round_goes_on(
    client: TestClient, runtime: Runtime, admin: dict[str, str], writer: dict[str, str], receiver: Receiver
) -> None:
    broken = subscribe(client, admin, "http://broken.test/hooks")
    working = subscribe(client, admin, receiver.url)
    receiver.up()
    raise_check_flag(client, writer)

    def resolver(host: str, port: int) -> list[str]:
        raise RuntimeError("resolver exploded")

    worker = DeliveryWorker(runtime.db, runtime.settings, resolver=resolver)
    try:
        assert worker.run_once() == 2
    finally:
        worker.close()
    [failed] = deliveries(client, admin, broken["id"])
    assert failed["status"] == "pending" and failed["last_error"] == "RuntimeError: resolver exploded"
    assert failed["attempt_log"][0]["error"] == "RuntimeError: resolver exploded"
    [sent] = deliveries(client, admin, working["id"])
    assert sent["status"] == "delivered"


def test_a_name_that_resolves_slowly_is_a_failed_attempt_retried_as_any_other(
    client: TestClient, runtime: Runtime, admin: dict[str, str], writer: dict[str, str], receiver: Receiver
) -> None:
    """The timeout bounds the lookup of the receiver's host name too: a resolver that hangs ends the attempt at the
    timeout (its slot free again, the target failing), logged and retried after a back-off like a receiver that does
    not answer; once the name resolves, the retry is delivered."""
    receiver.up()
    hook = subscribe(client, admin, receiver.url_for("slow.test"))
    receiver.secret = hook["secret"]
    raise_check_flag(client, writer)
    let_go = threading.Event()

    def slow_resolver(host: str, port: int) -> list[str]:
        let_go.wait(10.0)  # past the timeout: an attempt that waits for it fails the time bound below
        return ["127.0.0.1"]

    settings = runtime.settings.model_copy(update={"webhooks_timeout_seconds": 0.5})
    worker = DeliveryWorker(runtime.db, settings, resolver=slow_resolver)
    try:
        started = time.monotonic()
        assert worker.run_once() == 1  # returns once the attempt is recorded and its slot free
        elapsed = time.monotonic() - started
        [pending] = deliveries(client, admin, hook["id"])
        let_go.set()
        deliver_until(worker, lambda: deliveries(client, admin, hook["id"])[0]["status"] == "delivered")
    finally:
        let_go.set()
        worker.close()
    assert elapsed < 0.5 + 1.5, elapsed
    assert pending["status"] == "pending" and pending["attempts"] == 1 and pending["status_code"] is None, pending
    assert pending["last_error"] == "timed out: slow.test did not resolve within 0.5 s", pending
    assert pending["attempt_log"][0]["error"] == pending["last_error"]
    [delivered] = deliveries(client, admin, hook["id"])
    assert delivered["attempts"] == 2 and len(receiver.received) == 1 and receiver.received[0].signature_ok


# A dead host's lookup hangs for as long as a test holds it, which the timeout (it bounds the lookup too) must outlast:
# these tests are about slots, not the timeout.
HANGING = {"webhooks_timeout_seconds": 150.0, "webhooks_lease_seconds": 200.0}


class DeadHosts:
    """A resolver for the tests' dead hosts ("dead0.test", ...; any other resolves to loopback): each resolution
    hangs until ``let_go(host)`` returns, then fails as a lookup that got no answer. It counts resolutions begun,
    ended and in progress (the most at once for one host and for all), and the hosts whose ``let_go`` gave up."""

    def __init__(self, let_go: Callable[[str], bool]) -> None:
        self.let_go = let_go
        self.lock = threading.Lock()
        self.resolving: dict[str, int] = {}
        self.most = [0, 0]
        self.began = self.ended = 0
        self.gave_up: list[str] = []

    def __call__(self, host: str, port: int) -> list[str]:
        if not host.startswith("dead"):
            return ["127.0.0.1"]
        with self.lock:
            self.resolving[host] = self.resolving.get(host, 0) + 1
            self.most = [max(self.most[0], *self.resolving.values()), max(self.most[1], sum(self.resolving.values()))]
            self.began += 1
        if not self.let_go(host):
            self.gave_up.append(host)
        with self.lock:
            self.resolving[host] -= 1
            self.ended += 1
        raise UnresolvableHostError(f"{host} does not resolve: timed out")

    def hanging(self) -> int:
        with self.lock:
            return sum(self.resolving.values())

    def counts(self) -> tuple[int, int]:
        """Resolutions begun, and ended."""
        with self.lock:
            return self.began, self.ended


def test_a_healthy_receiver_gets_its_events_promptly_while_other_targets_are_dead(
    client: TestClient, runtime: Runtime, admin: dict[str, str], writer: dict[str, str], receiver: Receiver
) -> None:
    """Deliveries to dead receivers (a host whose resolution hangs, then fails) must not hold up a healthy one: a
    round that waited for its slowest delivery, and dead targets' retries crowding every slot, delayed a local
    receiver's events by minutes. Dead resolutions hang until the healthy receiver has every event: it must get
    them all while each dead delivery is still waiting, however slow the machine (a bound of 4 s on the wall clock,
    with dead resolutions of 1 s, failed on a loaded 2-core machine with nothing held up). The receiver has answered
    once before the dead targets come: an untried target shares the slots of failing ones, and may wait for one of
    their attempts before its first delivery."""
    events = 24
    healthy = subscribe(client, admin, receiver.url)
    receiver.secret = healthy["secret"]
    receiver.up()
    all_delivered = threading.Event()
    dead_hosts = DeadHosts(lambda host: all_delivered.wait(timeout=60.0))

    def received() -> int:
        return len({r.delivery_id for r in receiver.received})

    def wait_for_received(count: int, deadline: float) -> None:
        while received() < count and time.monotonic() < deadline:
            time.sleep(0.02)

    settings = runtime.settings.model_copy(update={"webhooks_concurrency": 4, "webhooks_poll_seconds": 0.05, **HANGING})
    worker = DeliveryWorker(runtime.db, settings, resolver=dead_hosts)
    started = time.monotonic()
    worker.start()
    try:
        flag = raise_check_flag(client, writer)
        wait_for_received(1, time.monotonic() + 30.0)
        assert received() == 1, "the healthy receiver's first event never came"
        dead = [subscribe(client, admin, f"http://dead{i}.test/hooks") for i in range(3)]
        with runtime.db.write() as session:  # more events, the same flag: every subscription gets each
            row = session.get(Flag, flag["id"])
            assert row is not None
            for _ in range(events):
                emit(session, FLAG_CREATED, row)
        wait_for_received(1 + events, time.monotonic() + 90.0)
        took = time.monotonic() - started
    finally:
        all_delivered.set()
        worker.close()
    assert received() == 1 + events
    assert all(r.signature_ok for r in receiver.received)
    assert not dead_hosts.gave_up, f"the healthy receiver waited {took:.1f} s for the dead targets {dead_hosts.gave_up}"
    # A failing target is sent one delivery at a time, and failing targets hold at most all slots but one.
    assert dead_hosts.most == [1, 3], dead_hosts.most
    for hook in dead:
        logged = deliveries(client, admin, hook["id"])
        assert len(logged) == events and all(d["status"] == "pending" for d in logged)
        assert all(a["error"] and "does not resolve" in a["error"] for d in logged for a in d["attempt_log"])


@pytest.mark.parametrize("backlog", [False, True], ids=["nothing-queued", "dead-backlog"])
def test_a_new_receiver_waits_for_at_most_one_dead_attempt_while_dead_targets_hold_the_shared_slots(
    client: TestClient,
    runtime: Runtime,
    admin: dict[str, str],
    writer: dict[str, str],
    receiver: Receiver,
    backlog: bool,
) -> None:
    """An untried target shares the slots of failing ones (all but one), so a new receiver that subscribes while
    dead targets hold them all gets its first delivery once one dead attempt ends, and every later one through the
    slot kept for answering targets while the other dead attempts still hang. Dead resolutions are let through one
    at a time by the test, so no bound on the wall clock is needed.

    Without a backlog the dead targets have one delivery each, in flight (they subscribe to another event). With
    one, they also take the new receiver's event and have six older deliveries of it due behind the one in flight:
    taken oldest first, those went before the new receiver's first delivery, which waited for the dead targets'
    whole backlog one hanging attempt at a time; a failing target's deliveries now come after everyone else's."""
    events = 12
    flag = raise_check_flag(client, writer)  # no subscriber to flag.created yet: no delivery
    dead_events = ["reconciliation.finished", "flag.created"] if backlog else ["reconciliation.finished"]
    dead = [subscribe(client, admin, f"http://dead{i}.test/hooks", dead_events) for i in range(3)]
    with runtime.db.write() as session:
        run = ReconciliationRun(status="succeeded")
        session.add(run)
        session.flush()
        assert emit(session, RECONCILIATION_FINISHED, run) == len(dead)
        flagged = session.get(Flag, flag["id"])
        assert flagged is not None
        for _ in range(6 if backlog else 0):  # older than anything of the new receiver's
            assert emit(session, FLAG_CREATED, flagged) == len(dead)
    release = threading.Semaphore(0)  # one release lets one hanging resolution end (in its error)
    done = threading.Event()

    def let_go(host: str) -> bool:
        give_up = time.monotonic() + 120.0
        while not release.acquire(timeout=0.05) and not done.is_set():
            if time.monotonic() > give_up:
                return False
        return True

    dead_hosts = DeadHosts(let_go)

    def received() -> int:
        return len({r.delivery_id for r in receiver.received})

    def wait_until(condition: Callable[[], bool], what: str, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout  # a guard against hanging, not a bound under test
        while not condition():
            if time.monotonic() > deadline:
                raise AssertionError(f"{what} did not happen in {timeout:.0f} s")
            time.sleep(0.02)

    def release_one(number: int) -> None:
        """Let one dead attempt end (its retry waits a back-off, behind the new receiver's events), then wait for
        the slot it freed to be filled: by the new receiver's first delivery, or by a dead attempt again."""
        release.release()
        wait_until(lambda: dead_hosts.counts()[1] == number, f"dead attempt {number} to end")
        wait_until(
            lambda: received() > 0 or dead_hosts.counts()[0] == len(dead) + number,
            f"the slot freed by release {number}",
        )

    settings = runtime.settings.model_copy(update={"webhooks_concurrency": 4, "webhooks_poll_seconds": 0.05, **HANGING})
    worker = DeliveryWorker(runtime.db, settings, resolver=dead_hosts)
    worker.start()
    releases = 0
    try:
        wait_until(
            lambda: dead_hosts.hanging() == len(dead), "every dead target's first attempt"
        )  # all slots but one held
        healthy = subscribe(client, admin, receiver.url)
        receiver.secret = healthy["secret"]
        receiver.up()
        with runtime.db.write() as session:
            row = session.get(Flag, flag["id"])
            assert row is not None
            for _ in range(events):
                assert emit(session, FLAG_CREATED, row) == (1 + len(dead) if backlog else 1)
        assert received() == 0
        while received() == 0 and releases < len(dead):
            releases += 1
            release_one(releases)
        assert received() > 0, f"the new receiver got nothing after {releases} dead attempts ended"
        first_after = releases
        wait_until(lambda: received() == events, f"all {events} events to the new receiver")
        still_hanging = dead_hosts.hanging()
    finally:
        done.set()
        worker.close()
    assert first_after == 1, f"the new receiver's first delivery came after {first_after} dead attempts ended"
    assert received() == events and releases == 1
    assert all(r.signature_ok for r in receiver.received)
    assert not dead_hosts.gave_up, dead_hosts.gave_up
    assert still_hanging >= len(dead) - 1, still_hanging  # the dead attempts never released were still waiting
    assert dead_hosts.most == [1, len(dead)], dead_hosts.most  # one at a time per failing target, all slots but one
    for hook in dead:
        logged = deliveries(client, admin, hook["id"])
        assert len(logged) == (1 + 6 + events if backlog else 1)
        assert all(
            d["status"] == "pending" and all("does not resolve" in (a["error"] or "") for a in d["attempt_log"])
            for d in logged
        )
