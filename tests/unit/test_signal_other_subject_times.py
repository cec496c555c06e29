"""Two common nouns WordNet does not link, each given its own date, are two facts (issue 21, audit of articles).

"The crossing would reopen on Sunday" / "The port will reopen on Monday" and "The bridge would open in March 2025" /
"The tram line would open in May" are two things with two times, and ``date_mismatch`` flagged them as
contradictions. A date conflict counts only when the statements' subjects are one: the same words, or words WordNet
lets stand for each other (synonyms, hypernyms: "film" / "movie", "ship" / "vessel")."""

from __future__ import annotations

import pytest

from embeddings.signals import compute_signals
from embeddings.signals.context import PairContext


@pytest.mark.parametrize(
    ("premise", "hypothesis"),
    [
        ("The crossing would reopen on Sunday.", "The port will reopen on Monday."),
        ("The bridge would open in March 2025.", "The tram line would open in May."),
        ("The church reopened in 2009.", "The theatre reopened in 2012."),
        ("The orchestra performed last year.", "The choir performed this year."),
    ],
)
def test_two_unlinked_things_at_two_times_are_two_facts(premise: str, hypothesis: str) -> None:
    for first, second in ((premise, hypothesis), (hypothesis, premise)):
        assert PairContext.of(first, second).other_subject
        fired = compute_signals(first, second).fired
        assert "other_subject" in fired and "date_mismatch" not in fired


@pytest.mark.parametrize(
    ("premise", "hypothesis"),
    [
        ("The crossing would reopen on Sunday.", "The crossing will reopen on Monday."),  # one thing
        ("The vessel docked on Tuesday.", "The ship docked on Thursday."),  # a hypernym
        ("The film premiered in May.", "The movie premiered in July."),  # synonyms
        ("The church reopened in 2009.", "The zorblat reopened in 2012."),  # a word WordNet does not know
        ("The old gallery reopened in 2009.", "The new gallery reopened in 2012."),  # no noun put for a noun
    ],
)
def test_one_subject_or_an_unknown_word_keeps_the_date_conflict(premise: str, hypothesis: str) -> None:
    assert not PairContext.of(premise, hypothesis).other_subject
    assert "date_mismatch" in compute_signals(premise, hypothesis).fired


def test_two_things_on_one_date_are_not_told_apart_by_this_rule() -> None:
    """Without two times nothing here applies: "museum" / "library" on one date is ``substituted_term``'s to read."""
    assert not PairContext.of("The museum opened in 1994.", "The library opened in 1994.").other_subject
