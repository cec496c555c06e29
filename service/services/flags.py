"""Raising flags for human review (once per pair) and recording reviews."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import event
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, SessionTransaction
from sqlalchemy.orm.attributes import set_committed_value

from db.models import Claim, Flag, FlagReview, Source
from db.repositories.flags import FlagRepository, PairKeyRow
from embeddings.judge import Judgement
from service.errors import NotFoundError
from service.schemas import SaidAt
from service.webhooks.events import FLAG_CREATED
from service.webhooks.outbox import emit

CONTRADICTION = "contradiction"
SELF_CONTRADICTION = "self_contradiction"
NEAR_DUPLICATE = "near_duplicate"
# The kinds that say two claims disagree (what GET /v1/flags lists unless asked for another kind).
CONTRADICTION_KINDS = (CONTRADICTION, SELF_CONTRADICTION)


def statement_fingerprint(text: str) -> str:
    return hashlib.sha256(" ".join(text.lower().split()).encode()).hexdigest()[:32]


def claim_pair_key(kind: str, a: str, b: str) -> str:
    first, second = sorted((a, b))
    return f"{kind}:{first}:{second}"


def statement_pair_key(kind: str, text: str, other_claim_id: str) -> str:
    return f"{kind}:stmt:{statement_fingerprint(text)}:{other_claim_id}"


def contradiction_kind(same_speaker: bool) -> str:
    return SELF_CONTRADICTION if same_speaker else CONTRADICTION


def versions_of_one_article(claim: Claim, other: Claim) -> bool:
    """Whether the two claims come from two postings of one article: two documents with the same URL (an update
    or a correction posted again). The later version repeating or correcting the earlier is the outlet's edit, not
    the speaker repeating or reversing themself, and a flag for it would land on the speaker's record."""
    url = (claim.source_url or "").strip()
    return (
        bool(url)
        and claim.document_id is not None
        and other.document_id is not None
        and claim.document_id != other.document_id
        and url == (other.source_url or "").strip()
    )


# Flags inserted in a session's current transaction, as (kind, origin): read (``take_committed_flags``) by whoever
# listens for the commit (service/metrics.py counts them), forgotten when the transaction ends otherwise.
_RAISED = "claimledger.flags_raised"


def take_committed_flags(session: Session) -> list[tuple[str, str]]:
    """The flags the session's transaction inserted; call it from an ``after_commit`` listener."""
    raised: list[tuple[str, str]] = session.info.pop(_RAISED, [])
    return raised


@event.listens_for(Session, "after_transaction_end")
def _forget_uncommitted_flags(session: Session, transaction: SessionTransaction) -> None:
    """A transaction that ended without anyone taking its flags (rolled back, or no listener): drop them."""
    if transaction.parent is None:
        session.info.pop(_RAISED, None)


@dataclass(frozen=True, slots=True)
class Finding:
    """A pair of stored claims to flag: ``claim_id`` is the later statement, ``other_claim_id`` the earlier one on
    record, and the judgement reads the earlier as premise."""

    kind: str
    claim_id: str
    other_claim_id: str
    same_speaker: bool
    judgement: Judgement
    similarity: float | None


def _reverse(judgement: Judgement) -> dict[str, float] | None:
    return dict(judgement.reverse_probabilities) if judgement.reverse_probabilities is not None else None


