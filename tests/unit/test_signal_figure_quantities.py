"""Figures of one quantity and of different ones (issue 21): a bound or approximation written before a currency
sign, a span "from X to Y", and one quantity's figures at two times."""

from __future__ import annotations

import pytest

from embeddings.signals import compute_signals
from embeddings.signals.statement import parse_quantities


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("The fare will go up to $2.50.", 0.0, 2.5),
        ("The bill costs about $5 million.", 4.5e6, 5.5e6),
        ("The fund holds nearly £3 billion.", 2.7e9, 3e9),
        ("It will cost at least €40 million.", 4e7, float("inf")),
    ],
)
def test_a_qualifier_before_a_currency_sign_bounds_the_sum(text: str, low: float, high: float) -> None:
    (quantity,) = parse_quantities(text)
    assert quantity.unit == "money"
    assert (quantity.low, quantity.high) == pytest.approx((low, high))


def test_a_sum_without_a_qualifier_stays_exact() -> None:
    (quantity,) = parse_quantities("The fare is $2.50.")
    assert (quantity.low, quantity.high) == (2.5, 2.5)


@pytest.mark.parametrize(
    ("premise", "hypothesis"),
    [
        ("The bus fare will go up to $2.50.", "The bus fare will rise from $2.00 to $2.50."),
        ("The project will cost up to $12 million.", "The project will cost between $10 million and $12 million."),
    ],
)
def test_a_figure_within_a_bound_on_money_is_no_mismatch(premise: str, hypothesis: str) -> None:
    assert "number_mismatch" not in compute_signals(premise, hypothesis).fired


@pytest.mark.parametrize(
    ("premise", "hypothesis"),
    [
        ("The bus fare will go up to $2.50.", "The bus fare will rise to $3.00."),
        ("The loan is worth about $5 million.", "The loan is worth $9 million."),
    ],
)
def test_a_figure_beyond_a_bound_on_money_still_mismatches(premise: str, hypothesis: str) -> None:
    assert "number_mismatch" in compute_signals(premise, hypothesis).fired


@pytest.mark.parametrize(
    ("premise", "hypothesis"),
    [
        ("The hospital hired 60 nurses in 2022.", "The hospital's budget for 2023 is $80 million."),
        ("The charity raised $2 million in 2021.", "The charity hired 40 new staff in 2022."),
    ],
)
def test_figures_of_other_quantities_told_of_two_years_are_two_facts(premise: str, hypothesis: str) -> None:
    for first, second in ((premise, hypothesis), (hypothesis, premise)):
        fired = compute_signals(first, second).fired
        assert "other_subject" in fired
        assert not {"number_mismatch", "date_mismatch"} & set(fired)


@pytest.mark.parametrize(
    ("premise", "hypothesis"),
    [
        ("The unemployment rate was 6 percent in 2020.", "The unemployment rate was 9 percent in 2020."),
        ("The plant closed in 2019.", "The plant closed in 2021."),
        ("The plant closed in 2019 after 40 years.", "The plant closed in 2021 after 40 years."),
        (
            "The second season of the show aired from July 2007 to February 2008.",
            "The second season of the show began in July 2009.",
        ),
        ("The charity raised $2 million in 2021.", "The charity raised $2 million in 2022."),
    ],
)
def test_one_figure_or_one_date_differing_still_conflicts(premise: str, hypothesis: str) -> None:
    fired = compute_signals(premise, hypothesis).fired
    assert {"number_mismatch", "date_mismatch"} & set(fired)
    assert "other_subject" not in fired


def test_a_range_from_one_figure_to_another_is_one_interval() -> None:
    (quantity,) = parse_quantities("Ticket prices range from $20 to $80.")
    assert (quantity.low, quantity.high, quantity.unit) == (20.0, 80.0, "money")


def test_a_change_from_one_figure_to_another_keeps_the_earlier_level_apart() -> None:
    earlier, later = parse_quantities("The rent will increase from $1,500 to $1,700 a month.")
    assert (earlier.low, earlier.kind) == (1500.0, "origin")
    assert (later.low, later.kind) == (1700.0, "count")


@pytest.mark.parametrize(
    ("premise", "hypothesis"),
    [
        ("Ticket prices range from $20 to $80.", "Some tickets cost $50."),
        ("Sentences for the offence range from 2 to 10 years.", "The offence carries a maximum sentence of 10 years."),
        ("Temperatures will rise from 20 to 28 degrees.", "Temperatures will reach 28 degrees."),
        ("The rent will increase from $1,500 to $1,700 a month.", "The rent will be $1,700 a month."),
    ],
)
def test_a_figure_inside_a_range_or_at_the_level_reached_is_no_mismatch(premise: str, hypothesis: str) -> None:
    for first, second in ((premise, hypothesis), (hypothesis, premise)):
        assert "number_mismatch" not in compute_signals(first, second).fired


@pytest.mark.parametrize(
    ("premise", "hypothesis"),
    [
        ("Ticket prices range from $20 to $80.", "Tickets cost $120."),
        ("Temperatures will rise from 20 to 28 degrees.", "Temperatures will rise to 35 degrees."),
        (
            "The rent will increase from $1,500 to $1,700 a month.",
            "The rent will increase from $1,500 to $2,000 a month.",
        ),
        (
            "The rent will increase from $1,500 to $1,700 a month.",
            "The rent will increase from $1,200 to $1,700 a month.",
        ),
    ],
)
def test_a_figure_outside_a_range_or_another_level_still_mismatches(premise: str, hypothesis: str) -> None:
    assert "number_mismatch" in compute_signals(premise, hypothesis).fired


def test_a_bound_on_the_premise_s_very_figure_is_compared_with_that_figure() -> None:
    """ "at least $41.7 million" names the figure the premise gives; a sum whose context happens to share more
    words ("$12.5 million ... in 3,900 cinemas") is another one."""
    premise = (
        "The film opened in 3,900 cinemas, earning $12.5 million on day one, and went on to take $41.7 million by the"
        " end of its first weekend."
    )
    assert "number_mismatch" not in compute_signals(premise, "The film earned at least $41.7 million in cinemas.").fired
    assert "number_mismatch" in compute_signals(premise, "The film earned at least $90 million in cinemas.").fired


def test_from_one_figure_to_another_without_a_change_or_a_range_word_stays_two_figures() -> None:
    premise = "The war was fought in the region from 1861 to 1865, after years of unrest."
    assert [q.kind for q in parse_quantities(premise)] == ["count", "count"]
    assert "number_mismatch" not in compute_signals(premise, "The war in the region began in 1861.").fired


def test_a_bare_number_is_no_figure_of_another_quantity() -> None:
    """ "born on July 4th, 1776" against "played 13 seasons": 1776 counts nothing, so the dates still conflict."""
    premise = "Smith (born June 26, 1980) is a former quarterback who played 13 seasons in the league."
    fired = compute_signals(premise, "Smith was born on July 4th, 1776.").fired
    assert "other_subject" not in fired
