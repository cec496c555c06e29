"""What a delivery worker knows of a target (answering, or failing: no working receiver at its last attempt) is
read from the database, not kept by the worker that sent the attempt: several workers share the outbox (processes,
hosts, the API's threads), and a worker is restarted. A worker that had never sent to a dead target put the dead
target's backlog before a new receiver's first delivery, and sent to a target another worker had found answering one
delivery at a time. Receivers are fakes (a resolver that fails for dead hosts, a transport that answers 200), so no
test waits on the network or the clock."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import httpx
import pytest

from db.models import WebhookDelivery, WebhookSubscription
from db.types import new_id, utcnow
from service.runtime import Runtime
from service.webhooks.delivery import DeliveryWorker
from service.webhooks.targets import UnresolvableHostError
from tests.webhooks.outbox import outbox_runtime

DEAD_URL = "http://dead.test/hooks"


@pytest.fixture
def runtime(database_url: str) -> Iterator[Runtime]:
    yield from outbox_runtime(database_url)


def resolve(host: str, port: int) -> list[str]:
    """Dead hosts get no answer; any other host is the fake receiver."""
    if host.startswith("dead"):
        raise UnresolvableHostError(f"{host} does not resolve: timed out")
    return ["127.0.0.1"]


def answer(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200)


def worker(runtime: Runtime, concurrency: int) -> DeliveryWorker:
    settings = runtime.settings.model_copy(update={"webhooks_concurrency": concurrency})
    return DeliveryWorker(runtime.db, settings, resolver=resolve, transport=httpx.MockTransport(answer))


def subscribe(runtime: Runtime, url: str) -> str:
    with runtime.db.write() as session:
        subscription = WebhookSubscription(url=url, events=["flag.created"], secret="s" * 32)
        session.add(subscription)
        session.flush()
        return subscription.id


def queue(runtime: Runtime, subscription_id: str, count: int, due_minutes_ago: float) -> None:
    """``count`` due deliveries, the oldest first, due a minute apart from ``due_minutes_ago``."""
    now = utcnow()
    with runtime.db.write() as session:
        for i in range(count):
            due = now - timedelta(minutes=due_minutes_ago - i)
            session.add(
                WebhookDelivery(
                    subscription_id=subscription_id,
                    event="flag.created",
                    event_id=new_id(),
                    body="{}",
                    next_attempt_at=due,
                    created_at=due,
                )
            )


@pytest.mark.parametrize("second", ["another-worker", "restarted-worker"])
def test_a_worker_that_never_sent_to_a_dead_target_still_puts_its_backlog_last(runtime: Runtime, second: str) -> None:
    dead = subscribe(runtime, DEAD_URL)
    fresh = subscribe(runtime, "http://new.test/hooks")
    queue(runtime, dead, 4, due_minutes_ago=60)  # a backlog older than anything of the new receiver's
    first = worker(runtime, concurrency=1)
    assert first.run_once() == 1  # the dead target's oldest delivery: no answer, so the target is failing
    if second == "restarted-worker":
        first.close()
    queue(runtime, fresh, 1, due_minutes_ago=1)
    other = worker(runtime, concurrency=1)
    try:
        claimed = other.claim()
    finally:
        other.close()
        first.close()
    assert [d.subscription_id for d in claimed] == [fresh]


def test_a_target_that_answered_another_worker_is_not_sent_one_delivery_at_a_time(runtime: Runtime) -> None:
    healthy = subscribe(runtime, "http://healthy.test/hooks")
    queue(runtime, healthy, 4, due_minutes_ago=10)
    first = worker(runtime, concurrency=1)
    assert first.run_once() == 1  # answered
    other = worker(runtime, concurrency=3)
    try:
        claimed = other.claim()
    finally:
        other.close()
        first.close()
    assert [d.subscription_id for d in claimed] == [healthy] * 3


def test_a_worker_that_saw_a_target_fail_learns_that_it_answered_another_worker(runtime: Runtime) -> None:
    """The worker's own last attempt there failed; another worker's later one was answered. Its own memory of the
    failure would have sent the target one delivery at a time again, behind every other target."""
    target = subscribe(runtime, "http://dead.test/hooks")
    other_target = subscribe(runtime, "http://other.test/hooks")
    queue(runtime, target, 4, due_minutes_ago=30)
    saw_it_fail = worker(runtime, concurrency=1)
    assert saw_it_fail.run_once() == 1
    with runtime.db.write() as session:  # the receiver is back, under a name that resolves
        subscription = session.get(WebhookSubscription, target)
        assert subscription is not None
        subscription.url = "http://back.test/hooks"
    saw_it_answer = worker(runtime, concurrency=1)
    assert saw_it_answer.run_once() == 1
    queue(runtime, other_target, 1, due_minutes_ago=1)
    try:
        claimed = saw_it_fail.claim(3)
    finally:
        saw_it_answer.close()
        saw_it_fail.close()
    assert [d.subscription_id for d in claimed] == [target, target, other_target]
