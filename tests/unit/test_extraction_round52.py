"""Attribution extraction, round 52: match reports, inquests, cathedral and farming news, tributes, tribunals.
A given name the parser read as a month ("Jan Most, a farmer, said") is the first word of the name; "The Dean of
Exeter, the Very Revd Alan Quayle, said" gives the office as the role and the styled name as the speaker; "the
supermarket supplier" is the business that supplies supermarkets, not one of them; counsel who "put it to her that
..." made a claim; a hyphenated role keeps its hyphen ("Co-author"); a described person with a "who" clause of
their life, whom the next claim of the paragraph names, is that person."""

from __future__ import annotations

import pytest

from extraction import AttributionExtractor
from tests.unit.extraction_helpers import extract, one

# --- a given name read as a month -----------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Jan Most, a farmer, said the cut would cost him about £30,000 a year.", "Jan Most"),
        ("Peter Gaunt, a farmer, said the cut would cost him about £30,000 a year.", "Peter Gaunt"),  # control
    ],
)
def test_a_given_name_read_as_a_month_is_part_of_the_name(
    extractor: AttributionExtractor, text: str, name: str
) -> None:
    """ "Jan Most": the parser hangs "Jan" on the verb as a date; before the surname it is the given name."""
    speaker = one(extract(extractor, text), "cost him").speaker
    assert speaker.name == name
    assert speaker.role == "farmer"


# --- an office of a place before a styled name ----------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("The Dean of Exeter, the Very Revd Alan Quayle, said nobody had been hurt.", "Alan Quayle", "dean"),
        ("The Bishop of Crediton, the Rt Revd Sarah Penrose, said nobody had been hurt.", "Sarah Penrose", "bishop"),
    ],
)
def test_an_office_of_a_place_is_the_role_of_the_styled_name(
    extractor: AttributionExtractor, text: str, name: str, role: str
) -> None:
    """ "The Dean of Exeter" is tagged a person ("Dean" is a given name); with "the" and "of" it is an office."""
    speaker = one(extract(extractor, text), "nobody had been hurt").speaker
    assert speaker.name == name
    assert role in (speaker.role or "").lower()


# --- the supermarket supplier ---------------------------------------------------------------------------------------


@pytest.mark.slow
def test_the_supermarket_supplier_is_the_business_that_supplies(extractor: AttributionExtractor) -> None:
    """A supplier described by its customers' kind is the business named before, not a customer named since."""
    text = (
        "Farmers will be paid less after Westcombe Dairies cut its price.\n\n"
        "The company, which supplies milk to Sainsbury's and Waitrose, said falling prices had left it no choice. "
        "The supermarket supplier said the new price would be reviewed in January."
    )
    assert one(extract(extractor, text), "reviewed in January").speaker.name == "Westcombe Dairies"


@pytest.mark.slow
def test_a_supermarket_is_no_supermarket_supplier(extractor: AttributionExtractor) -> None:
    """A body the article called "the supermarket" is not what "the supermarket supplier" means."""
    text = (
        "Tesco will stop selling loose fruit, the supermarket said on Tuesday.\n\n"
        "The supermarket supplier said it would need new packing lines."
    )
    assert one(extract(extractor, text), "packing lines").speaker.name != "Tesco"


# --- put it to someone that -----------------------------------------------------------------------------------------


@pytest.mark.slow
def test_putting_it_to_a_witness_is_a_claim(extractor: AttributionExtractor) -> None:
    """Counsel who "put it to her that ..." asserted the clause for the witness to accept or deny."""
    text = (
        "Mr Hale put it to her that the warning, not the complaint, was the reason for her dismissal. "
        '"That is not true," she replied.'
    )
    claim = one(extract(extractor, text), "reason for her dismissal")
    assert claim.speaker.name == "Hale"
    assert claim.kind == "indirect_quote"


@pytest.mark.slow
def test_putting_a_motion_to_a_vote_is_no_claim(extractor: AttributionExtractor) -> None:
    assert extract(extractor, "The chairman put it to a vote on Tuesday.") == []


# --- a hyphenated role ----------------------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Co-author Professor Susan Lintott said the find was important.", "co-author"),
        ("The vice-chair, Ann Lee, said the find was important.", "vice-chair"),
        ("Lead author Dr Mark Haydon said the find was important.", "lead author"),  # control
    ],
)
def test_a_hyphenated_role_keeps_its_hyphen(extractor: AttributionExtractor, text: str, role: str) -> None:
    assert (one(extract(extractor, text), "find was important").speaker.role or "").lower() == role


# --- a described person the next claim names ------------------------------------------------------------------------

_TRIBUTES = (
    "Tributes have been paid to Sue Penhale, who presented the breakfast show for 27 years.\n\n"
    "Among those paying tribute were two broadcasters who had worked alongside her: David Bassett, who read the news "
    "on her show, and Carol Venning, the former BBC Radio 2 presenter.\n\n"
    "The veteran broadcaster, who first met Penhale in 1976, said she had taught him how to talk to one listener. "
)


@pytest.mark.slow
def test_a_described_person_named_by_the_next_claim_is_that_person(extractor: AttributionExtractor) -> None:
    text = _TRIBUTES + '"She was the best," Bassett said.'
    assert one(extract(extractor, text), "one listener").speaker.name == "David Bassett"


@pytest.mark.slow
def test_a_description_without_a_who_clause_is_not_named_by_the_next_claim(extractor: AttributionExtractor) -> None:
    """Without the "who" clause of a known person's life, the next name may be someone else who spoke."""
    text = _TRIBUTES.replace(", who first met Penhale in 1976,", "") + '"She was the best," Bassett said.'
    assert one(extract(extractor, text), "one listener").speaker.name != "David Bassett"
