"""Issue 21 (rules 40): a deadline ("by 11 a.m.") is no time of the event, a listed year agrees with one of its
list, "noon" is "12 p.m.", an email is a message, and two rounds of a contest are two facts."""

from __future__ import annotations

import pytest

from embeddings.signals.context import PairContext
from embeddings.signals.statement import analyse
from embeddings.signals.wordnet import Relation, relation
from tests.unit.signal_pairs import CONFLICT_SIGNALS, both_ways, fired, rule_relation


@pytest.mark.parametrize(
    ("premise", "hypothesis"),
    [
        ("Voting started at 7 a.m.", "Voting was finished by 10 a.m."),
        ("Repairs started at 6 a.m.", "Repairs were finished by 2 p.m."),
        ("The count began at 8 p.m.", "The count was completed by midnight."),
        ("The plant opened in 2009.", "The plant was closed by 2015."),
    ],
)
def test_a_deadline_is_no_time_of_the_event(premise: str, hypothesis: str) -> None:
    assert not both_ways(premise, hypothesis) & CONFLICT_SIGNALS


@pytest.mark.parametrize(
    ("premise", "hypothesis"),
    [
        ("The talks began at 9 a.m.", "The talks began at 11 a.m."),
        ("The work was finished by 9 a.m.", "The work was finished by 11 a.m."),
    ],
)
def test_one_events_two_times_or_two_deadlines_still_conflict(premise: str, hypothesis: str) -> None:
    assert "date_mismatch" in fired(premise, hypothesis)


@pytest.mark.parametrize(
    ("listed", "single"),
    [
        ("Profits rose in 2003 and 2005.", "Profits rose in 2005."),
        ("Turnout fell in 1996, 2000 and 2004.", "Turnout fell in 2000."),
        ("Revenue fell in fiscal 2011 and 2012.", "Revenue fell in fiscal 2011."),
        ("The ferry sails at 8 a.m. and 4 p.m.", "The ferry sails at 4 p.m."),
    ],
)
def test_a_date_of_a_list_agrees_with_its_list(listed: str, single: str) -> None:
    assert "date_mismatch" not in both_ways(listed, single)


def test_a_date_outside_the_list_still_conflicts() -> None:
    assert "date_mismatch" in fired("Profits rose in 2003 and 2005.", "Profits rose in 2007.")
    assert "date_mismatch" in fired("Profits rose in 2007.", "Profits rose in 2003 and 2005.")


def test_times_of_day_are_no_content_words() -> None:
    assert not analyse("The polls closed at noon, at 9 p.m. and at 7pm.").content & {"noon", "p.m.", "pm"}
    assert "pm" in analyse("The PM resigned.").content  # no time of day: a prime minister
    context = PairContext.of("The polls closed at noon.", "The polls closed at 12 p.m.")
    assert context.coverage == 1.0
    assert rule_relation("The polls closed at noon.", "The polls closed at 12 p.m.") == "entails"
    assert rule_relation("The curfew began at 12 a.m.", "The curfew began at midnight.") == "entails"
    assert "date_mismatch" in fired("The polls closed at noon.", "The polls closed at 3 p.m.")


def test_an_email_is_a_message_and_a_letter_its_alternative() -> None:
    assert relation("email", "message") is Relation.ENTAILING
    assert relation("letter", "message") is Relation.ENTAILING
    assert relation("email", "letter") is Relation.ALTERNATIVE
    assert relation("letter", "email") is Relation.ALTERNATIVE
    premise, hypothesis = "The mayor read the email to the council.", "The mayor read the letter to the council."
    assert "substituted_term" in fired(premise, hypothesis)
    assert not both_ways(premise, hypothesis) & CONFLICT_SIGNALS
    assert (
        rule_relation("The mayor sent an email to the council.", "The mayor sent a message to the council.")
        == "entails"
    )


def test_two_rounds_of_a_contest_are_two_facts() -> None:
    signals = both_ways("Brown won the third round.", "Brown won the fourth round.")
    assert "other_subject" in signals
    assert "number_mismatch" not in signals
    assert "number_mismatch" not in both_ways(
        "The incumbent won the first round.", "The incumbent won the second round."
    )


@pytest.mark.parametrize(
    ("premise", "hypothesis", "signal"),
    [
        ("Brown won the third round.", "Brown lost the third round.", "antonym"),
        ("Brown was knocked out in the third round.", "Brown was knocked out in the fourth round.", "number_mismatch"),
        ("Brown finished third in the race.", "Brown finished fourth in the race.", "number_mismatch"),
        (
            "The second round of talks ended on Friday.",
            "The first of a series of talks ended on Friday.",
            "number_mismatch",
        ),
    ],
)
def test_one_round_or_a_rank_still_conflicts(premise: str, hypothesis: str, signal: str) -> None:
    signals = fired(premise, hypothesis)
    assert signal in signals
    assert "other_subject" not in signals


@pytest.mark.parametrize(
    ("premise", "hypothesis"),
    [
        ("The polls closed at noon.", "The polls closed at 12 p.m."),
        ("The curfew began at 12 a.m.", "The curfew began at midnight."),
        ("The polls closed at 9 p.m.", "The polls closed at 21:00."),
    ],
)
def test_a_time_of_day_written_two_ways_is_restated(premise: str, hypothesis: str) -> None:
    assert "restated_figure" in fired(premise, hypothesis)


@pytest.mark.parametrize(
    ("premise", "hypothesis"),
    [
        ("The polls closed at noon.", "The polls closed at 3 p.m."),
        ("The polls closed at noon.", "The polls closed at noon."),
        ("The polls closed at noon.", "The vote was counted at 12 p.m."),
    ],
)
def test_another_time_or_other_words_are_not_restated(premise: str, hypothesis: str) -> None:
    assert "restated_figure" not in fired(premise, hypothesis)
