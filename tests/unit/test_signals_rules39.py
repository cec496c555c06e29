"""Issue 21 (rules 39): clock times read as times of day, fiscal years as named periods, a net loss opposed to a
net profit, and a bank as a lender."""

from __future__ import annotations

import pytest

from embeddings.signals.dates import find_dates
from embeddings.signals.statement import analyse
from embeddings.signals.tokens import tokenize
from embeddings.signals.wordnet import Relation, relation
from tests.unit.signal_pairs import fired


@pytest.mark.parametrize(
    ("premise", "hypothesis"),
    [
        ("The meeting began at 9 a.m.", "The meeting began at 10 a.m."),
        ("The train left the station at 9:30 p.m.", "The train left the station at 9 p.m."),
        ("The market opened at 09:00 GMT.", "The market opened at 10:00 GMT."),
        ("The explosion happened at 7am.", "The explosion happened at 7pm."),
        ("The ceremony started at noon.", "The ceremony started at 3 p.m."),
    ],
)
def test_two_times_of_day_of_one_event_are_a_date_conflict(premise: str, hypothesis: str) -> None:
    signals = fired(premise, hypothesis)
    assert "date_mismatch" in signals
    assert "number_mismatch" not in signals


@pytest.mark.parametrize(
    ("premise", "hypothesis"),
    [
        ("The market opened at 09:00 GMT.", "The market opened at 9 a.m. GMT."),
        ("The ceremony started at noon.", "The ceremony started at 12 p.m."),
        ("The bus left at 9:30.", "The bus left at 9:30 p.m."),
    ],
)
def test_one_time_of_day_written_two_ways_does_not_conflict(premise: str, hypothesis: str) -> None:
    assert not fired(premise, hypothesis) & {"date_mismatch", "number_mismatch"}


def test_a_time_of_day_is_no_figure() -> None:
    assert [q.low for q in analyse("At 9 a.m. on Monday, 3 people were hurt in the blast.").quantities] == [3]
    assert "number_mismatch" not in fired(
        "The flight landed at 4:45 p.m. with 180 passengers on board.",
        "The flight landed with 180 passengers on board.",
    )
    # The count beside the time still conflicts.
    assert "number_mismatch" in fired("At 9 a.m. on Monday, 3 people were hurt in the blast.", "5 people were hurt.")


def test_clock_tokens_and_their_limits() -> None:
    kinds = [(t.text, t.kind) for t in tokenize("at 21:55, 2:05:30 and 1:50,000")]
    assert ("21:55", "clock") in kinds
    assert ("2", "number") in kinds and ("50,000", "number") in kinds  # a duration and a scale stay numbers
    dates, _ = find_dates(tokenize("The shop opens at 7pm."))
    assert dates[0].clock == 19 * 60


@pytest.mark.parametrize(
    ("premise", "hypothesis"),
    [
        (
            "The company reported a net loss of $2 billion in fiscal 2023.",
            "The company reported a net loss of $3 billion in fiscal 2024.",
        ),
        ("The firm earned $40 million in FY2023.", "The firm earned $55 million in FY2024."),
        ("Sales reached $1.2 billion in fiscal year 2021.", "Sales reached $1.5 billion in fiscal year 2022."),
        (
            "The retailer lost $300 million in the 2023 fiscal year.",
            "The retailer lost $250 million in the 2024 fiscal year.",
        ),
    ],
)
def test_figures_of_two_fiscal_years_are_two_facts(premise: str, hypothesis: str) -> None:
    signals = fired(premise, hypothesis)
    assert "other_subject" in signals
    assert not signals & {"number_mismatch", "date_mismatch"}


@pytest.mark.parametrize(
    ("premise", "hypothesis", "signal"),
    [
        ("The firm earned $40 million in FY2023.", "The firm earned $65 million in FY2023.", "number_mismatch"),
        ("The plant closed in fiscal 2019.", "The plant closed in fiscal 2021.", "date_mismatch"),
    ],
)
def test_one_fiscal_year_or_one_event_still_conflicts(premise: str, hypothesis: str, signal: str) -> None:
    assert signal in fired(premise, hypothesis)


def test_a_fiscal_year_is_no_quantity() -> None:
    assert not analyse("The agency met its goals in the 2023 fiscal year.").quantities


@pytest.mark.parametrize(
    ("premise", "hypothesis"),
    [
        ("The company posted a net loss in 2022.", "The company posted a net profit in 2022."),
        ("The bank reported a net loss in the second quarter.", "The bank reported net income in the second quarter."),
    ],
)
def test_a_loss_and_a_profit_of_one_time_conflict(premise: str, hypothesis: str) -> None:
    assert "antonym" in fired(premise, hypothesis)


@pytest.mark.parametrize(
    ("premise", "hypothesis"),
    [
        ("The company posted a net loss in 2022.", "The company posted a net profit in 2023."),
        ("The airline reported a net loss in fiscal 2021.", "The airline reported net income in fiscal 2023."),
        (
            "The company posted a net loss in the first quarter.",
            "The company posted a net profit in the third quarter.",
        ),
    ],
)
def test_a_loss_and_a_profit_of_two_times_are_two_facts(premise: str, hypothesis: str) -> None:
    signals = fired(premise, hypothesis)
    assert "other_subject" in signals
    assert not signals & {"antonym", "date_mismatch", "number_mismatch"}


def test_a_bank_is_a_lender() -> None:
    assert relation("bank", "lender") is Relation.ENTAILING
    assert "other_subject" not in fired(
        "The lender opened its first branch in 2019.", "The bank opened its first branch in 2021."
    )
    assert "other_subject" in fired("The lender closed in 2019.", "The bakery closed in 2021.")
