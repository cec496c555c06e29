"""Storing claims: attribution resolved, duplicates by external_id returned not re-created, vectors indexed.

Two phases, so no transaction is open while the encoder runs: ``ClaimService.prepare`` reads what it needs (known
external_ids, that referenced sources and documents exist) in a short read transaction and encodes the new texts
with no session open; ``ClaimService.persist`` writes the claims and their vectors inside the caller's write
transaction (``ClaimWriter``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from db.database import Database
from db.models import Claim
from db.repositories.claims import ClaimRepository
from db.repositories.documents import DocumentRepository
from db.vector_index import VectorIndex
from embeddings.encoder import Encoder
from embeddings.length_calls import encode_by_length
from embeddings.text_normalize import normalize_or_keep
from service.errors import NotFoundError, ServiceUnavailableError, UnprocessableError
from service.schemas import BulkClaimsResult, ClaimCreate
from service.services.speakers import BY_NAME_OR_ID, SpeakerService


def get_claim_or_404(session: Session, claim_id: str) -> Claim:
    claim = ClaimRepository(session).get(claim_id)
    if claim is None:
        raise NotFoundError(f"no claim with id {claim_id}")
    return claim


@dataclass(frozen=True, slots=True)
class Attribution:
    """Where an extracted claim sits in its article, and who the extractor saw saying it."""

    cue: str | None = None
    span: tuple[int, int] | None = None
    confidence: float | None = None
    speaker_kind: str = "unknown"
    speaker_role: str | None = None


@dataclass(frozen=True, slots=True)
class EncoderStamp:
    name: str
    version: str

    @classmethod
    def of(cls, encoder: Encoder) -> EncoderStamp:
        return cls(encoder.name, encoder.version)


@dataclass(slots=True)
class PreparedClaims:
    """Claim bodies checked against the record and their vectors, ready to be written."""

    bodies: list[ClaimCreate]
    attributions: list[Attribution | None]
    stamp: EncoderStamp
    # Index in ``bodies`` -> the normalised text's vector, for every body that was not already on record.
    vectors: dict[int, np.ndarray] = field(default_factory=dict)

    def vector(self, index: int) -> np.ndarray | None:
        return self.vectors.get(index)


def _at(index: int | None, loc: list[str | int]) -> list[str | int]:
    return loc if index is None else ["body", "claims", index, *loc[1:]]


class ClaimWriter:
    """Writes prepared claims and vectors through one session; never commits (the caller owns the transaction)."""

    def __init__(self, session: Session, speakers: SpeakerService | None = None) -> None:
        self.session = session
        self.claims = ClaimRepository(session)
        self.speakers = speakers or SpeakerService(session)
        self.vectors = VectorIndex(session)

    def _build(self, body: ClaimCreate, attribution: Attribution | None, index: int | None) -> Claim:
        attribution = attribution or Attribution()
        try:
            if body.speaker_id is not None:
                speaker = self.speakers.resolve_reference(None, body.speaker_id)
            else:
                assert body.speaker is not None
                speaker = self.speakers.resolve(
                    body.speaker, kind=attribution.speaker_kind, role=attribution.speaker_role
                )
        except UnprocessableError as exc:
            if index is None:
                raise
            raise UnprocessableError(
                f"claims[{index}]: {exc.detail}", errors=[{"loc": ["body", "claims", index], "msg": exc.detail}]
            ) from None
        return Claim(
            text=body.text,
            speaker=speaker,
            said_at=body.said_at.at if body.said_at else None,
            said_at_is_date=body.said_at.is_date if body.said_at else False,
            source_url=body.source_url,
            document_id=body.document_id,
            kind=body.kind,
            stance=body.stance,
            external_id=body.external_id,
            metadata_=body.metadata,
            cue=attribution.cue,
            span_start=attribution.span[0] if attribution.span else None,
            span_end=attribution.span[1] if attribution.span else None,
            confidence=attribution.confidence,
        )

    def store(self, prepared: PreparedClaims) -> list[tuple[Claim, bool]]:
        """The stored claims with whether each is new. All or nothing: a savepoint, retried when a concurrent
        writer stores one of the same external_ids first (the retry finds it as existing)."""
        for attempt in range(3):
            try:
                with self.session.begin_nested():
                    return self._store(prepared)
            except IntegrityError:
                self.speakers.forget()  # sources made in the rolled-back savepoint are gone
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def _store(self, prepared: PreparedClaims) -> list[tuple[Claim, bool]]:
        bodies = prepared.bodies
        existing = self.claims.by_external_ids([b.external_id for b in bodies if b.external_id is not None])
        results: list[tuple[Claim, bool]] = []
        new: list[tuple[int, Claim]] = []
        seen: dict[str, Claim] = {}
        single = len(bodies) == 1
        self.speakers.hold_names(b.speaker for b in bodies if b.speaker_id is None and b.speaker is not None)
        # The speaker look-ups need no pending claim flushed first: without autoflush each look-up would write the
        # claim added before it, one INSERT (and its index triggers) at a time. New speakers are written at once,
        # in their own savepoint, so a later claim of the same speaker finds them.
        with self.session.no_autoflush:
            for i, (body, attribution) in enumerate(zip(bodies, prepared.attributions, strict=True)):
                known = existing.get(body.external_id) or seen.get(body.external_id) if body.external_id else None
                if known is not None:
                    results.append((known, False))
                    continue
                claim = self._build(body, attribution, None if single else i)
                self.session.add(claim)
                new.append((i, claim))
                if body.external_id is not None:
                    seen[body.external_id] = claim
                results.append((claim, True))
        self.session.flush()
        missing = [i for i, _ in new if prepared.vector(i) is None]
        if missing:  # only if a claim it found on record has gone since: let the client retry with a fresh look
            raise ServiceUnavailableError("the record changed while the request was prepared; retry it")
        self.index([c for _, c in new], [prepared.vectors[i] for i, _ in new], prepared.stamp)
        return results

    def index(self, claims: Sequence[Claim], vectors: Sequence[np.ndarray], stamp: EncoderStamp) -> None:
        if claims:
            self.vectors.upsert([c.id for c in claims], np.stack(vectors), stamp.name, stamp.version)


def encode_claim_texts(encoder: Encoder, texts: Sequence[str]) -> np.ndarray:
    """Vectors of claim texts as stored, in order: of the normalised text, as checks embed the normalised statement
    (``embeddings.text_normalize``), encoded in calls of like lengths (``embeddings.length_calls``)."""
    return encode_by_length(encoder, [normalize_or_keep(t) for t in texts])


class ClaimService:
    def __init__(self, db: Database, encoder: Encoder) -> None:
        self.db = db
        self.encoder = encoder

    def prepare(
        self,
        bodies: Sequence[ClaimCreate],
        attributions: Sequence[Attribution | None] | None = None,
        *,
        ambiguous_remedy: str | None = BY_NAME_OR_ID,
    ) -> PreparedClaims:
        """Check references (422 before any work), skip claims already on record by external_id, and encode the
        rest; the encoder runs after the read transaction has ended. A speaker name several people could be (a
        lone surname) is a 422 that tells the client ``ambiguous_remedy``; None takes it as written instead (a
        source of its own), for names no client typed."""
        bodies = list(bodies)
        prepared = PreparedClaims(bodies, list(attributions or [None] * len(bodies)), EncoderStamp.of(self.encoder))
        with self.db.read() as session:
            self._check_references(session, bodies, ambiguous_remedy)
            known = set(ClaimRepository(session).by_external_ids([b.external_id for b in bodies if b.external_id]))
        todo: list[int] = []
        first_of: set[str] = set()
        for i, body in enumerate(bodies):
            if body.external_id is not None:
                if body.external_id in known or body.external_id in first_of:
                    continue
                first_of.add(body.external_id)
            todo.append(i)
        if todo:
            vectors = encode_claim_texts(self.encoder, [bodies[i].text for i in todo])
            prepared.vectors = dict(zip(todo, vectors, strict=True))
        return prepared

    @staticmethod
    def _check_references(
        session: Session, bodies: Sequence[ClaimCreate], ambiguous_remedy: str | None = BY_NAME_OR_ID
    ) -> None:
        single = len(bodies) == 1
        speakers = SpeakerService(session)
        documents = DocumentRepository(session)
        # A name is asked about once: a new speaker's name is not remembered as found, so each claim naming it
        # queried again (a bulk of 1,000 claims by one new speaker, 1,000 look-ups of the same lone surname).
        unambiguous: set[str] = set()
        for i, body in enumerate(bodies):
            index = None if single else i
            where = f"claims[{i}]: " if index is not None else ""
            if body.speaker_id is not None:
                source = speakers.sources.get(body.speaker_id)
                if source is None:
                    raise UnprocessableError(
                        where + f"speaker_id {body.speaker_id} is not a known source",
                        errors=[{"loc": _at(index, ["body", "speaker_id"]), "msg": "unknown source id"}],
                    )
                if body.speaker is not None and not speakers.names(source, body.speaker):
                    msg = f"speaker {body.speaker!r} is not source {source.id} ({source.name}) nor one of its aliases"
                    raise UnprocessableError(
                        where + msg + "; give one of speaker and speaker_id, or names that agree",
                        errors=[
                            {"loc": _at(index, ["body", "speaker"]), "msg": msg},
                            {"loc": _at(index, ["body", "speaker_id"]), "msg": msg},
                        ],
                    )
            elif body.speaker is not None and ambiguous_remedy is not None and body.speaker not in unambiguous:
                try:
                    speakers.refuse_ambiguous(body.speaker, _at(index, ["body", "speaker"]), ambiguous_remedy)
                except UnprocessableError as exc:
                    raise UnprocessableError(where + exc.detail, errors=exc.errors) from None
                unambiguous.add(body.speaker)
            if body.document_id is not None and documents.get(body.document_id) is None:
                raise UnprocessableError(
                    where + f"document_id {body.document_id} is not a known document",
                    errors=[{"loc": _at(index, ["body", "document_id"]), "msg": "unknown document"}],
                )

    @staticmethod
    def persist(session: Session, prepared: PreparedClaims) -> list[tuple[Claim, bool]]:
        return ClaimWriter(session).store(prepared)

    def create_many(
        self, bodies: Sequence[ClaimCreate], attributions: Sequence[Attribution | None] | None = None
    ) -> list[tuple[Claim, bool]]:
        """Prepare, then store in one write transaction of its own (batch callers: benchmarks, imports)."""
        prepared = self.prepare(bodies, attributions)
        with self.db.write() as session:
            return self.persist(session, prepared)

    def create(self, body: ClaimCreate) -> tuple[Claim, bool]:
        return self.create_many([body])[0]

    def bulk(self, bodies: Sequence[ClaimCreate]) -> BulkClaimsResult:
        return bulk_result(self.create_many(bodies))


def bulk_result(results: Sequence[tuple[Claim, bool]]) -> BulkClaimsResult:
    created = sum(1 for _, is_new in results if is_new)
    return BulkClaimsResult(ids=[c.id for c, _ in results], created=created, existing=len(results) - created)
