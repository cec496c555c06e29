"""Attribution extraction, round 13 of fault-finding: bodies the recogniser took for people ("Northline Trains",
"passenger group Transport Focus"), names the parser hung off the noun they name (as a modifier, after "of" a body
it took for a person, after a coroner or a bishop), police and clerical styles, "a porter who ...", who speaks
inside another's words, surnames the tagger took for common nouns or split at a hyphen, an inserted "he said"
before "and he said", a public body for "the company", a list the parser hung on the cue, a "that" clause after a
time phrase, "told the inquest the pair had ...", and "..., the union Unison has announced."."""

from __future__ import annotations

import pytest

from extraction import AttributionExtractor
from tests.unit.extraction_helpers import extract, one

pytestmark = pytest.mark.slow


# --- bodies the recogniser took for people ---------------------------------------------------------------------------


def test_a_name_ending_in_a_transport_word_is_a_companys(extractor: AttributionExtractor) -> None:
    text = (
        "Northline Trains and the drivers' union have agreed a pay deal.\n\n"
        "Northline said the deal gave drivers a rise of 6 percent. It said the timetable would return on Monday."
    )
    claims = extract(extractor, text)
    assert one(claims, "gave drivers a rise").speaker.kind == "organisation"
    assert one(claims, "timetable would return").speaker.name == "Northline"


def test_a_name_after_the_kind_of_body_it_is_is_a_bodys(extractor: AttributionExtractor) -> None:
    text = "Passenger group Rail Watch said fares had risen 9 percent. It added that trains were later than ever."
    claims = extract(extractor, text)
    assert one(claims, "fares had risen").speaker.kind == "organisation"
    assert one(claims, "later than ever").speaker.name == "Rail Watch"


def test_a_person_after_a_role_noun_stays_a_person(extractor: AttributionExtractor) -> None:
    text = "Union leader Karen Mbeki said members had voted 87 percent in favour. She said the deal was fair."
    claims = extract(extractor, text)
    assert one(claims, "members had voted").speaker.kind == "person"
    assert one(claims, "the deal was fair").speaker.name == "Karen Mbeki"


# --- names the parser hung off the noun they name -------------------------------------------------------------------


def test_a_name_hung_on_a_counterpart_as_a_modifier_is_the_counterparts(extractor: AttributionExtractor) -> None:
    text = (
        "Aslef's district organiser, Karen Mbeki, said members had voted in favour. She said the union had won "
        '"a fair deal, not a generous one". Her counterpart at Northline, operations director Graham Tully, said he '
        "was relieved. He said passengers had paid the price for too long."
    )
    claims = extract(extractor, text)
    assert one(claims, "he was relieved").speaker.name == "Graham Tully"
    assert one(claims, "paid the price").speaker.name == "Graham Tully"


def test_a_coroner_named_after_a_place_is_named(extractor: AttributionExtractor) -> None:
    text = (
        "A ranger, Siobhan McAteer, said the rope had been a temporary measure. "
        "Recording a conclusion of accidental death, the senior coroner for Wiltshire, Helen Abara-Moss, said she "
        'would write to the council. "I am concerned that further deaths will occur," she said.'
    )
    claims = extract(extractor, text)
    assert one(claims, "write to the council").speaker.name == "Helen Abara-Moss"
    assert one(claims, "further deaths").speaker.name == "Helen Abara-Moss"


def test_a_bishop_by_see_is_the_name_in_apposition(extractor: AttributionExtractor) -> None:
    text = "The Bishop of Durham, the Rt Rev Dr Imogen Harcourt, told peers the church remained opposed to any change."
    assert one(extract(extractor, text), "remained opposed").speaker.name == "Imogen Harcourt"


def test_a_detective_constables_rank_is_no_part_of_the_name(extractor: AttributionExtractor) -> None:
    text = "Detective Constable Liam O'Rourke of Durham Police said he hoped the sentence would bring comfort."
    assert one(extract(extractor, text), "bring comfort").speaker.name == "Liam O'Rourke"


def test_a_person_with_initials_of_an_institution_is_the_person(extractor: AttributionExtractor) -> None:
    text = (
        '"We are watching the ice disappear," said the lead author, Dr. M. E. Aebischer of ETH Zurich. '
        "She said small glaciers would be gone by 2050."
    )
    claims = extract(extractor, text)
    assert one(claims, "watching the ice").speaker.name == "M. E. Aebischer"
    assert one(claims, "gone by 2050").speaker.name == "M. E. Aebischer"


# --- who "she" is ---------------------------------------------------------------------------------------------------


def test_a_noun_with_a_who_clause_is_a_person_for_she(extractor: AttributionExtractor) -> None:
    text = (
        'Its chief executive, Dr Helena Voss, wrote that she was "deeply sorry" for the distress caused.\n\n'
        "But a porter who asked not to be named said some colleagues were still owed £600. "
        '"People are using food banks," she said.'
    )
    claims = extract(extractor, text)
    assert one(claims, "food banks").speaker.name == "porter"


def test_a_speaker_inside_anothers_words_is_not_the_next_he(extractor: AttributionExtractor) -> None:
    text = (
        "Parish council chairman Dennis Okoro said a planning officer had told him in January that the site was "
        '"very unlikely" to be approved. He said residents felt misled.'
    )
    assert one(extract(extractor, text), "residents felt misled").speaker.name == "Dennis Okoro"


