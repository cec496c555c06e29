"""Attribution extraction, round 15 of fault-finding: a participle after "was furious that ...", a concessive
clause in which someone else speaks, a transcript's speaker given by initials ("AO:"), a body named only inside a
longer name ("of Leicestershire Police's economic crime unit" for "the force"), a verbless fragment before
", says X", a list item's bullet, "has posted on X:" before an imperative quotation, a quotation that goes on
with the cue's own verb ("argued with him for years “and lost”"), "the trust" after a speaker from the trust's unit,
and a nationality noun the recogniser took into a name ("Briton Tom Vance")."""

from __future__ import annotations

import pytest

from extraction import AttributionExtractor
from extraction.names import leading_office, normalize_speaker_name
from tests.unit.extraction_helpers import extract, one

pytestmark = pytest.mark.slow


# --- whose words -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        # the parser hangs the "that" clause on "was"
        (
            "Rovers coach Dana Whitlock was adamant that the goal should not have counted, insisting the ball had "
            "never crossed the line.",
            "crossed the line",
            "Dana Whitlock",
        ),
        # ... or on the adjective
        (
            "Union leader Carla Moss was angry that the offer fell short, insisting members had been promised more.",
            "promised more",
            "Carla Moss",
        ),
    ],
)
def test_a_participle_after_an_adjectives_that_clause_is_the_adjectives_subjects(
    extractor: AttributionExtractor, text: str, words: str, speaker: str
) -> None:
    assert one(extract(extractor, text), words).speaker.name == speaker


def test_a_transcript_speaker_given_by_initials_is_the_person_with_them(extractor: AttributionExtractor) -> None:
    text = (
        "Tomas Rydell has coached the national rowing team for a decade. He spoke to us before the regatta.\n\n"
        "Q: How is the squad?\n\n"
        "TR: Fitter than it has ever been. We have done more work on the water this winter than in any year.\n\n"
        "Q: What about the new boat?\n\n"
        "TR: It is faster in a headwind, and that is what matters on this course."
    )
    claims = extract(extractor, text)
    assert one(claims, "Fitter than").speaker.name == "Tomas Rydell"
    assert one(claims, "faster in a headwind").speaker.name == "Tomas Rydell"


def test_capitals_in_running_text_are_no_ones_initials(extractor: AttributionExtractor) -> None:
    text = "Ursula Stein, the German envoy, said the talks had stalled.\n\nThe US said it would send a delegation."
    assert one(extract(extractor, text), "send a delegation").speaker.name == "US"


def test_letters_an_organisation_was_given_stay_that_organisation(extractor: AttributionExtractor) -> None:
    text = (
        "Anna Abbott, a driving instructor, said the test centre had been closed for a month.\n\n"
        "The Automobile Association (AA) said the backlog would take a year to clear.\n\n"
        "The AA said drivers should book early."
    )
    claim = one(extract(extractor, text), "book early")
    assert claim.speaker.name == "Automobile Association"


# --- a body named inside a longer name ----------------------------------------------------------------------------------


def test_the_force_is_the_police_that_own_a_detectives_unit(extractor: AttributionExtractor) -> None:
    text = (
        "A man has been charged with stealing 40 tractors from farms across the county.\n\n"
        "Det Con Rhys Morgan of Dyfed-Powys Police's rural crime team said the thefts had cost farmers £1.2m.\n\n"
        "The force said it would hold drop-in sessions for farmers next month."
    )
    claim = one(extract(extractor, text), "drop-in sessions")
    assert claim.speaker.name == "Dyfed-Powys Police"


@pytest.mark.parametrize("owner", ["University of Leeds's", "University of Leeds'"])
def test_the_university_is_the_one_that_owns_a_named_school(extractor: AttributionExtractor, owner: str) -> None:
    text = (
        f"Scientists at the {owner} School of Medicine tracked 2,000 patients for five years.\n\n"
        "The scientists found that those who walked daily recovered faster.\n\n"
        "The university said it would share the data with other hospitals."
    )
    claim = one(extract(extractor, text), "share the data")
    assert claim.speaker.name == "University of Leeds"


def test_two_forces_named_leave_the_force_unresolved(extractor: AttributionExtractor) -> None:
    text = (
        "Officers from Kent Police and Essex Police searched the marshes on Sunday.\n\n"
        "Sgt Lisa Crane of Kent Police's search team said the weather had made it hard.\n\n"
        "A dog handler from Essex Police's dog unit said the dogs had found a scent.\n\n"
        "The force said the search would resume at dawn."
    )
    claim = one(extract(extractor, text), "resume at dawn")
    assert claim.speaker.name == "force"


