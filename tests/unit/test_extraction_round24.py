"""Attribution extraction, round 24 of fault-finding: a lone capitalised word that speaks ("Halvex said") is a
body's name unless the article makes it a person's (a full name ending in it, a known given name, "he" or "she"
in its words); a body's short name after its full name ("Dravex" after "Saudi Dravex") keeps the body's kind; and a
rank opening a body's name ("General Directorate of Civil Defence") stays part of it."""

from __future__ import annotations

import pytest

from extraction import AttributionExtractor
from extraction.names import normalize_speaker_name
from tests.unit.extraction_helpers import extract, one

pytestmark = pytest.mark.slow


# --- a lone name that speaks -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words", "name"),
    [
        ("LONDON (Reuters) - Halvex said on Wednesday that profits fell by a third.", "profits fell", "Halvex"),
        ("Dravex said it had agreed to buy a rival for 2 billion dollars.", "agreed to buy", "Dravex"),
        ("Saudi Dravex said on Sunday it would build a hotel in Riyadh.", "build a hotel", "Saudi Dravex"),
    ],
)
def test_a_lone_name_no_person_is_given_is_a_body(
    extractor: AttributionExtractor, text: str, words: str, name: str
) -> None:
    speaker = one(extract(extractor, text), words).speaker
    assert (speaker.name, speaker.kind, speaker.named) == (name, "organisation", True)


@pytest.mark.parametrize(
    ("opening", "short", "body"),
    [
        ("Saudi Dravex said on Sunday it would build a hotel in Riyadh.", "Dravex", "Saudi Dravex"),
        # the recogniser tags the full name an organisation; the lone short name it leaves untagged
        ("Saudi Talmor said on Sunday it would build a hotel in Riyadh.", "Talmor", "Saudi Talmor"),
        ("Kuwaiti Dravex said on Sunday it would build a hotel.", "Dravex", "Kuwaiti Dravex"),
    ],
)
def test_a_bodys_short_name_after_its_full_name_is_the_body(
    extractor: AttributionExtractor, opening: str, short: str, body: str
) -> None:
    text = opening + f"\n\n{short} said the project would cost 1 billion riyals."
    speaker = one(extract(extractor, text), "project would cost").speaker
    assert (speaker.name, speaker.kind) == (body, "organisation")


@pytest.mark.parametrize(
    "text",
    [
        # the full name first, tagged or not by the recogniser
        "Priya Halvorsen-Mbeki, a nurse in Leeds, said the ward was short of staff. Halvorsen-Mbeki said nurses "
        "were leaving.",
        "Tobias Vantreck chairs the residents' association. Vantreck said the flats were damp.",
        # the full name only below the bare one
        "Vantreck said the flats were damp.\n\nTobias Vantreck, who chairs the residents' association, has lived "
        "there since 1998.",
    ],
)
def test_a_surname_the_article_gives_a_full_name_is_that_person(extractor: AttributionExtractor, text: str) -> None:
    words = "nurses were leaving" if "nurses were" in text else "flats were damp"
    speaker = one(extract(extractor, text), words).speaker
    assert speaker.kind == "person"


@pytest.mark.parametrize(
    "text",
    [
        "Halvex said he would not stand again at the next election.",
        "Dravex said she had been told nothing about the closure.",
    ],
)
def test_a_lone_name_said_of_as_he_or_she_is_a_person(extractor: AttributionExtractor, text: str) -> None:
    speaker = extract(extractor, text)[0].speaker
    assert speaker.kind == "person"


# --- a rank opening a body's name ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("The General Directorate of Civil Defence", "General Directorate of Civil Defence"),
        ("the General Organization for Social Insurance", "General Organization for Social Insurance"),
        ("General Maritime Authority", "General Maritime Authority"),
        ("General Mark Carleton", "Mark Carleton"),
        ("Major Ruth Penhaligon", "Ruth Penhaligon"),
        ("Attorney General Dana Whitlock", "Dana Whitlock"),
    ],
)
def test_a_rank_opening_a_bodys_name_is_kept(written: str, name: str) -> None:
    assert normalize_speaker_name(written) == name


def test_a_body_named_with_a_rank_speaks_under_its_whole_name(extractor: AttributionExtractor) -> None:
    text = "The General Directorate of Civil Defence said two people were hurt in the fire."
    speaker = one(extract(extractor, text), "two people were hurt").speaker
    assert (speaker.name, speaker.kind) == ("General Directorate of Civil Defence", "organisation")


# --- "the X and Y ministry" --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Peru's mines and energy ministry said the permit had been suspended.", "Peru's mines and energy ministry"),
        ("Chile's mines and energy ministry said the permit had been suspended.", "Chile's mines and energy ministry"),
    ],
)
def test_a_body_noun_shared_by_two_remits_is_one_body(extractor: AttributionExtractor, text: str, name: str) -> None:
    speaker = one(extract(extractor, text), "permit had been suspended").speaker
    assert (speaker.name, speaker.kind) == (name, "organisation")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Farmers and the ministry said the permit had been suspended.", "Farmers"),
        ("Miners and energy workers said the permit had been suspended.", "Miners and energy workers"),
    ],
)
def test_speakers_joined_by_and_are_no_body_of_two_remits(
    extractor: AttributionExtractor, text: str, name: str
) -> None:
    speaker = one(extract(extractor, text), "permit had been suspended").speaker
    assert (speaker.name, speaker.kind) == (name, "person")
