"""Attribution extraction, round 57 (hand-written court, council, outbreak, committee and obituary reports): a
participle that describes a noun ("the ruling group") is no second cue; a noun phrase set after the attribution
("..., the department said on Monday, the highest figure for a decade") is no object of the cue's own; a court
report's lone opening participle ("Prosecuting, Nadia Farouk told the court") and a fronted place ("Outside court,
Detective Inspector Simon Bale said") are neither speaker nor role; a reflexive ("Linden herself") says which of one
surname's people is meant; an organisation's name the parser ends early ("Clean Rivers Now") is kept whole; a firm's
name ending in a company word the tagger reads as a common noun ("Parkside Events") speaks as that firm."""

from __future__ import annotations

import pytest

from extraction import AttributionExtractor
from extraction.content import object_of_its_own
from tests.unit.extraction_helpers import extract, one

# --- a participle describing a noun is no cue --------------------------------------------------------------------


@pytest.mark.slow
def test_a_participle_before_a_noun_does_not_cut_the_claim(extractor: AttributionExtractor) -> None:
    """ "the ruling group": "ruling" is a word of the reported clause's subject, not "ruling that"."""
    claims = extract(extractor, "Rhodri Ellis said the ruling group had wasted money on consultants.")
    assert [c.text for c in claims] == ["the ruling group had wasted money on consultants"]
    assert claims[0].speaker.name == "Rhodri Ellis"


@pytest.mark.slow
def test_a_participle_cue_after_the_claim_still_cuts_it(extractor: AttributionExtractor) -> None:
    """The control: a second cue of the same speaker ("..., warning that ...") still ends the first claim."""
    claims = extract(extractor, "The minister said the plan would cost £2m, warning that it could rise.")
    assert one(claims, "plan").text == "the plan would cost £2m"


# --- a gloss after the attribution ---------------------------------------------------------------------------------


@pytest.mark.slow
def test_a_gloss_after_the_cue_is_not_its_object(extractor: AttributionExtractor) -> None:
    """ "..., the Department of Health said on Monday, the highest figure for more than a decade": the clause before
    the cue is the department's claim; the noun phrase after it sums it up."""
    text = (
        "The number of confirmed measles cases in Ireland has risen to 214 this year, the Department of Health said"
        " on Monday, the highest figure for more than a decade."
    )
    claims = extract(extractor, text)
    assert len(claims) == 1
    assert claims[0].text.startswith("The number of confirmed measles cases")
    assert claims[0].speaker.name == "Department of Health"


@pytest.mark.slow
def test_an_object_right_after_the_cue_still_is_its_own(extractor: AttributionExtractor) -> None:
    """The control: a cue with a thing as its object and no comma before it says that thing, not the clause."""
    doc = extractor.nlp("Lumora unveils foldable e-reader, promises two-week battery")
    verb = next(t for t in doc if t.lower_ == "promises")
    assert object_of_its_own(verb)


# --- an opening participle or place is no speaker or role -----------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Prosecuting, Nadia Farouk told the court that two inspectors had raised the alarm.", "Nadia Farouk"),
        ("Defending, Tom Okoro said his client had been overwhelmed.", "Tom Okoro"),
    ],
)
def test_a_court_reports_opening_participle_is_no_speaker(
    extractor: AttributionExtractor, text: str, name: str
) -> None:
    """ "Prosecuting, Nadia Farouk told the court": the parser may join the name to the participle as a second
    subject; the speaker is the name, a person."""
    speaker = extract(extractor, text)[0].speaker
    assert speaker.name == name
    assert speaker.kind == "person"


@pytest.mark.slow
def test_a_fronted_place_is_no_role(extractor: AttributionExtractor) -> None:
    """ "Outside court, Detective Inspector Simon Bale ... said": "Outside court" says where, not what he is."""
    text = "Outside court, Detective Inspector Simon Bale of West Yorkshire Police said the sentence sent a message."
    speaker = extract(extractor, text)[0].speaker
    assert speaker.name == "Simon Bale"
    assert "court" not in (speaker.role or "").lower()


@pytest.mark.slow
def test_a_role_before_a_name_is_still_a_role(extractor: AttributionExtractor) -> None:
    """The control: a person's noun set off before the name stays the role."""
    speaker = extract(extractor, "Its president, Professor Jane Holloway, said the society would hold a lecture.")[0]
    assert speaker.speaker.name == "Jane Holloway"
    assert "president" in (speaker.speaker.role or "")


# --- a reflexive picks one of a surname's people ---------------------------------------------------------------------

_OBITUARY = (
    "Margaret Linden, the astronomer, has died at the age of 88.\n\n"
    "Her son, Thomas Linden, said his mother had never thought of herself as a pioneer.\n\n"
    "Its president, Professor Jane Holloway, said Linden had taught her to ask awkward questions.\n\n"
    "Linden {reflexive}was modest about her achievements. In an interview in 2012, she said that luck had played a"
    " bigger part in her career than talent."
)


@pytest.mark.slow
def test_a_reflexive_after_a_shared_surname_picks_the_person_of_its_gender(extractor: AttributionExtractor) -> None:
    """ "Linden herself was modest ... she said": of Margaret and Thomas Linden, "herself" means Margaret, whom the
    next "she" then means (not Jane Holloway, the last woman to speak)."""
    claims = extract(extractor, _OBITUARY.format(reflexive="herself "))
    assert one(claims, "luck").speaker.name == "Margaret Linden"


# --- an organisation's name kept whole -------------------------------------------------------------------------------


@pytest.mark.slow
def test_an_organisation_name_the_parser_ends_early_is_kept_whole(extractor: AttributionExtractor) -> None:
    """ "Clean Rivers Now said": the parser hangs "Now" on the verb; the recogniser read the whole name."""
    speaker = extract(extractor, "Campaign group Clean Rivers Now said the hearing had shown a failure.")[0].speaker
    assert speaker.name == "Clean Rivers Now"
    assert speaker.kind == "organisation"


# --- a firm named in apposition with a company word last -------------------------------------------------------------


@pytest.mark.slow
def test_a_firm_in_apposition_speaks(extractor: AttributionExtractor) -> None:
    """ "The festival's organiser, Parkside Events, said": the firm speaks, and is the "It" that adds more."""
    text = (
        "The festival's organiser, Parkside Events, said in a statement that it was co-operating fully with the"
        " police.\n\nIt added that the gates had been opened on time."
    )
    claims = extract(extractor, text)
    assert [(c.speaker.name, c.speaker.kind) for c in claims] == [("Parkside Events", "organisation")] * 2


@pytest.mark.slow
def test_a_person_in_apposition_after_a_role_is_still_a_person(extractor: AttributionExtractor) -> None:
    """The control: a person's name after the same role stays a person."""
    speaker = extract(extractor, "The festival's organiser, Amy Parkside, said the gates had opened on time.")[0]
    assert (speaker.speaker.name, speaker.speaker.kind) == ("Amy Parkside", "person")
