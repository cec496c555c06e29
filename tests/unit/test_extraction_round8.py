"""Attribution extraction, round 8 of fault-finding: features with pronoun chains, leads that describe a speaker
the next paragraph names, companies described by their trade or ownership, polls and statistics, sports epithets,
and cues that report no statement (a saying asked for, a quotation run on into "continue")."""

from __future__ import annotations

import pytest

from extraction import AttributionExtractor
from extraction.text import blank_dateline
from tests.unit.extraction_helpers import extract, one

pytestmark = pytest.mark.slow


# --- datelines and the subjects of features ---------------------------------------------------------------------


def test_a_plain_hyphen_dateline_is_no_part_of_the_speaker(extractor: AttributionExtractor) -> None:
    text = (
        "Telecoms firm posts loss\n\nNAIROBI - Kestrel Mobile said on Tuesday that its half-year loss had narrowed "
        "to 2 billion shillings."
    )
    assert one(extract(extractor, text), "half-year loss").speaker.name == "Kestrel Mobile"


@pytest.mark.parametrize(
    ("paragraph", "blanked"),
    [
        ("SEOUL - Acme said it would grow.", True),
        ("RIO DE JANEIRO - Acme said it would grow.", True),
        ("KILLYBEGS, Ireland - Acme said it would grow.", True),
        ("U.S. - China talks end without a deal", False),
        ("EU - China summit ends", False),
    ],
)
def test_which_hyphens_open_a_dateline(paragraph: str, blanked: bool) -> None:
    assert (blank_dateline(paragraph).startswith(" ")) is blanked
    assert len(blank_dateline(paragraph)) == len(paragraph)


def test_a_name_in_apposition_to_the_subject_is_the_next_he(extractor: AttributionExtractor) -> None:
    text = (
        "Ferry crews fear cuts\n\nPadraig Keane has worked the ferry for 20 years. He said the new timetable would "
        "cost jobs.\n\nAt the pier, the lock keeper, Ruairí Ó Dónaill, was less worried. He said a new operator "
        "had bid for the route."
    )
    assert one(extract(extractor, text), "new operator").speaker.name == "Ruairí Ó Dónaill"


def test_a_his_after_the_speaker_agrees_with_the_he_of_a_thinly_listed_name(extractor: AttributionExtractor) -> None:
    text = (
        "Spill in the Copperbelt\n\nA mining company denied that it had dumped acid waste into the river.\n\n"
        "Environment minister Mike Mposha rejected claims that the government had played down the spill. He said "
        "inspectors had been sent to the site on the day it happened.\n\nChanda Mwansa, who farms near Chingola, "
        'said his cattle had refused to drink from the river for a week. "The water turned orange. Nobody told us '
        'anything," he said.'
    )
    assert one(extract(extractor, text), "turned orange").speaker.name == "Chanda Mwansa"


# --- companies described by trade, rank or ownership ------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second", "name"),
    [
        ("Velmora Semiconductor said on Thursday that its quarterly profit had tripled.",
         "The world's third-largest memory chipmaker said it expected prices to keep rising next year.",
         "Velmora Semiconductor"),
        ("Orvik Bank said on Monday it would cut 900 jobs.",
         "The Oslo-based lender said most of the cuts would fall in its branch network.", "Orvik Bank"),
    ],
)  # fmt: skip
def test_a_ranked_or_placed_description_is_the_company_just_named(
    extractor: AttributionExtractor, first: str, second: str, name: str
) -> None:
    claims = extract(extractor, f"Results\n\n{first}\n\n{second}")
    assert [c.speaker.name for c in claims] == [name, name]
    assert claims[1].speaker.kind == "organisation"


def test_a_state_owned_company_keeps_its_name_without_the_description(extractor: AttributionExtractor) -> None:
    text = (
        "Power prices to rise\n\nState-owned Tarvona Electric Power Corporation said it would raise industrial "
        "power prices by 4% from May. The utility said the increase was needed to cut its debt."
    )
    claims = extract(extractor, text)
    assert [c.speaker.name for c in claims] == ["Tarvona Electric Power Corporation"] * 2


