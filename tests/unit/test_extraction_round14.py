"""Attribution extraction, round 14 of fault-finding: a closing quotation mark the parser hung on the speaker, a
role split at its hyphen ("co-founder"), a speech verb inside the quoted words at the end of the content, a
reported clause the parser made an object ("wrote that the effect held"), a second "but that" clause, one-word
company names ("Brightwave" after "Brightwave Energy", "Lumora, the maker of ..."), "the operator", a study that is
no university, "him" in a sentence about a woman, "the singer" after "Pop singer X", "as" clauses that say when,
a headline verb with an object of its own, "X said ..., the agency reported", "she went further: “...”", "what they
promised", and a sentence the parser split before a lower-case word."""

from __future__ import annotations

import pytest

from extraction import AttributionExtractor
from tests.unit.extraction_helpers import extract, one

pytestmark = pytest.mark.slow


# --- where the attribution clause starts ------------------------------------------------------------------------------


def test_a_closing_quote_mark_hung_on_the_speaker_leaves_the_quote_whole(extractor: AttributionExtractor) -> None:
    # the parser hangs the closing mark on "attorney" and makes "said" a conjunct of the quotation's verb
    text = (
        '"Kiara trusted this man with her career and he treated her earnings as his own piggy bank," her attorney, '
        "Rachel Eisenberg, said in a statement to CNN."
    )
    claim = one(extract(extractor, text), "trusted this man")
    assert claim.speaker.name == "Rachel Eisenberg"


def test_a_role_split_at_its_hyphen_is_one_word(extractor: AttributionExtractor) -> None:
    text = (
        '"We wanted a phone you can read a book on and still fit in a shirt pocket," co-founder Petra Lindahl wrote '
        "in a blog post announcing the device."
    )
    assert one(extract(extractor, text), "shirt pocket").speaker.name == "Petra Lindahl"


def test_a_speech_verb_inside_the_quoted_words_ends_no_content(extractor: AttributionExtractor) -> None:
    text = 'A man who lives above the bakery said he had heard "a loud bang and then people shouting."'
    claim = one(extract(extractor, text), "had heard")
    assert claim.speaker.kind == "person"


def test_a_speech_verb_ending_the_content_outside_quotes_is_still_a_cue(extractor: AttributionExtractor) -> None:
    claims = extract(extractor, "The strike will go ahead, Maria Lopes, the union's organiser, said.")
    assert all(not c.text.endswith("said") for c in claims)


# --- what the cue governs -----------------------------------------------------------------------------------------------


def test_a_reported_clause_the_parser_made_an_object_is_the_content(extractor: AttributionExtractor) -> None:
    text = "The scientists wrote in The Lancet that the effect held even after they accounted for diet and income."
    claim = one(extract(extractor, text), "the effect held")
    assert claim.speaker.name == "scientists"
    assert claim.text.endswith("diet and income")


@pytest.mark.parametrize(
    "text",
    [
        # "effect" made the object, "that" hung on it
        "The researchers wrote in Nature Medicine that the effect held even after they accounted for diet, smoking "
        'and income. "Walking is cheap, it is good," said lead author Dr. Hannah Brightwater.',
        # "that" and "effect" both made objects
        "The scientists wrote in The Lancet that the effect held even after they accounted for diet, smoking and "
        'income. "Walking is cheap, it is good," said Dr. Omar Haddad.',
    ],
)
def test_a_reported_clause_the_parser_made_objects_is_the_content(extractor: AttributionExtractor, text: str) -> None:
    claims = extract(extractor, text)
    assert one(claims, "the effect held").text.endswith("diet, smoking and income")
    assert one(claims, "Walking is cheap").speaker.kind == "person"


def test_a_second_but_that_clause_is_said_too(extractor: AttributionExtractor) -> None:
    text = (
        'The federation said in a statement on Monday that Okafor had "served the game well" but that results '
        "had not met its targets."
    )
    claim = one(extract(extractor, text), "served the game well")
    assert claim.text.endswith("results had not met its targets")


def test_a_thing_said_by_a_relative_clause_ends_no_content(extractor: AttributionExtractor) -> None:
    text = "Ghana says rich nations have not delivered what they promised."
    claim = one(extract(extractor, text), "have not delivered")
    assert claim.speaker.name == "Ghana"


def test_an_inner_speaker_relayed_by_an_agency_keeps_their_words(extractor: AttributionExtractor) -> None:
    text = 'Kim said the country\'s missile forces must be "ready to respond to any provocation," KCNA reported.'
    claims = extract(extractor, text)
    inner = [c for c in claims if c.text.startswith("the country's")]
    assert len(inner) == 1 and inner[0].speaker.name == "Kim"
    assert "KCNA" not in inner[0].text
    assert one(claims, "Kim said").speaker.name.upper() == "KCNA"


def test_a_clause_ending_on_a_colon_introduces_the_subjects_quote(extractor: AttributionExtractor) -> None:
    text = (
        'Dagny Holm rejected the criticism. Speaking on Tuesday, she was blunt: "The report is wrong. The numbers '
        'are clear."'
    )
    claim = one(extract(extractor, text), "The report is wrong")
    assert claim.speaker.name == "Dagny Holm"
    assert claim.kind == "direct_quote"


def test_a_colon_after_a_thing_introduces_no_speakers_quote(extractor: AttributionExtractor) -> None:
    claims = extract(extractor, 'The sign on the door was simple: "Closed until further notice."')
    assert claims == []


