"""Attribution extraction, round 21 of fault-finding: a standfirst's body noun ("Union says ...") is no name and no
antecedent, a body named for its members ("Nurses for Safe Staffing"), a lower-case kind before a body's noun ("the
campaign group"), a person described by party, seat or origin ("the Ohio Republican", "the Basque coach"), a reader's
given name after their town, and a body described as a public one is no later "the company"."""

from __future__ import annotations

import pytest

from extraction import AttributionExtractor
from tests.unit.extraction_helpers import extract, one

pytestmark = pytest.mark.slow


# --- headlines and standfirsts ---------------------------------------------------------------------------------------


def test_a_standfirsts_body_noun_is_no_antecedent_for_the_union_said(extractor: AttributionExtractor) -> None:
    text = (
        "Rail talks collapse\n\n"
        "Union says drivers will strike\n\n"
        "Aslef said on Monday that its members had rejected the pay offer.\n\n"
        "The union said the walkout would begin on Friday."
    )
    assert one(extract(extractor, text), "walkout would begin").speaker.name == "Aslef"


def test_a_standfirsts_body_noun_is_a_description_not_a_name(extractor: AttributionExtractor) -> None:
    text = (
        "Bus fares to rise in April\n\n"
        "Operator says fuel costs leave no choice\n\n"
        "Fares on Kestrel Buses routes will rise by 8% from April. The transport authority said on Monday it had "
        "approved the rise."
    )
    claim = one(extract(extractor, text), "fuel costs leave no choice")
    assert claim.speaker.name == "operator"
    assert not claim.speaker.named


# --- bodies ----------------------------------------------------------------------------------------------------------


def test_a_body_named_for_its_members_is_an_organisation(extractor: AttributionExtractor) -> None:
    text = (
        "Parents for Quieter Streets, which campaigns for lower speed limits, said the council had ignored its "
        "petition. The group said it had gathered 4,000 signatures."
    )
    claims = extract(extractor, text)
    first = one(claims, "ignored its petition")
    assert (first.speaker.name, first.speaker.kind) == ("Parents for Quieter Streets", "organisation")
    assert one(claims, "gathered 4,000 signatures").speaker.name == "Parents for Quieter Streets"


def test_a_kind_before_a_bodys_noun_still_means_the_body_just_named(extractor: AttributionExtractor) -> None:
    text = (
        "The Road Haulage Association rejected the plan on Tuesday. The trade group said tolls on the bypass would "
        "add 40 pounds to every delivery."
    )
    assert one(extract(extractor, text), "tolls on the bypass").speaker.name == "Road Haulage Association"


def test_a_body_described_as_a_regulator_is_no_later_company(extractor: AttributionExtractor) -> None:
    text = (
        "Corvane Energy said on Monday that it would refund 12,000 customers.\n\n"
        "Ofwyn said the refunds were too slow. The regulator said it would publish its findings in May.\n\n"
        "The company said every customer would be paid by June."
    )
    assert one(extract(extractor, text), "paid by June").speaker.name == "Corvane Energy"


# --- people ----------------------------------------------------------------------------------------------------------


def test_a_party_after_a_state_means_the_politician_just_named(extractor: AttributionExtractor) -> None:
    text = (
        "Senator Dana Whitcombe, a Republican from Ohio, voted against the bill. The Ohio Republican said it "
        "would raise costs for farmers."
    )
    assert one(extract(extractor, text), "raise costs for farmers").speaker.name == "Dana Whitcombe"


def test_a_seat_before_mp_means_the_member_just_named(extractor: AttributionExtractor) -> None:
    text = (
        "Health minister Priya Nandakumar visited the hospital on Friday. The Leicester East MP said the new wing "
        "would open in spring."
    )
    assert one(extract(extractor, text), "new wing would open").speaker.name == "Priya Nandakumar"


def test_a_nationality_before_a_coach_means_the_coach_just_named(extractor: AttributionExtractor) -> None:
    text = (
        "Sevilla coach Imanol Etxarri watched from the stands. The Basque coach said his side had lacked "
        "intensity in the second half."
    )
    assert one(extract(extractor, text), "lacked intensity").speaker.name == "Imanol Etxarri"


def test_a_place_before_an_office_is_still_no_one_just_named(extractor: AttributionExtractor) -> None:
    text = "Striker Kofi Mensah scored twice. The Ulster manager said the result was deserved."
    assert one(extract(extractor, text), "result was deserved").speaker.name != "Kofi Mensah"


def test_a_readers_given_name_after_their_town_is_the_speaker(extractor: AttributionExtractor) -> None:
    text = 'A reader in Falkirk, Morven, has written to us: "The bins have not been emptied for three weeks."'
    assert one(extract(extractor, text), "bins have not been emptied").speaker.name == "Morven"


def test_a_region_after_a_town_is_no_readers_name(extractor: AttributionExtractor) -> None:
    text = "A resident of Dayton, Ohio, said the water had tasted of chlorine for days."
    assert one(extract(extractor, text), "tasted of chlorine").speaker.name != "Ohio"


def test_regions_come_from_the_address_lists() -> None:
    from extraction.regions import is_region  # here, so the other tests run against a tree without it

    assert is_region("Ohio") and is_region("Renfrewshire")
    assert not is_region("Morven")
