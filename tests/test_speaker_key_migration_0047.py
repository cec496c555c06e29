"""Migration 0047: forms a newsroom writes one name in key as one ("J. K. Rowling" is "J.K. Rowling", "Mr.
al-Kadhimi" is "al-Kadhimi", "Commission President von der Leyen" is "von der Leyen", "Sinéad O´Connor" is "Sinéad
O'Connor"). A database written before keeps each pair as two sources: without the migration the contradiction
between the two Rowlings stays one between two speakers, and a name sent again finds only its own half. Other
names ("George W. Bush") keep their sources untouched. On both backends."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from db.engine import make_engine
from db.migrate import check, upgrade
from db.models import Flag, Source
from extraction import AttributionExtractor
from tests.conftest import BACKENDS, new_database_url
from tests.test_speaker_key_migration import T0, speakers_posted_as, split_speaker_database

# Names as the rules before this change stored them, with the keys they had then (oldest first).
OLD_KEYS = {
    "J.K. Rowling": "jk rowling",
    "J. K. Rowling": "j k rowling",
    "al-Kadhimi": "al kadhimi",
    "Mr. al-Kadhimi": "mr al kadhimi",
    "von der Leyen": "von der leyen",
    "Commission President von der Leyen": "commission president von der leyen",
    "Sinéad O'Connor": "sinead oconnor",
    "Sinéad O´Connor": "sinead o \u0301connor",
    "George W. Bush": "george w bush",
}


@pytest.mark.parametrize("backend", BACKENDS)
def test_forms_of_one_name_split_in_two_are_merged(
    backend: str, request: pytest.FixtureRequest, extractor: AttributionExtractor
) -> None:
    url = new_database_url(backend, request, "claimledger_migration_0047")
    ids = split_speaker_database(
        url,
        "0046",
        OLD_KEYS,
        (
            ("J.K. Rowling", "The next book will be out in June."),
            ("J. K. Rowling", "The next book will not be out in June."),
        ),
    )
    upgrade(url)
    check(url)
    engine = make_engine(url)
    try:
        with Session(engine) as session:
            stored = {s.id: s for s in session.scalars(select(Source))}
            kept = {
                ids[n] for n in ("J.K. Rowling", "al-Kadhimi", "von der Leyen", "Sinéad O'Connor", "George W. Bush")
            }
            assert set(stored) == kept
            rowling, kadhimi, leyen, oconnor = (
                stored[ids[n]] for n in ("J.K. Rowling", "al-Kadhimi", "von der Leyen", "Sinéad O'Connor")
            )
            assert (rowling.name, rowling.name_key) == ("J.K. Rowling", "jk rowling")
            assert "J. K. Rowling" in {a.alias for a in rowling.aliases}
            assert (kadhimi.name_key, leyen.name_key, oconnor.name_key) == (
                "al kadhimi",
                "von der leyen",
                "sinead oconnor",
            )
            assert "Commission President von der Leyen" in {a.alias for a in leyen.aliases}
            bush = stored[ids["George W. Bush"]]
            assert (bush.name_key, bush.updated_at) == ("george w bush", T0)
            flag = session.get(Flag, ids["flag"])
            assert flag is not None and flag.same_speaker and flag.kind == "self_contradiction"
    finally:
        engine.dispose()

    found, sources = speakers_posted_as(
        url, extractor, ("J K Rowling", "Mr al-Kadhimi", "Commission President von der Leyen", "SINÉAD O´CONNOR")
    )
    assert found == {
        "J K Rowling": ids["J.K. Rowling"],
        "Mr al-Kadhimi": ids["al-Kadhimi"],
        "Commission President von der Leyen": ids["von der Leyen"],
        "SINÉAD O´CONNOR": ids["Sinéad O'Connor"],
    }
    assert sources == len(stored)
