"""Attribution extraction, round 18 of fault-finding: a clergy style ("the Most Rev") and a Welsh "ap" before a name
in apposition, "Mr Justice X" as the judge, a run of particles ("van den"), a role with no comma before a name in
narration ("the Chelsea captain Femke Berg"), "&" inside a body's name, "said in its reasons that" with a clause the
parser made relative, a clause fronted before "ruled", an inserted "she added", "the statement said" for the
statement's author, two people named in apposition to their roles speaking together, and a company's name in
apposition to a role that could be a person's."""

from __future__ import annotations

import pytest

from extraction import AttributionExtractor
from extraction.names import normalize_speaker_name
from tests.unit.extraction_helpers import extract, one

pytestmark = pytest.mark.slow


# --- names in apposition -------------------------------------------------------------------------------------------


def test_a_clergy_style_is_no_part_of_the_name() -> None:
    assert normalize_speaker_name("the Most Rev Samuel Adeyemi") == "Samuel Adeyemi"
    assert normalize_speaker_name("the Very Rev Ann Lowe") == "Ann Lowe"
    assert normalize_speaker_name("the Right Rev Tom Hale") == "Tom Hale"


def test_a_grade_of_style_alone_is_no_title() -> None:
    assert normalize_speaker_name("Most Haunted") == "Most Haunted"
    assert normalize_speaker_name("Very Good Films") == "Very Good Films"


def test_a_styled_name_in_apposition_names_the_office(extractor: AttributionExtractor) -> None:
    text = (
        "The Archbishop of Armagh, the Most Rev Oluwaseun Adebanjo, told the synod that the roof could not wait.\n\n"
        "The archbishop said the appeal had raised £2m."
    )
    claims = extract(extractor, text)
    for words in ("roof could not wait", "appeal had raised"):
        assert one(claims, words).speaker.name == "Oluwaseun Adebanjo"


def test_a_welsh_name_with_ap_in_apposition_is_the_speaker(extractor: AttributionExtractor) -> None:
    text = "The union's general secretary, Rhodri ap Dafydd, said on X that members had voted to strike."
    speaker = one(extract(extractor, text), "voted to strike").speaker
    assert (speaker.name, speaker.kind) == ("Rhodri ap Dafydd", "person")


def test_a_body_in_apposition_after_an_article_stays_a_body(extractor: AttributionExtractor) -> None:
    speaker = one(extract(extractor, "Her employer, the Daily Courier, said the story was accurate."), "accurate")
    assert speaker.speaker.kind != "person"


def test_a_run_of_particles_stays_in_the_name(extractor: AttributionExtractor) -> None:
    speaker = one(extract(extractor, "Chelsea manager Anna van den Berg said it was hard."), "hard").speaker
    assert (speaker.name, speaker.role) == ("Anna van den Berg", "Chelsea manager")


def test_a_role_before_a_name_in_narration_is_what_a_description_means(extractor: AttributionExtractor) -> None:
    text = (
        "Arsenal won, with Lotte Berg scoring against the Chelsea captain Femke Berg.\n\n"
        '"I will not ring her tonight," the Chelsea captain joked.'
    )
    assert one(extract(extractor, text), "ring her").speaker.name == "Femke Berg"


# --- judges ------------------------------------------------------------------------------------------------------------


def test_mr_justice_is_the_judge(extractor: AttributionExtractor) -> None:
    text = (
        "Mrs Justice Adeleke said in her ruling that the contract had been broken.\n\n"
        "The judge said damages would be assessed later."
    )
    assert one(extract(extractor, text), "damages").speaker.name == "Adeleke"


def test_a_justice_secretary_is_no_judge(extractor: AttributionExtractor) -> None:
    text = "Justice Secretary Jo Hart said prisons were full.\n\nThe judge said there was no public interest."
    assert one(extract(extractor, text), "public interest").speaker.name != "Jo Hart"


# --- bodies --------------------------------------------------------------------------------------------------------------


def test_an_ampersand_inside_a_bodys_name_keeps_it_whole(extractor: AttributionExtractor) -> None:
    assert one(extract(extractor, "Linden & Vale said the book had been checked."), "checked").speaker.name == (
        "Linden & Vale"
    )
    text = "Her publisher, Linden & Vale, said the book had been checked.\n\nIt added that sales were strong."
    claims = extract(extractor, text)
    for words in ("checked", "sales were strong"):
        assert one(claims, words).speaker.name == "Linden & Vale"


def test_and_between_two_countries_still_joins_two_speakers(extractor: AttributionExtractor) -> None:
    speaker = one(extract(extractor, "Britain and France said the deal was good."), "deal").speaker
    assert speaker.name == "Britain and France"


def test_a_company_in_apposition_to_a_role_stays_a_company(extractor: AttributionExtractor) -> None:
    text = (
        "The singer Ana Reyes has won her privacy claim against the publisher of the Daily Courier.\n\n"
        "The Daily Courier's owner, Harbour Street Media, said in a statement that it would appeal.\n\n"
        "It added that the paper had acted in the public interest."
    )
    claims = extract(extractor, text)
    first = one(claims, "would appeal").speaker
    assert (first.name, first.kind) == ("Harbour Street Media", "organisation")
    assert one(claims, "public interest").speaker.name == "Harbour Street Media"


