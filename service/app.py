"""The FastAPI application: created once per process with its runtime (engine, models) on app.state."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.api import checking, claims, documents, flags, health, reconciliations, sources
from service.config import Settings, get_settings
from service.cors import add_cors
from service.errors import install_error_handlers, problem
from service.runtime import Runtime

log = logging.getLogger("claimledger")

DESCRIPTION = """Source-attributed claim verification.

Store claims with their attribution, extract them from articles, and check new statements against the record:
each match comes with a relation (entails / contradicts / neutral), calibrated probabilities and the explicit
signals behind it. `similarity` is the cosine similarity of the two texts' sentence embeddings
(all-MiniLM-L6-v2 by default), clipped to [0, 1]: about 0.9 and above for paraphrases, 0.5-0.8 for the same
topic, below 0.35 for unrelated text (such matches are always reported as neutral).

Every `/v1` call needs `Authorization: Bearer <key>`; errors are `application/problem+json`.
"""


class BodySizeLimit:
    """Refuse request bodies over the limit with 413, whether or not they declare a Content-Length."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(scope, receive, send)
            return
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise _TooLargeError
            return message

        try:
            await self.app(scope, limited_receive, send)
        except _TooLargeError:
            await self._refuse(scope, receive, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = problem(413, f"the request body is larger than {self.max_bytes} bytes")
        await response(scope, receive, send)


class _TooLargeError(Exception):
    pass


def create_app(settings: Settings | None = None, runtime: Runtime | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        own = runtime is None
        rt = runtime or Runtime.create(settings)
        app.state.runtime = rt
        if own and settings.load_models_on_startup:
            rt.load_models_in_background()
        try:
            yield
        finally:
            if own:
                rt.close()

    app = FastAPI(
        title="claimledger",
        version="1.0.0",
        description=DESCRIPTION,
        lifespan=lifespan,
        responses={
            401: {"description": "missing or unknown API key", "content": {"application/problem+json": {}}},
            403: {"description": "the key lacks the scope", "content": {"application/problem+json": {}}},
        },
    )
    if runtime is not None:
        app.state.runtime = runtime
    install_error_handlers(app)
    for module in (health, claims, sources, checking, documents, flags, reconciliations):
        app.include_router(module.router)
    wrapped: Any = BodySizeLimit
    app.add_middleware(wrapped, max_bytes=settings.max_request_bytes)
    add_cors(app, settings.cors_origins)
    return app
