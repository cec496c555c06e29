"""Attribution extraction, round 19 of fault-finding: a participle phrase set off between the speaker and the verb
("X, asked about Y's post, said"), "as X put it to me, “...”" with the quotation after the clause, a "that" the
parser made an adjective's object, a quotation whose speaker the next paragraph names ("Those are the words of X",
"That was how X put it"), a past participle that describes unnamed people ("people briefed on the talks") or that
the parser read as a clause ("Residents evacuated from the estate said"), and a water company tagged a person."""

from __future__ import annotations

import pytest

from extraction import AttributionExtractor
from tests.unit.extraction_helpers import extract, one

pytestmark = pytest.mark.slow


# --- who spoke -----------------------------------------------------------------------------------------------------


def test_a_participle_aside_before_the_verb_does_not_hold_the_speaker(extractor: AttributionExtractor) -> None:
    text = (
        "Leeds manager Tom Rice was pleased.\n\n"
        'Rice, asked about Moreno\'s post, said: "Players vent after games. I would have done the same."'
    )
    assert one(extract(extractor, text), "Players vent").speaker.name == "Tom Rice"


def test_a_participle_aside_the_parser_took_for_a_clause_is_still_an_aside(extractor: AttributionExtractor) -> None:
    text = 'Bolton boss Aaron Pike spoke later.\n\nPike, asked about Holt\'s post, said: "Players vent after games."'
    assert one(extract(extractor, text), "Players vent").speaker.name == "Aaron Pike"


def test_a_participle_describing_the_speakers_does_not_make_its_object_the_speaker(
    extractor: AttributionExtractor,
) -> None:
    text = "Residents evacuated from the estate said the smoke was thick."
    assert one(extract(extractor, text), "smoke was thick").speaker.name == "Residents"


def test_a_clause_before_a_set_off_speaker_is_still_the_content(extractor: AttributionExtractor) -> None:
    claim = one(extract(extractor, "Prices rose sharply, analysts said."), "Prices rose")
    assert claim.speaker.name == "analysts"


def test_a_speaker_with_a_participle_aside_keeps_their_subject(extractor: AttributionExtractor) -> None:
    text = "The minister, speaking to reporters in Leeds, said the plan would work."
    assert one(extract(extractor, text), "plan would work").speaker.name == "minister"


def test_as_someone_put_it_before_a_quotation_attributes_it(extractor: AttributionExtractor) -> None:
    text = 'Quotas will not save the fleet. But, as one skipper in Brixham put it to me, "the sea does not care."'
    speaker = one(extract(extractor, text), "sea does not care").speaker
    assert speaker.name.endswith("skipper in Brixham")


def test_as_someone_put_it_taken_for_the_main_verb_attributes_the_quotation(extractor: AttributionExtractor) -> None:
    text = 'But, as a baker in Frome put it to me, "a street with shops on it is never dead."'
    assert one(extract(extractor, text), "never dead").speaker.name == "baker in Frome"


def test_put_it_somewhere_is_no_speech(extractor: AttributionExtractor) -> None:
    assert extract(extractor, "As she put it on the table, the phone rang.") == []


def test_a_that_made_an_adjectives_object_opens_the_reported_clause(extractor: AttributionExtractor) -> None:
    text = (
        "Spokeswoman Hannah Okri told journalists at the weekly briefing that the governor had "
        '"made himself perfectly clear" to the union.'
    )
    assert one(extract(extractor, text), "governor had").speaker.name == "Hannah Okri"


def test_unnamed_people_keep_the_participle_that_describes_them(extractor: AttributionExtractor) -> None:
    text = "Three officials briefed on the negotiations said a deal was close."
    assert one(extract(extractor, text), "deal was close").speaker.name == "Three officials briefed on the negotiations"


def test_a_document_keeps_its_short_name(extractor: AttributionExtractor) -> None:
    text = "The report published on Monday said the deal was close."
    assert one(extract(extractor, text), "deal was close").speaker.name == "report"


# --- a quotation named in the next paragraph ------------------------------------------------------------------------


def test_those_are_the_words_of_names_the_paragraph_before(extractor: AttributionExtractor) -> None:
    text = (
        "Shop closures hit market town\n\n"
        '"We opened in 1962. We will shut on Friday."\n\n'
        "Those are the words of Alan Prewitt, 68, who runs the ironmonger's on Bridge Street."
    )
    claim = one(extract(extractor, text), "We will shut on Friday")
    assert claim.speaker.name == "Alan Prewitt"


def test_how_someone_put_it_names_the_paragraph_before(extractor: AttributionExtractor) -> None:
    text = (
        "Flood victims wait for payouts\n\n"
        '"The insurers came once. Nobody has been back since."\n\n'
        "That was how her neighbour, Gail Tennant, put it as she walked through the ruined kitchen."
    )
    claim = one(extract(extractor, text), "Nobody has been back")
    assert claim.speaker.name == "Gail Tennant"


def test_a_lone_quotation_with_no_naming_paragraph_has_no_speaker(extractor: AttributionExtractor) -> None:
    text = (
        "Flood victims wait for payouts\n\n"
        '"The insurers came once. Nobody has been back since."\n\n'
        "That was the week the river rose two metres in a night."
    )
    assert not [c for c in extract(extractor, text) if "Nobody has been back" in c.text]


# --- a water company -----------------------------------------------------------------------------------------------


def test_a_water_company_the_recogniser_called_a_person_is_it(extractor: AttributionExtractor) -> None:
    text = (
        "Anglian Water said on Friday that supplies to 9,000 homes would be restored by Monday.\n\n"
        "It added that tankers had been sent to two villages."
    )
    claims = extract(extractor, text)
    assert one(claims, "supplies to 9,000").speaker.kind == "organisation"
    assert one(claims, "tankers had been sent").speaker.name == "Anglian Water"
