"""Which browser pages may call the API (CLAIMLEDGER_CORS_ORIGINS) and what they may send and read.

The newsroom bookmarklet runs in a news site's page and the extension in its own chrome-extension:// origin; both
send a bearer key, never cookies, so credentials stay off.
"""

from __future__ import annotations

from fastapi import FastAPI
from starlette.middleware.cors import CORSMiddleware

ALLOWED_METHODS = ["GET", "POST", "PATCH", "DELETE"]  # every method /v1 serves (PATCH: a source)
ALLOWED_HEADERS = ["Authorization", "Content-Type", "Idempotency-Key"]
# Readable by the page besides the CORS-safelisted ones: when to retry, the request id to quote in a report,
# whether the reply was an idempotent replay.
EXPOSED_HEADERS = ["Retry-After", "X-Request-Id", "Idempotent-Replayed", "Location"]
PREFLIGHT_MAX_AGE_SECONDS = 600


def add_cors(app: FastAPI, origins: list[str]) -> None:
    """Answer preflights and grant these origins; no origins, no middleware (and no CORS headers at all).

    Add it last, so it is outermost and refusals (401, 413, 429) reach the page readable as well."""
    if not origins:
        return
    app.add_middleware(
        CORSMiddleware,
        allow_origins=origins,
        allow_methods=ALLOWED_METHODS,
        allow_headers=ALLOWED_HEADERS,
        expose_headers=EXPOSED_HEADERS,
        allow_credentials=False,
        max_age=PREFLIGHT_MAX_AGE_SECONDS,
    )
