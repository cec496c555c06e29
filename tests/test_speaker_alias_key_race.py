"""A key is one source's: its name's or one alias's, never one source's name and another's alias. Each table's
unique index guards its own column only, so on PostgreSQL two writers that each find a key free in both tables
(one making a source of that name, the other giving another source that alias) would both commit it. Migration
0024's trigger holds the key's advisory lock and refuses it as the unique index would, so the second writer waits for
the first and then finds its source. SQLite lets one writer at a time."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, func, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from db.engine import make_engine, make_session_factory
from db.models import Source, SourceAlias
from service.errors import ConflictError
from service.services.speakers import SpeakerService


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    eng = make_engine(database_url)
    if eng.dialect.name != "postgresql":
        eng.dispose()
        pytest.skip("SQLite lets one writer at a time: no other writer can take the key meanwhile")
    yield eng
    eng.dispose()


def holders(session: Session, key: str) -> int:
    """How many rows hold ``key``: sources by name and aliases together."""
    named = session.scalar(select(func.count()).select_from(Source).where(Source.name_key == key)) or 0
    aliased = session.scalar(select(func.count()).select_from(SourceAlias).where(SourceAlias.alias_key == key)) or 0
    return named + aliased


def test_a_name_another_writer_made_an_alias_meanwhile_resolves_to_its_source(engine: Engine) -> None:
    sessions = make_session_factory(engine)
    with sessions() as setup:
        berg_id = SpeakerService(setup).resolve("Jonas Berg", kind="person").id
        setup.commit()
    with sessions() as session:
        speakers = SpeakerService(session)
        assert speakers.find("J. Berg") is None  # looked up: no source holds the key
        with sessions() as other:  # another request gives Jonas Berg that alias and commits first
            theirs = SpeakerService(other)
            theirs.add_alias(theirs.get(berg_id), "J. Berg")
            other.commit()
        resolved = speakers.resolve("J. Berg", kind="person")
        assert resolved.id == berg_id
        session.commit()
        assert holders(session, "j berg") == 1


def test_an_alias_another_writer_made_a_name_meanwhile_is_refused(engine: Engine) -> None:
    sessions = make_session_factory(engine)
    with sessions() as setup:
        anna_id = SpeakerService(setup).resolve("Anna Lind", kind="person").id
        setup.commit()
    with sessions() as session:
        speakers = SpeakerService(session)
        anna = speakers.get(anna_id)
        assert speakers.find("A. Lind") is None
        with sessions() as other:  # another request makes a source named so and commits first
            made_id = SpeakerService(other).resolve("A. Lind", kind="person").id
            other.commit()
        with pytest.raises(ConflictError, match=made_id):
            speakers.add_alias(anna, "A. Lind")
        session.rollback()
        assert holders(session, "a lind") == 1


def test_an_other_script_form_another_writer_made_a_name_meanwhile_stays_theirs(engine: Engine) -> None:
    sessions = make_session_factory(engine)
    with sessions() as session:
        speakers = SpeakerService(session)
        assert speakers.find("李伟") is None
        with sessions() as other:  # another request makes a source named by the form itself
            made_id = SpeakerService(other).resolve("李伟", kind="person").id
            other.commit()
        ours = speakers.resolve("Li Wei (李伟)", kind="person")
        assert ours.id != made_id and [a.alias for a in ours.aliases] == []
        session.commit()
        assert holders(session, "李伟") == 1


def test_a_rename_to_a_name_another_writer_made_an_alias_meanwhile_is_refused(engine: Engine) -> None:
    sessions = make_session_factory(engine)
    with sessions() as setup:
        setup_speakers = SpeakerService(setup)
        berg_id = setup_speakers.resolve("Jonas Berg", kind="person").id
        lind_id = setup_speakers.resolve("Anna Lind", kind="person").id
        setup.commit()
    with sessions() as session:
        speakers = SpeakerService(session)
        lind = speakers.get(lind_id)
        assert speakers.find("Jonas B. Berg") is None
        with sessions() as other:  # another request gives Jonas Berg the name Anna Lind is about to take
            theirs = SpeakerService(other)
            theirs.add_alias(theirs.get(berg_id), "Jonas B. Berg")
            other.commit()
        with pytest.raises(ConflictError, match=berg_id):
            speakers.rename(lind, "Jonas B. Berg")
        session.rollback()
        assert holders(session, "jonas b berg") == 1


def test_a_writer_giving_a_key_waits_for_one_giving_it_to_another_source(engine: Engine) -> None:
    """Not a look-up made stale by the cache: the second writer looks only once the first has committed."""
    sessions = make_session_factory(engine)
    with sessions() as setup:
        anna_id = SpeakerService(setup).resolve("Anna Lind", kind="person").id
        setup.commit()
    outcome: list[BaseException | None] = []

    def add_alias_meanwhile() -> None:
        with sessions() as other:
            theirs = SpeakerService(other)
            try:
                theirs.add_alias(theirs.get(anna_id), "Mara Holt")
                other.commit()
                outcome.append(None)
            except ConflictError as exc:
                outcome.append(exc)

    with sessions() as session:
        made = SpeakerService(session).resolve("Mara Holt", kind="person")  # not committed yet
        writer = threading.Thread(target=add_alias_meanwhile)
        writer.start()
        waiting = False
        with engine.connect() as watcher:
            deadline = time.monotonic() + 10
            while writer.is_alive() and not waiting and time.monotonic() < deadline:
                time.sleep(0.05)
                waiting = bool(
                    watcher.scalar(text("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"))
                )
                watcher.rollback()
        session.commit()
        writer.join(timeout=30)
        assert waiting, "the second writer did not wait for the first"
        assert len(outcome) == 1 and isinstance(outcome[0], ConflictError) and made.id in str(outcome[0])
        assert holders(session, "mara holt") == 1


def test_the_database_refuses_a_key_another_source_holds_in_the_other_table(engine: Engine) -> None:
    """Any writer, not only the service: a name another source's alias holds, or an alias another's name holds, is
    refused as a duplicate; the same source may hold its key in both (a rename to its own alias swaps them)."""
    sessions = make_session_factory(engine)
    with sessions() as session:
        berg = SpeakerService(session).resolve("Jonas Berg", kind="person")
        SpeakerService(session).add_alias(berg, "J. Berg")
        lind = SpeakerService(session).resolve("Anna Lind", kind="person")
        session.commit()
        for row in (
            Source(name="J. Berg", name_key="j berg"),
            SourceAlias(source_id=lind.id, alias="Jonas Berg", alias_key="jonas berg"),
        ):
            savepoint = session.begin_nested()
            session.add(row)
            with pytest.raises(IntegrityError, match="held by source"):
                session.flush()
            savepoint.rollback()
        with session.begin_nested():
            session.add(SourceAlias(source_id=berg.id, alias="Jonas Berg", alias_key="jonas berg"))
            session.flush()
        session.rollback()
        assert holders(session, "j berg") == 1 and holders(session, "jonas berg") == 1


def test_a_bulk_re_keying_merges_sources_with_the_triggers_on(engine: Engine) -> None:
    """0016's ``rekey_sources`` (rerun by every re-keying migration) merges a source whose new name key another
    source holds as an alias: it frees every changing key before setting the final ones, so 0024's triggers, on
    throughout, never see one key held by two sources."""
    from datetime import UTC, datetime

    from db.migrate import migration_module

    sessions = make_session_factory(engine)
    with sessions() as session:
        holder = SpeakerService(session).resolve("Jonas Berg", kind="person")
        SpeakerService(session).add_alias(holder, "J. Berg")
        stale = Source(name="J. Berg", name_key="j. berg (old rules)", kind="person")  # keyed by older rules
        session.add(stale)
        session.commit()
        holder_id, stale_id = holder.id, stale.id
    rekey = migration_module("0016_occupations_before_speaker_names.py").rekey_sources
    with engine.begin() as conn:
        rekey(conn, datetime.now(UTC))
    with sessions() as session:
        assert holders(session, "j berg") == 1  # the two are one source now
        enabled = session.execute(
            text(
                "SELECT tgname, tgenabled FROM pg_trigger WHERE tgname IN "
                "('sources_speaker_key_unheld', 'source_aliases_speaker_key_unheld')"
            )
        ).all()
        assert sorted(enabled) == [("source_aliases_speaker_key_unheld", "O"), ("sources_speaker_key_unheld", "O")]
        assert session.get(Source, stale_id) is None and session.get(Source, holder_id) is not None
