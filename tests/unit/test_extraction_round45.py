"""Attribution extraction, round 45: a person's name the recogniser called a body as often as a person (a photo
caption's "Kirsty Bell speaks to reporters") is a person's when a given name opens it; a name of two words with a
"who" clause is a person's ("Angus MacLeod, who chairs ..."); an interview's answer keeps the verbs inside it, as a
quotation does; "the judge" opening a sentence of narration is the judge the article named, for a "she" after it;
a bare "the group" right after a body spoke in the same paragraph is that body; a quoted phrase after "but" or
"and" that ends the sentence finishes the reported words."""

from __future__ import annotations

import pytest

from extraction import AttributionExtractor
from tests.unit.extraction_helpers import extract, one


@pytest.mark.slow
def test_a_name_tagged_a_body_once_and_a_person_once_is_a_person(extractor: AttributionExtractor) -> None:
    """A caption tags "Kirsty Bell" ORG, the attribution PERSON: the tie goes to the person a given name opens."""
    text = (
        "GLASGOW -- The ferries will run, the government said.\n\n"
        "Kirsty Bell speaks to reporters at Glasgow's Buchanan Street on Friday. Photograph: Iain Mackay/PA\n\n"
        "Transport Secretary Kirsty Bell said the charters would run until June. "
        '"Islanders have been let down for too long," she said.'
    )
    claims = extract(extractor, text)
    said, quoted = one(claims, "the charters"), one(claims, "Islanders")
    assert (said.speaker.name, said.speaker.kind, (said.speaker.role or "").lower()) == (
        "Kirsty Bell", "person", "transport secretary"
    )  # fmt: skip
    assert (quoted.speaker.name, quoted.speaker.mention) == ("Kirsty Bell", "she")
    assert not any("Photograph" in c.text or "speaks to reporters" in c.text for c in claims)


@pytest.mark.slow
def test_a_full_name_with_a_who_clause_is_a_person(extractor: AttributionExtractor) -> None:
    """ "Angus MacLeod" (tagged ORG for its inner capital) with "who chairs": a person, whom "MacLeod said" and
    "he said" mean, not "Mull" of the reported words."""
    text = (
        "Angus MacLeod, who chairs the ferry committee, said the news was welcome.\n\n"
        "The committee represents about 3,000 islanders. MacLeod said some businesses on Mull had lost a third of "
        'their trade. "People simply stopped booking," he said.'
    )
    claims = extract(extractor, text)
    for words in ("the news was welcome", "some businesses", "People simply"):
        speaker = one(claims, words).speaker
        assert (speaker.name, speaker.kind) == ("Angus MacLeod", "person"), words


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Lotte Brink, who runs the shelter, said beds were full.",
        "Tom Ellery, who was not involved in the research, said the results were encouraging.",
    ],
)
def test_a_who_clause_keeps_a_person_a_person(extractor: AttributionExtractor, text: str) -> None:
    (claim,) = extract(extractor, text)
    assert claim.speaker.kind == "person"


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Harton United, who were relegated last year, said the new stand would open in May.",
        "Morgan Stanley, which advised the buyer, said the deal would close in May.",
    ],
)
def test_a_body_with_a_relative_clause_stays_a_body(extractor: AttributionExtractor, text: str) -> None:
    (claim,) = extract(extractor, text)
    assert claim.speaker.kind == "organisation"


@pytest.mark.slow
def test_an_answer_keeps_the_verbs_inside_it(extractor: AttributionExtractor) -> None:
    """ "A: ... the families tell us their bill ...": the whole answer is the interviewee's, verbatim, as a
    quotation is; no claim of "the families" inside it."""
    text = (
        "Anna Kovacs has run the food bank for nine years. She spoke to the Courier.\n\n"
        "Q: What would make the biggest difference?\n\n"
        "A: Honestly, cheaper energy. Half the families we see tell us their heating bill is what tipped them over.\n\n"
        "Q: What else?\n\n"
        "A: Jobs. My neighbour told me the factory would close."
    )
    claims = extract(extractor, text)
    assert [(c.text, c.speaker.name, c.kind) for c in claims] == [
        ("Honestly, cheaper energy. Half the families we see tell us their heating bill is what tipped them over.",
         "Anna Kovacs", "direct_quote"),
        ("Jobs. My neighbour told me the factory would close.", "Anna Kovacs", "direct_quote"),
    ]  # fmt: skip


