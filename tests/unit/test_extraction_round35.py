"""Attribution extraction, round 35 (inquests, courts, tribunals, sport, science, earnings calls, local government,
the Lords, police appeals, health agencies): "X, <role>, told the inquest that ..." when the parser hangs the clause
on "inquest" as its own clause; "X's attorney, Y, asked for ... He said" is Y's though the parser made "attorney"
the root; a capitalised number word opens a body's name ("Six Nations Rugby", "Three Rivers District Council");
"Detective Chief Inspector Y of Z Police said" is Y; a quotation opening the paragraph after one that ends on a
statement reported in a known speaker's name is that speaker's, and runs on over paragraphs; "deeper than ministers
had admitted" is no cue; "told the Today programme that"; "Mrs Ellis" stays the woman so called when a relative of
that surname is named; transcripts with labels in capitals ("CHIEF SUPERINTENDENT DEAN:"), lines that run on, and
"REPORTER:" questions; "That was the verdict of X"; "said the hospital did not reply" (a content ending on the
reported clause's own speech verb)."""

from __future__ import annotations

import pytest

from extraction import AttributionExtractor
from tests.unit.extraction_helpers import extract, one

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("text", "words", "name"),
    [
        ("Dr Ian Webb, a radiologist at Leeds General Infirmary, told the inquest that the scan had been misread "
         "by a trainee.", "the scan had been misread", "Ian Webb"),
        ("Paula Grant, head of nursing at Hull Royal Infirmary, told the inquest that the ward had been two nurses "
         "short that night.", "the ward had been two nurses short", "Paula Grant"),
    ],
)  # fmt: skip
def test_told_the_inquest_that_when_parsed_as_the_nouns_clause(
    extractor: AttributionExtractor, text: str, words: str, name: str
) -> None:
    """The parser hangs "that the scan had been misread" on "inquest" as a noun's clause (acl), as it would for "the
    fact that ..."; an inquest is told things, so the clause is what the speaker told it."""
    claim = one(extract(extractor, text), words)
    assert claim.speaker.name == name
    assert claim.cue == "told"


def test_a_relative_clause_on_the_listener_is_still_no_claim(extractor: AttributionExtractor) -> None:
    """Control: "that" as a relative pronoun (no subject of its own after it) describes the listener."""
    text = "Ms Rowe told the committee that met on Tuesday about the budget."
    assert not [c for c in extract(extractor, text) if "met on Tuesday" in c.text]


def test_an_appositive_subject_the_parser_made_the_root_is_the_next_he(extractor: AttributionExtractor) -> None:
    """ "Kessler's attorney, Jonathan Pruitt, asked for ...": the parser reads "asked" as a reduced relative on
    "attorney", the sentence's root; a finite verb there is the sentence's own, so its subject (named in the
    apposition) is whom the next "He" means, not the speaker of the paragraph before."""
    text = (
        "Prosecutor Neil Hanlon told the court that Barker had forged the invoices.\n\n"
        "Barker's attorney, Owen Mills, asked for a sentence of two years. He said his client had repaid most of "
        "the money."
    )
    claim = one(extract(extractor, text), "his client had repaid")
    assert claim.speaker.name == "Owen Mills"


def test_a_participle_on_the_root_noun_is_no_sentence_verb(extractor: AttributionExtractor) -> None:
    """Control: "A driver, Leo Burke, travelling home from work." has no verb of its own (a participle hangs on
    the root noun); the next "He" stays with the speaker before."""
    text = (
        "Inspector Neil Hanlon said the lorry had overturned on the bend. "
        "A driver, Leo Burke, travelling home from work. He said the road had been closed for an hour."
    )
    claim = one(extract(extractor, text), "the road had been closed")
    assert claim.speaker.name == "Neil Hanlon"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Three Rivers District Council said in a statement that the car park would close in May.",
         "Three Rivers District Council"),
        ("Seven Oaks Housing Association said the flats would be ready by the spring.",
         "Seven Oaks Housing Association"),
        ("Four Nations Hockey said the final would be moved to Cardiff.", "Four Nations Hockey"),
    ],
)  # fmt: skip
def test_a_capitalised_number_word_opens_a_bodys_name(extractor: AttributionExtractor, text: str, name: str) -> None:
    """A number word written with a capital that counts a singular or an inner proper noun is part of the name,
    and no person's name opens with one: the speaker is the body, not "Rivers District Council" or a person
    called "Nations Hockey"."""
    speaker = extract(extractor, text)[0].speaker
    assert speaker.name == name
    assert speaker.kind == "organisation"


def test_it_added_after_a_numbered_bodys_statement(extractor: AttributionExtractor) -> None:
    """ "It added" goes to the numbered body, an organisation, not to the panel named in the paragraph before."""
    text = (
        "A disciplinary panel said the winger had been reckless.\n\n"
        "Four Nations Hockey said in a statement that the ban would be reviewed. It added that the player could "
        "appeal within a week."
    )
    assert one(extract(extractor, text), "the player could appeal").speaker.name == "Four Nations Hockey"


