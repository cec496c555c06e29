"""Migration 0045: an office written alone is its own name and key ("the Prime Minister" is "Prime Minister", no
"Minister" with role "Prime"). A database written before keeps the cut sources under the office's last word: without
the migration "the Minister" still finds the prime minister, and "the Prime Minister" sent again makes a second
source. A titled name ("Prime Minister Helena Marsh") and a source no office cut keep their names. On both
backends."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from db.engine import make_engine
from db.migrate import check, upgrade
from db.models import Flag, Source
from extraction import AttributionExtractor
from extraction.names import speaker_key
from tests.conftest import BACKENDS, new_database_url
from tests.test_speaker_key_migration import T0, speakers_posted_as, split_speaker_database

# Names as the rules before this change stored them, with the keys they had then (oldest first), and their roles.
OLD_KEYS = {
    "Minister": "minister",
    "Helena Marsh": "helena marsh",
    "General": "general",
    "President": "president",
    "Executive": "executive",
    "Pentagon": "pentagon",
}
OLD_ROLES = {
    "Minister": "Prime",  # from "the Prime Minister"
    "Helena Marsh": "Prime Minister",
    "General": "Attorney",  # from "the Attorney General"
    "President": "Vice",  # from "Vice President"
    "Executive": "chief",  # as the extractor wrote a role, in lower case
}


def _old_database(url: str) -> dict[str, str]:
    """The sources with their old roles, a claim of the cut prime minister's and of Helena Marsh's and a
    contradiction flag between them, at 0044. Ids by name, "claim:<name>" and "flag"."""
    ids = split_speaker_database(
        url,
        "0044",
        OLD_KEYS,
        (
            ("Minister", "The rail fares will rise in April."),
            ("Helena Marsh", "The rail fares will not rise in April."),
        ),
    )
    engine = make_engine(url)
    try:
        with Session(engine) as session:
            for name, role in OLD_ROLES.items():
                session.execute(update(Source).where(Source.id == ids[name]).values(role=role, updated_at=T0))
            session.commit()
    finally:
        engine.dispose()
    return ids


@pytest.mark.parametrize("backend", BACKENDS)
def test_offices_cut_after_their_first_words_are_whole_again(
    backend: str, request: pytest.FixtureRequest, extractor: AttributionExtractor
) -> None:
    url = new_database_url(backend, request, "claimledger_migration_0045")
    ids = _old_database(url)
    upgrade(url)
    check(url)
    engine = make_engine(url)
    prime, marsh, attorney, vice, chief = (
        ids["Minister"],
        ids["Helena Marsh"],
        ids["General"],
        ids["President"],
        ids["Executive"],
    )
    try:
        with Session(engine) as session:
            stored = {s.id: s for s in session.scalars(select(Source))}
            assert set(stored) == {prime, marsh, attorney, vice, chief, ids["Pentagon"]}
            named = {sid: (s.name, s.role, s.name_key) for sid, s in stored.items()}
            assert named[prime] == ("Prime Minister", None, "prime minister")
            assert named[attorney] == ("Attorney General", None, "attorney general")
            assert named[vice] == ("Vice President", None, "vice president")
            assert named[chief] == ("Chief Executive", None, "chief executive")
            assert "Minister" not in {a.alias for a in stored[prime].aliases}  # the cut name finds no one
            assert (named[marsh], stored[marsh].updated_at) == (("Helena Marsh", "Prime Minister", "helena marsh"), T0)
            assert (stored[ids["Pentagon"]].name_key, stored[ids["Pentagon"]].updated_at) == ("pentagon", T0)
            flag = session.get(Flag, ids["flag"])
            assert flag is not None and flag.kind == "contradiction" and not flag.same_speaker  # two speakers
    finally:
        engine.dispose()

    found, sources = speakers_posted_as(
        url,
        extractor,
        ("the Prime Minister", "Prime Minister", "the Attorney General", "Vice President", "Chief Executive",
         "Prime Minister Helena Marsh", "the Minister", "the President"),
    )  # fmt: skip
    assert found["the Prime Minister"] == found["Prime Minister"] == prime
    assert (found["the Attorney General"], found["Vice President"]) == (attorney, vice)
    assert found["Chief Executive"] == chief
    assert found["Prime Minister Helena Marsh"] == marsh
    assert {found["the Minister"], found["the President"]}.isdisjoint(stored)  # offices of their own
    assert speaker_key("the Minister") != speaker_key("the Prime Minister")
    assert sources == len(stored) + 2
