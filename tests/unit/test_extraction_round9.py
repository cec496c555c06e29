"""Attribution extraction, round 9 of fault-finding: relatives and couples sharing a surname, name particles the
parser misreads, press conferences that give an official by title before the name, quotations run over paragraphs
after "read a statement", a quotation whose speaker the next sentence names, lists under "said:", correction
notices, headlines' role nouns, companies tagged as places, and Cantonese names."""

from __future__ import annotations

import pytest

from extraction import AttributionExtractor
from tests.unit.extraction_helpers import extract, one

pytestmark = pytest.mark.slow


# --- relatives, couples and name particles ------------------------------------------------------------------------


def test_a_relative_introduced_by_given_name_alone_is_named(extractor: AttributionExtractor) -> None:
    text = (
        "Osric Pellow, a lock-keeper for 40 years, died on Friday.\n\n"
        "His younger brother, Dilwyn, said Osric had kept the canal open through the floods of 1968."
    )
    claim = one(extract(extractor, text), "kept the canal open")
    assert claim.speaker.name == "Dilwyn"
    assert claim.speaker.named


def test_a_name_with_a_particle_set_off_by_commas_names_the_relative(extractor: AttributionExtractor) -> None:
    text = (
        "Maria dos Santos, 58, said outside the court that the money would never replace the farm. "
        "Her brother, José dos Santos, said the company had known for years that the dam was unsafe."
    )
    claims = extract(extractor, text)
    assert one(claims, "never replace the farm").speaker.name == "Maria dos Santos"
    assert one(claims, "had known for years").speaker.name == "José dos Santos"


def test_a_family_name_with_a_particle_takes_the_latest_full_name(extractor: AttributionExtractor) -> None:
    text = (
        "Maria dos Santos, 58, said outside the court that the money would never replace the farm. "
        "Her brother, José dos Santos, said the company had known for years that the dam was unsafe.\n\n"
        "Dos Santos, who lost his wife in the disaster, said he would give part of the award to other families."
    )
    assert one(extract(extractor, text), "part of the award").speaker.name == "José dos Santos"


def test_mr_and_a_shared_surname_is_the_husband_not_the_wife(extractor: AttributionExtractor) -> None:
    text = (
        "Brian and Kathleen Ashdown have farmed at Hollins End since 1979.\n\n"
        "Mrs Ashdown said the river had never come so close to the house.\n\n"
        "Mr Ashdown, 71, said the insurer had refused to pay for the flooded barn."
    )
    claims = extract(extractor, text)
    assert one(claims, "never come so close").speaker.name == "Kathleen Ashdown"
    assert one(claims, "refused to pay").speaker.name == "Brian Ashdown"


def test_her_husband_is_the_one_man_of_her_surname(extractor: AttributionExtractor) -> None:
    text = (
        "Graham and Wendy Tilsley have run the village shop in Ebbing since 1991.\n\n"
        "Mrs Tilsley said the post office counter had closed in March.\n\n"
        "Her husband said the shop would not survive another winter."
    )
    claim = one(extract(extractor, text), "another winter")
    assert claim.speaker.name == "Graham Tilsley"


def test_her_brother_stays_unnamed_when_two_men_share_her_surname(extractor: AttributionExtractor) -> None:
    text = (
        "Graham Tilsley, Robert Tilsley and Wendy Tilsley inherited the shop in 1991.\n\n"
        "Wendy Tilsley said the post office counter had closed in March.\n\n"
        "Her brother said the shop would not survive another winter."
    )
    claim = one(extract(extractor, text), "another winter")
    assert not claim.speaker.named


# --- press conferences: an official by title first, by name later -------------------------------------------------


def test_a_lead_by_title_takes_the_courtesy_title_and_surname_below(extractor: AttributionExtractor) -> None:
    text = (
        "Officials defend storm response\n\n"
        "The prime minister defended the response on Thursday, telling reporters that the warnings had gone out "
        "on time.\n\n"
        "Ms Tauranga, who flew in on Wednesday, said 1,800 people remained in shelters."
    )
    claims = extract(extractor, text)
    later = one(claims, "1,800 people")
    assert later.speaker.name == "Tauranga" and later.speaker.kind == "person"
    assert one(claims, "warnings had gone out").speaker.name == "Tauranga"


def test_a_narrated_office_in_apposition_names_a_later_the_office(extractor: AttributionExtractor) -> None:
    text = (
        "The mayor of Ashby, Patrick Donnelly, faced two hours of questions on Monday.\n\n"
        "A student asked whether fares would rise again. The mayor said there would be no fare increase this year."
    )
    assert one(extract(extractor, text), "no fare increase").speaker.name == "Patrick Donnelly"
    text = (
        "The governor of Tanvale, Denise Oyelaran, opened the new bridge on Monday.\n\n"
        "A pupil asked whether tolls would rise. The governor said there would be no toll this year."
    )
    assert one(extract(extractor, text), "no toll").speaker.name == "Denise Oyelaran"


def test_the_description_repeated_with_a_name_names_the_leads_speaker(extractor: AttributionExtractor) -> None:
    text = (
        "Aide says border talks are close to a deal\n\n"
        "OSLO - Norway and Sweden are close to a deal on border checks, an aide to the justice minister said on "
        "Thursday.\n\n"
        "The aide, Sunniva Haugland, said the two sides had narrowed their differences."
    )
    claims = extract(extractor, text)
    assert one(claims, "close to a deal on border checks").speaker.name == "Sunniva Haugland"
    headline = one(claims, "border talks are close")
    assert headline.speaker.name != "Aide"


