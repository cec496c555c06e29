"""Migration 0030: speaker keys fold the diacritics of Latin letters ("Inès Okafor" and "Ines Okafor" are keyed
"ines okafor"). A database written before keeps the old keys: without the migration an accented and an unaccented
source of one person stay two speakers, her contradicting herself stays a contradiction between two speakers, and
"Ines Okafor" sent again finds only one of them. On both backends."""

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
    "Inès Okafor": "inès okafor",
    "Ines Okafor": "ines okafor",
    "Ngo Bao Chau": "ngo bao chau",
    "Ngô Bảo Châu": "ngô bảo châu",
    "Κυριάκος Μητσοτάκης": "kupiáĸoo mn̩ᴛooᴛáĸn̩o",  # Greek kept its marks here (0038 drops the tonos)
}


def _old_database(url: str) -> dict[str, str]:
    """The sources, a claim of each Okafor and a contradiction flag between them, at 0029. Ids by name,
    "claim:<name>" and "flag"."""
    return split_speaker_database(
        url,
        "0029",
        OLD_KEYS,
        (
            ("Inès Okafor", "The vaccine trial will resume in May."),
            ("Ines Okafor", "The vaccine trial will not resume."),
        ),
    )


@pytest.mark.parametrize("backend", BACKENDS)
def test_accented_and_unaccented_sources_of_one_person_merge(
    backend: str, request: pytest.FixtureRequest, extractor: AttributionExtractor
) -> None:
    url = new_database_url(backend, request, "claimledger_migration_0030")
    ids = _old_database(url)
    upgrade(url)
    check(url)
    engine = make_engine(url)
    okafor, ngo, greek = ids["Inès Okafor"], ids["Ngo Bao Chau"], ids["Κυριάκος Μητσοτάκης"]  # the oldest survive
    try:
        with Session(engine) as session:
            stored = {s.id: s for s in session.scalars(select(Source))}
            assert set(stored) == {okafor, ngo, greek}
            assert (stored[okafor].name, stored[okafor].name_key) == ("Inès Okafor", "ines okafor")  # accents kept
            assert "Ines Okafor" in {a.alias for a in stored[okafor].aliases}
            assert stored[okafor].metadata_["merged_from"] == [ids["Ines Okafor"]]
            assert (stored[ngo].name, stored[ngo].name_key) == ("Ngo Bao Chau", "ngo bao chau")
            assert stored[ngo].metadata_["merged_from"] == [ids["Ngô Bảo Châu"]]
            assert stored[greek].name_key == "kupiaĸoo mn̩ᴛooᴛaĸn̩o"  # one source still: 0038 only drops its tonos
            speakers = {c.id: c.speaker_id for c in session.scalars(select(Claim))}
            assert speakers[ids["claim:Inès Okafor"]] == speakers[ids["claim:Ines Okafor"]] == okafor
            flag = session.get(Flag, ids["flag"])
            assert flag is not None and flag.kind == "self_contradiction"  # one speaker contradicting herself
    finally:
        engine.dispose()

    # Each written form finds its one source again; nothing new is made.
    found, sources = speakers_posted_as(
        url, extractor, ("Ines Okafor", "Inès Okafor", "Ngô Bảo Châu", "Ngo Bao Chau", "Κυριάκος Μητσοτάκης")
    )
    assert found["Ines Okafor"] == found["Inès Okafor"] == okafor
    assert found["Ngô Bảo Châu"] == found["Ngo Bao Chau"] == ngo
    assert found["Κυριάκος Μητσοτάκης"] == greek
    assert sources == 3
