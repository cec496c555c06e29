"""/v1/claimreviews: import published fact-checks (schema.org ClaimReview JSON-LD) as claims with their ratings."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import ConfigDict, JsonValue, RootModel
from sqlalchemy.orm import Session

from service.api.deps import RuntimeDep, WriteKey
from service.api.idempotency import IdempotencyGuard, replay_before_work, write_once
from service.api.openapi import IDEMPOTENT
from service.schemas import ClaimReviewImportResult
from service.services.claimreviews import ClaimReviewImporter, parse_claim_reviews

router = APIRouter(prefix="/v1/claimreviews", tags=["claims"])

_EXAMPLE: dict[str, JsonValue] = {
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    "url": "https://factcheck.example.org/2021/04/troops-iraq-10000",
    "claimReviewed": "U.S. troops in Iraq have risen to 10,000.",
    "itemReviewed": {
        "@type": "Claim",
        "author": {"@type": "Person", "name": "Jane Senator"},
        "datePublished": "2021-04-12",
        "appearance": [{"@type": "CreativeWork", "url": "https://example.org/interview"}],
    },
    "author": {"@type": "Organization", "name": "Example Fact Check"},
    "datePublished": "2021-04-14",
    "reviewRating": {"@type": "Rating", "ratingValue": 1, "bestRating": 5, "worstRating": 1, "alternateName": "False"},
}


class ClaimReviewDocument(RootModel[dict[str, Any] | list[Any]]):
    """One ClaimReview object, a list of them, a DataFeed whose dataFeedElement items are ClaimReviews or
    DataFeedItems holding them in `item`, or a page's JSON-LD `@graph` (its ClaimReviews are taken, the rest
    ignored)."""

    model_config = ConfigDict(json_schema_extra={"examples": [_EXAMPLE]})


@router.post(
    "",
    status_code=201,
    response_model=ClaimReviewImportResult,
    openapi_extra=IDEMPOTENT,
    responses={422: {"description": "an invalid ClaimReview, named by its index; nothing of the batch is stored"}},
)
def import_claim_reviews(
    body: ClaimReviewDocument, request: Request, runtime: RuntimeDep, key: WriteKey
) -> JSONResponse:
    """Each ClaimReview becomes a claim (`claimReviewed` its text, `itemReviewed.author.name` its speaker or
    "Unknown", `itemReviewed.datePublished` or `datePublished` its said_at, `itemReviewed.appearance[0].url` or
    `url` its source_url) with the review stored on it (rating, author, url, date), shown in
    `GET /v1/claims/{id}/claimreview` and in `/v1/check` matches (`reviews`). A claim already on record (same
    text, speaker, date) is reused; a review already imported (same `url`, host case and trailing slash aside) is
    not stored again. All or nothing."""
    items = parse_claim_reviews(body.root)  # 422 before any work
    guard = IdempotencyGuard.for_request(request, runtime, key, body)
    if (replayed := replay_before_work(runtime.db, guard)) is not None:
        return replayed
    importer = ClaimReviewImporter(runtime.db, runtime.models.encoder)
    prepared = importer.prepare(items)

    def persist(session: Session) -> tuple[int, ClaimReviewImportResult]:
        return 201, importer.persist(session, prepared)

    return write_once(runtime.db, guard, persist)
