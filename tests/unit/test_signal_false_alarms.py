"""False alarms a fact-checker meets (issue 21, audit h22): a figure or a trend told of a part (a named place) and of
the whole ("nationwide", "nationally", "worldwide") is two facts about two things, as two named places are
(``other_subject``), not one fact told two ways. Two words for the same whole ("nationwide" / "national") are one
subject, so their figures and opposites still conflict. The examples are written for this test, not taken from any
evaluation file."""

from __future__ import annotations

import pytest

from embeddings.signals import iter_signal_reports
from embeddings.signals.context import PairContext


@pytest.mark.parametrize(
    ("premise", "hypothesis"),
    [
        ("Burglaries rose in Denver last year.", "Burglaries fell nationwide last year."),
        ("Rents fell in Dublin.", "Rents rose nationally."),
        ("Exports grew 6 percent in Norway.", "Exports grew 1 percent worldwide."),
        ("Food prices rose globally in 2021.", "Food prices fell in Kenya in 2021."),
    ],
)
def test_a_part_and_the_whole_are_two_subjects(premise: str, hypothesis: str) -> None:
    assert PairContext.of(premise, hypothesis).other_subject
    (report,) = iter_signal_reports([(premise, hypothesis)])
    assert "other_subject" in report.strengths
    assert not {"antonym", "number_mismatch"} & set(report.fired)


@pytest.mark.parametrize(
    ("premise", "hypothesis"),
    [
        ("Burglaries rose nationwide last year.", "Burglaries fell nationally last year."),
        ("Turnout nationwide was 58 percent.", "National turnout was 44 percent."),
        ("Rents fell in Dublin.", "Rents rose in Dublin."),
        ("Food prices rose globally in 2021.", "Food prices fell worldwide in 2021."),
    ],
)
def test_one_whole_or_one_place_is_one_subject(premise: str, hypothesis: str) -> None:
    assert not PairContext.of(premise, hypothesis).other_subject
    (report,) = iter_signal_reports([(premise, hypothesis)])
    assert {"antonym", "number_mismatch"} & set(report.fired)
