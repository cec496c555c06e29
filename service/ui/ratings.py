"""Published fact-check ratings shown beside claims ("rated False by …"): the review UI's extension point for the
ClaimReview import (issue 24, item 5).

Not done yet: there is no imported rating on main to read, so ``ratings_for`` finds none and no page shows any.
When the import lands, read its ratings here, in one query for all the claims of a page; every page that lists
claims already passes them to the templates (``_macros.html``: ``ratings``), which show them under the claim.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session


@dataclass(frozen=True, slots=True)
class Rating:
    rating: str  # the reviewer's verdict as published ("False", "Mostly true")
    author: str  # who published it (a fact-checking organisation)
    url: str | None = None  # the published review
    reviewed_at: str | None = None  # ISO date


def ratings_for(session: Session, claim_ids: Sequence[str]) -> dict[str, list[Rating]]:
    """Ratings by claim id, for the claims of one page (see the module's note: none are imported yet)."""
    del session, claim_ids
    return {}
