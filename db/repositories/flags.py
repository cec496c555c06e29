"""Flags raised for human review, and their reviews."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import Flag, FlagReview


class FlagRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, flag_id: str) -> Flag | None:
        return self.session.get(Flag, flag_id)

    def by_pair_key(self, pair_key: str) -> Flag | None:
        return self.session.scalars(select(Flag).where(Flag.pair_key == pair_key)).first()

    def existing_pair_keys(self, pair_keys: list[str]) -> set[str]:
        if not pair_keys:
            return set()
        return set(self.session.scalars(select(Flag.pair_key).where(Flag.pair_key.in_(pair_keys))))

    def add(self, flag: Flag) -> Flag:
        self.session.add(flag)
        self.session.flush()
        return flag

    def add_review(self, review: FlagReview) -> None:
        self.session.add(review)
        self.session.flush()

    def page(
        self,
        limit: int,
        after: tuple[datetime, str] | None = None,
        status: str | None = None,
        kind: str | None = None,
        claim_id: str | None = None,
    ) -> list[Flag]:
        stmt = select(Flag)
        if status is not None:
            stmt = stmt.where(Flag.status == status)
        if kind is not None:
            stmt = stmt.where(Flag.kind == kind)
        if claim_id is not None:
            stmt = stmt.where((Flag.claim_id == claim_id) | (Flag.other_claim_id == claim_id))
        if after is not None:
            created_at, last_id = after
            stmt = stmt.where((Flag.created_at > created_at) | ((Flag.created_at == created_at) & (Flag.id > last_id)))
        return list(self.session.scalars(stmt.order_by(Flag.created_at, Flag.id).limit(limit)).unique().all())

    def for_claim(self, claim_id: str) -> list[Flag]:
        stmt = select(Flag).where((Flag.claim_id == claim_id) | (Flag.other_claim_id == claim_id))
        return list(self.session.scalars(stmt.order_by(Flag.created_at)).unique().all())

    def count_by_kind(self, run_id: str) -> dict[str, int]:
        rows = self.session.execute(select(Flag.kind, func.count()).where(Flag.run_id == run_id).group_by(Flag.kind))
        return {str(kind): int(n) for kind, n in rows}

    def for_run(self, run_id: str, kinds: tuple[str, ...] | None = None) -> list[Flag]:
        """The flags a reconciliation run raised, oldest first."""
        stmt = select(Flag).where(Flag.run_id == run_id)
        if kinds is not None:
            stmt = stmt.where(Flag.kind.in_(kinds))
        return list(self.session.scalars(stmt.order_by(Flag.created_at, Flag.id)).unique().all())

    def kinds_created_since(self, since: datetime) -> list[tuple[datetime, str]]:
        """(created_at, kind) of every flag raised since then: the report's flags-per-day chart."""
        rows = self.session.execute(select(Flag.created_at, Flag.kind).where(Flag.created_at >= since))
        return [(created_at, str(kind)) for created_at, kind in rows]

    def reviewed(self, kinds: tuple[str, ...], statuses: tuple[str, ...], since: datetime | None = None) -> list[Flag]:
        """Flags of these kinds whose current status is one of ``statuses``, with a review at or after ``since``
        (every such flag when None), oldest first."""
        stmt = select(Flag).where(Flag.kind.in_(kinds), Flag.status.in_(statuses))
        if since is not None:
            recent = select(FlagReview.flag_id).where(FlagReview.created_at >= since)
            stmt = stmt.where(Flag.id.in_(recent))
        return list(self.session.scalars(stmt.order_by(Flag.created_at, Flag.id)).unique().all())
