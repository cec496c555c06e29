"""Attribution extraction, round 46: a person named in apposition to a role the parser hung under a body's name
("Ford of Britain's chairman, Lisa Brankin, said") speaks; a speech verb with a "that" clause, read as a participle
after an apposition, is the sentence's verb; an infinitive of saying ending the reported words ("had until Thursday
to respond") is no cue; a correction footnote or an editor's note yields no claims; "the company" after "a
spokeswoman for Thames Water" is Thames Water; "general secretary" keeps its "general"."""

from __future__ import annotations

import pytest

from extraction import AttributionExtractor
from extraction.text import publication_note
from tests.unit.extraction_helpers import extract, one


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "name", "role_word"),
    [
        ("Ford of Britain's chairman, Lisa Brankin, said the decision reflected the market.", "Lisa Brankin",
         "chairman"),
        ("Drive Clean's director, Amelia Frost, said the timing of the video was a coincidence.", "Amelia Frost",
         "director"),
        ("Barking and Dagenham Council's leader, Darren Rodwell, said the council would set up a jobs fair.",
         "Darren Rodwell", "leader"),
        ("Acme Foods' chairman, Lisa Brankin, said the decision reflected the market.", "Lisa Brankin", "chairman"),
    ],
)  # fmt: skip
def test_a_name_in_apposition_to_a_role_under_a_body_speaks(
    extractor: AttributionExtractor, text: str, name: str, role_word: str
) -> None:
    """The parser takes the body's name ("Ford", "Drive", "Barking") for the subject and hangs the role under it;
    the person named in apposition to the role is the speaker, with the role."""
    (claim,) = extract(extractor, text)
    assert (claim.speaker.name, claim.speaker.kind) == (name, "person")
    assert role_word in (claim.speaker.role or "")


@pytest.mark.slow
def test_a_speech_verb_read_as_a_participle_after_an_apposition_speaks(extractor: AttributionExtractor) -> None:
    text = (
        'The referees\' union, Prospect, posted on Facebook that officials had faced "a torrent of abuse" since the '
        "match and that Tranter's family had been targeted online."
    )
    claim = one(extract(extractor, text), "officials had faced")
    assert claim.speaker.name == "Prospect"
    assert claim.text.endswith("targeted online")


@pytest.mark.slow
def test_a_participle_aside_leaves_its_subject_the_speaker(extractor: AttributionExtractor) -> None:
    """Control: a participle set off by commas with no clause of its own describes the subject; the verb after it
    speaks for that subject."""
    (claim,) = extract(extractor, "The report, published on Monday, said the river was polluted.")
    assert claim.speaker.name == "report"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        ("The FA said the player had until Thursday to respond.", "the player had until Thursday to respond", "FA"),
        ("The FA said it was aware of the comments. It said Mbeki had until Thursday to respond.",
         "Mbeki had until Thursday to respond", "FA"),
        ("The council has been given a month to reply, the minister said.", "The council has been given a month",
         "minister"),
    ],
)  # fmt: skip
def test_an_infinitive_of_saying_ending_the_words_is_no_cue(
    extractor: AttributionExtractor, text: str, words: str, speaker: str
) -> None:
    claim = one(extract(extractor, text), words)
    assert claim.speaker.name == speaker


@pytest.mark.slow
def test_a_set_off_cue_ending_the_words_still_closes_them(extractor: AttributionExtractor) -> None:
    """Control: "..., Phil Lovas, said" ends the words as another attribution's cue, as before."""
    text = "The minister said the vote would be close. The bill will pass, the whip told reporters."
    claims = extract(extractor, text)
    assert one(claims, "the vote would be close").text == "the vote would be close"


@pytest.mark.parametrize(
    "paragraph",
    [
        "Correction: An earlier version of this article said the council voted 7-1.",
        "Editor's note: This article was updated on 14 March.",
        "Editors’ note: A spokesperson later said the bid was withdrawn.",
        "CLARIFICATION: We said the hall was sold.",
        "Notes to editors: Solent Batteries is a private company.",
    ],
)
def test_a_publication_note_is_recognised(paragraph: str) -> None:
    assert publication_note(paragraph)


