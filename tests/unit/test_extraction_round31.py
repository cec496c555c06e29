"""Attribution extraction, round 31: the kind of body written before a body's name ("Cycling charity Sustrans")
says what a later "the council" cannot mean, and makes an untagged name a body's; "£2m." ends its sentence; a post
held in a "who" clause ("who led the study") is a role a later description means; a body called a governing body;
a body's remit listed with "and"; a doer's noun opening the sentence before a name ("Grower Tom Bellingham")."""

from __future__ import annotations

import pytest

from extraction import AttributionExtractor
from tests.unit.extraction_helpers import extract, one

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    "opening",
    [
        "Cycling charity Sustrans said the new lanes had doubled the number of riders.",
        "Polling firm Survation said most voters backed the new lanes.",
        "Frankfurt airport operator Fraport said the new lanes had cut traffic.",
    ],
)
def test_a_body_of_another_kind_is_no_later_the_council(extractor: AttributionExtractor, opening: str) -> None:
    """No council was named: "the council" stays the description it is, as with no body named at all."""
    claim = one(extract(extractor, f"{opening} The council said the scheme would cost £2m."), "would cost")
    assert (claim.speaker.name, claim.speaker.kind, claim.speaker.named) == ("council", "organisation", False)


def test_the_council_named_before_a_charity(extractor: AttributionExtractor) -> None:
    text = (
        "Leeds City Council approved the plan on Monday. Cycling charity Sustrans said the new lanes had doubled "
        "the number of riders. The council said the scheme would cost £2m."
    )
    claim = one(extract(extractor, text), "would cost")
    assert claim.speaker.name == "Leeds City Council"


def test_the_kind_sticks_to_the_name_through_it(extractor: AttributionExtractor) -> None:
    """ "It added" between the two is still Sustrans, whose kind the article gave once."""
    text = (
        "Cycling charity Sustrans said the new lanes had doubled the number of riders. It added that more were "
        "planned. The council said the scheme would cost £2m."
    )
    claims = extract(extractor, text)
    assert one(claims, "more were planned").speaker.name == "Sustrans"
    assert one(claims, "would cost").speaker.name == "council"


def test_the_charity_later_is_the_charity_named_so(extractor: AttributionExtractor) -> None:
    """Control, and the other way: "the charity" means the body the article called a charity, though another body
    spoke since."""
    text = (
        "Cycling charity Sustrans said the new lanes had doubled the number of riders. Leeds City Council said the "
        "scheme would cost £2m. The charity said it would monitor the lanes for a year."
    )
    claim = one(extract(extractor, text), "monitor the lanes")
    assert (claim.speaker.name, claim.speaker.kind) == ("Sustrans", "organisation")


def test_a_business_described_so_is_still_the_company(extractor: AttributionExtractor) -> None:
    """Control: a kind of business before the name does not stop a later "the company" meaning it."""
    text = "Frankfurt airport operator Fraport said passenger numbers rose. The company said it expected growth."
    claim = one(extract(extractor, text), "expected growth")
    assert claim.speaker.name == "Fraport"


@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        (
            "Leeds City Council said the scheme would cost £2m. The charity said it would monitor the lanes.",
            "the scheme would cost £2m",
            "it would monitor the lanes",
        ),
        (
            "Ann Lee said the bid was worth €40m. Tom Hart said it was too low.",
            "the bid was worth €40m",
            "it was too low",
        ),
    ],
)
def test_an_amount_in_millions_ends_its_sentence(
    extractor: AttributionExtractor, text: str, first: str, second: str
) -> None:
    """ "£2m." is an amount and a full stop, not an abbreviation running on into the next sentence."""
    claims = extract(extractor, text)
    assert [c.text for c in claims] == [first, second]


def test_an_amount_inside_a_sentence_stays_whole(extractor: AttributionExtractor) -> None:
    """Control: the unit within a sentence is left to the tokenizer."""
    claim = extract(extractor, "Ann Lee said the £2m grant had been spent on new lanes.")[0]
    assert claim.text == "the £2m grant had been spent on new lanes"


