"""Migrations 0004 and 0016 recompute speaker keys and merge the sources look-alike spellings (0004) and occupations
written before a name (0016) had split, on both backends: claims, aliases and flags move to the oldest source,
nothing else changes, and running it again changes nothing."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import cast

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import MetaData, Table, func, inspect, select, text
from sqlalchemy.engine.interfaces import ExecutionContext
from sqlalchemy.orm import Session
from sqlalchemy.sql.schema import CallableColumnDefault, ScalarElementColumnDefault

from db.engine import make_engine, make_session_factory
from db.migrate import check, downgrade, upgrade
from db.models import Base, Claim, Flag, FlagReview, Source, SourceAlias
from extraction import AttributionExtractor
from service.app import create_app
from service.services.flags import claim_pair_key, statement_pair_key
from service.services.keys import KeyService
from service.services.speakers import SpeakerService
from tests.api.conftest import stand_in_runtime
from tests.conftest import BACKENDS, new_database_url

T0 = datetime(2021, 1, 1, tzinfo=UTC)


def _insert_as_of_revision(session: Session, row: Base) -> None:
    """Insert an ORM row into the table as the database has it now (an earlier revision): only the columns it has,
    with the model's Python-side defaults filled in, so later columns of the model do not break the insert."""
    model_table = Base.metadata.tables[row.__tablename__]
    present = Table(model_table.name, MetaData(), autoload_with=session.connection())
    values: dict[str, object] = {}
    mapper = inspect(type(row))
    for column in model_table.columns:
        if column.name not in present.c:
            continue
        value = getattr(row, mapper.get_property_by_column(column).key)  # "metadata" is metadata_
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


def _row(session: Session, row: Source | SourceAlias | Claim | Flag | FlagReview) -> str:
    """Insert ``row`` as the database has the table now; its id (given, so the test knows it)."""
    _insert_as_of_revision(session, row)
    return row.id


def split_speaker_database(
    url: str, revision: str, old_keys: dict[str, str], said: Sequence[tuple[str, str]]
) -> dict[str, str]:
    """A database at ``revision`` as the rules before a re-keying migration left it: the sources of ``old_keys``
    (name -> the key it had then), a claim of each (name, text) of ``said``, and a contradiction flag between the
    first two claims (one speaker split in two). Ids by name, "claim:<name>" and "flag"."""
    upgrade(url, revision)
    engine = make_engine(url)
    ids: dict[str, str] = {}
    try:
        with Session(engine) as session:
            for minutes, (name, old_key) in enumerate(old_keys.items()):
                ids[name] = _row(session, _source(name, old_key, minutes, id=str(uuid.uuid4()), updated_at=T0))
            for name, text_said in said:
                ids[f"claim:{name}"] = _row(
                    session,
                    Claim(id=str(uuid.uuid4()), text=text_said, speaker_id=ids[name], created_at=T0, updated_at=T0),
                )
            first, second = (ids[f"claim:{name}"] for name, _ in said[:2])
            ids["flag"] = _row(
                session,
                Flag(
                    id=str(uuid.uuid4()), pair_key=claim_pair_key("contradiction", first, second),
                    kind="contradiction", relation="contradicts", origin="reconcile", claim_id=first,
                    other_claim_id=second, probabilities={"entailment": 0.1, "neutral": 0.1, "contradiction": 0.8},
                    created_at=T0, updated_at=T0,
                ),
            )  # fmt: skip
            session.commit()
    finally:
        engine.dispose()
    return ids


def speakers_posted_as(url: str, extractor: AttributionExtractor, written: Sequence[str]) -> tuple[dict[str, str], int]:
    """Each written name posted as a claim's speaker through the API on the migrated database: the source it
    resolved to, by name; and how many sources there are afterwards (more than before: a name that no longer finds
    its source, the speaker split in two)."""
    runtime = stand_in_runtime(url, extractor)
    try:
        with make_session_factory(runtime.engine)() as session:
            _, token = KeyService(session).create("test", ["read", "write"])
            session.commit()
        writer = {"Authorization": f"Bearer {token}"}
        found: dict[str, str] = {}
        with TestClient(create_app(runtime.settings, runtime), raise_server_exceptions=False) as client:
            for name in written:
                response = client.post(
                    "/v1/claims", json={"text": f"Again, from {name}.", "speaker": name}, headers=writer
                )
                assert response.status_code == 201, response.text
                found[name] = response.json()["speaker"]["id"]
        with make_session_factory(runtime.engine)() as session:
            return found, int(session.scalar(select(func.count()).select_from(Source)) or 0)
    finally:
        runtime.close()


