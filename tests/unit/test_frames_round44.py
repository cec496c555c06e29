"""Judge rules 44: a one-sided negation told in one frame is decisive (audits h81, h86).

"Global growth will slow to 2 percent next year." against "Global growth will not slow next year." fired the
``negation`` signal, but a plain "not" weighs nothing in the hybrid and the model read the pair as entailment
(0.68). The negated statement is the shorter one and every other word of it is in the longer one: the negation denies
what the longer one states. On the NLI training files 86 % of such pairs (1,172 of 1,361) are contradictions, so
``negation_swap`` (decisive) now covers them (``frames.framed_negation``)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from numpy.typing import NDArray

from db.migrate import upgrade
from embeddings.judge import judge_both_ways
from embeddings.rule_judge import HybridJudge
from service.config import Settings
from service.runtime import Runtime
from service.services.checking import CheckService
from tests.unit.signal_pairs import fired

GROWTH = "Global growth will slow to 2 percent next year."
NO_GROWTH_SLOWDOWN = "Global growth will not slow next year."


@pytest.mark.parametrize(
    ("premise", "hypothesis"),
    [
        (GROWTH, NO_GROWTH_SLOWDOWN),
        ("Exports to China grew by 12 percent in 2023.", "Exports to China did not grow in 2023."),
        (
            "it will close its Manchester plant by the end of the year, cutting 400 jobs",
            "Harlow Motors will not close its Manchester plant by the end of the year.",
        ),
    ],
)
def test_a_negated_shorter_statement_told_within_the_longer_is_a_negation_swap(premise: str, hypothesis: str) -> None:
    assert "negation_swap" in fired(premise, hypothesis)
    assert "negation_swap" in fired(hypothesis, premise)


@pytest.mark.parametrize(
    ("premise", "hypothesis"),
    [
        (GROWTH, "Global growth did not slow last year."),  # another time
        (GROWTH, "Inflation will not slow next year."),  # another subject
        ("Global growth may slow to 2 percent next year.", NO_GROWTH_SLOWDOWN),  # the longer one hedged
        ("Global growth could slow to 2 percent next year, economists warned.", NO_GROWTH_SLOWDOWN),
        (  # the negation is the longer one's and denies its own detail
            "The museum is not open on Mondays but welcomes visitors every other day of the week.",
            "The museum welcomes visitors every other day of the week.",
        ),
        ("Nobody expects the plant to close before 2026, the union said.", "The plant will close before 2026."),
        ("Global growth will not slow next year, the fund said.", NO_GROWTH_SLOWDOWN),  # negated on both sides
    ],
)
def test_no_swap_for_another_time_subject_a_hedge_or_the_longer_ones_negation(premise: str, hypothesis: str) -> None:
    assert "negation_swap" not in fired(premise, hypothesis)
    assert "negation_swap" not in fired(hypothesis, premise)


class _Entailing:
    """What the shipped model said of the audited pair: entailment 0.68."""

    def predict(self, pairs: Sequence[tuple[str, str]], batch_size: int = 64) -> NDArray[np.floating[Any]]:
        return np.tile(np.array([0.68, 0.22, 0.10]), (len(pairs), 1))


def test_the_model_cannot_overrule_a_framed_negation() -> None:
    judge = HybridJudge(_Entailing())
    [framed, hedged] = judge.judge(
        [(GROWTH, NO_GROWTH_SLOWDOWN), ("Global growth may slow to 2 percent next year.", NO_GROWTH_SLOWDOWN)]
    )
    assert framed.relation == "contradicts", framed.signals
    assert hedged.relation == "entails"  # no frame: the model's word stands


@pytest.mark.slow
def test_the_audited_pair_is_a_contradiction_with_the_real_models(tmp_path: Path, real_models: Runtime) -> None:
    [both_ways] = judge_both_ways(real_models.judge, [(GROWTH, NO_GROWTH_SLOWDOWN)])
    assert both_ways.relation == "contradicts", both_ways.signals
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'frames.db'}", load_models_on_startup=False)
    upgrade(settings.database_url)
    runtime = Runtime.create(settings)
    runtime.use_models(real_models.encoder, real_models.judge)
    try:
        checker = CheckService(runtime.db, runtime.settings, runtime.encoder, runtime.judge)
        [compared] = checker.compare([(GROWTH, NO_GROWTH_SLOWDOWN)])
    finally:
        runtime.close()
    assert compared.relation == "contradicts", compared.signals
