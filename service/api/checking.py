"""/v1/check, /v1/compare and the newsroom plugin's /v1/quotes."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from service.api.deps import ReadKey, RuntimeDep, SessionDep, WriteKey
from service.api.idempotency import run_idempotent
from service.schemas import (
    CheckRequest,
    CheckResult,
    ClaimCreate,
    CompareRequest,
    CompareResult,
    QuoteCreate,
    QuoteResult,
)
from service.serializers import claim_out
from service.services.checking import CheckService
from service.services.claims import ClaimService

router = APIRouter(prefix="/v1", tags=["checking"])


@router.post("/check", response_model=CheckResult)
def check(body: CheckRequest, session: SessionDep, runtime: RuntimeDep, _key: ReadKey) -> CheckResult:
    """Match a statement to prior claims and judge each match; contradictions raise open flags (once per pair)."""
    service = CheckService(session, runtime.settings, runtime.encoder, runtime.judge)
    result = service.check(body.text, body.speaker, body.said_at, body.top_k, body.stance)
    session.commit()
    return result


@router.post("/compare", response_model=CompareResult)
def compare(body: CompareRequest, session: SessionDep, runtime: RuntimeDep, _key: ReadKey) -> CompareResult:
    """Judge each (a, b) pair with the same judge as /v1/check: a is the premise, b the hypothesis."""
    service = CheckService(session, runtime.settings, runtime.encoder, runtime.judge)
    return CompareResult(results=service.compare([(p.a, p.b) for p in body.pairs]))


@router.post("/quotes", status_code=201, response_model=QuoteResult)
def submit_quote(
    body: QuoteCreate, request: Request, session: SessionDep, runtime: RuntimeDep, key: WriteKey
) -> JSONResponse:
    """Store a quote as a direct_quote claim and check it against everything else on record."""

    def handler() -> tuple[int, QuoteResult]:
        claim_body = ClaimCreate(
            text=body.quote,
            speaker=body.speaker,
            said_at=body.said_at,
            source_url=body.source_url,
            kind="direct_quote",
            external_id=body.external_id,
        )
        claim, created = ClaimService(session, runtime.encoder).create(claim_body)
        check = CheckService(session, runtime.settings, runtime.encoder, runtime.judge)
        result = check.check_claim(claim, body.top_k, origin="quote")
        return (201 if created else 200), QuoteResult(claim=claim_out(claim), check=result)

    return run_idempotent(request, session, key, body, handler)