# --- what the cue governs -------------------------------------------------------------------------------------------------


def test_a_concessive_clause_with_its_own_speaker_is_not_the_first_speakers_words(
    extractor: AttributionExtractor,
) -> None:
    text = (
        "The report suggests the bus lanes cut journey times by a fifth, although the council's engineers warned "
        "that the figures were incomplete."
    )
    claims = extract(extractor, text)
    report = one(claims, "bus lanes")
    assert "figures" not in report.text
    assert report.text.endswith("by a fifth")
    assert one(claims, "the figures were incomplete").speaker.name.endswith("engineers")


def test_a_concessive_clause_without_a_speaker_stays_in_the_content(extractor: AttributionExtractor) -> None:
    claim = one(
        extract(extractor, "The minister said the line would open in May, although it would run at half speed."),
        "open in May",
    )
    assert claim.text.endswith("half speed")


@pytest.mark.parametrize("bullet", ["", "- ", "• "])
def test_a_fragment_before_says_x_is_xs_claim(extractor: AttributionExtractor, bullet: str) -> None:
    text = f"Key points\n{bullet}Delays of up to three hours on the M6, says National Highways\n{bullet}Schools shut"
    claim = one(extract(extractor, text), "Delays of up to three hours")
    assert claim.speaker.name == "National Highways"
    assert claim.text == "Delays of up to three hours on the M6"


def test_a_bullet_is_no_word_of_the_item(extractor: AttributionExtractor) -> None:
    # read with its "-", the item's words hang on the bullet and no fragment is left before "says"
    text = "Live updates\n- More than 30,000 homes without power, says Northern Powergrid\n- Roads closed"
    claim = one(extract(extractor, text), "30,000 homes")
    assert claim.speaker.name == "Northern Powergrid"


def test_a_clause_before_the_speakers_said_keeps_its_speaker(extractor: AttributionExtractor) -> None:
    claim = one(extract(extractor, "Air strikes killed 27 people, officials said."), "killed 27 people")
    assert claim.speaker.name == "officials"


def test_a_post_before_a_colon_and_an_imperative_quotation_is_a_claim(extractor: AttributionExtractor) -> None:
    text = 'Mayor Lena Ortiz has posted on X: "Stay off the roads tonight if you can. Gritters are out on every route."'
    claim = one(extract(extractor, text), "Stay off the roads")
    assert claim.speaker.name == "Lena Ortiz"


def test_a_quotation_going_on_with_the_cues_own_verb_is_not_what_it_reports(extractor: AttributionExtractor) -> None:
    text = 'She told the newspaper that she had argued with the board for two years "and got nowhere".'
    claims = extract(extractor, text)
    assert [c.cue for c in claims] == ["told"]
    assert claims[0].text.endswith('nowhere"') or claims[0].text.endswith("nowhere")


def test_a_list_under_said_colon_is_still_read_item_by_item(extractor: AttributionExtractor) -> None:
    # the parser now reads each item with its bullet blanked; the list is still told from the text as written
    text = (
        "The council said:\n- Bins will be collected on Saturday instead.\n• Libraries will stay shut until Monday.\n"
        "Residents were angry."
    )
    claims = extract(extractor, text)
    assert one(claims, "Bins will be").text == "Bins will be collected on Saturday instead"
    assert one(claims, "Libraries").text == "Libraries will stay shut until Monday"
    assert all(c.speaker.name == "council" for c in claims)


def test_the_trust_is_the_body_that_owns_the_last_speakers_team(extractor: AttributionExtractor) -> None:
    text = (
        "Dr Anil Mehta, a surgeon at Riverside Hospitals NHS Trust's cardiac unit, said waiting lists had doubled.\n\n"
        "The trust said it was hiring 40 more staff."
    )
    assert one(extract(extractor, text), "hiring 40").speaker.name == "Riverside Hospitals NHS Trust"


# --- names --------------------------------------------------------------------------------------------------------------


def test_a_nationality_noun_before_a_name_is_a_role(extractor: AttributionExtractor) -> None:
    assert normalize_speaker_name("Briton Tom Vance") == "Tom Vance"
    assert leading_office("Briton Tom Vance") == "Briton"
    assert normalize_speaker_name("Brit Marling") == "Brit Marling"  # a given name, not "a Briton"
    text = 'Briton Sarah Kemp won the final on Sunday.\n\n"It was the hardest match of my life," Kemp said.'
    assert one(extract(extractor, text), "hardest match").speaker.name == "Sarah Kemp"
