"""Migration 0041: a subscription's probe lease (``probe_holder``, ``probe_lease_until``), added empty (no worker
holds one yet) and dropped again on downgrade, the subscriptions and their target state kept. On both backends."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from db.engine import make_engine
from db.migrate import check, downgrade, upgrade
from db.types import UtcDateTime, new_id
from tests.conftest import BACKENDS, new_database_url

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
LEASE_COLUMNS = {"probe_holder", "probe_lease_until"}

subscriptions = sa.table(
    "webhook_subscriptions",
    sa.column("id", sa.String),
    sa.column("url", sa.String),
    sa.column("events", sa.JSON),
    sa.column("secret", sa.String),
    sa.column("created_at", UtcDateTime()),
    sa.column("failing_at", UtcDateTime()),
)


def columns(engine: sa.Engine) -> set[str]:
    return {c["name"] for c in sa.inspect(engine).get_columns("webhook_subscriptions")}


@pytest.mark.parametrize("backend", BACKENDS)
def test_the_probe_lease_columns_come_and_go_with_the_migration(backend: str, request: pytest.FixtureRequest) -> None:
    url = new_database_url(backend, request, "claimledger_migration_0041")
    upgrade(url, "0040")
    engine = make_engine(url)
    subscription_id = new_id()
    try:
        with engine.begin() as conn:
            conn.execute(
                subscriptions.insert().values(
                    id=subscription_id,
                    url="http://x.test/h",
                    events=["flag.created"],
                    secret="s" * 32,
                    created_at=T0,
                    failing_at=T0,
                )
            )
        assert not columns(engine) & LEASE_COLUMNS
        upgrade(url, "head")
        check(url)
        assert columns(engine) >= LEASE_COLUMNS
        with engine.connect() as conn:
            row = conn.execute(
                sa.text("SELECT probe_holder, probe_lease_until FROM webhook_subscriptions WHERE id = :id"),
                {"id": subscription_id},
            ).one()
        assert tuple(row) == (None, None)  # nobody holds a lease on a database just upgraded
        downgrade(url, "0040")
        assert not columns(engine) & LEASE_COLUMNS
        with engine.connect() as conn:
            kept = conn.execute(sa.select(subscriptions.c.id, subscriptions.c.failing_at)).all()
        assert [tuple(r) for r in kept] == [(subscription_id, T0)]
        upgrade(url, "head")
        check(url)
    finally:
        engine.dispose()
