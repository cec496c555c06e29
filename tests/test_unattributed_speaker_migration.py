"""Migration 0032: "Unknown", the source of every ClaimReview that names no one for its claim, is nobody, so a flag
between two of its claims (or a statement checked under it and one of its claims) is two speakers', not one's. A
database written before holds them as ``self_contradiction`` with ``same_speaker`` true; the migration makes them
``contradiction`` (a near-duplicate keeps its kind) with ``same_speaker`` false and the pair key the service computes
for that kind. Where that key is already another flag's, the older of the two stays with the reviews of both. A
named speaker's self-contradictions are left as they are. On both backends."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from db.engine import make_engine
from db.migrate import check, upgrade
from db.models import Claim, Flag, FlagReview, Source
from service.services.flags import claim_pair_key, statement_pair_key
from tests.conftest import BACKENDS, new_database_url
from tests.test_speaker_key_migration import T0, _row

PROBABILITIES = {"entailment": 0.1, "neutral": 0.1, "contradiction": 0.8}
CHECKED = "The Kesterton bridge  did NOT collapse on Monday."  # as a check wrote it: keyed by its folded words


def _flag(
    kind: str,
    claim_id: str | None,
    other_claim_id: str,
    minutes: int = 0,
    same_speaker: bool | None = None,
    **fields: object,
) -> Flag:
    """A flag as the service raised it: its pair key of its kind; ``same_speaker`` as its kind says unless given."""
    text = fields.get("statement_text")
    pair_key = (
        statement_pair_key(kind, str(text), other_claim_id)
        if text is not None
        else claim_pair_key(kind, claim_id or "", other_claim_id)
    )
    return Flag(
        id=str(uuid.uuid4()),
        pair_key=pair_key,
        kind=kind,
        relation="contradicts" if kind != "near_duplicate" else "entails",
        origin="reconcile",
        claim_id=claim_id,
        other_claim_id=other_claim_id,
        probabilities=PROBABILITIES,
        same_speaker=kind == "self_contradiction" if same_speaker is None else same_speaker,
        created_at=T0 + timedelta(minutes=minutes),
        updated_at=T0 + timedelta(minutes=minutes),
        **fields,
    )


def _old_database(url: str) -> dict[str, str]:
    """The record at 0031 as the service left it: four claims of "Unknown" and two of Jonas Berg, and their flags.
    Ids by name."""
    upgrade(url, "0031")
    engine = make_engine(url)
    ids: dict[str, str] = {}
    try:
        with Session(engine) as session:
            for name, key in (("Unknown", "unknown"), ("Jonas Berg", "jonas berg")):
                ids[name] = _row(session, Source(id=str(uuid.uuid4()), name=name, name_key=key, created_at=T0))
            for claim, speaker in (("u1", "Unknown"), ("u2", "Unknown"), ("u3", "Unknown"), ("u4", "Unknown"),
                                   ("j1", "Jonas Berg"), ("j2", "Jonas Berg")):  # fmt: skip
                ids[claim] = _row(
                    session,
                    Claim(id=str(uuid.uuid4()), text=f"Claim {claim}.", speaker_id=ids[speaker], created_at=T0),
                )
            u1, u2, u3, u4 = ids["u1"], ids["u2"], ids["u3"], ids["u4"]
            ids["claims"] = _row(session, _flag("self_contradiction", u2, u1, status="confirmed"))
            ids["review"] = _row(
                session, FlagReview(id=str(uuid.uuid4()), flag_id=ids["claims"], status="confirmed", created_at=T0)
            )
            ids["checked"] = _row(
                session,
                _flag("self_contradiction", None, u1, statement_text=CHECKED, statement_speaker_id=ids["Unknown"]),
            )
            ids["checked_then_stored"] = _row(session, _flag("self_contradiction", u3, u2, statement_text=CHECKED))
            ids["near_duplicate"] = _row(session, _flag("near_duplicate", u4, u3, same_speaker=True))
            # One pair flagged both ways (the contradiction first): one flag, the older, with both flags' reviews.
            ids["twin"] = _row(session, _flag("contradiction", u4, u1))
            ids["self_twin"] = _row(session, _flag("self_contradiction", u4, u1, minutes=1, status="dismissed"))
            ids["twin_review"] = _row(
                session,
                FlagReview(
                    id=str(uuid.uuid4()),
                    flag_id=ids["self_twin"],
                    status="dismissed",
                    created_at=T0 + timedelta(minutes=2),
                ),
            )
            ids["berg"] = _row(session, _flag("self_contradiction", ids["j2"], ids["j1"]))
            ids["across"] = _row(session, _flag("contradiction", ids["j1"], u1))
            session.commit()
    finally:
        engine.dispose()
    return ids


@pytest.mark.parametrize("backend", BACKENDS)
def test_flags_between_unknowns_claims_are_two_speakers_contradictions(
    backend: str, request: pytest.FixtureRequest
) -> None:
    url = new_database_url(backend, request, "claimledger_migration_0032")
    ids = _old_database(url)
    upgrade(url)
    check(url)
    engine = make_engine(url)
    u1, u2, u3, u4 = ids["u1"], ids["u2"], ids["u3"], ids["u4"]
    try:
        with Session(engine) as session:
            flags = {f.id: f for f in session.scalars(select(Flag)).unique()}
            shown = {i: (f.kind, f.same_speaker, f.pair_key, f.status) for i, f in flags.items()}
            assert shown == {
                ids["claims"]: ("contradiction", False, claim_pair_key("contradiction", u2, u1), "confirmed"),
                ids["checked"]: (  # checked as Unknown's: its key names it (0044)
                    "contradiction", False, statement_pair_key("contradiction", CHECKED, u1, ids["Unknown"]), "open"
                ),
                ids["checked_then_stored"]: (
                    "contradiction", False, statement_pair_key("contradiction", CHECKED, u2), "open"
                ),
                ids["near_duplicate"]: ("near_duplicate", False, claim_pair_key("near_duplicate", u4, u3), "open"),
                ids["twin"]: ("contradiction", False, claim_pair_key("contradiction", u4, u1), "dismissed"),
                ids["berg"]: (
                    "self_contradiction", True, claim_pair_key("self_contradiction", ids["j2"], ids["j1"]), "open"
                ),
                ids["across"]: ("contradiction", False, claim_pair_key("contradiction", ids["j1"], u1), "open"),
            }  # fmt: skip
            assert [r.id for r in flags[ids["twin"]].reviews] == [ids["twin_review"]]
            assert [r.id for r in flags[ids["claims"]].reviews] == [ids["review"]]
            assert flags[ids["claims"]].updated_at > T0  # changed: a client syncing by updated_at sees it
    finally:
        engine.dispose()
