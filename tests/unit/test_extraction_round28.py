"""Attribution extraction, round 28: a gerund a preposition governs ("removed without warning") ends a claim as a
plain word, not as another attribution's cue; a drug or test maker named for its science ("Halden Therapeutics")
is a body; a body's name followed in lower case by what it is ("the Unite union") is the name alone; and "the
Portuguese club" names no club, only where the club just named is based."""

from __future__ import annotations

import pytest

from extraction import AttributionExtractor
from tests.unit.extraction_helpers import extract, one

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        (
            "A former worker said on Facebook that the depot had been shut without warning.",
            "shut without warning",
            "former worker",
        ),
        ("The union said two drivers were sacked after complaining.", "sacked after complaining", "union"),
    ],
)
def test_a_gerund_after_a_preposition_ends_a_claim(
    extractor: AttributionExtractor, text: str, words: str, speaker: str
) -> None:
    claim = one(extract(extractor, text), words)
    assert claim.speaker.name == speaker


def test_a_cue_ending_the_content_still_ends_it(extractor: AttributionExtractor) -> None:
    """Control: a finite speech verb at the end of what follows a cue is still another attribution's cue."""
    text = "Officials said the bridge was safe, engineers warned."
    claims = extract(extractor, text)
    assert all(not c.text.endswith("engineers warned") for c in claims)


@pytest.mark.parametrize("name", ["Merival Therapeutics", "Selwyn Biotech", "Aldren Biosciences"])
def test_a_maker_named_for_its_science_is_a_body(extractor: AttributionExtractor, name: str) -> None:
    text = f"{name} said the drug slowed the disease.\n\nThe company said it would seek approval next year."
    claims = extract(extractor, text)
    first, second = one(claims, "slowed the disease"), one(claims, "seek approval")
    assert (first.speaker.name, first.speaker.kind) == (name, "organisation")
    assert (second.speaker.name, second.speaker.kind) == (name, "organisation")


def test_a_person_is_still_a_person(extractor: AttributionExtractor) -> None:
    """Control: a person's name is untouched by the company words."""
    claim = one(extract(extractor, "Maria Banks said the drug slowed the disease."), "slowed the disease")
    assert (claim.speaker.name, claim.speaker.kind) == ("Maria Banks", "person")


def test_a_bodys_name_before_what_it_is_is_the_name_alone(extractor: AttributionExtractor) -> None:
    """ "The Unite union said ... Unite said ... The union said": one source, Unite."""
    text = (
        "Bus drivers will strike for five days next week, the Unite union said on Monday.\n\n"
        "Unite said the offer was far below inflation. The union said more than 3,000 drivers would walk out."
    )
    claims = extract(extractor, text)
    for words in ("strike for five days", "far below inflation", "3,000 drivers"):
        speaker = one(claims, words).speaker
        assert (speaker.name, speaker.kind, speaker.named) == ("Unite", "organisation", True)


@pytest.mark.parametrize(
    ("body", "name"),
    [
        ("the Trump campaign", "Trump campaign"),  # an owner's name before a body of theirs
        ("the Madrid club", "Madrid club"),  # a place's
        ("the Obama administration", "Obama administration"),
        ("the UN agency", "UN agency"),  # a member body of the UN's, not the UN
    ],
)
def test_a_name_before_a_body_of_its_own_stays(extractor: AttributionExtractor, body: str, name: str) -> None:
    claim = one(extract(extractor, f"Staff will strike next week, {body} said on Monday."), "strike next week")
    assert claim.speaker.name == name


def test_a_nation_and_a_kind_of_body_is_the_body_just_named(extractor: AttributionExtractor) -> None:
    text = (
        "Volkswagen said sales fell in the spring.\n\n"
        "The German carmaker said it would cut 3,000 jobs.\n\n"
        "Ajax said the fee could rise to 95 million euros. "
        "The Dutch club said in a statement that it thanked the player."
    )
    claims = extract(extractor, text)
    carmaker = one(claims, "cut 3,000 jobs").speaker
    assert (carmaker.name, carmaker.named) == ("Volkswagen", True)
    club = one(claims, "thanked the player").speaker
    assert (club.name, club.kind, club.named) == ("Ajax", "organisation", True)


def test_a_body_described_as_of_one_nation_is_no_body_of_another(extractor: AttributionExtractor) -> None:
    """ "The German carmaker" was Volkswagen: "the Portuguese club" is not."""
    text = (
        "Volkswagen said sales fell in the spring.\n\n"
        "The German carmaker said it would cut 3,000 jobs.\n\n"
        "The Portuguese club said in a statement that it thanked the player."
    )
    club = one(extract(extractor, text), "thanked the player").speaker
    assert club.name != "Volkswagen"
    assert not club.named


def test_a_nation_and_a_kind_of_body_names_none_of_its_own(extractor: AttributionExtractor) -> None:
    """No body was named before: "the Italian club" is described, not named, and no later club of another nation
    is it."""
    text = "The Portuguese club said the fee was fair.\n\nThe Italian club said the fee was too high."
    claims = extract(extractor, text)
    first, second = one(claims, "was fair").speaker, one(claims, "too high").speaker
    assert not first.named and not second.named
    assert first.name != second.name


def test_a_nations_one_body_is_still_named(extractor: AttributionExtractor) -> None:
    """Control: a body a nation has one of is named by its nation."""
    claim = one(extract(extractor, "The Chinese foreign ministry said the talks were useful."), "talks were useful")
    assert (claim.speaker.name, claim.speaker.named) == ("Chinese foreign ministry", True)


@pytest.mark.parametrize(
    "text",
    [
        "Farmers' groups said they would protest in The Hague next week.",  # "Farmers" labelled a body
        "Teachers' unions said pay was too low.",  # control: so labelled too, described as before
    ],
)
def test_people_owning_what_speaks_name_no_body(extractor: AttributionExtractor, text: str) -> None:
    """A plural person's noun opening the sentence is no body's name, whatever label its capital earned it."""
    claim = extract(extractor, text)[0]
    assert claim.speaker.kind == "organisation"
    assert not claim.speaker.named
