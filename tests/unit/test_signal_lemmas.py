"""Lemmas of irregular verb forms (WordNet's ``verb.exc``) and the gain / lose opposition (issue 21)."""

from __future__ import annotations

import pytest

from embeddings.signals import compute_signals, tokenize
from embeddings.signals.context import PairContext
from embeddings.signals.tokens import lemma
from embeddings.signals.wordnet import irregular_verb_base


@pytest.mark.parametrize(
    ("form", "base"),
    [
        ("paid", "pay"),
        ("sought", "seek"),
        ("testified", "testify"),  # no suffix rule undoes "-ied"
        ("carried", "carry"),
        ("fought", "fight"),
        ("lent", "lend"),
    ],
)
def test_an_irregular_verb_form_has_its_base_verbs_lemma(form: str, base: str) -> None:
    assert irregular_verb_base(form) == base
    assert lemma(form) == lemma(base)
    # the regular forms meet there too
    assert lemma(form) == lemma(base + "s") or lemma(form) == lemma(base[:-1] + "ies")


@pytest.mark.parametrize(
    ("form", "verb"),
    [("ground", "grind"), ("found", "find"), ("saw", "see"), ("wound", "wind"), ("spoke", "speak")],
)
def test_a_form_that_is_a_word_of_its_own_keeps_its_own_lemma(form: str, verb: str) -> None:
    """ "gained ground", "a knife wound": WordNet attests the form as a noun or verb of its own."""
    assert irregular_verb_base(form) is None
    assert lemma(form) != lemma(verb)


def test_a_negating_prefix_before_an_irregular_form_keeps_the_prefix_pair() -> None:
    """ "unidentified" / "identified" still differ by "un" only, so the prefix antonym is still read."""
    assert lemma("unidentified") == "un" + lemma("identified")
    assert lemma("unpaid") == "un" + lemma("pay")


@pytest.mark.parametrize(
    ("premise", "hypothesis"),
    [
        ("The senator testified before the committee.", "The senator did not testify before the committee."),
        ("The bank lent money to the developer.", "The bank did not lend money to the developer."),
        ("The army fought the rebels near the border.", "The army did not fight the rebels near the border."),
    ],
)
def test_a_negated_irregular_verb_is_the_one_difference(premise: str, hypothesis: str) -> None:
    for first, second in ((premise, hypothesis), (hypothesis, premise)):
        fired = compute_signals(first, second).fired
        assert "negation_swap" in fired
        assert "negation" in fired


@pytest.mark.parametrize(
    ("premise", "hypothesis"),
    [
        ("The council spent the grant on roads.", "The council did not spend the grant on schools."),
        ("The union sought a pay rise for nurses.", "The union did not seek a pay rise for doctors."),
        ("The company paid the fine.", "The company did not pay the back taxes."),
    ],
)
def test_an_irregular_verb_denied_of_another_thing_contradicts_nothing(premise: str, hypothesis: str) -> None:
    """With "spent" / "spend" one verb, the negation is read as the verb denied of another thing
    (``negated_substitution``) rather than as a negation of the premise."""
    for first, second in ((premise, hypothesis), (hypothesis, premise)):
        assert PairContext.of(first, second).negated_substitution
        fired = compute_signals(first, second).fired
        assert "negation" not in fired
        assert "negation_swap" not in fired


@pytest.mark.parametrize(
    ("premise", "hypothesis"),
    [
        ("The party gained seats in the election.", "The party lost seats in the election."),
        ("The patient gained weight after the treatment.", "The patient lost weight after the treatment."),
        ("The Conservatives gained ground in the polls.", "The Conservatives lost ground in the polls."),
    ],
)
def test_gained_and_lost_are_opposite_predicates(premise: str, hypothesis: str) -> None:
    for first, second in ((premise, hypothesis), (hypothesis, premise)):
        assert "antonym_swap" in compute_signals(first, second).fired


def test_lost_restated_as_not_gained_is_no_contradiction() -> None:
    premise, hypothesis = "The party lost seats in the election.", "The party did not gain seats in the election."
    fired = compute_signals(premise, hypothesis).fired
    assert "negated_opposite" in fired
    assert "negation" not in fired
    assert "antonym_swap" not in fired


def test_gained_and_lost_by_two_named_parties_contradict_nothing() -> None:
    premise, hypothesis = "The Democrats gained seats in the House.", "The Republicans lost seats in the House."
    fired = compute_signals(premise, hypothesis).fired
    assert "antonym_swap" not in fired
    assert "other_subject" in fired


def test_tokens_carry_the_base_verbs_lemma() -> None:
    lemmas = [token.lemma for token in tokenize("The city paid the contractor and testified.")]
    assert lemma("pay") in lemmas
    assert lemma("testify") in lemmas
