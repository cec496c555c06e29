"""/v1/reconciliations: start the nightly reconciliation in this process and follow it.

The job itself is ``reconcile.job`` (the same code as `claimledger reconcile`); these routes only queue a run and
read its row. A worker process (`claimledger worker`, which `claimledger serve` starts beside the server) executes
queued runs: the API process runs no batch work.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse
from pydantic import Field
from sqlalchemy.orm import Session

from db.models import ReconciliationRun
from db.pagination import encode_cursor
from db.repositories.runs import RunRepository
from reconcile.job import RunPendingError, RunRequest, queue_run
from reconcile.lock import LockHeldError
from service.api.deps import AdminKey, ReadKey, ReadSessionDep, RuntimeDep, cursor_position, valid_id
from service.api.idempotency import run_idempotent
from service.errors import ConflictError, NotFoundError, UnprocessableError
from service.schemas import Page, ReconciliationCreate, ReconciliationOut

router = APIRouter(prefix="/v1/reconciliations", tags=["reconciliations"])
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"description": "no run with this id", "content": {"application/problem+json": {}}}
}


class ReconciliationRunOut(ReconciliationOut):
    """The contract's run shape, plus what was asked, its window and its error."""

    full: bool
    since: str | None = Field(description="the requested start of the window (null: since the last successful run)")
    cutoff: str | None = Field(description="claims changed up to this instant are in the run")
    created_at: str | None
    error: str | None = Field(description="why the run failed")
    progress: dict[str, Any] = Field(description="stage, cursor and counters, committed with every chunk")


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def run_out(run: ReconciliationRun) -> ReconciliationRunOut:
    return ReconciliationRunOut(
        id=run.id,
        status=run.status,  # type: ignore[arg-type]
        started_at=_iso(run.started_at),
        finished_at=_iso(run.finished_at),
        stats=run.stats or {},
        full=run.full,
        since=_iso(run.since),
        cutoff=_iso(run.cutoff),
        created_at=_iso(run.created_at),
        error=run.error,
        progress=run.progress or {},
    )


def _get_run(session: Session, run_id: str) -> ReconciliationRun:
    run = RunRepository(session).get(valid_id(run_id, "reconciliation run"))
    if run is None:
        raise NotFoundError(f"no reconciliation run with id {run_id}")
    return run


@router.post(
    "",
    status_code=202,
    response_model=ReconciliationRunOut,
    responses={409: {"description": "a run is already going or queued", "content": {"application/problem+json": {}}}},
)
def start_reconciliation(
    request: Request, runtime: RuntimeDep, key: AdminKey, body: ReconciliationCreate | None = None
) -> JSONResponse:
    """Queue a reconciliation (incremental by default; `full`, or `since` an ISO instant) for the worker
    (`claimledger worker`, started beside `claimledger serve`); 202 with the queued run, to follow at
    `GET /v1/reconciliations/{id}`. While another run (from this service or `claimledger reconcile`) holds the lock,
    or one is queued, the reply is 409 and nothing is queued."""
    body = body or ReconciliationCreate()
    try:
        run_request = RunRequest(full=body.full, since=body.since)
    except ValueError as exc:
        raise UnprocessableError(str(exc), errors=[{"loc": ["body", "since"], "msg": str(exc)}]) from None

    def persist(session: Session) -> tuple[int, ReconciliationRunOut]:
        try:
            run = queue_run(session, runtime, run_request)
        except (LockHeldError, RunPendingError) as exc:
            raise ConflictError(str(exc)) from None
        return 202, run_out(run)

    return run_idempotent(request, runtime, key, body, persist)


@router.get("", response_model=Page[ReconciliationRunOut])
def list_reconciliations(
    session: ReadSessionDep,
    _key: ReadKey,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    cursor: str | None = None,
) -> Page[ReconciliationRunOut]:
    """Runs, newest first."""
    rows = RunRepository(session).page(limit + 1, cursor_position(cursor))  # type: ignore[arg-type]
    next_cursor = encode_cursor(rows[limit - 1].created_at, rows[limit - 1].id) if len(rows) > limit else None
    return Page[ReconciliationRunOut](items=[run_out(r) for r in rows[:limit]], next_cursor=next_cursor)


@router.get("/{run_id}", response_model=ReconciliationRunOut, responses=NOT_FOUND)
def get_reconciliation(run_id: str, session: ReadSessionDep, _key: ReadKey) -> ReconciliationRunOut:
    """A run: status, times, and `stats` (the report: counts, new flags by kind, top contradictions,
    near-duplicate clusters, time per stage) once it has finished; `progress` while it runs."""
    return run_out(_get_run(session, run_id))


@router.get("/{run_id}/report", response_class=HTMLResponse, responses=NOT_FOUND)
def get_reconciliation_report(run_id: str, session: ReadSessionDep, _key: ReadKey) -> HTMLResponse:
    """The run's HTML report (written under the service's reports directory when the run finished)."""
    run = _get_run(session, run_id)
    path = (run.stats or {}).get("reports", {}).get("html")
    if not path or not Path(path).is_file():
        raise NotFoundError(f"reconciliation run {run.id} has no HTML report (status {run.status})")
    return HTMLResponse(Path(path).read_text(encoding="utf-8"))
