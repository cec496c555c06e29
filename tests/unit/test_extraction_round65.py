"""Attribution extraction, round 65 (hand-written council budget meeting, a sentencing with a victim statement, a
football transfer, a hospital waiting-list report, a storm with agency spokespeople, a brewery's results): an unnamed
"His spokesman" / "Her spokeswoman" speaks for the person of that gender the narration named last ("spokeswoman for
Laura Brennan"), not for no one; "the Port Authority of New York and New Jersey" is one body; "the brewery" means
"Tollgate Brewing" whatever body was named since; "said the results were weaker than expected and cut their price
target" ends before what the analysts did."""

from __future__ import annotations

import pytest

from extraction import AttributionExtractor
from tests.unit.extraction_helpers import extract, one

LEAD = "The figures were published on Monday.\n\n"

# --- "Her spokeswoman said": the spokesperson of the person just written about ----------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        (
            "Governor Laura Brennan declared a state of emergency in eleven counties on Saturday night. Her"
            " spokeswoman said the governor had placed 500 members of the National Guard on standby.",
            "placed 500 members",
            "spokeswoman for Laura Brennan",
        ),
        (
            # the latest speaker (Natt) is not the owner; the woman the narration named last is
            "According to the finance director, Priya Natt, the gap is £6 million.\n\nCouncil leader Margaret"
            " Oyelaran was not available for interviews on Wednesday. Her spokeswoman said the leader would meet"
            " library staff later in the week.",
            "would meet library staff",
            "spokeswoman for Margaret Oyelaran",
        ),
        (
            # a man named since (in a clause about the place) is not the owner of "Her spokeswoman"
            "The local MP, Rachel Imrie, has campaigned for a cycle lane on the road where Mr Whitlock died. Her"
            " spokeswoman said the MP would raise the case with the minister.",
            "would raise the case",
            "spokeswoman for Rachel Imrie",
        ),
        (
            # the owner named in an apposition, not the sentence's subject
            "Ashbourne's owner, the American investor Richard Halloran, watched from the directors' box. His"
            " spokesman said the owner had personally approved the fee.",
            "personally approved the fee",
            "spokesman for Richard Halloran",
        ),
    ],
)
def test_his_or_her_spokesperson_speaks_for_the_person_just_named(
    extractor: AttributionExtractor, text: str, words: str, speaker: str
) -> None:
    """The pronoun resolver's choice would be the latest speaker; the spokesperson speaks for whom the story is on."""
    claim = one(extract(extractor, LEAD + text), words)
    assert claim.speaker.name == speaker
    assert claim.speaker.kind == "person"
    assert not claim.speaker.named  # an unnamed spokesperson, as "a spokeswoman for Thames Water" is


@pytest.mark.slow
def test_a_named_spokesperson_and_other_possessed_nouns_are_as_before(extractor: AttributionExtractor) -> None:
    """The controls: "His spokesman, Owen Reyes," is Reyes; "his partner" names no owner this way; a "her
    spokeswoman" whose owner's gender is another than every person's named recently stays bare."""
    text = LEAD + (
        "Attorney General Daniel Brooks did not attend. His spokesman, Owen Reyes, said the department was studying"
        " the decision.\n\nTom Ridley died at his home in March. His partner said he had been unwell for months.\n\n"
        "Councillor Peter Hale left the meeting early. Her spokeswoman said the vote would go ahead."
    )
    claims = extract(extractor, text)
    assert one(claims, "studying the decision").speaker.name == "Owen Reyes"
    assert "for Tom Ridley" not in one(claims, "unwell for months").speaker.name
    assert one(claims, "vote would go ahead").speaker.name == "spokeswoman"


# --- a body of two regions -----------------------------------------------------------------------------------------


@pytest.mark.slow
def test_a_body_of_two_regions_joined_by_and_is_one_body(extractor: AttributionExtractor) -> None:
    """The recogniser ends "the Port Authority of New York" at the "and" and takes New Jersey for a place."""
    text = LEAD + (
        "The Port Authority of New York and New Jersey said travelers should check with their airlines. It added"
        " that the AirTrain was running on a reduced schedule."
    )
    claims = extract(extractor, text)
    for words in ("check with their airlines", "AirTrain"):
        claim = one(claims, words)
        assert claim.speaker.name == "Port Authority of New York and New Jersey"
        assert claim.speaker.kind == "organisation"


