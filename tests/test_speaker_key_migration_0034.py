"""Migration 0034: an office "of" a place with no person after it keys whole ("President of Portugal"), and with a
person after it the place is the role's ("Mayor of London Sadiq Khan" is "Sadiq Khan"). A database written before
keeps the person cut inside the office ("London Sadiq Khan", role "Mayor of") or kept whole around the person
("Governor of the Bank of England Andrew Bailey"): without the migration the person sent again finds neither, and the
person contradicting themself stays two speakers. A source the old keys merged ("Portugal", role "President of")
cannot be split: it keeps its name and key, and "President of Portugal" sent again is a new source. On both
backends."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from db.engine import make_engine
from db.migrate import check, upgrade
from db.models import Claim, Flag, Source
from extraction import AttributionExtractor
from tests.conftest import BACKENDS, new_database_url
from tests.test_speaker_key_migration import T0, speakers_posted_as, split_speaker_database

# Names as the rules before this change stored them, with the keys they had then (oldest first).
OLD_KEYS = {
    "Governor of the Bank of England Andrew Bailey": "governor of the bank of england andrew bailey",
    "Andrew Bailey": "andrew bailey",
    "London Sadiq Khan": "london sadiq khan",  # "Mayor of London Sadiq Khan", role "Mayor of"
    "Sadiq Khan": "sadiq khan",
    "Portugal": "portugal",  # the country and "President of Portugal" (role "President of"): one source
}


def _old_database(url: str) -> dict[str, str]:
    """The sources, a claim of each Andrew Bailey and a contradiction flag between them, at 0033; the roles the old
    rules gave. Ids by name, "claim:<name>" and "flag"."""
    ids = split_speaker_database(
        url,
        "0033",
        OLD_KEYS,
        (
            ("Governor of the Bank of England Andrew Bailey", "Interest rates will fall in the spring."),
            ("Andrew Bailey", "Interest rates will not fall in the spring."),
            ("Portugal", "Lisbon will host the water summit in October."),
        ),
    )
    engine = make_engine(url)
    try:
        with Session(engine) as session:
            for name, role in (("London Sadiq Khan", "Mayor of"), ("Portugal", "President of")):
                session.execute(update(Source).where(Source.id == ids[name]).values(role=role, updated_at=T0))
            session.commit()
    finally:
        engine.dispose()
    return ids


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_person_after_an_office_of_a_place_merges_and_the_place_stays(
    backend: str, request: pytest.FixtureRequest, extractor: AttributionExtractor
) -> None:
    url = new_database_url(backend, request, "claimledger_migration_0034")
    ids = _old_database(url)
    upgrade(url)
    check(url)
    engine = make_engine(url)
    bailey, khan, portugal = (
        ids["Governor of the Bank of England Andrew Bailey"],
        ids["London Sadiq Khan"],
        ids["Portugal"],
    )
    try:
        with Session(engine) as session:
            stored = {s.id: s for s in session.scalars(select(Source))}
            assert set(stored) == {bailey, khan, portugal}
            assert (stored[bailey].name, stored[bailey].name_key, stored[bailey].role) == (
                "Andrew Bailey",
                "andrew bailey",
                "Governor of the Bank of England",
            )
            assert stored[bailey].metadata_["merged_from"] == [ids["Andrew Bailey"]]
            assert (stored[khan].name, stored[khan].name_key, stored[khan].role) == (
                "Sadiq Khan",
                "sadiq khan",
                "Mayor of London",  # the office read whole again, the place in it
            )
            assert stored[khan].metadata_["merged_from"] == [ids["Sadiq Khan"]]
            # merged before: nothing tells the country's claims from the president's, so the source stays
            assert (stored[portugal].name, stored[portugal].name_key, stored[portugal].role) == (
                "Portugal",
                "portugal",
                "President of",
            )
            assert stored[portugal].updated_at == T0
            speakers = {c.id: c.speaker_id for c in session.scalars(select(Claim))}
            assert speakers[ids["claim:Governor of the Bank of England Andrew Bailey"]] == bailey
            assert speakers[ids["claim:Andrew Bailey"]] == bailey
            flag = session.get(Flag, ids["flag"])
            assert flag is not None and flag.kind == "self_contradiction" and flag.same_speaker
    finally:
        engine.dispose()

    found, sources = speakers_posted_as(
        url,
        extractor,
        ("Andrew Bailey", "Governor of the Bank of England Andrew Bailey", "Sadiq Khan", "Mayor of London Sadiq Khan",
         "Portugal", "President of Portugal"),
    )  # fmt: skip
    assert found["Andrew Bailey"] == found["Governor of the Bank of England Andrew Bailey"] == bailey
    assert found["Sadiq Khan"] == found["Mayor of London Sadiq Khan"] == khan
    assert found["Portugal"] == portugal
    assert found["President of Portugal"] not in {bailey, khan, portugal}
    assert sources == 4