def test_a_number_counting_a_plural_at_the_start_is_no_name(extractor: AttributionExtractor) -> None:
    """Control: "Two Britons said" at a sentence's start counts the Britons; no "Two Britons" body is made."""
    speaker = extract(extractor, "Two Britons said they had been robbed at knifepoint.")[0].speaker
    assert speaker.name != "Two Britons"
    assert speaker.kind != "organisation"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Detective Superintendent Mark Webb of Essex Police said the van had been found burnt out.", "Mark Webb"),
        ("Detective Superintendent Joanne Fox of Essex Police said the van had been found burnt out.", "Joanne Fox"),
        ("Detective Chief Inspector Sarah Quinn of Lancashire Police said the van had been found burnt out.",
         "Sarah Quinn"),
    ],
)  # fmt: skip
def test_ranks_then_a_name_with_its_force(extractor: AttributionExtractor, text: str, name: str) -> None:
    """The parser makes the ranks ("Detective Chief Inspector") the subject and the name after them their
    apposition when "of <force>" follows; ranks only before a person's name are that person's titles."""
    speaker = one(extract(extractor, text), "burnt out").speaker
    assert speaker.name == name
    assert speaker.kind == "person"


def test_a_quotation_after_a_reported_paragraph_is_that_speakers(extractor: AttributionExtractor) -> None:
    """A quotation that is a paragraph of its own right after a paragraph ending on a statement reported in a
    named speaker's name goes on in that speaker's words, over paragraphs while the quotation runs on."""
    text = (
        "Superintendent Alan Reeve said officers had spoken to more than 200 witnesses.\n\n"
        "\u201cWe are determined to find out what happened on that bridge. Someone saw something that night.\n\n"
        "\u201cIf you were driving on the A64 that evening, please check your dashcam footage.\u201d\n\n"
        "The bridge remains closed."
    )
    claims = extract(extractor, text)
    assert one(claims, "We are determined to find out").speaker.name == "Alan Reeve"
    assert one(claims, "please check your dashcam footage").speaker.name == "Alan Reeve"


def test_narration_after_the_report_stops_the_hand_over(extractor: AttributionExtractor) -> None:
    """Control: when narration follows the reported statement in its paragraph, the quotation after it is nobody
    known's; the report alone, ending its paragraph, hands it on."""
    text = (
        "Superintendent Alan Reeve said officers had spoken to more than 200 witnesses. The bridge was closed for "
        "three days.\n\n"
        "\u201cWe are determined to find out what happened on that bridge. Someone saw something that night.\u201d"
    )
    claims = [c for c in extract(extractor, text) if "We are determined" in c.text]
    assert all(c.speaker.name != "Alan Reeve" for c in claims)


def test_a_quotation_after_a_nested_report_is_not_the_inner_speakers(extractor: AttributionExtractor) -> None:
    """Control: a paragraph ending on "Y had told him that ..." inside X's words hands the next quotation to X
    (the one still speaking), never to Y."""
    text = (
        "Ian Cole said a neighbour had told him that the fire started in the kitchen.\n\n"
        "\u201cWe lost everything we owned in that house, every photograph and every letter.\u201d"
    )
    claim = one(extract(extractor, text), "We lost everything")
    assert claim.speaker.name != "neighbour"
    assert "neighbour" not in claim.speaker.name


def test_a_speech_verb_closing_a_comparison_is_no_cue(extractor: AttributionExtractor) -> None:
    """ "narrower than critics had suggested": the verb is the standard of a comparison inside the speaker's
    words, not another attribution the words end on; the statement stays the speaker's."""
    text = "Dr Ruth Kane said the cuts were deeper than ministers had admitted."
    claim = one(extract(extractor, text), "the cuts were deeper than ministers had admitted")
    assert claim.speaker.name == "Ruth Kane"


def test_a_verb_ending_the_content_after_a_comma_is_still_a_cue(extractor: AttributionExtractor) -> None:
    """Control: "..., officials said" ending an earlier statement is still a cue of its own."""
    text = "Ruth Kane said the cuts were deep, officials said."
    assert not [c for c in extract(extractor, text) if c.speaker.name == "Ruth Kane" and "officials said" in c.text]


def test_told_a_programme_that(extractor: AttributionExtractor) -> None:
    """ "told BBC Radio 4's Today programme that ...": a programme is told things, as a newspaper or a podcast is."""
    text = "Lady Hale told BBC Radio 4's Today programme that the proposals would weaken the courts."
    claim = one(extract(extractor, text), "the proposals would weaken the courts")
    assert claim.cue == "told"


