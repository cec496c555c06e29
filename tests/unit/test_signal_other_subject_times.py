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


@pytest.mark.parametrize(
    ("premise", "hypothesis"),
    [
        ("The company will report on Monday.", "The firm will report on Tuesday."),
        ("The corporation was founded in 1950.", "The company was founded in 1952."),
        ("The business was sold in March.", "The company was sold in June."),
    ],
)
def test_a_company_and_a_firm_are_one_subject(premise: str, hypothesis: str) -> None:
    """WordNet 3.0 files company.n.01 ("an institution created to conduct business") and business.n.01, the hypernym
    of firm.n.01 and corporation.n.01, on two branches of organization.n.01; the added link
    (``wordnet_added_hypernyms.tsv``) makes them one kind of thing, so their dates conflict (issue 21)."""
    for first, second in ((premise, hypothesis), (hypothesis, premise)):
        assert not PairContext.of(first, second).other_subject
        assert "date_mismatch" in compute_signals(first, second).fired


@pytest.mark.parametrize(
    ("premise", "hypothesis"),
    [
        ("The company was founded in 1998.", "The school was founded in 2001."),  # both institutions
        ("The museum opened in 1994.", "The library opened in 1996."),  # both repositories
    ],
)
def test_two_kinds_under_one_near_hypernym_stay_two_facts(premise: str, hypothesis: str) -> None:
    """A shared hypernym is no link: a company and a school are both institutions, a museum and a library both
    repositories, and each is another thing."""
    for first, second in ((premise, hypothesis), (hypothesis, premise)):
        assert PairContext.of(first, second).other_subject
