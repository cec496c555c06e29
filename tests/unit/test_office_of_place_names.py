"""An office "of" a place with no person's name after it ("President of Portugal", "Mayor of London", "Secretary
of State") is a speaker of its own, keyed whole: taking "President of" off as a title left the place, so the
president's words and the country's were one source and a false self-contradiction joined them. With a person's
name after the place ("Mayor of London Sadiq Khan") the person is the speaker and the office, place and all, the
role."""

from __future__ import annotations

import pytest

from extraction import leading_office, normalize_speaker_name, speaker_key, split_role_prefix


@pytest.mark.parametrize(
    ("name", "stored"),
    [
        ("President of Portugal", "President of Portugal"),
        ("Mayor of London", "Mayor of London"),
        ("the Mayor of London", "Mayor of London"),
        ("Secretary of State", "Secretary of State"),
        ("Secretary of Defense", "Secretary of Defense"),
        ("Minister of Finance", "Minister of Finance"),
        ("Chancellor of the Exchequer", "Chancellor of the Exchequer"),
        ("Prince of Wales", "Prince of Wales"),
        ("Archbishop of Canterbury", "Archbishop of Canterbury"),
        ("Chief of Staff", "Chief of Staff"),
        ("President of Chad", "President of Chad"),  # "Chad" is a given name too: no surname after it
        ("Foreign Minister of Portugal", "Foreign Minister of Portugal"),
        ("Governor of the Bank of England", "Governor of the Bank of England"),
        ("Duke of Edinburgh", "Duke of Edinburgh"),
        ("Mayor of Jackson Chokwe Lumumba", "Mayor of Jackson Chokwe Lumumba"),  # no given name known: kept whole
    ],
)  # fmt: skip
def test_office_of_a_place_is_its_own_speaker(name: str, stored: str) -> None:
    """The name is kept whole, keyed whole, and never the place's: no role is taken off it."""
    assert split_role_prefix(name) == (None, stored)
    assert normalize_speaker_name(name) == stored
    assert speaker_key(name) == stored.casefold()
    assert leading_office(name) is None


@pytest.mark.parametrize(
    ("office", "place"),
    [("President of Portugal", "Portugal"), ("Mayor of London", "London"), ("Secretary of State", "State"),
     ("Prince of Wales", "Wales"), ("Foreign Minister of Portugal", "Portugal")],
)  # fmt: skip
def test_office_of_a_place_is_not_the_place(office: str, place: str) -> None:
    assert speaker_key(office) != speaker_key(place)


@pytest.mark.parametrize(
    ("name", "person", "office"),
    [
        ("Mayor of London Sadiq Khan", "Sadiq Khan", "Mayor of London"),
        ("Chancellor of the Exchequer Rachel Reeves", "Rachel Reeves", "Chancellor of the Exchequer"),
        ("Archbishop of Canterbury Justin Welby", "Justin Welby", "Archbishop of Canterbury"),
        ("Governor of the Bank of England Andrew Bailey", "Andrew Bailey", "Governor of the Bank of England"),
        ("Minister of Finance Jo Hart", "Jo Hart", "Minister of Finance"),
        ("President of the European Commission Ursula von der Leyen", "Ursula von der Leyen",
         "President of the European Commission"),
        # offices whose last word was already taken as a title stay as they were
        ("Secretary of State Antony Blinken", "Antony Blinken", "Secretary of State"),
        ("Speaker of the House Mike Johnson", "Mike Johnson", "Speaker of the House"),
        ("Secretary of Defense Lloyd Austin", "Lloyd Austin", "Secretary of Defense"),
        ("President Joe Biden", "Joe Biden", "President"),
        ("Attorney General Merrick Garland", "Merrick Garland", "Attorney General"),
    ],
)  # fmt: skip
def test_person_after_an_office_of_a_place_is_the_speaker(name: str, person: str, office: str) -> None:
    """The place belongs to the office, the role; the person's name alone is the source."""
    assert split_role_prefix(name) == (None, person)
    assert speaker_key(name) == speaker_key(person)
    assert leading_office(name) == office


def test_foreign_minister_of_a_place_before_a_person_keeps_the_place_in_the_role() -> None:
    """A role prefix before an office of a place ("Foreign Minister of Portugal Paulo Rangel")."""
    assert split_role_prefix("Foreign Minister of Portugal Paulo Rangel") == (
        "Foreign Minister of Portugal",
        "Paulo Rangel",
    )