def test_a_courtesy_title_keeps_its_person_when_a_relative_shares_the_surname(
    extractor: AttributionExtractor,
) -> None:
    """ "Mrs Ellis" is the woman the article already called so, though her daughter "Claire Ellis" was named
    since: a courtesy title and a surname stay one person's; "she" after it follows her."""
    text = (
        "Joan Pryce, 71, had surgery at the hospital in May.\n\n"
        "Mrs Pryce said she had waited nine hours for a bed.\n\n"
        "Her daughter, Helen Pryce, said the family had complained twice. She said the hospital had never replied.\n\n"
        "Mrs Pryce said she was grateful to the nurses on the ward. She said she blamed no one."
    )
    claims = extract(extractor, text)
    assert one(claims, "grateful to the nurses").speaker.name == "Joan Pryce"
    assert one(claims, "she blamed no one").speaker.name == "Joan Pryce"
    assert one(claims, "the hospital had never replied").speaker.name == "Helen Pryce"


_TRANSCRIPT = (
    "The following is a transcript of the news conference given by Chief Superintendent Laura Dean and council "
    "leader Tom Price.\n\n"
    "CHIEF SUPERINTENDENT DEAN: I want to begin by saying that our thoughts are with the families.\n\n"
    "We have arrested two men. Both remain in custody.\n\n"
    "REPORTER: Superintendent, was the fire started deliberately?\n\n"
    "CHIEF SUPERINTENDENT DEAN: That is one of the lines of inquiry we are following.\n\n"
    "COUNCILLOR PRICE: The school will reopen on Monday.\n\n"
    "The council said later that counselling would be offered to pupils."
)


def test_a_transcript_label_of_titles_and_a_surname_in_capitals(extractor: AttributionExtractor) -> None:
    """ "CHIEF SUPERINTENDENT DEAN:": the tagger reads capitals badly (it takes a surname for a verb); titles
    then one surname are that person, whom the article named in full."""
    claims = extract(extractor, _TRANSCRIPT)
    assert one(claims, "lines of inquiry").speaker.name == "Laura Dean"
    assert one(claims, "The school will reopen").speaker.name == "Tom Price"


def test_a_verbatim_line_keeps_its_words_whole(extractor: AttributionExtractor) -> None:
    """In a transcript's line, "I want to begin by saying that ..." is the line's speaker saying it, not an "I"
    of no one; and a line opening "That is ..." keeps its "That", a word of the speaker's, no complementiser."""
    claims = extract(extractor, _TRANSCRIPT)
    assert one(claims, "our thoughts are with the families").speaker.name == "Laura Dean"
    assert one(claims, "lines of inquiry").text.startswith("That is one")


def test_a_transcript_line_runs_on_and_a_reporters_question_is_no_claim(extractor: AttributionExtractor) -> None:
    """The first-person paragraph after a line, with no label, goes on in the line's speaker's words; the
    reporter's question is none of anyone's claims."""
    claims = extract(extractor, _TRANSCRIPT)
    assert one(claims, "We have arrested two men").speaker.name == "Laura Dean"
    assert not [c for c in claims if "started deliberately" in c.text]
    assert one(claims, "counselling would be offered").speaker.kind == "organisation"


def test_that_was_the_verdict_of_names_the_quotations_speaker(extractor: AttributionExtractor) -> None:
    """ "“...” ⏎ That was the verdict of X": like "Those were the words of X", a demonstrative with a noun for
    what was said names whose the quotation before it was."""
    text = (
        "\u201cThis harvest is the worst I have seen in forty years of farming.\u201d\n\n"
        "That was the verdict of Gwen Hughes, a farmer from Powys, after weeks of rain."
    )
    claim = one(extract(extractor, text), "This harvest is the worst")
    assert claim.speaker.name == "Gwen Hughes"


def test_that_was_the_view_with_no_quotation_before_is_nothing(extractor: AttributionExtractor) -> None:
    """Control: with no quotation before it, "That was the view of the committee" claims nothing."""
    text = "The plan was rejected in March. That was the view of the committee, which met on Monday."
    assert extract(extractor, text) == []


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Helen Pryce said the family had complained.", "the family had complained"),
        ("Helen Pryce said the hospital did not reply.", "the hospital did not reply"),
        ("The union said the company had never responded.", "the company had never responded"),
    ],
)  # fmt: skip
def test_a_reported_clause_ending_on_its_own_speech_verb(
    extractor: AttributionExtractor, text: str, words: str
) -> None:
    """ "said the hospital did not reply": the content's last word is a speech verb, but the verb of the very
    clause "said" reports, its subject inside the content: what was said, not a later cue the content ran into."""
    assert one(extract(extractor, text), words).cue == "said"


def test_a_set_off_cue_after_the_content_is_still_its_own(extractor: AttributionExtractor) -> None:
    """Control: "Smith said the plan will fail, Phil Lovas said": the set-off "Phil Lovas said" is a cue."""
    claims = extract(extractor, "The plan will fail, Phil Lovas said.")
    assert one(claims, "The plan will fail").speaker.name == "Phil Lovas"
