"""Attribution extraction, round 36: a number or quantifier counting people of a nation ("Two Britons said") is a
description of some people, not a person called "Britons"; "Teachers in Kent say" is the teachers though the
recogniser took the place for a person; a rank after "Chief" is part of the role ("Chief Constable X" is no
"chief"); a headline's quoted word ("warn of 'disaster' as ...") leaves no claim made of the words after it."""

from __future__ import annotations

import pytest

from extraction import AttributionExtractor
from tests.unit.extraction_helpers import extract, one

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Two Britons said they had been stranded at the airport for a day.", "stranded at the airport"),
        ("Three Americans told reporters the bus had left without them.", "the bus had left"),
        ("Several Canadians said the border post had been closed for hours.", "the border post"),
    ],
)  # fmt: skip
def test_counted_nationals_are_people_described_not_named(
    extractor: AttributionExtractor, text: str, words: str
) -> None:
    """A plural noun of nationality counted by a number or quantifier says how many people of a nation spoke; the
    tagger's proper noun makes it no name, so the speaker is unnamed people, not "Britons" with the role "Two"."""
    speaker = one(extract(extractor, text), words).speaker
    assert not speaker.named
    assert speaker.kind == "person"
    assert speaker.role is None


def test_counted_officials_and_a_named_briton_unchanged(extractor: AttributionExtractor) -> None:
    """Controls: "Two officials" was already unnamed; "Briton Tom Vance" is a person named with his nationality."""
    text = (
        "Two officials said the runway would reopen on Sunday.\n\n"
        "Briton Tom Vance said he had slept in the terminal for two nights."
    )
    claims = extract(extractor, text)
    assert not one(claims, "the runway would reopen").speaker.named
    assert one(claims, "slept in the terminal").speaker.name == "Tom Vance"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Teachers in Kent say the new timetable has been rushed.", "the new timetable"),
        ("Head teachers in Kent say budgets for supply staff have run out.", "budgets for supply staff"),
    ],
)  # fmt: skip
def test_people_in_a_place_the_recogniser_took_for_a_person(
    extractor: AttributionExtractor, text: str, words: str
) -> None:
    """With "say" the recogniser labels "Kent" a person; the teachers in it spoke, as "analysts at X" do."""
    speaker = one(extract(extractor, text), words).speaker
    assert "Kent" not in speaker.name or "teachers" in speaker.name.lower()
    assert not speaker.named


@pytest.mark.parametrize(
    ("text", "words", "name", "role"),
    [
        ("Chief Constable Helen Ward said the force would recruit 200 officers.", "recruit 200 officers",
         "Helen Ward", "chief constable"),
        ("Chief Rabbi Jonathan Levy said the community was shaken.", "the community was shaken", "Jonathan Levy",
         "chief rabbi"),
    ],
)  # fmt: skip
def test_rank_after_chief_is_in_the_role(
    extractor: AttributionExtractor, text: str, words: str, name: str, role: str
) -> None:
    """ "Chief" alone says nothing: the rank it qualifies is the office ("chief constable"), though on its own a rank
    is never a role."""
    speaker = one(extract(extractor, text), words).speaker
    assert (speaker.name, speaker.role) == (name, role)


def test_lone_ranks_are_still_no_role(extractor: AttributionExtractor) -> None:
    """Control: ranks with no office ("Sergeant", "Col.") stay out of the role, as before."""
    claims = extract(extractor, "Sergeant Amy Cole said the road was closed.\n\nCol. Wayne Marotto said it was calm.")
    assert [(c.speaker.name, c.speaker.role) for c in claims] == [("Amy Cole", None), ("Wayne Marotto", None)]


@pytest.mark.parametrize(
    "text",
    [
        "Dairy farmers warn of 'collapse' as milk price cut by a fifth",
        "Dairy farmers warn of 'collapse' as milk price is cut",
    ],
)
def test_headline_quoted_word_leaves_no_claim_after_it(extractor: AttributionExtractor, text: str) -> None:
    """The parser hangs the closing mark of "'collapse'" on the verb; the clause "warn of 'collapse' as ..." is all
    attribution and circumstance, so nothing after the mark is what the farmers said."""
    assert not [c for c in extract(extractor, text) if c.text.lstrip().startswith(("'", "as "))]
