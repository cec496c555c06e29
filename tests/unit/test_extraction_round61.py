"""Attribution extraction, round 61 (hand-written Australian federal-state politics, Scottish MSPs and Irish TDs,
Nigerian and Kenyan politics, consumer advice, a fact-check article and a sports body's disciplinary decision): a
name set off after the office a spokesperson speaks for ("A spokeswoman for the federal Treasurer, Jim Chalmers,
said") is the office holder's, so the spokeswoman speaks, not Jim Chalmers; an office opening its sentence with no
article ("Chairman of Donegal County Council, Cllr Niamh Kennedy, said") is the role of the name set off after it,
which speaks; "Cathaoirleach" (the chair of an Irish council) is a person's office; "the presidency" is a body."""

from __future__ import annotations

import pytest

from extraction import AttributionExtractor
from tests.unit.extraction_helpers import extract, one

# --- a spokesperson for an office holder who is named -----------------------------------------------------------


@pytest.mark.slow
def test_the_name_after_the_office_spoken_for_is_not_the_spokeswoman(extractor: AttributionExtractor) -> None:
    """Jim Chalmers is the Treasurer; his spokeswoman said it, and she is unnamed."""
    text = (
        "A spokeswoman for the federal Treasurer, Jim Chalmers, said the government had already committed an extra "
        "$2 billion to public hospitals."
    )
    claim = one(extract(extractor, text), "hospitals")
    assert claim.speaker.name != "Jim Chalmers"
    assert "spokeswoman" in claim.speaker.name


@pytest.mark.slow
def test_a_spokesman_for_a_named_prime_minister_is_unnamed(extractor: AttributionExtractor) -> None:
    text = "A spokesman for the Prime Minister, Keir Starmer, said the talks would continue."
    claim = one(extract(extractor, text), "talks")
    assert claim.speaker.name != "Keir Starmer"
    assert "spokesman" in claim.speaker.name


@pytest.mark.slow
def test_a_spokeswoman_for_a_body_named_after_it_is_still_named(extractor: AttributionExtractor) -> None:
    """The control: a body is no office holder, so the name set off after it is the spokeswoman's own."""
    text = "A spokeswoman for the company, Jane Doe, said the factory would stay open."
    claim = one(extract(extractor, text), "factory")
    assert claim.speaker.name == "Jane Doe"


# --- an office opening its sentence, then the holder's name ----------------------------------------------------------


@pytest.mark.slow
def test_an_office_without_an_article_is_the_role_of_the_name_after_it(extractor: AttributionExtractor) -> None:
    text = "Chairman of Donegal County Council, Cllr Niamh Kennedy, said the council had completed the design work."
    claim = one(extract(extractor, text), "design work")
    assert (claim.speaker.name, claim.speaker.kind) == ("Niamh Kennedy", "person")
    assert "chairman of donegal county council" in (claim.speaker.role or "").lower()


@pytest.mark.slow
def test_cathaoirleach_is_a_person_s_office(extractor: AttributionExtractor) -> None:
    """ "Cathaoirleach": the chair of an Irish council, a person; the name set off after it speaks."""
    text = (
        "Cathaoirleach of Donegal County Council, Cllr Niamh Kennedy, said the council was ready to go to tender "
        "within weeks."
    )
    claim = one(extract(extractor, text), "tender")
    assert (claim.speaker.name, claim.speaker.kind) == ("Niamh Kennedy", "person")
    assert "cathaoirleach" in (claim.speaker.role or "").lower()


@pytest.mark.slow
def test_an_office_with_an_article_before_the_name_is_unchanged(extractor: AttributionExtractor) -> None:
    """The control: "The chairman of ..., Niamh Kennedy," already named her."""
    text = "The chairman of Donegal County Council, Niamh Kennedy, said the council had completed the design work."
    claim = one(extract(extractor, text), "design work")
    assert claim.speaker.name == "Niamh Kennedy"


@pytest.mark.slow
def test_a_body_opening_its_sentence_with_a_name_after_it_is_unchanged(extractor: AttributionExtractor) -> None:
    """The control: a body's name is not an office ("Friends of the Earth, the campaign group, said")."""
    text = "Friends of the Earth, the campaign group, said the plan would fail."
    claim = one(extract(extractor, text), "plan")
    assert claim.speaker.name == "Friends of the Earth"


# --- "the presidency" ------------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_the_presidency_is_a_body(extractor: AttributionExtractor) -> None:
    """ "The presidency said in a statement": a head of state's office, a body, as "the ministry" is."""
    text = "The presidency said in a statement that the savings were being used to fund roads."
    claim = one(extract(extractor, text), "roads")
    assert (claim.speaker.name, claim.speaker.kind) == ("presidency", "organisation")
