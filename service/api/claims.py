"""/v1/claims: create (single, bulk), read, list, and the ClaimReview JSON-LD view."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session

from db.repositories.claim_reviews import ClaimReviewRepository
from db.repositories.claims import ClaimRepository
from db.repositories.flags import FlagRepository
from service.api.deps import PagingDep, ReadKey, ReadSessionDep, RuntimeDep, WriteKey, id_filter, valid_id
from service.api.idempotency import IdempotencyGuard, replay_before_work, write_once
from service.api.openapi import IDEMPOTENT, problems
from service.claimreview import ClaimReviewExport, JsonLdResponse, claim_review
from service.errors import UnprocessableError
from service.schemas import (
    BulkClaimsCreate,
    BulkClaimsResult,
    ClaimCreate,
    ClaimOut,
    ClaimStance,
    Page,
    parse_when,
)
from service.serializers import claim_out
from service.services.claims import ClaimService, bulk_result, get_claim_or_404

router = APIRouter(prefix="/v1/claims", tags=["claims"])

# "?since=2021-05-01T09:00:00+02:00" typed into a URL unescaped arrives with a space for its "+" (form encoding):
# after a time of day, a space and an offset can only have been a "+" (a "-" survives the trip).
_PLUS_READ_AS_SPACE = re.compile(r"^(.*\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?) (\d{2}(?::?\d{2})?)$")


# The 422s of a claim's attribution, beside the body's own validation.
SPEAKER_PROBLEMS = (
    "the request is not valid (`errors` lists each problem with its `loc`), or its attribution is not: an unknown "
    "speaker_id or document_id; a speaker name that could be several sources (a lone surname several people share: "
    "`errors[].candidates` lists them, send the full name or speaker_id); a speaker and a speaker_id that name "
    "different sources"
)


@router.post(
    "",
    status_code=201,
    response_model=ClaimOut,
    openapi_extra=IDEMPOTENT,
    responses=problems({422: SPEAKER_PROBLEMS}),
)
def create_claim(body: ClaimCreate, request: Request, runtime: RuntimeDep, key: WriteKey) -> JSONResponse:
    """Store one attributed claim and index it. A known `external_id` stores nothing and returns the claim already
    on record, unchanged (201 like a new one, as the contract has it: compare `created_at` to tell)."""
    guard = IdempotencyGuard.for_request(request, runtime, key, body)
    if (replayed := replay_before_work(runtime.db, guard)) is not None:
        return replayed
    service = ClaimService(runtime.db, runtime.models.encoder)
    prepared = service.prepare([body])

    def persist(session: Session) -> tuple[int, ClaimOut]:
        claim, _created = service.persist(session, prepared)[0]
        return 201, claim_out(claim)

    return write_once(runtime.db, guard, persist)


@router.post(
    "/bulk",
    response_model=BulkClaimsResult,
    openapi_extra=IDEMPOTENT,
    responses=problems({422: SPEAKER_PROBLEMS + ", each named by its index (`claims[i]`)"}),
)
def create_claims_bulk(body: BulkClaimsCreate, request: Request, runtime: RuntimeDep, key: WriteKey) -> JSONResponse:
    """Up to 1,000 claims, all or nothing; ids come back in input order, known external_ids are not duplicated.

    The reply comes once every new claim is encoded and written, and the sentence encoder is nearly all of that
    time. It reads a claim up to its 256th word piece (about 1,200 characters; a longer claim costs no more): 15 to
    25 ms of CPU for a 200-character claim, about 80 ms for one of 1,200 characters or more. The rest (cleaning,
    writing, indexing) adds about 3 ms a 5,000-character claim on SQLite and 10 ms on PostgreSQL (its keyword
    postings). So 1,000 claims of 5,000 characters take about 45 s on two idle cores and two to three minutes on
    busy ones: give such a request a client timeout of several minutes, or send it as requests of 100 to 200
    claims (with `external_id`s, a request sent again stores nothing twice)."""
    guard = IdempotencyGuard.for_request(request, runtime, key, body)
    if (replayed := replay_before_work(runtime.db, guard)) is not None:
        return replayed
    service = ClaimService(runtime.db, runtime.models.encoder)
    prepared = service.prepare(body.claims)

    def persist(session: Session) -> tuple[int, BulkClaimsResult]:
        return 200, bulk_result(service.persist(session, prepared))

    response = write_once(runtime.db, guard, persist)
    if runtime.db.hnsw_upkeep is not None:  # a load that takes the record past exact search gets its index
        runtime.db.hnsw_upkeep.request()
    return response


@router.get("", response_model=Page[ClaimOut])
def list_claims(
    session: ReadSessionDep,
    _key: ReadKey,
    paging: PagingDep,
    speaker_id: str | None = None,
    since: Annotated[str | None, Query(description="ISO date or datetime: claims said (or recorded) since")] = None,
    external_id: str | None = None,
    document_id: str | None = None,
    stance: Annotated[ClaimStance | None, Query(description='"denies": only the claims their speakers denied')] = None,
) -> Page[ClaimOut]:
    since_at: datetime | None = None
    if since is not None:
        try:
            parsed = parse_when(_PLUS_READ_AS_SPACE.sub(r"\1+\2", since.strip()))
        except ValueError as exc:
            raise UnprocessableError(
                f"since must be an ISO 8601 date or datetime within the years 1000-9999: {exc}",
                errors=[{"loc": ["query", "since"], "msg": str(exc)}],
            ) from None
        since_at = parsed.at if parsed else None
    rows = ClaimRepository(session).page(
        paging.fetch,
        paging.after,
        speaker_id=id_filter(speaker_id, "speaker_id"),
        since=since_at,
        external_id=external_id or None,  # left empty, as the contract writes the query, it filters nothing
        document_id=id_filter(document_id, "document_id"),
        stance=stance,
    )
    return Page[ClaimOut](items=[claim_out(c) for c in rows[: paging.limit]], next_cursor=paging.next_cursor(rows))


@router.get("/{claim_id}", response_model=ClaimOut)
def get_claim(claim_id: str, session: ReadSessionDep, _key: ReadKey) -> ClaimOut:
    return claim_out(get_claim_or_404(session, valid_id(claim_id, "claim")))


@router.get(
    "/{claim_id}/claimreview",
    response_model=ClaimReviewExport,
    response_class=JsonLdResponse,
    responses={200: {"description": "the claim as schema.org ClaimReview JSON-LD"}},
)
def get_claim_review(claim_id: str, session: ReadSessionDep, _key: ReadKey) -> JsonLdResponse:
    """The claim, its reviewed flags and its imported fact-checks as schema.org ClaimReview JSON-LD (which
    POST /v1/claimreviews takes back without adding anything)."""
    claim = get_claim_or_404(session, valid_id(claim_id, "claim"))
    flags = FlagRepository(session).for_claim(claim.id)
    imported = ClaimReviewRepository(session).for_claims([claim.id])
    return JsonLdResponse(claim_review(claim, flags, imported))
