"""webhook_probe_lease: a subscription keeps which delivery worker may have an attempt in flight to it while its
target does not answer (``probe_holder``, the holder's claim token) and until when (``probe_lease_until``).

Each worker sent a failing or untried target one delivery at a time, but only among its own attempts: N workers
sharing the database (``serve`` replicas, ``webhooks deliver`` processes) had N attempts hanging on the same dead
receiver at once. The lease is taken with the delivery's claim and ends when its attempt is recorded; one whose
worker died runs out with the delivery's own lease.

Upgrade adds the two columns, empty (no worker holds a lease yet). Downgrade drops them.

Revision ID: 0041
Revises: 0040
Create Date: 2026-12-07 20:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import db.types

revision: str = "0041"
down_revision: str | None = "0040"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("webhook_subscriptions") as batch:
        batch.add_column(sa.Column("probe_holder", sa.String(length=36), nullable=True))
        batch.add_column(sa.Column("probe_lease_until", db.types.UtcDateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("webhook_subscriptions") as batch:
        batch.drop_column("probe_lease_until")
        batch.drop_column("probe_holder")