@pytest.mark.parametrize(
    "paragraph",
    [
        "Correctional officers said the prison was full.",
        "The correction came after a complaint, the editor said.",
        "Update: the minister said the school would stay open.",
    ],
)
def test_a_paragraph_about_corrections_is_no_note(paragraph: str) -> None:
    assert not publication_note(paragraph)


@pytest.mark.slow
def test_a_correction_footnote_and_an_editors_note_yield_no_claims(extractor: AttributionExtractor) -> None:
    text = (
        "The council's leader, Diane Foster, said the money would be spent on the leisure centre.\n\n"
        "Correction: An earlier version of this article said the council voted 7-1. We also wrongly said Mr Gupta "
        "had run a stall for 30 years; he has run one for 20 years.\n\n"
        "Editor's note: This article was updated on 14 March. A spokesperson for the council later said it had "
        "received a second expression of interest after the vote."
    )
    claims = extract(extractor, text)
    assert [c.speaker.name for c in claims] == ["Diane Foster"]


@pytest.mark.slow
def test_the_company_after_a_spokeswoman_for_it_is_that_company(extractor: AttributionExtractor) -> None:
    """ "“...,” said a spokeswoman for Thames Water": the body she spoke for is the one a later "the company" means,
    even after other people spoke in between."""
    text = (
        '"We know this is a difficult time," said a spokeswoman for Thames Water.\n\n'
        '"Our reservoirs are at 61 percent," said Mark Hewitt, the company\'s head of water resources.\n\n'
        '"People are being punished," said Feargal Quinn, a campaigner with the group River Action.\n\n'
        "The company said it had cut leakage by 12 percent."
    )
    claim = one(extract(extractor, text), "cut leakage")
    assert (claim.speaker.name, claim.speaker.kind) == ("Thames Water", "organisation")


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "The union's general secretary, Frank Doyle, said the company had offered a pay rise.",
        "Union general secretary Frank Doyle said the company had offered a pay rise.",
    ],
)
def test_general_secretary_keeps_general(extractor: AttributionExtractor, text: str) -> None:
    (claim,) = extract(extractor, text)
    assert claim.speaker.name == "Frank Doyle"
    assert "general secretary" in (claim.speaker.role or "")


_FORD = (
    "Ford will cut 800 jobs at its Dagenham engine plant, the carmaker said on Wednesday.\n\n"
    "The company said most of the jobs would go through voluntary redundancy.\n\n"
    "On the same day, the actor Harrison Ford appeared in a video for a climate campaign. Ford said the climate "
    'crisis was "the fight of our lives".\n\n'
    '"We don\'t have another planet to drive on," Ford said in the video.'
)


@pytest.mark.slow
def test_a_lone_name_that_owns_its_is_a_body_beside_a_person_of_that_surname(extractor: AttributionExtractor) -> None:
    """ "Ford will cut 800 jobs at its plant": only a body owns "its", so the lone "Ford" is the carmaker that "the
    company" means, though "Harrison Ford" ends in the same word; after the actor is mentioned, "Ford said" is he."""
    claims = extract(extractor, _FORD)
    company = one(claims, "voluntary redundancy").speaker
    assert (company.name, company.kind) == ("Ford", "organisation")
    for words in ("the climate crisis", "another planet"):
        actor = one(claims, words).speaker
        assert (actor.name, actor.kind) == ("Harrison Ford", "person"), words


@pytest.mark.slow
def test_a_surname_with_its_for_something_between_stays_a_person(extractor: AttributionExtractor) -> None:
    """Control: "Hale will close the factory at its old site": "its" may mean the factory, so "Hale" stays the
    surname of the person the article named."""
    text = (
        "Senator Mary Hale visited the town on Monday.\n\n"
        "Hale will close the factory at its old site, she said.\n\n"
        "Hale said the town would recover."
    )
    speaker = one(extract(extractor, text), "the town would recover").speaker
    assert (speaker.name, speaker.kind) == ("Mary Hale", "person")
