"""Articles stored for extraction."""

from __future__ import annotations

from sqlalchemy.orm import Session

from db.models import Document


class DocumentRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, document_id: str) -> Document | None:
        return self.session.get(Document, document_id)

    def add(self, document: Document) -> Document:
        self.session.add(document)
        self.session.flush()
        return document
