"""Liveness and readiness for load balancers and orchestrators."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from service.api.deps import RuntimeDep

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
    """200 once the database answers and the models are loaded; 503 (with the reason) before."""
    database = runtime.database_ready()
    models = runtime.models_ready
    body = {
        "status": "ready" if database and models else "not ready",
        "database": "ok" if database else "unreachable",
        "models": "loaded" if models else ("failed: " + runtime.load_error if runtime.load_error else "loading"),
    }
    return JSONResponse(body, status_code=200 if database and models else 503)
