"""Attribution extraction, round 59 (hand-written drug trial, market close, heatwave, hospital cyber attack, Malaysian
election, school inspection, celebrity trial and match reports): a body whose name ends in a question or exclamation
mark ("Consumer group Which? said", "According to Which?,") keeps the mark in its name; a sentence opened by a
participle phrase ("Speaking to MPs on the Treasury committee, the governor, Andrew Castlemaine, said") has its
speaker after the phrase, not in it; a person's name that opens the sentence before an aside ("Oh Se-young, a
researcher at ..., said") is the speaker though the tagger read a word of it as an interjection or adjective; a
hyphenated office ("Its secretary-general, Wong Kah Woh") is the role whole; a name and a colon opening a quotation
inside a paragraph ('... display. Nolan: "We were poor."') is that speaker's; "after the governor ... hinted that"
is the governor's hint, not the main clause's subject's; "A criminal group calling itself Black Lantern" is the
group a later "the group said" means."""

from __future__ import annotations

import pytest

from extraction import AttributionExtractor
from tests.unit.extraction_helpers import extract, one

# --- a name ending in a question or exclamation mark ----------------------------------------------------------------


@pytest.mark.slow
def test_a_body_named_with_a_question_mark_keeps_it(extractor: AttributionExtractor) -> None:
    """ "Consumer group Which? said": the body is "Which?", an organisation, not "?"."""
    claims = extract(extractor, "Consumer group Which? said customers should not be charged more during the ban.")
    claim = one(claims, "customers")
    assert (claim.speaker.name, claim.speaker.kind) == ("Which?", "organisation")
    assert claim.text == "customers should not be charged more during the ban"


@pytest.mark.slow
def test_according_to_a_name_with_a_question_mark(extractor: AttributionExtractor) -> None:
    """ "According to Which?, Southern Coast Water loses ...": the claim starts after the name's comma."""
    claims = extract(extractor, "According to Which?, Southern Coast Water loses almost a fifth of its water.")
    claim = one(claims, "loses")
    assert claim.speaker.name == "Which?"
    assert claim.text.startswith("Southern Coast Water loses")


@pytest.mark.slow
def test_a_quoted_question_before_the_cue_is_no_name(extractor: AttributionExtractor) -> None:
    """The control: '"Why?" she asked' and a question ending a sentence stay questions."""
    claims = extract(extractor, 'Ann Lee said the plan had failed. "Why? Nobody asked us," she said.')
    assert {c.speaker.name for c in claims} == {"Ann Lee"}


# --- a sentence opened by a participle phrase ------------------------------------------------------------------------


@pytest.mark.slow
def test_the_speaker_follows_an_opening_participle_phrase(extractor: AttributionExtractor) -> None:
    """ "Speaking to MPs on the Treasury committee, the governor, Andrew Castlemaine, said": the governor speaks, not
    the committee he spoke to."""
    text = (
        "Speaking to MPs on the Treasury committee, the governor, Andrew Castlemaine, said inflation was falling "
        '"faster than we expected in the spring". He said the Bank would not wait for inflation to reach its target.'
    )
    claims = extract(extractor, text)
    assert [(c.speaker.name, c.speaker.kind) for c in claims] == [
        ("Andrew Castlemaine", "person"),
        ("Andrew Castlemaine", "person"),
    ]
    assert claims[0].speaker.role == "governor"


@pytest.mark.slow
def test_a_speaker_in_apposition_without_an_opening_phrase(extractor: AttributionExtractor) -> None:
    """The control: "The Federal Reserve chair, Maria Delgado-Reyes, said" keeps its name and role."""
    claims = extract(extractor, 'The Federal Reserve chair, Maria Delgado-Reyes, said the Fed was in "no hurry".')
    assert (claims[0].speaker.name, claims[0].speaker.role) == ("Maria Delgado-Reyes", "Federal Reserve chair")


# --- a name opening the sentence before an aside ---------------------------------------------------------------------


