"""Attribution extraction, round 62 (hand-written Ontario and South African politics, a Philippine Senate hearing,
a tech launch with analysts' notes, a storm warning, a local paper's press release and an opinion poll): a "he"
in the paragraph after a person whose given name one locale's list alone calls a woman's ("Olly", a short form of
Oliver as well) is that person's, not a man who spoke paragraphs above."""

from __future__ import annotations

import pytest

from extraction import AttributionExtractor
from tests.unit.extraction_helpers import extract, one

# --- a thinly attested given name does not send "he" far back ---------------------------------------------------


@pytest.mark.slow
def test_he_in_the_next_paragraph_is_the_councillor_with_a_unisex_short_name(extractor: AttributionExtractor) -> None:
    text = (
        "Forecaster Paul Gundersen said the strongest winds would arrive before dawn.\n\n"
        "Several schools said they would close on Thursday.\n\n"
        "Several roads were closed overnight.\n\n"
        "Councillor Olly Monk, the council's portfolio holder for transport, said crews were on standby.\n\n"
        "\"If you don't need to travel, please don't,\" he said."
    )
    claim = one(extract(extractor, text), "travel")
    assert claim.speaker.name == "Olly Monk"


@pytest.mark.slow
def test_he_in_the_next_paragraph_after_a_woman_named_by_many_lists_is_not_hers(
    extractor: AttributionExtractor,
) -> None:
    """The control: "Margaret" is a woman's name in many locales, so "he" keeps to the man above."""
    text = (
        "Forecaster Paul Gundersen said the strongest winds would arrive before dawn.\n\n"
        "Councillor Margaret Monk said crews were on standby.\n\n"
        "\"If you don't need to travel, please don't,\" he said."
    )
    claim = one(extract(extractor, text), "travel")
    assert claim.speaker.name == "Paul Gundersen"


# --- a chamber of commerce is no firm -----------------------------------------------------------------------------


@pytest.mark.slow
def test_the_firm_after_a_chamber_of_commerce_chief_is_the_company(extractor: AttributionExtractor) -> None:
    """The chamber's chief executive brings the chamber back as the latest body; "the firm" is still the brewer."""
    text = (
        "Tollgate Brewing Company said in a press release that the new plant would triple its output.\n\n"
        "Essex Chambers of Commerce chief executive Denise Rossiter said small manufacturers were struggling.\n\n"
        "The firm said it would also hold a recruitment day at Harwich Library on November 8."
    )
    claim = one(extract(extractor, text), "recruitment day")
    assert claim.speaker.name == "Tollgate Brewing Company"
