"""What a SpeakerService remembers within one session's work: sources found or made, and names no source held
when looked up (an article's new speaker is looked up several times before it is made). A name remembered as
absent is looked up again when making it fails because another writer made it meanwhile."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from db.engine import make_engine, make_session_factory
from db.models import Source
from service.services.speakers import SpeakerService


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    eng = make_engine(database_url)
    yield eng
    eng.dispose()


def test_a_name_remembered_absent_resolves_to_the_source_another_writer_made(engine: Engine) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite lets one writer at a time: no other writer can make the source meanwhile")
    sessions = make_session_factory(engine)
    with sessions() as session:
        speakers = SpeakerService(session)
        assert speakers.find("Ines Moreau") is None  # remembered as absent
        with sessions() as other:  # another request makes the speaker and commits first
            theirs = SpeakerService(other).resolve("Ines Moreau", kind="person")
            other.commit()
        resolved = speakers.resolve("Ines Moreau")  # the insert fails on the key: theirs is the source
        assert resolved.id == theirs.id
        session.commit()
        assert session.query(Source).filter(Source.name_key == "ines moreau").count() == 1


def test_what_the_service_makes_or_names_is_no_longer_absent(engine: Engine) -> None:
    with make_session_factory(engine)() as session:
        speakers = SpeakerService(session)
        assert speakers.find("Ines Moreau") is None and speakers.find("I. Moreau") is None
        made = speakers.resolve("Ines Moreau")
        assert speakers.find("Ines Moreau") is made
        speakers.add_alias(made, "I. Moreau")
        assert speakers.find("I. Moreau") is made
        speakers.rename(made, "Inès Moreau-Diallo")
        assert speakers.find("Inès Moreau-Diallo") is made and speakers.find("Ines Moreau") is made