def test_a_headline_role_noun_is_a_description_not_a_name(extractor: AttributionExtractor) -> None:
    text = "Nurse says ward ran out of oxygen\n\nThe hospital denied any shortage on Monday."
    claim = one(extract(extractor, text), "ran out of oxygen")
    assert not claim.speaker.named
    assert claim.speaker.name == "nurse"


# --- quotations -----------------------------------------------------------------------------------------------------


def test_a_statement_read_out_is_the_quotation_over_the_next_paragraphs(extractor: AttributionExtractor) -> None:
    text = (
        "A paramedic told the inquiry of the night the ambulances ran out of fuel.\n\n"
        "Corinne Abebe-Hale, who had driven for the service for 12 years, read a prepared statement.\n\n"
        "\u201cAt midnight the depot pumps stopped. We had nine crews on the road and no warning at all.\n\n"
        "\u201cWe phoned the duty manager three times. Nobody answered for an hour.\u201d\n\n"
        "The service said the fault was caused by a power cut."
    )
    claims = extract(extractor, text)
    assert one(claims, "nine crews on the road").speaker.name == "Corinne Abebe-Hale"
    assert one(claims, "Nobody answered for an hour").speaker.name == "Corinne Abebe-Hale"


def test_a_statement_not_followed_by_a_quotation_announces_nothing(extractor: AttributionExtractor) -> None:
    text = (
        "Corinne Abebe-Hale read a prepared statement.\n\n"
        "The depot's pumps stopped at midnight, and nine crews were on the road."
    )
    assert extract(extractor, text) == []


def test_a_quotation_takes_the_named_speaker_of_the_next_sentence(extractor: AttributionExtractor) -> None:
    text = (
        "The league said Brandt had admitted a charge of misconduct.\n\n"
        '"We accept the fine. Jonas knows he crossed a line." United coach Marta Field said the club would not '
        "appeal."
    )
    claim = one(extract(extractor, text), "We accept the fine")
    assert claim.speaker.name == "Marta Field"


def test_a_quotation_then_a_pronoun_speaker_is_not_guessed(extractor: AttributionExtractor) -> None:
    text = (
        "The league said Brandt had admitted a charge of misconduct.\n\n"
        '"We accept the fine. Jonas knows he crossed a line." He said the club would not appeal.'
    )
    assert not [c for c in extract(extractor, text) if "We accept the fine" in c.text]


def test_every_item_of_a_list_under_said_colon_is_said(extractor: AttributionExtractor) -> None:
    text = (
        "The Ministry of Transport said on Sunday that a signal fault had stopped trains across the north.\n\n"
        "The ministry said:\n"
        "- Replacement buses are running on all routes.\n"
        "- About 400 services have been cancelled.\n"
        "- Tickets will be valid on Monday.\n\n"
        "Passengers told local radio that the buses were full."
    )
    claims = extract(extractor, text)
    for words in ("Replacement buses", "About 400 services", "Tickets will be valid"):
        claim = one(claims, words)
        assert claim.speaker.name == "Ministry of Transport"
        assert not claim.text.startswith("-")
    assert one(claims, "the buses were full").speaker.name != "Ministry of Transport"


def test_a_correction_notice_is_no_claim(extractor: AttributionExtractor) -> None:
    text = (
        "Zinc output fell 3.2% in May, the mines ministry said.\n\n"
        "Correction: An earlier version of this story said output fell 4.2%."
    )
    claims = extract(extractor, text)
    assert [c.text for c in claims] == ["Zinc output fell 3.2% in May"]


# --- names: bodies the recogniser took for places, Cantonese names --------------------------------------------------


def test_a_state_owned_name_tagged_a_place_is_the_company_that_said(extractor: AttributionExtractor) -> None:
    text = (
        "Peru's zinc production fell 4% in March, the energy ministry said on Friday.\n\n"
        "Output at state-owned Minerperu fell 11%, the company said separately."
    )
    assert one(extract(extractor, text), "Output at state-owned").speaker.name == "Minerperu"


def test_a_cantonese_name_cut_at_its_hyphen_is_whole_and_its_family_name_takes_it(
    extractor: AttributionExtractor,
) -> None:
    text = (
        "Lawmaker Regina Ip Lau Suk-yee welcomed the move but said it came too late for young buyers. "
        "Ip said her office had received hundreds of complaints."
    )
    claims = extract(extractor, text)
    assert one(claims, "too late for young buyers").speaker.name == "Regina Ip Lau Suk-yee"
    assert one(claims, "hundreds of complaints").speaker.name == "Regina Ip Lau Suk-yee"


def test_figures_that_show_a_clause_without_that_are_their_makers(extractor: AttributionExtractor) -> None:
    text = "Tourism makes up a fifth of the economy. Figures from Statistics Portugal show hotel stays rose 9% in July."
    claim = one(extract(extractor, text), "hotel stays rose")
    assert claim.speaker.name == "Statistics Portugal"
    assert claim.text == "hotel stays rose 9% in July"