@pytest.mark.parametrize("later", ["The lead author", "The study's leader", "The lead researcher"])
def test_a_role_given_in_a_who_clause(extractor: AttributionExtractor, later: str) -> None:
    """ "Dr Amara Osei, who led the study," is the study's leader, whom a later description means."""
    text = (
        "Dr Amara Osei, who led the study, said the results were striking. Professor Tom Reid said he was "
        f"cautious. {later} said more work was needed."
    )
    claims = extract(extractor, text)
    assert one(claims, "striking").speaker.role == "leader of study"
    assert one(claims, "more work").speaker.name == "Amara Osei"


def test_a_chair_given_in_a_who_clause(extractor: AttributionExtractor) -> None:
    text = (
        "Professor Ade Olumide, who chairs the commission's restitution panel, said the handover marked a new "
        "chapter. Dr Fiona Carnegie said she was pleased. The panel's chairman said talks were continuing."
    )
    claim = one(extract(extractor, text), "talks were continuing")
    assert (claim.speaker.name, claim.speaker.role) == ("Ade Olumide", "chair of commission restitution panel")


@pytest.mark.parametrize(
    "opening",
    ["Mr Haddadi, who runs the bakery, said trade was slow.", "Ms Reid, who was arrested in May, said trade was slow."],
)
def test_a_who_clause_of_what_someone_did_gives_no_role(extractor: AttributionExtractor, opening: str) -> None:
    """Control: running a shop or being arrested is no post a later description names."""
    assert extract(extractor, opening)[0].speaker.role is None


def test_a_party_leader_is_no_lead_author(extractor: AttributionExtractor) -> None:
    """Control: "the lead author" means a study's leader, not a party's."""
    text = "Labour leader Keir Starmer said the report was welcome. The lead author said more work was needed."
    claim = one(extract(extractor, text), "more work")
    assert (claim.speaker.name, claim.speaker.named) == ("lead author", False)


def test_a_name_after_the_kind_of_body_it_is(extractor: AttributionExtractor) -> None:
    """ "Angling charity Fish Legal": a name the recogniser left untagged, after a body's noun, is a body's."""
    text = "Angling charity Fish Legal said the fine was too small. The council said it disagreed."
    claims = extract(extractor, text)
    assert (one(claims, "too small").speaker.name, one(claims, "too small").speaker.kind) == (
        "Fish Legal",
        "organisation",
    )
    assert one(claims, "disagreed").speaker.name == "council"


def test_a_body_called_a_governing_body(extractor: AttributionExtractor) -> None:
    text = (
        "UK Anti-Doping said Martin Kessler had admitted possessing testosterone. British Weight Lifting, the "
        "sport's governing body, said it had suspended Kessler. The federation said athlete welfare came first."
    )
    claims = extract(extractor, text)
    speaker = one(claims, "suspended Kessler").speaker
    assert (speaker.name, speaker.kind) == ("British Weight Lifting", "organisation")
    assert one(claims, "athlete welfare").speaker.name == "British Weight Lifting"


def test_a_body_whose_remit_lists_things(extractor: AttributionExtractor) -> None:
    """ "Museums and Monuments": the last thing listed is no person the recogniser took it for."""
    text = (
        "The Kelvinmoor Museum said the figures had been acquired in 1902. Nigeria's National Commission for "
        "Museums and Monuments said the figures would go on display. The commission said it hoped others would follow."
    )
    claims = extract(extractor, text)
    body = "Nigeria's National Commission for Museums and Monuments"
    assert (one(claims, "go on display").speaker.name, one(claims, "go on display").speaker.kind) == (
        body,
        "organisation",
    )
    assert one(claims, "others would follow").speaker.name == body


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Grower Tom Bellingham, who farms near Boston, said his fields had been under water.", "Tom Bellingham"),
        ("Angler Sarah Hughes said the river had been dead for a year.", "Sarah Hughes"),
        ("Baker Tom Hughes said trade had been slow all year.", "Baker Tom Hughes"),  # control: a given name first
    ],
)
def test_a_doer_noun_opening_the_sentence(extractor: AttributionExtractor, text: str, name: str) -> None:
    claim = extract(extractor, text)[0]
    assert (claim.speaker.name, claim.speaker.kind) == (name, "person")
