"""Migration 0046: an office whose first words qualify the rest, written alone, is its own name and key ("the Chief
Constable" is "Chief Constable", no "Constable" with role "Chief"; "Deputy Foreign Minister" no "Foreign Minister"
with role "Deputy"). A database written before keeps the cut sources under the office's last words: without the
migration "the Constable" still finds the chief constable, and "the Chief Constable" sent again makes a second
source. A titled name ("Chief Constable Sarah Crew") and a person after a qualifier ("Deputy Jo King") keep their
names. On both backends."""

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
    "Constable": "constable",
    "Sarah Crew": "sarah crew",
    "Foreign Minister": "foreign minister",
    "Medical Officer": "medical officer",
    "Jo King": "jo king",
    "Pentagon": "pentagon",
}
OLD_ROLES = {
    "Constable": "Deputy Chief",  # from "the Deputy Chief Constable"
    "Sarah Crew": "Chief",  # from "Chief Constable Sarah Crew"
    "Foreign Minister": "Deputy",  # from "Deputy Foreign Minister"
    "Medical Officer": "chief",  # as the extractor wrote a role, in lower case
    "Jo King": "Deputy",  # from "Deputy Jo King": a person
}


def _old_database(url: str) -> dict[str, str]:
    """The sources with their old roles, a claim of the cut deputy chief constable's and of Sarah Crew's and a
    contradiction flag between them, at 0045. Ids by name, "claim:<name>" and "flag"."""
    ids = split_speaker_database(
        url,
        "0045",
        OLD_KEYS,
        (
            ("Constable", "Patrols will double by June."),
            ("Sarah Crew", "Patrols will not double by June."),
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
def test_qualified_offices_cut_after_their_first_words_are_whole_again(
    backend: str, request: pytest.FixtureRequest, extractor: AttributionExtractor
) -> None:
    url = new_database_url(backend, request, "claimledger_migration_0046")
    ids = _old_database(url)
    upgrade(url)
    check(url)
    engine = make_engine(url)
    deputy_chief, crew, deputy_foreign, medical, king = (
        ids["Constable"],
        ids["Sarah Crew"],
        ids["Foreign Minister"],
        ids["Medical Officer"],
        ids["Jo King"],
    )
    try:
        with Session(engine) as session:
            stored = {s.id: s for s in session.scalars(select(Source))}
            assert set(stored) == {deputy_chief, crew, deputy_foreign, medical, king, ids["Pentagon"]}
            named = {sid: (s.name, s.role, s.name_key) for sid, s in stored.items()}
            assert named[deputy_chief] == ("Deputy Chief Constable", None, "deputy chief constable")
            assert named[deputy_foreign] == ("Deputy Foreign Minister", None, "deputy foreign minister")
            assert named[medical] == ("Chief Medical Officer", None, "chief medical officer")
            assert "Constable" not in {a.alias for a in stored[deputy_chief].aliases}  # the cut name finds no one
            assert (named[crew], stored[crew].updated_at) == (("Sarah Crew", "Chief", "sarah crew"), T0)
            assert (named[king], stored[king].updated_at) == (("Jo King", "Deputy", "jo king"), T0)
            assert (stored[ids["Pentagon"]].name_key, stored[ids["Pentagon"]].updated_at) == ("pentagon", T0)
            flag = session.get(Flag, ids["flag"])
            assert flag is not None and flag.kind == "contradiction" and not flag.same_speaker  # two speakers
    finally:
        engine.dispose()

    found, sources = speakers_posted_as(
        url,
        extractor,
        ("the Deputy Chief Constable", "Deputy Foreign Minister", "the Chief Medical Officer",
         "Chief Constable Sarah Crew", "Deputy Jo King", "the Constable", "Foreign Minister"),
    )  # fmt: skip
    assert found["the Deputy Chief Constable"] == deputy_chief
    assert (found["Deputy Foreign Minister"], found["the Chief Medical Officer"]) == (deputy_foreign, medical)
    assert (found["Chief Constable Sarah Crew"], found["Deputy Jo King"]) == (crew, king)
    assert {found["the Constable"], found["Foreign Minister"]}.isdisjoint(stored)  # offices of their own
    assert speaker_key("the Constable") != speaker_key("the Deputy Chief Constable")
    assert sources == len(stored) + 2
