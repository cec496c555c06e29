"""Attribution extraction, round 43: a body whose name ends in a plural or a team's word ("Dunmore Rovers", "Kelso
Athletic", "Pell Brothers") is an organisation, so a later "the club said" means it; a plural for people inside a
longer name ("the Farmers' Union of Wales") does not make "Farmers said" a name; "Pell Brothers, the roofers
hired ..., said" is the firm's; "the airline said" is the one airline the article named."""

from __future__ import annotations

import pytest

from extraction import AttributionExtractor
from tests.unit.extraction_helpers import extract, one

pytestmark = pytest.mark.slow


# --- bodies named by a plural or a team's word ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words", "name"),
    [
        ("DUNMORE (Sports Desk) — Dunmore Rovers said on Friday that the ground would be sold to a developer.",
         "the ground would be sold", "Dunmore Rovers"),
        ("Kirkby Wanderers said on Sunday that the coach had resigned after six defeats.", "the coach had resigned",
         "Kirkby Wanderers"),
        ("Rivals Stanton Athletic said they would not oppose the merger.", "would not oppose", "Stanton Athletic"),
        ("The cup draw was made on Monday. Rivals Kelso Athletic said they would ask for the tie to be moved.",
         "the tie to be moved", "Kelso Athletic"),
    ],
)  # fmt: skip
def test_a_club_named_by_its_last_word_is_a_body(
    extractor: AttributionExtractor, text: str, words: str, name: str
) -> None:
    """The recogniser takes "Rovers" for a person (or leaves "Kelso Athletic" untagged): a name whose last word only
    clubs and firms end with is an organisation, even after a town that is also a given name ("Stanton")."""
    speaker = one(extract(extractor, text), words).speaker
    assert (speaker.name, speaker.kind, speaker.named) == (name, "organisation", True)


def test_the_club_said_means_the_club_named_before(extractor: AttributionExtractor) -> None:
    """Once "Dunmore Rovers" is a body, "the club said" and "it added" are that body, as "the company said" is."""
    text = (
        "DUNMORE (Sports Desk) — Dunmore Rovers said on Friday that the ground would be sold to a developer.\n"
        "“We had no other way to pay our debts,” the club said in a statement.\n"
        "“The team will play at Kelso next season,” it added."
    )
    claims = extract(extractor, text)
    for words in ("We had no other way", "The team will play"):
        speaker = one(claims, words).speaker
        assert (speaker.name, speaker.kind, speaker.named) == ("Dunmore Rovers", "organisation", True)


@pytest.mark.parametrize(
    ("text", "words", "name"),
    [
        ("Dean Rivers said he would appeal against the ban.", "would appeal", "Dean Rivers"),
        ("The match ended 1-1. Sam Fields said the draw was a fair result.", "the draw was a fair", "Sam Fields"),
        ("Police said Tom Rovers had been arrested. Rovers said he was innocent.", "he was innocent", "Tom Rovers"),
    ],
)
def test_a_person_with_a_plural_surname_stays_a_person(
    extractor: AttributionExtractor, text: str, words: str, name: str
) -> None:
    """Control: a plural no list holds ends a person's name; and a name the recogniser read as a person's, a given
    name first, stays one even when a club's word ends it."""
    speaker = one(extract(extractor, text), words).speaker
    assert (speaker.name, speaker.kind) == (name, "person")


# --- a plural for people inside a longer name ------------------------------------------------------------------------


def test_a_plural_for_people_inside_a_bodys_name_is_no_name_of_its_own(extractor: AttributionExtractor) -> None:
    """ "the Farmers' Union of Wales" capitalises "Farmers" inside a body's name, not as a name of its own:
    "Farmers said" opening a sentence is still people described (round 42), not a body the recogniser saw."""
    text = (
        "Milk prices fell again in March. Farmers said they were selling at a loss. The Farmers' Union of Wales "
        "said it would meet the minister."
    )
    claims = extract(extractor, text)
    speaker = one(claims, "selling at a loss").speaker
    assert (speaker.name, speaker.kind, speaker.named) == ("Farmers", "person", False)
    assert one(claims, "meet the minister").speaker.name == "Farmers' Union of Wales"


# --- a name, then its description set off by commas ----------------------------------------------------------------


def test_a_description_set_off_after_a_name_is_no_speaker_of_its_own(extractor: AttributionExtractor) -> None:
    """The parser reads "the roofers hired" as a clause with its own subject: set off by a comma after the name,
    the description is an apposition, and the name before it speaks."""
    text = "Pell Brothers, the roofers hired to fix the church, said the work would take a month."
    speaker = one(extract(extractor, text), "the work would take a month").speaker
    assert (speaker.name, speaker.kind) == ("Pell Brothers", "organisation")


def test_people_described_by_a_participle_still_speak(extractor: AttributionExtractor) -> None:
    """Control: with no comma before them, "Residents evacuated from the estate" are the speakers."""
    text = "Residents evacuated from the estate said they had lost everything."
    assert one(extract(extractor, text), "they had lost everything").speaker.name == "Residents"


# --- "the airline" ---------------------------------------------------------------------------------------------------


def test_the_airline_is_the_one_airline_named(extractor: AttributionExtractor) -> None:
    """A business's trade noun that one named body's name spells ("Skyway Airlines") means that body, not the owner
    named since ("Pemberton Holdings")."""
    text = (
        "Skyway Airlines said it had cancelled 40 flights because of a strike.\n\n"
        "Pemberton Holdings, which owns the airline, said it regretted the strike.\n\n"
        "The airline said it hoped to run a full timetable by Friday."
    )
    claims = extract(extractor, text)
    assert one(claims, "it regretted the strike").speaker.name == "Pemberton Holdings"
    speaker = one(claims, "a full timetable by Friday").speaker
    assert (speaker.name, speaker.kind) == ("Skyway Airlines", "organisation")
