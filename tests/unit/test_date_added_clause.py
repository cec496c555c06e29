"""A hypothesis that repeats every date of the premise and adds a clause with a date of its own ("The port opened in
1987." / "The port opened in 1987 and was dredged in 2005.") tells another event's date, not a second date of the
premise's event (h106; on the NLI training files such pairs are mostly neutral). The event a premise date is told
of gets a new date, even with the old date moved to another clause, and it still conflicts."""

from __future__ import annotations

import pytest

from tests.unit.signal_pairs import both_ways, fired, rule_relation


@pytest.mark.parametrize(
    ("premise", "hypothesis"),
    [
        ("The port opened in 1987.", "The port opened in 1987 and was dredged in 2005."),
        (
            "The vaccine was approved on May 4.",
            "The vaccine was approved on May 4, and the first doses arrived on June 1.",
        ),
        (
            "The mayor was elected in 2014 and re-elected in 2018.",
            "The mayor was elected in 2014, re-elected in 2018 and retired in 2022.",
        ),
        ("The ferry service began in March 2011.", "The ferry service, begun in March 2011, was suspended in 2016."),
    ],
)
def test_a_date_added_in_a_clause_of_its_own_is_no_mismatch(premise: str, hypothesis: str) -> None:
    assert "date_mismatch" not in both_ways(premise, hypothesis)
    assert rule_relation(premise, hypothesis) != "contradicts"


@pytest.mark.parametrize(
    ("premise", "hypothesis"),
    [
        # The premise's date moved to another event, the premise's event dated anew.
        ("The port opened in 1987.", "The port opened in 1989, two years after dredging began in 1987."),
        ("The vaccine was approved on May 4.", "The vaccine was approved on June 1, after trials ended on May 4."),
        ("The tower was completed in 1931.", "The tower was completed in 1933 and planned in 1931."),
        # Not every premise date repeated.
        (
            "The mayor was elected in 2014 and re-elected in 2018.",
            "The mayor was elected in 2014 and re-elected in 2019.",
        ),
        ("The port opened in 1987.", "The port opened in 1990 and was dredged in 2005."),
        # One office's date changed, the old year kept for another office.
        (
            "She was finance minister in 1961.",
            "She was finance minister in 1962 and from 1965 to 1970, and trade minister in 1961.",
        ),
    ],
)
def test_the_premise_event_dated_anew_still_mismatches(premise: str, hypothesis: str) -> None:
    assert "date_mismatch" in fired(premise, hypothesis)
