"""Migration 0026: a speaker key no longer reads the case of letters beyond ASCII, so "ОЛЕКСАНДР КОВАЛЕНКО" keys as
"Олександр Коваленко". A database written before keeps the two as two sources under their old keys: without the
migration the capitals sent again still find their own source, and the speaker stays split. After it they are one
source, the oldest, with the other's name and aliases, and its claims. On both backends."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.engine import make_engine
from db.migrate import check, downgrade, upgrade
from db.models import Claim, Source, SourceAlias
from extraction import AttributionExtractor
from tests.conftest import BACKENDS, new_database_url
from tests.test_speaker_key_migration import T0, _row, _source, speakers_posted_as

# The keys the rules before 0026 (2aec25c) gave these names, as sources stored them.
OLD_KEYS = {
    "Олександр Коваленко": "o\u043be\u0138ca\u029c\u0434p ko\u0299a\u043be\u029c\u0138o",
    "ОЛЕКСАНДР КОВАЛЕНКО": "o\u028cekcah\u0434p koba\u028cehko",
    "Oleksandr Kovalenko": "oleksandr kovalenko",
    "İsmail Yılmaz": "i\u0307smail yilmaz",
    "Ismail Yilmaz": "ismail yilmaz",
    "Владимир Путин": "b\u043ba\u0434\u1d0e\u028d\u1d0ep \u03c0y\u1d1b\u1d0e\u029c",
}
ALIAS = ("О. КОВАЛЕНКО", "o koba\u028cehko")  # the capitals' source's alias, its old key


def _old_database(url: str) -> dict[str, str]:
    """Sources, an alias and claims as the rules of 2aec25c stored them, at 0025. Ids by name, "claim:<name>"."""
    upgrade(url, "0025")
    engine = make_engine(url)
    ids: dict[str, str] = {}
    try:
        with Session(engine) as session:
            for minutes, (name, old_key) in enumerate(OLD_KEYS.items()):
                ids[name] = _row(session, _source(name, old_key, minutes, id=str(uuid.uuid4()), updated_at=T0))
            _row(
                session,
                SourceAlias(
                    id=str(uuid.uuid4()), source_id=ids["ОЛЕКСАНДР КОВАЛЕНКО"], alias=ALIAS[0], alias_key=ALIAS[1],
                    created_at=T0,
                ),
            )  # fmt: skip
            for name in OLD_KEYS:
                ids[f"claim:{name}"] = _row(
                    session,
                    Claim(
                        id=str(uuid.uuid4()), text=f"Claim by {name}.", speaker_id=ids[name], created_at=T0,
                        updated_at=T0,
                    ),
                )  # fmt: skip
            session.commit()
    finally:
        engine.dispose()
    return ids


@pytest.mark.parametrize("backend", BACKENDS)
def test_one_speaker_in_two_cases_becomes_one_source(
    backend: str, request: pytest.FixtureRequest, extractor: AttributionExtractor
) -> None:
    url = new_database_url(backend, request, "claimledger_migration_0026")
    ids = _old_database(url)
    upgrade(url)
    check(url)
    engine = make_engine(url)
    survivor, turkish = ids["Олександр Коваленко"], ids["İsmail Yılmaz"]
    try:
        with Session(engine) as session:
            stored = {s.id: s for s in session.scalars(select(Source))}
            # the capitals merged into the older Title Case source; "İsmail" into nothing older: "Ismail" is newer
            assert set(stored) == {survivor, turkish, ids["Oleksandr Kovalenko"], ids["Владимир Путин"]}
            assert stored[survivor].name == "Олександр Коваленко"
            assert stored[survivor].name_key == OLD_KEYS["Олександр Коваленко"]  # the Title Case key stands
            aliases = {a.alias: a.alias_key for a in stored[survivor].aliases}
            # the capitals are the name's own written form as the service compares them (case folded): no alias
            assert set(aliases) == {ALIAS[0]}
            assert aliases[ALIAS[0]] == "o ko\u0299a\u043be\u029c\u0138o"  # re-keyed as "О. Коваленко" keys
            assert stored[turkish].name == "İsmail Yılmaz" and stored[turkish].name_key == "ismail yilmaz"
            assert {a.alias for a in stored[turkish].aliases} == {"Ismail Yilmaz"}
            assert stored[ids["Владимир Путин"]].name_key == OLD_KEYS["Владимир Путин"]
            assert stored[ids["Oleksandr Kovalenko"]].name_key == "oleksandr kovalenko"  # another script: its own
            speakers = {c.id: c.speaker_id for c in session.scalars(select(Claim))}
            assert speakers[ids["claim:ОЛЕКСАНДР КОВАЛЕНКО"]] == speakers[ids["claim:Олександр Коваленко"]] == survivor
            assert speakers[ids["claim:Ismail Yilmaz"]] == turkish
    finally:
        engine.dispose()

    # Every case of the name finds the one source; so does the capitals' old alias in lower case.
    found, sources = speakers_posted_as(
        url,
        extractor,
        (
            "Олександр Коваленко", "ОЛЕКСАНДР КОВАЛЕНКО", "олександр коваленко", "о. коваленко", "İSMAİL YILMAZ",
            "ismail yılmaz", "ВЛАДИМИР ПУТИН",
        ),
    )  # fmt: skip
    assert {found[w] for w in ("Олександр Коваленко", "ОЛЕКСАНДР КОВАЛЕНКО", "олександр коваленко")} == {survivor}
    assert found["о. коваленко"] == survivor
    assert found["İSMAİL YILMAZ"] == found["ismail yılmaz"] == turkish
    assert found["ВЛАДИМИР ПУТИН"] == ids["Владимир Путин"]
    assert sources == 4  # no new source

    # Down and up again: nothing left to merge.
    downgrade(url, "0025")
    upgrade(url)
    engine = make_engine(url)
    try:
        with Session(engine) as session:
            assert session.scalar(select(func.count()).select_from(Source)) == 4
    finally:
        engine.dispose()
