"""Migration 0023: extraction rules 36 keep an office word that opens a body's name in the name ("Premier League",
"Premier Foods", "Speaker Electronics"), where before "Premier League" was stored as "League", role "Premier", key
"league", the key "the league" has too. A database written before keeps the cut name and key: without the migration
"Premier League" sent again makes a second source, and "the league" still finds the Premier League. Sources whose
claims are already one stay one (a migration cannot tell which name each claim was sent under). On both backends."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from db.engine import make_engine
from db.migrate import check, downgrade, upgrade
from db.models import Claim, Flag, Source
from extraction import AttributionExtractor
from tests.conftest import BACKENDS, new_database_url
from tests.test_flag_statement_speaker_key import _statement_flag
from tests.test_speaker_key_migration import T0, _row, _source, speakers_posted_as


def _old_database(url: str) -> dict[str, str]:
    """Sources, claims and a checked statement as rules 35 (5fb0e94) stored them, at 0022. Ids by name."""
    upgrade(url, "0022")
    engine = make_engine(url)
    ids: dict[str, str] = {}
    try:
        with Session(engine) as session:
            old_sources: list[tuple[str, str, dict[str, object]]] = [
                ("League", "league", {"role": "Premier", "kind": "organisation"}),  # "Premier League", cut
                # as the extractor stored it: a person, the role in lower case
                ("Foods", "foods", {"role": "premier", "kind": "person"}),
                ("Electronics", "electronics", {"role": "Speaker"}),
                ("Li Qiang", "li qiang", {"role": "Premier", "kind": "person"}),  # a person's office: stays
                ("Football League", "football league", {}),
                ("Premier Inn", "inn", {"metadata_": {"document_id": "d-1"}}),  # one article's: keeps its name
            ]
            for minutes, (name, old_key, fields) in enumerate(old_sources):
                ids[name] = _row(
                    session, _source(name, old_key, minutes, id=str(uuid.uuid4()), updated_at=T0, **fields)
                )
            ids["claim"] = _row(
                session,
                Claim(
                    id=str(uuid.uuid4()), text="Clubs voted for a cap.", speaker_id=ids["League"], created_at=T0,
                    updated_at=T0,
                ),
            )  # fmt: skip
            ids["checked"] = _row(
                session,
                _statement_flag(
                    ids["claim"], "Clubs voted against a cap.", 1, statement_speaker_name="The Premier League",
                    statement_speaker_key="league",
                ),
            )  # fmt: skip
            session.commit()
    finally:
        engine.dispose()
    return ids


@pytest.mark.parametrize("backend", BACKENDS)
def test_body_names_cut_after_an_office_word_are_whole_again(
    backend: str, request: pytest.FixtureRequest, extractor: AttributionExtractor
) -> None:
    url = new_database_url(backend, request, "claimledger_migration_0023")
    ids = _old_database(url)
    upgrade(url)
    check(url)
    engine = make_engine(url)
    try:
        with Session(engine) as session:
            stored = {s.id: s for s in session.scalars(select(Source))}
            assert len(stored) == 6  # nothing merged, nothing made
            got = {
                name: (stored[ids[name]].name, stored[ids[name]].name_key, stored[ids[name]].role)
                for name in ("League", "Foods", "Electronics", "Li Qiang", "Football League", "Premier Inn")
            }
            assert got == {
                "League": ("Premier League", "premier league", None),
                "Foods": ("Premier Foods", "premier foods", None),
                "Electronics": ("Speaker Electronics", "speaker electronics", None),
                "Li Qiang": ("Li Qiang", "li qiang", "Premier"),
                "Football League": ("Football League", "football league", None),
                "Premier Inn": ("Premier Inn", "premier inn", None),
            }
            assert stored[ids["League"]].aliases == []  # the cut name is no name of the body
            assert stored[ids["League"]].kind == "organisation"
            assert stored[ids["Foods"]].kind == "organisation"  # no person called "Foods"
            assert stored[ids["Li Qiang"]].updated_at == T0
            flag = session.get(Flag, ids["checked"])
            assert flag is not None and flag.statement_speaker_key == "premier league"
    finally:
        engine.dispose()

    # The whole name finds the body; "the league" is no longer the Premier League, nor the Football League.
    found, sources = speakers_posted_as(
        url, extractor, ("Premier League", "The Premier League", "Premier Foods", "Premier Li Qiang", "the league")
    )
    assert found["Premier League"] == found["The Premier League"] == ids["League"]
    assert found["Premier Foods"] == ids["Foods"]
    assert found["Premier Li Qiang"] == ids["Li Qiang"]
    assert found["the league"] not in set(ids.values())
    assert sources == 7

    # Down and up again: nothing left to rename.
    downgrade(url, "0022")
    upgrade(url)
    engine = make_engine(url)
    try:
        with Session(engine) as session:
            names = sorted(s.name for s in session.scalars(select(Source)))
            assert names == sorted(
                ["Premier League", "Premier Foods", "Speaker Electronics", "Li Qiang", "Football League",
                 "Premier Inn", "league"]
            )  # fmt: skip
    finally:
        engine.dispose()
