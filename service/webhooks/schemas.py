"""Request and response shapes of /v1/webhooks (contract v1.1, "Webhooks")."""

from __future__ import annotations

from typing import Generic, TypeVar

from pydantic import BaseModel, Field, JsonValue, field_validator

from service.schemas import Url
from service.webhooks.events import DESCRIPTIONS, EVENTS

_EVENT_NAMES: list[JsonValue] = list(sorted(EVENTS))
_EVENTS_HELP = "; ".join(f"`{name}`: {text}" for name, text in sorted(DESCRIPTIONS.items()))


class WebhookCreate(BaseModel):
    url: Url = Field(
        description="an http(s) URL; loopback, private, link-local, multicast and reserved addresses are refused "
        "(422) unless the service runs with CLAIMLEDGER_WEBHOOKS_ALLOW_PRIVATE=true. So, always, is a URL nothing "
        "could be delivered to: a port outside 1..65535, or a host name with an empty, hyphen-edged or over-63-"
        "character label, over 253 characters, or with an `xn--` label that is not IDNA 2008"
    )
    events: list[str] = Field(
        min_length=1,
        description=f"the events to receive (an event named twice is taken once). {_EVENTS_HELP}",
        json_schema_extra={"items": {"type": "string", "enum": _EVENT_NAMES}},
    )

    @field_validator("events")
    @classmethod
    def _known_events(cls, events: list[str]) -> list[str]:
        unknown = [e for e in events if e not in EVENTS]
        if unknown:
            raise ValueError(f"unknown event(s) {', '.join(map(repr, unknown))}; known: {', '.join(sorted(EVENTS))}")
        return list(dict.fromkeys(events))


class WebhookOut(BaseModel):
    id: str
    url: str
    events: list[str]
    created_at: str


class WebhookCreated(WebhookOut):
    secret: str = Field(
        description="the key of every delivery's X-Claimledger-Signature (sha256=<hex HMAC-SHA256 of the raw "
        "body>); shown only in this reply"
    )


class DeliveryAttemptOut(BaseModel):
    number: int
    attempted_at: str
    status_code: int | None = Field(description="the receiver's answer; null when there was none")
    error: str | None = Field(description="why the attempt failed (a non-2xx status, a timeout, a refusal)")
    duration_ms: float | None


class DeliveryOut(BaseModel):
    id: str = Field(description="the delivery id (X-Claimledger-Delivery), the same on every retry")
    event: str
    status_code: int | None = Field(description="the last attempt's HTTP status; null before any answer")
    attempts: int
    delivered_at: str | None
    last_error: str | None
    status: str = Field(description='"pending" (queued or to be retried), "delivered" or "failed" (out of attempts)')
    event_id: str = Field(description="the body's id: the same for every subscription that received the event")
    created_at: str
    next_attempt_at: str | None
    attempt_log: list[DeliveryAttemptOut] = Field(description="every attempt, oldest first")


DataT = TypeVar("DataT", bound=BaseModel)


class WebhookEventBody(BaseModel, Generic[DataT]):
    """What a delivery POSTs."""

    id: str = Field(description="the event's id, the same for every subscription that receives it")
    type: str = Field(description="the event, e.g. flag.created")
    created_at: str
    data: DataT
