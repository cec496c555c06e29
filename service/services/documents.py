"""Articles in, attributed claims out: store the document, extract, resolve speakers, store and index claims."""

from __future__ import annotations

import hashlib

from sqlalchemy.orm import Session

from db.models import Claim, Document
from db.repositories.claims import ClaimRepository
from db.repositories.documents import DocumentRepository
from embeddings.encoder import Encoder
from extraction import AttributionExtractor, ExtractedSpeaker
from service.errors import NotFoundError
from service.schemas import ClaimCreate, DocumentCreate, DocumentOut, render_when
from service.serializers import claim_out
from service.services.claims import Attribution, ClaimService
from service.services.speakers import SpeakerService


def document_out(document: Document, claims: list[Claim]) -> DocumentOut:
    return DocumentOut(
        id=document.id,
        url=document.url,
        title=document.title,
        publisher=document.publisher,
        published_at=render_when(document.published_at, document.published_at_is_date),
        claims=[claim_out(c) for c in claims],
        created_at=document.created_at.isoformat(),
    )


UNRESOLVED_MENTIONS = frozenset({"he", "she", "it", "they", "we", "i", "you", "him", "her", "them", "us"})


def is_unresolved(speaker: ExtractedSpeaker) -> bool:
    """A bare pronoun no named speaker was found for: storing it would make "He" a source across articles."""
    return speaker.name.strip().lower() in UNRESOLVED_MENTIONS


def get_document_out(session: Session, document_id: str) -> DocumentOut:
    document = DocumentRepository(session).get(document_id)
    if document is None:
        raise NotFoundError(f"no document with id {document_id}")
    return document_out(document, ClaimRepository(session).for_document(document.id))


class DocumentService:
    def __init__(
        self, session: Session, encoder: Encoder, extractor: AttributionExtractor, min_confidence: float = 0.45
    ) -> None:
        self.session = session
        self.min_confidence = min_confidence
        self.extractor = extractor
        self.claims = ClaimService(session, encoder)
        self.speakers = SpeakerService(session)
        self.documents = DocumentRepository(session)

    def create(self, body: DocumentCreate) -> DocumentOut:
        document = self.documents.add(
            Document(
                url=body.url,
                title=body.title,
                publisher=body.publisher,
                published_at=body.published_at.at if body.published_at else None,
                published_at_is_date=body.published_at.is_date if body.published_at else False,
                text=body.text,
                text_sha256=hashlib.sha256(body.text.encode()).hexdigest(),
                extractor_version=self.extractor.version,
            )
        )
        extracted = self.extractor.extract(body.text)
        bodies: list[ClaimCreate] = []
        attributions: list[Attribution | None] = []
        for item in extracted:
            if item.confidence < self.min_confidence or is_unresolved(item.speaker):
                continue
            speaker = self.speakers.resolve(item.speaker.name, kind=item.speaker.kind, role=item.speaker.role)
            bodies.append(
                ClaimCreate(
                    text=item.text[:5000],
                    speaker_id=speaker.id,
                    said_at=body.published_at,
                    source_url=body.url,
                    document_id=document.id,
                    kind=item.kind,
                    stance=item.stance,
                    metadata={"speaker_mention": item.speaker.mention},
                )
            )
            attributions.append(
                Attribution(cue=item.cue, span=(item.span[0], item.span[1]), confidence=item.confidence)
            )
        stored = [claim for claim, _ in self.claims.create_many(bodies, attributions)] if bodies else []
        return document_out(document, stored)
