"""A direct quote already on record: the newsroom plugin sends the quote a reader selects, and the same quote sent
again (a reload, another reader, a second panel at the same moment) is the claim stored the first time."""

from __future__ import annotations

from sqlalchemy.orm import Session

from db.models import Claim
from db.repositories.claims import ClaimRepository
from db.urls import comparable_url
from service.schemas import QuoteCreate
from service.services.flags import wording_key
from service.services.speakers import SpeakerService


def _page_and_words(source_url: str, quote: str) -> tuple[str, str]:
    return comparable_url(source_url), wording_key(quote)


class QuoteRecord:
    """Finds a quote on record within the caller's transaction; never commits."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def hold(self, body: QuoteCreate) -> None:
        """Within the write transaction, before ``find`` looks again: two first sends of one quote at once both
        found nothing in their read transactions and both stored it. The key leaves the speaker out (an alias is
        the same speaker): page and words alone, as compared."""
        if body.source_url is not None:
            ClaimRepository(self.session).hold_quote("\n".join(_page_and_words(body.source_url, body.quote)))

    def find(self, body: QuoteCreate) -> Claim | None:
        """The direct quote this one sends again: the same source (the name resolved as storing it would, so an
        alias, a new name or a merge finds it), page (``comparable_url``), said_at, and words as a copy shares them
        (``wording_key``). The panel's external_id hashes the name as typed, and a plain-http page sends none."""
        speaker = SpeakerService(self.session).find(body.speaker)
        if body.source_url is None or speaker is None:
            return None
        said_at, is_date = (body.said_at.at, body.said_at.is_date) if body.said_at else (None, False)
        page, words = _page_and_words(body.source_url, body.quote)
        quotes = ClaimRepository(self.session).direct_quotes_said(speaker.id, said_at, is_date)
        same = (q for q in quotes if comparable_url(q.source_url or "") == page and wording_key(q.text) == words)
        return next(same, None)
