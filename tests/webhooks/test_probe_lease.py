"""One attempt at a time to a failing target across every delivery worker, not just within one: several workers
(``serve`` replicas, ``claimledger webhooks deliver`` processes) share one database, and each kept its own failing
targets to one attempt in flight, so N workers had N attempts hanging on the same dead receiver, N times the
timeouts. A worker now takes the subscription's probe lease before an attempt to a target that is not answering; the
lease ends when the attempt is recorded, or runs out (a worker that died holding it blocks the target no longer than
a delivery's lease). A target that answers is sent to by every worker at once, as before.

Each worker is the real delivery loop (``DeliveryWorker.start``) with a database connection of its own, as a process
has; the target is a real HTTP receiver on loopback. Attempts in flight are counted where they are made (around
``send``), so a receiver that is slow to notice a hung-up sender cannot blur the count."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from db.database import Database
from db.models import WebhookAttempt, WebhookDelivery, WebhookSubscription
from db.types import new_id, utcnow
from service.config import Settings
from service.runtime import Runtime
from service.webhooks.delivery import INTERRUPTED, AttemptResult, ClaimedDelivery, DeliveryWorker
from tests.webhooks.outbox import outbox_runtime
from tests.webhooks.receiver import Receiver

SECRET = "s" * 32


@pytest.fixture
def runtime(database_url: str) -> Iterator[Runtime]:
    yield from outbox_runtime(database_url)


class InFlight:
    """Attempts in flight per target, across the workers of a test, and the most there ever were at once."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._now: dict[str, int] = {}
        self.most: dict[str, int] = {}
        self.made: dict[str, int] = {}

    def begin(self, target: str) -> None:
        with self._lock:
            self._now[target] = self._now.get(target, 0) + 1
            self.most[target] = max(self.most.get(target, 0), self._now[target])
            self.made[target] = self.made.get(target, 0) + 1

    def end(self, target: str) -> None:
        with self._lock:
            self._now[target] -= 1

    def count(self, target: str) -> int:
        with self._lock:
            return self.made.get(target, 0)


class CountedWorker(DeliveryWorker):
    """The real worker, its attempts counted as they begin and end."""

    def __init__(self, db: Database, settings: Settings, in_flight: InFlight) -> None:
        super().__init__(db, settings)
        self.in_flight = in_flight

    def send(self, delivery: ClaimedDelivery) -> AttemptResult:
        self.in_flight.begin(delivery.subscription_id)
        try:
            return super().send(delivery)
        finally:
            self.in_flight.end(delivery.subscription_id)


def delivery_settings(runtime: Runtime, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "webhooks_timeout_seconds": 2.0,
        "webhooks_lease_seconds": 4.0,
        "webhooks_backoff_seconds": 0.05,
        "webhooks_backoff_max_seconds": 0.2,
        "webhooks_max_attempts": 100,
        "webhooks_poll_seconds": 0.05,
        "webhooks_concurrency": 2,
        **overrides,
    }
    return runtime.settings.model_copy(update=values)


def subscribe(runtime: Runtime, url: str, *, failing: bool = False, answering: bool = False) -> str:
    """A subscription whose last attempt (a minute ago) found no receiver (``failing``) or one (``answering``)."""
    earlier = utcnow() - timedelta(minutes=1)
    with runtime.db.write() as session:
        subscription = WebhookSubscription(
            url=url,
            events=["flag.created"],
            secret=SECRET,
            failing_at=earlier if failing else None,
            answered_at=earlier if answering else None,
        )
        session.add(subscription)
        session.flush()
        return subscription.id


def queue(runtime: Runtime, subscription_id: str, count: int) -> list[str]:
    """``count`` deliveries due now, oldest first; their ids."""
    now = utcnow()
    ids = [new_id() for _ in range(count)]
    with runtime.db.write() as session:
        for i, delivery_id in enumerate(ids):
            due = now - timedelta(seconds=count - i)
            session.add(
                WebhookDelivery(
                    id=delivery_id,
                    subscription_id=subscription_id,
                    event="flag.created",
                    event_id=new_id(),
                    body="{}",
                    next_attempt_at=due,
                    created_at=due,
                )
            )
    return ids


def wait_until(condition: Any, what: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout  # a guard against hanging, not a bound under test
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} did not happen in {timeout:.0f} s")
        time.sleep(0.02)


