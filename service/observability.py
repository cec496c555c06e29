"""Every request gets an id, an access log line and its HTTP metrics (a pure ASGI middleware: nothing buffered,
streaming replies pass through untouched).

The id is the client's ``X-Request-Id`` when it is sane (1 to 128 characters of letters, digits and ``._~:/+=@-``),
else a new one; it is echoed in the ``X-Request-Id`` header of every reply (errors too: the 500 handler in
``service.errors`` stamps it from ``request.state.request_id``), and carried by every log line written while the
request is served (``service.logs.current_request_id``).
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from typing import Any

from fastapi.routing import APIRoute, iter_route_contexts
from starlette.routing import Match, compile_path
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.logs import current_request_id
from service.metrics import UNMATCHED_ROUTE, HttpMetrics

access_log = logging.getLogger("claimledger.access")
HEADER = "X-Request-Id"
_HEADER_KEY = HEADER.lower().encode()
_SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._~:/+=@-]{1,128}")
KNOWN_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
# Probes and scrapes arrive every few seconds: their access lines are DEBUG, not INFO.
QUIET_ROUTES = frozenset({"/healthz", "/readyz", "/metrics"})


def request_id_from(scope: Scope) -> str:
    for name, value in scope.get("headers") or []:
        if name == _HEADER_KEY:
            candidate: str = value.decode("latin-1")
            if _SANE_REQUEST_ID.fullmatch(candidate):
                return candidate
            break
    return uuid.uuid4().hex


def route_template(scope: Scope) -> str:
    """The matched route's path template (``/v1/claims/{claim_id}``), never the raw path. A request answered before
    routing (the body guard's 413 or 422) or by a plain Starlette route (``/openapi.json``, static files) carries
    no route in its scope: its path is matched here against the app's plain routes and its documented paths."""
    path = getattr(scope.get("route"), "path", None)
    if isinstance(path, str) and path:
        return path
    app = scope.get("app")
    if app is None:
        return UNMATCHED_ROUTE
    for route in getattr(getattr(app, "router", None), "routes", ()):
        found = getattr(route, "path", None)
        if isinstance(found, str) and found and route.matches(scope)[0] is not Match.NONE:
            return found
    request_path = scope.get("path", "")
    for pattern, template in _documented_paths(app):
        if pattern.fullmatch(request_path):
            return template
    return UNMATCHED_ROUTE


def _documented_paths(app: Any) -> list[tuple[re.Pattern[str], str]]:
    """The OpenAPI document's path templates as patterns, made once per app."""
    cached: list[tuple[re.Pattern[str], str]] | None = getattr(app.state, "documented_paths", None)
    if cached is None:
        cached = [(compile_path(template)[0], template) for template in documented_templates(app)]
        app.state.documented_paths = cached
    return cached


def documented_templates(app: Any) -> list[str]:
    """The paths of the app's OpenAPI document, in its order, read from its routes as ``get_openapi`` picks them
    (API routes in the schema, through the included routers), without building the document: that costs 150 to
    300 ms of CPU, once per app, and the test suite builds a hundred apps."""
    if not hasattr(app, "openapi"):
        return []
    templates: dict[str, None] = {}
    for context in iter_route_contexts(app.routes):
        template = context.path_format
        if isinstance(context.original_route, APIRoute) and context.include_in_schema and context.methods and template:
            templates.setdefault(template, None)
    return list(templates)


class RequestObservability:
    def __init__(self, app: ASGIApp, metrics: HttpMetrics | None = None) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        request_id = request_id_from(scope)
        scope.setdefault("state", {})["request_id"] = request_id
        current_request_id.set(request_id)  # each request runs in a task of its own: no reset needed
        status = 500  # unless a reply starts

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != _HEADER_KEY]
                headers.append((_HEADER_KEY, request_id.encode("latin-1")))
                message = {**message, "headers": headers}
            await send(message)

        if self.metrics is not None:
            self.metrics.in_progress.inc()
        try:
            await self.app(scope, receive, send_with_id)
        finally:
            seconds = time.perf_counter() - started
            if self.metrics is not None:
                self.metrics.in_progress.dec()
            self._record(scope, request_id, status, seconds)

    def _record(self, scope: Scope, request_id: str, status: int, seconds: float) -> None:
        method = scope["method"] if scope["method"] in KNOWN_METHODS else "other"
        route = route_template(scope)
        if self.metrics is not None:
            self.metrics.observe(method, route, status, seconds)
        duration_ms = round(seconds * 1000, 1)
        access_log.log(
            logging.DEBUG if route in QUIET_ROUTES else logging.INFO,
            "%s %s %s %.1fms",
            method,
            scope["path"],
            status,
            duration_ms,
            extra={
                "request_id": request_id,
                "method": method,
                "route": route,
                "path": scope["path"],
                "status": status,
                "duration_ms": duration_ms,
                "client": scope["client"][0] if scope.get("client") else None,
            },
        )
