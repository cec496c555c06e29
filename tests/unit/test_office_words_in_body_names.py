"""An office word that opens a body's name ("Premier League", "Premier Inn", "Speaker Electronics") is part of the
name, not a title: the name keeps it and keys with it, so "The Premier League said" and "the league said" are no
longer one source, and the extractor reports the organisation "Premier League", not a person "League" whose role is
"premier". Before a person's name the same word is still an office ("Premier Li Qiang", "Speaker Nancy Pelosi")."""

from __future__ import annotations

import pytest

from extraction import AttributionExtractor, leading_office, normalize_speaker_name, speaker_key, split_role_prefix
from tests.unit.extraction_helpers import extract, one


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Premier League", "premier league"),
        ("the Premier League", "premier league"),
        ("Premier League's", "premier league"),
        ("Premier Inn", "premier inn"),
        ("Premier Foods", "premier foods"),
        ("Speaker Electronics", "speaker electronics"),
        ("President Hotel", "president hotel"),
        ("General Motors", "general motors"),
    ],
)  # fmt: skip
def test_office_word_opening_a_bodys_name_stays_in_it(name: str, key: str) -> None:
    """The body's head noun ("League", "Inn", "Foods") says the words are a body's name: nothing is a title."""
    assert speaker_key(name) == key
    assert speaker_key(normalize_speaker_name(name)) == key
    assert split_role_prefix(name)[0] is None
    assert normalize_speaker_name(name).casefold() == key
    assert leading_office(name) is None


@pytest.mark.parametrize(
    ("name", "key", "office"),
    [
        ("Premier Li Qiang", "li qiang", "Premier"),
        ("Premier Wen Jiabao", "wen jiabao", "Premier"),
        ("Speaker Nancy Pelosi", "nancy pelosi", "Speaker"),
        ("President Macron", "macron", "President"),
        ("General Mark Milley", "mark milley", None),  # a rank: dropped, never a role
    ],
)  # fmt: skip
def test_office_word_before_a_persons_name_is_still_a_title(name: str, key: str, office: str | None) -> None:
    assert speaker_key(name) == key
    assert normalize_speaker_name(name).casefold() == key
    assert leading_office(name) == office


def test_the_body_and_its_short_description_are_two_keys() -> None:
    """Two keys: "The Premier League said" and "the league said" no longer share one (a description is resolved by the
    article's coreference, not by the source's key)."""
    assert speaker_key("The Premier League") != speaker_key("the league")


@pytest.mark.slow
def test_premier_league_is_an_organisation(extractor: AttributionExtractor) -> None:
    text = (
        "Premier League clubs have voted to introduce a cap on squad spending from next season.\n\n"
        "The Premier League said in a statement that the new rules would tie each club's spending to the income "
        "of the lowest-earning team in the division."
    )
    speaker = one(extract(extractor, text), "the new rules would tie").speaker
    assert speaker.name == "Premier League"
    assert speaker.kind == "organisation"
    assert speaker.role is None
    assert split_role_prefix(speaker.name) == (None, "Premier League")