def test_a_person_in_apposition_to_a_role_stays_a_person(extractor: AttributionExtractor) -> None:
    speaker = one(extract(extractor, "The club's owner, Sarah Energy, said it was disappointed."), "disappointed")
    assert speaker.speaker.kind == "person"


# --- clauses -------------------------------------------------------------------------------------------------------------


def test_said_in_its_reasons_that_with_an_object_is_a_claim(extractor: AttributionExtractor) -> None:
    text = "A disciplinary panel said in its written reasons that Okoro had used abusive language."
    assert one(extract(extractor, text), "abusive language").speaker.name == "disciplinary panel"


def test_a_relative_clause_of_the_medium_stays_one(extractor: AttributionExtractor) -> None:
    claims = extract(extractor, "He said in the letter that he wrote to her that he was sorry.")
    assert [c.text for c in claims] == ["he was sorry"]


def test_a_clause_fronted_before_ruled_is_what_was_ruled(extractor: AttributionExtractor) -> None:
    # the parser makes "won" an adverbial clause of "ruled" here, not its complement
    text = (
        "The singer Rosa de la Fuente has won her privacy claim against the publisher of the Daily Courier, the "
        "High Court ruled on Wednesday."
    )
    assert one(extract(extractor, text), "has won her privacy claim").speaker.name == "High Court"


def test_a_subordinate_clause_before_ruled_is_not(extractor: AttributionExtractor) -> None:
    assert extract(extractor, "When the singer won her claim, the High Court ruled on costs.") == []


def test_an_inserted_added_holds_the_sentence_round_it(extractor: AttributionExtractor) -> None:
    text = 'Achterberg said she had kept a diary.\n\nIt was not, she added, a book written "to settle scores".'
    assert one(extract(extractor, text), "settle scores").speaker.name == "Achterberg"


# --- statements and pairs --------------------------------------------------------------------------------------------


def test_the_statement_speaks_for_its_author(extractor: AttributionExtractor) -> None:
    text = (
        "In a statement read by his lawyer outside the court, Daniel Okoro said he had been vindicated.\n\n"
        '"Nobody should have to wait six years for the truth," the statement said.'
    )
    assert one(extract(extractor, text), "six years").speaker.name == "Daniel Okoro"


def test_a_statement_nobody_gave_stays_the_statement(extractor: AttributionExtractor) -> None:
    text = 'Maria Lopez said she was leaving.\n\n"Nobody should have to wait six years," the statement said.'
    assert one(extract(extractor, text), "six years").speaker.name != "Maria Lopez"


def test_two_named_roles_speak_together_and_each_is_known_later(extractor: AttributionExtractor) -> None:
    text = (
        "In a joint statement, Norway's trade minister, Ingrid Solvang, and Japan's industry minister, Kenji "
        "Arakawa, said the first cargo would sail in 2027.\n\n"
        "Solvang told reporters that the deal would cut costs.\n\n"
        "The industry minister added that local yards would build the ships."
    )
    claims = extract(extractor, text)
    assert one(claims, "first cargo").speaker.name == "Ingrid Solvang and Kenji Arakawa"
    assert one(claims, "cut costs").speaker.name == "Ingrid Solvang"
    assert one(claims, "local yards").speaker.name == "Kenji Arakawa"


# --- second batch ------------------------------------------------------------------------------------------------------


def test_a_statement_opening_the_sentence_on_a_participle_is_the_speakers(extractor: AttributionExtractor) -> None:
    text = (
        "In a statement read outside court by his solicitor, Joel Brandt said the last three years had been hard."
        "\n\nThe statement added that he intended to return to work."
    )
    assert one(extract(extractor, text), "return to work").speaker.name == "Joel Brandt"


def test_a_firm_set_off_after_a_plural_role_is_the_firm(extractor: AttributionExtractor) -> None:
    text = (
        "Brandt's lawyers, Marlow & Finch, said they would seek costs from the prosecution.\n\n"
        "They added that the case should never have been brought."
    )
    claims = extract(extractor, text)
    first = one(claims, "seek costs").speaker
    assert (first.name, first.kind) == ("Marlow & Finch", "organisation")
    assert one(claims, "never have been brought").speaker.name == "Marlow & Finch"


def test_a_second_role_joined_to_the_first_role_makes_a_pair(extractor: AttributionExtractor) -> None:
    text = (
        "The city's mayor, Gareth Penrose, and the council leader, Asha Patel, said in a joint letter that the "
        "council would contribute £250,000.\n\n"
        "The council leader added that bins would be emptied weekly."
    )
    claims = extract(extractor, text)
    assert one(claims, "contribute").speaker.name == "Gareth Penrose and Asha Patel"
    assert one(claims, "bins").speaker.name == "Asha Patel"


def test_people_listed_for_a_plural_role_speak_together(extractor: AttributionExtractor) -> None:
    text = "Her lawyers, Amal Clooney and Ken Lee, said the ruling was wrong.\n\nThey added that they would appeal."
    claims = extract(extractor, text)
    for words in ("ruling was wrong", "would appeal"):
        assert one(claims, words).speaker.name == "Amal Clooney and Ken Lee"


def test_a_wife_joined_to_a_named_mayor_is_no_pair(extractor: AttributionExtractor) -> None:
    claims = extract(extractor, "The mayor, Gareth Penrose, and his wife said they were proud.")
    assert " and " not in one(claims, "proud").speaker.name
