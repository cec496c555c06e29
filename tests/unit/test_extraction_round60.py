"""Attribution extraction, round 60 (hand-written radio interview, council meeting, US politics, Indian business,
science release, letters and statements, documents and breaking-news wire): a speaker after an opening participle
phrase and before an aside that ends in a body's name ("Speaking to Times Radio, Professor Nadia Okonkwo, an expert
... at the University of Leeds, said") is the person, not the body; "State industries minister Smt Sunita Mohanty"
is a minister of a state's industries, a person, not a state-owned body; a long clause the parser joined to its cue
as a second conjunct by a comma alone ("..., a source familiar with the matter said on Wednesday") is that cue's
content; "..., an independent review has found" reports the review's finding, while "..., police found" stays none."""

from __future__ import annotations

import pytest

from extraction import AttributionExtractor
from tests.unit.extraction_helpers import extract, one

# --- a name between an opening participle phrase and an aside --------------------------------------------------------


@pytest.mark.slow
def test_the_name_after_an_opening_phrase_speaks_not_the_body_in_its_aside(extractor: AttributionExtractor) -> None:
    """The body that ends the aside ("the University of Leeds") is where she works; she said it."""
    text = (
        "Speaking to Times Radio, Professor Nadia Okonkwo, an expert in water policy at the University of Leeds, "
        "said the figures were not a surprise."
    )
    claim = one(extract(extractor, text), "figures")
    assert (claim.speaker.name, claim.speaker.kind) == ("Nadia Okonkwo", "person")
    assert "expert in water policy" in (claim.speaker.role or "")


@pytest.mark.slow
def test_a_sentence_without_the_opening_phrase_is_unchanged(extractor: AttributionExtractor) -> None:
    """The control: the same sentence with no opening phrase already named her."""
    text = "Dr Paul Hale, a lecturer in law at the University of Kent, said the ruling was wrong."
    claim = one(extract(extractor, text), "ruling")
    assert (claim.speaker.name, claim.speaker.kind) == ("Paul Hale", "person")


# --- "State" before an office held by a person ---------------------------------------------------------------------


@pytest.mark.slow
def test_a_state_minister_with_a_courtesy_title_is_a_person(extractor: AttributionExtractor) -> None:
    """ "State industries minister Smt Sunita Mohanty": a minister, with her office for role."""
    text = "State industries minister Smt Sunita Mohanty said the project would create about 9,000 jobs."
    claim = one(extract(extractor, text), "9,000 jobs")
    assert (claim.speaker.name, claim.speaker.kind) == ("Sunita Mohanty", "person")
    assert "industries minister" in (claim.speaker.role or "").lower()


@pytest.mark.slow
def test_a_state_owned_body_is_still_a_body(extractor: AttributionExtractor) -> None:
    """The control: "state oil firm NNPC" is owned by the state, a body."""
    claim = one(extract(extractor, "Nigeria's state oil firm NNPC said output would rise."), "output")
    assert (claim.speaker.name, claim.speaker.kind) == ("NNPC", "organisation")


# --- a cue joined to a long clause by a comma alone ------------------------------------------------------------------


@pytest.mark.slow
def test_a_long_clause_before_a_source_said_is_its_claim(extractor: AttributionExtractor) -> None:
    """The parser made "said" a second conjunct of "is"; the clause before the comma is what the source said."""
    text = (
        "Tarragon Foods is in advanced talks to sell its frozen food division to private equity firm Corbel Partners "
        "for about 1.8 billion pounds, a source familiar with the matter said on Wednesday."
    )
    claim = one(extract(extractor, text), "advanced talks")
    assert claim.speaker.name == "source familiar with the matter"
    assert claim.text.startswith("Tarragon Foods is in advanced talks")
    assert claim.text.endswith("1.8 billion pounds")


