"""flags.statement_speaker_key (migration 0022): the key of the name a statement was checked under when no source had
it, stored by the service as it raises the flag, so the queries that find "this speaker's" flags compare keys in SQL
(db/ computes none). Migration 0022 keys the flags stored before it; a re-keying migration (0004's
``recompute_speaker_keys``, rerun by 0016 and 0021) re-keys them with the sources. SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import inspect, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from db.engine import make_engine, make_session_factory
from db.migrate import check, downgrade, migration_module, upgrade
from db.models import Claim, Flag, Source, SourceAlias
from db.repositories.flags import FlagRepository
from extraction import speaker_key
from service.services.flags import statement_pair_key
from tests.conftest import BACKENDS, new_database_url
from tests.test_speaker_key_migration import T0, _row
from tests.test_speaker_key_migration_0021 import PROBABILITIES

CHECKED_AS = "Spokesman Independent Observers Mission"  # keyed as the source's alias below: the title is no name


def _statement_flag(other_claim_id: str, text: str, minutes: int, **fields: object) -> Flag:
    return Flag(
        id=str(uuid.uuid4()),
        pair_key=statement_pair_key("contradiction", text, other_claim_id),
        kind="contradiction",
        relation="contradicts",
        origin="check",
        statement_text=text,
        other_claim_id=other_claim_id,
        probabilities=PROBABILITIES,
        created_at=T0 + timedelta(minutes=minutes),
        updated_at=T0 + timedelta(minutes=minutes),
        **fields,
    )


def _keys(engine: Engine) -> dict[str, str | None]:
    with Session(engine) as session:
        return {str(i): k for i, k in session.execute(select(Flag.id, Flag.statement_speaker_key))}


@pytest.mark.parametrize("backend", BACKENDS)
def test_migration_0022_keys_the_names_statements_were_checked_under(
    backend: str, request: pytest.FixtureRequest
) -> None:
    """Flags written at 0020 (the name kept, no key) are keyed on the way up, through 0021's re-keying (which runs
    before the column exists); a statement checked with no name or as a source's keeps NULL. Down drops the column,
    up keys them again."""
    url = new_database_url(backend, request, "claimledger_migration_0022")
    upgrade(url, "0020")
    engine = make_engine(url)
    try:
        with Session(engine) as session:
            commission = _row(session, Source(id=str(uuid.uuid4()), name="Commission", name_key="commission"))
            on_record = _row(session, Claim(id=str(uuid.uuid4()), text="Turnout was 62%.", speaker_id=commission))
            named = _row(session, _statement_flag(on_record, "Turnout was 80%.", 1, statement_speaker_name=CHECKED_AS))
            unnamed = _row(session, _statement_flag(on_record, "Turnout was 81%.", 2))
            theirs = _row(session, _statement_flag(on_record, "Turnout was 82%.", 3, statement_speaker_id=commission))
            session.commit()
        upgrade(url)
        check(url)
        expected = {named: speaker_key(CHECKED_AS), unnamed: None, theirs: None}
        assert expected[named] == speaker_key("Independent Observers Mission")  # the key, not the name folded
        assert _keys(engine) == expected

        downgrade(url, "0021")
        assert "statement_speaker_key" not in {c["name"] for c in inspect(engine).get_columns("flags")}
        upgrade(url)
        assert _keys(engine) == expected
    finally:
        engine.dispose()


@pytest.mark.parametrize("backend", BACKENDS)
def test_rekeying_speakers_rekeys_the_names_statements_were_checked_under(
    backend: str, request: pytest.FixtureRequest
) -> None:
    """A flag keyed under older rules ("shri ravindra kulkarni", before rules 32 made Shri an honorific) gets the
    live key when a migration re-keys the sources, as the source of that name does: else the merged speaker's
    statements would no longer be found by their key."""
    url = new_database_url(backend, request, "claimledger_rekey_statement_flags")
    upgrade(url)
    engine = make_engine(url)
    try:
        with Session(engine) as session:
            source = Source(name="Commission", name_key="commission")
            session.add(source)
            session.flush()
            claim = Claim(text="Turnout was 62%.", speaker_id=source.id)
            session.add(claim)
            session.flush()
            stale = _statement_flag(
                claim.id,
                "Turnout was 80%.",
                1,
                statement_speaker_name="Shri Ravindra Kulkarni",
                statement_speaker_key="shri ravindra kulkarni",
            )
            session.add(stale)
            session.commit()
            stale_id = stale.id
        with engine.begin() as conn:
            migration_module("0004_speaker_skeleton_keys.py").recompute_speaker_keys(conn, written_forms=True)
        assert _keys(engine) == {stale_id: speaker_key("Shri Ravindra Kulkarni")}
        assert speaker_key("Shri Ravindra Kulkarni") == speaker_key("Ravindra Kulkarni")
    finally:
        engine.dispose()


def test_a_name_only_statement_flag_is_its_speakers_by_an_alias_key(database_url: str) -> None:
    """A statement checked under a name no source had, stored with that name's key, is the speaker's whose alias
    has the key: the review queue's speaker filter, the flag counts and a merge's same-speaker marking find it by
    the stored key. A flag of another key, one stored as a claim, or one already another source's is not theirs."""
    engine = make_engine(database_url)
    try:
        with make_session_factory(engine)() as session:
            mission = Source(name="Observer Mission", name_key=speaker_key("Observer Mission"))
            other = Source(name="Commission", name_key="commission")
            session.add_all([mission, other])
            session.flush()
            session.add_all(
                [
                    SourceAlias(
                        source_id=mission.id,
                        alias="Independent Observers Mission",
                        alias_key=speaker_key("Independent Observers Mission"),
                    ),
                    SourceAlias(source_id=mission.id, alias="The Observer Mission (OSCE)", alias_key=None),
                ]
            )
            on_record = Claim(text="Turnout was 62%.", speaker_id=mission.id)
            elsewhere = Claim(text="Turnout was 70%.", speaker_id=other.id)
            session.add_all([on_record, elsewhere])
            session.flush()
            key = speaker_key(CHECKED_AS)
            theirs = _statement_flag(
                on_record.id, "Turnout was 80%.", 1, statement_speaker_name=CHECKED_AS, statement_speaker_key=key
            )
            not_theirs = [
                _statement_flag(
                    on_record.id,
                    "Turnout was 81%.",
                    2,
                    statement_speaker_name="Independent Observers",
                    statement_speaker_key=speaker_key("Independent Observers"),
                ),
                _statement_flag(
                    elsewhere.id,
                    "Turnout was 82%.",
                    3,
                    statement_speaker_name=CHECKED_AS,
                    statement_speaker_key=key,
                    statement_speaker_id=other.id,
                ),
                _statement_flag(
                    on_record.id,
                    "Turnout was 83%.",
                    4,
                    statement_speaker_name=CHECKED_AS,
                    statement_speaker_key=key,
                    claim_id=elsewhere.id,
                ),
            ]
            session.add_all([theirs, *not_theirs])
            session.flush()
            flags = FlagRepository(session)
            on_mission_claim = {theirs.id, not_theirs[0].id, not_theirs[2].id}  # their claim is the other side

            assert {f.id for f in flags.review_queue(10, speaker_id=mission.id)} == on_mission_claim
            commission = {f.id for f in flags.review_queue(10, speaker_id=other.id)}
            assert commission == {not_theirs[1].id, not_theirs[2].id}  # its statement and its claim, not the name's
            # Without their claim on the other side: found by the key alone.
            theirs.other_claim_id = not_theirs[2].other_claim_id = elsewhere.id
            not_theirs[0].other_claim_id = elsewhere.id
            session.flush()
            assert [f.id for f in flags.review_queue(10, speaker_id=mission.id)] == [theirs.id]
            assert flags.count_for_speaker(mission.id) == {"open": 1}
            # A merge made the other side theirs too: the flag is one speaker's.
            theirs.other_claim_id = on_record.id
            session.flush()
            assert [f.id for f in flags.same_speaker_not_marked(mission.id)] == [theirs.id]
    finally:
        engine.dispose()