@pytest.mark.slow
def test_a_verb_before_an_answer_still_speaks(extractor: AttributionExtractor) -> None:
    """The narration around an interview keeps its own attributions."""
    text = (
        "Anna Kovacs has run the food bank for nine years.\n\n"
        "Q: What would help?\n\n"
        "A: Cheaper energy.\n\n"
        "Kovacs said the food bank would need a bigger warehouse."
    )
    claims = extract(extractor, text)
    assert one(claims, "bigger warehouse").speaker.name == "Anna Kovacs"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("narration", "name"),
    [
        ("The judge rejected that argument.", "Helen Marsh"),
        ("The prosecutor shook her head.", "Anna Whitlock"),
    ],
)
def test_she_after_a_described_subject_is_the_person_described(
    extractor: AttributionExtractor, narration: str, name: str
) -> None:
    """ "The judge rejected that argument. “...,” she said": the judge is the sentence's subject, the person
    "she" most likely means, not the woman who spoke last."""
    text = (
        "Judge Helen Marsh told the court that Pryce had betrayed their trust.\n\n"
        "Prosecutor Anna Whitlock said Pryce had taken cash.\n\n"
        "Defence counsel Martin Lowe said his client was ashamed.\n\n"
        f'{narration} "Financial pressure explains nothing," she said.'
    )
    claim = one(extract(extractor, text), "Financial pressure")
    assert (claim.speaker.name, claim.speaker.mention) == (name, "she")


@pytest.mark.slow
def test_a_description_nobody_named_stays_unnamed(extractor: AttributionExtractor) -> None:
    text = (
        "Prosecutor Anna Whitlock said Pryce had taken cash.\n\n"
        'The judge rejected that argument. "Financial pressure explains nothing," she said.'
    )
    claim = one(extract(extractor, text), "Financial pressure")
    assert claim.speaker.name != "judge" or not claim.speaker.named


@pytest.mark.slow
def test_the_group_is_the_body_that_just_spoke(extractor: AttributionExtractor) -> None:
    """ "Friends of X said ... “...,” the group said": the body that spoke in this paragraph, not an earlier one
    whose name has the word "group" in it."""
    text = (
        "The opposition Liberal Democrat group said it would ask for a review.\n\n"
        "The Friends of Hadley Road Library said in a statement that they would keep campaigning. "
        '"This is not the end of the story," the group said.'
    )
    claims = extract(extractor, text)
    assert one(claims, "not the end").speaker.name == "Friends of Hadley Road Library"
    assert one(claims, "ask for a review").speaker.name == "opposition Liberal Democrat group"


@pytest.mark.slow
def test_the_group_named_by_its_word_without_a_body_in_between(extractor: AttributionExtractor) -> None:
    """With no other body speaking in the paragraph, "the group" is still the one whose name spells it."""
    text = (
        "The opposition Liberal Democrat group said it would ask for a review.\n\n"
        'Councillor Fiona Grant said the plans were fair. "We will not back down," the group said.'
    )
    claim = one(extract(extractor, text), "back down")
    assert claim.speaker.name == "opposition Liberal Democrat group"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "content"),
    [
        ('Angus MacLeod, who chairs the Mull and Iona ferry committee, said the news was welcome but "years too late".',
         'the news was welcome but "years too late"'),
        ('Ana Silva, who chairs the Lisbon and Porto port board, said the deal was fair and "long overdue".',
         'the deal was fair and "long overdue"'),
    ],
)  # fmt: skip
def test_a_quoted_reservation_ending_the_sentence_is_part_of_the_claim(
    extractor: AttributionExtractor, text: str, content: str
) -> None:
    """ "... said the news was welcome but “years too late”": the parser hangs the quoted phrase on the cue, yet it
    finishes what was said, as a quoted phrase right after the complement does."""
    (claim,) = extract(extractor, text)
    assert claim.text == content
