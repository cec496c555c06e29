"""One speaker, one key: a name written with invisible characters, fullwidth or mathematical letters, look-alike
letters of another script or bidi overrides keys as the name it looks like; different names stay different."""

from __future__ import annotations

import pytest

from extraction.confusables import confusable_skeleton, prototypes, without_invisibles
from extraction.names import leading_office, normalize_speaker_name, speaker_key, split_role_prefix

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
        # Latin accents are not: "José Martí" is "Jose Marti" (tests/unit/test_speaker_key_accents.py)
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


@pytest.mark.parametrize(
    ("written", "name", "role"),
    [
        ("Coach Diego Sanz", "Diego Sanz", "Coach"),
        ("coach Diego Sanz", "Diego Sanz", "coach"),
        ("Head coach Ana Diaz", "Ana Diaz", "Head coach"),
        ("Manager Ian Corrigan", "Ian Corrigan", "Manager"),
        ("General Manager Ian Corrigan", "Ian Corrigan", "General Manager"),
        ("Prosecutor Helen Grant", "Helen Grant", "Prosecutor"),
        ("Crown prosecutor Helen Grant", "Helen Grant", "Crown prosecutor"),
        ("Defence lawyer Tom Hale", "Tom Hale", "Defence lawyer"),
        ("defence lawyer Tom Hale", "Tom Hale", "defence lawyer"),
        ("Barrister Tom Hale", "Tom Hale", "Barrister"),
        ("Solicitor General Elizabeth Prelogar", "Elizabeth Prelogar", "Solicitor General"),
        ("Attorney General Merrick Garland", "Merrick Garland", "Attorney General"),
        ("Chief Executive Sam Ng", "Sam Ng", "Chief Executive"),
        ("Chief Executive Officer Sam Ng", "Sam Ng", "Chief Executive Officer"),
        ("CEO Sam Ng", "Sam Ng", "CEO"),
        ("Chief Financial Officer Mia Holt", "Mia Holt", "Chief Financial Officer"),
        ("Founder Ravi Patel", "Ravi Patel", "Founder"),
        ("Police Chief Maria Lopez", "Maria Lopez", "Police Chief"),
        ("Coroner Alan Reid", "Alan Reid", "Coroner"),
        ("Nurse J. Doyle", "J. Doyle", "Nurse"),
        ("Mayor Peter Quinn", "Peter Quinn", "Mayor"),
    ],
)
def test_an_occupation_before_a_name_is_a_role_not_part_of_the_name(written: str, name: str, role: str) -> None:
    """ "Coach Diego Sanz" and "Diego Sanz" are one speaker: the occupation is kept as the role, as an office is."""
    assert speaker_key(written) == speaker_key(name)
    written_role, bare = split_role_prefix(written)
    assert bare == name
    assert (written_role or leading_office(written)) == role


def test_a_role_written_before_an_occupation_is_kept_with_it() -> None:
    assert split_role_prefix("Barcelona coach Diego Sanz") == ("Barcelona coach", "Diego Sanz")
    assert split_role_prefix("Acme Chief Executive Sam Ng") == ("Acme Chief Executive", "Sam Ng")
    assert speaker_key("Deputy Manager Ian Corrigan") == "ian corrigan"


@pytest.mark.parametrize(
    "name",
    [
        "Manager Magazin",  # an occupation before no person's name: a body's or a brand's name
        "Coach Inc",
        "Coach",
        "Doctor Who",
        "Officer Training Corps",
        "Paul Nurse",
        "Crown Prosecution Service",  # a modifier before no title
        "Police Scotland",
        "Public Health England",
        "Head and Shoulders",
        "Executive Office of the President",
        "General Motors",
    ],
)
def test_bodies_named_with_an_occupation_stay_whole(name: str) -> None:
    assert normalize_speaker_name(name) == name
    assert speaker_key(name) == name.casefold()
    assert leading_office(name) is None


def test_a_captain_is_a_rank_dropped_from_the_name_never_a_role() -> None:
    assert speaker_key("Captain Sara Lind") == speaker_key("Capt. Sara Lind") == "sara lind"
    assert leading_office("Captain Sara Lind") is None
    assert speaker_key("Deputy Manager Magazin") == "manager magazin"  # the office goes, the body's name stays


@pytest.mark.parametrize(
    "description",
    ["chief executive of Northfield Water", "manager of Harbour Town", "head coach of Rovers", "lawyer for Jo Hale"],
)
def test_an_occupation_of_a_body_is_a_description_not_a_title(description: str) -> None:
    """ "The chief executive of Northfield Water" names a person by the body: "Chief Executive" is no title there,
    or the body would be left as the speaker's name."""
    assert normalize_speaker_name(f"the {description}") == description
