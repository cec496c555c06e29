"""Migration 0036: Ukrainian given names in Latin letters are known given names, so an office of a place before one
is no part of the name ("President of Ukraine Volodymyr Zelensky" is "Volodymyr Zelensky"). A database written
before keeps the office in the name and its key: without the migration the president sent again under his name
alone finds another source, and the president contradicting himself stays two speakers. On both backends."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from db.engine import make_engine
from db.migrate import check, upgrade
from db.models import Claim, Flag, Source
from extraction import AttributionExtractor
from tests.conftest import BACKENDS, new_database_url
from tests.test_speaker_key_migration import speakers_posted_as, split_speaker_database

# Names as the rules before this change stored them, with the keys they had then (oldest first).
OLD_KEYS = {
    "President of Ukraine Volodymyr Zelensky": "president of ukraine volodymyr zelensky",
    "Volodymyr Zelensky": "volodymyr zelensky",
}


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_name_after_an_office_of_a_place_merges_with_the_name_alone(
    backend: str, request: pytest.FixtureRequest, extractor: AttributionExtractor
) -> None:
    url = new_database_url(backend, request, "claimledger_migration_0036")
    ids = split_speaker_database(
        url,
        "0035",
        OLD_KEYS,
        (
            ("President of Ukraine Volodymyr Zelensky", "The talks will resume in June."),
            ("Volodymyr Zelensky", "The talks will not resume in June."),
        ),
    )
    upgrade(url)
    check(url)
    engine = make_engine(url)
    president = ids["President of Ukraine Volodymyr Zelensky"]
    try:
        with Session(engine) as session:
            stored = {s.id: s for s in session.scalars(select(Source))}
            assert set(stored) == {president}
            assert (stored[president].name, stored[president].name_key) == ("Volodymyr Zelensky", "volodymyr zelensky")
            assert stored[president].metadata_["merged_from"] == [ids["Volodymyr Zelensky"]]
            speakers = {c.id: c.speaker_id for c in session.scalars(select(Claim))}
            assert speakers[ids["claim:President of Ukraine Volodymyr Zelensky"]] == president
            assert speakers[ids["claim:Volodymyr Zelensky"]] == president
            flag = session.get(Flag, ids["flag"])
            assert flag is not None and flag.kind == "self_contradiction" and flag.same_speaker
    finally:
        engine.dispose()

    found, sources = speakers_posted_as(
        url, extractor, ("Volodymyr Zelensky", "President of Ukraine Volodymyr Zelensky")
    )
    assert found["Volodymyr Zelensky"] == found["President of Ukraine Volodymyr Zelensky"] == president
    assert sources == 1
