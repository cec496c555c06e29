"""Migration 0044: a checked statement's pair key names whose statement it is (the source it was checked as, else the
key of the name no source had), so another speaker's same words are another pair (h154). A statement checked with
no speaker, and a pair of stored claims, keep their keys. Downgrade takes the speaker's part off: two speakers'
flags of the same words against one claim are one pair again, the older kept with the reviews of both. On both
backends."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from db.engine import make_engine
from db.migrate import check, downgrade, migration_module, upgrade
from db.models import Claim, Flag, FlagReview, Source
from service.services.flags import claim_pair_key, statement_pair_key
from tests.conftest import BACKENDS, new_database_url
from tests.test_speaker_key_migration import T0, _row

PROBABILITIES = {"entailment": 0.1, "neutral": 0.1, "contradiction": 0.8}
WORDS = "Troops in  Iraq have RISEN to 10,000."  # as a check wrote it: keyed by its folded words
BEFORE = "0043"


def _flag(kind: str, other_claim_id: str, minutes: int = 0, **fields: object) -> Flag:
    """A flag as the service raised it before 0044: a checked statement's key names no speaker."""
    claim_id = fields.get("claim_id")
    text = fields.get("statement_text")
    return Flag(
        id=str(uuid.uuid4()),
        pair_key=(
            statement_pair_key(kind, str(text), other_claim_id)
            if text is not None
            else claim_pair_key(kind, str(claim_id), other_claim_id)
        ),
        kind=kind,
        relation="contradicts",
        origin="check",
        other_claim_id=other_claim_id,
        probabilities=PROBABILITIES,
        same_speaker=kind == "self_contradiction",
        created_at=T0 + timedelta(minutes=minutes),
        updated_at=T0 + timedelta(minutes=minutes),
        **fields,
    )


def _old_database(url: str) -> dict[str, str]:
    """The record at 0043: Sam Ng's claim and Ada Holt's, and checked statements flagged against Ada's. Ids by name."""
    upgrade(url, BEFORE)
    engine = make_engine(url)
    ids: dict[str, str] = {}
    try:
        with Session(engine) as session:
            for name in ("Sam Ng", "Ada Holt"):
                ids[name] = _row(session, Source(id=str(uuid.uuid4()), name=name, name_key=name.lower(), created_at=T0))
                ids[f"claim:{name}"] = _row(
                    session, Claim(id=str(uuid.uuid4()), text=f"{name} said so.", speaker_id=ids[name], created_at=T0)
                )
            ada, sam = ids["claim:Ada Holt"], ids["claim:Sam Ng"]
            ids["nobody"] = _row(session, _flag("contradiction", ada, statement_text=WORDS))
            ids["sam"] = _row(
                session,
                _flag("contradiction", ada, 1, statement_text="Sam's words.", statement_speaker_id=ids["Sam Ng"]),
            )
            ids["review"] = _row(
                session,
                FlagReview(
                    id=str(uuid.uuid4()), flag_id=ids["sam"], status="dismissed", created_at=T0 + timedelta(minutes=5)
                ),
            )
            ids["lund"] = _row(
                session,
                _flag(
                    "contradiction",
                    ada,
                    2,
                    statement_text="Lund's words.",
                    statement_speaker_name="Sara Lund",
                    statement_speaker_key="sara lund",
                ),
            )
            ids["stored"] = _row(
                session,
                _flag(
                    "contradiction",
                    ada,
                    3,
                    statement_text="Sam Ng said so.",
                    claim_id=sam,
                    statement_speaker_id=ids["Sam Ng"],
                ),
            )
            ids["claims"] = _row(session, _flag("contradiction", ada, 4, claim_id=sam))
            session.commit()
    finally:
        engine.dispose()
    return ids


def _keys(url: str) -> dict[str, str]:
    engine = make_engine(url)
    try:
        with Session(engine) as session:
            return {f.id: f.pair_key for f in session.scalars(select(Flag)).unique()}
    finally:
        engine.dispose()


