"""Migration 0039: a subscription's target state (``answered_at``, ``failing_at``) filled from the attempt log a
database already holds, so workers upgraded mid-outage still put a dead target's backlog last. An attempt cut short by
its worker's death says nothing of the target. On both backends."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from db.engine import make_engine
from db.migrate import check, upgrade
from db.models import WebhookSubscription
from db.types import UtcDateTime, new_id
from service.webhooks.delivery import INTERRUPTED
from tests.conftest import BACKENDS, new_database_url

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)

subscriptions = sa.table(
    "webhook_subscriptions",
    sa.column("id", sa.String),
    sa.column("url", sa.String),
    sa.column("events", sa.JSON),
    sa.column("secret", sa.String),
    sa.column("created_at", UtcDateTime()),
)
deliveries = sa.table(
    "webhook_deliveries",
    sa.column("id", sa.String),
    sa.column("subscription_id", sa.String),
    sa.column("event", sa.String),
    sa.column("event_id", sa.String),
    sa.column("body", sa.Text),
    sa.column("status", sa.String),
    sa.column("attempts", sa.Integer),
    sa.column("created_at", UtcDateTime()),
)
attempts = sa.table(
    "webhook_attempts",
    sa.column("id", sa.String),
    sa.column("delivery_id", sa.String),
    sa.column("number", sa.Integer),
    sa.column("attempted_at", UtcDateTime()),
    sa.column("status_code", sa.Integer),
    sa.column("error", sa.Text),
)

# Each subscription's attempts (minutes after T0, status code, error), over two deliveries, and the state expected.
HISTORIES: dict[str, tuple[list[tuple[int, int | None, str | None]], int | None, int | None]] = {
    "recovered": ([(1, 503, "HTTP 503"), (2, None, "ConnectError"), (3, 200, None)], 3, 2),
    "dead": ([(1, 200, None), (2, None, "timed out"), (4, None, INTERRUPTED)], 1, 2),
    "answers-404-then-429": ([(1, 404, "HTTP 404"), (5, 429, "HTTP 429")], 1, 5),
    "untried": ([], None, None),
}


@pytest.mark.parametrize("backend", BACKENDS)
def test_the_target_state_is_filled_from_the_attempt_log(backend: str, request: pytest.FixtureRequest) -> None:
    url = new_database_url(backend, request, "claimledger_migration_0039")
    upgrade(url, "0038")
    engine = make_engine(url)
    ids = {name: new_id() for name in HISTORIES}
    try:
        with engine.begin() as conn:
            for name, (history, _, _) in HISTORIES.items():
                conn.execute(
                    subscriptions.insert().values(
                        id=ids[name], url="http://x.test/h", events=["flag.created"], secret="s" * 32, created_at=T0
                    )
                )
                both = [new_id(), new_id()]
                for delivery_id in both:
                    conn.execute(
                        deliveries.insert().values(
                            id=delivery_id,
                            subscription_id=ids[name],
                            event="flag.created",
                            event_id=new_id(),
                            body="{}",
                            status="pending",
                            attempts=len(history),
                            created_at=T0,
                        )
                    )
                for number, (minute, code, error) in enumerate(history, start=1):
                    conn.execute(
                        attempts.insert().values(
                            id=new_id(),
                            delivery_id=both[number % 2],
                            number=number,
                            attempted_at=T0 + timedelta(minutes=minute),
                            status_code=code,
                            error=error,
                        )
                    )
        upgrade(url)
        check(url)
        with engine.connect() as conn:
            stored = {
                row.id: (row.answered_at, row.failing_at)
                for row in conn.execute(
                    sa.select(WebhookSubscription.id, WebhookSubscription.answered_at, WebhookSubscription.failing_at)
                )
            }
    finally:
        engine.dispose()
    for name, (_, answered, failing) in HISTORIES.items():
        expected = tuple(None if m is None else T0 + timedelta(minutes=m) for m in (answered, failing))
        assert stored[ids[name]] == expected, name
