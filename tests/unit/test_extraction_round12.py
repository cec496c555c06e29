"""Attribution extraction, round 12 of fault-finding: a person's name the recogniser took for an organisation
(told by a "she" of the given name's gender, by the given names before a double surname, by the office before it),
the one woman an earlier sentence of the paragraph named, police ranks and "bin" names, a participle with its own
auxiliaries inside what was said, product recalls and "Data from X show", "too early to say", a department's name
that lists its remit, whose "his" a sentence says, "Those were the words of X" and "In his view,"."""

from __future__ import annotations

import pytest

from extraction import AttributionExtractor
from tests.unit.extraction_helpers import extract, one

pytestmark = pytest.mark.slow


# --- names the recogniser took for organisations -------------------------------------------------------------------


def test_a_she_of_the_given_names_gender_makes_the_name_a_persons(extractor: AttributionExtractor) -> None:
    text = (
        "Caroline Thornbury, the Democrat, told a rally in Harwick that she would protect the town's hospital. "
        "She said her opponent had never run a business."
    )
    claims = extract(extractor, text)
    assert one(claims, "protect the town").speaker.kind == "person"
    assert one(claims, "never run a business").speaker.name == "Caroline Thornbury"


@pytest.mark.parametrize(
    "text",
    [
        "Morgan Stanley said it would cut 2,000 jobs. It added that the cuts would fall mostly in Asia.",
        "Hugo Boss said its sales rose 8% in the quarter.",
    ],
)
def test_a_company_named_after_a_person_stays_a_company(extractor: AttributionExtractor, text: str) -> None:
    claims = extract(extractor, text)
    assert claims[0].speaker.kind == "organisation"


def test_a_double_surname_is_the_full_name_the_recogniser_took_for_a_body(extractor: AttributionExtractor) -> None:
    text = (
        "Ana Lucía Romero Vidal, one of the organisers of the Tenants Coalition, said the evictions would not deter "
        'them. "We will be back every week," Romero Vidal said.'
    )
    assert one(extract(extractor, text), "back every week").speaker.name == "Ana Lucía Romero Vidal"


def test_a_name_after_a_companys_name_in_a_role_is_the_persons(extractor: AttributionExtractor) -> None:
    text = "The chief executive of Aviva, Amanda Blanc, said profits rose."
    claim = one(extract(extractor, text), "profits rose")
    assert (claim.speaker.name, claim.speaker.kind) == ("Amanda Blanc", "person")


def test_an_office_before_a_place_and_a_name_is_the_names(extractor: AttributionExtractor) -> None:
    text = "The police superintendent in Gorkha, Ram Prasad Adhikari, said rescuers had pulled nine people out."
    assert one(extract(extractor, text), "rescuers had pulled").speaker.name == "Ram Prasad Adhikari"


def test_a_name_the_recogniser_ran_on_from_the_place_before_it_is_the_persons(extractor: AttributionExtractor) -> None:
    text = (
        "The chief district officer in Baglung, Ram Prasad Adhikari, said rescuers had pulled seven people alive "
        "from the mud."
    )
    assert one(extract(extractor, text), "rescuers had pulled").speaker.name == "Ram Prasad Adhikari"


def test_a_body_after_a_role_and_a_place_is_no_persons_name(extractor: AttributionExtractor) -> None:
    text = "The head of the agency in Kenya, Amref Health Africa, said the clinics were full."
    assert one(extract(extractor, text), "clinics were full").speaker.name != "Amref Health Africa"


# --- pronouns ------------------------------------------------------------------------------------------------------


def test_she_is_the_one_woman_the_sentence_before_named(extractor: AttributionExtractor) -> None:
    text = (
        "Marta Lindgren, the Green candidate, said the bypass would ruin the valley.\n\n"
        "Tomas Berg said Karin Holm had voted for the bypass in 2019. She denied it, saying the plan had never come "
        "to a vote."
    )
    assert one(extract(extractor, text), "never come to a vote").speaker.name == "Karin Holm"


def test_a_woman_named_in_the_pronouns_own_sentence_is_not_it(extractor: AttributionExtractor) -> None:
    text = (
        "Marta Lindgren, the Green candidate, said the bypass would ruin the valley.\n\n"
        "Asked about Karin Holm, she said the vote had been rigged."
    )
    assert one(extract(extractor, text), "vote had been rigged").speaker.name == "Marta Lindgren"


