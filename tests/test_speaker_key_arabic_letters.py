"""Speaker keys read the Arabic-script letters that writers of one name use for one another as one letter
(extraction/data/interchangeable_letters.json): an alef with a hamza or madda, or an alef wasla, is the bare alef
("أحمد" and "احمد" are one person as newsrooms write him), a teh marbuta is a heh ("فاطمة", "فاطمه"), an alef
maksura and a Persian yeh are a yeh and a keheh is a kaf (which the look-alike skeleton folded already). Different
names stay apart, and names in other scripts keep their keys."""

from __future__ import annotations

import unicodedata

import pytest

from extraction.data_files import read_data_file
from extraction.names import speaker_key


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("أحمد", "احمد"),  # alef with hamza above
        ("إبراهيم", "ابراهيم"),  # alef with hamza below
        ("آمنة", "امنة"),  # alef with madda
        ("آمنة", "امنه"),  # madda and teh marbuta together
        ("فاطمة", "فاطمه"),  # teh marbuta
        ("مصطفى", "مصطفي"),  # alef maksura
        ("علی", "علي"),  # Farsi yeh
        ("على", "علي"),  # a final yeh written without its dots
        ("کاظم", "كاظم"),  # keheh
        ("مهدی کروبی", "مهدي كروبي"),
        ("یحیی", "يحيى"),
        ("نیکی کریمی", "نيكي كريمي"),
        ("عبد ٱلله", "عبد الله"),  # alef wasla
        ("أحمد إبراهيم", "احمد ابراهيم"),
        ("أحـمد", "احمد"),  # with a tatweel
        ("إِبْرَاهِيم", "ابراهيم"),  # with vowel marks
        ("\u0627\u0654\u062d\u0645\u062f", "احمد"),  # alef and a combining hamza
        ("\ufe83\u062d\u0645\u062f", "احمد"),  # a presentation form of the alef with hamza
    ],
)
def test_a_name_written_with_either_letter_is_the_same_speaker(one: str, other: str) -> None:
    assert speaker_key(one) == speaker_key(other)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("أحمد", "محمد"),  # Ahmad, Muhammad
        ("احمد", "حمد"),  # Ahmad, Hamad
        ("سعيد", "سعد"),  # Said, Saad
        ("علي", "علياء"),  # Ali, Alia
        ("أمينة", "آمنة"),  # Amina, Amna
        ("سامي", "سامية"),  # Sami, Samia
        ("کریم", "گریم"),  # keheh and gaf are two letters
        ("مؤمن", "أمين"),
    ],
)
def test_different_names_stay_apart(one: str, other: str) -> None:
    assert speaker_key(one) != speaker_key(other)


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Ahmed Ibrahim", "ahmed ibrahim"),
        ("Олександр Коваленко", "oлeĸcaʜдp koʙaлeʜĸo"),
        ("Κυριάκος Μητσοτάκης", "kupiaĸoo mn̩ᴛooᴛaĸn̩o"),
        ("גיל", "גיל"),
        ("山田太郎", "山田太郎"),
        ("Ngô Bảo Châu", "ngo bao chau"),
        ("محمد", "محمد"),  # none of the letters folded
        ("مؤمن", "مؤمن"),  # the hamza on a waw stays
    ],
)
def test_keys_without_the_folded_letters_do_not_move(name: str, key: str) -> None:
    assert speaker_key(name) == key


def test_the_data_file_names_each_letter_as_unicode_does() -> None:
    """Each letter and the letter it is read as are the Arabic letters their Unicode names say, so a typo in a code
    point cannot fold two names into one; each says where it comes from."""
    data = read_data_file("interchangeable_letters.json")
    assert data["origin"]
    for entry in data["letters"]:
        letter, written_as = (chr(int(entry[field].removeprefix("U+"), 16)) for field in ("letter", "written_as"))
        assert unicodedata.name(letter) == entry["name"], entry["letter"]
        assert entry["origin"]
        for char in (letter, written_as):
            assert char.isalpha() and unicodedata.name(char).startswith("ARABIC LETTER "), entry["letter"]
