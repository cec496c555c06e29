"""Published fact-check ratings shown beside claims ("rated False by …"): the imported ClaimReviews
(``service.services.claimreviews``), read in one query for all the claims of a page."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from service.services.claimreviews import ratings_for_claims


@dataclass(frozen=True, slots=True)
class Rating:
    rating: str  # the reviewer's verdict as published ("False", "Mostly true")
    author: str  # who published it (a fact-checking organisation)
    url: str | None = None  # the published review
    reviewed_at: str | None = None  # ISO date


def ratings_for(session: Session, claim_ids: Sequence[str]) -> dict[str, list[Rating]]:
    """Ratings by claim id, for the claims of one page."""
    return {
        claim_id: [
            Rating(
                rating=r.rating
                or (
                    f"{r.rating_value:g} of {r.best_rating:g}"
                    if r.rating_value is not None and r.best_rating is not None
                    else "rated"
                ),
                author=r.author or "a fact-checker",
                url=r.url,
                reviewed_at=r.date_published,
            )
            for r in reviews
        ]
        for claim_id, reviews in ratings_for_claims(session, list(claim_ids)).items()
    }
