"""British and Commonwealth clergy styles before a name: an archdeacon's "the Ven" ("Venerable"), the "Revd" the
Church of England writes, and the grades "Very", "Most", "Right" before it ("the Very Revd", "the Most Revd") are no
part of the name, so "the Ven Margaret Tull" and "Margaret Tull" are one speaker. "Very" and "Most" are ordinary
words elsewhere, and "Ven" ends Dutch surnames ("van de Ven"): nothing outside a style loses a word."""

from __future__ import annotations

import pytest

from extraction import AttributionExtractor, speaker_key
from extraction.names import leading_office, normalize_speaker_name, title_words
from tests.unit.extraction_helpers import extract, one


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("the Ven Margaret Tull", "Margaret Tull"),
        ("the Venerable Margaret Tull", "Margaret Tull"),
        ("Ven. Margaret Tull", "Margaret Tull"),
        ("the Revd Peter Vale", "Peter Vale"),
        ("Revd. Peter Vale", "Peter Vale"),
        ("the Very Rev Dr Alan Quayle", "Alan Quayle"),
        ("the Very Revd Alan Quayle", "Alan Quayle"),
        ("the Most Revd Samuel Adeyemi", "Samuel Adeyemi"),
        ("the Rt Revd Dr Imogen Harcourt", "Imogen Harcourt"),
        ("the Right Revd Imogen Harcourt", "Imogen Harcourt"),
    ],
)
def test_a_clergy_style_is_no_part_of_the_name_nor_its_key(written: str, name: str) -> None:
    assert normalize_speaker_name(written) == name
    assert speaker_key(written) == speaker_key(name)


def test_a_clergy_style_is_no_office() -> None:
    assert leading_office("the Ven Margaret Tull") is None
    assert leading_office("the Very Revd Alan Quayle") is None


def test_a_style_read_as_titles() -> None:
    assert title_words(["Ven"]) == ("ven",)
    assert title_words(["Very", "Revd"]) == ("very", "revd")


@pytest.mark.parametrize(
    "name",
    [
        "Jan Most",  # a surname
        "Most Haunted",  # a title of a work
        "Very Good Trips",  # a body's name
        "Very Margaret Tull",  # a grade with no "Rev" after it is no style
        "Most Margaret Tull",
        "Terry Venables",  # "Venables" is no "Venerable"
        "Venables",
        "Ruud van de Ven",  # a Dutch surname
        "Ruud Van De Ven",
        "Ven",  # a name is never emptied
    ],
)
def test_a_word_outside_a_style_stays_in_the_name(name: str) -> None:
    bare = name.removeprefix("the ")
    assert normalize_speaker_name(name) == bare
    assert speaker_key(name) == " ".join(bare.lower().split())


@pytest.mark.slow
def test_an_archdeacon_styled_venerable_is_the_speaker_named_plainly(extractor: AttributionExtractor) -> None:
    """The same person styled and named plainly is one speaker, and "very" in what she says is no style."""
    text = (
        "The archdeacon of Wells, the Ven Margaret Tull, said the roof was very badly damaged.\n\n"
        "Margaret Tull said the repairs were very costly."
    )
    claims = extract(extractor, text)
    styled, plain = one(claims, "very badly damaged").speaker, one(claims, "very costly").speaker
    assert styled.name == plain.name == "Margaret Tull"
    assert speaker_key(styled.name) == speaker_key(plain.name)