# --- headlines --------------------------------------------------------------------------------------------------------------


def test_an_as_clause_that_says_when_has_no_content(extractor: AttributionExtractor) -> None:
    assert extract(extractor, "Daily walk cuts dementia risk by a quarter as doctors urge exercise") == []


def test_an_as_clause_set_off_by_a_comma_still_has_content(extractor: AttributionExtractor) -> None:
    claims = extract(extractor, "The deal, as the minister noted, will cost billions.")
    assert one(claims, "will cost billions").speaker.name == "minister"


def test_a_headline_verb_with_an_object_of_its_own_says_no_earlier_clause(extractor: AttributionExtractor) -> None:
    assert extract(extractor, "Kestra unveils foldable e-reader, promises two-week battery") == []


def test_a_listener_after_the_cue_keeps_the_clause_before_it(extractor: AttributionExtractor) -> None:
    claims = extract(extractor, "Sales will recover next year, the company told investors.")
    assert one(claims, "Sales will recover").speaker.name == "company"


# --- who the organisation is -------------------------------------------------------------------------------------------


def test_a_one_word_company_named_in_full_before_is_the_company(extractor: AttributionExtractor) -> None:
    text = (
        "The regulator Ofwat has fined Clearstream Energy £9 million.\n\n"
        "Ofwat said Clearstream had missed its leakage targets.\n\n"
        "Clearstream said it accepted the ruling. The firm said it had replaced 400 km of pipes."
    )
    claims = extract(extractor, text)
    assert one(claims, "accepted the ruling").speaker.kind == "organisation"
    assert one(claims, "replaced 400 km").speaker.name in {"Clearstream", "Clearstream Energy"}


def test_a_one_word_name_described_as_a_maker_is_a_company(extractor: AttributionExtractor) -> None:
    text = (
        "Velvora, the Tallinn-based maker of smart rings, on Tuesday unveiled the Loop.\n\n"
        "The company said the Loop would ship in May."
    )
    assert one(extract(extractor, text), "would ship in May").speaker.name == "Velvora"


def test_the_operator_is_the_company_that_spoke(extractor: AttributionExtractor) -> None:
    text = (
        "Harbour Ferries said it was disappointed by the strike. The operator added that it would run a reduced "
        "service on Saturday."
    )
    assert one(extract(extractor, text), "reduced service").speaker.name == "Harbour Ferries"


def test_a_study_is_no_university(extractor: AttributionExtractor) -> None:
    text = (
        "Children who read daily score higher in maths, according to a study of 8,000 pupils in Norway.\n\n"
        "In a statement, the university said the pupils had been followed for six years."
    )
    claim = one(extract(extractor, text), "followed for six years")
    assert "study" not in claim.speaker.name


# --- who "she" and "the singer" are ----------------------------------------------------------------------------------------


def test_him_in_a_sentence_about_a_woman_is_not_her(extractor: AttributionExtractor) -> None:
    # a given name no list genders: only the article's pronouns can tell
    text = (
        "Zuri Banda has sued her former manager, accusing him of diverting $2 million in royalties into companies "
        "he controlled.\n\n"
        "Salazar's lawyer, Howard Brandt, said the claims were false. He said his client had documents showing "
        "that Banda approved every payment.\n\n"
        "Banda addressed the case in an Instagram post on Tuesday. She said she had learned about the contracts "
        "only last year."
    )
    assert one(extract(extractor, text), "learned about the contracts").speaker.name == "Zuri Banda"


def test_a_role_noun_before_a_name_is_the_later_description(extractor: AttributionExtractor) -> None:
    text = (
        "Jazz pianist Tomasz Wierzba has cancelled his European tour.\n\n"
        'In a statement, his agent, Clara Menke, said the decision was final. "I need time to recover," the '
        "pianist wrote."
    )
    assert one(extract(extractor, text), "time to recover").speaker.name == "Tomasz Wierzba"


# --- sentences the parser split ---------------------------------------------------------------------------------------------


def test_no_sentence_starts_at_a_lower_case_word_after_a_name(extractor: AttributionExtractor) -> None:
    text = 'Brennan, who joined from Ashford United in the summer, told BBC Radio Yorkshire he was "gutted but not bitter."'
    assert one(extract(extractor, text), "gutted").speaker.name == "Brennan"


# --- acronyms ----------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words", "name"),
    [
        # the recogniser tags "KCNA" a person
        (
            'Kim said the missile forces must be "ready to respond to any provocation," KCNA reported.',
            "Kim said",
            "KCNA",
        ),
        # the recogniser tags nothing
        ("HMRC said it had recruited 1,000 extra advisers since April.", "recruited", "HMRC"),
    ],
)
def test_a_word_in_capitals_is_an_organisations_acronym(
    extractor: AttributionExtractor, text: str, words: str, name: str
) -> None:
    speaker = one(extract(extractor, text), words).speaker
    assert (speaker.name, speaker.kind) == (name, "organisation")


def test_the_department_after_an_acronym_is_that_body(extractor: AttributionExtractor) -> None:
    text = "HMRC said it had recruited extra advisers. The department said waiting times had already fallen."
    assert one(extract(extractor, text), "waiting times").speaker.name == "HMRC"


def test_a_transcript_head_in_capitals_stays_a_person(extractor: AttributionExtractor) -> None:
    text = "PENCE: We will cut taxes for every family.\n\nKAINE: No, you will not, and you know it."
    speaker = one(extract(extractor, text), "you will not").speaker
    assert speaker.kind == "person"
