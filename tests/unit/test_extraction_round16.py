"""Attribution extraction, round 16 of fault-finding: the "Con" of a detective constable's rank ("Det Con Kate
Dunmore"), a complementiser "that" the parser hung as an object on a relative clause ("told investors on a call that
..."), an adverbial clause after the complement that the parser hung on the cue, a nationality written before a
person's name ("the American Zoe Whitfield"), "may explain why" said of a thing, and "As X put it, ..."."""

from __future__ import annotations

import pytest

from extraction import AttributionExtractor
from extraction.names import leading_office, normalize_speaker_name, title_words
from tests.unit.extraction_helpers import extract, one

pytestmark = pytest.mark.slow


# --- names -------------------------------------------------------------------------------------------------------------


def test_con_after_det_is_a_rank_not_a_name() -> None:
    assert normalize_speaker_name("Det Con Aled Price") == "Aled Price"
    assert normalize_speaker_name("Detective Con Aled Price") == "Aled Price"
    assert leading_office("Det Con Aled Price") is None
    assert title_words(["Det", "Con"]) == ("detective", "constable")


def test_con_alone_is_a_given_name() -> None:
    assert normalize_speaker_name("Con O'Neill") == "Con O'Neill"
    assert title_words(["Con"]) == ()


def test_a_detective_constable_is_named_without_the_rank(extractor: AttributionExtractor) -> None:
    text = (
        "Officers were called to the harbour on Sunday morning.\n\n"
        "Det Con Aled Price, who is leading the inquiry, said the boat had been moved overnight.\n\n"
        "Det Con Price said nobody had been hurt."
    )
    claims = extract(extractor, text)
    first = one(claims, "moved overnight").speaker
    assert first.name == "Aled Price"
    assert "Con" not in (first.role or "")
    assert one(claims, "nobody had been hurt").speaker.name == "Aled Price"


def test_a_detective_constable_of_a_force_is_named_in_full_and_is_the_officer(
    extractor: AttributionExtractor,
) -> None:
    text = (
        "A shop in Wrexham was broken into overnight.\n\n"
        "Det Con Gwen Ellis of North Wales Police said the till had been emptied.\n\n"
        "The officer added that a car had been seen leaving at speed."
    )
    claims = extract(extractor, text)
    assert one(claims, "the till had been emptied").speaker.name == "Gwen Ellis"
    assert one(claims, "a car had been seen").speaker.name == "Gwen Ellis"


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        (
            "Her next opponent is the Canadian Leah Fortin, who reached the final last year.\n\n"
            "Fortin told reporters that her shoulder had fully healed.",
            "shoulder had fully healed",
            "Leah Fortin",
        ),
        (
            "The Norwegian Erik Dahl won the sprint stage on Friday. Dahl said the crosswind had split the bunch.",
            "crosswind had split the bunch",
            "Erik Dahl",
        ),
    ],
)
def test_a_nationality_before_a_persons_name_is_no_part_of_it(
    extractor: AttributionExtractor, text: str, words: str, speaker: str
) -> None:
    assert one(extract(extractor, text), words).speaker.name == speaker


def test_a_speaker_written_with_a_nationality_is_named_without_it(extractor: AttributionExtractor) -> None:
    claim = one(extract(extractor, "The Canadian Leah Fortin said her shoulder had fully healed."), "shoulder")
    assert claim.speaker.name == "Leah Fortin"


def test_an_organisation_named_with_a_nationality_keeps_it(extractor: AttributionExtractor) -> None:
    text = "The American Red Cross said it had sent 200 volunteers to the flooded towns."
    assert one(extract(extractor, text), "200 volunteers").speaker.name == "American Red Cross"


# --- what was said -------------------------------------------------------------------------------------------------


def test_a_that_clause_made_a_relative_clause_of_the_medium_is_the_content(extractor: AttributionExtractor) -> None:
    # the parser makes "that" the object of "ease" and "once ..." a clause of "told"
    text = (
        "Diaz told analysts on a call that the shortage would ease by the winter once a third supplier began shipping."
    )
    claim = one(extract(extractor, text), "the shortage would ease")
    assert claim.speaker.name == "Diaz"
    assert claim.text.endswith("a third supplier began shipping")


def test_a_relative_clause_with_its_pronoun_that_is_no_content(extractor: AttributionExtractor) -> None:
    text = "The minister spoke at a meeting that the council had called last week."
    assert extract(extractor, text) == []


def test_may_explain_why_said_of_a_thing_is_no_claim(extractor: AttributionExtractor) -> None:
    assert extract(extractor, "Poor sleep may explain why the results varied so widely between the two groups.") == []


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("The memo explains why the plant was closed in March.", "memo"),  # no hedge: a text may speak
        ("The minister explained why the fines had been delayed for a year.", "minister"),
        ("The study explains how the virus spread between the two wards.", "study"),
    ],
)
def test_explain_why_said_by_someone_is_still_a_claim(extractor: AttributionExtractor, text: str, speaker: str) -> None:
    claims = extract(extractor, text)
    assert len(claims) == 1
    assert claims[0].speaker.name == speaker


def test_as_someone_put_it_gives_the_clause_it_hangs_on(extractor: AttributionExtractor) -> None:
    text = 'As one nurse put it to the inquiry, the ward was "a disaster waiting to happen".'
    claim = one(extract(extractor, text), "a disaster waiting to happen")
    assert claim.speaker.name == "one nurse"


def test_putting_a_thing_somewhere_is_no_saying(extractor: AttributionExtractor) -> None:
    assert extract(extractor, "As she put it down on the counter, the phone rang twice.") == []
