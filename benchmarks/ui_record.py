"""A large synthetic record for timing the review UI: 10,000 claims by 200 speakers (2,000 of them in 100 articles,
with spans), their vectors and keyword index, and 1,000 flags (70% open, 20% confirmed, 10% dismissed, with
reviews). Loaded with bulk inserts in one transaction: seconds, not the minutes the API would take.

Used by ``benchmarks/bench_ui.py`` and by the browser test that bounds the pages' times (tests/browser).
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from db.models import Claim, Document, Flag, FlagReview, Source
from embeddings.encoder import Encoder
from extraction import speaker_key
from service.services.claims import ClaimWriter, EncoderStamp, encode_claim_texts
from service.services.flags import CONTRADICTION, NEAR_DUPLICATE, SELF_CONTRADICTION, claim_pair_key

_SUBJECTS = ["The governor", "The city council", "The health ministry", "The central bank", "The army", "The mayor"]
_ACTS = ["cut spending on", "hired", "closed", "approved funding for", "reported", "built", "inspected"]
_OBJECTS = ["schools", "hospitals", "police stations", "new homes", "bridges", "clinics", "power plants"]
_PLACES = ["in the north", "in the capital", "across the country", "in rural areas", "on the coast"]
_KINDS = ["statement", "indirect_quote", "direct_quote"]
_SIGNALS = ["number_mismatch", "negation", "date_mismatch", "antonym", "place_mismatch"]
BASE_TIME = datetime(2023, 1, 1, tzinfo=UTC)
INSERT_BATCH = 2000


@dataclass(frozen=True, slots=True)
class SeededRecord:
    claims: int
    flags: int
    busiest_speaker_id: str
    document_id: str
    open_flag_id: str
    speaker_name: str


def _ids(rng: random.Random, n: int) -> list[str]:
    return [str(uuid.UUID(int=rng.getrandbits(128), version=4)) for _ in range(n)]


def _sentence(rng: random.Random) -> str:
    return (
        f"{rng.choice(_SUBJECTS)} {rng.choice(_ACTS)} {rng.randint(2, 9000):,} {rng.choice(_OBJECTS)} "
        f"{rng.choice(_PLACES)} in {rng.randint(1995, 2024)}."
    )


def _probabilities(rng: random.Random, lean: str) -> dict[str, float]:
    weights = {"entailment": rng.random(), "neutral": rng.random(), "contradiction": rng.random()}
    weights[lean] += 3.0
    total = sum(weights.values())
    return {k: round(v / total, 4) for k, v in weights.items()}


def seed_review_record(
    session: Session,
    encoder: Encoder,
    n_claims: int = 10_000,
    n_flags: int = 1_000,
    n_speakers: int = 200,
    n_documents: int = 100,
    claims_per_document: int = 20,
    seed: int = 24,
) -> SeededRecord:
    """Fill an empty, migrated database through ``session`` (committed here)."""
    rng = random.Random(seed)
    speakers = [f"Speaker {i:03d} of the synthetic record" for i in range(n_speakers)]
    speaker_ids = _ids(rng, n_speakers)
    _bulk(
        session,
        Source,
        [
            {"id": sid, "name": name, "name_key": speaker_key(name), "kind": "person", "created_at": BASE_TIME}
            for sid, name in zip(speaker_ids, speakers, strict=True)
        ],
    )
    # Speaker i gets claims in proportion to 1/(i+1) (a few speakers say a lot): speaker 0 is the busiest.
    weights = [1.0 / (i + 1) for i in range(n_speakers)]
    claim_ids = _ids(rng, n_claims)
    texts = [_sentence(rng) for _ in range(n_claims)]
    claim_speakers = rng.choices(range(n_speakers), weights=weights, k=n_claims)
    rows: list[dict[str, Any]] = []
    for i, (cid, text, s) in enumerate(zip(claim_ids, texts, claim_speakers, strict=True)):
        created = BASE_TIME + timedelta(seconds=30 * i)
        said = None if i % 17 == 0 else BASE_TIME - timedelta(days=rng.randint(0, 3 * 365))
        rows.append(
            {
                "id": cid,
                "text": text,
                "speaker_id": speaker_ids[s],
                "said_at": said,
                "said_at_is_date": True,
                "source_url": f"https://news.example/{i}",
                "kind": rng.choice(_KINDS),
                "stance": "asserts",
                "metadata_": {},
                "created_at": created,
                "updated_at": created,
            }
        )
    document_ids = _ids(rng, n_documents)
    documents = []
    for d, did in enumerate(document_ids):
        parts: list[str] = []
        length = 0
        for k in range(claims_per_document):
            row = rows[d * claims_per_document + k]
            lead = f"{speakers[claim_speakers[d * claims_per_document + k]]} said that "
            start = length + len(lead)
            row.update(document_id=did, span_start=start, span_end=start + len(row["text"]), cue="said", confidence=0.9)
            parts.append(lead + row["text"] + " ")
            length += len(parts[-1])
        documents.append(
            {
                "id": did,
                "url": f"https://news.example/articles/{d}",
                "title": f"Synthetic article {d}",
                "publisher": "Example News",
                "published_at": BASE_TIME - timedelta(days=d),
                "published_at_is_date": True,
                "text": "".join(parts),
                "text_sha256": f"{d:064d}",
                "created_at": BASE_TIME,
                "updated_at": BASE_TIME,
            }
        )
    _bulk(session, Document, documents)
    _bulk(session, Claim, rows)
    vectors = encode_claim_texts(encoder, texts)
    stamp = EncoderStamp.of(encoder)
    for start in range(0, n_claims, INSERT_BATCH):
        ClaimWriter(session).vectors.upsert(
            claim_ids[start : start + INSERT_BATCH], vectors[start : start + INSERT_BATCH], stamp.name, stamp.version
        )
    by_speaker: dict[int, list[int]] = {}
    for i, s in enumerate(claim_speakers):
        by_speaker.setdefault(s, []).append(i)
    flags: list[dict[str, Any]] = []
    reviews: list[dict[str, Any]] = []
    seen: set[str] = set()
    flag_ids = _ids(rng, n_flags)
    while len(flags) < n_flags:
        kind = rng.choices([CONTRADICTION, SELF_CONTRADICTION, NEAR_DUPLICATE], weights=[60, 25, 15])[0]
        if kind == SELF_CONTRADICTION:
            own = by_speaker[rng.choices(range(n_speakers), weights=weights)[0]]
            if len(own) < 2:
                continue
            a, b = rng.sample(own, 2)
        else:
            a, b = rng.sample(range(n_claims), 2)
        newer, older = max(a, b), min(a, b)
        key = claim_pair_key(kind, claim_ids[newer], claim_ids[older])
        if key in seen:
            continue
        seen.add(key)
        fid = flag_ids[len(flags)]
        status = rng.choices(["open", "confirmed", "dismissed"], weights=[70, 20, 10])[0]
        created = BASE_TIME + timedelta(days=30, minutes=7 * len(flags))
        lean = "entailment" if kind == NEAR_DUPLICATE else "contradiction"
        flags.append(
            {
                "id": fid,
                "pair_key": key,
                "kind": kind,
                "status": status,
                "relation": "entails" if kind == NEAR_DUPLICATE else "contradicts",
                "origin": "reconcile",
                "claim_id": claim_ids[newer],
                "other_claim_id": claim_ids[older],
                "probabilities": _probabilities(rng, lean),
                "reverse_probabilities": _probabilities(rng, lean),
                "signals": {"names": rng.sample(_SIGNALS, rng.randint(0, 2))},
                "similarity": round(rng.uniform(0.5, 0.99), 4),
                "same_speaker": claim_speakers[newer] == claim_speakers[older],
                "created_at": created,
                "updated_at": created,
            }
        )
        if status != "open":
            reviews.append(
                {
                    "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                    "flag_id": fid,
                    "status": status,
                    "note": "seeded review",
                    "created_at": created + timedelta(hours=1),
                }
            )
    _bulk(session, Flag, flags)
    _bulk(session, FlagReview, reviews)
    session.commit()
    busiest = speaker_ids[0]
    open_flag = next(f["id"] for f in reversed(flags) if f["status"] == "open")
    total = int(session.scalar(select(func.count()).select_from(Claim)) or 0)
    return SeededRecord(total, len(flags), busiest, document_ids[0], open_flag, speakers[0])


def _bulk(session: Session, model: type[Any], rows: list[dict[str, Any]]) -> None:
    for start in range(0, len(rows), INSERT_BATCH):
        session.execute(insert(model), rows[start : start + INSERT_BATCH])
