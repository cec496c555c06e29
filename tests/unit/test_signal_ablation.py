"""benchmarks/signal_ablation.py: switching a signal off judges a pair as if it had not fired."""

from __future__ import annotations

import numpy as np

from benchmarks.signal_ablation import (
    ALL,
    NOT_A_CONTRADICTION,
    Direction,
    ablate_file,
    relations_without_each_signal,
    without,
)
from embeddings.nli.data import LABEL_TO_ID
from embeddings.rule_judge import HYBRID_THRESHOLDS, JudgeThresholds
from embeddings.signals import SIGNAL_NAMES, compute_signals

RISING = "The river is rising after days of heavy rain."
FALLING = "The river is falling after days of heavy rain."
REQUEST = "The U.S.-led Coalition is in Iraq at the request of the Iraqi government."
WISHES = "The Coalition is in Iraq against the wishes of the Iraqi government."


def test_without_removes_one_signal_and_its_negation_flag() -> None:
    report = compute_signals("The U.S. respects Iraqi sovereignty.", "The U.S. does not respect Iraqi sovereignty.")
    assert report.plain_negation
    stripped = without(report, "negation")
    assert "negation" not in stripped.strengths
    assert not stripped.plain_negation
    assert without(report, "antonym") == report
    assert without(report, None) == report


def test_ablation_counts_what_each_signal_earns() -> None:
    pairs = [(RISING, FALLING), (WISHES, REQUEST), (REQUEST, REQUEST)]
    reports = [compute_signals(p, h) for p, h in pairs]
    confident_entailment = np.array([[0.95, 0.03, 0.02]] * 3, dtype=np.float32)
    contradiction = LABEL_TO_ID["contradiction"]
    gold = [contradiction, contradiction, NOT_A_CONTRADICTION]
    result = ablate_file(Direction(confident_entailment, reports), gold, HYBRID_THRESHOLDS, JudgeThresholds())
    assert result["n"] == 3
    assert result["hybrid"][ALL] == 3  # the swaps override the model; the identical pair is no contradiction
    assert result["hybrid"]["antonym_swap"] == 1  # without it the model's entailment wins on both swaps
    assert result["hybrid"]["number_mismatch"] == 3  # never fired: nothing changes
    assert result["fired"]["antonym_swap"] == 2
    assert set(result["fired"]) == set(SIGNAL_NAMES)


def test_relations_are_counted_per_group_for_every_variant() -> None:
    pairs = [(RISING, FALLING), (REQUEST, REQUEST)]
    reports = [compute_signals(p, h) for p, h in pairs]
    probabilities = np.array([[0.95, 0.03, 0.02]] * 2, dtype=np.float32)
    counts = relations_without_each_signal(
        Direction(probabilities, reports), None, ["other match", "repeated claim"], HYBRID_THRESHOLDS
    )
    assert set(counts) == {ALL, *SIGNAL_NAMES}
    assert counts[ALL]["other match"] == {"entails": 0, "neutral": 0, "contradicts": 1}
    assert counts["antonym_swap"]["other match"] == {"entails": 1, "neutral": 0, "contradicts": 0}
    assert counts[ALL]["repeated claim"] == {"entails": 1, "neutral": 0, "contradicts": 0}


def test_a_pair_judged_both_ways_contradicts_when_either_direction_does() -> None:
    """The service judges a match both ways (judge_both_ways); a CLEF repeat is judged the same way here."""
    pairs = [(RISING, FALLING)]
    forward = Direction(np.array([[0.95, 0.03, 0.02]], dtype=np.float32), [compute_signals(RISING, FALLING)])
    # The swap reads the same both ways; the model is as sure of an entailment in each direction.
    backward = Direction(np.array([[0.95, 0.03, 0.02]], dtype=np.float32), [compute_signals(FALLING, RISING)])
    one_way = ablate_file(forward, [NOT_A_CONTRADICTION], HYBRID_THRESHOLDS, JudgeThresholds())
    both = ablate_file(forward, [NOT_A_CONTRADICTION], HYBRID_THRESHOLDS, JudgeThresholds(), backward)
    assert one_way["hybrid"][ALL] == both["hybrid"][ALL] == 0  # a swap of a repeat would be a false flag
    assert both["hybrid"]["antonym_swap"] == 1
    counts = relations_without_each_signal(forward, backward, ["other match"], HYBRID_THRESHOLDS)
    assert counts[ALL]["other match"]["contradicts"] == len(pairs)
