"""Attribution extraction, round 30: a number heading the object of "said" that counts the reported clause's
subject ("said nine in ten of its members expected ..."); a person's role word capitalised only because it opens
the sentence ("Resident Carys Evans said"); a body's common noun alone at a headline's start ("Council approves
...") names no body; a firm after "analysts at" is where they work, not the speaker."""

from __future__ import annotations

import pytest

from extraction import AttributionExtractor
from tests.unit.extraction_helpers import extract, one

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (
            "Jo Marsh, leader of the union, said nine in ten of its members expected to strike next month.",
            "nine in ten",
        ),
        ("Ms Reid said two of the men questioned by police had left the country.", "two of the men"),
    ],
)
def test_a_counted_subject_read_as_the_cues_object(extractor: AttributionExtractor, text: str, words: str) -> None:
    claim = one(extract(extractor, text), words)
    assert claim.text.startswith(words)
    assert claim.text.endswith(text.rstrip(".").split(" ")[-1])


def test_a_number_said_alone_is_no_claim(extractor: AttributionExtractor) -> None:
    """Control: a counted noun qualified by a participle that is never a past tense is what was said."""
    assert extract(extractor, "The priest said three of the prayers written by his mother.") == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Resident Sian Evans said the road had flooded twice.", "Sian Evans"),
        ("Shopkeeper Dilys Morgan said trade had fallen by half since the floods.", "Dilys Morgan"),  # control
    ],
)
def test_a_role_word_opening_the_sentence(extractor: AttributionExtractor, text: str, name: str) -> None:
    claim = extract(extractor, text)[0]
    assert (claim.speaker.name, claim.speaker.kind) == (name, "person")


def test_a_pronoun_after_a_role_word_opening_the_sentence(extractor: AttributionExtractor) -> None:
    text = 'Resident Sian Evans said the road had flooded twice. "We have never seen anything like it," she said.'
    claim = one(extract(extractor, text), "We have never seen")
    assert (claim.speaker.name, claim.speaker.kind) == ("Sian Evans", "person")


def test_an_organisation_opening_the_sentence_stays_one(extractor: AttributionExtractor) -> None:
    """Control: a body's own name opening the sentence is still the body's."""
    claim = extract(extractor, "Sustrans said the decision was a step in the right direction.")[0]
    assert (claim.speaker.name, claim.speaker.kind, claim.speaker.named) == ("Sustrans", "organisation", True)


def test_a_headline_body_noun_names_no_body(extractor: AttributionExtractor) -> None:
    text = "Council approves new bus lanes\n\nThe council said the scheme would cost £3m."
    claim = one(extract(extractor, text), "the scheme would cost")
    assert not claim.speaker.named
    assert claim.speaker.name.lower() == "council"


def test_an_institution_alone_is_still_named(extractor: AttributionExtractor) -> None:
    """Control: "Parliament" alone names an institution of its own."""
    claim = extract(extractor, "Parliament said the bill would pass next week.")[0]
    assert claim.speaker.named and claim.speaker.name == "Parliament"


@pytest.mark.parametrize("firm", ["Peel Hunt", "Barclays"])
def test_analysts_at_a_firm(extractor: AttributionExtractor, firm: str) -> None:
    claim = extract(extractor, f"Analysts at {firm} said the results were ahead of expectations.")[0]
    assert not claim.speaker.named
    assert claim.speaker.name.endswith(f"at {firm}")


def test_a_lawyer_for_a_person_is_not_the_person(extractor: AttributionExtractor) -> None:
    """Control: the existing "for" reading is unchanged."""
    claim = extract(extractor, "A lawyer for Maria Alvarez said the charges would be contested.")[0]
    assert claim.speaker.name != "Maria Alvarez"
