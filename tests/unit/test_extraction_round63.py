"""Attribution extraction, round 63 (hand-written Arizona Senate session, a Newfoundland and Labrador story, an
analysts' note story, a results statement with bullet lists, a city council meeting; and round 62's leftovers):
"pro tempore" after an office is part of the office, Canada's provincial members' letters ("MPP", "MHA", "MNA")
are a seat's letters like "MP", reported words ending on a colon go on in the list below, "..., wrote analysts at
Barclays" is the analysts', and "According to Morningstar analyst Karen Oyelaran," is hers."""

from __future__ import annotations

import pytest

from extraction import AttributionExtractor
from extraction.names import speaker_key
from tests.unit.extraction_helpers import extract, one

LEAD = "The bill was published on Monday.\n\n"

# --- "pro tempore" is the office's --------------------------------------------------------------------------------


@pytest.mark.slow
def test_president_pro_tempore_is_the_office_not_the_name(extractor: AttributionExtractor) -> None:
    """The recogniser cuts the name after "Senate President" and reads "Pro Tempore" as the name's first words."""
    text = LEAD + "Senate President Pro Tempore Dale Kessler said the bill would freeze housing in rural Arizona."
    claim = one(extract(extractor, text), "freeze housing")
    assert claim.speaker.name == "Dale Kessler"
    assert "pro tempore" in (claim.speaker.role or "").lower()


@pytest.mark.slow
def test_mayor_pro_tem_is_the_office_not_the_name(extractor: AttributionExtractor) -> None:
    text = LEAD + "Mayor Pro Tem Sandra Ruiz said the council needed more information on how the money would be spent."
    claim = one(extract(extractor, text), "more information")
    assert claim.speaker.name == "Sandra Ruiz"
    assert (claim.speaker.role or "").lower() == "mayor pro tem"


def test_pro_tempore_keys_with_the_office_and_alone_is_the_office() -> None:
    assert speaker_key("Senate President Pro Tempore Dale Kessler") == speaker_key("Dale Kessler")
    assert speaker_key("President Pro Tem. Dale Kessler") == "dale kessler"
    assert speaker_key("Speaker Pro Tempore") == "speaker pro tempore"  # the office alone keeps its whole name
    assert speaker_key("Pro Tempore Dale Kessler") == "pro tempore dale kessler"  # no office before: no title


# --- provincial members' letters ----------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("opening", "name", "letters"),
    [
        ("Progressive Conservative MHA Helen Foote, the party's health critic,", "Helen Foote", "MHA"),
        ("Liberal MPP Adil Shamji, the party's housing critic,", "Adil Shamji", "MPP"),
        ("Liberal MNA Marwah Rizqy", "Marwah Rizqy", "MNA"),
    ],
)
def test_a_provincial_members_letters_are_the_role(
    extractor: AttributionExtractor, opening: str, name: str, letters: str
) -> None:
    text = LEAD + f"{opening} said the government had ignored the problem for three years."
    claim = one(extract(extractor, text), "ignored the problem")
    assert claim.speaker.name == name
    assert claim.speaker.kind == "person"
    assert letters in (claim.speaker.role or "")


def test_provincial_members_letters_after_a_name_are_no_part_of_it() -> None:
    assert speaker_key("Jo Hart MPP") == speaker_key("Jo Hart MHA") == "jo hart"
    assert speaker_key("Marwah Rizqy MNA") == "marwah rizqy"


# --- a colon before a list ----------------------------------------------------------------------------------------


@pytest.mark.slow
def test_reported_words_ending_on_a_colon_take_the_list_below(extractor: AttributionExtractor) -> None:
    text = (
        "Northmere Foods reported results on Wednesday.\n\n"
        "The company said it would:\n\n"
        "- pay an interim dividend of 4.2p a share;\n\n"
        "- close its site in Hull, affecting about 180 jobs.\n\n"
        "The GMB union said it would seek urgent talks about the Hull closure."
    )
    claims = extract(extractor, text)
    claim = one(claims, "interim dividend")
    assert claim.text.startswith("it would:")
    assert claim.text.endswith("affecting about 180 jobs.")
    assert claim.speaker.name == "Northmere Foods"
    assert one(claims, "urgent talks").speaker.name == "GMB"


