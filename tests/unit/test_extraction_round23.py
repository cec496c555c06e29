"""Attribution extraction, round 23 of fault-finding: a description whose noun gives a kind of body ("the union",
"the regulator", "the ministry", "the charity", "the council") means no earlier body of another kind (a company by
its legal form, its company word or its earlier description) and prefers a recent body named as that kind; and a
common noun for a person that the hand-written list lacked ("a baker", "the harbour master", "a vicar") makes its
speaker a person, from the person nouns of the repository's WordNet export and a short hand-written supplement."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from extraction import AttributionExtractor
from extraction.person_nouns_build import wordnet_person_nouns
from extraction.speaker_nouns import PERSON_KIND_NOUNS
from tests.unit.extraction_helpers import extract, one

pytestmark = pytest.mark.slow


# --- a body's kind ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("opening", "noun"),
    [
        ("Harlow Motors Ltd closed its Essex showroom on Friday.", "union"),
        ("Northfield Energy raised its tariffs by 9% on Monday.", "regulator"),
        ("Gulf Star Airways will start flights to Lagos in May.", "ministry"),
        ("Parkway Stores plc said it would shut 12 shops.", "charity"),
        ("Kestrel Buses cut three rural routes on Sunday.", "council"),
    ],
)
def test_a_body_of_another_kind_is_no_antecedent(extractor: AttributionExtractor, opening: str, noun: str) -> None:
    text = opening + f" The {noun} said the decision had been taken without any consultation."
    speaker = one(extract(extractor, text), "without any consultation").speaker
    assert (speaker.name, speaker.kind, speaker.named) == (noun, "organisation", False)


def test_a_body_described_as_a_company_is_no_later_union(extractor: AttributionExtractor) -> None:
    text = (
        "Tessaro said on Tuesday that its depot would close. The company said fuel costs had doubled.\n\n"
        "The union said drivers had not been warned."
    )
    assert one(extract(extractor, text), "fuel costs").speaker.name == "Tessaro"
    speaker = one(extract(extractor, text), "not been warned").speaker
    assert (speaker.name, speaker.kind) == ("union", "organisation")


@pytest.mark.parametrize(
    ("opening", "noun", "body"),
    [
        ("Kenwick Foods and the Food Workers Union signed a pay deal on Thursday.", "union", "Food Workers Union"),
        ("Metroline and Harrow Council agreed to keep the night bus on Friday.", "council", "Harrow Council"),
    ],
)
def test_the_body_named_as_that_kind_is_meant(
    extractor: AttributionExtractor, opening: str, noun: str, body: str
) -> None:
    text = opening + f"\n\nThe {noun} said the agreement would run for two years."
    speaker = one(extract(extractor, text), "run for two years").speaker
    assert (speaker.name, speaker.kind) == (body, "organisation")


@pytest.mark.parametrize(
    ("opening", "noun", "body"),
    [
        ("Halden Corp said on Monday that it would close its plant in Ohio.", "company", "Halden Corp"),
        ("Drayton Mining Ltd reported a loss on Monday.", "firm", "Drayton Mining Ltd"),
        ("The Bakers Guild met on Monday.", "group", "Bakers Guild"),
        ("Unison said its members had voted to strike.", "union", "Unison"),
        ("Ofcam said its review had found failings.", "regulator", "Ofcam"),
        ("Leeds City Council approved the budget on Monday.", "council", "Leeds City Council"),
    ],
)
def test_a_body_of_no_other_kind_is_still_meant(
    extractor: AttributionExtractor, opening: str, noun: str, body: str
) -> None:
    text = opening + f" The {noun} said the decision had been taken after a long review."
    assert one(extract(extractor, text), "after a long review").speaker.name == body


# --- people's nouns --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "speaker",
    ["A baker in Whitby", "The harbour master", "A vicar", "A postman", "A local campaigner", "The publican",
     "A lifeguard", "A florist", "A carpenter", "The headteacher"],
)  # fmt: skip
def test_a_persons_common_noun_makes_a_person(extractor: AttributionExtractor, speaker: str) -> None:
    text = f"{speaker} said the road had been closed for a week."
    claim = one(extract(extractor, text), "closed for a week")
    assert (claim.speaker.kind, claim.speaker.named) == ("person", False)


@pytest.mark.parametrize("speaker", ["The report", "A statement", "The survey", "The figures"])
def test_a_things_noun_is_no_person(extractor: AttributionExtractor, speaker: str) -> None:
    text = f"{speaker} said the road had been closed for a week."
    for claim in extract(extractor, text):
        assert claim.speaker.kind != "person"


def test_the_person_nouns_leave_out_bodies_and_things() -> None:
    assert {"baker", "vicar", "master", "fisherman", "plumber"} <= PERSON_KIND_NOUNS
    assert not {"council", "union", "company", "report", "statement", "group", "it"} & PERSON_KIND_NOUNS


def test_a_bodys_noun_before_of_says_its_kind(extractor: AttributionExtractor) -> None:
    text = "The Ministry of Water said on Monday that reservoirs were full. The company said bills would not rise."
    speaker = one(extract(extractor, text), "bills would not rise").speaker
    assert (speaker.name, speaker.kind, speaker.named) == ("company", "organisation", False)


def test_a_description_left_unnamed_yields_to_the_body_that_spoke_after_it(extractor: AttributionExtractor) -> None:
    text = (
        "Halden Corp. said Tuesday it would recall 2,000 cars. The agency said the recall was voluntary.\n\n"
        "The National Highway Traffic Safety Administration said it had opened an inquiry. The agency added that "
        "no injuries had been reported."
    )
    claims = extract(extractor, text)
    assert one(claims, "recall was voluntary").speaker.name != "Halden Corp."
    assert one(claims, "no injuries").speaker.name == "National Highway Traffic Safety Administration"


@pytest.mark.parametrize("short", ["Stansted", "Whitcombe"])
def test_a_short_name_that_opens_only_a_bodys_name_is_that_body(extractor: AttributionExtractor, short: str) -> None:
    body = f"{short} Airport Holdings" if short == "Stansted" else f"{short} Marine Holdings"
    text = f"{body} said on Monday that orders had risen by 9%. {short} said the new site would open in 2031."
    speaker = one(extract(extractor, text), "new site").speaker
    assert (speaker.name, speaker.kind) == (body, "organisation")


def test_the_person_nouns_file_says_where_each_list_comes_from_and_wordnets_part_is_regenerated() -> None:
    data = json.loads(resources.files("extraction").joinpath("data/person_nouns.json").read_text("utf-8"))
    assert set(data) == {"hand", "wordnet"}
    assert all(part["origin"] and part["words"] for part in data.values())
    assert data["wordnet"]["words"] == wordnet_person_nouns()


# --- bodies' names and nouns -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("company", ["Merck Inc", "Amgen Inc"])
def test_a_name_ending_in_a_legal_form_is_a_company(extractor: AttributionExtractor, company: str) -> None:
    text = f"WASHINGTON (Reuters) - {company} said on Wednesday it would cut the price of its insulin."
    speaker = one(extract(extractor, text), "cut the price").speaker
    assert (speaker.name, speaker.kind) == (company, "organisation")


def test_the_supermarket_is_the_business_just_named(extractor: AttributionExtractor) -> None:
    text = "Morrisons Ltd reported higher sales on Tuesday.\n\nThe supermarket said food inflation had eased."
    speaker = one(extract(extractor, text), "food inflation").speaker
    assert (speaker.name, speaker.kind) == ("Morrisons Ltd", "organisation")


def test_a_body_its_apposition_calls_a_union_is_no_later_company(extractor: AttributionExtractor) -> None:
    text = (
        "Halden Corp. cut 200 jobs on Monday.\n\nUnite, the union, said it would fight the cuts.\n\n"
        "The company said the plant was losing money."
    )
    assert one(extract(extractor, text), "losing money").speaker.name == "Halden Corp."


def test_a_body_called_a_charity_in_apposition_is_a_body_and_the_charity(extractor: AttributionExtractor) -> None:
    text = (
        "Wexford County Council had planned to close the pool in May.\n\nSwim Wexford, a charity run by parents, "
        "said it had raised £50,000.\n\nA spokesman for the charity said 300 children used the pool.\n\n"
        "The leisure centre's manager said the pool needed a new roof.\n\nThe council said it welcomed the offer."
    )
    claims = extract(extractor, text)
    assert one(claims, "raised £50,000").speaker.kind == "organisation"
    assert one(claims, "300 children").speaker.name.endswith("Swim Wexford")
    assert one(claims, "welcomed the offer").speaker.name == "Wexford County Council"
