"""Writing an event's deliveries into the outbox, inside the caller's transaction.

The rows commit (or roll back) with the flag or run outcome that raised the event, so an event is never lost to
a crash between the two and never sent for something that was not stored. Only the subscriptions that exist at
that moment get a delivery. Nothing here sends anything: the delivery worker does, after the commit.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.orm import Session

from db.repositories.webhooks import PENDING, WebhookRepository
from db.types import new_id, utcnow
from service.webhooks.events import WebhookEvent

SubjectT = TypeVar("SubjectT")


def emit(
    session: Session,
    event: WebhookEvent[SubjectT],
    subject: SubjectT,
    prepare: Callable[[SubjectT], None] | None = None,
) -> int:
    """Queue the event for every subscription to it; the number of deliveries written. The body is rendered once
    (the exact bytes every attempt sends and signs); without subscribers nothing is rendered, and ``prepare`` (what
    loads the subject's relations the body shows, in fewer queries than lazy loads would) is not called. The
    subscriptions are read here, in the caller's transaction, for each event (not kept from an earlier one: a
    delivery for a subscription deleted since would fail its foreign key and take the flag's savepoint with it),
    and the rows go in as one INSERT for all of them."""
    repo = WebhookRepository(session)
    subscription_ids = repo.subscription_ids_for(event.name)
    if not subscription_ids:
        return 0
    if prepare is not None:
        prepare(subject)
    event_id, now = new_id(), utcnow()
    body = json.dumps(
        {"id": event_id, "type": event.name, "created_at": now.isoformat(), "data": event.data(subject)},
        ensure_ascii=False,
        separators=(",", ":"),
    )
    repo.add_deliveries(
        [
            {
                "id": new_id(),
                "subscription_id": subscription_id,
                "event": event.name,
                "event_id": event_id,
                "body": body,
                "status": PENDING,
                "attempts": 0,
                "next_attempt_at": now,
                "created_at": now,
            }
            for subscription_id in subscription_ids
        ]
    )
    return len(subscription_ids)
