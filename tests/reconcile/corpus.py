"""A small record with planted findings: claims from the seed article (ESTA, Iraq coalition talks), CLEF 2020
verified claims as the rest of the record, and planted contradictions, self-contradictions and repetitions.

Claims get deterministic ids, dates and creation times, so two databases loaded with the corpus hold exactly the
same record (the resume test compares one run against another on a second database).
"""

from __future__ import annotations

import csv
import re
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from db.models import Claim, Flag
from embeddings.encoder import Encoder
from service.services.claims import ClaimWriter, EncoderStamp, encode_claim_texts
from service.services.speakers import SpeakerService

ARTICLE = "fixtures/esta-iraq-coalition-talks.txt"
CLEF_CLAIMS = "data/clef2020-claim-matching/verified_claims.docs.tsv"
NAMESPACE = uuid.UUID("6f1c1a52-4a43-4bb4-9a43-3c0a5f4d2b10")
BASE_TIME = datetime(2024, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class CorpusClaim:
    key: str
    text: str
    speaker: str
    said_at: str


# What the article attributes (the Iraqi military, the Coalition spokesman, the Pentagon), as stored claims.
SEED = [
    CorpusClaim(
        "seed-request",
        "The U.S.-led Coalition is in Iraq at the request of the Iraqi government to advise, assist, and enable "
        "the enduring defeat of ISIS.",
        "Iraqi military",
        "2021-04-10",
    ),
    CorpusClaim(
        "seed-framework",
        "The two sides agreed on a framework for future meetings to discuss the long-term security partnership "
        "between the two sovereign nations.",
        "Iraqi military",
        "2021-04-10",
    ),
    CorpusClaim(
        "seed-plan",
        "The plan would be prepared in the next meeting which will be held in Baghdad or Washington in the coming "
        "months.",
        "Iraqi military",
        "2021-04-11",
    ),
    CorpusClaim(
        "seed-progression",
        "The technical talks are in keeping with commitments made during the U.S.-Iraq Strategic Dialogue.",
        "Wayne Marotto",
        "2021-04-10",
    ),
    CorpusClaim(
        "seed-troops",
        "The number of U.S. troops in Iraq has dropped to about 2,500 over the past months.",
        "the Pentagon",
        "2021-04-08",
    ),
]

# Planted findings on the seed claims: (claim, expected flag kind, the claim it must be flagged against).
PLANTED = [
    (
        CorpusClaim(
            "plant-not-requested",
            "The U.S.-led Coalition is not in Iraq at the request of the Iraqi government.",
            "Kataib Hezbollah",
            "2021-05-02",
        ),
        "contradiction",
        "seed-request",
    ),
    (
        CorpusClaim(
            "plant-5000-troops",
            "The number of U.S. troops in Iraq has dropped to about 5,000 over the past months.",
            "an Iraqi lawmaker",
            "2021-04-20",
        ),
        "contradiction",
        "seed-troops",
    ),
    (
        CorpusClaim(
            "plant-pentagon-risen",
            "The number of U.S. troops in Iraq has risen to about 3,500 over the past months.",
            "the Pentagon",
            "2021-06-15",
        ),
        "self_contradiction",
        "seed-troops",
    ),
    (
        CorpusClaim(
            "plant-marotto-not",
            "The technical talks are not in keeping with commitments made during the U.S.-Iraq Strategic Dialogue.",
            "Wayne Marotto",
            "2021-09-01",
        ),
        "self_contradiction",
        "seed-progression",
    ),
    (
        CorpusClaim(
            "plant-request-repeated",
            "The U.S.-led Coalition is in Iraq at the request of the Iraqi government to advise, assist and enable "
            "the enduring defeat of ISIS.",
            "Iraqi officials",
            "2021-04-12",
        ),
        "near_duplicate",
        "seed-request",
    ),
    (
        CorpusClaim(
            "plant-framework-again",
            "The two sides agreed on a framework for future meetings to discuss the long-term security partnership "
            "between the two sovereign nations.",
            "Iraqi military",
            "2021-07-26",
        ),
        "near_duplicate",
        "seed-framework",
    ),
]

# The rest of the record when ../shared is absent: invented, CLEF-like fact-check claims.
FALLBACK_RECORD = [
    "340 migrants crossed the northern border in a single week last spring.",
    "The city council voted to close every public library on weekends.",
    "A new vaccine was approved for use in children under five in March 2021.",
    "The governor signed a bill raising the minimum wage to fifteen dollars an hour.",
    "Wind farms produced more electricity than coal plants in Texas last year.",
    "A photograph shows a shark swimming on a flooded highway after the hurricane.",
    "The senator missed more than half of the committee votes in 2019.",
    "Tap water in the capital contains dangerous levels of lead.",
    "The national debt grew by two trillion dollars during the first year of the administration.",
    "A famous actor donated his entire fortune to an animal shelter.",
    "Unemployment among young people fell to its lowest level in twenty years.",
    "The president pardoned 1,200 people convicted of minor drug offences.",
]


def _clef_record(shared_dir: Path | None, n: int) -> list[str]:
    path = shared_dir / CLEF_CLAIMS if shared_dir else None
    if path is None or not path.is_file():
        return FALLBACK_RECORD
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    seen: set[str] = set()
    texts = []
    for row in rows:
        text = " ".join((row.get("vclaim") or "").split())
        if 6 <= len(text.split()) <= 40 and text.lower() not in seen:
            seen.add(text.lower())
            texts.append(text)
        if len(texts) == n:
            break
    return texts


def build_corpus(shared_dir: Path | None, n_record: int = 40) -> tuple[list[CorpusClaim], set[tuple[str, str, str]]]:
    """The claims, in insertion order, and the planted findings as (kind, key, key) with the keys sorted."""
    article = shared_dir / ARTICLE if shared_dir else None
    if article is not None and article.is_file():
        text = " ".join(article.read_text(encoding="utf-8").split())
        # The seed claims are the article's own statements (the Pentagon's and the spokesman's paraphrased).
        assert "at the request of the Iraqi government to advise, assist, and enable the enduring defeat" in text
        assert "dropped to about 2,500" in text
    record = _clef_record(shared_dir, n_record)
    claims = list(SEED)
    claims += [
        CorpusClaim(
            f"record-{i}",
            text,
            f"Fact-checked source {i % 6}",
            (datetime(2019, 1, 1) + timedelta(days=3 * i)).date().isoformat(),
        )
        for i, text in enumerate(record)
    ]
    expected = {finding(kind, planted.key, on_record) for planted, kind, on_record in PLANTED}
    claims += [planted for planted, _, _ in PLANTED]
    # A contradiction and a repetition planted on the CLEF part of the record.
    numbered = next(c for c in claims if c.key.startswith("record-") and re.search(r"\b\d{2,}\b", c.text))
    number = re.search(r"\b\d{2,}\b", numbered.text)
    assert number is not None
    changed = numbered.text[: number.start()] + str(int(number.group()) * 3 + 7) + numbered.text[number.end() :]
    claims.append(CorpusClaim("plant-record-number", changed, "a campaign flyer", "2022-03-01"))
    expected.add(finding("contradiction", "plant-record-number", numbered.key))
    repeated = next(c for c in claims if c.key.startswith("record-") and c is not numbered and len(c.text.split()) >= 8)
    claims.append(CorpusClaim("plant-record-repeat", repeated.text, "a viral post", "2022-04-01"))
    expected.add(finding("near_duplicate", "plant-record-repeat", repeated.key))
    return claims, expected


def finding(kind: str, key: str, other_key: str) -> tuple[str, str, str]:
    """A flag as (kind, key, key) with the keys sorted: the same finding whichever claim came first."""
    first, second = sorted((key, other_key))
    return kind, first, second


def claim_id(key: str) -> str:
    return str(uuid.uuid5(NAMESPACE, key))


def load_corpus(
    session_factory: sessionmaker[Session], claims: list[CorpusClaim], encoder: Encoder | None = None
) -> None:
    """Store the claims with deterministic ids and times; with ``encoder``, also their vectors (as the API would)."""
    with session_factory() as session:
        stored = []
        for i, item in enumerate(claims):
            speaker = SpeakerService(session).resolve(item.speaker)
            when = datetime.fromisoformat(item.said_at).replace(tzinfo=UTC)
            created = BASE_TIME + timedelta(seconds=i)
            claim = Claim(
                id=claim_id(item.key),
                text=item.text,
                speaker=speaker,
                said_at=when,
                said_at_is_date=True,
                external_id=item.key,
                created_at=created,
                updated_at=created,
            )
            session.add(claim)
            stored.append(claim)
        session.flush()
        if encoder is not None:
            vectors = encode_claim_texts(encoder, [c.text for c in stored])
            ClaimWriter(session).index(stored, list(vectors), EncoderStamp.of(encoder))
        session.commit()


def flag_keys(session: Session) -> set[tuple[str, str, str, str, str]]:
    """Every flag as (kind, relation, newer claim key, earlier claim key, status): comparable across databases."""
    rows = session.scalars(select(Flag)).unique().all()
    return {
        (f.kind, f.relation, (f.claim.external_id or "") if f.claim else "", f.other_claim.external_id or "", f.status)
        for f in rows
    }