@pytest.mark.slow
def test_a_clause_joined_by_and_is_not_what_was_said(extractor: AttributionExtractor) -> None:
    """The control: "..., and residents said X": the residents said X, not the clause before "and"."""
    claims = extract(
        extractor, "The river burst its banks overnight, and residents said the water rose within minutes."
    )
    assert [c.text for c in claims] == ["the water rose within minutes"]


# --- "..., a review has found" ---------------------------------------------------------------------------------------


@pytest.mark.slow
def test_a_finding_before_a_review_found_is_the_reviews(extractor: AttributionExtractor) -> None:
    text = "The trust ignored at least eleven warnings about unsafe staffing, an independent review has found."
    claim = one(extract(extractor, text), "eleven warnings")
    assert claim.speaker.name == "independent review"
    assert claim.text == "The trust ignored at least eleven warnings about unsafe staffing"


@pytest.mark.slow
def test_what_police_found_is_no_statement(extractor: AttributionExtractor) -> None:
    """The control: police find objects as well as facts; "..., police found" stays no claim."""
    assert extract(extractor, "The car was abandoned near the river, police found.") == []


@pytest.mark.slow
def test_a_headline_finding_in_the_present_is_left_to_the_lead(extractor: AttributionExtractor) -> None:
    """The control: "Bees learn to count to four, study finds", a headline its lead restates with its source."""
    assert extract(extractor, "Bees learn to count to four, study finds") == []


# --- a wire's label on the front of a headline -----------------------------------------------------------------------


@pytest.mark.slow
def test_a_wire_slug_is_no_part_of_the_headline_claim(extractor: AttributionExtractor) -> None:
    """ "UPDATE 3-Tarragon Foods in talks ..., sources say": the claim opens at the headline, after the label."""
    text = "UPDATE 3-Tarragon Foods in talks to sell frozen unit, sources say"
    claim = one(extract(extractor, text), "frozen unit")
    assert claim.text == "Tarragon Foods in talks to sell frozen unit"


@pytest.mark.slow
def test_a_hyphenated_capitalised_opening_word_is_kept(extractor: AttributionExtractor) -> None:
    """The control: a name written in capitals before a hyphen ("COVID-19") is no wire's label."""
    claim = one(extract(extractor, "COVID-19 cases rose by a third last week, officials said."), "cases")
    assert claim.text.startswith("COVID-19 cases rose")


# --- a lower-case word inside a body's name --------------------------------------------------------------------------


@pytest.mark.slow
def test_a_lower_case_word_inside_a_bodys_name_keeps_the_name_whole(extractor: AttributionExtractor) -> None:
    """ "the Medicines and Healthcare products Regulatory Agency": "products" is a word of the name, which is whole,
    not "Regulatory Agency"."""
    text = "The Medicines and Healthcare products Regulatory Agency said it would not comment."
    claim = one(extract(extractor, text), "comment")
    assert claim.speaker.name == "Medicines and Healthcare products Regulatory Agency"
    assert claim.speaker.kind == "organisation"


@pytest.mark.slow
def test_a_kind_of_company_before_a_name_still_describes_it(extractor: AttributionExtractor) -> None:
    """The control: "Smith and Nephew medical devices unit Arthrex": "unit" is a kind of body; Arthrex speaks."""
    text = "Smith and Nephew medical devices unit Arthrex said it would not comment."
    assert one(extract(extractor, text), "comment").speaker.name == "Arthrex"


# --- a quotation before a verb of purpose ----------------------------------------------------------------------------


@pytest.mark.slow
def test_a_quotation_before_a_verb_of_purpose_is_not_its_claim(extractor: AttributionExtractor) -> None:
    """'had taken "extreme care" to rule out contamination': "extreme care" is what the team took, not what "rule
    out" reports; only the professor's claim is left."""
    text = (
        'Professor Kenji Watanabe, a co-author, said the team had taken "extreme care" to rule out contamination '
        "from the drilling ship."
    )
    claims = extract(extractor, text)
    assert [(c.speaker.name, c.text) for c in claims] == [
        ("Kenji Watanabe", 'the team had taken "extreme care" to rule out contamination from the drilling ship')
    ]
