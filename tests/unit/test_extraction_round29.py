"""Attribution extraction, round 29: a reported clause with no "that" whose subject the parser took for the cue's
object ("said the effect held after ..."); a demonstrative "that" as the reported clause's subject ("said that was
unlikely"); a US state's abbreviation after a city (", Mo.") is where the speaker is from, not the speaker; a run
of spaces or tabs inside a name; and Markdown left in an article (a blockquote's "> ", a link, bold)."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from extraction import AttributionExtractor
from extraction.regions import is_region
from extraction.text import sanitize
from tests.unit.extraction_helpers import extract, one

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        ("She said the effect held after the team adjusted for age.", "the effect held after the team", "She"),
        ("Dr. Omar Haddad said the trend held once the researchers removed outliers.", "the trend held once", "Omar"),
    ],
)
def test_a_reported_clause_read_as_the_cues_object(
    extractor: AttributionExtractor, text: str, words: str, speaker: str
) -> None:
    claim = one(extract(extractor, text), words)
    assert claim.text.endswith(text.rstrip(".").split(" ")[-1])
    assert speaker in claim.speaker.mention


@pytest.mark.parametrize(
    "text",
    [
        "The priest said a prayer written by the dead man's mother.",
        "He said the words spoken at every wedding in the village.",
    ],
)
def test_an_object_of_saying_with_a_participle_is_no_claim(extractor: AttributionExtractor, text: str) -> None:
    """Control: a thing said, qualified by a participle that cannot be a past tense, is no reported clause."""
    assert extract(extractor, text) == []


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Analysts said that was unlikely.", "that was unlikely"),
        ("The governor said that remained an option for next year.", "that remained an option"),
    ],
)
def test_a_demonstrative_that_is_the_clauses_subject(extractor: AttributionExtractor, text: str, words: str) -> None:
    claim = one(extract(extractor, text), words)
    assert claim.text == words or claim.text.startswith(words)


def test_a_complementiser_that_is_still_dropped(extractor: AttributionExtractor) -> None:
    """Control: "said that the economy was growing" reports "the economy was growing"."""
    claim = one(extract(extractor, "Fox said that the economy was growing faster than forecast."), "economy")
    assert claim.text == "the economy was growing faster than forecast"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Mr. J.R. Smith Jr. of St. Louis, Mo. said the deal would close by March.", "Smith"),
        ("Linda Moss of Tulsa, Okla. said water prices had doubled.", "Linda Moss"),
        ("Anna Berg of Atlanta, Ga. said the price was fair.", "Anna Berg"),
    ],
)
def test_a_state_abbreviation_after_a_city_is_no_speaker(
    extractor: AttributionExtractor, text: str, speaker: str
) -> None:
    claims = extract(extractor, text)
    assert len(claims) == 1
    assert speaker in claims[0].speaker.name
    assert claims[0].speaker.kind == "person"


def test_a_state_after_a_comma_with_no_city_is_left_alone(extractor: AttributionExtractor) -> None:
    """Control: a subject after a comma that is no place abbreviation is still the speaker."""
    claims = extract(extractor, "After the vote in St. Louis, Governor Mike Parson said the plan would pass.")
    assert len(claims) == 1
    assert "Parson" in claims[0].speaker.name


@pytest.mark.parametrize(
    "text",
    [
        "councillor   Ann   Wu said the closures would save money.",
        "Councillor\tAnn\tWu said the closures would save money.",
        "Councillor Ann  Wu said the closures would save money.",
    ],
)
def test_spaces_inside_a_name(extractor: AttributionExtractor, text: str) -> None:
    claims = extract(extractor, text)
    assert len(claims) == 1
    assert claims[0].speaker.name == "Ann Wu"


def test_two_names_not_joined_across_a_comma(extractor: AttributionExtractor) -> None:
    """Control: names with a comma between them stay two people."""
    claims = extract(extractor, "Ann Wu,   Ben Hale and others said the closures would save money.")
    assert all(c.speaker.name != "Ann Wu Ben Hale" for c in claims)


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        ("> Nurses said the wards were still short of staff.", "the wards were", "Nurses"),
        ("[Amy Kerr](https://example.org/amy-kerr) said the new rota had helped.", "the new rota", "Amy Kerr"),
        ("**Dr. Paul Grant** said the figures would improve further.", "the figures", "Paul Grant"),
    ],
)
def test_markdown_is_read_as_it_renders(extractor: AttributionExtractor, text: str, words: str, speaker: str) -> None:
    claim = one(extract(extractor, text), words)
    assert claim.speaker.name == speaker


@pytest.mark.parametrize(
    "text",
    [
        "> quoted line\n[a link](https://x.org/y) and **bold** and __strong__ text",
        "x > y and [not a link] (here) and 2 * 3 * 4",
    ],
)
def test_markdown_reading_keeps_length(text: str) -> None:
    clean = sanitize(text)
    assert len(clean) == len(text)
    assert clean.count("\n") == text.count("\n")


def test_markdown_lookalikes_are_kept() -> None:
    """Control: a ">" inside a line, brackets with no link target and spaced asterisks are text, not markup."""
    text = "x > y and [not a link] (here) and 2 * 3 * 4"
    assert sanitize(text) == text


def test_participles_file_is_what_the_build_writes() -> None:
    """``data/participles.json`` is lemminflect's participles that are never a past tense, as the build makes it."""
    pytest.importorskip("lemminflect")
    from extraction.participles_build import participles

    data = json.loads(resources.files("extraction").joinpath("data/participles.json").read_text("utf-8"))
    assert data["origin"]
    assert data["participles"] == participles()
    assert {"written", "spoken", "given"} <= set(data["participles"])
    assert not {"held", "read", "adjusted", "found"} & set(data["participles"])


def test_state_abbreviations_are_regions() -> None:
    assert is_region("Mo.") and is_region("Calif.") and is_region("N.Y.")
    assert not is_region("Mo") and not is_region("Mr.")
