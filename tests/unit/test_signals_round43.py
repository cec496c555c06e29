"""An opposite or a one-sided negation told of two things of one kind is two facts (issue 21, rules 43).

"Sales of petrol vans rose in May" / "Sales of electric vans fell in May", "The council will close its north car
park" / "The council will open its south car park": the same frame, with another modifier on the head noun (or
another head noun) WordNet does not link to the first. The NLI model reads such parallel sentences as
contradictory; ``other_subject`` makes them neutral, as it does for two named things. One thing's opposite, a
hypernym ("vans" / "vehicles") or a word on how the amount moved ("sharply" / "slightly") still conflicts."""

from __future__ import annotations

import pytest

from embeddings.signals.context import PairContext
from tests.unit.signal_pairs import CONFLICT_SIGNALS, both_ways


@pytest.mark.parametrize(
    ("premise", "hypothesis"),
    [
        ("Sales of petrol vans rose in May.", "Sales of electric vans fell in May."),  # another modifier
        ("The council will close its north car park.", "The council will open its south car park."),
        ("The board approved the plan for a new swimming pool.", "The board rejected the plan for a new car park."),
        ("The city has not closed its central library.", "The city has closed its central museum."),  # head noun
        ("The firm did not settle the pension claim.", "The firm settled the libel claim."),  # negation, modifier
        ("Ormsby Bank made a net profit in 2023.", "Kelbrook Bank made a net loss in 2023."),  # names, nouns
        ("Ashby Steel made a net profit in 2022.", "Corran Mining made a net loss in 2022."),  # two companies
        ("The port has no plans to close its north terminal.", "The port will close its south terminal."),
        ("The trust had no intention of selling the east field.", "The trust will sell the west field."),
        ("The ferry firm will shut its Dover office.", "The ferry firm has no plans to shut its Calais office."),
    ],
)
def test_an_opposite_told_of_two_things_is_two_facts(premise: str, hypothesis: str) -> None:
    for first, second in ((premise, hypothesis), (hypothesis, premise)):
        assert PairContext.of(first, second).other_subject
    assert "other_subject" in both_ways(premise, hypothesis)
    assert not both_ways(premise, hypothesis) & CONFLICT_SIGNALS


@pytest.mark.parametrize(
    ("premise", "hypothesis"),
    [
        ("Sales of electric vans rose in May.", "Sales of electric vans fell in May."),  # one thing
        ("Sales of electric vans rose in May.", "Sales of electric vehicles fell in May."),  # a hypernym
        ("The council will close its north car park.", "The council will open its north car park."),
        ("The city has not closed its central library.", "The city has closed its central library."),
        ("Ormsby Bank made a net profit in 2023.", "Ormsby Bank made a net loss in 2023."),
        ("The port has no plans to close its north terminal.", "The port will close its north terminal."),
        ("The ferry firm will shut its Dover office.", "The ferry firm has no plans to shut its Dover office."),
        ("They were excellent chess players.", "They were not good chess players."),  # how good, not what
    ],
)
def test_one_things_opposite_still_conflicts(premise: str, hypothesis: str) -> None:
    for first, second in ((premise, hypothesis), (hypothesis, premise)):
        assert not PairContext.of(first, second).other_subject
    assert both_ways(premise, hypothesis) & CONFLICT_SIGNALS


def test_a_name_standing_for_another_is_no_other_thing() -> None:
    """ "Norway" / "Oslo" may be one party named two ways (a capital for its government): a name that is the subject
    itself, not a modifier of one head noun ("its Bristol base"), is left to ``opposed_across_names``."""
    premise, hypothesis = "Norway affirmed its respect for the treaty.", "Oslo violated the treaty."
    assert not PairContext.of(premise, hypothesis).other_subject
    assert not PairContext.of(hypothesis, premise).other_subject


def test_words_apart_are_no_other_thing() -> None:
    """ "showed up to watch" is a verb phrase, not a noun phrase's modifier or head put for another."""
    premise, hypothesis = "A crowd of fans at the match.", "No one turned up to watch the match."
    assert not PairContext.of(premise, hypothesis).other_subject
    assert not PairContext.of(hypothesis, premise).other_subject


def test_another_adverb_is_no_other_thing() -> None:
    """ "sharply" / "slightly" says how the amount moved, not what moved: no noun phrase differs."""
    premise, hypothesis = "Profits rose sharply in May.", "Profits fell slightly in May."
    assert not PairContext.of(premise, hypothesis).other_subject
    assert not PairContext.of(hypothesis, premise).other_subject


def test_a_month_told_relative_to_now_is_a_time() -> None:
    """ "last October" / "this October" are two Octobers, as "last year" / "this year" are two years: an opposite told
    of each is two facts; one October's opposite still conflicts."""
    premise, hypothesis = "Bus fares rose last October.", "Bus fares fell this October."
    for first, second in ((premise, hypothesis), (hypothesis, premise)):
        assert PairContext.of(first, second).times_differ
        assert PairContext.of(first, second).other_subject
    same = "Bus fares rose this October."
    assert not PairContext.of(same, hypothesis).other_subject
    assert both_ways(same, hypothesis) & CONFLICT_SIGNALS


def test_a_holiday_on_a_fixed_day_is_a_date() -> None:
    """ "before Halloween" is a deadline on October 31, so "no plans to strike before Halloween" / "plans to strike in
    January" are two times (issue 21: holidays.tsv); "before Halloween" on both sides is one time and conflicts."""
    premise = "The drivers' union has no plans to strike before Halloween."
    hypothesis = "The drivers' union plans to strike in January."
    for first, second in ((premise, hypothesis), (hypothesis, premise)):
        assert PairContext.of(first, second).times_differ
        assert PairContext.of(first, second).other_subject
    same = "The drivers' union plans to strike before Halloween."
    assert not PairContext.of(premise, same).other_subject
    assert both_ways(premise, same) & CONFLICT_SIGNALS


@pytest.mark.parametrize(
    ("premise", "hypothesis"),
    [
        ("the board has no plans to close the Leeds office", "The regional board plans to close the York office."),
        ("the club had no plans to sell the east stand", "Harford club will sell the west stand."),
        ("the insurer had no plans to raise car premiums", "Calder Insurance plans to raise home premiums."),
    ],
)
def test_another_thing_beside_a_subject_told_more_fully_is_two_facts(premise: str, hypothesis: str) -> None:
    """An extracted claim's "the board" is the statement's "The regional board" (or "Calder Insurance"): told more
    fully, one subject; the office, stand or premiums are still two things."""
    for first, second in ((premise, hypothesis), (hypothesis, premise)):
        assert PairContext.of(first, second).other_subject


@pytest.mark.parametrize(
    ("premise", "hypothesis"),
    [
        ("the board has no plans to close the Leeds office", "The regional board plans to close the Leeds office."),
        ("the club had no plans to sell the east stand", "Harford club will sell the east stand."),
        ("Sales of cars rose in May.", "Sales of electric cars fell in May."),  # a kind of car, no subject's name
    ],
)
def test_one_thing_beside_a_subject_told_more_fully_still_conflicts(premise: str, hypothesis: str) -> None:
    for first, second in ((premise, hypothesis), (hypothesis, premise)):
        assert not PairContext.of(first, second).other_subject
    assert both_ways(premise, hypothesis) & CONFLICT_SIGNALS
