"""/v1/reconciliations: start the nightly reconciliation in this process and follow it.

The job itself is ``reconcile.job`` (the same code as `claimledger reconcile`); these routes only queue a run and
read its row. A worker process (`claimledger worker`, which `claimledger serve` starts beside the server) executes
queued runs: the API process runs no batch work.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse
from sqlalchemy.orm import Session

from db.models import ReconciliationRun
from db.repositories.runs import RunRepository
from reconcile.job import RunRequest, queue_run
from reconcile.report import render_html
from service.api.deps import AdminKey, PagingDep, ReadKey, ReadSessionDep, RuntimeDep, valid_id
from service.api.idempotency import run_idempotent
from service.api.openapi import IDEMPOTENCY_CONFLICT, IDEMPOTENT, problems
from service.errors import NotFoundError, UnprocessableError
from service.page_headers import page_headers
from service.schemas import Page, ReconciliationCreate, ReconciliationRunOut
from service.serializers import run_out

router = APIRouter(prefix="/v1/reconciliations", tags=["reconciliations"])
NOT_FOUND = problems({404: "no run with this id"})
# The API's words for RunRequest's refusal (which names the CLI's --full and --since).
BOTH_GIVEN = "a full run re-checks everything: give `full` or `since`, not both"
# The report is a page of stored claim texts and speaker names served from the API's own origin: its policy lets
# it show its inline stylesheet and charts and nothing else (no script, no frame around it, no sniffing), so text
# that ever escaped its escaping could still run nothing there.
REPORT_HEADERS = page_headers(
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; "
    "form-action 'none'"
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
    responses=problems({409: IDEMPOTENCY_CONFLICT}),
    openapi_extra=IDEMPOTENT,
)
def start_reconciliation(
    request: Request, runtime: RuntimeDep, key: AdminKey, body: ReconciliationCreate | None = None
) -> JSONResponse:
    """Queue a reconciliation (incremental by default; `full`, or `since` an ISO date or datetime, not in the
    future; 422 for both, or for a `full` that is not a JSON boolean) for the worker
    (`claimledger worker`, started beside `claimledger serve`); 202 with the queued run, to follow at
    `GET /v1/reconciliations/{id}`. While another run (from this service or `claimledger reconcile`) is going, the
    new one is queued behind it; while the same request is already queued (not yet started), the reply is that
    run, which will cover everything this request would."""
    body = body or ReconciliationCreate()
    if body.full and body.since is not None:
        raise UnprocessableError(BOTH_GIVEN, errors=[{"loc": ["body", "since"], "msg": BOTH_GIVEN}])
    run_request = RunRequest(full=body.full, since=body.since)

    def persist(session: Session) -> tuple[int, ReconciliationRunOut]:
        return 202, run_out(queue_run(session, run_request))

    return run_idempotent(request, runtime, key, body, persist)


@router.get("", response_model=Page[ReconciliationRunOut])
def list_reconciliations(
    session: ReadSessionDep,
    _key: ReadKey,
    paging: PagingDep,
) -> Page[ReconciliationRunOut]:
    """Runs, newest first."""
    rows = RunRepository(session).page(paging.fetch, paging.after)
    return Page[ReconciliationRunOut](
        items=[run_out(r) for r in rows[: paging.limit]], next_cursor=paging.next_cursor(rows)
    )


@router.get("/{run_id}", response_model=ReconciliationRunOut, responses=NOT_FOUND)
def get_reconciliation(run_id: str, session: ReadSessionDep, _key: ReadKey) -> ReconciliationRunOut:
    """A run: status, times, and `stats` (the report: counts, new flags by kind, open flags judged again — still
    contradicting or no longer —, top contradictions, near-duplicate clusters, time per stage) once it has
    finished; `progress` while it runs."""
    return run_out(_get_run(session, run_id))


@router.get("/{run_id}/report", response_class=HTMLResponse, responses=NOT_FOUND)
def get_reconciliation_report(run_id: str, session: ReadSessionDep, _key: ReadKey) -> HTMLResponse:
    """The run's HTML report: the page the nightly job wrote under its reports directory, rendered again from the
    stored report by the same template (so it is there on every host, and after the file is cleaned away)."""
    run = _get_run(session, run_id)
    if not run.stats or "counts" not in run.stats:
        raise NotFoundError(f"reconciliation run {run.id} has no report (status {run.status})")
    return HTMLResponse(render_html(run.stats), headers=REPORT_HEADERS)
