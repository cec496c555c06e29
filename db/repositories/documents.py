"""Articles stored for extraction."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.locks import hold_transaction_lock
from db.models import Document
from db.urls import comparable_url

# Advisory lock class for posting one article: 0x636C6470 ("cldp"), any constant no other code uses.
DOCUMENT_POST_LOCK = 0x636C6470


class DocumentRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, document_id: str) -> Document | None:
        return self.session.get(Document, document_id)

    def hold_posting(self, text_sha256: str) -> None:
        """Wait for, and hold until this transaction ends, the right to store an article with this text, so that
        ``find_posted`` then reads the same article stored by any writer before (PostgreSQL: a transaction-scoped
        advisory lock on the text's hash, then a fresh read at READ COMMITTED; two posts at once each found nothing
        and stored a copy). SQLite: nothing to do, a write transaction holds the write lock from its start."""
        hold_transaction_lock(self.session, DOCUMENT_POST_LOCK, bytes.fromhex(text_sha256[:8]))

    def find_posted(
        self,
        text: str,
        text_sha256: str,
        *,
        url: str | None,
        title: str | None,
        publisher: str | None,
        published_at: datetime | None,
        published_at_is_date: bool,
    ) -> Document | None:
        """The first document stored with exactly this text and these fields (``text_sha256`` finds the rows), its
        url the same as ``url`` once both are read as RFC 3986 compares them (``comparable_url``: "HTTPS://Example.org"
        is "https://example.org/"), among the few rows of that text."""
        rows = self.session.scalars(
            select(Document)
            .where(Document.text_sha256 == text_sha256)
            .where(Document.url.is_(None) if url is None else Document.url.is_not(None))
            .where(Document.title.is_(None) if title is None else Document.title == title)
            .where(Document.publisher.is_(None) if publisher is None else Document.publisher == publisher)
            .where(Document.published_at.is_(None) if published_at is None else Document.published_at == published_at)
            .where(Document.published_at_is_date == published_at_is_date)
            .order_by(Document.created_at, Document.id)
        )
        wanted = None if url is None else comparable_url(url)
        return next((row for row in rows if row.text == text and (row.url and comparable_url(row.url)) == wanted), None)

    def add(self, document: Document) -> Document:
        self.session.add(document)
        self.session.flush()
        return document
