"""Attribution extraction, round 44: a person's trade written before a person's name, one word or two, capitalised at
the start of a sentence or not ("Economist Priya Shah", "Harbour master Eli Fors", "ferry operator Tor Lie"), is the
speaker's role and no part of the name, as "Nurse Tom Baker" already was; a body's name ("Harbour Master Ltd") and a
name whose first word is both a trade and a given name ("Hunter James Biden") stay whole."""

from __future__ import annotations

import pytest

from extraction import AttributionExtractor, leading_office, speaker_key, split_role_prefix
from tests.unit.extraction_helpers import extract, one

# --- a speaker name as a client writes it -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "name", "role"),
    [
        ("Economist Priya Shah", "Priya Shah", "Economist"),
        ("Harbour master Eli Fors", "Eli Fors", "Harbour master"),
        ("harbour master Eli Fors", "Eli Fors", "harbour master"),
        ("Ferry operator Tor Lie", "Tor Lie", "Ferry operator"),
        ("Sheep farmer Gwen Price", "Gwen Price", "Sheep farmer"),
        ("Retail analyst Ada Kamara", "Ada Kamara", "Retail analyst"),
        ("Shop owner Jan Baker", "Jan Baker", "Shop owner"),
        ("Former economist Priya Shah", "Priya Shah", "Former economist"),
    ],
)
def test_a_trade_before_a_persons_name_is_the_role(written: str, name: str, role: str) -> None:
    """The name's key, the name the service shows and the role it keeps, as for "Nurse Tom Baker" (a job title):
    "Economist Priya Shah" and "Priya Shah" are one speaker."""
    assert split_role_prefix(written) == (None, name)
    assert speaker_key(written) == speaker_key(name)
    assert leading_office(written) == role


@pytest.mark.parametrize(
    "written",
    [
        "Harbour Master Ltd",  # a body's name: no person's name after the trade
        "Bank Street Surgery",
        "Young Farmers",
        "Baker Mayfield",  # a trade as a given name, a surname after it
        "Mason Reid",
        "Hunter James Biden",  # a capitalised trade that is a given name opens a person's name
        "Dean Michael Smith",
        "Tom Baker",
    ],
)
def test_a_name_that_opens_with_a_trade_stays_whole(written: str) -> None:
    assert split_role_prefix(written) == (None, written)
    assert leading_office(written) is None


def test_a_rank_stays_no_role() -> None:
    """ "Detective Sergeant", "Capt." are ranks: dropped from the name, kept as no role (unchanged)."""
    assert split_role_prefix("Detective Sergeant Ngozi Eke") == (None, "Ngozi Eke")
    assert leading_office("Detective Sergeant Ngozi Eke") is None
    assert leading_office("Capt. Lars Dahl") is None


# --- the same in an article -----------------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "words", "name", "role"),
    [
        ("Ferry operator Tor Lie said the crossings would not resume before the weekend.", "the crossings",
         "Tor Lie", "ferry operator"),
        ("Later, tour operator Ann Lee said bookings had fallen by half.", "bookings had fallen", "Ann Lee",
         "tour operator"),
    ],
)  # fmt: skip
def test_an_operator_with_a_persons_name_is_a_person(
    extractor: AttributionExtractor, text: str, words: str, name: str, role: str
) -> None:
    """ "operator" is a kind of company before a company's name ("airport operator Fraport"), but a person's trade
    before a person's name: a given name and a surname after "ferry operator" make a person, the trade the role."""
    speaker = one(extract(extractor, text), words).speaker
    assert (speaker.name, speaker.kind, speaker.named) == (name, "person", True)
    assert (speaker.role or "").lower() == role


@pytest.mark.slow
def test_he_after_an_operator_is_the_operator(extractor: AttributionExtractor) -> None:
    text = (
        "Ferry operator Tor Lie said the crossings would not resume before the weekend. "
        '"We cannot risk the boats on a broken pier," he said.'
    )
    speaker = one(extract(extractor, text), "We cannot risk").speaker
    assert (speaker.name, speaker.kind) == ("Tor Lie", "person")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "words", "name"),
    [
        ("Airport operator Fraport said passenger numbers had risen.", "passenger numbers", "Fraport"),
        ("Environmental group Green Mekong said the dam would harm fish stocks.", "the dam would", "Green Mekong"),
    ],
)
def test_a_body_after_its_kind_stays_a_body(extractor: AttributionExtractor, text: str, words: str, name: str) -> None:
    speaker = one(extract(extractor, text), words).speaker
    assert (speaker.name, speaker.kind) == (name, "organisation")