def test_a_state_miner_the_recogniser_calls_a_person_is_a_company(extractor: AttributionExtractor) -> None:
    text = (
        "Coal royalties rise\n\nState miner Bolormaa Tavan Uul said the change would cut its profit this year. "
        "The company added that it expected to export 30 million tonnes of coal."
    )
    claims = extract(extractor, text)
    assert [(c.speaker.name, c.speaker.kind) for c in claims] == [("Bolormaa Tavan Uul", "organisation")] * 2


def test_a_name_after_its_kind_of_company_names_it(extractor: AttributionExtractor) -> None:
    text = (
        "Fuel prices cut\n\nPeruvian state-controlled oil company Petroperu said on Tuesday it would cut the price "
        "of diesel by 3%.\n\nThe company said the cut reflected lower crude prices."
    )
    assert [c.speaker.name for c in extract(extractor, text)] == ["Petroperu", "Petroperu"]


@pytest.mark.parametrize(
    "text",
    [
        "Chip profits\n\nHanil Kessa said on Thursday that its quarterly operating profit had doubled to a record.\n\n"
        "The company said demand would stay strong.",
        "Tarsung expects profit jump\n\nSEOUL, July 7 (Reuters) - Tarsung Electronics said on Monday it expected "
        "profit to rise 40%.\n\nThe world's largest display maker said in a statement that sales were likely about "
        "80 trillion won.",
    ],
)
def test_a_name_that_says_its_or_ends_in_a_company_word_is_a_company(
    extractor: AttributionExtractor, text: str
) -> None:
    claims = extract(extractor, text)
    first = claims[0].speaker
    assert first.kind == "organisation"
    assert claims[1].speaker.name == first.name


# --- a lead's description, the next paragraph's name ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lead", "name"),
    [
        ("Rail boss tells MPs delays 'unacceptable'\n\nThe chief executive of Northline Rail told MPs on Tuesday "
         "that delays on the route last winter were unacceptable.\n\nMarta Kowalczyk told the transport committee "
         "that the company would spend £2 billion on new trains by 2030.", "delays on the route", "Marta Kowalczyk"),
        ("Dockers strike over pay\n\nThousands of dockers walked off the job on Monday, their union said, after "
         "talks on pay broke down.\n\nThe Harbour Workers Union of Tanzania said 12 ports had stopped loading ships.",
         "walked off the job", "Harbour Workers Union of Tanzania"),
        ("Miner denies spill\n\nA copper miner on Thursday denied that it had dumped waste into the Lunsemfwa "
         "River.\n\nKafue Basin Copper Holdings said in a statement that a dam had partly collapsed after heavy rain.",
         "dumped waste", "Kafue Basin Copper Holdings"),
    ],
)  # fmt: skip
def test_a_lead_description_takes_the_bare_name_of_the_next_paragraph(
    extractor: AttributionExtractor, text: str, lead: str, name: str
) -> None:
    speaker = one(extract(extractor, text), lead).speaker
    assert (speaker.name, speaker.named) == (name, True)


def test_a_headline_description_takes_the_name_its_lead_took(extractor: AttributionExtractor) -> None:
    text = (
        "Ex-aide says mayor was warned\n\nA former aide to the mayor said on Monday that the treasurer had told him the "
        'loans were "a problem waiting to happen".\n\nPiotr Nowicki told the newspaper that he had passed the '
        "warning on in writing."
    )
    claims = extract(extractor, text)
    assert one(claims, "mayor was warned").speaker.name == "Piotr Nowicki"
    assert one(claims, "the treasurer had told him").speaker.name == "Piotr Nowicki"
    nested = [c for c in claims if c.text.startswith("the loans were")]
    # the treasurer, a speaker inside the aide's claim, is no one the narration introduced
    assert [c.speaker.name for c in nested] == ["treasurer"]


def test_a_name_given_a_role_of_its_own_is_someone_new(extractor: AttributionExtractor) -> None:
    text = "Budget fight\n\nA spokesman said the budget would pass.\n\nMaria Lindgren, an economist at Nordbank, said "
    text += "the deficit would widen."
    speaker = one(extract(extractor, text), "budget would pass").speaker
    assert (speaker.name, speaker.named) == ("spokesman", False)


