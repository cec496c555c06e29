"""Attribution extraction, round 41: a noun that ends an aside before "said" is no speaker when it is someone's
object ("..., who co-wrote the report, said": the parser lost the verb's subject); "the paper" never means a party;
a lone surname with "whose son" (a kinship noun) is a person's; a rank written as a lower-case noun ("The captain,
Leah Moss,") is a role, and so is "retired" said of one ("a retired firefighter")."""

from __future__ import annotations

import pytest

from extraction import AttributionExtractor
from tests.unit.extraction_helpers import extract, one

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("text", "words", "name"),
    [
        ("Prof Alan Reyes, a historian at Durham University who co-wrote the book, said the archive had been lost.",
         "the archive had been lost", "Alan Reyes"),
        ("Dr Mina Osei, a geologist at the national survey who co-authored the paper, said the fault was still "
         "moving.", "the fault was still moving", "Mina Osei"),
        ("Dr Laura Finch, an ecologist at the University of Reading who co-wrote the report, said gardens had "
         "become a refuge.", "gardens had become a refuge", "Laura Finch"),
    ],
)  # fmt: skip
def test_object_ending_aside_is_no_speaker(extractor: AttributionExtractor, text: str, words: str, name: str) -> None:
    """The name opening the sentence speaks, not the object ("the book", "the paper") that ends its aside."""
    speaker = one(extract(extractor, text), words).speaker
    assert speaker.name == name, speaker.name
    assert speaker.kind == "person", speaker.kind


def test_aside_control(extractor: AttributionExtractor) -> None:
    """Control: an apposition before "said" still stands for the name before it."""
    speaker = one(extract(extractor, "Flynn, a top surrogate, said the plan would work."), "the plan would").speaker
    assert (speaker.name, speaker.role) == ("Flynn", "top surrogate")


@pytest.mark.parametrize(
    "text",
    [
        "The Labour candidate, Ruth Alder, toured the market on Saturday. A survey for the Wessex Gazette put her two "
        "points ahead. The paper said it showed a late swing to the right.",
        "The Labour candidate, Ruth Alder, toured the market on Saturday. The Wessex Gazette put her two points "
        "ahead. The paper said its survey showed a late swing.",
    ],
)  # fmt: skip
def test_paper_is_no_party(extractor: AttributionExtractor, text: str) -> None:
    """ "The paper said" does not reach back to a party a candidate stands for."""
    speaker = one(extract(extractor, text), "showed a late swing").speaker
    assert speaker.name != "Labour", speaker.name


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Labour won the seat by 400 votes. The party said it would hold a recount in the next ward.", "Labour"),
        ("Harlow Steel cut 300 jobs on Monday. The company said it would keep its rolling mill open.", "Harlow Steel"),
        ("Labour candidate Ruth Alder toured the market. The Labour Party said it would hold a recount.",
         "Labour Party"),
    ],
)  # fmt: skip
def test_body_description_control(extractor: AttributionExtractor, text: str, name: str) -> None:
    """Controls: "the party" and "the company" still mean the party and the company just named."""
    speaker = one(extract(extractor, text), "it would").speaker
    assert speaker.name == name, speaker.name


@pytest.mark.parametrize(
    ("surname", "clause"),
    [
        ("Nwosu", "whose daughter was treated on the ward"),
        ("Mensah", "whose husband died in the fire"),
        ("Kowal", "whose son took part in the study"),
    ],
)
def test_whose_kin_is_a_person(extractor: AttributionExtractor, surname: str, clause: str) -> None:
    """A lone surname the recogniser did not label, with a relative clause on "whose" and a kinship noun, is a
    person's, not a body's."""
    text = f"Families welcomed the report. {surname}, {clause}, said the inquiry had taken too long."
    speaker = one(extract(extractor, text), "the inquiry had taken").speaker
    assert (speaker.name, speaker.kind) == (surname, "person")


def test_whose_shares_stays_a_body(extractor: AttributionExtractor) -> None:
    """Control: "whose" and a body's noun says nothing of a person."""
    text = "Investors were cautious. Halvex, whose shares fell 8 per cent, said demand had slowed."
    speaker = one(extract(extractor, text), "demand had slowed").speaker
    assert (speaker.name, speaker.kind) == ("Halvex", "organisation")


@pytest.mark.parametrize(
    ("text", "words", "role"),
    [
        ('The captain, Leah Moss, thanked the fans after the final whistle. "We owe them everything," Moss said.',
         "We owe them", "captain"),
        ('The general, Mark Drury, visited the base on Friday. "Morale is high," Drury said.', "Morale is high",
         "general"),
        ("Omar Reyes, a retired firefighter, said the blaze had spread quickly.", "the blaze had spread",
         "retired firefighter"),
        ("The detective sergeant, Ann Lowe, said the case was closed.", "the case was closed", "detective sergeant"),
        ("Retired Air Force general Lloyd Newton said the plan would fail.", "the plan would fail",
         "Air Force general"),
    ],
)  # fmt: skip
def test_rank_as_common_noun_is_a_role(extractor: AttributionExtractor, text: str, words: str, role: str) -> None:
    """A rank word in lower case heading a description is the person's role; "retired" said of one stays in it."""
    assert one(extract(extractor, text), words).speaker.role == role


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Retired Gen. John Allen said the war could not be won.", "the war could not"),
        ("Capt. Ray Holt said the ship was safe.", "the ship was safe"),
    ],
)
def test_title_before_name_no_role(extractor: AttributionExtractor, text: str, words: str) -> None:
    """Control: a rank written as a title before the name is no role."""
    assert one(extract(extractor, text), words).speaker.role is None
