"""Migration 0042: "pro tempore" after an office is part of the office ("Senate President Pro Tempore Dale Kessler"
is "Dale Kessler"), and Canada's provincial members' letters after a name are no part of it ("Jo Hart MPP" is "Jo
Hart"). A database written before keeps the old keys, and the extractor's cut name ("Pro Tempore Jinggoy Estrada",
role "Senate president"): without the migration the same person sent again finds a second source, and a
contradiction between the two forms stays one between two speakers. An office written alone ("Speaker Pro
Tempore") keeps its name. On both backends."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from db.engine import make_engine
from db.migrate import check, upgrade
from db.models import Claim, Flag, Source
from extraction import AttributionExtractor
from extraction.names import speaker_key
from tests.conftest import BACKENDS, new_database_url
from tests.test_speaker_key_migration import T0, speakers_posted_as, split_speaker_database

# Names as the rules before this change stored them, with the keys they had then (oldest first).
OLD_KEYS = {
    "Senate President Pro Tempore Dale Kessler": "pro tempore dale kessler",
    "Dale Kessler": "dale kessler",
    "Pro Tempore Jinggoy Estrada": "pro tempore jinggoy estrada",  # role "Senate president": the office cut
    "Jinggoy Estrada": "jinggoy estrada",
    "Jo Hart MPP": "jo hart mpp",
    "Jo Hart": "jo hart",
    "Speaker Pro Tempore": "pro tempore",
    "Pentagon": "pentagon",
}


def _old_database(url: str) -> dict[str, str]:
    """The sources, a claim of each Kessler form and a contradiction flag between them, at 0039; the role the old
    rules gave the cut name. Ids by name, "claim:<name>" and "flag"."""
    ids = split_speaker_database(
        url,
        "0039",
        OLD_KEYS,
        (
            ("Senate President Pro Tempore Dale Kessler", "The water bill will freeze housing in rural Arizona."),
            ("Dale Kessler", "The water bill will not freeze housing in rural Arizona."),
        ),
    )
    engine = make_engine(url)
    try:
        with Session(engine) as session:
            session.execute(
                update(Source)
                .where(Source.id == ids["Pro Tempore Jinggoy Estrada"])
                .values(role="Senate president", updated_at=T0)
            )
            session.commit()
    finally:
        engine.dispose()
    return ids


@pytest.mark.parametrize("backend", BACKENDS)
def test_pro_tempore_offices_and_provincial_members_letters_leave_the_names(
    backend: str, request: pytest.FixtureRequest, extractor: AttributionExtractor
) -> None:
    url = new_database_url(backend, request, "claimledger_migration_0042")
    ids = _old_database(url)
    upgrade(url)
    check(url)
    engine = make_engine(url)
    kessler, estrada, hart = (
        ids["Senate President Pro Tempore Dale Kessler"],
        ids["Pro Tempore Jinggoy Estrada"],
        ids["Jo Hart MPP"],
    )
    office, pentagon = ids["Speaker Pro Tempore"], ids["Pentagon"]
    try:
        with Session(engine) as session:
            stored = {s.id: s for s in session.scalars(select(Source))}
            assert set(stored) == {kessler, estrada, hart, office, pentagon}
            assert (stored[kessler].name, stored[kessler].name_key) == ("Dale Kessler", "dale kessler")
            assert stored[kessler].role == "Senate President Pro Tempore"
            assert stored[kessler].metadata_["merged_from"] == [ids["Dale Kessler"]]
            assert (stored[estrada].name, stored[estrada].name_key) == ("Jinggoy Estrada", "jinggoy estrada")
            assert stored[estrada].role == "Senate president Pro Tempore"  # the cut office read whole
            assert stored[estrada].metadata_["merged_from"] == [ids["Jinggoy Estrada"]]
            assert (stored[hart].name, stored[hart].name_key) == ("Jo Hart", "jo hart")
            assert (stored[office].name, stored[office].name_key) == ("Speaker Pro Tempore", "speaker pro tempore")
            assert (stored[pentagon].name_key, stored[pentagon].updated_at) == ("pentagon", T0)
            speakers = {c.id: c.speaker_id for c in session.scalars(select(Claim))}
            assert speakers[ids["claim:Dale Kessler"]] == kessler
            flag = session.get(Flag, ids["flag"])
            assert flag is not None and flag.kind == "self_contradiction" and flag.same_speaker
    finally:
        engine.dispose()

    found, sources = speakers_posted_as(
        url,
        extractor,
        ("Dale Kessler", "Senate President Pro Tempore Dale Kessler", "President Pro Tem. Dale Kessler",
         "Jinggoy Estrada", "Senate President Pro Tempore Jinggoy Estrada", "Jo Hart", "Jo Hart MPP",
         "Speaker Pro Tempore"),
    )  # fmt: skip
    assert found["Dale Kessler"] == found["Senate President Pro Tempore Dale Kessler"] == kessler
    assert found["President Pro Tem. Dale Kessler"] == kessler
    assert found["Jinggoy Estrada"] == found["Senate President Pro Tempore Jinggoy Estrada"] == estrada
    assert found["Jo Hart"] == found["Jo Hart MPP"] == hart
    assert found["Speaker Pro Tempore"] == office
    assert speaker_key("Speaker Pro Tempore") == "speaker pro tempore"
    assert sources == 5
