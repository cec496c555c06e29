"""webhook_target_state: every subscription keeps when the latest attempt that found a working receiver there began
(``answered_at``) and the latest that found none (``failing_at``: no answer, 429 or 5xx).

The delivery worker puts a failing target's due deliveries after every other target's and sends an untried or
failing target one delivery at a time. It kept that knowledge in the memory of the worker that made the attempts, so
another worker (several run at once) or one restarted put a dead target's backlog before a new receiver again. The
attempt log holds the same facts, but a target's latest attempt is found there only by reading all its attempts
(they carry no subscription), which grows with its history and would run in the claim's write transaction.

Upgrade adds the two columns and fills them from the attempt log (an attempt cut short by its worker's death,
``interrupted``, says nothing of the target). Downgrade drops them.

Revision ID: 0039
Revises: 0038
Create Date: 2026-12-07 18:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import db.types

revision: str = "0039"
down_revision: str | None = "0038"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INTERRUPTED_PREFIX = "interrupted:"

subscriptions = sa.table(
    "webhook_subscriptions",
    sa.column("id", sa.String),
    sa.column("answered_at", db.types.UtcDateTime(timezone=True)),
    sa.column("failing_at", db.types.UtcDateTime(timezone=True)),
)
deliveries = sa.table("webhook_deliveries", sa.column("id", sa.String), sa.column("subscription_id", sa.String))
attempts = sa.table(
    "webhook_attempts",
    sa.column("delivery_id", sa.String),
    sa.column("attempted_at", db.types.UtcDateTime(timezone=True)),
    sa.column("status_code", sa.Integer),
    sa.column("error", sa.Text),
)


def _latest_attempt(found: sa.ColumnElement[bool]) -> sa.ScalarSelect[object]:
    """When the subscription's latest attempt that ``found`` so began."""
    return (
        sa.select(sa.func.max(attempts.c.attempted_at))
        .select_from(attempts.join(deliveries, deliveries.c.id == attempts.c.delivery_id))
        .where(deliveries.c.subscription_id == subscriptions.c.id, found)
        .scalar_subquery()
    )


def upgrade() -> None:
    with op.batch_alter_table("webhook_subscriptions") as batch:
        batch.add_column(sa.Column("answered_at", db.types.UtcDateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("failing_at", db.types.UtcDateTime(timezone=True), nullable=True))
    code = attempts.c.status_code
    answered = code.is_not(None) & (code != 429) & (code < 500)
    failing = (
        (code == 429)
        | (code >= 500)
        | (code.is_(None) & attempts.c.error.is_not(None) & attempts.c.error.not_like(INTERRUPTED_PREFIX + "%"))
    )
    op.get_bind().execute(
        subscriptions.update().values(answered_at=_latest_attempt(answered), failing_at=_latest_attempt(failing))
    )


def downgrade() -> None:
    with op.batch_alter_table("webhook_subscriptions") as batch:
        batch.drop_column("failing_at")
        batch.drop_column("answered_at")
