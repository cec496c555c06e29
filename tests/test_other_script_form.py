"""A speaker name with its own name in another script after it in parentheses ("Li Wei (李伟)"): the parenthetical is
that speaker's other-script form, kept as an alias; a description in parentheses ("(R-Texas)", "(Labour)") is none."""

from __future__ import annotations

import pytest

from extraction.names import other_script_form, speaker_key


@pytest.mark.parametrize(
    ("name", "form"),
    [
        ("Li Wei (李伟)", "李伟"),
        ("Vladimir Putin (Владимир Путин)", "Владимир Путин"),
        ("Mohammed bin Salman (محمد بن سلمان)", "محمد بن سلمان"),
        ("Kyriakos Mitsotakis (Κυριάκος Μητσοτάκης)", "Κυριάκος Μητσοτάκης"),
        ("Narendra Modi (नरेन्द्र मोदी)", "नरेन्द्र मोदी"),
        ("Shinzo Abe (安倍晋三)", "安倍晋三"),
        ("Moon Jae-in (문재인)", "문재인"),
        ("Donald Trump (唐纳德·特朗普)", "唐纳德·特朗普"),
        ("President Vladimir Putin (Владимир Путин)", "Владимир Путин"),
        ("  Li Wei  (  李伟 ) ", "李伟"),
        ("Li Wei (李\u200b伟)", "李伟"),
    ],
)
def test_a_name_in_another_script_is_the_other_script_form(name: str, form: str) -> None:
    assert other_script_form(name) == form


@pytest.mark.parametrize(
    "name",
    [
        "Li Wei",
        "李伟",
        "John Smith (R-Texas)",
        "Jane Doe (Labour)",
        "Ali Khan (left)",
        "Smith (pictured)",
        "Acme Corp (NYSE: ACM)",
        "Jo Hart (R-Ga.)",
        "Li Wei (李伟",  # cut short: no closing parenthesis
        "Li Wei (左)",  # one letter: "left", no name
        "Li Wei (2021)",
        "Li Wei (李伟 2021)",
        "Li Wei (李伟, 北京)",
        "Li Wei (Li 伟)",  # Latin letters in it: no other script
        "Pentagon (Реntagon)",  # a look-alike of the name in mixed letters
        "Cocoa (Сосоа)",  # a look-alike wholly in Cyrillic: the same key, nothing to add
        "Владимир Путин (Vladimir Putin)",  # Latin in parentheses may be a description ("(Labour)"): not taken
        "Владимир Путин (Путин)",  # the same script
        "(李伟)",  # no name before it
        "Li Wei (" + "李" * 81 + ")",  # too long for a name
        "Li Wei (李 伟 李 伟 李 伟 李)",  # too many words for a name
    ],
)
def test_a_description_or_same_script_parenthetical_is_no_other_script_form(name: str) -> None:
    assert other_script_form(name) is None


def test_the_stored_name_and_key_stay_those_of_the_bare_name() -> None:
    assert speaker_key("Li Wei (李伟)") == speaker_key("Li Wei") == "li wei"
    assert speaker_key(other_script_form("Li Wei (李伟)") or "") == "李伟"
