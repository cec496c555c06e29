"""Which browser pages may call the API (CLAIMLEDGER_CORS_ORIGINS) and what they may send and read.

The newsroom bookmarklet runs in a news site's page and the extension in its own chrome-extension:// origin; both
send a bearer key, never cookies, so credentials stay off.
"""

from __future__ import annotations

from fastapi import FastAPI
from starlette.datastructures import Headers
from starlette.middleware.cors import CORSMiddleware
from starlette.responses import Response

from service.errors import problem

ALLOWED_METHODS = ["GET", "POST", "PATCH", "DELETE"]  # every method /v1 serves (PATCH: a source)
ALLOWED_HEADERS = ["Authorization", "Content-Type", "Idempotency-Key"]
# Readable by the page besides the CORS-safelisted ones: when to retry, the request id to quote in a report,
# whether the reply was an idempotent replay.
EXPOSED_HEADERS = ["Retry-After", "X-Request-Id", "Idempotent-Replayed", "Location"]
PREFLIGHT_MAX_AGE_SECONDS = 600


class ProblemCORSMiddleware(CORSMiddleware):
    """Starlette's CORS middleware, with a refused preflight (origin, method or header not allowed) answered as a
    problem+json like every other /v1 error rather than Starlette's ``text/plain`` "Disallowed CORS origin"."""

    def preflight_response(self, request_headers: Headers) -> Response:
        response = super().preflight_response(request_headers)
        if response.status_code < 400:
            return response
        refused = bytes(response.body).decode("utf-8", "replace")
        reply = problem(
            response.status_code,
            f"{refused}: this preflight is not granted (CLAIMLEDGER_CORS_ORIGINS lists the origins; "
            f"methods {', '.join(ALLOWED_METHODS)}; headers {', '.join(ALLOWED_HEADERS)})",
        )
        for name, value in response.headers.items():  # Vary and the Access-Control-* it would have sent
            if name.lower() not in ("content-type", "content-length"):
                reply.headers[name] = value
        return reply


def add_cors(app: FastAPI, origins: list[str]) -> None:
    """Answer preflights and grant these origins; no origins, no middleware (and no CORS headers at all).

    Add it last, so it is outermost and refusals (401, 413, 429) reach the page readable as well."""
    if not origins:
        return
    app.add_middleware(
        ProblemCORSMiddleware,
        allow_origins=origins,
        allow_methods=ALLOWED_METHODS,
        allow_headers=ALLOWED_HEADERS,
        expose_headers=EXPOSED_HEADERS,
        allow_credentials=False,
        max_age=PREFLIGHT_MAX_AGE_SECONDS,
    )
