"""Migration 0033 (and 0016's ``rekey_sources``, which every re-keying migration runs): a statement checked under a
name no source had then, whose key the new rules make the key of the speaker it was flagged against, is that
speaker's statement. Found by h111's upgrade audit of a record written at 0020: "Ólöf Þórsdóttir" checked against
Olof Thorsdottir's claim stayed two speakers contradicting each other after the upgrade to 0032, and the same check
sent again raised a second flag for the pair. On both backends."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from db.engine import make_engine
from db.migrate import check, upgrade
from db.models import Claim, Flag, FlagReview, Source
from service.services.flags import statement_pair_key
from tests.conftest import BACKENDS, new_database_url
from tests.test_speaker_key_migration import T0, _row

ON_RECORD = "The Akureyri tunnel opened in 2015."
CHECKED = "The Akureyri tunnel opened in 2021."


def _flag(other_claim_id: str, checked_as: str, key: str, kind: str, minutes: int, **fields: object) -> Flag:
    """A contradiction flag of a statement checked under ``checked_as`` (no source had that name's key)."""
    return Flag(
        id=str(uuid.uuid4()), pair_key=statement_pair_key(kind, CHECKED, other_claim_id), kind=kind,
        relation="contradicts", origin="check", statement_text=CHECKED, statement_speaker_name=checked_as,
        statement_speaker_key=key, other_claim_id=other_claim_id,
        probabilities={"entailment": 0.05, "neutral": 0.05, "contradiction": 0.9},
        created_at=T0 + timedelta(minutes=minutes), updated_at=T0, **fields,
    )  # fmt: skip


def _record(url: str, revision: str, stale_key: str) -> dict[str, str]:
    """At ``revision``: Olof Thorsdottir (key "olof thorsdottir") and her claim; a confirmed flag of the statement
    checked under "Ólöf Þórsdóttir" with the key the rules of then gave it; the same statement checked under a name
    still nobody's ("Helga Brandt") and against the unattributed speaker's claim under "Unknown". Ids by role."""
    upgrade(url, revision)
    engine = make_engine(url)
    ids: dict[str, str] = {}
    try:
        with Session(engine) as session:
            ids["olof"] = _row(
                session,
                Source(
                    id=str(uuid.uuid4()),
                    name="Olof Thorsdottir",
                    name_key="olof thorsdottir",
                    created_at=T0,
                    updated_at=T0,
                ),
            )
            ids["unknown"] = _row(
                session, Source(id=str(uuid.uuid4()), name="Unknown", name_key="unknown", created_at=T0, updated_at=T0)
            )
            ids["claim"] = _row(
                session,
                Claim(id=str(uuid.uuid4()), text=ON_RECORD, speaker_id=ids["olof"], created_at=T0, updated_at=T0),
            )
            ids["anon_claim"] = _row(
                session,
                Claim(
                    id=str(uuid.uuid4()), text=ON_RECORD + " ", created_at=T0, speaker_id=ids["unknown"], updated_at=T0
                ),
            )
            ids["flag"] = _row(
                session, _flag(ids["claim"], "Ólöf Þórsdóttir", stale_key, "contradiction", 0, status="confirmed")
            )
            _row(
                session,
                FlagReview(
                    id=str(uuid.uuid4()),
                    flag_id=ids["flag"],
                    status="confirmed",
                    note="checked",
                    created_at=T0 + timedelta(minutes=1),
                ),
            )
            ids["nobody"] = _row(session, _flag(ids["claim"], "Helga Brandt", "helga brandt", "near_duplicate", 2))
            ids["anon"] = _row(session, _flag(ids["anon_claim"], "Unknown", "unknown", "contradiction", 3))
            session.commit()
    finally:
        engine.dispose()
    return ids  # fmt: skip


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_name_the_new_keys_join_makes_the_checked_statement_the_speakers_own(
    backend: str, request: pytest.FixtureRequest
) -> None:
    """From 0030 (before "þ" keyed as "th"): 0031's re-keying joins the checked name to Olof Thorsdottir's, so
    the flag is her self-contradiction, with its review and status; the other two flags stay as they were."""
    url = new_database_url(backend, request, "claimledger_migration_checked_names")
    ids = _record(url, "0030", "olof \u00feorsdottir")
    upgrade(url)
    check(url)
    engine = make_engine(url)
    try:
        with Session(engine) as session:
            flag = session.get(Flag, ids["flag"])
            assert flag is not None
            assert (flag.kind, flag.same_speaker, flag.status) == ("self_contradiction", True, "confirmed")
            assert flag.statement_speaker_id == ids["olof"]
            assert flag.statement_speaker_key == "olof thorsdottir"
            assert flag.pair_key == statement_pair_key("self_contradiction", CHECKED, ids["claim"], ids["olof"])  # 0044
            assert [r.note for r in flag.reviews] == ["checked"]
            for untouched in ("nobody", "anon"):
                other = session.get(Flag, ids[untouched])
                assert other is not None and not other.same_speaker and other.statement_speaker_id is None
            assert session.scalars(select(Flag.kind).where(Flag.id == ids["anon"])).one() == "contradiction"
    finally:
        engine.dispose()


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_record_already_upgraded_folds_the_repeat_its_check_raised(
    backend: str, request: pytest.FixtureRequest
) -> None:
    """At 0032 (upgraded before this fix): the stale flag and the self-contradiction the same check raised again
    afterwards are one pair; the older flag is kept, with both flags' reviews, the latest setting its status."""
    url = new_database_url(backend, request, "claimledger_migration_checked_names_twin")
    ids = _record(url, "0032", "olof thorsdottir")
    engine = make_engine(url)
    try:
        with Session(engine) as session:
            twin = _row(
                session,
                _flag(
                    ids["claim"],
                    "Ólöf Þórsdóttir",
                    "olof thorsdottir",
                    "self_contradiction",
                    10,
                    statement_speaker_id=ids["olof"],
                    same_speaker=True,
                    status="dismissed",
                ),
            )
            _row(
                session,
                FlagReview(
                    id=str(uuid.uuid4()),
                    flag_id=twin,
                    status="dismissed",
                    note="again",
                    created_at=T0 + timedelta(minutes=11),
                ),
            )
            session.commit()
        upgrade(url)
        check(url)
        with Session(engine) as session:
            mine = session.scalars(
                select(Flag).where(Flag.other_claim_id == ids["claim"], Flag.kind != "near_duplicate")
            )
            kept = mine.unique().one()
            assert kept.id == ids["flag"]
            assert (kept.kind, kept.same_speaker, kept.status) == ("self_contradiction", True, "dismissed")
            assert sorted(r.note or "" for r in kept.reviews) == ["again", "checked"]
    finally:
        engine.dispose()
