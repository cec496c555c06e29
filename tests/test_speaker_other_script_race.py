"""A name's other-script form ("李伟" of "Li Wei (李伟)") another writer gave another source meanwhile is not taken:
the alias insert fails on the key inside a savepoint, the claim's source is still found or made, and the form is
looked up again afterwards."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from db.engine import make_engine, make_session_factory
from service.services.speakers import SpeakerService


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    eng = make_engine(database_url)
    yield eng
    eng.dispose()


def test_a_form_another_writer_took_meanwhile_stays_theirs(engine: Engine) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite lets one writer at a time: no other writer can take the form meanwhile")
    sessions = make_session_factory(engine)
    with sessions() as session:
        speakers = SpeakerService(session)
        assert speakers.find("李伟") is None  # remembered as absent
        with sessions() as other:  # another request gives "李伟" to another source as its alias, committed first
            theirs = SpeakerService(other).resolve("Lee Wei (李伟)", kind="person")
            assert [a.alias for a in theirs.aliases] == ["李伟"]
            other.commit()
        ours = speakers.resolve("Li Wei (李伟)", kind="person")  # the alias insert fails on the key
        assert ours.name == "Li Wei" and ours.id != theirs.id
        assert [a.alias for a in ours.aliases] == []
        found = speakers.find("李伟")
        assert found is not None and found.id == theirs.id
        session.commit()
    with sessions() as session:
        again = SpeakerService(session).find("Li Wei")
        assert again is not None and [a.alias for a in again.aliases] == []
