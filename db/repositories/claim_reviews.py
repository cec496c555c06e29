"""Imported fact-checks (schema.org ClaimReview) of the claims on record."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.locks import hold_transaction_lock
from db.models import ClaimReview

IMPORT_LOCK = 0x636C6972  # "clir": any constant no other code uses


class ClaimReviewRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def hold_imports(self) -> None:
        """Wait for, and hold until this transaction ends, the right to import reviews, so that an import reads the
        claims and reviews every import before it stored (a review imported again creates nothing). PostgreSQL: a
        transaction-scoped advisory lock, then fresh reads (READ COMMITTED); two imports of one review at once each
        found nothing and stored a claim of its own. SQLite: nothing to do, a write transaction holds the write lock
        from its ``BEGIN IMMEDIATE``."""
        hold_transaction_lock(self.session, IMPORT_LOCK)

    def add(self, review: ClaimReview) -> ClaimReview:
        self.session.add(review)
        return review

    def for_claims(self, claim_ids: Sequence[str]) -> list[ClaimReview]:
        """The claims' reviews, oldest import first."""
        if not claim_ids:
            return []
        stmt = select(ClaimReview).where(ClaimReview.claim_id.in_(list(dict.fromkeys(claim_ids))))
        return list(self.session.scalars(stmt.order_by(ClaimReview.created_at, ClaimReview.id)))

    def claims_at_urls(self, urls: Sequence[str]) -> list[tuple[str, str]]:
        """The (url, claim id) of every review at one of ``urls``, oldest import first: a review is its URL together
        with its claim, and a roundup page's one URL holds a review of each of its claims."""
        if not urls:
            return []
        stmt = (
            select(ClaimReview.url, ClaimReview.claim_id)
            .where(ClaimReview.url.in_(list(dict.fromkeys(urls))))
            .order_by(ClaimReview.created_at, ClaimReview.id)
        )
        return [(url, claim_id) for url, claim_id in self.session.execute(stmt) if url is not None]
