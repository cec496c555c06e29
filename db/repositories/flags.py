"""Flags raised for human review, and their reviews."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, and_, case, func, or_, select, update
from sqlalchemy.orm import Session, defaultload, lazyload

from db.locks import hold_transaction_lock
from db.models import Claim, Flag, FlagReview, Source
from db.repositories.sources import SourceRepository

# The advisory lock (PostgreSQL) that raising a flag holds to its transaction's end (``hold_flag_writes``).
FLAG_WRITES_LOCK = 0x636C666C  # "clfl": any constant no other code uses
# The review queue's order: open flags first, then the reviewed ones; newest first within each.
QueuePosition = tuple[int, datetime, str]


class PairKeyRow(NamedTuple):
    """What raising a flag needs to know of a flag already holding a pair key: not the whole flag."""

    id: str
    claim_id: str | None
    statement_speaker_id: str | None
    statement_speaker_key: str | None
    pair_key: str


class FlagRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, flag_id: str) -> Flag | None:
        return self.session.get(Flag, flag_id)

    def by_pair_key(self, pair_key: str) -> Flag | None:
        return self.session.scalars(select(Flag).where(Flag.pair_key == pair_key)).first()

    def pair_key_exists(self, pair_key: str) -> bool:
        """Whether a flag holds this pair key: its id only (``by_pair_key`` loads the flag, both claims and three
        speakers, then its reviews and the speakers' aliases)."""
        return self.session.scalars(select(Flag.id).where(Flag.pair_key == pair_key).limit(1)).first() is not None

    def by_pair_keys(
        self, pair_keys: Sequence[str], statement_pairs: Sequence[tuple[str, str]] = ()
    ) -> dict[str, PairKeyRow]:
        """The flags holding any of these pair keys, by key, narrow (id, claim, statement speaker and name's key):
        one query. ``statement_pairs``, (a checked statement's pair key with no speaker, its other claim's id): also
        the flags holding that key with a speaker's part after it (``service.services.flags.statement_pair_key``),
        every speaker's flag of those words against that claim, found through the other claim's index."""
        if not pair_keys and not statement_pairs:
            return {}
        spoken = [(key + ":", other_id) for key, other_id in statement_pairs]
        stmt = select(
            Flag.pair_key, Flag.id, Flag.claim_id, Flag.statement_speaker_id, Flag.statement_speaker_key
        ).where(
            or_(
                Flag.pair_key.in_(list(pair_keys)),
                *(
                    and_(Flag.other_claim_id == other_id, Flag.pair_key.like(prefix + "%"))
                    for prefix, other_id in spoken
                ),
            )
        )
        # LIKE reads the kinds' "_" as any one letter: only the keys that do open with a prefix are kept.
        wanted = set(pair_keys)
        return {
            str(key): PairKeyRow(str(i), c, s, k, str(key))
            for key, i, c, s, k in self.session.execute(stmt)
            if key in wanted or any(str(key).startswith(prefix) for prefix, _ in spoken)
        }

    def flagged_texts_of(self, kind: str, claim_ids: Sequence[str], speaker_id: str) -> list[str]:
        """The texts of this speaker's stored claims flagged (``kind``) against one of ``claim_ids``, either way
        round: the statements of theirs whose contradiction with those claims is on the review queue already."""
        ids = list(claim_ids)
        if not ids:
            return []
        as_claim = (
            select(Claim.text)
            .join(Flag, Flag.claim_id == Claim.id)
            .where(Flag.kind == kind, Flag.other_claim_id.in_(ids), Claim.speaker_id == speaker_id)
        )
        as_other = (
            select(Claim.text)
            .join(Flag, Flag.other_claim_id == Claim.id)
            .where(Flag.kind == kind, Flag.claim_id.in_(ids), Claim.speaker_id == speaker_id)
        )
        return [str(text) for text in self.session.scalars(as_claim.union_all(as_other))]

    def claims_to_render(self, claim_ids: Sequence[str]) -> dict[str, Claim]:
        """These claims with their speakers (what a flag's payload shows of them) in one query; the speakers'
        aliases are left unloaded: most findings raise no flag, and a new flag's payload, rendered only for a
        subscriber, reads them for all its speakers at once (``SourceRepository.load_aliases``)."""
        if not claim_ids:
            return {}
        stmt = (
            select(Claim)
            .where(Claim.id.in_(list(claim_ids)))
            .options(defaultload(Claim.speaker).lazyload(Source.aliases))
        )
        return {claim.id: claim for claim in self.session.scalars(stmt)}

    def said_between(
        self,
        speaker_id: str,
        stance: str,
        window: tuple[datetime, datetime] | None,
        document_ids: Sequence[str] = (),
    ) -> list[Claim]:
        """A speaker's claims of this stance with a ``said_at`` in ``window`` (first, last), or from one of those
        documents, oldest first: where the copies of one of their statements (a wire story other outlets carried)
        are."""
        where: list[ColumnElement[bool]] = [Claim.said_at.between(*window)] if window is not None else []
        if document_ids:
            where.append(Claim.document_id.in_(list(document_ids)))
        if not where:
            return []
        stmt = (
            select(Claim)
            .where(Claim.speaker_id == speaker_id, Claim.stance == stance)
            .where(or_(*where))
            .options(lazyload(Claim.speaker))
        )
        return list(self.session.scalars(stmt.order_by(Claim.created_at, Claim.id)))

    def hold_flag_writes(self) -> bool:
        """Wait for, and hold until this transaction ends, the right to raise flags: whoever raises one next reads
        the flags this transaction commits. PostgreSQL: a transaction-scoped advisory lock (its writers run at
        once, and each would miss the other's uncommitted flag); SQLite: nothing to do, a write transaction holds
        the database's write lock from its start (``BEGIN IMMEDIATE``). Whether it took a lock, so may have waited
        (what was read before may be out of date): True on PostgreSQL, waited or not."""
        return hold_transaction_lock(self.session, FLAG_WRITES_LOCK)

    def between_claims(self, kind: str, claim_ids: Sequence[str], other_ids: Sequence[str]) -> Flag | None:
        """The oldest flag of this kind between one of ``claim_ids`` and one of ``other_ids`` (either way round)."""
        ids, others = list(claim_ids), list(other_ids)
        stmt = (
            select(Flag)
            .where(Flag.kind == kind)
            .where(
                or_(
                    and_(Flag.claim_id.in_(ids), Flag.other_claim_id.in_(others)),
                    and_(Flag.claim_id.in_(others), Flag.other_claim_id.in_(ids)),
                )
            )
        )
        return self.session.scalars(stmt.order_by(Flag.created_at, Flag.id).limit(1)).unique().first()

    def source_to_render(self, source_id: str) -> Source | None:
        """A source for a flag's payload, its aliases left to ``SourceRepository.load_aliases`` (one query with the
        other side's); none read when this session holds it already."""
        return self.session.get(Source, source_id, options=[lazyload(Source.aliases)])

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
        kind: str | Sequence[str] | None = None,
        claim_id: str | None = None,
    ) -> list[Flag]:
        """A page of flags; ``kind`` is one kind or several."""
        stmt = select(Flag)
        if status is not None:
            stmt = stmt.where(Flag.status == status)
        if isinstance(kind, str):
            stmt = stmt.where(Flag.kind == kind)
        elif kind is not None:
            stmt = stmt.where(Flag.kind.in_(list(kind)))
        if claim_id is not None:
            stmt = stmt.where((Flag.claim_id == claim_id) | (Flag.other_claim_id == claim_id))
        if after is not None:
            created_at, last_id = after
            stmt = stmt.where((Flag.created_at > created_at) | ((Flag.created_at == created_at) & (Flag.id > last_id)))
        return list(self.session.scalars(stmt.order_by(Flag.created_at, Flag.id).limit(limit)).unique().all())

    def for_claim(self, claim_id: str) -> list[Flag]:
        stmt = select(Flag).where((Flag.claim_id == claim_id) | (Flag.other_claim_id == claim_id))
        return list(self.session.scalars(stmt.order_by(Flag.created_at)).unique().all())

    def open_pairs_touching(
        self, claim_ids: Sequence[str], kinds: Sequence[str], not_run: str
    ) -> list[tuple[str, str, str]]:
        """(id, claim_id, other_claim_id) of open flags of these kinds between two stored claims, one of them in
        ``claim_ids``, that run ``not_run`` did not raise: what a reconciliation may have judged again."""
        if not claim_ids:
            return []
        ids = list(claim_ids)
        stmt = (
            select(Flag.id, Flag.claim_id, Flag.other_claim_id)
            .where(Flag.status == "open", Flag.kind.in_(list(kinds)), Flag.claim_id.is_not(None))
            .where(or_(Flag.claim_id.in_(ids), Flag.other_claim_id.in_(ids)))
            .where(or_(Flag.run_id.is_(None), Flag.run_id != not_run))
        )
        return [(str(i), str(a), str(b)) for i, a, b in self.session.execute(stmt)]

    def get_many(self, flag_ids: Sequence[str]) -> list[Flag]:
        """These flags, oldest first."""
        if not flag_ids:
            return []
        stmt = select(Flag).where(Flag.id.in_(list(flag_ids))).order_by(Flag.created_at, Flag.id)
        return list(self.session.scalars(stmt).unique().all())

    def move_statement_speaker(self, from_id: str, to_id: str) -> int:
        """Checked statements said by one source are said by another (a merge); returns how many flags changed."""
        stmt = update(Flag).where(Flag.statement_speaker_id == from_id).values(statement_speaker_id=to_id)
        return int(getattr(self.session.execute(stmt), "rowcount", 0) or 0)

    def _statement_said_by(self, speaker_id: str) -> ColumnElement[bool]:
        """A flag's checked statement is this speaker's: checked as theirs, or, not yet stored as a claim, checked
        under a name no source had then whose stored key (``statement_speaker_key``) is now their name's or an
        alias's. One SQL condition, so a page of flags filtered by speaker holds a page."""
        by_name = and_(
            Flag.claim_id.is_(None),
            Flag.statement_speaker_id.is_(None),
            Flag.statement_speaker_key.in_(SourceRepository.keys_of(speaker_id)),
        )
        return or_(Flag.statement_speaker_id == speaker_id, by_name)

    def checked_statements_of(self, speaker_id: str) -> list[Flag]:
        """Flags of checked statements (stored as claims since, or not) that are this speaker's
        (``_statement_said_by``), oldest first."""
        stmt = select(Flag).where(Flag.statement_text.is_not(None), self._statement_said_by(speaker_id))
        return list(self.session.scalars(stmt.order_by(Flag.created_at, Flag.id)).unique().all())

    def same_speaker_not_marked(self, speaker_id: str) -> list[Flag]:
        """Flags whose two sides (a claim, or a checked statement, and the claim on record) are both this
        speaker's but that are not marked ``same_speaker``: what a merge of two sources leaves. Oldest first."""
        theirs = select(Claim.id).where(Claim.speaker_id == speaker_id)
        stmt = (
            select(Flag)
            .where(Flag.same_speaker.is_(False), Flag.other_claim_id.in_(theirs))
            .where(or_(Flag.claim_id.in_(theirs), and_(Flag.claim_id.is_(None), self._statement_said_by(speaker_id))))
        )
        return list(self.session.scalars(stmt.order_by(Flag.created_at, Flag.id)).unique().all())

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

    def review_queue(
        self,
        limit: int,
        after: QueuePosition | None = None,
        status: str | None = None,
        kind: str | None = None,
        speaker_id: str | None = None,
        statement_speaker_key: str | None = None,
    ) -> list[Flag]:
        """Flags in the review queue's order (open first, newest first), after ``after`` (rank, created_at, id);
        ``speaker_id``: flags on either side of which that speaker is (a claim of theirs or a checked statement);
        ``statement_speaker_key``: flags whose statement, not stored, was checked under a name of this key that no
        source has (a name the queue's filter box is given shows that name's flags before a source takes it).

        The page's ids are found first (a narrow sort over the flags alone), then those flags are loaded with their
        claims: sorting every flag joined to both claims and three speakers costs ten times as much on SQLite."""
        rank = queue_rank()
        stmt = select(Flag.id)
        if status is not None:
            stmt = stmt.where(Flag.status == status)
        if kind is not None:
            stmt = stmt.where(Flag.kind == kind)
        if speaker_id is not None:
            theirs = select(Claim.id).where(Claim.speaker_id == speaker_id)
            stmt = stmt.where(
                or_(Flag.claim_id.in_(theirs), Flag.other_claim_id.in_(theirs), self._statement_said_by(speaker_id))
            )
        if statement_speaker_key is not None:
            stmt = stmt.where(
                Flag.claim_id.is_(None),
                Flag.statement_speaker_id.is_(None),
                Flag.statement_speaker_key == statement_speaker_key,
            )
        if after is not None:
            after_rank, created_at, last_id = after
            stmt = stmt.where(
                or_(
                    rank > after_rank,
                    and_(rank == after_rank, Flag.created_at < created_at),
                    and_(rank == after_rank, Flag.created_at == created_at, Flag.id < last_id),
                )
            )
        ids = list(self.session.scalars(stmt.order_by(rank, Flag.created_at.desc(), Flag.id.desc()).limit(limit)))
        if not ids:
            return []
        loaded = {f.id: f for f in self.session.scalars(select(Flag).where(Flag.id.in_(ids))).unique()}
        return [loaded[i] for i in ids if i in loaded]

    def for_claims(self, claim_ids: list[str]) -> list[Flag]:
        """Every flag either side of which is one of these claims, oldest first."""
        if not claim_ids:
            return []
        stmt = select(Flag).where(or_(Flag.claim_id.in_(claim_ids), Flag.other_claim_id.in_(claim_ids)))
        return list(self.session.scalars(stmt.order_by(Flag.created_at, Flag.id)).unique().all())

    def count_for_speaker(self, speaker_id: str) -> dict[str, int]:
        """How many flags involve the speaker, by status."""
        theirs = select(Claim.id).where(Claim.speaker_id == speaker_id)
        stmt = (
            select(Flag.status, func.count())
            .where(or_(Flag.claim_id.in_(theirs), Flag.other_claim_id.in_(theirs), self._statement_said_by(speaker_id)))
            .group_by(Flag.status)
        )
        return {str(status): int(n) for status, n in self.session.execute(stmt)}

    def reviewed(self, kinds: tuple[str, ...], statuses: tuple[str, ...], since: datetime | None = None) -> list[Flag]:
        """Flags of these kinds whose current status is one of ``statuses``, with a review at or after ``since``
        (every such flag when None), oldest first."""
        stmt = select(Flag).where(Flag.kind.in_(kinds), Flag.status.in_(statuses))
        if since is not None:
            recent = select(FlagReview.flag_id).where(FlagReview.created_at >= since)
            stmt = stmt.where(Flag.id.in_(recent))
        return list(self.session.scalars(stmt.order_by(Flag.created_at, Flag.id)).unique().all())


def queue_rank() -> Any:
    """0 for an open flag, 1 for a reviewed one: the first key of the review queue's order."""
    return case((Flag.status == "open", 0), else_=1)
