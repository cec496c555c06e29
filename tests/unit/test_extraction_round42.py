"""Attribution extraction, round 42: a plural common noun for people the recogniser labels a body or a person
("Neighbours said": a TV series) is a group described, as "Residents said" is; "the X Echo" and "the Y Ledger" are
newspapers; "the Rev" inside a body's entity makes a person; figures in a lead take no name from the next paragraph;
"said NAME, an analyst, “...”" keeps the interrupted quotation; "told the paper at the time that ..." is a claim."""

from __future__ import annotations

import pytest

from extraction import AttributionExtractor
from tests.unit.extraction_helpers import extract, one

pytestmark = pytest.mark.slow


# --- groups of people --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words", "name"),
    [
        ("A fire destroyed a barn near Holt on Tuesday. Neighbours said the smoke could be seen for miles.",
         "the smoke could be seen", "Neighbours"),
        ("Heavy rain flooded the campsite at Keswick. Campers said the water rose within an hour.",
         "the water rose", "Campers"),
        ("Neighbours said the lorries ran all night. Neighbours had also warned that the lane was too narrow, but "
         "the builder, Ashby Homes, said its traffic plan had been approved.", "the lane was too narrow",
         "Neighbours"),
        ("The Football Association said it would look at the footage. Stewards said they had thrown out five "
         "fans.", "thrown out five fans", "Stewards"),
        ("Sales of tickets fell. Festival-goers said the prices had doubled.", "the prices had doubled",
         "Festival-goers"),
    ],
)  # fmt: skip
def test_a_plural_noun_for_people_is_a_group_described(
    extractor: AttributionExtractor, text: str, words: str, name: str
) -> None:
    """Not a body or a person called so: the tagger's common noun (somewhere in the article) and a capital that only
    opens the sentence make it people described, unnamed, as "Residents said" is (round 27)."""
    speaker = one(extract(extractor, text), words).speaker
    assert (speaker.name, speaker.kind, speaker.named) == (name, "person", False)


def test_a_club_named_so_mid_sentence_stays_a_name(extractor: AttributionExtractor) -> None:
    """Control: a plural the article capitalises inside a sentence is a name there and at a sentence's opening."""
    text = (
        "The ban was imposed on Rangers after fans threw flares at Hampden. Rangers said it would appeal against "
        "the decision."
    )
    speaker = one(extract(extractor, text), "would appeal").speaker
    assert (speaker.name, speaker.kind, speaker.named) == ("Rangers", "organisation", True)


# --- newspapers ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The Bexley Echo reported last month that ambulances had queued outside the hospital.", "Bexley Echo"),
        ("The Sunday Ledger reported that a private equity firm was preparing an offer.", "Sunday Ledger"),
        ("The Northern Echo reported that the operator had cancelled 900 trains since January.", "Northern Echo"),
    ],
)
def test_the_name_of_a_paper_is_a_body(extractor: AttributionExtractor, text: str, name: str) -> None:
    """ "the" and a name ending in a word papers end their names with: a newspaper, whatever the recogniser said."""
    (claim,) = extract(extractor, text)
    assert (claim.speaker.name, claim.speaker.kind) == (name, "organisation")


def test_the_paper_told_is_no_speaker(extractor: AttributionExtractor) -> None:
    """Control: "told the Dunmore Gazette" makes the paper the one told."""
    text = "The victim's mother, Joan Halloran, told the Dunmore Gazette that her son still could not work."
    speaker = one(extract(extractor, text), "her son still could not work").speaker
    assert (speaker.name, speaker.kind) == ("Joan Halloran", "person")


# --- a clergyman's style -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("The Rev Gareth Hughes said the repairs could cost thousands of pounds.", None),
        ("The vicar, the Rev Gareth Hughes, said the repairs could cost thousands of pounds.", "vicar"),
        ("The vicar, the Rev Gareth Hughes, told the Western Mail that the repairs could cost thousands.", "vicar"),
    ],
)
def test_a_styled_name_the_recogniser_made_a_body_is_a_person(
    extractor: AttributionExtractor, text: str, role: str | None
) -> None:
    """ "the Rev" before a given name and a surname makes them a person's, and the noun set before them their role."""
    speaker = one(extract(extractor, text), "the repairs could cost").speaker
    assert (speaker.name, speaker.kind, speaker.role) == ("Gareth Hughes", "person", role)


# --- findings in a lead --------------------------------------------------------------------------------------------


def test_figures_in_a_lead_take_no_name_from_the_next_paragraph(extractor: AttributionExtractor) -> None:
    """The next paragraph's new name reported something else; figures' maker is given with them or not at all."""
    text = (
        "Waiting times at the county hospital have reached their worst level on record, according to figures "
        "published on Thursday.\n\nThe Bexley Echo reported last month that ambulances had queued for hours."
    )
    speaker = one(extract(extractor, text), "worst level on record").speaker
    assert (speaker.name, speaker.named) == ("figures", False)


# --- an interrupted quotation with its speaker after the cue ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ('"Carver has been undervalued for years," said Rebecca Lowe, an analyst at Peel Hunt, "and a bid was only '
         'a matter of time."', "analyst at Peel Hunt"),
        ("“Carver has been undervalued for years,” said Rebecca Lowe, an analyst, “and a bid was only a matter of "
         "time.”", "analyst"),
    ],
)  # fmt: skip
def test_a_speaker_with_an_aside_after_the_cue_keeps_the_interrupted_quotation(
    extractor: AttributionExtractor, text: str, role: str
) -> None:
    """The parser hangs the name on the second piece's verb; the name right after the cue still speaks both."""
    (claim,) = extract(extractor, text)
    assert "undervalued for years" in claim.text and "a matter of time" in claim.text
    assert (claim.kind, claim.speaker.name, claim.speaker.role) == ("direct_quote", "Rebecca Lowe", role)


def test_an_interrupted_quotation_with_the_name_alone_still_joins(extractor: AttributionExtractor) -> None:
    """Control: with no aside the parse was whole, and so is the claim."""
    text = '"Carver has been undervalued for years," said Rebecca Lowe, "and a bid was only a matter of time."'
    (claim,) = extract(extractor, text)
    assert "a matter of time" in claim.text and claim.speaker.name == "Rebecca Lowe"


# --- told, at a time, that ----------------------------------------------------------------------------------------


def test_told_the_paper_at_the_time_that(extractor: AttributionExtractor) -> None:
    """The "that" clause the parser hung on "the time" as its relative clause is what the paper was told."""
    text = (
        "Water damaged two paintings at the gallery in the summer. The director, Naomi Fairclough, told the "
        "Whitstable Times at the time that both had been restored."
    )
    claim = one(extract(extractor, text), "both had been restored")
    assert claim.text == "both had been restored"
    assert (claim.speaker.name, claim.cue) == ("Naomi Fairclough", "told")
