"""Speaker keys keep the letters the look-alike skeleton would turn into no letter (h136's notes): UTS #39 folds the
Hebrew yod to an apostrophe, which the key drops, so "בנימין" keyed as "בנמl" and names that differ by a yod ("גיל"
Gil and "גל" Gal) were one source. The skeleton still folds look-alikes across scripts (a Cyrillic "а" in
"Pentаgon"), and modifier letters still fold to the apostrophe they look like (a Ukrainian "ʼ", a Hawaiian okina)."""

from __future__ import annotations

import unicodedata

import pytest

from extraction.confusables import _representative_of, confusable_skeleton, prototypes
from extraction.names import speaker_key

_SCRIPT_LETTERS = {"Lu", "Ll", "Lt", "Lo"}


def _letters_folded_to_no_word_character() -> list[str]:
    return [
        char
        for char, target in prototypes().items()
        if unicodedata.category(char) in _SCRIPT_LETTERS and not any(c.isalnum() for c in _representative_of(target))
    ]


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("גיל כהן", "גל כהן"),  # Gil and Gal
        ("דינה לוי", "דנה לוי"),  # Dina and Dana
        ("רמי לוי", "רמ לוי"),
        ("בנימין נתניהו", "בנמין נתנהו"),
        ("山田太郎", "田太郎"),  # 山 and 田 fold to CJK radicals, symbols the key dropped: both were "太郎"
        ("李子", "李"),
    ],
)
def test_names_that_differ_by_a_yod_stay_different(one: str, other: str) -> None:
    assert speaker_key(one) != speaker_key(other)


def test_the_yod_is_in_the_key() -> None:
    assert speaker_key("בנימין נתניהו").count("\u05d9") == 3
    assert speaker_key("בִּנְיָמִין נְתַנְיָהוּ") == speaker_key("בנימין נתניהו")  # niqqud stays optional


@pytest.mark.parametrize(
    ("spoofed", "plain"),
    [
        ("Pentаgon", "Pentagon"),  # Cyrillic а
        ("Wаyne Mаrotto", "Wayne Marotto"),
        ("Ηillary Clinton", "Hillary Clinton"),  # Greek Eta
        ("𝐏entagon", "Pentagon"),  # a mathematical letter
        ("Марʼяна Коваль", "Мар’яна Коваль"),  # the modifier letter apostrophe still folds to the apostrophe
        ("Марʼяна Коваль", "Мар'яна Коваль"),
        ("Keʻala Kahale", "Ke'ala Kahale"),  # the okina, a modifier letter
    ],
)
def test_look_alikes_still_fold(spoofed: str, plain: str) -> None:
    assert speaker_key(spoofed) == speaker_key(plain)


@pytest.mark.parametrize("name", ["方文山", "毛泽东", "大山", "小林一郎"])
def test_chinese_and_japanese_names_keep_every_ideograph(name: str) -> None:
    """Over 200 CJK ideographs (大, 山, 子, 文, 方, 毛...) have a Kangxi radical, a symbol, as their look-alike; "方文山"
    had an empty key."""
    assert len(speaker_key(name)) == len(name)


def test_no_letter_of_a_script_is_folded_out_of_its_key() -> None:
    """Every letter the look-alike table takes to no letter or digit (the yod, the Latin glottal stop, Lisu tone
    letters, some CJK ideographs) stays in the skeleton and the key."""
    letters = _letters_folded_to_no_word_character()
    assert "\u05d9" in letters and "\u0294" in letters  # the yod, the Latin glottal stop
    assert len(letters) > 100
    for letter in letters:
        assert confusable_skeleton(letter) == unicodedata.normalize("NFC", letter), letter
    lost = [
        letter
        for letter in letters
        # after a word of two letters: after "x" the two would be initials, joined into one word (0047)
        if not speaker_key(f"a{letter}b").startswith("a") or len(speaker_key(f"xy {letter}")) < 4
    ]
    assert not lost, lost


def test_letters_folded_to_a_digit_keep_their_fold() -> None:
    """A digit is a word character the key keeps: a Cyrillic "З" folds to "3" as before, so keys stay."""
    assert confusable_skeleton("З") == "3"
    assert speaker_key("Зоя Коваль") == speaker_key("Зоя Коваль".replace("З", "3"))
