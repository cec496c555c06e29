"""Claims, documents and flags stored straight through the ORM: records the pages under test read."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy.orm import Session

from db.models import Claim, Document, Flag, FlagReview
from db.types import utcnow
from service.services.flags import claim_pair_key
from service.services.speakers import SpeakerService

PROBABILITIES = {"entailment": 0.05, "neutral": 0.15, "contradiction": 0.8}
REVERSE = {"entailment": 0.1, "neutral": 0.3, "contradiction": 0.6}


def store_claim(
    session: Session,
    text: str,
    speaker: str,
    said_at: str | None = "2021-04-08",
    **fields: object,
) -> Claim:
    claim = Claim(
        text=text,
        speaker=SpeakerService(session).resolve(speaker),
        said_at=datetime.fromisoformat(said_at).replace(tzinfo=UTC) if said_at else None,
        said_at_is_date=True,
        **fields,
    )
    session.add(claim)
    session.flush()
    return claim


def store_flag(
    session: Session,
    claim: Claim,
    other: Claim,
    kind: str = "contradiction",
    status: str = "open",
    created_at: datetime | None = None,
    signals: tuple[str, ...] = ("number_mismatch",),
) -> Flag:
    created = created_at or utcnow()
    flag = Flag(
        pair_key=claim_pair_key(kind, claim.id, other.id),
        kind=kind,
        status=status,
        relation="contradicts" if kind != "near_duplicate" else "entails",
        origin="reconcile",
        claim_id=claim.id,
        other_claim_id=other.id,
        probabilities=PROBABILITIES,
        reverse_probabilities=REVERSE,
        signals={"names": list(signals)},
        similarity=0.9,
        same_speaker=claim.speaker_id == other.speaker_id,
        created_at=created,
        updated_at=created,
    )
    session.add(flag)
    session.flush()
    if status != "open":
        session.add(FlagReview(flag_id=flag.id, status=status, note="seeded", created_at=created + timedelta(1)))
    return flag


def store_document(session: Session, text: str, title: str = "Coalition talks") -> Document:
    document = Document(
        text=text,
        text_sha256="0" * 64,
        title=title,
        url="https://example.org/coalition-talks",
        publisher="Example News",
        published_at=datetime(2021, 4, 10, tzinfo=UTC),
        published_at_is_date=True,
    )
    session.add(document)
    session.flush()
    return document
