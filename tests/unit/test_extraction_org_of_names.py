"""Attribution extraction, bodies named "X of Y" (h154's audit, defect 1; h161): a capitalised head noun that names
a kind of body ("Port", "Chamber") followed by "of" and capitalised words is the whole body's name, so "The Port of
Halden said" is the Port of Halden, an organisation, not a person called "Port", and "The Marlow Chamber of
Commerce said" is not "Marlow Chamber"; "Friends of the Earth" is a body though the recogniser calls "Earth" a
place. Offices ("the Mayor of London"), people of a body ("Jane Smith of the union") and spokespeople for such a
body stay as they were."""

from __future__ import annotations

import pytest

from extraction import AttributionExtractor
from tests.unit.extraction_helpers import extract, one


@pytest.mark.slow
def test_a_port_named_for_its_place_is_a_body(extractor: AttributionExtractor) -> None:
    claim = one(extract(extractor, "The Port of Halden said that freight rose 8 percent."), "freight")
    assert (claim.speaker.name, claim.speaker.kind) == ("Port of Halden", "organisation")


@pytest.mark.slow
def test_a_chamber_of_commerce_keeps_its_whole_name(extractor: AttributionExtractor) -> None:
    text = "The Marlow Chamber of Commerce said in a statement that the bypass would cost shops trade."
    claim = one(extract(extractor, text), "bypass")
    assert (claim.speaker.name, claim.speaker.kind) == ("Marlow Chamber of Commerce", "organisation")


@pytest.mark.slow
def test_a_port_after_according_to_is_a_body(extractor: AttributionExtractor) -> None:
    claim = one(extract(extractor, "Cargo volumes fell in the first half, according to the Port of Tyne."), "Cargo")
    assert (claim.speaker.name, claim.speaker.kind) == ("Port of Tyne", "organisation")


@pytest.mark.slow
def test_it_after_a_port_is_the_port(extractor: AttributionExtractor) -> None:
    text = "The Port of Halden said that freight rose 8 percent. It added that container traffic was flat."
    claim = one(extract(extractor, text), "container")
    assert (claim.speaker.name, claim.speaker.kind) == ("Port of Halden", "organisation")


@pytest.mark.slow
def test_friends_of_a_cause_named_for_a_place_are_a_body(extractor: AttributionExtractor) -> None:
    claim = one(extract(extractor, "Friends of the Earth said that the new mine would harm the coast."), "mine")
    assert (claim.speaker.name, claim.speaker.kind) == ("Friends of the Earth", "organisation")


# --- controls: unchanged -----------------------------------------------------------------------------------------


@pytest.mark.slow
def test_a_person_of_a_body_is_the_person(extractor: AttributionExtractor) -> None:
    claim = one(extract(extractor, "Jane Smith of the union said that members had rejected the offer."), "members")
    assert (claim.speaker.name, claim.speaker.kind) == ("Jane Smith", "person")


@pytest.mark.slow
def test_a_spokesman_for_a_port_is_the_spokesman(extractor: AttributionExtractor) -> None:
    text = "A spokesman for the Port of Halden said that the strike had delayed twenty ships."
    claim = one(extract(extractor, text), "strike")
    assert claim.speaker.name == "spokesman for the Port of Halden"
    assert claim.speaker.kind == "person"


@pytest.mark.slow
def test_an_office_of_a_place_is_still_an_office(extractor: AttributionExtractor) -> None:
    claim = one(extract(extractor, "The Mayor of London said that bus fares would be frozen."), "fares")
    assert (claim.speaker.name, claim.speaker.kind) == ("Mayor of London", "person")


@pytest.mark.slow
def test_residents_and_friends_of_a_person_are_people(extractor: AttributionExtractor) -> None:
    residents = one(extract(extractor, "Residents of Eastfield said that the road was dangerous."), "road")
    assert residents.speaker.kind != "organisation"
    friends = one(extract(extractor, "Friends of the victim said that she loved the sea."), "sea")
    assert friends.speaker.kind != "organisation"


@pytest.mark.slow
def test_a_body_named_by_its_members_is_no_business_described(extractor: AttributionExtractor) -> None:
    """Now that "Friends of the Earth" is a body, a later "the supermarket supplier" (a business) must not mean it."""
    text = (
        "Friends of the Earth said the move would put more packaging into bins.\n\n"
        "The change will also hit suppliers. The supermarket supplier said it would need to buy new packing lines."
    )
    claim = one(extract(extractor, text), "packing lines")
    assert claim.speaker.name != "Friends of the Earth"


# --- a body named by capitalised words ending in its kind (h163) -------------------------------------------------


@pytest.mark.slow
def test_a_chamber_named_without_of_is_a_body(extractor: AttributionExtractor) -> None:
    text = "The Kellby Chamber said that the bypass would cost shops trade."
    claim = one(extract(extractor, text), "bypass")
    assert (claim.speaker.name, claim.speaker.kind) == ("Kellby Chamber", "organisation")


@pytest.mark.slow
def test_a_port_named_before_its_kind_is_a_body(extractor: AttributionExtractor) -> None:
    claim = one(extract(extractor, "The Tyne Port said that cargo volumes fell in the first half."), "cargo")
    assert (claim.speaker.name, claim.speaker.kind) == ("Tyne Port", "organisation")


@pytest.mark.slow
def test_a_person_surnamed_chambers_is_a_person(extractor: AttributionExtractor) -> None:
    claim = one(extract(extractor, "Sarah Chambers said that the council had ignored residents."), "council")
    assert (claim.speaker.name, claim.speaker.kind) == ("Sarah Chambers", "person")