def test_the_one_told_still_speaks_in_his_own_sentence(extractor: AttributionExtractor) -> None:
    text = (
        "Kevin Marsh said the finance minister had told him the loans were a problem. "
        "Finance Minister Piotr Nowak said he did not recall any such conversation. He said all loans were declared."
    )
    assert one(extract(extractor, text), "all loans were declared").speaker.name == "Piotr Nowak"


@pytest.mark.parametrize("surname", ["Fenton", "Fenton-Burns"])
def test_a_surname_subject_the_tagger_missed_is_the_next_he(extractor: AttributionExtractor, surname: str) -> None:
    text = (
        f"Surrey captain Rory {surname} said his side had batted poorly.\n\n"
        "Lancashire's head coach, Mark Ellery, said the 22-year-old was ready for an England call-up.\n\n"
        f"{surname}, though, questioned the surface. He said the pitch had been prepared for one team."
    )
    assert one(extract(extractor, text), "prepared for one team").speaker.name == f"Rory {surname}"


# --- where the content ends ------------------------------------------------------------------------------------------


def test_an_inserted_cue_stops_before_a_second_cue_of_its_own(extractor: AttributionExtractor) -> None:
    text = (
        'Rory Fenton questioned the surface. The pitch, he said, had been "prepared for one team", and he said '
        "Surrey would complain to the board."
    )
    claims = extract(extractor, text)
    assert one(claims, "The pitch").text == 'The pitch, he said, had been "prepared for one team"'
    assert one(claims, "would complain").text == "Surrey would complain to the board"


def test_a_list_the_parser_hung_on_the_cue_stays_in_the_content(extractor: AttributionExtractor) -> None:
    text = (
        "Ticketwise said on Friday that hackers had stolen the names, email addresses and partial card numbers "
        "of about 40 million customers."
    )
    claims = extract(extractor, text)
    assert len(claims) == 1
    assert claims[0].text.endswith("of about 40 million customers")


def test_a_that_clause_after_a_time_phrase_is_the_cues(extractor: AttributionExtractor) -> None:
    text = (
        "Foreign Minister Giorgos Papadimitriou said after meeting his Turkish counterpart, Mehmet Şahin Yıldırım, in "
        'Athens that both sides wanted to "turn the page" on years of naval stand-offs.'
    )
    claim = one(extract(extractor, text), "both sides wanted")
    assert claim.speaker.name == "Giorgos Papadimitriou"
    assert claim.text.startswith("both sides wanted")


def test_what_a_listener_was_told_without_that(extractor: AttributionExtractor) -> None:
    text = "Her friend Oliver Brandt told the inquest the pair had stepped over a low rope to see the sunset."
    claim = one(extract(extractor, text), "stepped over a low rope")
    assert claim.speaker.name == "Oliver Brandt"
    assert claim.text.startswith("the pair had stepped")


def test_a_trailing_cue_after_the_kind_of_speaker(extractor: AttributionExtractor) -> None:
    text = "Nurses at Kingsmead Hospital will strike for two days next month in a dispute over pay, the union Unison has announced."
    claim = one(extract(extractor, text), "will strike")
    assert claim.speaker.name == "Unison"
    assert claim.text.startswith("Nurses at Kingsmead Hospital")


# --- which organisation "the company" is ----------------------------------------------------------------------------


def test_a_public_body_in_the_sentence_is_not_the_company(extractor: AttributionExtractor) -> None:
    text = (
        "Ticketwise, the online ticketing company, said on Friday that hackers had stolen customer data.\n\n"
        "In a filing with the Securities and Exchange Commission, the company said it had found unauthorised "
        "activity on May 20. It said the breach would not hurt its finances."
    )
    claims = extract(extractor, text)
    assert one(claims, "unauthorised activity").speaker.name == "Ticketwise"
    assert one(claims, "would not hurt").speaker.name == "Ticketwise"


def test_the_company_a_paragraph_named_is_still_meant(extractor: AttributionExtractor) -> None:
    text = "Shares in Barrow Homes fell 8% after the company said it would cut its dividend."
    assert one(extract(extractor, text), "cut its dividend").speaker.name == "Barrow Homes"


def test_a_story_told_is_no_listener(extractor: AttributionExtractor) -> None:
    text = "He told the story the pair had written for their children."
    assert extract(extractor, text) == []


def test_a_coroner_is_a_persons_office(extractor: AttributionExtractor) -> None:
    text = (
        "Recording a conclusion of accidental death, the senior coroner for Dorset, Rachel Pike-Lowe, said she "
        "would write to the trust."
    )
    assert one(extract(extractor, text), "write to the trust").speaker.name == "Rachel Pike-Lowe"


def test_the_possessor_of_a_speakers_noun_is_named_for_he(extractor: AttributionExtractor) -> None:
    text = (
        "Pablo Serrano-Diaz beat Arman Tokayev in five sets on Monday.\n\n"
        "Tokayev said cramp had made it hard to serve. He said he would be fit for the grass season.\n\n"
        "Serrano-Diaz's coach, Lucia Marin, said she had told him to stop hitting winners from everywhere. "
        'Her player agreed. "She was right, as usual," he said.'
    )
    assert one(extract(extractor, text), "She was right").speaker.name == "Pablo Serrano-Diaz"


def test_a_person_speaking_for_another_is_still_the_next_he(extractor: AttributionExtractor) -> None:
    text = (
        "Arman Tokayev said he was tired.\n\n"
        "Tokayev's lawyer, Daniel Ortiz, said the charges were baseless. He said the case would collapse."
    )
    assert one(extract(extractor, text), "case would collapse").speaker.name == "Daniel Ortiz"
