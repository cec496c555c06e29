"""Attribution extraction, round 51: wire copy, court and Commons reporting, back-references to people and bodies.
A role set off before a name that the parser hung apart from it ("The lifeboat's coxswain, Vince Jones, said") is
still the name's role; a role whose apposition is a described name ("Its founder, the retired engineer Brian
Tolley, said") is that person's; "the coastguard" is a body ("HM Coastguard", never the coastguard's spokesman); an
age used as a noun before the verb ("The 54-year-old said listeners had written") reports the rest of the sentence
when the parser reads the verb as a modifier; a postposed cue the parser read as a participle ("..., the energy
regulator announced on Monday.") is the cue; a role noun right before a styled name ("The former presenter Sir Mark
Elton said") is the name's role; an age epithet may mean a person who was the subject of reported words ("Sir Mark
Elton has been appointed ..., the regulator announced. The 71-year-old said"); a person a pronoun means keeps the
role the narration gave them."""

from __future__ import annotations

import pytest

from extraction import AttributionExtractor
from tests.unit.extraction_helpers import extract, one

# --- a role set off before the name ---------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("The lifeboat's coxswain, Vince Jones, said the kayakers had done the right thing.", "coxswain"),
        ("The coxswain, Vince Jones, said the kayakers had done the right thing.", "coxswain"),  # control
    ],
)
def test_a_role_set_off_before_the_name_is_its_role(extractor: AttributionExtractor, text: str, role: str) -> None:
    """ "The lifeboat's coxswain, Vince Jones, said": the parser may hang the role on the verb as a clause of its own,
    the name the verb's subject; set off by commas right before the name, it is still the name's role."""
    speaker = one(extract(extractor, text), "done the right thing").speaker
    assert speaker.name == "Vince Jones"
    assert role in (speaker.role or "")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        (
            "The Local Radio Campaign said the review was overdue. Its founder, the retired engineer Brian Tolley, "
            'said: "We have been asking for this for five years."',
            "Brian Tolley",
            "founder",
        ),
        ("The chairman, the former banker Sir Ian Ross, said the review was late.", "Ian Ross", "chairman"),
        ("Its founder, retired engineer Brian Tolley, said the review was late.", "Brian Tolley", "founder"),  # control
    ],
)
def test_a_described_name_in_apposition_to_a_role_is_the_speaker(
    extractor: AttributionExtractor, text: str, name: str, role: str
) -> None:
    """ "Its founder, the retired engineer Brian Tolley, said": the apposition is a description with the name
    after it; the name is the founder's, not a role's word."""
    claims = extract(extractor, text)
    speaker = next(c for c in claims if "five years" in c.text or "review was late" in c.text).speaker
    assert speaker.name == name
    assert role in (speaker.role or "").lower()


# --- the coastguard is a body ----------------------------------------------------------------------------------------

_COASTGUARD = (
    "HM Coastguard said it had sent its helicopter from Caernarfon.\n\n"
    '"Visibility at times was less than fifty metres," a coastguard spokesman said.\n\n'
    "The coastguard said both were cold but uninjured."
)


@pytest.mark.slow
def test_the_coastguard_is_the_body_not_its_spokesman(extractor: AttributionExtractor) -> None:
    """ "The coastguard said" after "a coastguard spokesman said" means HM Coastguard, the body the spokesman speaks
    for; "coastguard" is a service's noun as "police" is."""
    claims = extract(extractor, _COASTGUARD)
    assert one(claims, "cold but uninjured").speaker.name == "HM Coastguard"
    assert one(claims, "sent its helicopter").speaker.kind == "organisation"


@pytest.mark.slow
def test_hm_coastguard_alone_is_a_body(extractor: AttributionExtractor) -> None:
    """ "HM Coastguard said" untagged by the recogniser is no person called "HM Coastguard"."""
    claims = extract(extractor, "HM Coastguard said the search had been hampered by fog.")
    speaker = one(claims, "hampered by fog").speaker
    assert (speaker.name, speaker.kind) == ("HM Coastguard", "organisation")


# --- an age as a noun before the verb ---------------------------------------------------------------------------------


@pytest.mark.slow
def test_an_age_before_a_verb_read_as_a_modifier_reports_the_rest(extractor: AttributionExtractor) -> None:
    """ "The 54-year-old said listeners had written to her": the parser reads "said" as a modifier of "listeners"
    (as in "the said listeners"); the verb is the sentence's and the rest of it the content."""
    text = (
        "Amanda Kirwin lost her mid-morning show last year. The 54-year-old said listeners had written to her in "
        "their hundreds."
    )
    claim = one(extract(extractor, text), "listeners had written")
    assert claim.text.startswith("listeners had written to her")
    assert claim.speaker.name == "Amanda Kirwin"


@pytest.mark.slow
def test_an_age_before_told_reports_what_follows_the_listener(extractor: AttributionExtractor) -> None:
    """ "The 71-year-old told reporters the plan was wrong": the listener is no part of what was said."""
    text = "Sir Mark Elton spoke on Monday. The 71-year-old told reporters the plan was wrong."
    claim = one(extract(extractor, text), "plan was wrong")
    assert claim.text == "the plan was wrong"
    assert claim.speaker.name == "Mark Elton"


