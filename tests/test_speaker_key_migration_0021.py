"""Migration 0021: extraction rules 32 (7715134) made Shri, Shrimati, Smt, Alhaji and Alhaja honorifics, so
"Alhaji John Smith" keys as "john smith" and is stored as "John Smith"; rules 33 did the same for Malaysian styles
("Datuk Seri Anwar Ibrahim") and the Irish "TD" after a name. A database written before keeps the old
names and keys: without the migration the same name sent again makes a second source, and the two sources the old
keys kept apart ("Shri Ravindra Kulkarni", "Ravindra Kulkarni") stay two speakers. On both backends."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from db.engine import make_engine
from db.migrate import check, downgrade, upgrade
from db.models import Claim, Flag, FlagReview, Source, SourceAlias
from extraction import AttributionExtractor
from service.services.flags import claim_pair_key, statement_pair_key
from tests.conftest import BACKENDS, new_database_url
from tests.test_speaker_key_migration import T0, _row, _source, speakers_posted_as

PROBABILITIES = {"entailment": 0.1, "neutral": 0.1, "contradiction": 0.8}


def _old_database(url: str) -> dict[str, str]:
    """Sources, aliases, claims and flags as the code of 7c82688 stored them (its names and keys), at 0020.

    Returns the ids by name (sources), "claim:<name>" (their claims) and the flags' names."""
    upgrade(url, "0020")
    engine = make_engine(url)
    ids: dict[str, str] = {}
    try:
        with Session(engine) as session:
            old_sources: list[tuple[str, str, dict[str, object]]] = [
                ("Alhaji John Smith", "alhaji john smith", {"kind": "person"}),
                ("Shri Ravindra Kulkarni", "shri ravindra kulkarni", {"role": "Minister"}),
                ("Ravindra Kulkarni", "ravindra kulkarni", {"kind": "person"}),
                ("Smt. Asha Rao", "smt asha rao", {}),
                ("Shrimati Asha Rao", "shrimati asha rao", {}),
                ("Alhaja Kemi Adebayo", "alhaja kemi adebayo", {"metadata_": {"document_id": "d-1"}}),
                ("Peter Quinn", "peter quinn", {"role": "Mayor"}),
                # extraction rules 33's Malaysian styles and Irish "TD", re-keyed by the same migration
                ("Datuk Seri Anwar Ibrahim", "datuk seri anwar ibrahim", {}),
                ("Jo Hart TD", "jo hart td", {}),
            ]
            for minutes, (name, old_key, fields) in enumerate(old_sources):
                ids[name] = _row(
                    session, _source(name, old_key, minutes, id=str(uuid.uuid4()), updated_at=T0, **fields)
                )
            _row(
                session,
                SourceAlias(id=str(uuid.uuid4()), source_id=ids["Ravindra Kulkarni"], alias="Ravindra Kulkarni (BJP)"),
            )
            _row(
                session,
                SourceAlias(
                    id=str(uuid.uuid4()),
                    source_id=ids["Ravindra Kulkarni"],
                    alias="R. D. Kulkarni",
                    alias_key="r d kulkarni",
                ),
            )
            for who in list(ids):
                ids[f"claim:{who}"] = _row(
                    session,
                    Claim(
                        id=str(uuid.uuid4()), text=f"Claim by {who}.", speaker_id=ids[who], created_at=T0, updated_at=T0
                    ),
                )
            ids["kulkarni contradiction"] = _row(
                session,
                Flag(
                    id=str(uuid.uuid4()),
                    pair_key=claim_pair_key(
                        "contradiction", ids["claim:Ravindra Kulkarni"], ids["claim:Shri Ravindra Kulkarni"]
                    ),
                    kind="contradiction",
                    relation="contradicts",
                    origin="reconcile",
                    claim_id=ids["claim:Ravindra Kulkarni"],
                    other_claim_id=ids["claim:Shri Ravindra Kulkarni"],
                    probabilities=PROBABILITIES,
                    created_at=T0,
                    updated_at=T0,
                ),
            )
            ids["rao checked"] = _row(
                session,
                Flag(
                    id=str(uuid.uuid4()),
                    pair_key=statement_pair_key("contradiction", "Rates fell.", ids["claim:Smt. Asha Rao"]),
                    kind="contradiction",
                    relation="contradicts",
                    origin="check",
                    statement_text="Rates fell.",
                    statement_speaker_id=ids["Shrimati Asha Rao"],
                    other_claim_id=ids["claim:Smt. Asha Rao"],
                    probabilities=PROBABILITIES,
                    created_at=T0 + timedelta(minutes=1),
                    updated_at=T0 + timedelta(minutes=1),
                ),
            )
            # The same statement checked under her other name: one pair once the sources are one.
            ids["rao checked as one"] = _row(
                session,
                Flag(
                    id=str(uuid.uuid4()),
                    pair_key=statement_pair_key("self_contradiction", "Rates fell.", ids["claim:Smt. Asha Rao"]),
                    kind="self_contradiction",
                    relation="contradicts",
                    origin="check",
                    statement_text="Rates fell.",
                    statement_speaker_id=ids["Smt. Asha Rao"],
                    other_claim_id=ids["claim:Smt. Asha Rao"],
                    same_speaker=True,
                    probabilities=PROBABILITIES,
                    created_at=T0 + timedelta(minutes=2),
                    updated_at=T0 + timedelta(minutes=2),
                ),
            )
            for flag, status, minutes in (("rao checked", "dismissed", 1), ("rao checked as one", "confirmed", 2)):
                _row(
                    session,
                    FlagReview(
                        id=str(uuid.uuid4()),
                        flag_id=ids[flag],
                        status=status,
                        created_at=T0 + timedelta(minutes=minutes),
                    ),
                )
            session.commit()
    finally:
        engine.dispose()
    return ids


