"""Webhook subscriptions, the delivery outbox and its attempt log."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import case, insert, select
from sqlalchemy.orm import Session

from db.models import WebhookAttempt, WebhookDelivery, WebhookSubscription

PENDING = "pending"
DELIVERED = "delivered"
FAILED = "failed"


class WebhookRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    # -- subscriptions -------------------------------------------------------------------------------------------

    def add(self, subscription: WebhookSubscription) -> WebhookSubscription:
        self.session.add(subscription)
        self.session.flush()
        return subscription

    def get(self, subscription_id: str) -> WebhookSubscription | None:
        return self.session.get(WebhookSubscription, subscription_id)

    def delete(self, subscription: WebhookSubscription) -> None:
        self.session.delete(subscription)
        self.session.flush()

    def subscription_ids_for(self, event: str) -> list[str]:
        """The ids of the subscriptions that receive this event, oldest first: the id and the event list are all an
        event's fan-out reads, not whole rows. Filtered here, not in SQL: a JSON list is queried differently on
        each backend, and the table holds a handful of rows."""
        stmt = select(WebhookSubscription.id, WebhookSubscription.events).order_by(WebhookSubscription.created_at)
        return [str(sid) for sid, events in self.session.execute(stmt) if event in (events or [])]

    def page(self, limit: int, after: tuple[datetime, str] | None = None) -> list[WebhookSubscription]:
        stmt = select(WebhookSubscription)
        if after is not None:
            created_at, last_id = after
            stmt = stmt.where(
                (WebhookSubscription.created_at > created_at)
                | ((WebhookSubscription.created_at == created_at) & (WebhookSubscription.id > last_id))
            )
        return list(
            self.session.scalars(stmt.order_by(WebhookSubscription.created_at, WebhookSubscription.id).limit(limit))
        )

    # -- deliveries ----------------------------------------------------------------------------------------------

    def add_deliveries(self, rows: Sequence[dict[str, Any]]) -> None:
        """Outbox rows (column values, every row the same columns) in one INSERT executed for all of them: an
        event fans out to every subscription, and an ORM object per row cost a flag time with each subscriber."""
        if rows:
            self.session.execute(insert(WebhookDelivery), list(rows))

    def deliveries(
        self, subscription_id: str, limit: int, after: tuple[datetime, str] | None = None, status: str | None = None
    ) -> list[WebhookDelivery]:
        """A subscription's deliveries, newest first."""
        stmt = select(WebhookDelivery).where(WebhookDelivery.subscription_id == subscription_id)
        if status is not None:
            stmt = stmt.where(WebhookDelivery.status == status)
        if after is not None:
            created_at, last_id = after
            stmt = stmt.where(
                (WebhookDelivery.created_at < created_at)
                | ((WebhookDelivery.created_at == created_at) & (WebhookDelivery.id < last_id))
            )
        stmt = stmt.order_by(WebhookDelivery.created_at.desc(), WebhookDelivery.id.desc()).limit(limit)
        return list(self.session.scalars(stmt).unique())

    def any_due(self, now: datetime) -> bool:
        stmt = select(WebhookDelivery.id).where(
            WebhookDelivery.status == PENDING, WebhookDelivery.next_attempt_at <= now
        )
        return self.session.scalars(stmt.limit(1)).first() is not None

    def lock_due(
        self,
        now: datetime,
        limit: int,
        exclude_subscriptions: Collection[str] = (),
        only_subscriptions: Collection[str] | None = None,
        last_subscriptions: Collection[str] = (),
    ) -> list[WebhookDelivery]:
        """Due deliveries, oldest first (those of ``last_subscriptions`` after all others), locked for this
        transaction: none of ``exclude_subscriptions``, and only those of ``only_subscriptions`` when given.
        PostgreSQL skips rows another worker has locked (FOR UPDATE SKIP LOCKED); SQLite renders no FOR UPDATE, and
        its write transaction already excludes every other writer."""
        stmt = select(WebhookDelivery).where(WebhookDelivery.status == PENDING, WebhookDelivery.next_attempt_at <= now)
        if exclude_subscriptions:
            stmt = stmt.where(WebhookDelivery.subscription_id.not_in(list(exclude_subscriptions)))
        if only_subscriptions is not None:
            stmt = stmt.where(WebhookDelivery.subscription_id.in_(list(only_subscriptions)))
        last_order = (
            [case((WebhookDelivery.subscription_id.in_(list(last_subscriptions)), 1), else_=0)]
            if last_subscriptions
            else []
        )
        stmt = (
            stmt.order_by(*last_order, WebhookDelivery.next_attempt_at, WebhookDelivery.id)
            .limit(limit)
            .with_for_update(skip_locked=True, of=WebhookDelivery)
        )
        return list(self.session.scalars(stmt).unique())

    def lock_delivery(self, delivery_id: str) -> WebhookDelivery | None:
        stmt = select(WebhookDelivery).where(WebhookDelivery.id == delivery_id).with_for_update(of=WebhookDelivery)
        return self.session.scalars(stmt).unique().first()

    def add_attempt(self, attempt: WebhookAttempt) -> None:
        self.session.add(attempt)
