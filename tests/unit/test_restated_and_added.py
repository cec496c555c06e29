"""One statement restated whole with a conjunct of its own added that carries a figure or a date ("The company was
founded in 1998." / "The company was founded in 1998 and went public in 2004.") is added detail: the conjunct tells
something else, and the model's contradiction, which no signal checked, is stopped (h108; on the NLI training files
such containment is under 5 % contradiction). A figure added inside the restated words ("three offices"), a range
completed ("between 1926 and 1927") or a clause that is no conjunct ("which it closed in 2020") is not."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest
from numpy.typing import NDArray

from embeddings.judge import judge_both_ways
from embeddings.rule_judge import HYBRID_THRESHOLDS, HybridJudge
from tests.unit.signal_pairs import fired

SURE_OF_CONTRADICTION = (0.01, 0.01, 0.98)


class SureModel:
    """An NLI model sure that every pair contradicts: what the served model says of these pairs."""

    name = "sure-of-contradiction"
    version = "v0"

    def predict(self, pairs: Sequence[tuple[str, str]], batch_size: int = 64) -> NDArray[np.float32]:
        return np.array([SURE_OF_CONTRADICTION] * len(pairs), dtype=np.float32)


def hybrid_relation(premise: str, hypothesis: str) -> str:
    """The hybrid judge's relation over a model sure of a contradiction, both ways as /v1/compare judges."""
    judge = HybridJudge(SureModel(), HYBRID_THRESHOLDS)
    return judge_both_ways(judge, [(premise, hypothesis)])[0].relation


RESTATED_AND_ADDED = [
    ("The company was founded in 1998.", "The company was founded in 1998 and went public in 2004."),
    ("The museum reopened on March 3.", "The museum reopened on March 3, and a new wing followed on June 12."),
    ("The company was sold to a rival.", "The company went public in 2004 and was sold to a rival."),
    ("The airline flies to Tokyo.", "The airline flies to Tokyo and 12 other Asian cities."),
]


@pytest.mark.parametrize(("shorter", "longer"), RESTATED_AND_ADDED)
def test_a_conjunct_with_a_figure_added_is_added_detail(shorter: str, longer: str) -> None:
    assert "added_detail" in fired(shorter, longer)
    assert "added_detail" in fired(longer, shorter)


@pytest.mark.parametrize(("shorter", "longer"), RESTATED_AND_ADDED)
def test_the_models_contradiction_is_stopped(shorter: str, longer: str) -> None:
    assert hybrid_relation(shorter, longer) != "contradicts"


NOT_A_CONJUNCT = [
    # A figure inside the restated words counts what they named.
    ("The company has offices in London.", "The company has three offices in London."),
    ("The company has offices in London.", "The company has 3 offices in London and Paris."),
    # "and" ends a range "between" opened: the premise's date is one end of it.
    ("The station closed between 2 August 1926.", "The station closed between 2 August 1926 and 7 March 1927."),
    # A relative clause, no conjunct: it says something of the restated words.
    ("The company has offices in London.", "The company has offices in London, which it closed in 2020."),
    # Neither does the conjunct excuse a negation or a weakener added with it.
    ("The bridge opened in 2019.", "The bridge opened in 2019 and was not used until 2021."),
    ("The bridge opened in 2019.", "The bridge opened in 2019 and was almost closed in 2021."),
]


@pytest.mark.parametrize(("shorter", "longer"), NOT_A_CONJUNCT)
def test_a_figure_outside_a_conjunct_of_its_own_is_no_added_detail(shorter: str, longer: str) -> None:
    assert "added_detail" not in fired(shorter, longer)
    assert "added_detail" not in fired(longer, shorter)


def test_added_detail_outweighs_a_model_sure_of_a_contradiction() -> None:
    """Weight 5: a model 0.98 sure of a contradiction ("offices in London" / "offices in London and Singapore")
    is outweighed, as it was not with 3 (h108: on the training files such pairs are rarely contradictions)."""
    shorter, longer = "The company has offices in London.", "The company has offices in London and Singapore."
    assert "added_detail" in fired(shorter, longer)
    assert hybrid_relation(shorter, longer) != "contradicts"
