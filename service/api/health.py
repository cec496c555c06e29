"""Liveness and readiness for load balancers and orchestrators."""

from __future__ import annotations

import logging

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from reconcile.lock import worker_liveness
from service.api.deps import RuntimeDep
from service.runtime import Runtime

log = logging.getLogger("claimledger")
router = APIRouter(tags=["health"])


@router.get("/healthz")
def healthz() -> dict[str, str]:
    """200 as soon as the process serves requests."""
    return {"status": "ok"}


@router.get(
    "/readyz",
    responses={
        200: {"description": "the database answers and the models are loaded"},
        503: {"description": "not ready yet (or the database is unreachable): the body says which part"},
    },
)
def readyz(runtime: RuntimeDep) -> JSONResponse:
    """200 once the database answers and the models are loaded; 503 (with the reason) before. `batch_workers` counts
    the live batch workers (those that run queued reconciliations) for the operator; none is no reason to be unready:
    an API-only replica serves requests, and taking it out of rotation would start no worker."""
    database = runtime.database_ready()
    models = runtime.models_ready
    body: dict[str, str | int] = {
        "status": "ready" if database and models else "not ready",
        "database": "ok" if database else "unreachable",
        "models": "loaded" if models else ("failed: " + runtime.load_error if runtime.load_error else "loading"),
    }
    workers = _live_batch_workers(runtime) if database else None
    if workers is not None:
        body["batch_workers"] = workers
    return JSONResponse(body, status_code=200 if database and models else 503)


def _live_batch_workers(runtime: Runtime) -> int | None:
    """The live batch workers, or None when they cannot be read (readiness never fails over them)."""
    try:
        with runtime.db.read() as session:
            return worker_liveness(session, runtime.settings).alive
    except Exception:
        log.warning("could not read the batch workers' presence for /readyz", exc_info=True)
        return None
