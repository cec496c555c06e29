"""Migration 0043: letters that writers of one name use for one another are one letter in speaker keys: an Arabic
alef with a hamza or madda, or an alef wasla, is the bare alef ("أحمد إبراهيم" is "احمد ابراهيم"), a teh marbuta
is a heh ("فاطمة" is "فاطمه"). A database written before keeps the old keys: without the migration the two forms stay
two speakers, a contradiction between them stays one between two speakers, and either form sent again finds only
its own. Different names stay apart ("أمينة" Amina, "آمنة" Amna), and a key the skeleton already folded (Farsi yeh and
keheh, "مهدی کروبی") does not move. On both backends."""

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
# look-alike skeleton mixes Latin letters into them).
OLD_KEYS = {
    "أحمد إبراهيم": "l\u0654\u062d\u0645\u062f l\u0655\u0628\u0631lo\u0649\u0645",
    "احمد ابراهيم": "l\u062d\u0645\u062f l\u0628\u0631lo\u0649\u0645",
    "فاطمة الزهراء": "\u0641l\u0637\u0645\u0629 l\u0644\u0632o\u0631l\u0621",
    "فاطمه الزهراء": "\u0641l\u0637\u0645o l\u0644\u0632o\u0631l\u0621",
    "عبد ٱلله": "\u0639\u0628\u062f \u0671\u0644\u0644o",
    "عبد الله": "\u0639\u0628\u062f l\u0644\u0644o",
    "أمينة": "l\u0654\u0645\u0649\u0646\u0629",
    "آمنة": "l\u0303\u0645\u0646\u0629",
    "مهدی کروبی": "\u0645o\u062f\u0649 \u0643\u0631\u0648\u0628\u0649",
}


@pytest.mark.parametrize("backend", BACKENDS)
def test_sources_written_with_either_arabic_letter_variant_merge(
    backend: str, request: pytest.FixtureRequest, extractor: AttributionExtractor
) -> None:
    url = new_database_url(backend, request, "claimledger_migration_0043")
    ids = split_speaker_database(
        url,
        "0042",
        OLD_KEYS,
        (
            ("أحمد إبراهيم", "The new port will open in March."),
            ("احمد ابراهيم", "The new port will not open in March."),
        ),
    )
    upgrade(url)
    check(url)
    engine = make_engine(url)
    ahmad, fatima, abdullah = ids["أحمد إبراهيم"], ids["فاطمة الزهراء"], ids["عبد ٱلله"]
    amina, amna, karroubi = ids["أمينة"], ids["آمنة"], ids["مهدی کروبی"]
    try:
        with Session(engine) as session:
            stored = {s.id: s for s in session.scalars(select(Source))}
            assert set(stored) == {ahmad, fatima, abdullah, amina, amna, karroubi}  # the oldest survive
            assert stored[ahmad].name == "أحمد إبراهيم"  # the name first seen, hamzas kept
            assert stored[ahmad].name_key == speaker_key("احمد ابراهيم")
            assert "احمد ابراهيم" in {a.alias for a in stored[ahmad].aliases}
            assert stored[ahmad].metadata_["merged_from"] == [ids["احمد ابراهيم"]]
            assert stored[fatima].metadata_["merged_from"] == [ids["فاطمه الزهراء"]]
            assert stored[abdullah].metadata_["merged_from"] == [ids["عبد الله"]]
            assert stored[amina].name_key != stored[amna].name_key  # two names
            assert (stored[karroubi].name_key, stored[karroubi].updated_at) == (OLD_KEYS["مهدی کروبی"], T0)
            speakers = {c.id: c.speaker_id for c in session.scalars(select(Claim))}
            assert speakers[ids["claim:أحمد إبراهيم"]] == speakers[ids["claim:احمد ابراهيم"]] == ahmad
            flag = session.get(Flag, ids["flag"])
            assert flag is not None and flag.kind == "self_contradiction" and flag.same_speaker
    finally:
        engine.dispose()

    # Each written form finds its one source again; nothing new is made.
    found, sources = speakers_posted_as(
        url,
        extractor,
        ("احمد ابراهيم", "أحمد ابراهيم", "فاطمه الزهراء", "عبد الله", "امينه", "امنة", "مهدي كروبي"),
    )
    assert found["احمد ابراهيم"] == found["أحمد ابراهيم"] == ahmad
    assert found["فاطمه الزهراء"] == fatima
    assert found["عبد الله"] == abdullah
    assert (found["امينه"], found["امنة"]) == (amina, amna)
    assert found["مهدي كروبي"] == karroubi
    assert sources == 6
