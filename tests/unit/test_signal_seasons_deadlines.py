"""Times that span months or leave a time open (h125, issue 21): a season or a movable feast is the months it may
fall in ("in spring 2025" / "in autumn 2025" are two times, "in March 2025" is in spring), a time on a "before"
deadline's own date misses it, a rule's deadline ("must be filed by") is no fact a later date contradicts, and a
time the premise cannot settle ("last year" / "in the second quarter", "in spring" / "in March") is neutral."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pytest
from numpy.typing import NDArray

from embeddings.rule_judge import HybridJudge
from embeddings.signals import compute_signals
from embeddings.signals.dates import find_dates
from embeddings.signals.tokens import tokenize


def fired(premise: str, hypothesis: str) -> list[str]:
    return compute_signals(premise, hypothesis).fired


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("The factory opened in spring 2025.", {3, 4, 5}),
        ("The bridge was closed in the summer of 2021.", {6, 7, 8}),
        ("The strike began in the fall.", {9, 10, 11}),
        ("Snow fell during the early winter.", {12, 1, 2}),
        ("The church reopened at Easter.", {3, 4, 5}),
    ],
)
def test_a_season_or_a_movable_feast_is_the_months_it_may_fall_in(text: str, months: set[int]) -> None:
    mentions, _ = find_dates(tokenize(text))
    assert [mention.months for mention in mentions] == [frozenset(months)]


@pytest.mark.parametrize(
    "text",
    [
        "Prices fall when demand weakens.",
        "The museum tells of the fall of Rome.",
        "They planned to spring a surprise on the board.",
        "The easter eggs were hidden in the game.",
    ],
)
def test_a_season_word_that_dates_nothing_is_no_date(text: str) -> None:
    mentions, _ = find_dates(tokenize(text))
    assert all(mention.months is None for mention in mentions)


@pytest.mark.parametrize(
    ("premise", "hypothesis"),
    [
        ("The factory opened in spring 2025.", "The factory opened in autumn 2025."),
        ("The factory opened in autumn 2025.", "The factory opened in spring 2025."),
        ("The bridge was closed in July 2021.", "The bridge was closed in the winter of 2021."),
        ("The strike began in the fall of 2019.", "The strike began in the spring of 2019."),
        ("The church reopened at Easter.", "The church reopened in October."),
        ("The church reopened at Easter.", "The church reopened at Christmas."),
    ],
)
def test_one_event_in_months_that_cannot_meet_is_a_date_mismatch(premise: str, hypothesis: str) -> None:
    signals = fired(premise, hypothesis)
    assert "date_mismatch" in signals
    assert "other_subject" not in signals  # "Easter" / "Christmas" are times, not two named things


@pytest.mark.parametrize(
    ("premise", "hypothesis"),
    [
        ("The factory opened in March 2025.", "The factory opened in spring 2025."),
        ("The election was held in October.", "The election was held in the autumn."),
        ("The strike began in the fall of 2019.", "The strike began in autumn 2019."),
    ],
)
def test_a_month_of_the_season_is_no_date_mismatch(premise: str, hypothesis: str) -> None:
    assert "date_mismatch" not in fired(premise, hypothesis)
    assert "date_mismatch" not in fired(hypothesis, premise)


@pytest.mark.parametrize(
    ("premise", "hypothesis"),
    [
        ("The report was filed before 1 June.", "The report was filed on 1 June."),
        ("The report was filed on 1 June.", "The report was filed before 1 June."),
        ("The vote took place before noon.", "The vote took place at noon."),
        ("The bill was passed before 2020.", "The bill was passed in 2020."),
    ],
)
def test_a_time_on_a_before_deadline_misses_it(premise: str, hypothesis: str) -> None:
    assert "date_mismatch" in fired(premise, hypothesis)


@pytest.mark.parametrize(
    ("premise", "hypothesis"),
    [
        ("The report was filed on 1 June.", "The report was filed by 1 June."),
        ("The vote took place at noon.", "The vote took place by noon."),
        ("The contract was signed before 1 June.", "The contract was signed on 28 May."),
    ],
)
def test_a_time_that_meets_its_deadline_is_no_date_mismatch(premise: str, hypothesis: str) -> None:
    assert "date_mismatch" not in fired(premise, hypothesis)


@pytest.mark.parametrize(
    ("premise", "hypothesis"),
    [
        ("Tax returns must be filed by 1 June.", "Tax returns were filed on 5 June."),
        ("Tax returns were filed on 5 June.", "Tax returns must be filed by 1 June."),
        ("The application must be submitted before March 1.", "The application was submitted on March 3."),
    ],
)
def test_a_rules_deadline_is_no_fact_a_later_date_contradicts(premise: str, hypothesis: str) -> None:
    signals = fired(premise, hypothesis)
    assert "date_mismatch" not in signals
    assert "open_time" in signals


def test_a_rules_deadline_is_no_fact_another_deadline_contradicts() -> None:
    signals = fired("Tax returns must be filed by 1 June.", "Tax returns were filed by 5 June.")
    assert "date_mismatch" not in signals
    assert "open_time" in signals


def test_a_facts_deadline_missed_or_two_rules_deadlines_still_mismatch() -> None:
    assert "date_mismatch" in fired("The report was filed by 1 June.", "The report was filed on 5 June.")
    assert "date_mismatch" in fired("The report was filed by 1 June.", "The report was filed by 5 June.")
    assert "date_mismatch" in fired("Tax returns must be filed by 1 June.", "Tax returns must be filed by 5 June.")


@pytest.mark.parametrize(
    ("premise", "hypothesis"),
    [
        ("Profits rose in the second quarter.", "Profits rose last year."),
        ("Profits rose last year.", "Profits rose in the second quarter."),
        ("Sales fell this year.", "Sales fell in March."),
        ("The factory opened in spring 2025.", "The factory opened in March 2025."),
        ("The election was held in the autumn.", "The election was held in October."),
        ("The report was filed by 1 June.", "The report was filed on 1 June."),
    ],
)
def test_a_time_the_premise_cannot_settle_is_open(premise: str, hypothesis: str) -> None:
    assert "open_time" in fired(premise, hypothesis)


@pytest.mark.parametrize(
    ("premise", "hypothesis"),
    [
        ("The factory opened in March 2025.", "The factory opened in spring 2025."),  # March is in spring
        ("The fourth quarter is Jordan Time.", "The last quarter is Jordan Time."),  # a game's final quarter
        ("Profits rose in the second quarter.", "Revenue fell last year."),  # another event
        ("Profits rose last year.", "Profits rose last year and this year."),
    ],
)
def test_a_time_the_premise_settles_or_another_events_is_not_open(premise: str, hypothesis: str) -> None:
    assert "open_time" not in fired(premise, hypothesis)


class _SureOfAContradiction:
    name = "stub"
    version = "stub"

    def predict(self, pairs: Sequence[tuple[str, str]], batch_size: int = 64) -> NDArray[np.floating[Any]]:
        return np.tile(np.array([0.08, 0.11, 0.81]), (len(pairs), 1))


def test_an_open_time_outweighs_a_model_sure_of_a_contradiction() -> None:
    """The model reads a quarter beside "last year" as a contradiction (0.81 on this pair); the time is open."""
    judge = HybridJudge(_SureOfAContradiction())
    (judgement,) = judge.judge([("Profits rose in the second quarter.", "Profits rose last year.")])
    assert judgement.relation == "neutral"
    assert "open_time" in judgement.signals
