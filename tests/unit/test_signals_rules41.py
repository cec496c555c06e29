"""Issue 21 (rules 41): "before" is a deadline as "by" is, one event's time after its own deadline conflicts, and
numbered contests and decisions ("the first appeal" / "the second appeal") are two facts as two rounds are."""

from __future__ import annotations

import pytest

from embeddings.signals.dates import deadline_missed
from embeddings.signals.statement import analyse
from tests.unit.signal_pairs import CONFLICT_SIGNALS, both_ways, fired, rule_relation


@pytest.mark.parametrize(
    ("premise", "hypothesis"),
    [
        ("The contract must be signed before March 1.", "The contract was signed on February 10."),
        ("Construction began in May.", "The tower was completed before October."),
        ("The fee has to be paid before Thursday.", "The fee was paid on Monday."),
    ],
)
def test_before_a_date_is_a_deadline_not_the_time_of_the_event(premise: str, hypothesis: str) -> None:
    assert "date_mismatch" not in both_ways(premise, hypothesis)


@pytest.mark.parametrize(
    ("premise", "hypothesis"),
    [
        ("The ferry sailed at 10 a.m.", "The ferry sailed by 9 a.m."),
        ("The goods were shipped on March 30.", "The goods were shipped by March 12."),
        ("The ferry sailed at 10 a.m.", "The ferry sailed before 9 a.m."),
        ("The museum reopened in 2019.", "The museum reopened before 2017."),
    ],
)
def test_one_events_time_after_its_deadline_conflicts(premise: str, hypothesis: str) -> None:
    assert "date_mismatch" in fired(premise, hypothesis)
    assert "date_mismatch" in fired(hypothesis, premise)
    assert rule_relation(premise, hypothesis) == "contradicts"


@pytest.mark.parametrize(
    ("premise", "hypothesis"),
    [
        # Within the deadline.
        ("The ferry sailed at 8 a.m.", "The ferry sailed by 9 a.m."),
        ("The museum reopened in 2015.", "The museum reopened before 2017."),
        # Another event's time.
        ("The ferry sailed at 10 a.m.", "The cargo was loaded by 9 a.m."),
        ("The museum closed in 2019.", "The roof was repaired by 2017."),
    ],
)
def test_a_time_within_its_deadline_or_of_another_event_is_no_conflict(premise: str, hypothesis: str) -> None:
    assert "date_mismatch" not in both_ways(premise, hypothesis)


def test_a_time_after_a_deadline_is_read_on_the_fields_both_tell() -> None:
    late = analyse("The goods were shipped on March 30.").dates
    month_only = analyse("The goods were shipped by March.").dates
    year_only = analyse("The goods were shipped by 2020.").dates
    assert deadline_missed(late, analyse("The goods were shipped by March 12.").dates)
    assert not deadline_missed(late, month_only)
    assert not deadline_missed(late, year_only)


def test_a_span_told_by_until_still_conflicts() -> None:
    assert "date_mismatch" in both_ways("The bridge did not reopen until April.", "The bridge reopened in March.")


@pytest.mark.parametrize(
    ("premise", "hypothesis"),
    [
        ("The city lost the first hearing.", "The city won the second hearing."),
        ("The club won the third match.", "The club won the fourth match."),
        ("The motion passed the first vote.", "The motion failed the second vote."),
        ("The runner won the first heat.", "The runner lost the second heat."),
    ],
)
def test_two_numbered_contests_are_two_facts(premise: str, hypothesis: str) -> None:
    assert not both_ways(premise, hypothesis) & CONFLICT_SIGNALS
    assert rule_relation(premise, hypothesis) != "contradicts"


@pytest.mark.parametrize(
    ("premise", "hypothesis"),
    [
        # One contest's opposite.
        ("The club won the third match.", "The club lost the third match."),
        # A rank, no contest after the ordinal.
        ("The runner finished first in the final.", "The runner finished fifth in the final."),
        # Placed by a preposition of time: one event's two times.
        ("The motion was defeated in the first vote.", "The motion was defeated in the third vote."),
    ],
)
def test_one_contests_opposite_a_rank_and_a_placed_contest_still_conflict(premise: str, hypothesis: str) -> None:
    assert both_ways(premise, hypothesis) & CONFLICT_SIGNALS
    assert rule_relation(premise, hypothesis) == "contradicts"
