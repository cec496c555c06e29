"""Audit h166: on SQLite, with the API busy with writes, recording a webhook attempt failed with ``database is
locked`` (5 times in one audit): the attempt was logged as failed, its row left for the lease to run out, and the
receiver sent the delivery again. Recording now tries again after such a time-out (``batch_write_retry_seconds``),
as the nightly job does; the API's own requests still fail at the first one (503 with Retry-After)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy.exc import OperationalError

from db.engine import WriteLockTimeoutError
from db.models import WebhookDelivery, WebhookSubscription
from db.repositories.webhooks import DELIVERED
from db.types import new_id, utcnow
from service.runtime import Runtime
from service.webhooks.delivery import AttemptResult, ClaimedDelivery, DeliveryWorker
from tests.webhooks.outbox import outbox_runtime
from tests.write_lock import WriteLockHolder

BUSY_TIMEOUT_MS = 200


@pytest.fixture
def runtime(database_url: str) -> Iterator[Runtime]:
    if not database_url.startswith("sqlite"):
        pytest.skip("SQLite's write lock: a PostgreSQL writer waits for row locks, with no busy timeout")
    yield from outbox_runtime(database_url, sqlite_busy_timeout_ms=BUSY_TIMEOUT_MS)


class AnsweredWorker(DeliveryWorker):
    """The real worker, its receiver answering 200 at once (no network)."""

    def send(self, delivery: ClaimedDelivery) -> AttemptResult:
        return AttemptResult(utcnow(), 200, None, 1.0)


def _one_claimed(runtime: Runtime, worker: DeliveryWorker) -> ClaimedDelivery:
    with runtime.db.write() as session:
        subscription = WebhookSubscription(url="http://127.0.0.1:9/hook", events=["flag.created"], secret="s" * 32)
        session.add(subscription)
        session.flush()
        due = utcnow() - timedelta(seconds=1)
        session.add(
            WebhookDelivery(
                id=new_id(),
                subscription_id=subscription.id,
                event="flag.created",
                event_id=new_id(),
                body="{}",
                next_attempt_at=due,
                created_at=due,
            )
        )
    [claimed] = worker.claim(1)
    return claimed


def test_an_attempt_is_recorded_once_the_api_lets_go_of_the_write_lock(runtime: Runtime) -> None:
    worker = AnsweredWorker(runtime.db, runtime.settings)
    try:
        delivery = _one_claimed(runtime, worker)
        holder = WriteLockHolder(runtime.settings.database_url, hold_s=6 * BUSY_TIMEOUT_MS / 1000)
        holder.start()
        status = worker.deliver(delivery)
        holder.join()
    finally:
        worker.close()
    assert status == DELIVERED
    assert holder.held_s >= 5 * BUSY_TIMEOUT_MS / 1000, "the lock was not held for several busy timeouts"
    with runtime.db.read() as session:
        row = session.get(WebhookDelivery, delivery.id)
        assert row is not None
        assert (row.status, row.claim_token, row.attempts) == (DELIVERED, None, 1)
        assert [(a.number, a.status_code) for a in row.attempt_log] == [(1, 200)]


def test_recording_gives_up_past_the_retry_bound_and_the_lease_takes_over(runtime: Runtime) -> None:
    settings = runtime.settings.model_copy(update={"batch_write_retry_seconds": 0.5})
    worker = AnsweredWorker(runtime.db, settings)
    try:
        delivery = _one_claimed(runtime, worker)
        holder = WriteLockHolder(settings.database_url, hold_s=30)
        holder.start()
        try:
            with pytest.raises(WriteLockTimeoutError, match=r"CLAIMLEDGER_BATCH_WRITE_RETRY_SECONDS=0\.5 s"):
                worker.record(delivery, worker.send(delivery))
            gave_up_after = time.perf_counter() - holder.taken_at
        finally:
            holder.join()
    finally:
        worker.close()
    assert gave_up_after >= 0.5
    with runtime.db.read() as session:
        row = session.get(WebhookDelivery, delivery.id)
        assert row is not None and row.claim_token == delivery.token  # left for the lease, as before


def _subscribe_as_the_api_does(runtime: Runtime) -> None:
    with runtime.db.write() as session:
        session.add(WebhookSubscription(url="http://127.0.0.1:9/x", events=["flag.created"], secret="s" * 32))


def test_the_apis_own_writes_still_fail_at_the_first_busy_timeout(runtime: Runtime) -> None:
    holder = WriteLockHolder(runtime.settings.database_url, hold_s=30)
    holder.start()
    try:
        started = time.perf_counter()
        with pytest.raises(OperationalError, match="database is locked") as raised:
            _subscribe_as_the_api_does(runtime)
        waited = time.perf_counter() - started
    finally:
        holder.join()
    assert not isinstance(raised.value, WriteLockTimeoutError)
    assert waited < 10, "an API request's write was tried again (the lock was held for 30 s)"
