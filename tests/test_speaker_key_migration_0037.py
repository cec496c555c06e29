"""Migration 0037: speaker keys drop the optional marks of Greek, Arabic and Hebrew letters ("ΚΥΡΙΑΚΟΣ ΜΗΤΣΟΤΑΚΗΣ" is
"Κυριάκος Μητσοτάκης", "مُحَمَّد" is "محمد"). A database written before keeps the old keys: without the migration a
marked and an unmarked source of one person stay two speakers, his contradicting himself stays a contradiction
between two speakers, and the name written without its marks finds only one of them. A Cyrillic "й" is a letter, not
a mark: "Йосип" and "Иосип" stay two sources. On both backends."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from db.engine import make_engine
from db.migrate import check, upgrade
from db.models import Claim, Flag, Source
from extraction import AttributionExtractor
from extraction.names import speaker_key
from tests.conftest import BACKENDS, new_database_url
from tests.test_speaker_key_migration import T0, speakers_posted_as, split_speaker_database

# Names as the rules before this change stored them, with the keys they had then (oldest first; escaped, since the
# marks of the old keys are hard to read).
OLD_KEYS = {
    "Κυριάκος Μητσοτάκης": "kupi\xe1\u0138oo mn\u0329\u1d1boo\u1d1b\xe1\u0138n\u0329o",
    "ΚΥΡΙΑΚΟΣ ΜΗΤΣΟΤΑΚΗΣ": "kupia\u0138oo mn\u0329\u1d1boo\u1d1ba\u0138n\u0329o",
    "مُحَمَّد بن سلمان": "\u0645\u0313\u062d\u0301\u0645\u0651\u0301\u062f \u0628\u0646 \u0633\u0644\u0645l\u0646",
    "محمد بن سلمان": "\u0645\u062d\u0645\u062f \u0628\u0646 \u0633\u0644\u0645l\u0646",
    "בִּנְיָמִין נְתַנְיָהוּ": (
        "\u05d1\u05bc\u0323\u05e0\u05b0\u05b8\u05de\u0323l \u05e0\u05b0\u05ea\u05b7\u05e0\u05b0\u05b8\u05d4l\u05bc"
    ),
    "בנימין נתניהו": "\u05d1\u05e0\u05del \u05e0\u05ea\u05e0\u05d4l",
    "Йосип Коваль": "\u1d0e\u0306oc\u1d0e\u03c0 ko\u0299a\u043b\u0185",
    "Иосип Коваль": "\u1d0eoc\u1d0e\u03c0 ko\u0299a\u043b\u0185",
}


@pytest.mark.parametrize("backend", BACKENDS)
def test_sources_with_and_without_optional_marks_merge(
    backend: str, request: pytest.FixtureRequest, extractor: AttributionExtractor
) -> None:
    url = new_database_url(backend, request, "claimledger_migration_0037")
    ids = split_speaker_database(
        url,
        "0036",
        OLD_KEYS,
        (
            ("Κυριάκος Μητσοτάκης", "The minimum wage will rise in April."),
            ("ΚΥΡΙΑΚΟΣ ΜΗΤΣΟΤΑΚΗΣ", "The minimum wage will not rise in April."),
        ),
    )
    upgrade(url)
    check(url)
    engine = make_engine(url)
    greek, arabic, hebrew = ids["Κυριάκος Μητσοτάκης"], ids["مُحَمَّد بن سلمان"], ids["בִּנְיָמִין נְתַנְיָהוּ"]
    short_i, plain_i = ids["Йосип Коваль"], ids["Иосип Коваль"]
    try:
        with Session(engine) as session:
            stored = {s.id: s for s in session.scalars(select(Source))}
            assert set(stored) == {greek, arabic, hebrew, short_i, plain_i}  # the oldest survive
            assert (stored[greek].name, stored[greek].name_key) == ("Κυριάκος Μητσοτάκης", "kupiaĸoo mn̩ᴛooᴛaĸn̩o")
            assert "ΚΥΡΙΑΚΟΣ ΜΗΤΣΟΤΑΚΗΣ" in {a.alias for a in stored[greek].aliases}
            assert stored[greek].metadata_["merged_from"] == [ids["ΚΥΡΙΑΚΟΣ ΜΗΤΣΟΤΑΚΗΣ"]]
            assert stored[arabic].name == "مُحَمَّد بن سلمان"  # the stored name keeps its marks
            assert stored[arabic].name_key == OLD_KEYS["محمد بن سلمان"]
            assert stored[arabic].metadata_["merged_from"] == [ids["محمد بن سلمان"]]
            assert stored[hebrew].name_key == speaker_key("בנימין נתניהו")  # the yods kept since 0038
            assert stored[hebrew].metadata_["merged_from"] == [ids["בנימין נתניהו"]]
            for letter in (short_i, plain_i):  # a Cyrillic letter, no optional mark: unchanged
                assert (stored[letter].name_key, stored[letter].updated_at) == (OLD_KEYS[stored[letter].name], T0)
            speakers = {c.id: c.speaker_id for c in session.scalars(select(Claim))}
            assert speakers[ids["claim:Κυριάκος Μητσοτάκης"]] == speakers[ids["claim:ΚΥΡΙΑΚΟΣ ΜΗΤΣΟΤΑΚΗΣ"]] == greek
            flag = session.get(Flag, ids["flag"])
            assert flag is not None and flag.kind == "self_contradiction" and flag.same_speaker
    finally:
        engine.dispose()

    # Each written form finds its one source again; nothing new is made.
    found, sources = speakers_posted_as(
        url,
        extractor,
        ("Κυριακος Μητσοτακης", "ΚΥΡΙΑΚΟΣ ΜΗΤΣΟΤΑΚΗΣ", "محمد بن سلمان", "בנימין נתניהו", "Йосип Коваль"),
    )
    assert found["Κυριακος Μητσοτακης"] == found["ΚΥΡΙΑΚΟΣ ΜΗΤΣΟΤΑΚΗΣ"] == greek
    assert found["محمد بن سلمان"] == arabic
    assert found["בנימין נתניהו"] == hebrew
    assert found["Йосип Коваль"] == short_i
    assert sources == 5