@pytest.mark.slow
def test_a_list_after_a_colon_stops_at_the_first_line_that_is_no_item(extractor: AttributionExtractor) -> None:
    text = (
        "Forecasters issued a warning on Monday.\n\n"
        "In its warning, the Met Office said people should expect:\n\n"
        "- power cuts that could affect mobile phone coverage;\n\n"
        "- damage to buildings, with tiles blown from roofs.\n\n"
        "Roads were closed across Devon."
    )
    claim = one(extract(extractor, text), "people should expect")
    assert claim.text.endswith("tiles blown from roofs.")


# --- a cue set after its clause, the speaker parsed as its object -------------------------------------------------


@pytest.mark.slow
def test_wrote_analysts_at_a_bank_after_the_clause_is_the_analysts(extractor: AttributionExtractor) -> None:
    text = (
        "Corvane shares fell on Monday.\n\n"
        "The results put Corvane a clear step behind its rivals, wrote analysts at Barclays, who kept an "
        "equal-weight rating on the stock."
    )
    claim = one(extract(extractor, text), "clear step")
    assert claim.speaker.name == "analysts at Barclays"


@pytest.mark.slow
def test_adding_after_an_inverted_wrote_is_the_same_analysts(extractor: AttributionExtractor) -> None:
    text = (
        "Lumen Labs unveiled a headset on Wednesday.\n\n"
        'The price was "aggressive but not disruptive", wrote analysts at Bernstein in a note to clients, adding '
        "that the market for headsets remained small."
    )
    claims = extract(extractor, text)
    assert "Bernstein" in one(claims, "aggressive").speaker.name
    assert "Bernstein" in one(claims, "remained small").speaker.name


# --- "according to" an analyst the parser made the clause's subject -----------------------------------------------


@pytest.mark.slow
def test_according_to_a_firms_analyst_by_name_is_the_analyst(extractor: AttributionExtractor) -> None:
    text = (
        "Corvane shares fell on Monday.\n\n"
        "According to Morningstar analyst Karen Oyelaran, the market for obesity drugs could reach $100 billion a "
        "year by 2030."
    )
    claim = one(extract(extractor, text), "obesity drugs")
    assert claim.text.startswith("the market")
    assert claim.speaker.name == "Karen Oyelaran"
    assert claim.speaker.role == "Morningstar analyst"


# --- "highlighted:" over a list -----------------------------------------------------------------------------------


@pytest.mark.slow
def test_highlighted_over_a_list_says_each_item(extractor: AttributionExtractor) -> None:
    text = (
        "Northmere Foods reported results on Wednesday.\n\n"
        "In its statement, the company highlighted:\n\n"
        "- revenue up 7.4% to £1.91 billion;\n\n"
        "- net debt down to £310 million.\n\n"
        "The report highlighted the need for more nurses in rural hospitals."
    )
    claims = extract(extractor, text)
    assert one(claims, "revenue up").speaker.name == "Northmere Foods"
    assert one(claims, "net debt").speaker.name == "Northmere Foods"
    assert not [c for c in claims if "nurses" in c.text]  # a plain object is no statement


# --- the company whose shares moved -------------------------------------------------------------------------------


@pytest.mark.slow
def test_shares_of_a_company_are_no_body_and_the_company_is_it(extractor: AttributionExtractor) -> None:
    """ "Shares of X", capitalised as its sentence opens, is no body named for its members ("Friends of the
    Earth"); X, whose shares moved, is the company a later "the company said" means."""
    text = (
        "Shares of Corvane Pharmaceuticals fell 14% on Monday.\n\n"
        "Patients lost an average of 11.2% of their body weight, the company said on Sunday."
    )
    claim = one(extract(extractor, text), "body weight")
    assert claim.speaker.name == "Corvane Pharmaceuticals"


# --- a place whose name joins words with "and" --------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("verb", ["said", "welcomed the hires but warned that"])
def test_a_body_named_for_newfoundland_and_labrador_keeps_the_whole_place(
    extractor: AttributionExtractor, verb: str
) -> None:
    text = LEAD + f"The Registered Nurses' Union Newfoundland and Labrador {verb} the hires would not fill the posts."
    claim = one(extract(extractor, text), "not fill")
    assert claim.speaker.name == "Registered Nurses' Union Newfoundland and Labrador"
    assert claim.speaker.kind == "organisation"


# --- a brewery is a body --------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_the_brewery_is_an_organisation(extractor: AttributionExtractor) -> None:
    text = LEAD + "The brewery said in its release that all deliveries would use the A120."
    claim = one(extract(extractor, text), "deliveries")
    assert claim.speaker.kind == "organisation"