# --- a postposed cue read as a participle -------------------------------------------------------------------------------


@pytest.mark.slow
def test_a_postposed_cue_read_as_a_participle_is_the_cue(extractor: AttributionExtractor) -> None:
    """ "Prices will rise by 5 per cent from April, the energy regulator announced on Monday.": the parser read
    "announced" as a participle describing the regulator; a speech verb there, closing the sentence after a comma,
    is the cue and the words before the comma what was announced."""
    text = "Prices will rise by 5 per cent from April, the energy regulator announced on Monday."
    claim = one(extract(extractor, text), "Prices will rise")
    assert claim.text == "Prices will rise by 5 per cent from April"
    assert claim.speaker.name == "energy regulator"


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Ministers defended the cuts, the plan announced on Monday.",
        "The review announced on Monday will report in May.",
    ],
)
def test_a_thing_announced_is_no_cue(extractor: AttributionExtractor, text: str) -> None:
    """A participle describing a thing ("the plan announced on Monday") reports nobody's words."""
    assert extract(extractor, text) == []


# --- a role noun before a styled name ---------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "The former presenter Sir Mark Elton said the review was late.",
        "The former BBC presenter Sir Mark Elton said the review was late.",
    ],
)
def test_a_role_before_a_styled_name_is_its_role(extractor: AttributionExtractor, text: str) -> None:
    """ "The former presenter Sir Mark Elton said": the parser made the role and the name two subjects; the role is
    the name's ("presenter" is a person's noun)."""
    speaker = one(extract(extractor, text), "review was late").speaker
    assert speaker.name == "Mark Elton"
    assert "presenter" in (speaker.role or "")


# --- a person who is the subject of reported words -------------------------------------------------------------------


@pytest.mark.slow
def test_an_age_epithet_means_the_person_a_reported_clause_named(extractor: AttributionExtractor) -> None:
    """ "Sir Mark Elton has been appointed to lead a review, the regulator announced. The 71-year-old said": the
    person is the subject of what the regulator announced, less salient than the regulator for "it", but an age
    means no body; the narration's style-led noun ("The former BBC presenter Sir Mark Elton") is his role."""
    text = (
        "The former BBC presenter Sir Mark Elton has been appointed to lead a review of local radio, the regulator "
        "announced on Monday.\n\n"
        "The 71-year-old, who presented the Today programme for fourteen years, said he owed local radio everything."
    )
    speaker = one(extract(extractor, text), "owed local radio").speaker
    assert speaker.name == "Mark Elton"
    assert "presenter" in (speaker.role or "")


@pytest.mark.slow
def test_it_still_means_the_speaker_not_the_reported_subject(extractor: AttributionExtractor) -> None:
    """Control: "Greenpeace said Shell had ignored the warnings. It said ...": "it" is the speaker, not the body
    its words were about."""
    text = "Greenpeace said Shell had ignored the warnings. It said the spill was avoidable."
    assert one(extract(extractor, text), "spill was avoidable").speaker.name == "Greenpeace"


@pytest.mark.slow
def test_a_pronoun_speaker_keeps_the_role_the_narration_gave(extractor: AttributionExtractor) -> None:
    """ "the minister, Claire Denholm, had shown ... Denholm apologised. She told the Commons": "she" means the
    person the surname's sentence named, and the role written with her full name is still hers."""
    text = (
        "The Speaker ruled that the minister, Claire Denholm, had shown discourtesy to the House. Denholm apologised "
        "later. She told the Commons that the leak had not come from her office."
    )
    speaker = one(extract(extractor, text), "leak had not come").speaker
    assert (speaker.name, speaker.role) == ("Claire Denholm", "minister")


# --- bodies by description ------------------------------------------------------------------------------------------

_GREENVALE = (
    "Greenvale Produce, which grows and packs salad leaves for Britain's grocers, is to cut 300 jobs at its site "
    "near Spalding.\n\n"
    "The company said it had begun consultation with staff. "
    '"We did everything we could to keep the contract," the grower said in a statement.\n\n'
    "Greenvale, which is owned by the Dutch horticulture group Van Leeuwen, employs about 1,100 people in Britain. "
    "The parent company said it had no plans to sell the business."
)


@pytest.mark.slow
def test_a_food_firms_name_is_a_body_the_company_and_the_grower_mean(extractor: AttributionExtractor) -> None:
    """ "Greenvale Produce" ends in a word no person's name ends in (the recogniser says PERSON); "The company said"
    and "the grower said in a statement" are that body."""
    claims = extract(extractor, _GREENVALE)
    assert one(claims, "begun consultation").speaker.name == "Greenvale Produce"
    assert one(claims, "keep the contract").speaker.name == "Greenvale Produce"


@pytest.mark.slow
def test_the_parent_company_is_the_owner_named_not_the_body_it_owns(extractor: AttributionExtractor) -> None:
    """ "Greenvale, which is owned by ... Van Leeuwen, employs ... The parent company said": the owner."""
    assert one(extract(extractor, _GREENVALE), "no plans to sell").speaker.name == "Van Leeuwen"