@pytest.mark.parametrize("backend", BACKENDS)
def test_occupations_before_names_are_roles_and_the_split_speakers_merge(
    backend: str, request: pytest.FixtureRequest
) -> None:
    """Migration 0016: "Coach Diego Sanz" and "Diego Sanz", stored under the old keys as two sources, become one
    ("Diego Sanz", role "Coach"), the contradiction between them a self-contradiction; a name the old rules cut
    inside a title ("Executive Sam Ng", role "Chief") is read whole; a body's name ("Manager Magazin") stays."""
    url = new_database_url(backend, request, "claimledger_migration_0016")
    upgrade(url, "0015")
    engine = make_engine(url)
    ids: dict[str, str] = {}
    try:
        with Session(engine) as session:
            for minutes, (name, old_key, fields) in enumerate(
                [
                    ("Coach Diego Sanz", "coach diego sanz", {}),
                    ("Diego Sanz", "diego sanz", {"kind": "person"}),
                    ("Executive Sam Ng", "executive sam ng", {"role": "Chief"}),
                    ("Sam Ng", "sam ng", {}),
                    ("Manager Ian Corrigan", "manager ian corrigan", {}),
                    ("Manager Magazin", "manager magazin", {"kind": "organisation"}),
                    ("Peter Quinn", "peter quinn", {"role": "Mayor"}),
                ]
            ):
                ids[name] = _row(
                    session, _source(name, old_key, minutes, id=str(uuid.uuid4()), updated_at=T0, **fields)
                )
            # A written form of the second Sanz source (no key of its own, as 0012 allows) and a keyed alias.
            _row(session, SourceAlias(id=str(uuid.uuid4()), source_id=ids["Diego Sanz"], alias="Diego Sanz (coach)"))
            _row(
                session,
                SourceAlias(id=str(uuid.uuid4()), source_id=ids["Diego Sanz"], alias="D. Sanz", alias_key="d sanz"),
            )
            claim = {
                who: _row(
                    session,
                    Claim(
                        id=str(uuid.uuid4()), text=f"Claim by {who}.", speaker_id=ids[who], created_at=T0, updated_at=T0
                    ),
                )
                for who in ids
            }
            probabilities = {"entailment": 0.1, "neutral": 0.1, "contradiction": 0.8}
            contradiction = _row(
                session,
                Flag(
                    id=str(uuid.uuid4()),
                    pair_key=claim_pair_key("contradiction", claim["Diego Sanz"], claim["Coach Diego Sanz"]),
                    kind="contradiction",
                    relation="contradicts",
                    origin="reconcile",
                    claim_id=claim["Diego Sanz"],
                    other_claim_id=claim["Coach Diego Sanz"],
                    probabilities=probabilities,
                    created_at=T0,
                    updated_at=T0,
                ),
            )
            # The same statement checked under both of Sam Ng's names: a contradiction (older, reviewed) and a
            # self-contradiction, one pair once the sources are one.
            statement = "Profits fell."
            checked_as_two = _row(
                session,
                Flag(
                    id=str(uuid.uuid4()),
                    pair_key=statement_pair_key("contradiction", statement, claim["Sam Ng"]),
                    kind="contradiction",
                    relation="contradicts",
                    origin="check",
                    statement_text=statement,
                    statement_speaker_id=ids["Executive Sam Ng"],
                    other_claim_id=claim["Sam Ng"],
                    probabilities=probabilities,
                    created_at=T0,
                    updated_at=T0,
                ),
            )
            checked_as_one = _row(
                session,
                Flag(
                    id=str(uuid.uuid4()),
                    pair_key=statement_pair_key("self_contradiction", statement, claim["Sam Ng"]),
                    kind="self_contradiction",
                    relation="contradicts",
                    origin="check",
                    statement_text=statement,
                    statement_speaker_id=ids["Sam Ng"],
                    other_claim_id=claim["Sam Ng"],
                    same_speaker=True,
                    probabilities=probabilities,
                    created_at=T0 + timedelta(minutes=1),
                    updated_at=T0 + timedelta(minutes=1),
                ),
            )
            for flag_id, status, minutes in ((checked_as_two, "dismissed", 1), (checked_as_one, "confirmed", 2)):
                _row(
                    session,
                    FlagReview(
                        id=str(uuid.uuid4()), flag_id=flag_id, status=status, created_at=T0 + timedelta(minutes=minutes)
                    ),
                )
            session.commit()

        upgrade(url)
        check(url)

        with Session(engine) as session:
            stored = {s.id: s for s in session.scalars(select(Source))}
            assert set(stored) == {ids[n] for n in ("Coach Diego Sanz", "Executive Sam Ng", "Manager Ian Corrigan",
                                                     "Manager Magazin", "Peter Quinn")}  # fmt: skip
            sanz = stored[ids["Coach Diego Sanz"]]  # the oldest of the two survives
            assert (sanz.name, sanz.name_key, sanz.role, sanz.kind) == ("Diego Sanz", "diego sanz", "Coach", "person")
            assert {(a.alias, a.alias_key) for a in sanz.aliases} == {
                ("Coach Diego Sanz", None),  # the old name, a written form of the key
                ("Diego Sanz (coach)", None),  # a written form moves over as one
                ("D. Sanz", "d sanz"),
            }
            assert sanz.metadata_["merged_from"] == [ids["Diego Sanz"]]
            ng = stored[ids["Executive Sam Ng"]]
            assert (ng.name, ng.name_key, ng.role) == ("Sam Ng", "sam ng", "Chief Executive")
            # the old name: since rules 44 ("Executive" a person's trade) a written form of the key, as "Coach Diego
            # Sanz" is; it keyed "executive sam ng" before, an alias of its own
            assert {(a.alias, a.alias_key) for a in ng.aliases} == {("Executive Sam Ng", None)}
            corrigan = stored[ids["Manager Ian Corrigan"]]
            assert (corrigan.name, corrigan.name_key, corrigan.role) == ("Ian Corrigan", "ian corrigan", "Manager")
            magazin = stored[ids["Manager Magazin"]]
            assert (magazin.name, magazin.name_key, magazin.role, magazin.aliases) == (
                "Manager Magazin", "manager magazin", None, [],
            )  # fmt: skip
            quinn = stored[ids["Peter Quinn"]]
            assert (quinn.name, quinn.role, quinn.aliases, quinn.updated_at) == ("Peter Quinn", "Mayor", [], T0)
            # New claims by either written form find the one source.
            finder = SpeakerService(session)
            for written, source in [
                ("Coach Diego Sanz", sanz), ("Diego Sanz", sanz), ("head coach Diego Sanz", sanz),
                ("Chief Executive Sam Ng", ng), ("Sam Ng", ng), ("Executive Sam Ng", ng),
                ("Manager Ian Corrigan", corrigan), ("Manager Magazin", magazin),
            ]:  # fmt: skip
                found = finder.find(written)
                assert found is not None and found.id == source.id, written
            speakers = {c.id: c.speaker_id for c in session.scalars(select(Claim))}
            assert speakers[claim["Diego Sanz"]] == speakers[claim["Coach Diego Sanz"]] == sanz.id
            assert speakers[claim["Sam Ng"]] == ng.id

            flags = {f.id: f for f in session.scalars(select(Flag))}
            assert set(flags) == {contradiction, checked_as_two}  # the newer repeat is folded into the older
            self_contradiction = flags[contradiction]
            assert (self_contradiction.kind, self_contradiction.same_speaker) == ("self_contradiction", True)
            assert self_contradiction.pair_key == claim_pair_key(
                "self_contradiction", claim["Diego Sanz"], claim["Coach Diego Sanz"]
            )
            kept = flags[checked_as_two]
            assert (kept.kind, kept.same_speaker, kept.statement_speaker_id) == ("self_contradiction", True, ng.id)
            assert kept.pair_key == statement_pair_key("self_contradiction", statement, claim["Sam Ng"], ng.id)  # 0044
            assert sorted(r.status for r in kept.reviews) == ["confirmed", "dismissed"]
            assert kept.status == "confirmed"  # the latest review of either

        # Down and up again: nothing left to rename or merge.
        engine.dispose()
        downgrade(url, "0015")
        upgrade(url)
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM sources")).scalar() == 5
            assert conn.execute(text("SELECT count(*) FROM source_aliases")).scalar() == 5
            assert conn.execute(text("SELECT count(*) FROM flags")).scalar() == 2
    finally:
        engine.dispose()
