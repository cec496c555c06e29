"""Migration 0035: a rank of several words is dropped from a name whole ("Air Vice-Marshal Clare Dunn" is "Clare
Dunn") and kept whole alone ("Major General"). A database written before keeps the rank in the name, or its last
word when the rules cut it ("Marshal Ann Smith", role "Air Chief"): without the migration the officer sent again
finds neither, and the officer contradicting themself stays two speakers. A source the old keys merged ("General",
from "Major General" alone) cannot be split: it keeps its name and key, and "Major General" sent again is a new
source. On both backends."""

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
    "Air Vice-Marshal Clare Dunn": "air vice marshal clare dunn",
    "Clare Dunn": "clare dunn",
    "Marshal Ann Smith": "marshal ann smith",  # "Air Chief Marshal Ann Smith", role "Air Chief"
    "Ann Smith": "ann smith",
    "General": "general",  # "Major General" alone, and any other general written so
}


def _old_database(url: str) -> dict[str, str]:
    """The sources, a claim of each Clare Dunn and a contradiction flag between them, at 0034; the role the old
    rules gave the cut name. Ids by name, "claim:<name>" and "flag"."""
    ids = split_speaker_database(
        url,
        "0034",
        OLD_KEYS,
        (
            ("Air Vice-Marshal Clare Dunn", "The launch will take place in June."),
            ("Clare Dunn", "The launch will not take place in June."),
            ("General", "The brigade will move to Salisbury Plain next summer."),
        ),
    )
    engine = make_engine(url)
    try:
        with Session(engine) as session:
            session.execute(
                update(Source).where(Source.id == ids["Marshal Ann Smith"]).values(role="Air Chief", updated_at=T0)
            )
            session.commit()
    finally:
        engine.dispose()
    return ids


@pytest.mark.parametrize("backend", BACKENDS)
def test_an_officer_under_a_rank_of_several_words_merges_and_a_lone_rank_stays(
    backend: str, request: pytest.FixtureRequest, extractor: AttributionExtractor
) -> None:
    url = new_database_url(backend, request, "claimledger_migration_0035")
    ids = _old_database(url)
    upgrade(url)
    check(url)
    engine = make_engine(url)
    dunn, smith, general = ids["Air Vice-Marshal Clare Dunn"], ids["Marshal Ann Smith"], ids["General"]
    try:
        with Session(engine) as session:
            stored = {s.id: s for s in session.scalars(select(Source))}
            assert set(stored) == {dunn, smith, general}
            assert (stored[dunn].name, stored[dunn].name_key, stored[dunn].role) == ("Clare Dunn", "clare dunn", None)
            assert stored[dunn].metadata_["merged_from"] == [ids["Clare Dunn"]]
            assert (stored[smith].name, stored[smith].name_key, stored[smith].role) == ("Ann Smith", "ann smith", None)
            assert stored[smith].metadata_["merged_from"] == [ids["Ann Smith"]]
            # merged before: every general written so is one source, which nothing can split
            assert (stored[general].name, stored[general].name_key) == ("General", "general")
            assert stored[general].updated_at == T0
            speakers = {c.id: c.speaker_id for c in session.scalars(select(Claim))}
            assert speakers[ids["claim:Air Vice-Marshal Clare Dunn"]] == dunn
            assert speakers[ids["claim:Clare Dunn"]] == dunn
            flag = session.get(Flag, ids["flag"])
            assert flag is not None and flag.kind == "self_contradiction" and flag.same_speaker
    finally:
        engine.dispose()

    found, sources = speakers_posted_as(
        url,
        extractor,
        ("Clare Dunn", "Air Vice-Marshal Clare Dunn", "Air Vice Marshal Clare Dunn", "Ann Smith",
         "Air Chief Marshal Ann Smith", "General", "Major General"),
    )  # fmt: skip
    assert found["Clare Dunn"] == found["Air Vice-Marshal Clare Dunn"] == found["Air Vice Marshal Clare Dunn"] == dunn
    assert found["Ann Smith"] == found["Air Chief Marshal Ann Smith"] == smith
    assert found["General"] == general
    assert found["Major General"] not in {dunn, smith, general}
    assert sources == 4
