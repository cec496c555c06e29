"""GET /metrics: the Prometheus exposition of this app's registry (no key; CLAIMLEDGER_METRICS=false removes it)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from service.metrics import AppMetrics

router = APIRouter(tags=["health"])


@router.get(
    "/metrics",
    response_class=Response,
    responses={200: {"description": "Prometheus text format", "content": {"text/plain": {}}}},
)
def metrics(request: Request) -> Response:
    """Request counts and latencies by route and status, model batch sizes and seconds, flags raised by kind, the
    reconciliation's progress (docs/observability.md lists every metric and what to alert on)."""
    app_metrics: AppMetrics = request.app.state.metrics
    body, media_type = app_metrics.render(request.headers.get("accept"))
    return Response(body, media_type=media_type)