@pytest.mark.parametrize("backend", BACKENDS)
def test_honorific_sources_are_rekeyed_and_merged(
    backend: str, request: pytest.FixtureRequest, extractor: AttributionExtractor
) -> None:
    url = new_database_url(backend, request, "claimledger_migration_0021")
    ids = _old_database(url)
    upgrade(url)
    check(url)
    engine = make_engine(url)
    try:
        with Session(engine) as session:
            stored = {s.id: s for s in session.scalars(select(Source))}
            assert set(stored) == {
                ids[n]
                for n in (
                    "Alhaji John Smith",
                    "Shri Ravindra Kulkarni",
                    "Smt. Asha Rao",
                    "Alhaja Kemi Adebayo",
                    "Peter Quinn",
                    "Datuk Seri Anwar Ibrahim",
                    "Jo Hart TD",
                )
            }
            smith = stored[ids["Alhaji John Smith"]]
            assert (smith.name, smith.name_key, smith.role, smith.kind) == ("John Smith", "john smith", None, "person")
            assert {(a.alias, a.alias_key) for a in smith.aliases} == {("Alhaji John Smith", None)}
            kulkarni = stored[ids["Shri Ravindra Kulkarni"]]  # the older of the two survives, the other's kind taken
            assert (kulkarni.name, kulkarni.name_key, kulkarni.role, kulkarni.kind) == (
                "Ravindra Kulkarni", "ravindra kulkarni", "Minister", "person",
            )  # fmt: skip
            assert {(a.alias, a.alias_key) for a in kulkarni.aliases} == {
                ("Shri Ravindra Kulkarni", None),
                ("Ravindra Kulkarni (BJP)", None),  # a written form moves over as one
                ("R. D. Kulkarni", "rd kulkarni"),  # re-keyed by the live rules: initials one word since 0047
            }
            assert kulkarni.metadata_["merged_from"] == [ids["Ravindra Kulkarni"]]
            rao = stored[ids["Smt. Asha Rao"]]
            assert (rao.name, rao.name_key) == ("Asha Rao", "asha rao")
            assert {(a.alias, a.alias_key) for a in rao.aliases} == {
                ("Smt. Asha Rao", None),
                ("Shrimati Asha Rao", None),
            }
            assert rao.metadata_["merged_from"] == [ids["Shrimati Asha Rao"]]
            adebayo = stored[ids["Alhaja Kemi Adebayo"]]  # one article's speaker keeps its name, keyed anew
            assert (adebayo.name, adebayo.name_key, adebayo.aliases) == ("Alhaja Kemi Adebayo", "kemi adebayo", [])
            quinn = stored[ids["Peter Quinn"]]
            assert (quinn.name, quinn.name_key, quinn.aliases, quinn.updated_at) == (
                "Peter Quinn",
                "peter quinn",
                [],
                T0,
            )

            speakers = {c.id: c.speaker_id for c in session.scalars(select(Claim))}
            assert speakers[ids["claim:Ravindra Kulkarni"]] == kulkarni.id
            assert speakers[ids["claim:Shrimati Asha Rao"]] == rao.id
            flags = {f.id: f for f in session.scalars(select(Flag))}
            merged = flags[ids["kulkarni contradiction"]]
            assert (merged.kind, merged.same_speaker) == ("self_contradiction", True)
            assert merged.pair_key == claim_pair_key(
                "self_contradiction", ids["claim:Ravindra Kulkarni"], ids["claim:Shri Ravindra Kulkarni"]
            )
            checked = flags[ids["rao checked"]]
            assert (checked.kind, checked.same_speaker, checked.statement_speaker_id) == (
                "self_contradiction", True, rao.id,
            )  # fmt: skip
            assert set(flags) == {ids["kulkarni contradiction"], ids["rao checked"]}  # the newer repeat folded in
            assert sorted(r.status for r in checked.reviews) == ["confirmed", "dismissed"]
            assert checked.status == "confirmed"  # the latest review of either
    finally:
        engine.dispose()

    # The same names posted again find their sources: no new one.
    expected = {
        "Alhaji John Smith": "Alhaji John Smith",
        "John Smith": "Alhaji John Smith",
        "Shri Ravindra Kulkarni": "Shri Ravindra Kulkarni",
        "Ravindra Kulkarni": "Shri Ravindra Kulkarni",
        "Smt. Asha Rao": "Smt. Asha Rao",
        "Shrimati Asha Rao": "Smt. Asha Rao",
        "Anwar Ibrahim": "Datuk Seri Anwar Ibrahim",
        "Datuk Seri Anwar Ibrahim": "Datuk Seri Anwar Ibrahim",
        "Jo Hart": "Jo Hart TD",
    }
    found, sources = speakers_posted_as(url, extractor, list(expected))
    assert found == {written: ids[source] for written, source in expected.items()}
    assert sources == 7

    # Down and up again: nothing left to rename or merge.
    downgrade(url, "0020")
    upgrade(url)
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM sources")).scalar() == 7
            assert conn.execute(text("SELECT count(*) FROM source_aliases")).scalar() == 8
            assert conn.execute(text("SELECT count(*) FROM flags")).scalar() == 2
    finally:
        engine.dispose()
