"""Rules 49 (h174): a dotted marker of the half of the day written half-dotted or spaced ("5 P.M", "6 p. m.",
"5a.m") is the marker "p.m." / "a.m." is, "5 o'clock in the afternoon" says which half, and a bound written after
its figure ("aged 66 and above", "12 and under", "10 or more people") is the bound "at least 66" / "at most 12" is.
The pairs are h174's own (/tmp/h/h174/pairs.tsv), both ways round."""

from __future__ import annotations

import pytest

from embeddings.signals.dates import find_dates
from embeddings.signals.statement import analyse
from embeddings.signals.tokens import tokenize
from tests.unit.signal_pairs import fired

INF = float("inf")


def _times_of_day(text: str) -> list[int | None]:
    """The time of day (minutes after midnight; None when the half of the day is open) of each date that tells one."""
    dates, _ = find_dates(tokenize(text))
    return [date.clock for date in dates if date.half_day_clock is not None]


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("The meeting began at 5 P.M on Monday.", 17 * 60),
        ("The meeting began at 5 P.M. on Monday.", 17 * 60),
        ("The meeting began at 5 pm on Monday.", 17 * 60),
        ("The meeting began at 5pm on Monday.", 17 * 60),
        ("The meeting began at 17:00 on Monday.", 17 * 60),
        ("The rally started at 6 p. m. in the square.", 18 * 60),
        ("The rally started at 6 P. M. in the square.", 18 * 60),
        ("The blast was heard at 9 a.m in the city.", 9 * 60),
        ("The plane landed at 5a.m on Sunday.", 5 * 60),
        ("The shop closed at 5 o'clock in the afternoon.", 17 * 60),
        ("The shop closed at five o'clock in the afternoon.", 17 * 60),
        ("The shop closed at 9 o'clock at night.", 21 * 60),
    ],
)
def test_every_writing_of_a_time_of_day_reads_as_that_time(text: str, minutes: int) -> None:
    assert _times_of_day(text) == [minutes]


@pytest.mark.parametrize(
    "text",
    [
        "The shop closed at 5 o'clock.",  # either half of the day
        "The shop closed at 12 o'clock at night.",  # twelve: the phrase leaves it open
    ],
)
def test_oclock_without_a_half_of_the_day_stays_open(text: str) -> None:
    assert _times_of_day(text) == [None]


@pytest.mark.parametrize(
    "text",
    ["He read page 5 a. Mary read on.", "They walked 5 a.mile apart."],
)
def test_a_letter_after_a_figure_is_no_marker(text: str) -> None:
    dates, _ = find_dates(tokenize(text))
    assert dates == []


@pytest.mark.parametrize(
    ("premise", "hypothesis"),
    [
        ("The meeting began at 5 P.M on Monday.", "The meeting began at 7 P.M on Monday."),
        ("The meeting began at 5pm on Monday.", "The meeting began at 7 P.M on Monday."),
        ("The meeting began at 5 P.M on Monday.", "The meeting began at 5 a.m on Monday."),
        ("The blast was heard at 9 a.m in the city.", "The blast was heard at 11 a.m in the city."),
        ("The plane landed at 5a.m on Sunday.", "The plane landed at 7 a.m. on Sunday."),
        ("The shop closed at 5 o'clock in the afternoon.", "The shop closed at 5 a.m."),
        ("The rally started at 6 p. m. in the square.", "The rally started at 8 p.m. in the square."),
    ],
)
def test_two_times_of_one_event_conflict_as_dates(premise: str, hypothesis: str) -> None:
    assert "date_mismatch" in fired(premise, hypothesis)
    assert "date_mismatch" in fired(hypothesis, premise)


