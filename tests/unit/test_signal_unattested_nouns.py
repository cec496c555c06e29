"""Nouns WordNet's tagged corpus never attests are known to the signals too (issue 21).

"mosque", "motorcycle" and "tram" are common nouns SemCor never tagged; exported only from the attested words,
WordNet tables left them unknown, and "The church was built in 1900" / "The mosque was built in 1910" was read as
one building's two dates. ``wordnet_unattested_words.tsv`` holds them apart from the attested words: their senses
are in the lexicographers' order (only the first counts as frequent), and lemmatising still reads the attested
words only ("drove" is an unattested noun, and still a form of "drive")."""

from __future__ import annotations

import pytest

from embeddings.signals import compute_signals
from embeddings.signals.context import PairContext
from embeddings.signals.lexicon import table
from embeddings.signals.tokens import lemma
from embeddings.signals.wordnet import Relation, irregular_verb_base, relation

WORD_COLUMNS = ("word", "pos", "senses", "linked", "antonyms")


@pytest.mark.parametrize(
    ("premise", "hypothesis"),
    [
        ("The church was built in 1900.", "The mosque was built in 1910."),
        ("The motorcycle was stolen on Monday.", "The car was stolen on Tuesday."),
        ("The tram would open in May.", "The bus would open in June."),
    ],
)
def test_an_unattested_noun_and_another_kind_of_thing_are_two_facts(premise: str, hypothesis: str) -> None:
    for first, second in ((premise, hypothesis), (hypothesis, premise)):
        assert PairContext.of(first, second).other_subject
        fired = compute_signals(first, second).fired
        assert "other_subject" in fired and "date_mismatch" not in fired


@pytest.mark.parametrize(
    ("premise", "hypothesis"),
    [
        ("The tram was built in 1995.", "The streetcar was built in 1999."),  # one synset
        ("The motorcycle was stolen on Monday.", "The vehicle was stolen on Tuesday."),  # a hypernym
        ("The mosque was built in 1900.", "The mosque was built in 1910."),  # one word
    ],
)
def test_an_unattested_noun_and_its_synonym_or_hypernym_are_one_subject(premise: str, hypothesis: str) -> None:
    for first, second in ((premise, hypothesis), (hypothesis, premise)):
        assert not PairContext.of(first, second).other_subject
        assert "date_mismatch" in compute_signals(first, second).fired


def test_unattested_nouns_are_known_and_related() -> None:
    assert relation("motorcycle", "vehicle") is Relation.ENTAILING
    assert relation("mosque", "church") is Relation.ALTERNATIVE  # both places of worship
    assert relation("motorcycle", "car") is Relation.ALTERNATIVE  # both motor vehicles


def test_only_the_first_sense_of_an_unattested_noun_counts_as_frequent() -> None:
    """ "alum" is first a chemical; an alumnus only in a later sense, which would make it an alternative to
    "doctor" (one person may be both)."""
    assert relation("alum", "doctor") is Relation.INDEPENDENT


@pytest.mark.parametrize(("form", "base"), [("drove", "drive"), ("dug", "dig"), ("felt", "feel")])
def test_an_unattested_noun_stays_an_irregular_verb_form(form: str, base: str) -> None:
    assert irregular_verb_base(form) == base
    assert lemma(form) == lemma(base)  # stems: "drove" and "drive" match


def test_the_unattested_words_are_apart_from_the_attested_ones() -> None:
    attested = {entry["word"] for entry in table("wordnet_words", WORD_COLUMNS)}
    unattested = {entry["word"] for entry in table("wordnet_unattested_words", WORD_COLUMNS)}
    assert {"mosque", "motorcycle", "tram"} <= unattested
    assert not attested & unattested
