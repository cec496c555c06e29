"""schema.org ClaimReview JSON-LD: how fact-checks are exchanged (Google Fact Check tools, ClaimReview feeds)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from db.models import Claim, ClaimReview, Flag
from service.schemas import render_when

# The author of the reviews this service derives from flags. An import skips reviews by this author: they are
# recomputed from the flags, never stored, so exporting a claim and importing it back adds nothing.
SERVICE_AUTHOR = "claimledger"
# How a claim its speaker denied is written as claimReviewed ("Denied: <text>"); an import reads it back as such.
DENIED_PREFIX = "Denied: "

JSON_LD = "application/ld+json"


class JsonLdResponse(JSONResponse):
    """JSON-LD is JSON with its own media type; as a route's ``response_class`` it is what OpenAPI documents too."""

    media_type = JSON_LD


class ClaimReviewExport(BaseModel):
    """GET /v1/claims/{id}/claimreview in the OpenAPI document: a schema.org ClaimReview of the claim with its
    latest rating, and in ``hasPart`` one ClaimReview per flag raised on it and per fact-check imported for it.
    Other schema.org properties may appear (it is JSON-LD); the route sends what ``claim_review`` builds."""

    model_config = ConfigDict(extra="allow", populate_by_name=True)

    context: Literal["https://schema.org"] = Field(alias="@context")
    type_: Literal["ClaimReview"] = Field(alias="@type")
    identifier: str = Field(description="the claim's id")
    claim_reviewed: str = Field(alias="claimReviewed", description='the claim\'s text ("Denied: <text>" for a denial)')
    item_reviewed: dict[str, Any] = Field(
        alias="itemReviewed", description="the claim as a schema.org Claim: text, author, datePublished, appearance"
    )
    author: dict[str, Any] | None = Field(default=None, description="who rated it: this service or a fact-checker")
    date_published: str = Field(alias="datePublished")
    review_rating: dict[str, Any] = Field(
        alias="reviewRating", description="a schema.org Rating: ratingValue, bestRating, worstRating, alternateName"
    )
    url: str | None = Field(default=None, description="the imported fact-check's URL, when it rates the claim")
    review_body: str | None = Field(default=None, alias="reviewBody")
    has_part: list[dict[str, Any]] = Field(alias="hasPart", description="the nested ClaimReviews")


_PERSON_KINDS = {"person": "Person", "organisation": "Organization", "outlet": "Organization"}
# A reviewed contradiction rates the claim as disputed by the record; a dismissed one leaves it unrated.
_RATINGS = {
    "confirmed": (2, "Contradicted by the record"),
    "dismissed": (4, "Contradiction dismissed on review"),
    "open": (3, "Contradiction awaiting review"),
}


def _author(claim: Claim) -> dict[str, Any]:
    """The claim's speaker as schema.org reads one: ``jobTitle`` is defined on Person alone, so an organisation's or
    an unknown speaker's role is its ``description``."""
    schema_type = _PERSON_KINDS.get(claim.speaker.kind, "Thing")
    author: dict[str, Any] = {"@type": schema_type, "name": claim.speaker.name}
    if claim.speaker.role:
        author["jobTitle" if schema_type == "Person" else "description"] = claim.speaker.role
    if claim.speaker.aliases:
        author["alternateName"] = [a.alias for a in claim.speaker.aliases]
    return author


def _claimed(claim: Claim) -> str:
    """What the speaker claimed: a denied claim's text is what they said is *not* so."""
    return f"{DENIED_PREFIX}{claim.text}" if claim.stance == "denies" else claim.text


def _claim(claim: Claim) -> dict[str, Any]:
    item: dict[str, Any] = {"@type": "Claim", "identifier": claim.id, "text": _claimed(claim), "author": _author(claim)}
    said = render_when(claim.said_at, claim.said_at_is_date)
    if said:
        item["datePublished"] = said
    if claim.source_url:
        item["appearance"] = {"@type": "CreativeWork", "url": claim.source_url}
    return item


def _review(claim: Claim, flag: Flag) -> dict[str, Any]:
    other = flag.other_claim if flag.other_claim_id != claim.id else flag.claim
    value, label = _RATINGS.get(flag.status, _RATINGS["open"])
    review: dict[str, Any] = {
        "@type": "ClaimReview",
        "identifier": flag.id,
        "claimReviewed": _claimed(claim),
        "itemReviewed": _claim(claim),
        "datePublished": (flag.reviews[-1].created_at if flag.reviews else flag.created_at).date().isoformat(),
        "author": {"@type": "Organization", "name": SERVICE_AUTHOR},
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": value,
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": label,
        },
        "reviewBody": flag.reviews[-1].note if flag.reviews and flag.reviews[-1].note else label,
    }
    if other is not None:
        review["isBasedOn"] = _claim(other)
    return review


def _number(value: float | None) -> int | float | None:
    return int(value) if value is not None and value.is_integer() else value


def imported_review(claim: Claim, review: ClaimReview) -> dict[str, Any]:
    """An imported fact-check as it came in (its URL identifies it, so importing this back adds nothing)."""
    rating: dict[str, Any] = {"@type": "Rating"}
    for key, value in (
        ("ratingValue", _number(review.rating_value)),
        ("bestRating", _number(review.best_rating)),
        ("worstRating", _number(review.worst_rating)),
        ("alternateName", review.rating),
    ):
        if value is not None:
            rating[key] = value
    out: dict[str, Any] = {
        "@type": "ClaimReview",
        "identifier": review.id,
        "claimReviewed": _claimed(claim),
        "itemReviewed": _claim(claim),
        "reviewRating": rating,
    }
    if review.url:
        out["url"] = review.url
    if review.author:
        out["author"] = {"@type": "Organization", "name": review.author}
    if review.date_published is not None:
        out["datePublished"] = render_when(review.date_published, review.date_published_is_date)
    if review.review_body:
        out["reviewBody"] = review.review_body
    return out


def claim_review(claim: Claim, flags: list[Flag], imported: Sequence[ClaimReview] = ()) -> dict[str, Any]:
    """A ClaimReview for the claim, with one nested ClaimReview per flag raised on it and per fact-check imported
    for it (POST /v1/claimreviews).

    The document's own rating is the latest word on the claim: a reviewer's verdict on one of its flags, else the
    latest fact-check imported for it (its rating, author, URL and date, as the fact-checker published them), else
    "Not yet reviewed" from this service."""
    reviews = [_review(claim, f) for f in flags] + [imported_review(claim, r) for r in imported]
    reviewed = [f for f in flags if f.status != "open"]
    head_value, head_label = _RATINGS[reviewed[-1].status] if reviewed else (3, "Not yet reviewed")
    document: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "identifier": claim.id,
        "claimReviewed": _claimed(claim),
        "itemReviewed": _claim(claim),
        "author": {"@type": "Organization", "name": SERVICE_AUTHOR},
        "datePublished": claim.created_at.date().isoformat(),
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": head_value,
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": head_label,
        },
    }
    if imported and not reviewed:
        latest = imported_review(claim, imported[-1])
        document.pop("author")
        for field in ("reviewRating", "author", "url", "datePublished", "reviewBody"):
            if field in latest:
                document[field] = latest[field]
    document["hasPart"] = reviews
    return document
