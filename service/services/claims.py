"""Storing claims: attribution resolved, duplicates by external_id returned not re-created, vectors indexed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from db.models import Claim, Document
from db.repositories.claims import ClaimRepository
from db.repositories.documents import DocumentRepository
from db.vector_index import VectorIndex
from embeddings.encoder import Encoder
from embeddings.text_normalize import normalize_or_keep
from service.errors import NotFoundError, UnprocessableError
from service.schemas import BulkClaimsResult, ClaimCreate
from service.services.speakers import SpeakerService


def get_claim_or_404(session: Session, claim_id: str) -> Claim:
    claim = ClaimRepository(session).get(claim_id)
    if claim is None:
        raise NotFoundError(f"no claim with id {claim_id}")
    return claim


@dataclass(frozen=True, slots=True)
class Attribution:
    """Where an extracted claim sits in its article."""

    cue: str | None = None
    span: tuple[int, int] | None = None
    confidence: float | None = None


class ClaimService:
    def __init__(self, session: Session, encoder: Encoder) -> None:
        self.session = session
        self.encoder = encoder
        self.claims = ClaimRepository(session)
        self.speakers = SpeakerService(session)
        self.vectors = VectorIndex(session)

    def _build(self, body: ClaimCreate, attribution: Attribution | None, index: int | None = None) -> Claim:
        try:
            speaker = self.speakers.resolve_reference(body.speaker, body.speaker_id)
        except UnprocessableError as exc:
            if index is None:
                raise
            raise UnprocessableError(
                f"claims[{index}]: {exc.detail}", errors=[{"loc": ["body", "claims", index], "msg": exc.detail}]
            ) from None
        if body.document_id is not None and DocumentRepository(self.session).get(body.document_id) is None:
            loc: list[str | int] = (
                ["body", "document_id"] if index is None else ["body", "claims", index, "document_id"]
            )
            raise UnprocessableError(
                f"document_id {body.document_id} is not a known document",
                errors=[{"loc": loc, "msg": "unknown document"}],
            )
        attribution = attribution or Attribution()
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

    def index(self, claims: Sequence[Claim]) -> None:
        """Embed and store vectors for these claims with the configured encoder (of the normalised text, as checks
        embed the normalised statement: see ``embeddings.text_normalize``)."""
        if not claims:
            return
        vectors = self.encoder.encode([normalize_or_keep(c.text) for c in claims])
        self.vectors.upsert([c.id for c in claims], vectors, self.encoder.name, self.encoder.version)

    def create(self, body: ClaimCreate, attribution: Attribution | None = None) -> tuple[Claim, bool]:
        """The stored claim and whether it is new (a known external_id returns the existing claim)."""
        result = self.create_many([body], [attribution])
        return result[0]

    def create_many(
        self, bodies: Sequence[ClaimCreate], attributions: Sequence[Attribution | None] | None = None
    ) -> list[tuple[Claim, bool]]:
        """All or nothing: any invalid claim raises before anything is written by the caller's transaction."""
        attributions = attributions or [None] * len(bodies)
        for attempt in range(3):
            try:
                with self.session.begin_nested():
                    return self._create_many(bodies, attributions)
            except IntegrityError:
                # A concurrent writer stored one of these external_ids first; the retry finds it as existing.
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def _create_many(
        self, bodies: Sequence[ClaimCreate], attributions: Sequence[Attribution | None]
    ) -> list[tuple[Claim, bool]]:
        external_ids = [b.external_id for b in bodies if b.external_id is not None]
        existing = self.claims.by_external_ids(external_ids)
        results: list[tuple[Claim, bool]] = []
        new_claims: list[Claim] = []
        seen: dict[str, Claim] = {}
        single = len(bodies) == 1
        for i, (body, attribution) in enumerate(zip(bodies, attributions, strict=True)):
            if body.external_id is not None and body.external_id in existing:
                results.append((existing[body.external_id], False))
                continue
            if body.external_id is not None and body.external_id in seen:
                results.append((seen[body.external_id], False))
                continue
            claim = self._build(body, attribution, None if single else i)
            self.session.add(claim)
            new_claims.append(claim)
            if body.external_id is not None:
                seen[body.external_id] = claim
            results.append((claim, True))
        self.session.flush()
        self.index(new_claims)
        return results

    def bulk(self, bodies: Sequence[ClaimCreate]) -> BulkClaimsResult:
        results = self.create_many(bodies)
        created = sum(1 for _, is_new in results if is_new)
        return BulkClaimsResult(ids=[c.id for c, _ in results], created=created, existing=len(results) - created)

    def add_document(self, document: Document) -> Document:
        return DocumentRepository(self.session).add(document)