@pytest.mark.slow
def test_a_transliterated_name_before_an_aside_speaks(extractor: AttributionExtractor) -> None:
    """ "Oh Se-young, a researcher at the Asan Institute ... in South-East Asia, said": "Oh" is no interjection here,
    and the place ending the aside no speaker."""
    text = (
        "Oh Se-young, a researcher at the Asan Institute in Seoul who studies elections in South-East Asia, said "
        "young voters had turned out in large numbers. She said many had been drawn to the opposition."
    )
    claims = extract(extractor, text)
    assert [c.speaker.name for c in claims] == ["Oh Se-young", "Oh Se-young"]
    assert claims[0].speaker.kind == "person"


# --- a hyphenated office ---------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_a_hyphenated_office_is_the_role_whole(extractor: AttributionExtractor) -> None:
    """ "Its secretary-general, Wong Kah Woh, said": the role is the secretary-general, not "Its secretary"."""
    text = "The coalition refused to concede. Its secretary-general, Wong Kah Woh, said it was ahead in 29 seats."
    claim = one(extract(extractor, text), "ahead")
    assert claim.speaker.name == "Wong Kah Woh"
    assert "secretary-general" in (claim.speaker.role or "")


# --- a name and a colon before a quotation inside a paragraph --------------------------------------------------------


@pytest.mark.slow
def test_a_name_and_colon_before_a_quote_inside_a_paragraph(extractor: AttributionExtractor) -> None:
    """'Rovers manager Gary Nolan was furious ... Nolan: "We were poor. ..."': the quotation is Nolan's, as a
    paragraph opened so would be."""
    text = (
        "Rovers manager Gary Nolan was furious with his side's first-half display. "
        'Nolan: "We were poor. We gave them two goals and we did not win a tackle for 45 minutes."'
    )
    claim = one(extract(extractor, text), "We were poor")
    assert (claim.speaker.name, claim.kind) == ("Gary Nolan", "direct_quote")
    assert claim.text.startswith("We were poor. We gave them")


@pytest.mark.slow
def test_a_label_and_colon_before_a_quote_is_no_speaker(extractor: AttributionExtractor) -> None:
    """The control: 'The verdict: "Guilty."' names no one; a place's colon neither ('Rome: "..."')."""
    text = 'Ann Lee said the jury had been out for an hour. The verdict: "Guilty on all counts."'
    claims = extract(extractor, text)
    assert [c.speaker.name for c in claims] == ["Ann Lee"]


# --- a clause's conjunction read as a preposition --------------------------------------------------------------------


@pytest.mark.slow
def test_the_subject_of_a_clause_after_after(extractor: AttributionExtractor) -> None:
    """ "The FTSE 100 closed ... after the governor of the Bank of England hinted that": the governor hinted; the
    parser made "after" a preposition with the governor its object, and the index no speaker."""
    text = (
        "The FTSE 100 closed at a record high on Tuesday after the governor of the Bank of England hinted that "
        "interest rates could be cut as early as next month."
    )
    claim = one(extract(extractor, text), "interest rates")
    assert claim.speaker.name == "governor of the Bank of England"


# --- a body named after the noun for its kind ------------------------------------------------------------------------


@pytest.mark.slow
def test_the_group_is_the_one_calling_itself_a_name(extractor: AttributionExtractor) -> None:
    """ "A criminal group calling itself Black Lantern has claimed responsibility. ... the group said": the group is
    Black Lantern, not the trust named before it."""
    text = (
        "Harrowdale Trust said it had declared a critical incident.\n\n"
        "A criminal group calling itself Black Lantern has claimed responsibility. In a message on a dark web site, "
        "the group said it had stolen 400 gigabytes of data."
    )
    claim = one(extract(extractor, text), "gigabytes")
    assert (claim.speaker.name, claim.speaker.kind) == ("Black Lantern", "organisation")


@pytest.mark.slow
def test_a_group_without_a_name_given_keeps_the_body_before(extractor: AttributionExtractor) -> None:
    """The control: "Harrowdale Trust ... the trust said" still means the trust when a group is only mentioned."""
    text = (
        "Harrowdale Trust said it had declared a critical incident.\n\n"
        "A criminal group has claimed responsibility. The trust said it did not know when its systems would work."
    )
    claim = one(extract(extractor, text), "systems")
    assert claim.speaker.name == "Harrowdale Trust"
