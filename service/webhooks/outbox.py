"""Writing an event's deliveries into the outbox, inside the caller's transaction.

The rows commit (or roll back) with the flag or run outcome that raised the event, so an event is never lost to
a crash between the two and never sent for something that was not stored. Only the subscriptions that exist at
that moment get a delivery. Nothing here sends anything: the delivery worker does, after the commit.
"""

from __future__ import annotations

import json
from typing import TypeVar

from sqlalchemy.orm import Session

from db.models import WebhookDelivery
from db.repositories.webhooks import PENDING, WebhookRepository
from db.types import new_id, utcnow
from service.webhooks.events import WebhookEvent

SubjectT = TypeVar("SubjectT")


def emit(session: Session, event: WebhookEvent[SubjectT], subject: SubjectT) -> int:
    """Queue the event for every subscription to it; the number of deliveries written. The body is rendered once
    (the exact bytes every attempt sends and signs); without subscribers nothing is rendered."""
    repo = WebhookRepository(session)
    subscriptions = repo.subscribed_to(event.name)
    if not subscriptions:
        return 0
    event_id, now = new_id(), utcnow()
    body = json.dumps(
        {"id": event_id, "type": event.name, "created_at": now.isoformat(), "data": event.data(subject)},
        ensure_ascii=False,
        separators=(",", ":"),
    )
    for subscription in subscriptions:
        repo.add_delivery(
            WebhookDelivery(
                subscription_id=subscription.id,
                event=event.name,
                event_id=event_id,
                body=body,
                status=PENDING,
                attempts=0,
                next_attempt_at=now,
                created_at=now,
            )
        )
    session.flush()
    return len(subscriptions)
