"""Upper limits told with a verb of reaching ("can reach $5,000", "tops out at $90,000": at most the figure, not
exactly it) and opposite nouns told of two times ("posted a loss in 2020" / "posted a profit in 2021": two facts)
(issue 21)."""

from __future__ import annotations

import pytest

from embeddings.signals import compute_signals
from embeddings.signals.statement import parse_quantities


@pytest.mark.parametrize(
    "text",
    [
        "The levy can reach $800.",
        "Claims could reach $800.",
        "The charge may reach $800.",
        "Payouts might reach $800.",
        "Fees can be as high as $800.",
        "Wages top out at $800.",
        "The stipend tops out at $800.",
        "The award topped out at $800.",
    ],
)
def test_a_verb_of_reaching_an_upper_limit_bounds_the_figure(text: str) -> None:
    (quantity,) = parse_quantities(text)
    assert (quantity.low, quantity.high) == (0.0, 800.0)


def test_reaching_a_figure_without_a_modal_stays_exact() -> None:
    (quantity,) = parse_quantities("The levy will reach $800.")
    assert (quantity.low, quantity.high) == (800.0, 800.0)


@pytest.mark.parametrize(
    ("premise", "hypothesis", "mismatch"),
    [
        ("The levy can reach $800.", "The shop paid a levy of $300.", False),
        ("Flood waters could reach 6 metres.", "Flood waters rose to 4 metres.", False),
        ("The levy can reach $800.", "The levy was $1,300.", True),
        ("Wages top out at $800.", "Wages were $2,000.", True),
    ],
)
def test_a_figure_within_an_upper_limit_is_no_mismatch(premise: str, hypothesis: str, mismatch: bool) -> None:
    for first, second in ((premise, hypothesis), (hypothesis, premise)):
        assert ("number_mismatch" in compute_signals(first, second).fired) is mismatch


@pytest.mark.parametrize(
    ("premise", "hypothesis"),
    [
        ("The brewer booked a loss in 2006.", "The brewer booked a profit in 2009."),
        ("The province had a surplus in 2011.", "The province had a deficit in 2013."),
        ("A bicycle was stolen on Monday.", "A tractor was stolen on Friday."),
    ],
)
def test_other_nouns_after_an_indefinite_article_at_two_times_are_two_facts(premise: str, hypothesis: str) -> None:
    for first, second in ((premise, hypothesis), (hypothesis, premise)):
        fired = compute_signals(first, second).fired
        assert "other_subject" in fired
        assert "date_mismatch" not in fired


@pytest.mark.parametrize(
    ("premise", "hypothesis"),
    [
        ("The brewer booked a loss in 2006.", "The brewer booked a loss in 2009."),
        ("A truck was stolen on Monday.", "A lorry was stolen on Friday."),
    ],
)
def test_one_noun_or_its_synonym_at_two_times_still_conflicts(premise: str, hypothesis: str) -> None:
    fired = compute_signals(premise, hypothesis).fired
    assert "date_mismatch" in fired
    assert "other_subject" not in fired


@pytest.mark.parametrize(
    ("premise", "hypothesis", "mismatch"),
    [
        ("Wages top out at $800.", "Wages top out at $2,000.", True),
        ("The levy can reach at most $800.", "The levy can reach $2,000.", True),
        ("The levy can be as high as $800.", "The levy could reach $800.", False),
        ("The levy can reach $800.", "The levy is at most $2,000.", False),
    ],
)
def test_a_reached_limit_beyond_another_bound_is_a_mismatch(premise: str, hypothesis: str, mismatch: bool) -> None:
    for first, second in ((premise, hypothesis), (hypothesis, premise)):
        fired = compute_signals(first, second).fired
        assert ("number_mismatch" in fired) is mismatch
        if mismatch:
            assert "number_match" not in fired
