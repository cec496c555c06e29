"""/v1/check, /v1/compare and the newsroom plugin's /v1/quotes."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session

from db.repositories.claims import ClaimRepository
from service.api.deps import ReadKey, RuntimeDep, WriteKey
from service.api.idempotency import IdempotencyGuard, replay_before_work, write_once
from service.api.openapi import IDEMPOTENT
from service.runtime import Runtime
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
from service.services.quotes import QuoteRecord
from service.services.speakers import BY_NAME

router = APIRouter(prefix="/v1", tags=["checking"])


def check_service(runtime: Runtime) -> CheckService:
    return CheckService(runtime.db, runtime.settings, runtime.models.encoder, runtime.models.judge)


@router.post("/check", response_model=CheckResult)
def check(body: CheckRequest, runtime: RuntimeDep, _key: ReadKey) -> CheckResult:
    """Match a statement to prior claims and judge each match both ways; contradictions raise open flags (once per
    pair).

    English only: the encoder, the judge and its signals are English models. A statement in another language finds
    the claims it translates only at low similarity, so it is rarely judged and usually `unverified`."""
    return check_service(runtime).check(body.text, body.speaker, body.said_at, body.top_k, body.stance)


@router.post("/compare", response_model=CompareResult)
def compare(body: CompareRequest, runtime: RuntimeDep, _key: ReadKey) -> CompareResult:
    """Judge each (a, b) pair with the same judge as /v1/check: a is the premise, b the hypothesis, and the pair is
    also judged the other way round (`reverse_probabilities`); it contradicts when either direction does.

    As in `/v1/check`, a pair about different things is neutral (`low_similarity`), whatever the model reads into
    it: each result carries the cosine of the two texts' embeddings (`similarity`), and below the service's
    `relation_min_similarity` (default 0.35), or below `unsupported_relation_min_similarity` (default 0.55) for a
    relation no explicit contradiction signal supports, the pair is neutral; a contradiction with an explicit signal
    whose opposite or negation is the only difference between the texts needs only
    `framed_relation_min_similarity` (default 0.25)."""
    return CompareResult(results=check_service(runtime).compare([(p.a, p.b) for p in body.pairs]))


@router.post("/quotes", status_code=201, response_model=QuoteResult, openapi_extra=IDEMPOTENT)
def submit_quote(body: QuoteCreate, request: Request, runtime: RuntimeDep, key: WriteKey) -> JSONResponse:
    """Store a quote as a direct_quote claim and check it against everything else on record."""
    guard = IdempotencyGuard.for_request(request, runtime, key, body)
    if (replayed := replay_before_work(runtime.db, guard)) is not None:
        return replayed
    claim_body = ClaimCreate(
        text=body.quote,
        speaker=body.speaker,
        said_at=body.said_at,
        source_url=body.source_url,
        kind="direct_quote",
        external_id=body.external_id,
    )
    claims = ClaimService(runtime.db, runtime.models.encoder)
    prepared = claims.prepare([claim_body], ambiguous_remedy=BY_NAME)  # a quote has no speaker_id
    existing_id: str | None = None  # the claim on record under this external_id, or the same quote from its page
    with runtime.db.read() as session:
        if body.external_id is not None and prepared.vector(0) is None:  # already on record: check it as stored
            found = ClaimRepository(session).by_external_ids([body.external_id]).get(body.external_id)
            existing_id = found.id if found is not None else None
        elif (copy := QuoteRecord(session).find(body)) is not None:
            existing_id = copy.id
    checker = check_service(runtime)
    scored = checker.matches(
        body.quote,
        body.top_k,
        exclude=[existing_id] if existing_id else [],
        judge_limit=runtime.settings.check_judge_max_matches,
        vector=prepared.vector(0),
    )

    def persist(session: Session) -> tuple[int, QuoteResult]:
        on_record = None
        if prepared.vector(0) is not None:  # looked for again: stored since by a send at once, or gone since
            QuoteRecord(session).hold(body)
            on_record = QuoteRecord(session).find(body)
        # a known external_id or a copy: the claim on record, 201 too
        claim = on_record or claims.persist(session, prepared)[0][0]
        others = [m for m in scored if m.claim.id != claim.id]  # stored by a send at once before the matches ran
        checker.raise_claim_flags(session, claim, others, origin="quote")
        result = checker.result(others, claim.speaker)
        return 201, QuoteResult(claim=claim_out(claim), check=result)

    return write_once(runtime.db, guard, persist)
