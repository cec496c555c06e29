"""/v1/reconciliations: start the nightly reconciliation in this process and follow it.

The job itself is ``reconcile.job`` (the same code as `claimledger reconcile`); these routes only queue a run and
read its row. A worker process (`claimledger worker`, which `claimledger serve` starts beside the server) executes
queued runs: the API process runs no batch work. An API served without one (plain uvicorn, API-only replicas) would
leave a queued run reading `queued` and nothing more, so a queued run with no worker alive says so
(``waiting_for_worker``, from the workers' presence rows) and queueing it logs a warning.
"""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse
from sqlalchemy.orm import Session

from db.models import ReconciliationRun
from db.repositories.runs import RunRepository
from db.types import utcnow
from reconcile.job import RunRequest, queue_run
from reconcile.lock import worker_liveness
from reconcile.report import render_html
from service.api.deps import AdminKey, PagingDep, ReadKey, ReadSessionDep, RuntimeDep, valid_id
from service.api.idempotency import run_idempotent
from service.api.openapi import IDEMPOTENCY_CONFLICT, IDEMPOTENT, problems
from service.config import Settings
from service.errors import NotFoundError, UnprocessableError
from service.page_headers import page_headers
from service.schemas import Page, ReconciliationCreate, ReconciliationRunOut
from service.serializers import run_out

log = logging.getLogger("claimledger")
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


def _waiting_hint(session: Session, settings: Settings, runs: list[ReconciliationRun]) -> str | None:
    """Why the queued ones among ``runs`` wait, when no batch worker is alive (read only if one is queued)."""
    if not any(run.status == "queued" for run in runs):
        return None
    return worker_liveness(session, settings).waiting_hint(utcnow())


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
    unstarted: list[ReconciliationRunOut] = []  # the queued run with its hint, to warn of once it is committed

    def persist(session: Session) -> tuple[int, ReconciliationRunOut]:
        run = queue_run(session, run_request)
        out = run_out(run, _waiting_hint(session, runtime.settings, [run]))
        unstarted[:] = [out] if out.waiting_for_worker else []
        return 202, out

    response = run_idempotent(request, runtime, key, body, persist)
    for out in unstarted:
        log.warning("reconciliation run %s is queued, but %s", out.id, out.waiting_for_worker)
    return response


@router.get("", response_model=Page[ReconciliationRunOut])
def list_reconciliations(
    session: ReadSessionDep,
    _key: ReadKey,
    paging: PagingDep,
    runtime: RuntimeDep,
) -> Page[ReconciliationRunOut]:
    """Runs, newest first; a queued one that no batch worker is alive to start says so (`waiting_for_worker`)."""
    rows = RunRepository(session).page(paging.fetch, paging.after)
    shown = rows[: paging.limit]
    hint = _waiting_hint(session, runtime.settings, shown)
    return Page[ReconciliationRunOut](items=[run_out(r, hint) for r in shown], next_cursor=paging.next_cursor(rows))


@router.get("/{run_id}", response_model=ReconciliationRunOut, responses=NOT_FOUND)
def get_reconciliation(
    run_id: str, session: ReadSessionDep, _key: ReadKey, runtime: RuntimeDep
) -> ReconciliationRunOut:
    """A run: status, times, and `stats` (the report: counts, new flags by kind, open flags judged again — still
    contradicting or no longer —, top contradictions, near-duplicate clusters, time per stage) once it has
    finished; `progress` while it runs; `waiting_for_worker` while it is queued with no batch worker alive to
    start it."""
    run = _get_run(session, run_id)
    return run_out(run, _waiting_hint(session, runtime.settings, [run]))


@router.get("/{run_id}/report", response_class=HTMLResponse, responses=NOT_FOUND)
def get_reconciliation_report(run_id: str, session: ReadSessionDep, _key: ReadKey) -> HTMLResponse:
    """The run's HTML report: the page the nightly job wrote under its reports directory, rendered again from the
    stored report by the same template (so it is there on every host, and after the file is cleaned away)."""
    run = _get_run(session, run_id)
    if not run.stats or "counts" not in run.stats:
        raise NotFoundError(f"reconciliation run {run.id} has no report (status {run.status})")
    return HTMLResponse(render_html(run.stats), headers=REPORT_HEADERS)
