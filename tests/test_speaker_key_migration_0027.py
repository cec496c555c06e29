"""Migration 0027: extraction rules 44 take a person's trade before their name off as the role ("Economist Priya
Shah" is stored as "Priya Shah", role "Economist", keyed "priya shah"). A database written before keeps the old
names and keys: without the migration "Priya Shah" sent again finds the other source the old keys kept apart, and the
economist contradicting herself stays two speakers contradicting each other. On both backends."""

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

# Names as rules 43 (e0d88fb) stored them, with the keys they had then.
OLD_KEYS = {
    "Economist Priya Shah": "economist priya shah",
    "Priya Shah": "priya shah",
    "Harbour master Eli Fors": "harbour master eli fors",
    "Harbour Master Ltd": "harbour master ltd",  # no person's name after the trade: a body's name, unchanged
    "Baker Joan Fisher": "baker joan fisher",  # a capitalised trade that is also a given name: unchanged
}


def _old_database(url: str) -> dict[str, str]:
    """The sources, a claim of each Priya Shah and a contradiction flag between them, at 0026. Ids by name,
    "claim:<name>" and "flag"."""
    return split_speaker_database(
        url, "0026", OLD_KEYS, (("Economist Priya Shah", "Rates will fall."), ("Priya Shah", "Rates will rise."))
    )


@pytest.mark.parametrize("backend", BACKENDS)
def test_trades_before_names_become_roles_and_the_split_speaker_merges(
    backend: str, request: pytest.FixtureRequest, extractor: AttributionExtractor
) -> None:
    url = new_database_url(backend, request, "claimledger_migration_0027")
    ids = _old_database(url)
    upgrade(url)
    check(url)
    engine = make_engine(url)
    shah = ids["Economist Priya Shah"]  # the older of the two Priya Shahs survives
    try:
        with Session(engine) as session:
            stored = {s.id: s for s in session.scalars(select(Source))}
            assert set(stored) == {
                shah, ids["Harbour master Eli Fors"], ids["Harbour Master Ltd"], ids["Baker Joan Fisher"]
            }  # fmt: skip
            assert (stored[shah].name, stored[shah].name_key, stored[shah].role) == (
                "Priya Shah", "priya shah", "Economist"
            )  # fmt: skip
            assert {a.alias for a in stored[shah].aliases} == {"Economist Priya Shah"}
            assert stored[shah].metadata_["merged_from"] == [ids["Priya Shah"]]
            fors = stored[ids["Harbour master Eli Fors"]]
            assert (fors.name, fors.name_key, fors.role) == ("Eli Fors", "eli fors", "Harbour master")
            for unchanged in ("Harbour Master Ltd", "Baker Joan Fisher"):
                source = stored[ids[unchanged]]
                assert (source.name, source.name_key, source.updated_at) == (unchanged, OLD_KEYS[unchanged], T0)
            speakers = {c.id: c.speaker_id for c in session.scalars(select(Claim))}
            assert speakers[ids["claim:Priya Shah"]] == speakers[ids["claim:Economist Priya Shah"]] == shah
            flag = session.get(Flag, ids["flag"])
            assert flag is not None and flag.kind == "self_contradiction"  # one speaker contradicting herself
    finally:
        engine.dispose()

    # Each written form finds its one source again; nothing new is made.
    found, sources = speakers_posted_as(
        url, extractor, ("Priya Shah", "Economist Priya Shah", "Eli Fors", "Harbour Master Ltd")
    )
    assert found["Priya Shah"] == found["Economist Priya Shah"] == shah
    assert found["Eli Fors"] == ids["Harbour master Eli Fors"]
    assert found["Harbour Master Ltd"] == ids["Harbour Master Ltd"]
    assert sources == 4
