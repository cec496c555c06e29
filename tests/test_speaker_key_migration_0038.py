"""Migration 0038: speaker keys keep the letters the look-alike skeleton would turn into no letter (the Hebrew yod,
which the skeleton writes as an apostrophe the key drops: "בנימין נתניהו" keyed as "בנמl נתנהl"; CJK ideographs it
writes as radicals: "山田太郎" keyed as "太郎"). A database written
before keeps the old keys: without the migration the name written again finds no source and makes a second one, so
one speaker is split in two. Keys the change does not touch (Latin names, a Cyrillic look-alike) stay as they were.
On both backends."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from db.engine import make_engine
from db.migrate import check, upgrade
from db.models import Flag, Source
from extraction import AttributionExtractor
from extraction.names import speaker_key
from tests.conftest import BACKENDS, new_database_url
from tests.test_speaker_key_migration import T0, speakers_posted_as, split_speaker_database

# Names as the rules before this change stored them, with the keys they had then (oldest first; escaped, since
# right-to-left text mixed with Latin letters is hard to read).
OLD_KEYS = {
    "בנימין נתניהו": "\u05d1\u05e0\u05del \u05e0\u05ea\u05e0\u05d4l",
    "גיל כהן": "\u05d2\u05dc \u05db\u05d4l",
    "山田太郎": "太郎",  # 山 and 田 folded to CJK radicals, symbols the key dropped
    "Pentagon": "pentagon",
    "Марʼяна Коваль": "mapя\u029ca ko\u0299a\u043b\u0185",
}


@pytest.mark.parametrize("backend", BACKENDS)
def test_sources_keyed_without_their_yods_are_rekeyed(
    backend: str, request: pytest.FixtureRequest, extractor: AttributionExtractor
) -> None:
    url = new_database_url(backend, request, "claimledger_migration_0038")
    ids = split_speaker_database(
        url,
        "0037",
        OLD_KEYS,
        (
            ("בנימין נתניהו", "The minimum wage will rise in April."),
            ("גיל כהן", "The minimum wage will not rise in April."),
        ),
    )
    upgrade(url)
    check(url)
    engine = make_engine(url)
    try:
        with Session(engine) as session:
            stored = {s.id: s for s in session.scalars(select(Source))}
            assert set(stored) == {ids[name] for name in OLD_KEYS}  # nothing merged: the keys only split
            benjamin, gil = stored[ids["בנימין נתניהו"]], stored[ids["גיל כהן"]]
            assert benjamin.name_key == speaker_key("בנימין נתניהו") == "בנימיl נתניהl"
            assert gil.name_key == speaker_key("גיל כהן") == "גיל כהl"
            assert stored[ids["山田太郎"]].name_key == "山田太郎"
            for name in ("Pentagon", "Марʼяна Коваль"):  # no letter kept: unchanged
                assert (stored[ids[name]].name_key, stored[ids[name]].updated_at) == (OLD_KEYS[name], T0)
            flag = session.get(Flag, ids["flag"])
            assert flag is not None and flag.kind == "contradiction" and not flag.same_speaker
    finally:
        engine.dispose()

    # Each written form finds its one source again; Gal is no longer Gil.
    found, sources = speakers_posted_as(
        url,
        extractor,
        ("בנימין נתניהו", "בִּנְיָמִין נְתַנְיָהוּ", "גיל כהן", "גל כהן", "山田太郎", "田太郎", "Pentаgon", "Мар’яна Коваль"),
    )
    assert found["בנימין נתניהו"] == found["בִּנְיָמִין נְתַנְיָהוּ"] == ids["בנימין נתניהו"]
    assert found["גיל כהן"] == ids["גיל כהן"]
    assert found["גל כהן"] not in ids.values()
    assert found["山田太郎"] == ids["山田太郎"]
    assert found["田太郎"] not in ids.values()
    assert found["Pentаgon"] == ids["Pentagon"]
    assert found["Мар’яна Коваль"] == ids["Марʼяна Коваль"]
    assert sources == len(OLD_KEYS) + 2
