"""Claims: the attributed statements on record."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.orm import Session

from db.locks import hold_transaction_lock
from db.models import Claim
from db.types import utcnow

# Advisory lock class for storing one direct quote from its page: 0x636C7170 ("clqp"), any constant no other code uses.
QUOTE_POST_LOCK = 0x636C7170


class ClaimRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, claim_id: str) -> Claim | None:
        return self.session.get(Claim, claim_id)

    def get_many(self, claim_ids: Sequence[str]) -> dict[str, Claim]:
        if not claim_ids:
            return {}
        rows = self.session.scalars(select(Claim).where(Claim.id.in_(list(claim_ids))))
        return {claim.id: claim for claim in rows}

    def by_external_ids(self, external_ids: Sequence[str]) -> dict[str, Claim]:
        if not external_ids:
            return {}
        rows = self.session.scalars(select(Claim).where(Claim.external_id.in_(list(external_ids))))
        return {claim.external_id: claim for claim in rows if claim.external_id is not None}

    def add(self, claim: Claim) -> Claim:
        self.session.add(claim)
        self.session.flush()
        return claim

    def page(
        self,
        limit: int,
        after: tuple[datetime, str] | None = None,
        speaker_id: str | None = None,
        since: datetime | None = None,
        external_id: str | None = None,
        document_id: str | None = None,
        stance: str | None = None,
    ) -> list[Claim]:
        stmt = select(Claim)
        if speaker_id is not None:
            stmt = stmt.where(Claim.speaker_id == speaker_id)
        if since is not None:
            # "since" reads as "said or recorded since": claims without said_at fall back to created_at.
            stmt = stmt.where(or_(Claim.said_at >= since, (Claim.said_at.is_(None)) & (Claim.created_at >= since)))
        if external_id is not None:
            stmt = stmt.where(Claim.external_id == external_id)
        if document_id is not None:
            stmt = stmt.where(Claim.document_id == document_id)
        if stance is not None:
            stmt = stmt.where(Claim.stance == stance)
        if after is not None:
            created_at, last_id = after
            stmt = stmt.where(
                (Claim.created_at > created_at) | ((Claim.created_at == created_at) & (Claim.id > last_id))
            )
        return list(self.session.scalars(stmt.order_by(Claim.created_at, Claim.id).limit(limit)))

    def for_document(self, document_id: str) -> list[Claim]:
        stmt = select(Claim).where(Claim.document_id == document_id).order_by(Claim.span_start, Claim.created_at)
        return list(self.session.scalars(stmt))

    def timeline(self, speaker_id: str, limit: int, after: tuple[datetime, str] | None = None) -> list[Claim]:
        """A speaker's claims, latest said first (the recording time stands in for an unknown date)."""
        when = func.coalesce(Claim.said_at, Claim.created_at)
        stmt = select(Claim).where(Claim.speaker_id == speaker_id)
        if after is not None:
            last_when, last_id = after
            stmt = stmt.where(or_(when < last_when, and_(when == last_when, Claim.id < last_id)))
        return list(self.session.scalars(stmt.order_by(when.desc(), Claim.id.desc()).limit(limit)))

    def count_for_speaker(self, speaker_id: str) -> int:
        return int(self.session.scalar(select(func.count()).where(Claim.speaker_id == speaker_id)) or 0)

    def ids_said_by(self, speaker_id: str) -> list[str]:
        """The ids of a source's claims (those a merge is about to move)."""
        return list(self.session.scalars(select(Claim.id).where(Claim.speaker_id == speaker_id).order_by(Claim.id)))

    def move_speaker(self, from_id: str, to_id: str) -> int:
        """Attribute every claim of one source to another (a merge); their ``updated_at`` is bumped, so the next
        nightly run re-checks them against the speaker's other claims. Returns how many moved."""
        stmt = update(Claim).where(Claim.speaker_id == from_id).values(speaker_id=to_id, updated_at=utcnow())
        return int(getattr(self.session.execute(stmt), "rowcount", 0) or 0)

    def count(self) -> int:
        return int(self.session.scalar(select(func.count()).select_from(Claim)) or 0)

    def changed_since(self, since: datetime | None, until: datetime, after_id: str | None, limit: int) -> list[Claim]:
        """Claims created or updated in (since, until], in id order from ``after_id`` (for resumable batches)."""
        stmt = select(Claim).where(Claim.updated_at <= until)
        if since is not None:
            stmt = stmt.where(Claim.updated_at > since)
        if after_id is not None:
            stmt = stmt.where(Claim.id > after_id)
        return list(self.session.scalars(stmt.order_by(Claim.id).limit(limit)))

    def direct_quotes_said(self, speaker_id: str, said_at: datetime | None, said_at_is_date: bool) -> list[Claim]:
        """A speaker's direct quotes with a page, said at exactly this instant (or on this day), oldest first: where
        a quote sent again from its page is looked for (the caller compares the words and the page)."""
        stmt = select(Claim).where(
            Claim.speaker_id == speaker_id,
            Claim.kind == "direct_quote",
            Claim.source_url.is_not(None),
            Claim.said_at_is_date == said_at_is_date,
        )
        stmt = stmt.where(Claim.said_at.is_(None) if said_at is None else Claim.said_at == said_at)
        return list(self.session.scalars(stmt.order_by(Claim.created_at, Claim.id)))

    def hold_quote(self, quote_key: str) -> None:
        """Wait for, and hold until this transaction ends, the right to store the direct quote ``quote_key`` names
        (its page and words as compared), so that a look for it on record then reads the one any writer stored
        before (PostgreSQL: a transaction-scoped advisory lock on the key's hash, then a fresh read at READ
        COMMITTED; two first sends at once each found nothing and stored it). SQLite: nothing to do, a write
        transaction holds the write lock from its start."""
        hold_transaction_lock(self.session, QUOTE_POST_LOCK, hashlib.sha256(quote_key.encode()).digest())

    def find_same(self, speaker_id: str, text: str, said_at: datetime | None, stance: str) -> Claim | None:
        """A claim with exactly this text, speaker, date and stance (how an imported fact-check finds the claim it
        rates when that claim is already on record)."""
        stmt = select(Claim).where(Claim.speaker_id == speaker_id, Claim.text == text, Claim.stance == stance)
        stmt = stmt.where(Claim.said_at.is_(None) if said_at is None else Claim.said_at == said_at)
        return self.session.scalars(stmt.order_by(Claim.created_at, Claim.id).limit(1)).first()
