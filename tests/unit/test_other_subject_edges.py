"""Two defects of judge rules 26 found by review (h8).

``PairContext.opposed_across_names`` analyses the premise again for every candidate renaming
(``subjects.renamed_premises``): a long pair whose differing runs each open with a name ("Turnout in district 3
fell. Turnout in district 4 fell. ..." against other districts) had one candidate per run, each a full ``analyse``
and alignment of the long text, so the cost grew with the square of the length (100 districts a side: 6.6 s a
pair). The candidates are now capped (``subjects.MAX_RENAMED_PREMISES``); the test counts analyses, not seconds.

"NYC" was no abbreviation of "New York" (initials and the initial of the place's kind), so "Crime in NYC rose" /
"Crime in New York fell" was two facts about two things (issue 21: ``place_kind`` in ``roles.tsv``)."""

from __future__ import annotations

import pytest

from embeddings.signals import context
from embeddings.signals.context import PairContext
from embeddings.signals.statement import Analysis, analyse

DISTRICTS = 50


def test_other_subject_of_a_long_pair_with_many_named_runs_analyses_a_few_renamings(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    premise = analyse(" ".join(f"Turnout in district {i} fell." for i in range(DISTRICTS)))
    hypothesis = analyse(" ".join(f"Turnout in district {i + 500} rose." for i in range(DISTRICTS)))
    analysed: list[str] = []

    def counted(text: str) -> Analysis:
        analysed.append(text)
        return analyse(text)

    monkeypatch.setattr(context, "analyse", counted)
    assert not PairContext(premise, hypothesis).other_subject  # two districts each time, but many differences
    assert 0 < len(analysed) <= 8  # not one analysis per differing run (50 here)


def test_a_city_written_short_with_its_kind_is_one_subject() -> None:
    """ "NYC" is "New York" with its C: the same place, so its opposite predicates are a contradiction to judge,
    not two facts about two things (``subjects._abbreviates`` took initials of every word or a first word's start)."""
    assert not PairContext(analyse("Crime in NYC rose."), analyse("Crime in New York fell.")).other_subject


@pytest.mark.parametrize(
    ("premise", "hypothesis"),
    [
        ("Crime in New York rose.", "Crime in NYC fell."),
        ("Rents in NYC went up last year.", "Rents in New York went down last year."),
        ("Rents in SLC rose.", "Rents in Salt Lake fell."),
        ("Flooding in HCMC rose.", "Flooding in Ho Chi Minh fell."),
        ("Unemployment in NYS rose.", "Unemployment in New York fell."),
    ],
)
def test_a_place_written_as_initials_and_its_kind_is_one_subject(premise: str, hypothesis: str) -> None:
    """Initials and the initial of a place's kind (city, state: ``place_kind`` in ``roles.tsv``) name the place
    that the initials name without it, either way round."""
    assert not PairContext(analyse(premise), analyse(hypothesis)).other_subject


@pytest.mark.parametrize(
    ("premise", "hypothesis"),
    [
        ("The NYU budget rose.", "The New York budget fell."),  # a university, not its city
        ("Enrolment at NYU rose.", "Enrolment in New York fell."),
        ("The NYT reported that crime rose.", "New York reported that crime fell."),  # a newspaper
        ("Crime in NYC rose.", "Crime in New Jersey fell."),  # other initials
        ("Crime in NJC rose.", "Crime in New York fell."),
    ],
)
def test_initials_with_another_kind_name_another_thing(premise: str, hypothesis: str) -> None:
    """Only a place's kind makes initials the place: "NYU" is a university in New York and "NYT" a newspaper, other
    things than New York; and initials of another name are another name."""
    assert PairContext(analyse(premise), analyse(hypothesis)).other_subject
