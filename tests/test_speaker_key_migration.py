"""Migration 0004 recomputes speaker keys and merges the sources look-alike spellings had split, on both backends:
claims, aliases and flags move to the oldest source, nothing else changes, and running it again changes nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import cast

import pytest
from sqlalchemy import MetaData, Table, inspect, select, text
from sqlalchemy.engine.interfaces import ExecutionContext
from sqlalchemy.orm import Session
from sqlalchemy.sql.schema import CallableColumnDefault, ScalarElementColumnDefault

from db.engine import make_engine
from db.migrate import check, downgrade, upgrade
from db.models import Base, Claim, Flag, Source, SourceAlias
from tests.conftest import BACKENDS, new_database_url

T0 = datetime(2021, 1, 1, tzinfo=UTC)


def _insert_as_of_revision(session: Session, row: Base) -> None:
    """Insert an ORM row into the table as the database has it now (an earlier revision): only the columns it has,
    with the model's Python-side defaults filled in, so later columns of the model do not break the insert."""
    model_table = Base.metadata.tables[row.__tablename__]
    present = Table(model_table.name, MetaData(), autoload_with=session.connection())
    values: dict[str, object] = {}
    for column in model_table.columns:
        if column.name not in present.c:
            continue
        value = getattr(row, column.key)
        default = column.default
        if value is None and isinstance(default, ScalarElementColumnDefault):
            value = default.arg
        elif value is None and isinstance(default, CallableColumnDefault):
            value = default.arg(cast(ExecutionContext, None))  # the model's defaults (ids, clocks) read no context
        values[column.name] = value
    session.execute(present.insert().values(**values))


def _source(name: str, old_key: str, minutes: int, **fields: object) -> Source:
    return Source(name=name, name_key=old_key, created_at=T0 + timedelta(minutes=minutes), **fields)


@pytest.mark.parametrize("backend", BACKENDS)
def test_look_alike_sources_are_merged_into_the_oldest(backend: str, request: pytest.FixtureRequest) -> None:
    url = new_database_url(backend, request, "claimledger_migration_0004")
    upgrade(url, "0003")
    engine = make_engine(url)
    try:
        with Session(engine) as session:
            # Keys as the old speaker_key made them: each spelling was its own source.
            pentagon = _source("Pentagon", "pentagon", 0)
            zero_width = _source("Penta\u200bgon", "penta gon", 1, kind="organisation", role="defence ministry")
            fullwidth = _source("Ｐｅｎｔａｇｏｎ", "ｐｅｎｔａｇｏｎ", 2)
            ministry = _source("Department of Defense", "department of defense", 3)
            iraq = _source("Iraq", "iraq", 4, kind="organisation")
            session.add_all([pentagon, zero_width, fullwidth, ministry, iraq])
            session.flush()
            session.add_all(
                [
                    SourceAlias(source_id=zero_width.id, alias="Defense HQ", alias_key="defense hq"),
                    SourceAlias(source_id=fullwidth.id, alias="DoD", alias_key="dod"),
                    SourceAlias(source_id=ministry.id, alias="Pentаgon", alias_key="pentаgon"),  # Cyrillic а
                    SourceAlias(source_id=iraq.id, alias="Republic of Iraq", alias_key="republic of iraq"),
                ]
            )
            claims = [
                Claim(text=f"Claim {i}.", speaker_id=s.id, created_at=T0, updated_at=T0)
                for i, s in enumerate([pentagon, zero_width, fullwidth, ministry, iraq])
            ]
            session.add_all(claims)
            session.flush()
            _insert_as_of_revision(
                session,
                Flag(
                    pair_key="pair-1",
                    kind="contradiction",
                    relation="contradicts",
                    origin="check",
                    claim_id=claims[1].id,
                    statement_speaker_id=zero_width.id,
                    other_claim_id=claims[0].id,
                    probabilities={"entailment": 0.1, "neutral": 0.1, "contradiction": 0.8},
                ),
            )
            session.commit()
            ids = {s.name: s.id for s in (pentagon, zero_width, fullwidth, ministry, iraq)}
            claim_ids = [c.id for c in claims]

        upgrade(url)
        check(url)

        with Session(engine) as session:
            sources = {s.id: s for s in session.scalars(select(Source))}
            assert set(sources) == {ids["Pentagon"], ids["Iraq"]}
            merged = sources[ids["Pentagon"]]
            assert merged.name == "Pentagon" and merged.name_key == "pentagon"
            assert merged.kind == "organisation" and merged.role == "defence ministry"
            assert {a.alias for a in merged.aliases} == {"Defense HQ", "DoD", "Department of Defense"}
            assert sorted(merged.metadata_["merged_from"]) == sorted(
                [ids["Penta\u200bgon"], ids["Ｐｅｎｔａｇｏｎ"], ids["Department of Defense"]]
            )
            untouched = sources[ids["Iraq"]]
            assert untouched.name_key == "iraq" and [a.alias for a in untouched.aliases] == ["Republic of Iraq"]
            speakers = {c.id: c for c in session.scalars(select(Claim))}
            assert [speakers[i].speaker_id for i in claim_ids] == [ids["Pentagon"]] * 4 + [ids["Iraq"]]
            assert speakers[claim_ids[0]].updated_at == T0  # already the survivor's: not to be re-checked
            assert all(speakers[i].updated_at > T0 for i in claim_ids[1:4])  # moved: the nightly run re-checks
            flag = session.scalars(select(Flag)).one()
            assert flag.statement_speaker_id == ids["Pentagon"]
        assert "service_secrets" in inspect(engine).get_table_names()

        # Down and up again: nothing left to merge, nothing changes.
        engine.dispose()
        downgrade(url, "0003")
        assert "service_secrets" not in inspect(engine).get_table_names()
        engine.dispose()
        upgrade(url)
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM sources")).scalar() == 2
            assert conn.execute(text("SELECT count(*) FROM source_aliases")).scalar() == 4
    finally:
        engine.dispose()


@pytest.mark.parametrize("backend", BACKENDS)
def test_keys_that_only_change_are_recomputed_in_place(backend: str, request: pytest.FixtureRequest) -> None:
    """A source and an alias whose keys change without meeting another's keep their ids, with the new keys."""
    url = new_database_url(backend, request, "claimledger_migration_0004_inplace")
    upgrade(url, "0003")
    engine = make_engine(url)
    try:
        with Session(engine) as session:
            source = _source("Ｎａｔｏ", "ｎａｔｏ", 0)
            session.add(source)
            session.flush()
            session.add(
                SourceAlias(
                    source_id=source.id, alias="Nort\u200bh Atlantic Alliance", alias_key="nort h atlantic alliance"
                )
            )
            session.commit()
            source_id = source.id
        upgrade(url)
        with Session(engine) as session:
            stored = session.scalars(select(Source)).one()
            assert stored.id == source_id and stored.name_key == "nato"
            assert [a.alias_key for a in stored.aliases] == ["north atlantic alliance"]
            assert "merged_from" not in (stored.metadata_ or {})
    finally:
        engine.dispose()
