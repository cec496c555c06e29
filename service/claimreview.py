"""schema.org ClaimReview JSON-LD: how fact-checks are exchanged (Google Fact Check tools, ClaimReview feeds)."""

from __future__ import annotations

from typing import Any

from db.models import Claim, Flag
from service.schemas import render_when

_PERSON_KINDS = {"person": "Person", "organisation": "Organization", "outlet": "Organization"}
# A reviewed contradiction rates the claim as disputed by the record; a dismissed one leaves it unrated.
_RATINGS = {
    "confirmed": (2, "Contradicted by the record"),
    "dismissed": (4, "Contradiction dismissed on review"),
    "open": (3, "Contradiction awaiting review"),
}


def _author(claim: Claim) -> dict[str, Any]:
    author: dict[str, Any] = {"@type": _PERSON_KINDS.get(claim.speaker.kind, "Thing"), "name": claim.speaker.name}
    if claim.speaker.role:
        author["jobTitle"] = claim.speaker.role
    if claim.speaker.aliases:
        author["alternateName"] = [a.alias for a in claim.speaker.aliases]
    return author


def _claimed(claim: Claim) -> str:
    """What the speaker claimed: a denied claim's text is what they said is *not* so."""
    return f"Denied: {claim.text}" if claim.stance == "denies" else claim.text


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
        "author": {"@type": "Organization", "name": "claimledger"},
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


def claim_review(claim: Claim, flags: list[Flag]) -> dict[str, Any]:
    """A ClaimReview for the claim, with one nested ClaimReview per flag raised on it."""
    reviews = [_review(claim, f) for f in flags]
    reviewed = [f for f in flags if f.status != "open"]
    head_value, head_label = _RATINGS[reviewed[-1].status] if reviewed else (3, "Not yet reviewed")
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "identifier": claim.id,
        "claimReviewed": _claimed(claim),
        "itemReviewed": _claim(claim),
        "author": {"@type": "Organization", "name": "claimledger"},
        "datePublished": claim.created_at.date().isoformat(),
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": head_value,
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": head_label,
        },
        "hasPart": reviews,
    }
