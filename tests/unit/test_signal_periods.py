"""Ordinals that name a period ("the third quarter", "Q3", "the second half", "the first round") say when, not how
many: two periods are two times, and figures told period by period are two facts, while one period's two figures
still conflict and a rank ("finished fourth") stays a figure (issue 21)."""

from __future__ import annotations

import pytest

from embeddings.signals import compute_signals
from embeddings.signals.dates import find_dates, period_numbers
from embeddings.signals.tokens import tokenize


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("Margins narrowed in the third quarter.", ("quarter", 3)),
        ("Margins narrowed in the 3rd quarter.", ("quarter", 3)),
        ("Margins narrowed in Q3.", ("quarter", 3)),
        ("The chain warned of a third-quarter decline.", ("quarter", 3)),
        ("Turnover grew in the second half.", ("half", 2)),
        ("Turnover grew in H2.", ("half", 2)),
        ("The holders were knocked out in the fourth round.", ("round", 4)),
        ("The visitors won the second leg.", ("leg", 2)),
    ],
)
def test_an_ordinal_before_a_period_noun_is_a_date(text: str, period: tuple[str, int]) -> None:
    mentions, _ = find_dates(tokenize(text))
    assert [mention.period for mention in mentions] == [period]


def test_a_period_and_its_year_are_one_date() -> None:
    mentions, _ = find_dates(tokenize("Turnover grew in the first half of 2022."))
    assert [(mention.period, mention.year) for mention in mentions] == [(("half", 1), 2022)]


@pytest.mark.parametrize(
    ("text", "positions"),
    [
        ("Margins narrowed 2% in the third quarter.", {6}),
        ("Margins narrowed 2% in Q3.", {6}),
        ("The skier finished fourth.", set()),
    ],
)
def test_the_number_of_a_period_is_known(text: str, positions: set[int]) -> None:
    assert period_numbers(tokenize(text)) == positions


@pytest.mark.parametrize(
    ("premise", "hypothesis"),
    [
        ("Margins narrowed 2% in the third quarter.", "Margins narrowed 6% in the first quarter."),
        ("Margins narrowed 2% in the third quarter.", "Margins narrowed 2% in the first quarter."),
        ("Turnover grew 4% in H1.", "Turnover grew 4% in H2."),
        ("The club conceded three goals in the first half.", "The club conceded three goals in the second half."),
        (
            "The incumbent took 38% of the vote in the first round.",
            "The incumbent took 51% of the vote in the second round.",
        ),
    ],
)
def test_figures_in_two_periods_are_two_facts(premise: str, hypothesis: str) -> None:
    for first, second in ((premise, hypothesis), (hypothesis, premise)):
        fired = compute_signals(first, second).fired
        assert "other_subject" in fired
        assert "number_mismatch" not in fired and "date_mismatch" not in fired


@pytest.mark.parametrize(
    ("premise", "hypothesis"),
    [
        ("Margins narrowed 2% in the third quarter.", "Margins narrowed 6% in Q3."),
        ("Turnover grew 4% in the first half of 2022.", "Turnover grew 9% in the first half of 2022."),
        ("The skier finished fourth.", "The skier finished ninth."),
        ("The skier finished fourth in the second round.", "The skier finished ninth in the second round."),
    ],
)
def test_one_periods_two_figures_and_two_ranks_conflict(premise: str, hypothesis: str) -> None:
    for first, second in ((premise, hypothesis), (hypothesis, premise)):
        fired = compute_signals(first, second).fired
        assert "number_mismatch" in fired and "other_subject" not in fired


def test_a_short_form_agrees_with_its_period() -> None:
    for first, second in (
        ("Margins narrowed 2% in the third quarter.", "Margins narrowed 2% in Q3."),
        ("Margins narrowed 2% in Q3.", "Margins narrowed 2% in the third quarter."),
    ):
        fired = compute_signals(first, second).fired
        assert not {"number_mismatch", "date_mismatch", "other_subject"} & set(fired)


def test_one_event_in_two_rounds_still_conflicts() -> None:
    """Without a figure of its own, the period's ordinal is the figure: one event told in two rounds conflicts, and
    so does "the second round of talks" with "the first of a series of talks" (test_signals)."""
    fired = compute_signals(
        "The holders were knocked out in the first round.", "The holders were knocked out in the fourth round."
    ).fired
    assert "number_mismatch" in fired and "other_subject" not in fired


def test_two_periods_are_no_date_conflict_of_their_own() -> None:
    """A period is compared as its ordinal: "a third-quarter loss" / "a first-quarter loss" adds no date conflict."""
    fired = compute_signals(
        "The chain reported a third-quarter loss.", "The chain reported a first-quarter loss."
    ).fired
    assert "date_mismatch" not in fired
