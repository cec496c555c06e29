"""Webhook subscriptions, the delivery outbox and its attempt log."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, case, insert, literal, select, update
from sqlalchemy.orm import Session, contains_eager

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

    @staticmethod
    def answering() -> ColumnElement[bool]:
        """A target whose latest attempt found a working receiver (what ``WebhookSubscription.answered_at`` says)."""
        sub = WebhookSubscription
        return sub.answered_at.is_not(None) & (sub.failing_at.is_(None) | (sub.answered_at >= sub.failing_at))

    @staticmethod
    def failing() -> ColumnElement[bool]:
        """A target whose latest attempt found no working receiver."""
        sub = WebhookSubscription
        return sub.failing_at.is_not(None) & (sub.answered_at.is_(None) | (sub.failing_at > sub.answered_at))

    @staticmethod
    def probe_free(now: datetime) -> ColumnElement[bool]:
        """No worker holds the target's probe lease (none taken, or its holder's ran out)."""
        sub = WebhookSubscription
        return sub.probe_lease_until.is_(None) | (sub.probe_lease_until <= now)

    def take_probe(self, subscription_id: str, holder: str, until: datetime, now: datetime) -> bool:
        """Take the target's probe lease for ``holder`` until ``until`` if no other worker holds it; whether it was
        taken. The check and the write are one conditional UPDATE, so two workers never both take it: on PostgreSQL a
        row another transaction has locked is passed over (SKIP LOCKED), not waited for, as the claim's deliveries
        are: deleting a subscription locks it and then its deliveries, and waiting here, with deliveries locked,
        could deadlock with it. SQLite renders no FOR UPDATE; its write transaction excludes every other writer."""
        sub = WebhookSubscription
        free = select(sub.id).where(sub.id == subscription_id, self.probe_free(now)).with_for_update(skip_locked=True)
        result = self.session.execute(
            update(sub)
            .where(sub.id.in_(free))
            .values(probe_holder=holder, probe_lease_until=until)
            .execution_options(synchronize_session=False)
        )
        return bool(getattr(result, "rowcount", 0))

    def answering_among(self, subscription_ids: Collection[str]) -> set[str]:
        """Which of these targets answer (a primary-key lookup for each: a worker's targets in flight)."""
        if not subscription_ids:
            return set()
        stmt = select(WebhookSubscription.id).where(
            WebhookSubscription.id.in_(list(subscription_ids)), self.answering()
        )
        return {str(sid) for sid in self.session.scalars(stmt)}

    def lock_due(
        self, now: datetime, limit: int, exclude_subscriptions: Collection[str] = (), only_answering: bool = False
    ) -> list[WebhookDelivery]:
        """Due deliveries, oldest first but those of failing targets after all others, locked for this transaction,
        each with its subscription (and so its target's state: ``answered_at``, ``failing_at``): none of
        ``exclude_subscriptions``, none of a target that does not answer while another worker holds its probe lease
        (they would fill the batch and be passed over), and only answering targets' with ``only_answering``. The
        state is read in this
        query from the subscriptions' own columns, as every worker wrote it, so a worker that never sent there (or
        was restarted) orders a dead target's backlog last all the same. PostgreSQL skips rows another worker has
        locked (FOR UPDATE SKIP LOCKED, of the deliveries only); SQLite renders no FOR UPDATE, and its write
        transaction already excludes every other writer."""
        stmt = (
            select(WebhookDelivery)
            .join(WebhookDelivery.subscription)
            .options(contains_eager(WebhookDelivery.subscription))
            .where(WebhookDelivery.status == PENDING, WebhookDelivery.next_attempt_at <= now)
            .where(self.answering() | self.probe_free(now))
        )
        if exclude_subscriptions:
            stmt = stmt.where(WebhookDelivery.subscription_id.not_in(list(exclude_subscriptions)))
        if only_answering:
            stmt = stmt.where(self.answering())
        stmt = (
            stmt.order_by(case((self.failing(), 1), else_=0), WebhookDelivery.next_attempt_at, WebhookDelivery.id)
            .limit(limit)
            .with_for_update(skip_locked=True, of=WebhookDelivery)
        )
        return list(self.session.scalars(stmt).unique())

    def note_target(self, subscription_id: str, attempt_began: datetime, failing: bool, holder: str) -> None:
        """What an attempt found at its target, for every worker's next claim: the latest attempt's start is kept
        (a later one recorded first is not undone by an earlier one that took longer). The attempt's worker
        (``holder``, its claim token) gives up the target's probe lease if it holds it, in the same statement."""
        sub = WebhookSubscription
        column = sub.failing_at if failing else sub.answered_at
        began = literal(attempt_began, column.type)
        later = case((column.is_(None) | (column < began), began), else_=column)
        ours = sub.probe_holder == holder
        self.session.execute(
            update(sub)
            .where(sub.id == subscription_id)
            .values(
                {
                    column: later,
                    sub.probe_holder: case((ours, None), else_=sub.probe_holder),
                    sub.probe_lease_until: case((ours, None), else_=sub.probe_lease_until),
                }
            )
            .execution_options(synchronize_session=False)
        )

    def lock_delivery(self, delivery_id: str) -> WebhookDelivery | None:
        stmt = select(WebhookDelivery).where(WebhookDelivery.id == delivery_id).with_for_update(of=WebhookDelivery)
        return self.session.scalars(stmt).unique().first()

    def add_attempt(self, attempt: WebhookAttempt) -> None:
        self.session.add(attempt)