@pytest.mark.slow
@pytest.mark.parametrize("second", ["Barclays", "France"])
def test_a_body_and_a_second_body_or_a_country_stay_apart(extractor: AttributionExtractor, second: str) -> None:
    """The controls: after "the Bank of England and", a body, or a country (no region within one), is no part of
    the bank's name."""
    text = LEAD + f"The Bank of England and {second} said the rules would be published in June."
    claim = one(extract(extractor, text), "published in June")
    assert second not in claim.speaker.name


# --- "the brewery" is the firm whose name gives its trade -----------------------------------------------------------


@pytest.mark.slow
def test_the_brewery_is_the_brewing_firm_after_a_union_spoke(extractor: AttributionExtractor) -> None:
    """ "Tollgate Brewing" is the only firm named by brewing; a union spoke since, which is no brewery."""
    text = LEAD + (
        "Tollgate Brewing reported a 31 per cent fall in annual profit on Wednesday.\n\nThe brewery said pre-tax"
        " profit fell to £14.6 million.\n\nThe GMB union said it would fight the Kendal closure. The brewery said it"
        " had already begun talks with the union."
    )
    claims = extract(extractor, text)
    assert one(claims, "pre-tax profit fell").speaker.name == "Tollgate Brewing"
    assert one(claims, "begun talks").speaker.name == "Tollgate Brewing"
    assert one(claims, "fight the Kendal closure").speaker.name == "GMB"


# --- what the analysts did is no part of what they said -------------------------------------------------------------


@pytest.mark.slow
def test_cut_their_price_target_ends_the_claim_after_a_plural_subject(extractor: AttributionExtractor) -> None:
    """ "the results ... and cut their price target": the results cut nothing; "cut" is read as a bare verb."""
    text = LEAD + (
        "Analysts at Brinkley Securities said the results were weaker than expected and cut their price target to 210p."
    )
    claim = one(extract(extractor, text), "weaker than expected")
    assert claim.text.rstrip(".") == "the results were weaker than expected"


@pytest.mark.slow
def test_their_own_things_after_a_plural_subject_stay_in_the_claim(extractor: AttributionExtractor) -> None:
    """The controls: "cut their hedges" may be the councillors'; "must sell ... and protect their dividend" is a
    bare verb after a modal, no past tense."""
    text = LEAD + (
        "Residents said the councillors were wrong and cut their hedges in protest.\n\n"
        "Analysts said the firm must sell assets and protect their dividend."
    )
    claims = extract(extractor, text)
    assert one(claims, "councillors were wrong").text.rstrip(".").endswith("cut their hedges in protest")
    assert one(claims, "must sell assets").text.rstrip(".").endswith("protect their dividend")


# --- "According to X, a charity that ..., claim": the description is X's, not the claim's ---------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("sentence", "start"),
    [
        (
            "According to Patients Together, a charity that supports people on waiting lists, some patients have been"
            " told they may wait until 2027.",
            "some patients",
        ),
        ("According to Jane Porter, a nurse at the hospital, the ward was closed twice last week.", "the ward"),
    ],
)
def test_a_description_after_according_to_is_no_part_of_the_claim(
    extractor: AttributionExtractor, sentence: str, start: str
) -> None:
    """The parser makes "a charity" a subject of the clause beside its own; the description sets off the name."""
    claim = one(extract(extractor, LEAD + sentence), start)
    assert claim.text.startswith(start)
    assert claim.cue.lower() == "according to"


# --- "and had written a letter" is a deed, no second saying ---------------------------------------------------------


@pytest.mark.slow
def test_written_a_letter_stays_in_the_claim(extractor: AttributionExtractor) -> None:
    """A conjoined "written" with an object and no clause reports what the client did; "wrote that" still cuts."""
    text = LEAD + (
        'For the defence, Anthony Gill said his client was "genuinely and deeply sorry" and had written a letter to'
        " the family.\n\nMaria Lowe said the plan was flawed and wrote that the council had ignored residents."
    )
    claims = extract(extractor, text)
    assert one(claims, "his client was").text.rstrip(".").endswith("had written a letter to the family")
    assert one(claims, "the plan was flawed").text.rstrip(".") == "the plan was flawed"
    assert one(claims, "the council had ignored").speaker.name == "Maria Lowe"