class FlagService:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.flags = FlagRepository(session)

    def get(self, flag_id: str) -> Flag:
        flag = self.flags.get(flag_id)
        if flag is None:
            raise NotFoundError(f"no flag with id {flag_id}")
        return flag

    def _insert(self, flag: Flag, prepare: Callable[[Flag], None] | None = None) -> Flag | None:
        """The new flag, or None when its pair was flagged meanwhile (the callers look for an earlier flag first; a
        concurrent one fails the unique key). Its ``flag.created`` webhook deliveries are written with it (same
        savepoint, same transaction); ``prepare`` loads what their payload shows when someone subscribes."""
        flag.reviews = []  # a new flag has none: its payload need not ask the database
        try:
            with self.session.begin_nested():
                added = self.flags.add(flag)
                emit(self.session, FLAG_CREATED, added, prepare)
        except IntegrityError:
            return None
        self.session.info.setdefault(_RAISED, []).append((added.kind, added.origin))
        return added

    def raise_for_claims(
        self,
        kind: str,
        claim: Claim,
        other: Claim,
        judgement: Judgement,
        similarity: float | None,
        origin: str,
        run_id: str | None = None,
        judge_version: str | None = None,
    ) -> Flag | None:
        """Flag a pair of stored claims; ``claim`` is the newer statement, ``other`` the one on record."""
        finding = Finding(kind, claim.id, other.id, claim.speaker_id == other.speaker_id, judgement, similarity)
        return self.raise_for_finding(finding, origin, run_id, judge_version)

    def raise_for_finding(
        self, finding: Finding, origin: str, run_id: str | None = None, judge_version: str | None = None
    ) -> Flag | None:
        """Flag a pair of stored claims given by id (the nightly job ships its findings as plain data). A pair
        already flagged as a checked statement, since stored as one of the two claims, is that flag: the stored
        claim is attached to it and no second flag is raised. Two versions of one article raise none
        (``versions_of_one_article``)."""
        pair_key = claim_pair_key(finding.kind, finding.claim_id, finding.other_claim_id)
        # Both claims (what the flag's payload shows of them, and the texts that key a checked statement's flag),
        # then every pair key that would make this finding no new flag, narrow, in one query.
        claims = self.flags.claims_to_render([finding.claim_id, finding.other_claim_id])
        if (
            finding.claim_id in claims
            and finding.other_claim_id in claims
            and versions_of_one_article(claims[finding.claim_id], claims[finding.other_claim_id])
        ):
            return None
        statement_keys = self._statement_keys(finding, claims) if finding.kind in CONTRADICTION_KINDS else []
        found = self.flags.by_pair_keys([pair_key, *(key for key, _ in statement_keys)])
        if pair_key in found:
            return None
        if self._attach_to_statement_flag(statement_keys, found):
            return None
        judgement = finding.judgement
        flag = Flag(
            pair_key=pair_key,
            kind=finding.kind,
            relation=judgement.relation,
            origin=origin,
            claim_id=finding.claim_id,
            other_claim_id=finding.other_claim_id,
            probabilities=dict(judgement.probabilities),
            reverse_probabilities=_reverse(judgement),
            signals={"names": list(judgement.signals)},
            similarity=finding.similarity,
            same_speaker=finding.same_speaker,
            run_id=run_id,
            judge_version=judge_version,
        )
        if finding.claim_id in claims and finding.other_claim_id in claims:  # else the insert fails as it did
            flag.claim, flag.other_claim = claims[finding.claim_id], claims[finding.other_claim_id]
        return self._insert(flag)

    @staticmethod
    def _statement_keys(finding: Finding, claims: dict[str, Claim]) -> list[tuple[str, Claim]]:
        """The pair keys a checked statement's flag would have if it were one of the two claims (same text as
        flags key statements, ``statement_fingerprint``, against the other claim), with that claim; the later
        claim's first."""
        keys: list[tuple[str, Claim]] = []
        for stored_id, other_id in (
            (finding.claim_id, finding.other_claim_id),
            (finding.other_claim_id, finding.claim_id),
        ):
            stored = claims.get(stored_id)
            if stored is not None:
                keys.append((statement_pair_key(finding.kind, stored.text, other_id), stored))
        return keys

    def _attach_to_statement_flag(self, statement_keys: list[tuple[str, Claim]], found: dict[str, PairKeyRow]) -> bool:
        """Whether the pair was flagged by /v1/check (open or reviewed) as a statement that is now one of the two
        claims: one of ``statement_keys``, same speaker. The stored claim becomes the flag's ``claim`` (its
        statement fields and key stay, so checking the text again raises nothing either)."""
        for key, stored in statement_keys:
            row = found.get(key)
            if row is None or row.statement_speaker_id != stored.speaker_id or row.claim_id not in (None, stored.id):
                continue
            if row.claim_id is None:
                flag = self.flags.get(row.id)
                if flag is not None:
                    flag.claim = stored
                    self.session.flush()
            return True
        return False

    def raise_for_statement(
        self,
        text: str,
        speaker: Source | None,
        said_at: SaidAt | None,
        other: Claim,
        judgement: Judgement,
        similarity: float,
        judge_version: str | None = None,
    ) -> Flag | None:
        """Flag a checked statement (not stored as a claim) against the claim it contradicts. Its ``said_at`` is kept
        with its form (date or datetime), so the flag renders the statement's time as a claim renders its own."""
        same = speaker is not None and speaker.id == other.speaker_id
        kind = contradiction_kind(same)
        flag = Flag(
            pair_key=statement_pair_key(kind, text, other.id),
            kind=kind,
            relation=judgement.relation,
            origin="check",
            claim_id=None,
            statement_text=text,
            statement_speaker_id=speaker.id if speaker else None,
            statement_said_at=said_at.at if said_at else None,
            statement_said_at_is_date=said_at.is_date if said_at else False,
            other_claim_id=other.id,
            probabilities=dict(judgement.probabilities),
            reverse_probabilities=_reverse(judgement),
            signals={"names": list(judgement.signals)},
            similarity=similarity,
            same_speaker=same,
            judge_version=judge_version,
        )
        if self.flags.pair_key_exists(flag.pair_key):
            return None
        return self._insert(flag, self._load_statement_sides)

    def _load_statement_sides(self, flag: Flag) -> None:
        """A checked statement's new flag, before its payload is rendered: the claim it contradicts (with its
        speaker) and the statement's speaker, read in this transaction (what the check matched came from an
        earlier read) without the speakers' aliases, which lazy loads would read too and the payload does not
        show."""
        claims = self.flags.claims_to_render([flag.other_claim_id])
        if flag.other_claim_id in claims:
            set_committed_value(flag, "other_claim", claims[flag.other_claim_id])
        said_by = self.flags.source_to_render(flag.statement_speaker_id) if flag.statement_speaker_id else None
        if said_by is not None:
            set_committed_value(flag, "statement_speaker", said_by)

    def mark_same_speaker(self, speaker_id: str) -> tuple[int, int]:
        """After a merge made two sources one: every flag whose two sides are now this speaker's is marked
        ``same_speaker``, and a ``contradiction`` among them (open or reviewed) becomes a ``self_contradiction``
        with the pair key of that kind. Where that key is already another flag's (the same statement was checked
        under both names), the two are one pair: the older flag is kept, takes the newer one's reviews (the
        latest review, of either, sets its status) and the newer is deleted. Returns (contradictions now
        self-contradictions, flags deleted as repeats)."""
        converted = removed = 0
        for flag in self.flags.same_speaker_not_marked(speaker_id):
            flag.same_speaker = True
            if flag.kind != CONTRADICTION:  # a near-duplicate's pair key does not name the speaker
                continue
            converted += 1
            pair_key = (
                statement_pair_key(SELF_CONTRADICTION, flag.statement_text, flag.other_claim_id)
                if flag.statement_text is not None
                else claim_pair_key(SELF_CONTRADICTION, flag.claim_id or "", flag.other_claim_id)
            )
            twin = self.flags.by_pair_key(pair_key)
            if twin is not None:
                kept, dropped = sorted((flag, twin), key=lambda f: (f.created_at, f.id))
                self._absorb(kept, dropped)
                removed += 1
                if kept is twin:
                    continue
            flag.kind = SELF_CONTRADICTION
            flag.pair_key = pair_key
        self.session.flush()
        return converted, removed

    def _absorb(self, kept: Flag, dropped: Flag) -> None:
        """``dropped`` repeats ``kept``'s pair: its reviews move over and it is deleted (before ``kept`` takes the
        pair key the two now share)."""
        for review in list(dropped.reviews):
            review.flag = kept
        reviews = list(kept.reviews)
        if reviews:
            kept.status = max(reviews, key=lambda r: r.created_at).status
        self.session.delete(dropped)
        self.session.flush()

    def review(self, flag_id: str, status: str, note: str | None, reviewer_key_id: str | None) -> Flag:
        flag = self.get(flag_id)
        flag.status = status
        self.flags.add_review(FlagReview(flag_id=flag.id, status=status, note=note, reviewer_key_id=reviewer_key_id))
        self.session.refresh(flag, attribute_names=["reviews"])
        return flag
