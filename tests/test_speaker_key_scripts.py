"""Speaker keys drop the marks that ordinary Greek, Arabic and Hebrew writing leaves out (h135's API audit): Greek in
capitals carries no tonos ("ΚΥΡΙΑΚΟΣ ΜΗΤΣΟΤΑΚΗΣ" is "Κυριάκος Μητσοτάκης"), Arabic vowel marks and Hebrew points are
optional ("مُحَمَّد" is "محمد", "שָׁלוֹם" is "שלום"), so one person written with and without them was two sources.
Marks that make another letter stay: a Cyrillic "й" is no "и", an Arabic "ؤ" no "و" (an alef with or without its
hamza is one letter: test_speaker_key_arabic_letters); and plain ASCII names keep the key they always had. The marks dropped are named in extraction/data/optional_marks.json."""

from __future__ import annotations

import unicodedata

import pytest

from extraction.data_files import read_data_file
from extraction.names import speaker_key


def _decomposed(text: str) -> str:
    return unicodedata.normalize("NFD", text)


@pytest.mark.parametrize(
    ("marked", "plain"),
    [
        ("Κυριάκος Μητσοτάκης", "ΚΥΡΙΑΚΟΣ ΜΗΤΣΟΤΑΚΗΣ"),  # capitals carry no tonos
        ("Κυριάκος Μητσοτάκης", "Κυριακος Μητσοτακης"),
        (_decomposed("Κυριάκος Μητσοτάκης"), "Κυριακος Μητσοτακης"),
        ("Σωκράτης Παππάς", "ΣΩΚΡΑΤΗΣ ΠΑΠΠΑΣ"),
        ("Σωκράτης Παππάς", "ΣΩΚΡΆΤΗΣ ΠΑΠΠΆΣ"),
        ("Ευάγγελος Βενιζέλος", "Ευαγγελος Βενιζελος"),
        ("Ελένη Κάιρου", "ΕΛΕΝΗ ΚΑΪΡΟΥ"),  # capitals write a dialytika where the tonos split a diphthong
        ("Ραΐσα Λάμπρου", "Ραισα Λαμπρου"),
        ("Ἀλέξανδρος Ῥήγας", "Αλεξανδρος Ρηγας"),  # polytonic breathings and accents
        ("مُحَمَّد بن سلمان", "محمد بن سلمان"),  # harakat and shadda
        ("مُحَمَّدٌ", "محمد"),  # tanwin
        ("أَحْمَد", "أحمد"),  # fatha and sukun; the hamza on its alef is kept on both
        ("عبد الرَّحْمٰن", "عبد الرحمن"),  # superscript alef
        ("مـحـمـد", "محمد"),  # tatweel
        ("شِيرِين أَبُو عَاقِلَة", "شيرين أبو عاقلة"),
        ("שָׁלוֹם", "שלום"),  # niqqud and the shin dot
        ("בִּנְיָמִין נְתַנְיָהוּ", "בנימין נתניהו"),  # niqqud and dagesh
        ("מֹשֶׁ֖ה", "משה"),  # a cantillation mark
        ("\ufb2aלום", "שלום"),  # a presentation form: shin with its dot as one character
    ],
)
def test_a_name_written_without_its_optional_marks_is_the_same_speaker(marked: str, plain: str) -> None:
    assert speaker_key(marked) == speaker_key(plain)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Йосип Коваль", "Иосип Коваль"),  # the Cyrillic breve makes another letter
        ("Андрій Йосипенко", "Андрій Иосипенко"),
        ("Ўктам Ахмедов", "Уктам Ахмедов"),
        ("Ёлкин", "Елкин"),  # a diaeresis on a Cyrillic letter is no Greek dialytika
        ("مؤمن", "مومن"),  # the hamza is part of its letter, not a vowel mark
        ("رئيس", "رييس"),
        ("Σωκράτης Παππάς", "Σωκρατις Παππας"),  # other Greek letters
        ("नरेंद्र मोदी", "नरेंद्र मदी"),  # Devanagari vowel signs are no optional marks
        ("मुकेश", "मकेश"),
        ("ชินวัตร", "ชินวตร"),  # nor are Thai vowel marks
    ],
)
def test_a_mark_that_makes_another_letter_keeps_names_apart(one: str, other: str) -> None:
    assert speaker_key(one) != speaker_key(other)


def test_greek_final_sigma_keys_as_the_medial_one() -> None:
    assert (
        speaker_key("Κυριάκος Μητσοτάκης") == speaker_key("κυριάκοσ μητσοτάκησ") == speaker_key("ΚΥΡΙΑΚΟΣ ΜΗΤΣΟΤΑΚΗΣ")
    )


def test_keys_in_other_scripts_move_only_by_the_dropped_marks() -> None:
    assert speaker_key("Κυριάκος Μητσοτάκης") == "kupiaĸoo mn̩ᴛooᴛaĸn̩o"
    assert speaker_key("Андрій Йосипенко") == "aʜдpiᴎ̆ ᴎ̆ocᴎπeʜĸo"  # as before: Cyrillic keeps its marks
    assert speaker_key("Владимир Путин") == "bлaдᴎʍᴎp πyᴛᴎʜ"


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("John Smith", "john smith"),
        ("Coalition Spokesman Col. Wayne Marotto", "wayne marotto"),
        ("the Pentagon's", "pentagon"),
        ("Mary-Kate O'Neill", "mary kate oneill"),
        ("Det Ch Insp Joanne Hale", "joanne hale"),
    ],
)
def test_a_plain_ascii_name_keeps_its_key(name: str, key: str) -> None:
    assert speaker_key(name) == key


def test_the_data_file_names_each_mark_as_unicode_does() -> None:
    """Each mark listed is the nonspacing mark its Unicode name says, so a typo in a code point cannot drop a
    letter; each script and list says where it comes from."""
    data = read_data_file("optional_marks.json")
    assert data["origin"]
    for entry in data["scripts"]:
        assert entry["origin"] and entry["marks"]
        assert any(
            unicodedata.name(chr(point), "").startswith(entry["script"] + " ") and chr(point).isalpha()
            for point in range(0x10000)
        ), entry["script"]  # a script as the names of its letters open
        for code, name in entry["marks"].items():
            mark = chr(int(code.removeprefix("U+"), 16))
            assert unicodedata.name(mark) == name, code
            assert unicodedata.category(mark) == "Mn", code
    stretching = data["stretching_letters"]
    assert stretching["origin"]
    for code, name in stretching["letters"].items():
        assert unicodedata.name(chr(int(code.removeprefix("U+"), 16))) == name, code
