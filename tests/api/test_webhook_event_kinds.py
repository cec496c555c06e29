"""Which webhook event a flag raises: ``flag.created`` for exactly what GET /v1/flags lists by default (contradictions
and self-contradictions), ``flag.near_duplicate`` (opt-in) for the nightly job's near-duplicates. A subscriber
counting ``flag.created`` deliveries against GET /v1/flags gets one delivery per listed flag, no more, and each
delivery's data is the flag exactly as GET /v1/flags and GET /v1/flags/{id} show it."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from db.models import WebhookDelivery, WebhookSubscription
from embeddings.encoder import HashingEncoder
from embeddings.rule_judge import RuleJudge
from extraction import AttributionExtractor
from reconcile.job import Reconciler, RunRequest
from service.app import create_app
from service.runtime import Runtime
from service.webhooks.delivery import DeliveryWorker
from tests.api.test_webhooks import deliver_until, deliveries, subscribe, webhook_settings
from tests.webhooks.receiver import Receiver

# One speaker denying, then asserting, a line a wire service also reported: the nightly job raises one flag of
# each kind (the pairs of tests/reconcile/test_reconcile.py's self-contradiction case).
LINE = "Forty soldiers were killed in the attack on the base near Kirkuk."
RECORD = (
    {"text": LINE, "speaker": "Iraqi Defence Ministry", "said_at": "2021-04-09", "stance": "denies"},
    {"text": LINE, "speaker": "Iraqi Defence Ministry", "said_at": "2021-04-20"},
    {"text": LINE, "speaker": "Reuters", "said_at": "2021-04-10"},
)
KINDS = {"contradiction", "self_contradiction", "near_duplicate"}


@pytest.fixture
def runtime(database_url: str, extractor: AttributionExtractor) -> Iterator[Runtime]:
    rt = Runtime.create(webhook_settings(database_url, extraction_processes=0))
    rt.use_models(HashingEncoder(), RuleJudge(), extractor)
    yield rt
    rt.close()


@pytest.fixture
def client(runtime: Runtime) -> Iterator[TestClient]:
    with TestClient(create_app(runtime.settings, runtime), raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture
def admin(make_key: Callable[[str], dict[str, str]]) -> dict[str, str]:
    return make_key("read,write,admin")


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    r = Receiver()
    yield r
    r.close()


def store_record_and_reconcile(client: TestClient, runtime: Runtime, headers: dict[str, str]) -> None:
    for claim in RECORD:
        assert client.post("/v1/claims", json=claim, headers=headers).status_code == 201
    [outcome] = Reconciler(runtime).run(RunRequest())
    assert outcome.status == "succeeded", outcome.error


def queued_bodies(runtime: Runtime, subscription_id: str) -> list[dict[str, Any]]:
    """The bodies queued for one subscription, oldest first."""
    with runtime.db.read() as session:
        rows = session.scalars(
            select(WebhookDelivery.body)
            .where(WebhookDelivery.subscription_id == subscription_id)
            .order_by(WebhookDelivery.created_at, WebhookDelivery.id)
        ).all()
    return [json.loads(body) for body in rows]


def listed(client: TestClient, headers: dict[str, str], **params: str) -> dict[str, dict[str, Any]]:
    reply = client.get("/v1/flags", params={"limit": "500", **params}, headers=headers)
    assert reply.status_code == 200, reply.text
    return {flag["id"]: flag for flag in reply.json()["items"]}


def test_flag_created_is_sent_for_exactly_the_flags_get_v1_flags_lists(
    client: TestClient, runtime: Runtime, admin: dict[str, str], receiver: Receiver
) -> None:
    hook = subscribe(client, admin, receiver.url, ["flag.created"])
    store_record_and_reconcile(client, runtime, admin)
    near_duplicates = listed(client, admin, kind="near_duplicate")
    assert len(near_duplicates) == 1  # the record raised one: the subscriber must not hear of it as flag.created

    flags = listed(client, admin)
    assert {f["kind"] for f in flags.values()} == {"contradiction", "self_contradiction"}
    bodies = queued_bodies(runtime, hook["id"])
    assert sorted(b["data"]["id"] for b in bodies) == sorted(flags)  # one delivery per listed flag, no more
    for body in bodies:
        assert body["type"] == "flag.created"
        assert body["data"] == flags[body["data"]["id"]]  # the list item, exactly
        one = client.get(f"/v1/flags/{body['data']['id']}", headers=admin)
        assert one.status_code == 200 and body["data"] == one.json()  # and GET /v1/flags/{id}, exactly
    assert {d["event"] for d in deliveries(client, admin, hook["id"])} == {"flag.created"}


def test_near_duplicates_are_their_own_opt_in_event_delivered_under_its_name(
    client: TestClient, runtime: Runtime, admin: dict[str, str], receiver: Receiver
) -> None:
    duplicates_hook = subscribe(client, admin, receiver.url + "/duplicates", ["flag.near_duplicate"])
    both_hook = subscribe(client, admin, receiver.url + "/both", ["flag.created", "flag.near_duplicate"])
    assert both_hook["events"] == ["flag.created", "flag.near_duplicate"]
    store_record_and_reconcile(client, runtime, admin)

    near_duplicates = listed(client, admin, kind="near_duplicate")
    [duplicate] = queued_bodies(runtime, duplicates_hook["id"])
    assert duplicate["type"] == "flag.near_duplicate"
    assert duplicate["data"] == near_duplicates[duplicate["data"]["id"]]
    assert duplicate["data"] == client.get(f"/v1/flags/{duplicate['data']['id']}", headers=admin).json()

    # Subscribed to both: every flag of the three kinds once, each under its own event.
    every = {**listed(client, admin), **near_duplicates}
    assert {f["kind"] for f in every.values()} == KINDS
    both = queued_bodies(runtime, both_hook["id"])
    assert sorted(b["data"]["id"] for b in both) == sorted(every)
    for body in both:
        expected = "flag.near_duplicate" if body["data"]["kind"] == "near_duplicate" else "flag.created"
        assert body["type"] == expected and body["data"] == every[body["data"]["id"]]

    # Sent, the event's name is the header too, and the delivery log says it.
    receiver.secret = duplicates_hook["secret"]
    receiver.up()
    worker = DeliveryWorker(runtime.db, runtime.settings)
    try:
        deliver_until(worker, lambda: deliveries(client, admin, duplicates_hook["id"])[0]["status"] == "delivered")
    finally:
        worker.close()
    [sent] = [r for r in receiver.received if r.path.endswith("/duplicates")]
    assert sent.signature_ok and sent.headers["x-claimledger-event"] == "flag.near_duplicate"
    assert sent.json == duplicate
    assert [d["event"] for d in deliveries(client, admin, duplicates_hook["id"])] == ["flag.near_duplicate"]


def test_a_stored_flag_created_subscription_keeps_getting_contradictions_only(
    client: TestClient, runtime: Runtime, admin: dict[str, str]
) -> None:
    """A subscription stored before flag.near_duplicate existed (a row, as an earlier version wrote it) needs no
    change: it keeps getting contradictions and self-contradictions, and no near-duplicates."""
    with runtime.db.write() as session:
        session.add(WebhookSubscription(url="http://hook.invalid/old", events=["flag.created"], secret="s" * 32))
    [old] = client.get("/v1/webhooks", headers=admin).json()["items"]
    store_record_and_reconcile(client, runtime, admin)
    kinds = sorted(b["data"]["kind"] for b in queued_bodies(runtime, old["id"]))
    assert kinds == ["contradiction", "self_contradiction"]


def test_flag_near_duplicate_is_a_known_event_everywhere_events_are_listed(
    client: TestClient, admin: dict[str, str], receiver: Receiver
) -> None:
    refused = client.post("/v1/webhooks", json={"url": receiver.url, "events": ["nope"]}, headers=admin)
    assert refused.status_code == 422
    assert "known: flag.created, flag.near_duplicate, reconciliation.finished" in refused.text

    document = client.get("/openapi.json").json()
    assert set(document["webhooks"]) == {"flag.created", "flag.near_duplicate", "reconciliation.finished"}
    near = document["webhooks"]["flag.near_duplicate"]["post"]
    assert near["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith("WebhookEventBody_FlagOut_")
    assert "near-duplicate" in near["description"] and "kind=near_duplicate" in near["description"]
    assert "near-duplicate" not in document["webhooks"]["flag.created"]["post"]["description"]
    events = document["components"]["schemas"]["WebhookCreate"]["properties"]["events"]
    assert events["items"]["enum"] == ["flag.created", "flag.near_duplicate", "reconciliation.finished"]
    assert "flag.near_duplicate" in events["description"]