def running_workers(stack: ExitStack, runtime: Runtime, settings: Settings, in_flight: InFlight, count: int) -> None:
    """``count`` delivery loops, each with its own connection to the database, stopped when ``stack`` closes."""
    for _ in range(count):
        db = Database.connect(runtime.settings.database_url)
        stack.callback(db.dispose)
        worker = CountedWorker(db, settings, in_flight)
        stack.callback(worker.close)
        worker.start()


@pytest.mark.parametrize("target", ["fails", "hangs"])
def test_two_workers_never_have_two_attempts_in_flight_to_a_failing_target(runtime: Runtime, target: str) -> None:
    """A receiver that answers 503 slowly, or one that never answers (each attempt ends at the timeout): the
    target's backlog is worked through one attempt at a time by the two workers together."""
    receiver = Receiver(secret=SECRET, answers=[503] * 1000, hold=0.3 if target == "fails" else 60.0).up()
    timeout = 2.0 if target == "fails" else 0.5
    # The lease outlasts an attempt by far more than its start can be late on a loaded machine.
    settings = delivery_settings(runtime, webhooks_timeout_seconds=timeout, webhooks_lease_seconds=timeout + 4.0)
    failing = subscribe(runtime, receiver.url, failing=True)
    queue(runtime, failing, 8)
    in_flight = InFlight()
    with ExitStack() as stack:
        stack.callback(receiver.close)
        running_workers(stack, runtime, settings, in_flight, 2)
        wait_until(lambda: in_flight.count(failing) >= 5, "five attempts to the failing target")
    assert in_flight.most[failing] == 1, in_flight.most
    assert len(receiver.received) >= 4  # the attempts reached the receiver (the last may still be on its way)


def test_a_dead_holders_lease_runs_out_and_another_worker_then_delivers(runtime: Runtime) -> None:
    """A worker that took the failing target's probe lease and died (claimed, never sent nor recorded) keeps every
    other worker from the target until the lease runs out, then the next worker delivers all of its deliveries."""
    receiver = Receiver(secret=SECRET).up()  # back up: it answers 200
    settings = delivery_settings(runtime, webhooks_timeout_seconds=0.5, webhooks_lease_seconds=3.0)
    failing = subscribe(runtime, receiver.url, failing=True)
    deliveries = queue(runtime, failing, 2)
    in_flight = InFlight()
    with ExitStack() as stack:
        stack.callback(receiver.close)
        dead_db = Database.connect(runtime.settings.database_url)
        stack.callback(dead_db.dispose)
        dead = CountedWorker(dead_db, settings, in_flight)
        stack.callback(dead.close)
        [taken] = dead.claim()  # ... and the worker dies before sending
        claimed_at = time.monotonic()
        assert taken.id == deliveries[0]
        running_workers(stack, runtime, settings, in_flight, 1)
        time.sleep(max(0.0, claimed_at + 1.0 - time.monotonic()))  # well within the dead worker's 3 s lease
        early = len(receiver.received)
        wait_until(lambda: len(receiver.processed()) == 2, "both deliveries after the lease ran out")
    assert early == 0, "another worker sent to the target while the dead worker's lease held it"
    assert set(receiver.processed()) == set(deliveries)
    with runtime.db.read() as session:
        log = session.scalars(
            select(WebhookAttempt).where(WebhookAttempt.delivery_id == taken.id).order_by(WebhookAttempt.number)
        ).all()
        assert [(a.status_code, a.error) for a in log] == [(None, INTERRUPTED), (200, None)]


def test_a_healthy_target_still_gets_deliveries_from_every_worker_at_once(runtime: Runtime) -> None:
    """An answering target takes no lease: two workers of two slots each send to it together."""
    receiver = Receiver(secret=SECRET, hold=1.0).up()
    settings = delivery_settings(runtime)
    healthy = subscribe(runtime, receiver.url, answering=True)
    deliveries = queue(runtime, healthy, 8)
    in_flight = InFlight()
    with ExitStack() as stack:
        stack.callback(receiver.close)
        running_workers(stack, runtime, settings, in_flight, 2)
        wait_until(lambda: len(receiver.processed()) == len(deliveries), "every delivery to the healthy target")
    assert in_flight.most[healthy] >= 3, in_flight.most  # more than one worker's two slots