@pytest.mark.parametrize(
    ("premise", "hypothesis"),
    [
        ("The meeting began at 5 P.M on Monday.", "The meeting began at 5 pm on Monday."),
        ("The meeting began at 5 P.M. on Monday.", "The meeting began at 5 P.M on Monday."),
        ("The meeting began at 5 P.M on Monday.", "The meeting began at 17:00 on Monday."),
        ("The blast was heard at 9 a.m in the city.", "The blast was heard at 9 AM in the city."),
        ("The plane landed at 5a.m on Sunday.", "The plane landed at 5 am on Sunday."),
        ("The shop closed at 5 o'clock in the afternoon.", "The shop closed at 5 p.m."),
        ("The rally started at 6 P. M. in the square.", "The rally started at 6 pm in the square."),
    ],
)
def test_one_time_written_two_ways_is_no_conflict(premise: str, hypothesis: str) -> None:
    for first, second in ((premise, hypothesis), (hypothesis, premise)):
        signals = fired(first, second)
        assert not signals & {"date_mismatch", "number_mismatch"}
        if first.lower() != second.lower():
            assert "restated_time" in signals or signals == set()


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("The vaccine is offered to people aged 66 and above.", 66.0, INF),
        ("The vaccine is offered to people aged 66 and over.", 66.0, INF),
        ("The vaccine is offered to people aged 66 or older.", 66.0, INF),
        ("The vaccine is offered to people aged 66 years and over.", 66.0, INF),
        ("The vaccine is offered to people aged 65 and under.", 0.0, 65.0),
        ("Children aged 12 or younger travel free.", 0.0, 12.0),
        ("The fine is $500 and above.", 500.0, INF),
        ("The law covers firms with 10 or more workers.", 10.0, INF),
    ],
)
def test_a_bound_after_its_figure_is_a_closed_bound(text: str, low: float, high: float) -> None:
    quantities = analyse(text).quantities
    assert [(q.low, q.high, q.strict) for q in quantities] == [(low, high, False)]


@pytest.mark.parametrize(
    "text",
    [
        "Five people and above them a helicopter were seen.",
        "Sales rose 5 percent and over the year profits doubled.",
        "Prices rose 5 percent and up to 8 percent in cities.",
    ],
)
def test_a_preposition_with_an_object_after_a_figure_is_no_bound(text: str) -> None:
    first = analyse(text).quantities[0]
    assert first.low == first.high == 5.0


def test_a_figure_after_the_phrase_takes_the_bound() -> None:
    quantities = analyse("They sold 5 apples and over 3 pears.").quantities
    assert [(q.low, q.high) for q in quantities] == [(5.0, 5.0), (3.0, INF)]


AGED = "The vaccine is offered to people aged {}."


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("66 and above", "under 66"),
        ("66 and over", "under 66"),
        ("66 or older", "under 66"),
        ("65 and under", "over 65"),
        ("65 and under", "70 and over"),
    ],
)
def test_disjoint_bounds_conflict(first: str, second: str) -> None:
    assert "number_mismatch" in fired(AGED.format(first), AGED.format(second))
    assert "number_mismatch" in fired(AGED.format(second), AGED.format(first))


@pytest.mark.parametrize(
    ("bound_after", "bound_before"),
    [("66 or older", "over 65"), ("66 and older", "older than 65"), ("66 and above", "over 65")],
)
def test_a_bound_after_reads_as_the_bound_before_does(bound_after: str, bound_before: str) -> None:
    """Both ways round, "66 and above" fires what "at least 66" fires against the same bound: "over 65" is read on a
    continuous scale, so "at least 66" implies it and not the other way round."""
    at_least = "at least 66"
    for first, second in ((bound_after, bound_before), (bound_before, bound_after)):
        as_written = fired(AGED.format(first), AGED.format(second))
        with_at_least = fired(
            AGED.format(at_least if first == bound_after else first),
            AGED.format(at_least if second == bound_after else second),
        )
        assert as_written - {"restated_figure"} == with_at_least - {"restated_figure"}
        assert "number_mismatch" not in as_written


def test_overlapping_bounds_the_same_way_round_do_not_conflict() -> None:
    for first, second in (("66 and above", "70 and above"), ("70 and above", "66 and above")):
        assert "number_mismatch" not in fired(AGED.format(first), AGED.format(second))