def test_a_surname_never_takes_a_description_that_ends_in_the_name(extractor: AttributionExtractor) -> None:
    text = (
        "Ex-aide says minister was warned\n\nA former aide to Prime Minister Kristjana Ragnarsdóttir said on Monday "
        "that the loans were a problem.\n\nRagnarsdóttir told parliament that she had first learned of the loans "
        "from press reports."
    )
    assert one(extract(extractor, text), "first learned").speaker.name == "Kristjana Ragnarsdóttir"


# --- sports epithets --------------------------------------------------------------------------------------------


def test_a_hyphenated_playing_position_is_the_player_just_named(extractor: AttributionExtractor) -> None:
    text = (
        'Wales beat Italy\n\nWales fly-half Gareth Anscombe said he felt no nerves. "I just hit it," the fly-half '
        'said.\n\nFull-back Liam Williams said the crowd had lifted them. "They were our extra man," the full-back '
        "said."
    )
    claims = extract(extractor, text)
    assert one(claims, "I just hit it").speaker.name == "Gareth Anscombe"
    assert one(claims, "extra man").speaker.name == "Liam Williams"


def test_a_nationality_the_same_in_both_numbers_is_one_person_before_his(extractor: AttributionExtractor) -> None:
    text = (
        "Benfica slump\n\nBenfica coach Bruno Lage said his team had been a long way off the pace after a 3-0 "
        "defeat.\n\nThe Portuguese said his players had lacked intensity in the first half."
    )
    assert one(extract(extractor, text), "lacked intensity").speaker.name == "Bruno Lage"


# --- polls and statistics ---------------------------------------------------------------------------------------


def test_a_poll_carried_out_by_a_pollster_is_the_pollsters(extractor: AttributionExtractor) -> None:
    text = (
        "Renters give up\n\nThe poll of 2,000 adults, carried out by Opinium, found that 58% of renters aged 25 to "
        "40 had given up on buying."
    )
    assert one(extract(extractor, text), "given up on buying").speaker.name == "Opinium"


def test_according_to_a_survey_by_a_charity_is_the_charitys(extractor: AttributionExtractor) -> None:
    text = (
        "Renters give up\n\nNearly two-thirds of renters in England believe they will never own a home, according "
        "to a survey by the housing charity Shelter published on Tuesday."
    )
    assert one(extract(extractor, text), "never own a home").speaker.name == "Shelter"


def test_figures_from_a_named_body_show_its_findings(extractor: AttributionExtractor) -> None:
    text = (
        "Rents soar\n\nFigures from the Office for National Statistics show private rents rose 8.7% in the year to "
        "March, the fastest rise on record.\n\nThe video shows that police officers ran towards the building."
    )
    claims = extract(extractor, text)
    assert [(c.speaker.name, c.cue) for c in claims] == [("Office for National Statistics", "show")]
    assert claims[0].text.startswith("private rents rose 8.7%")


# --- cues that report no statement -------------------------------------------------------------------------------


def test_a_saying_only_asked_for_is_no_claim(extractor: AttributionExtractor) -> None:
    text = (
        "Radar outages\n\nSenator Maria Cantwell said staffing shortages had put passengers at risk. She asked the "
        "administrator to explain why controllers had lost radar contact twice in May."
    )
    claims = extract(extractor, text)
    assert [c.text for c in claims] == ["staffing shortages had put passengers at risk"]


def test_a_quotation_run_on_into_continue_is_no_claim_of_its_subject(extractor: AttributionExtractor) -> None:
    text = (
        "Nurses strike\n\nIts general secretary, Seth Odhiambo, told reporters that the strike would continue "
        '"until every shilling is paid".\n\nOdhiambo added: "We will not go back until the money is in our '
        'accounts."'
    )
    claims = extract(extractor, text)
    assert {c.speaker.name for c in claims} == {"Seth Odhiambo"}
    assert len(claims) == 2
