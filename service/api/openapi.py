"""The OpenAPI document as the server behaves: every error is ``application/problem+json`` with the ``Problem``
schema, where it can happen; ``Retry-After`` on 429 and 503; ``Idempotency-Key`` on creating POSTs.

Routes name their own particular errors (``responses=problems({404: "no claim with this id"})``) and mark creating
POSTs (``openapi_extra=IDEMPOTENT``); what holds for every route of a kind is added here once, so a new router
is documented truthfully without repeating it: every ``/v1`` route can answer 401, 403, 429 and 503, every body
413 and 422, every path with an id 404. FastAPI's own 422 (``HTTPValidationError``, a shape this service never
sends) is replaced.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from service.bodies import BATCH_ROUTES
from service.errors import PROBLEM_JSON
from service.schemas import Problem

PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}
RETRY_AFTER = {
    "Retry-After": {"description": "seconds to wait before retrying", "schema": {"type": "integer", "minimum": 0}}
}
IDEMPOTENCY_CONFLICT = "this Idempotency-Key was already used with a different body"
# openapi_extra for a creating POST: the Idempotency-Key header (service/api/idempotency.py).
IDEMPOTENT: dict[str, Any] = {
    "parameters": [
        {
            "name": "Idempotency-Key",
            "in": "header",
            "required": False,
            "description": "any 1 to 255 characters: a retry with the same key and body replays the first reply "
            "(header Idempotent-Replayed: true) and creates nothing; the same key with another body is 409. "
            "Replies are kept for CLAIMLEDGER_IDEMPOTENCY_TTL_HOURS (24 by default).",
            "schema": {"type": "string", "minLength": 1, "maxLength": 255},
        }
    ],
    "x-idempotent": True,
}

_DEFAULTS = {
    401: "missing, unknown or revoked API key",
    403: "the key lacks the scope this call needs",
    404: "no record with this id",
    409: IDEMPOTENCY_CONFLICT,
    413: "the request body is larger than CLAIMLEDGER_MAX_REQUEST_BYTES",
    422: "the request is not valid: `errors` lists each problem with its place (`loc`)",
    429: "over CLAIMLEDGER_RATE_LIMIT for this key; retry after Retry-After seconds",
    503: "the database is busy or the models are still loading; retry after Retry-After seconds",
}


BATCH_TOO_LARGE = "the request body is larger than CLAIMLEDGER_MAX_BATCH_REQUEST_BYTES"


def problems(descriptions: Mapping[int, str]) -> dict[int | str, dict[str, Any]]:
    """``responses=`` for a route's own errors, each a problem+json reply described in its own words."""
    return {
        status: {"description": text, "content": {PROBLEM_JSON: {"schema": PROBLEM_REF}}}
        for status, text in descriptions.items()
    }


def _problem_response(description: str, status: int) -> dict[str, Any]:
    response: dict[str, Any] = {"description": description, "content": {PROBLEM_JSON: {"schema": PROBLEM_REF}}}
    if status in (429, 503):
        response["headers"] = dict(RETRY_AFTER)
    if status == 401:
        response["headers"] = {"WWW-Authenticate": {"schema": {"type": "string"}, "description": "Bearer"}}
    return response


def _errors_for(path: str, operation: dict[str, Any]) -> set[int]:
    statuses: set[int] = set()
    if path.startswith("/v1/"):
        statuses |= {401, 403, 429, 503}
    if "requestBody" in operation:
        statuses |= {413, 422}
    if operation.get("parameters"):
        statuses.add(422)
    if "{" in path:
        statuses.add(404)
    if operation.pop("x-idempotent", False):
        statuses.add(409)
    return statuses


def document(app: FastAPI) -> dict[str, Any]:
    """The app's OpenAPI document with every error reply as the server sends it."""
    schema = get_openapi(
        title=app.title,
        version=app.version,
        openapi_version=app.openapi_version,
        description=app.description,
        routes=app.routes,
        webhooks=app.webhooks.routes,
        tags=app.openapi_tags,
        servers=app.servers,
    )
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    problem_schema = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
    components.update(problem_schema.pop("$defs", {}))
    components["Problem"] = problem_schema
    for path, item in schema.get("paths", {}).items():
        for method, operation in item.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            responses: dict[str, Any] = operation["responses"]
            for status in _errors_for(path, operation):
                default = BATCH_TOO_LARGE if status == 413 and (method.upper(), path) in BATCH_ROUTES else None
                responses.setdefault(str(status), {"description": default or _DEFAULTS[status]})
            for code, response in list(responses.items()):
                if not code.isdigit() or int(code) < 400 or (not path.startswith("/v1/") and code != "422"):
                    continue
                description = response.get("description") or _DEFAULTS.get(int(code), "error")
                if description == "Validation Error":  # FastAPI's own 422
                    description = _DEFAULTS[422]
                responses[code] = _problem_response(description, int(code))
    for item in schema.get("webhooks", {}).values():  # what a subscriber receives: its own answers are its business
        for operation in item.values():
            if isinstance(operation, dict):
                operation.get("responses", {}).pop("422", None)
    _drop_unreferenced(schema)  # FastAPI's HTTPValidationError, and models only used behind a schema override
    return schema


def _drop_unreferenced(schema: dict[str, Any]) -> None:
    components: dict[str, Any] = schema["components"]["schemas"]
    while True:
        text = json.dumps(schema)
        unused = [name for name in components if f'"#/components/schemas/{name}"' not in text]
        if not unused:
            return
        for name in unused:
            del components[name]


def install_openapi(app: FastAPI) -> None:
    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = document(app)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
