"""Migration 0031: clergy styles the rules did not know ("the Ven", "Revd", "the Very Revd") come off a name ("the Ven
Margaret Tull" is stored as "Margaret Tull", keyed "margaret tull"). A database written before keeps the old names
and keys: without the migration "Margaret Tull" sent again finds only one of the two sources the old keys kept apart,
and the archdeacon contradicting herself stays two speakers contradicting each other. "ð" and "þ" are written "d" and
"th" ("Ólafur Sigurðsson" had a key split in two, which "Olafur Sigurdsson" never found). On both backends."""

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

# Names as the rules before this change stored them, with the keys they had then (oldest first).
OLD_KEYS = {
    "Ven Margaret Tull": "ven margaret tull",
    "Margaret Tull": "margaret tull",
    "Revd. Peter Vale": "revd peter vale",
    "Terry Venables": "terry venables",  # no style: unchanged
    "Ruud van de Ven": "ruud van de ven",  # a Dutch surname: unchanged
    "Ólafur Sigurðsson": "olafur sigur \u0335sson",  # "ð" folded to no letter split the word: "d" now
}


def _old_database(url: str) -> dict[str, str]:
    """The sources, a claim of each Margaret Tull and a contradiction flag between them, at 0030. Ids by name,
    "claim:<name>" and "flag"."""
    return split_speaker_database(
        url,
        "0030",
        OLD_KEYS,
        (
            ("Ven Margaret Tull", "The cathedral roof will be repaired this year."),
            ("Margaret Tull", "The cathedral roof will not be repaired this year."),
        ),
    )


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_clergy_style_comes_off_and_the_split_speaker_merges(
    backend: str, request: pytest.FixtureRequest, extractor: AttributionExtractor
) -> None:
    url = new_database_url(backend, request, "claimledger_migration_0031")
    ids = _old_database(url)
    upgrade(url)
    check(url)
    engine = make_engine(url)
    tull, vale = ids["Ven Margaret Tull"], ids["Revd. Peter Vale"]  # the older of the two Margaret Tulls survives
    venables, ven = ids["Terry Venables"], ids["Ruud van de Ven"]
    olafur = ids["Ólafur Sigurðsson"]
    try:
        with Session(engine) as session:
            stored = {s.id: s for s in session.scalars(select(Source))}
            assert set(stored) == {tull, vale, venables, ven, olafur}
            assert (stored[olafur].name, stored[olafur].name_key) == ("Ólafur Sigurðsson", "olafur sigurdsson")
            assert (stored[tull].name, stored[tull].name_key, stored[tull].role) == (
                "Margaret Tull",
                "margaret tull",
                None,
            )
            assert {a.alias for a in stored[tull].aliases} == {"Ven Margaret Tull"}
            assert stored[tull].metadata_["merged_from"] == [ids["Margaret Tull"]]
            assert (stored[vale].name, stored[vale].name_key) == ("Peter Vale", "peter vale")
            for untouched, name in ((venables, "Terry Venables"), (ven, "Ruud van de Ven")):
                assert (stored[untouched].name, stored[untouched].name_key) == (name, OLD_KEYS[name])
                assert stored[untouched].updated_at == T0
            speakers = {c.id: c.speaker_id for c in session.scalars(select(Claim))}
            assert speakers[ids["claim:Ven Margaret Tull"]] == speakers[ids["claim:Margaret Tull"]] == tull
            flag = session.get(Flag, ids["flag"])
            assert flag is not None and flag.kind == "self_contradiction"  # one speaker contradicting herself
    finally:
        engine.dispose()

    # Each written form finds its one source again; nothing new is made.
    found, sources = speakers_posted_as(
        url,
        extractor,
        ("Margaret Tull", "the Ven Margaret Tull", "the Venerable Margaret Tull", "the Revd Peter Vale", "Peter Vale",
         "Terry Venables", "Ruud van de Ven", "Olafur Sigurdsson", "Ólafur Sigurðsson"),
    )  # fmt: skip
    assert found["Margaret Tull"] == found["the Ven Margaret Tull"] == found["the Venerable Margaret Tull"] == tull
    assert found["the Revd Peter Vale"] == found["Peter Vale"] == vale
    assert (found["Terry Venables"], found["Ruud van de Ven"]) == (venables, ven)
    assert found["Olafur Sigurdsson"] == found["Ólafur Sigurðsson"] == olafur
    assert sources == 5
