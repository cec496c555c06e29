"""Titles written short before a name ("Sen.", "Lt. Gen.", "DCI", "Cr") have one table,
``extraction/data/office_abbreviations.json``'s ``titles_before_name``: the later description's plain nouns
(``title_words``) and the role written out ("Sen. Maria Ortiz": senator) read the same entries. "Cr" is a title
only as written: "CR" opens initials."""

from __future__ import annotations

import pytest

from extraction import AttributionExtractor
from extraction.data_files import read_data_file
from extraction.names import HONORIFICS, OFFICE_TITLES, normalize_speaker_name, title_words
from tests.unit.extraction_helpers import extract

_TABLE: dict[str, str] = read_data_file("office_abbreviations.json")["titles_before_name"]


def test_one_table_holds_every_title_written_short() -> None:
    """The ranks, offices and police grades a description writes out all come from the data file."""
    for short, title in {
        "Gen": "general", "Lt": "lieutenant", "Col": "colonel", "Maj": "major", "Capt": "captain",
        "Sgt": "sergeant", "Adm": "admiral", "Cmdr": "commander", "Sen": "senator", "Rep": "representative",
        "Gov": "governor", "Dr": "doctor", "Prof": "professor", "Pres": "president", "Det": "detective",
        "Supt": "superintendent", "Insp": "inspector", "DCI": "inspector", "DCS": "superintendent",
        "Cr": "councillor", "Cllr": "councillor",
    }.items():  # fmt: skip
        assert _TABLE[short] == title


def test_the_table_keys_are_distinct_in_any_case() -> None:
    assert len({short.casefold() for short in _TABLE}) == len(_TABLE)


@pytest.mark.parametrize("short", sorted(_TABLE))
def test_a_title_written_short_reads_as_its_plain_noun(short: str) -> None:
    """Each entry that is a title is read by ``title_words`` in any case and with its dot."""
    bare = short.casefold()
    expected = (_TABLE[short],) if bare in HONORIFICS | OFFICE_TITLES else ()
    for written in (short, f"{short}.", short.upper(), bare):
        assert title_words([written]) == expected


def test_cr_is_a_title_only_as_written() -> None:
    assert normalize_speaker_name("Cr Andrew Smith") == "Andrew Smith"
    assert normalize_speaker_name("CR Bard") == "CR Bard"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Sen. Kay Lund said the bill was fine.", "senator"),
        ("Cr Kay Lund said the bill was fine.", "councillor"),
        ("Cllr Kay Lund said the bill was fine.", "cllr"),  # kept as written: only round 47's titles written out
        ("Pres Kay Lund said the bill was fine.", "Pres"),
    ],
)
def test_the_role_writes_out_only_the_titles_it_did(extractor: AttributionExtractor, text: str, role: str) -> None:
    (claim,) = extract(extractor, text)
    assert (claim.speaker.name, claim.speaker.role) == ("Kay Lund", role)