def test_his_in_what_she_said_is_the_dead_mans_not_hers(extractor: AttributionExtractor) -> None:
    text = (
        "Harold Penrose died on Sunday.\n\n"
        "His daughter, Clare Penrose, said he had died at his home in Dorset. She said he had been happy."
    )
    assert one(extract(extractor, text), "had been happy").speaker.name == "Clare Penrose"


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        ('Kim Lee said his party would win the seat. "We have never been stronger," he said.', "never been", "Kim Lee"),
        ('Leslie Moran said his company would double its staff. "Hiring is hard," she said.', "Hiring is hard", "she"),
    ],
)
def test_his_still_tells_the_gender_of_the_only_person_named(
    extractor: AttributionExtractor, text: str, words: str, speaker: str
) -> None:
    assert one(extract(extractor, text), words).speaker.name == speaker


# --- police ranks and names with particles -------------------------------------------------------------------------


def test_a_police_rank_before_a_bin_name_is_the_officer_named_in_full(extractor: AttributionExtractor) -> None:
    text = (
        "Detective Chief Inspector Amir bin Khalid said two men had been arrested.\n\n"
        "DCI bin Khalid said the men had threatened staff with a knife."
    )
    assert one(extract(extractor, text), "threatened staff").speaker.name == "Amir bin Khalid"


# --- what was said -------------------------------------------------------------------------------------------------


def test_a_progressive_speech_verb_inside_the_content_does_not_cut_it(extractor: AttributionExtractor) -> None:
    text = "His widow said he had been writing poems until the last week of his life."
    assert one(extract(extractor, text), "he had been").text.endswith("last week of his life")


def test_a_product_recall_is_no_statement(extractor: AttributionExtractor) -> None:
    text = "Harlow Electrical is recalling 80,000 toasters after reports that the wiring can melt."
    assert extract(extractor, text) == []


def test_recalled_that_is_still_a_statement(extractor: AttributionExtractor) -> None:
    text = "The former mayor recalled that the bridge had been closed for a year."
    assert one(extract(extractor, text), "bridge had been closed").speaker.name == "former mayor"


def test_data_from_a_named_office_show_what_it_published(extractor: AttributionExtractor) -> None:
    text = "Data from the Central Statistics Office show that house prices rose 9% last year."
    claim = one(extract(extractor, text), "house prices rose")
    assert claim.speaker.name == "Central Statistics Office"


def test_too_early_to_say_ends_a_statement_not_on_a_cue(extractor: AttributionExtractor) -> None:
    text = "Asked about the fire, the inspector said it was too early to say."
    assert one(extract(extractor, text), "too early to say").speaker.name == "inspector"


def test_a_departments_name_keeps_the_remit_it_lists(extractor: AttributionExtractor) -> None:
    text = "Rice exports fell 12%, according to the Department for Agriculture, Food and the Marine."
    claim = one(extract(extractor, text), "Rice exports fell")
    assert claim.speaker.name == "Department for Agriculture, Food and the Marine"


def test_those_were_the_words_of_names_the_quotations_speaker(extractor: AttributionExtractor) -> None:
    text = '"We will never give up." Those were the words of Amal Haddad, who has led the strike since May.'
    assert one(extract(extractor, text), "never give up").speaker.name == "Amal Haddad"


def test_those_were_the_days_is_no_attribution(extractor: AttributionExtractor) -> None:
    text = '"We will never give up." Those were the days of the long strike at the docks.'
    assert extract(extractor, text) == []


def test_in_his_view_is_the_view_of_the_man_just_named(extractor: AttributionExtractor) -> None:
    text = (
        "Tomás Reyes, an analyst at Corvell, has followed the bank for years. In his view, the bank will struggle "
        "once rates fall."
    )
    claim = one(extract(extractor, text), "bank will struggle")
    assert claim.speaker.name == "Tomás Reyes"
    assert claim.cue == "In his view"


@pytest.mark.parametrize(
    "text", ["In view of the costs, the council dropped the plan.", "In my view, the council was wrong."]
)
def test_in_view_of_a_thing_or_the_writers_view_is_no_attribution(extractor: AttributionExtractor, text: str) -> None:
    assert extract(extractor, text) == []


# --- counterparts --------------------------------------------------------------------------------------------------


def test_his_british_counterpart_is_the_one_minister_britain_sent(extractor: AttributionExtractor) -> None:
    text = (
        "Britain's foreign secretary, Anna Reyes, met ministers in Paris.\n\n"
        "France's foreign minister, Luc Marchand, said the talks had gone well. Asked about the plan, his British "
        "counterpart said London would pay its share."
    )
    assert one(extract(extractor, text), "pay its share").speaker.name == "Anna Reyes"


def test_a_counterpart_of_a_nation_nobody_named_stays_unnamed(extractor: AttributionExtractor) -> None:
    text = (
        "Turkey's foreign minister, Kemal Aydin, said progress had been made. Asked about it later, his Russian "
        "counterpart said Moscow was open to talks."
    )
    assert one(extract(extractor, text), "open to talks").speaker.name == "his Russian counterpart"
