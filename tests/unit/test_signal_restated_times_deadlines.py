"""A time of day written two ways, and deadlines in more words (h131, issue 21): "at noon" / "at 12 p.m.", "at
midnight" / "at 00:00", "at 3 p.m." / "at three in the afternoon" are one time and the statements entail each other
(``restated_time``); "no later than June 1" and "by the end of June" are deadlines as "by June 1" is."""

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
    ("text", "clock"),
    [
        ("The polls closed at three in the afternoon.", 15 * 60),
        ("The shop opens at ten in the morning.", 10 * 60),
        ("The show starts at 8 in the evening.", 20 * 60),
        ("The bars close at eleven at night.", 23 * 60),
    ],
)
def test_an_hour_before_a_phrase_of_its_half_of_the_day_is_a_time(text: str, clock: int) -> None:
    mentions, _ = find_dates(tokenize(text))
    assert [mention.clock for mention in mentions] == [clock]


@pytest.mark.parametrize(
    "text",
    ["She read two in the evening and one in the morning.", "The bells rang twelve at night."],
)
def test_a_count_before_such_a_phrase_or_twelve_is_no_time(text: str) -> None:
    mentions, _ = find_dates(tokenize(text))
    assert [mention.clock for mention in mentions if mention.clock is not None] == []


@pytest.mark.parametrize(
    ("premise", "hypothesis"),
    [
        ("The meeting will start at noon on Friday.", "The meeting will start at 12 p.m. on Friday."),
        ("The curfew begins at midnight.", "The curfew begins at 12 a.m."),
        ("The curfew begins at 12 a.m.", "The curfew begins at 00:00."),
        ("The polls closed at 3 p.m. on Tuesday.", "The polls closed at 15:00 on Tuesday."),
        ("The polls closed at 15:00 on Tuesday.", "The polls closed at three in the afternoon on Tuesday."),
        ("The train left at 9 p.m.", "The train left at 21:00."),
    ],
)
def test_a_time_written_another_way_is_a_restated_time(premise: str, hypothesis: str) -> None:
    assert "restated_time" in fired(premise, hypothesis)
    assert "restated_time" in fired(hypothesis, premise)


@pytest.mark.parametrize(
    ("premise", "hypothesis"),
    [
        ("The train left at 9 a.m.", "The train left at 21:00."),  # another time
        ("The meeting will start at noon on Friday.", "The meeting will start at midnight on Friday."),
        ("The minister spoke at noon.", "The minister spoke at 12 p.m. in Paris."),  # a place added
        ("The meeting will start at noon.", "The meeting will start at noon."),  # written the same
        ("About 40 people came at noon.", "Some 40 people came at 12 p.m."),  # a figure written another way too
        ("The train left at 9 p.m. with 300 people.", "The train left at 21:00 with 30 people."),
    ],
)
def test_another_time_or_more_than_the_time_written_anew_is_no_restated_time(premise: str, hypothesis: str) -> None:
    assert "restated_time" not in fired(premise, hypothesis)


class _SureItIsNeutral:
    name = "stub"
    version = "stub"

    def predict(self, pairs: Sequence[tuple[str, str]], batch_size: int = 64) -> NDArray[np.floating[Any]]:
        return np.tile(np.array([0.024, 0.909, 0.067]), (len(pairs), 1))


def test_a_restated_time_outweighs_a_model_that_reads_new_detail() -> None:
    """The model reads "12 a.m." beside "midnight" as new detail (0.91 neutral on this pair); it is the same time."""
    (judgement,) = HybridJudge(_SureItIsNeutral()).judge(
        [("The curfew begins at midnight.", "The curfew begins at 12 a.m.")]
    )
    assert judgement.relation == "entails"
    assert "restated_time" in judgement.signals


@pytest.mark.parametrize(
    "text",
    [
        "The report must be submitted no later than 1 June.",
        "The report was submitted not later than June 1.",
        "The project was finished by the end of June.",
    ],
)
def test_no_later_than_and_by_the_end_of_make_a_deadline(text: str) -> None:
    mentions, _ = find_dates(tokenize(text))
    assert [mention.deadline for mention in mentions] == [True]


def test_a_day_within_a_deadline_by_the_end_of_its_month_is_open() -> None:
    assert fired("The project was finished by the end of June.", "The project was finished on 20 June.") == [
        "open_time"
    ]


def test_a_time_after_a_no_later_than_deadline_misses_it() -> None:
    assert "date_mismatch" in fired(
        "The report was submitted no later than 1 June.", "The report was submitted on 10 June."
    )


@pytest.mark.parametrize(
    ("premise", "hypothesis"),
    [
        ("The offer is open to people older than 65.", "The offer is open to people aged 66 and above."),
        ("The scheme covers anyone aged 18 or over.", "The scheme covers anyone older than 17."),
        ("The ban applies to children younger than 12.", "The ban applies to children aged 10."),
    ],
)
def test_older_or_younger_than_an_age_is_a_bound_not_the_age(premise: str, hypothesis: str) -> None:
    assert "number_mismatch" not in fired(premise, hypothesis)


def test_older_and_younger_than_one_age_still_mismatch() -> None:
    assert "number_mismatch" in fired(
        "The offer is open to people older than 65.", "The offer is open to people younger than 60."
    )
