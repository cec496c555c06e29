"""WordNet's nouns of two or three words ("insurance company", "high school", "head of state") are read as one
head: "insurer" / "insurance company" is one kind of thing, so two dates of it conflict, while "insurance company"
/ "law firm" are two, though "company" and "firm" are one (issue 21)."""

from __future__ import annotations

import pytest

from embeddings.nli.lexicon.senses import MAX_COMPOUND_WORDS, compound_vocabulary
from embeddings.signals import compute_signals
from embeddings.signals.lexicon import table
from embeddings.signals.wordnet import Relation, is_noun, linked_either_way, relation


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("insurer", "insurance company"),
        ("underwriter", "insurance companies"),
        ("high school", "secondary school"),
        ("policeman", "police officer"),
        ("fire engine", "fire truck"),
    ],
)
def test_wordnet_links_a_noun_of_several_words(first: str, second: str) -> None:
    assert is_noun(second)
    assert linked_either_way(first, second)


def test_two_nouns_of_several_words_can_be_two_kinds_of_thing() -> None:
    assert relation("insurance company", "law firm") is not Relation.ENTAILING
    assert relation("law firm", "insurance company") is not Relation.ENTAILING


@pytest.mark.parametrize(
    ("premise", "hypothesis"),
    [
        ("The underwriter folded in 1999.", "The insurance company folded in 2002."),
        ("The high school was rebuilt in 1971.", "The secondary school was rebuilt in 1975."),
        ("The cellular phone was launched in 1984.", "The mobile phone was launched in 1990."),
    ],
)
def test_one_thing_named_by_a_noun_of_several_words_has_conflicting_dates(premise: str, hypothesis: str) -> None:
    for first, second in ((premise, hypothesis), (hypothesis, premise)):
        fired = compute_signals(first, second).fired
        assert "date_mismatch" in fired and "other_subject" not in fired


@pytest.mark.parametrize(
    ("premise", "hypothesis"),
    [
        ("The insurance company folded in 1999.", "The law firm folded in 2002."),
        ("The high school was rebuilt in 1971.", "The primary school was rebuilt in 1975."),
        ("The travel agency closed in 2009.", "The insurance agency closed in 2011."),
    ],
)
def test_two_kinds_of_thing_named_by_nouns_of_several_words_are_two_facts(premise: str, hypothesis: str) -> None:
    for first, second in ((premise, hypothesis), (hypothesis, premise)):
        fired = compute_signals(first, second).fired
        assert "other_subject" in fired and "date_mismatch" not in fired


def test_the_compounds_table_writes_nouns_of_two_or_three_words_with_spaces() -> None:
    words = {entry["word"] for entry in table("wordnet_compounds", ("word", "pos", "senses", "linked", "antonyms"))}
    assert {"insurance company", "high school", "head of state"} <= words
    assert all(2 <= len(word.split()) <= MAX_COMPOUND_WORDS and "_" not in word for word in words)


class _Lemma:
    def __init__(self, name: str) -> None:
        self._name = name

    def name(self) -> str:
        return self._name


class _Synset:
    def __init__(self, *names: str) -> None:
        self._lemmas = [_Lemma(name) for name in names]

    def lemmas(self) -> list[_Lemma]:
        return self._lemmas


class _WordNet:
    def all_synsets(self, pos: str) -> list[_Synset]:
        return [
            _Synset("insurer", "insurance_company", "New_York_Life"),
            _Synset("head_of_state", "chief_of_state_x_y"),
        ]


def test_the_export_keeps_lower_case_nouns_of_two_or_three_words() -> None:
    assert compound_vocabulary(_WordNet()) == {"insurance_company", "head_of_state"}
