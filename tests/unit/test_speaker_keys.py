"""One speaker, one key: a name written with invisible characters, fullwidth or mathematical letters, look-alike
letters of another script or bidi overrides keys as the name it looks like; different names stay different."""

from __future__ import annotations

import pytest

from extraction.confusables import confusable_skeleton, prototypes, without_invisibles
from extraction.names import normalize_speaker_name, speaker_key

ZERO_WIDTH_AND_BIDI = [
    "\u200b",  # ZWSP
    "\u200c",  # ZWNJ
    "\u200d",  # ZWJ
    "\u2060",  # WJ
    "\ufeff",  # BOM
    "\u200e",  # LRM
    "\u200f",  # RLM
    "\u061c",  # ALM
    *(chr(c) for c in range(0x202A, 0x202F)),  # LRE, RLE, PDF, LRO, RLO
    *(chr(c) for c in range(0x2066, 0x206A)),  # LRI, RLI, FSI, PDI
]


@pytest.mark.parametrize("mark", ZERO_WIDTH_AND_BIDI)
def test_invisible_characters_do_not_make_another_speaker(mark: str) -> None:
    for written in (f"Penta{mark}gon", f"{mark}Pentagon", f"the Pentagon{mark}", f"P{mark}e{mark}ntagon"):
        assert speaker_key(written) == "pentagon", repr(written)
    assert mark not in normalize_speaker_name(f"Penta{mark}gon")


@pytest.mark.parametrize(
    "written",
    [
        "Ｐｅｎｔａｇｏｎ",  # fullwidth
        "𝐏𝐞𝐧𝐭𝐚𝐠𝐨𝐧",  # mathematical bold
        "Pentаgon",  # Cyrillic а
        "Реntagon",  # Cyrillic Р and е
        "Pentag\u03bfn",  # Greek omicron
        "PENTAGON",
        "the Pentаgon's",  # Cyrillic а, with the article and possessive the key always dropped
        "\u202ePentagon\u202c",  # RLO ... PDF
    ],
)
def test_look_alikes_key_as_the_name_they_look_like(written: str) -> None:
    assert speaker_key(written) == speaker_key("Pentagon") == "pentagon"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Iran", "Iraq"),
        ("Bush", "Busch"),
        ("Kern", "Kem"),  # "rn" looks like "m", but plain ASCII names keep their own letters
        ("Il Sole", "II Sole"),
        ("José Martí", "Jose Marti"),  # accents are part of the name
        ("Müller", "Muller"),
        ("Bjørn", "Bjorn"),
        ("Путин", "Пугин"),
        ("नरेन्द्र मोदी", "नरेन्द्र"),
    ],
)
def test_different_names_stay_different(a: str, b: str) -> None:
    assert speaker_key(a) != speaker_key(b)


def test_plain_names_keep_the_keys_they_had() -> None:
    assert speaker_key("U.S. Army") == "us army"
    assert speaker_key("Col. Wayne Marotto") == "wayne marotto"
    assert speaker_key("Coalition Spokesman Col. Wayne Marotto") == "wayne marotto"
    assert speaker_key("al-Kadhimi") == "al kadhimi"
    assert speaker_key("Bjørn Ødegaard") == speaker_key("bjørn ødegaard")
    assert speaker_key("नरेन्द्र मोदी") == "नरेन्द्र मोदी"  # vowel signs and viramas no longer split a word


def test_the_skeleton_data_is_a_mapping_of_look_alikes() -> None:
    table = prototypes()
    assert len(table) > 5000
    assert table["а"] == "a"  # Cyrillic a
    assert table["ο"] == "o"  # Greek omicron
    assert all(not source.isascii() for source in table)
    assert confusable_skeleton("plain ascii") == "plain ascii"
    assert confusable_skeleton("ѕсоре") == "scope"
    assert without_invisibles("a\u200bb\u202ec") == "abc"
    for source, target in table.items():  # idempotent: a representative maps to itself
        assert confusable_skeleton(confusable_skeleton(source)) == confusable_skeleton(source), (source, target)
