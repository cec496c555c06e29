"""Migration 0028: extraction rules 47 take an Australian councillor's "Cr" off a name as a title ("Cr Andrew Smith"
is stored as "Andrew Smith", role "Cr", keyed "andrew smith"). A database written before keeps the old names and
keys: without the migration "Andrew Smith" sent again finds the other source the old keys kept apart, and the
councillor contradicting himself stays two speakers contradicting each other. On both backends."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from db.engine import make_engine
from db.migrate import check, upgrade
from db.models import Claim, Flag, Source
from extraction import AttributionExtractor
from tests.conftest import BACKENDS, new_database_url
from tests.test_speaker_key_migration import T0, speakers_posted_as, split_speaker_database

# Names as rules 46 (42d0f7c) stored them, with the keys they had then.
OLD_KEYS = {
    "Cr Andrew Smith": "cr andrew smith",
    "Andrew Smith": "andrew smith",
    "Cr. Jo Lane": "cr jo lane",
    "CR Bard": "cr bard",  # a firm's initials, not the title as written: unchanged
}


def _old_database(url: str) -> dict[str, str]:
    """The sources, a claim of each Andrew Smith and a contradiction flag between them, at 0027. Ids by name,
    "claim:<name>" and "flag"."""
    return split_speaker_database(
        url,
        "0027",
        OLD_KEYS,
        (("Cr Andrew Smith", "The levee will be built."), ("Andrew Smith", "The levee will not be built.")),
    )


@pytest.mark.parametrize("backend", BACKENDS)
def test_the_councillors_title_comes_off_and_the_split_speaker_merges(
    backend: str, request: pytest.FixtureRequest, extractor: AttributionExtractor
) -> None:
    url = new_database_url(backend, request, "claimledger_migration_0028")
    ids = _old_database(url)
    upgrade(url)
    check(url)
    engine = make_engine(url)
    smith = ids["Cr Andrew Smith"]  # the older of the two Andrew Smiths survives
    try:
        with Session(engine) as session:
            stored = {s.id: s for s in session.scalars(select(Source))}
            assert set(stored) == {smith, ids["Cr. Jo Lane"], ids["CR Bard"]}
            assert (stored[smith].name, stored[smith].name_key, stored[smith].role) == (
                "Andrew Smith", "andrew smith", "Cr"
            )  # fmt: skip
            assert {a.alias for a in stored[smith].aliases} == {"Cr Andrew Smith"}
            assert stored[smith].metadata_["merged_from"] == [ids["Andrew Smith"]]
            lane = stored[ids["Cr. Jo Lane"]]
            assert (lane.name, lane.name_key) == ("Jo Lane", "jo lane")
            bard = stored[ids["CR Bard"]]
            assert (bard.name, bard.name_key, bard.updated_at) == ("CR Bard", "cr bard", T0)
            speakers = {c.id: c.speaker_id for c in session.scalars(select(Claim))}
            assert speakers[ids["claim:Andrew Smith"]] == speakers[ids["claim:Cr Andrew Smith"]] == smith
            flag = session.get(Flag, ids["flag"])
            assert flag is not None and flag.kind == "self_contradiction"  # one speaker contradicting himself
    finally:
        engine.dispose()

    # Each written form finds its one source again; nothing new is made.
    found, sources = speakers_posted_as(url, extractor, ("Andrew Smith", "Cr Andrew Smith", "Jo Lane", "CR Bard"))
    assert found["Andrew Smith"] == found["Cr Andrew Smith"] == smith
    assert found["Jo Lane"] == ids["Cr. Jo Lane"]
    assert found["CR Bard"] == ids["CR Bard"]
    assert sources == 3
