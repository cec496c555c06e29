"""The FastAPI application: created once per process with its runtime (engine, models) on app.state."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI

from service.api import (
    checking,
    claimreviews,
    claims,
    documents,
    flags,
    health,
    keys,
    reconciliations,
    sources,
    webhooks,
)
from service.api import metrics as metrics_api
from service.api.docs_pages import install_docs_pages
from service.api.openapi import install_openapi
from service.api.query import EmptyQueryValuesAsAbsent
from service.bodies import RequestBodyGuard
from service.config import Settings, exit_if_in_memory_database, get_settings
from service.cors import add_cors
from service.errors import install_error_handlers
from service.head import HeadAsGet
from service.metrics import AppMetrics
from service.observability import RequestObservability
from service.ratelimit import RateLimits
from service.runtime import Runtime
from service.ui.mount import install_ui
from service.webhooks.delivery import DeliveryWorker

log = logging.getLogger("claimledger")
STARTUP_FAILURE = 3  # uvicorn.config.STARTUP_FAILURE: a worker that can never start

DESCRIPTION = """Source-attributed claim verification.

Store claims with their attribution, extract them from articles, and check new statements against the record:
each match comes with a relation (entails / contradicts / neutral), calibrated probabilities and the explicit
signals behind it. `similarity` is the cosine similarity of the two texts' sentence embeddings
(all-MiniLM-L6-v2 by default), clipped to [0, 1]: about 0.9 and above for paraphrases, 0.5-0.8 for the same
topic, below 0.35 for unrelated text (such matches are always reported as neutral).

Every `/v1` call needs `Authorization: Bearer <key>`; errors are `application/problem+json`.
"""


def create_app(settings: Settings | None = None, runtime: Runtime | None = None) -> FastAPI:
    if settings is None:  # read from the environment, as uvicorn's factory mode calls it: refused as `serve` does
        settings = get_settings()
        # 3 is uvicorn's STARTUP_FAILURE: with --workers N its supervisor then stops, rather than restart each
        # worker (and print the line again) for ever.
        exit_if_in_memory_database(settings.database_url, code=STARTUP_FAILURE)
    metrics = AppMetrics() if settings.metrics else None

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        own = runtime is None
        rt = runtime or Runtime.create(settings)
        app.state.runtime = rt
        if metrics is not None:
            metrics.attach(rt)  # before the first request builds the pooled models (batch observer)
        if own and settings.load_models_on_startup:
            rt.load_models_in_background()
        # Webhook deliveries go out from a thread of this process; the outbox rows make that safe to stop at any
        # moment (and to run alongside `claimledger webhooks deliver` or other processes).
        worker = DeliveryWorker(rt.db, rt.settings) if rt.settings.webhooks_worker else None
        if worker is not None:
            worker.start()
        try:
            yield
        finally:
            if worker is not None:
                worker.close()
            if metrics is not None:
                metrics.detach(rt)
            if own:
                rt.close()

    app = FastAPI(
        title="claimledger",
        version="1.0.0",
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,  # served by install_docs_pages, with local assets (FastAPI's load from a CDN)
        redoc_url=None,
    )
    if runtime is not None:
        app.state.runtime = runtime
    app.state.metrics = metrics
    app.state.rate_limits = RateLimits.from_settings(settings, metrics.rate_limits.refused if metrics else None)
    install_error_handlers(app)
    modules = (health, claims, claimreviews, sources, checking, documents, flags, reconciliations, keys, webhooks)
    for module in modules:
        app.include_router(module.router)
    if metrics is not None:
        app.include_router(metrics_api.router)
    webhooks.document_deliveries(app)
    install_docs_pages(app)
    install_openapi(app)  # errors as problem+json, where each can happen
    app.add_middleware(HeadAsGet)  # innermost: routes see a GET, every layer outside it the HEAD it was
    app.add_middleware(EmptyQueryValuesAsAbsent)  # `?cursor=` (httpx's params={"cursor": None}): the first page
    guard: Any = RequestBodyGuard
    # 413 and strict JSON, for every route
    app.add_middleware(guard, max_bytes=settings.max_request_bytes, batch_max_bytes=settings.max_batch_request_bytes)
    install_ui(app, settings)  # its middleware outside the guard: the guard's refusals under /ui are pages too
    # Outside the body guard, so a 413 or 422 it answers is counted, logged and carries X-Request-Id too.
    observed: Any = RequestObservability
    app.add_middleware(observed, metrics=metrics.http if metrics else None)
    add_cors(app, settings.cors_origins)
    return app
