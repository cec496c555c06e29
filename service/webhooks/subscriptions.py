"""What the /v1/webhooks routes do: subscribe (the URL checked first), list, delete, and the delivery log."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.orm import Session

from db.models import ApiKey, WebhookDelivery, WebhookSubscription
from db.repositories.webhooks import WebhookRepository
from service.config import Settings
from service.errors import NotFoundError, UnprocessableError
from service.webhooks.schemas import DeliveryAttemptOut, DeliveryOut, WebhookCreate, WebhookCreated, WebhookOut
from service.webhooks.signing import new_secret
from service.webhooks.targets import BoundedResolver, RefusedTargetError, Resolver, check_subscription_url, resolve_host

# Subscribing resolves the URL's host inside a request: a hung resolver must not hold the request (and a worker
# thread of the server's pool) past the webhook timeout. A host whose lookup runs out of time is accepted as one that
# does not resolve yet; every delivery checks it again.
_SUBSCRIPTION_LOOKUPS = BoundedResolver(resolve_host)


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def webhook_out(subscription: WebhookSubscription) -> WebhookOut:
    return WebhookOut(
        id=subscription.id,
        url=subscription.url,
        events=list(subscription.events),
        created_at=subscription.created_at.isoformat(),
    )


def delivery_out(delivery: WebhookDelivery) -> DeliveryOut:
    return DeliveryOut(
        id=delivery.id,
        event=delivery.event,
        status_code=delivery.status_code,
        attempts=delivery.attempts,
        delivered_at=_iso(delivery.delivered_at),
        last_error=delivery.last_error,
        status=delivery.status,
        event_id=delivery.event_id,
        created_at=delivery.created_at.isoformat(),
        next_attempt_at=_iso(delivery.next_attempt_at),
        attempt_log=[
            DeliveryAttemptOut(
                number=a.number,
                attempted_at=a.attempted_at.isoformat(),
                status_code=a.status_code,
                error=a.error,
                duration_ms=a.duration_ms,
            )
            for a in delivery.attempt_log
        ],
    )


def check_target(body: WebhookCreate, settings: Settings, resolver: Resolver | None = None) -> None:
    """422 for a URL that may not receive webhooks (before any transaction: it may resolve a name, waiting for it
    no longer than the webhook timeout)."""

    def resolve_in_time(host: str, port: int) -> Sequence[str]:
        return _SUBSCRIPTION_LOOKUPS.resolve(host, port, settings.webhooks_timeout_seconds)

    try:
        check_subscription_url(body.url, settings.webhooks_allow_private, resolver or resolve_in_time)
    except RefusedTargetError as exc:
        raise UnprocessableError(
            f"url: {exc}", errors=[{"loc": ["body", "url"], "msg": f"{exc}; webhooks go to public http(s) URLs"}]
        ) from None


class WebhookService:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.webhooks = WebhookRepository(session)

    def create(self, body: WebhookCreate, key: ApiKey) -> WebhookCreated:
        subscription = self.webhooks.add(
            WebhookSubscription(url=body.url, events=list(body.events), secret=new_secret(), created_by_key_id=key.id)
        )
        return WebhookCreated(**webhook_out(subscription).model_dump(), secret=subscription.secret)

    def get(self, subscription_id: str) -> WebhookSubscription:
        subscription = self.webhooks.get(subscription_id)
        if subscription is None:
            raise NotFoundError(f"no webhook with id {subscription_id}")
        return subscription

    def delete(self, subscription_id: str) -> None:
        """The subscription and its deliveries, sent or not: nothing more goes to its URL."""
        self.webhooks.delete(self.get(subscription_id))
