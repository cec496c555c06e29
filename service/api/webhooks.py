"""/v1/webhooks: subscriptions to events, and each one's delivery log (scope admin)."""

from __future__ import annotations

import inspect
from typing import Annotated, Any, Literal

from fastapi import APIRouter, FastAPI, Header, Request, Response
from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session

from db.repositories.webhooks import WebhookRepository
from service.api.deps import AdminKey, PagingDep, ReadSessionDep, RuntimeDep, valid_id
from service.api.idempotency import run_idempotent
from service.api.openapi import IDEMPOTENT
from service.schemas import Page
from service.webhooks.events import DESCRIPTIONS, EVENTS, WebhookEvent
from service.webhooks.schemas import DeliveryOut, WebhookCreate, WebhookCreated, WebhookEventBody, WebhookOut
from service.webhooks.subscriptions import WebhookService, check_target, delivery_out, webhook_out

router = APIRouter(prefix="/v1/webhooks", tags=["webhooks"])
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"description": "no webhook with this id", "content": {"application/problem+json": {}}}
}


@router.post(
    "",
    status_code=201,
    response_model=WebhookCreated,
    openapi_extra=IDEMPOTENT,
    responses={422: {"description": "an unknown event, or a URL that may not receive webhooks"}},
)
def create_webhook(body: WebhookCreate, request: Request, runtime: RuntimeDep, key: AdminKey) -> JSONResponse:
    """Subscribe a URL to events. Each event is then POSTed to it as `{"id", "type", "created_at", "data"}` with
    the headers `X-Claimledger-Event`, `X-Claimledger-Delivery` (the same on every retry: dedupe on it) and
    `X-Claimledger-Signature: sha256=<hex HMAC-SHA256 of the raw body, keyed with the secret>`. The secret is in
    this reply only. A non-2xx answer or none is retried with exponential back-off."""
    check_target(body, runtime.settings)

    def persist(session: Session) -> tuple[int, WebhookCreated]:
        return 201, WebhookService(session).create(body, key)

    return run_idempotent(request, runtime, key, body, persist)


@router.get("", response_model=Page[WebhookOut])
def list_webhooks(session: ReadSessionDep, _key: AdminKey, paging: PagingDep) -> Page[WebhookOut]:
    rows = WebhookRepository(session).page(paging.fetch, paging.after)
    return Page[WebhookOut](items=[webhook_out(s) for s in rows[: paging.limit]], next_cursor=paging.next_cursor(rows))


@router.get("/{webhook_id}", response_model=WebhookOut, responses=NOT_FOUND)
def get_webhook(webhook_id: str, session: ReadSessionDep, _key: AdminKey) -> WebhookOut:
    return webhook_out(WebhookService(session).get(valid_id(webhook_id, "webhook")))


@router.delete("/{webhook_id}", status_code=204, response_class=Response, responses=NOT_FOUND)
def delete_webhook(webhook_id: str, runtime: RuntimeDep, _key: AdminKey) -> Response:
    """Unsubscribe: the subscription and its deliveries (pending ones are not sent) are removed."""
    with runtime.db.write() as session:
        WebhookService(session).delete(valid_id(webhook_id, "webhook"))
    return Response(status_code=204)


@router.get("/{webhook_id}/deliveries", response_model=Page[DeliveryOut], responses=NOT_FOUND)
def list_deliveries(
    webhook_id: str,
    session: ReadSessionDep,
    _key: AdminKey,
    paging: PagingDep,
    status: Literal["pending", "delivered", "failed"] | None = None,
) -> Page[DeliveryOut]:
    """The delivery log, newest first: each delivery's attempts count, last status code and error, and every
    attempt in `attempt_log`."""
    subscription = WebhookService(session).get(valid_id(webhook_id, "webhook"))
    rows = WebhookRepository(session).deliveries(subscription.id, paging.fetch, paging.after, status)
    return Page[DeliveryOut](
        items=[delivery_out(d) for d in rows[: paging.limit]], next_cursor=paging.next_cursor(rows)
    )


def _delivery_doc(event: WebhookEvent[Any]) -> Any:
    """A stand-in endpoint whose signature is what a subscriber receives for this event (never routed)."""

    def receive(**_: Any) -> None:
        return None

    header = inspect.Parameter.KEYWORD_ONLY
    receive.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [
            inspect.Parameter("body", header, annotation=WebhookEventBody[event.data_model]),  # type: ignore[name-defined]
            inspect.Parameter(
                "x_claimledger_event", header, annotation=Annotated[str, Header(description=f"`{event.name}`")]
            ),
            inspect.Parameter(
                "x_claimledger_delivery",
                header,
                annotation=Annotated[str, Header(description="the delivery id, the same on every retry")],
            ),
            inspect.Parameter(
                "x_claimledger_signature",
                header,
                annotation=Annotated[
                    str, Header(description="sha256=<hex HMAC-SHA256 of the raw body, keyed with the secret>")
                ],
            ),
        ]
    )
    return receive


def document_deliveries(app: FastAPI) -> None:
    """List each event's delivery in the OpenAPI document's `webhooks` section: its body and headers, what a
    subscriber's endpoint should accept (and answer with a 2xx; anything else is retried)."""
    for name, event in EVENTS.items():
        app.webhooks.add_api_route(
            name,
            _delivery_doc(event),
            methods=["POST"],
            summary=name,
            description=DESCRIPTIONS[name],
            operation_id=f"deliver_{name.replace('.', '_')}",
            status_code=204,
            response_class=Response,
        )