@pytest.mark.parametrize("backend", BACKENDS)
def test_checked_statements_pair_keys_name_their_speaker_and_downgrade_folds_two_speakers(
    backend: str, request: pytest.FixtureRequest
) -> None:
    url = new_database_url(backend, request, "claimledger_migration_0044")
    ids = _old_database(url)
    old = _keys(url)
    upgrade(url)
    check(url)
    ada, sam = ids["claim:Ada Holt"], ids["claim:Sam Ng"]
    assert _keys(url) == {
        ids["nobody"]: old[ids["nobody"]],
        ids["sam"]: statement_pair_key("contradiction", "Sam's words.", ada, ids["Sam Ng"]),
        ids["lund"]: statement_pair_key("contradiction", "Lund's words.", ada, None, "sara lund"),
        ids["stored"]: statement_pair_key("contradiction", "Sam Ng said so.", ada, ids["Sam Ng"]),
        ids["claims"]: claim_pair_key("contradiction", sam, ada),
    }
    assert ids["nobody"] in old and old[ids["nobody"]] == statement_pair_key("contradiction", WORDS, ada)

    # Now that keys tell speakers apart: Sam's words also checked as Sara Lund's (a flag of hers, later).
    engine = make_engine(url)
    try:
        with Session(engine) as session:
            ids["lund_too"] = _row(
                session,
                Flag(
                    id=str(uuid.uuid4()),
                    pair_key=statement_pair_key("contradiction", "Sam's words.", ada, None, "sara lund"),
                    kind="contradiction",
                    relation="contradicts",
                    origin="check",
                    other_claim_id=ada,
                    statement_text="Sam's words.",
                    statement_speaker_name="Sara Lund",
                    statement_speaker_key="sara lund",
                    probabilities=PROBABILITIES,
                    same_speaker=False,
                    created_at=T0 + timedelta(minutes=10),
                    updated_at=T0 + timedelta(minutes=10),
                ),
            )
            session.commit()
    finally:
        engine.dispose()

    downgrade(url, BEFORE)
    keys = _keys(url)
    assert keys == {ids[name]: old[ids[name]] for name in ("nobody", "sam", "lund", "stored", "claims")}
    engine = make_engine(url)
    try:
        with Session(engine) as session:
            kept = session.get(Flag, ids["sam"])
            assert kept is not None and [r.id for r in kept.reviews] == [ids["review"]]
            assert kept.status == "dismissed"  # the latest review of the two flags
    finally:
        engine.dispose()

    upgrade(url)  # and up again: as the first time
    assert _keys(url)[ids["sam"]] == statement_pair_key("contradiction", "Sam's words.", ada, ids["Sam Ng"])


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_later_re_keying_that_merges_two_speakers_folds_their_checked_statements(
    backend: str, request: pytest.FixtureRequest
) -> None:
    """Migration 0016's steps, which every later re-keying reruns, on keys that name the speaker: two sources the new
    keys join are one speaker, so their flags of the same words against one claim are one (the older kept, with the
    reviews of both), and a statement checked as the merged source against the survivor's own claim is a
    self-contradiction keyed as the service keys it."""
    url = new_database_url(backend, request, "claimledger_migration_0044_rekey")
    upgrade(url)
    engine = make_engine(url)
    ids: dict[str, str] = {}
    try:
        with Session(engine) as session:
            for name, key, minutes in (
                ("Ada Holt", "ada holt", 0),
                ("Sara Lund", "sara lund", 1),
                ("SARA LUND", "old", 2),
            ):
                ids[name] = _row(
                    session,
                    Source(id=str(uuid.uuid4()), name=name, name_key=key, created_at=T0 + timedelta(minutes=minutes)),
                )
                ids[f"claim:{name}"] = _row(
                    session, Claim(id=str(uuid.uuid4()), text=f"{name} said so.", speaker_id=ids[name], created_at=T0)
                )
            ada, sara = ids["claim:Ada Holt"], ids["claim:Sara Lund"]
            for name, minutes in (("Sara Lund", 3), ("SARA LUND", 4)):
                flag = _flag("contradiction", ada, minutes, statement_text=WORDS, statement_speaker_id=ids[name])
                flag.pair_key = statement_pair_key("contradiction", WORDS, ada, ids[name])
                ids[f"flag:{name}"] = _row(session, flag)
            ids["review"] = _row(
                session,
                FlagReview(id=str(uuid.uuid4()), flag_id=ids["flag:SARA LUND"], status="dismissed", created_at=T0),
            )
            own = _flag("contradiction", sara, 5, statement_text="No.", statement_speaker_id=ids["SARA LUND"])
            own.pair_key = statement_pair_key("contradiction", "No.", sara, ids["SARA LUND"])
            ids["own"] = _row(session, own)
            session.commit()
        with engine.begin() as conn:
            migration_module("0016_occupations_before_speaker_names.py").rekey_sources(conn, T0 + timedelta(days=1))
        with Session(engine) as session:
            flags = {f.id: f for f in session.scalars(select(Flag)).unique()}
            assert set(flags) == {ids["flag:Sara Lund"], ids["own"]}
            kept = flags[ids["flag:Sara Lund"]]
            assert (kept.statement_speaker_id, kept.status) == (ids["Sara Lund"], "dismissed")
            assert [r.id for r in kept.reviews] == [ids["review"]]
            own_flag = flags[ids["own"]]
            assert (own_flag.kind, own_flag.same_speaker) == ("self_contradiction", True)
            assert own_flag.pair_key == statement_pair_key("self_contradiction", "No.", sara, ids["Sara Lund"])
    finally:
        engine.dispose()
