"""The flag operating point's arithmetic: flag metrics, the one-way and symmetric decisions, the recommendation."""

from __future__ import annotations

import numpy as np

from benchmarks.calibrate_flags import clef_dev_sources, flags_at, recommend
from embeddings.nli.evaluate import flag_metrics
from tests.conftest import shared_path


def test_flag_metrics_counts_true_and_false_flags() -> None:
    metrics = flag_metrics([True, True, False, False, True], [True, False, True, False, True])
    assert (metrics["contradictions"], metrics["flagged"], metrics["true_flags"]) == (3, 3, 2)
    assert metrics["precision"] == metrics["recall"] == round(2 / 3, 4)
    assert flag_metrics([False, False], [False, False])["f1"] == 0.0


def test_one_way_reads_the_first_direction_and_symmetric_either() -> None:
    # Columns: P(contradiction) premise-first, then reversed; -1 where contradiction was not the judge's call.
    scores = np.array([[0.9, -1.0], [-1.0, 0.7], [0.45, 0.38], [-1.0, -1.0]])
    assert flags_at(scores, 0.4, "one_way") == [True, False, True, False]
    assert flags_at(scores, 0.4, "symmetric") == [True, True, True, False]
    assert flags_at(scores, 0.5, "symmetric") == [True, True, False, False]


def test_recommend_takes_the_highest_recall_that_keeps_precision() -> None:
    curve = [
        {
            "temperature": 1.0,
            "contradiction_threshold": 0.4,
            "precision": 0.55,
            "recall": 0.8,
            "f1": 0.65,
            "flagged": 9,
        },
        {
            "temperature": 1.0,
            "contradiction_threshold": 0.6,
            "precision": 0.62,
            "recall": 0.6,
            "f1": 0.61,
            "flagged": 6,
        },
        {
            "temperature": 2.0,
            "contradiction_threshold": 0.6,
            "precision": 0.70,
            "recall": 0.4,
            "f1": 0.52,
            "flagged": 4,
        },
    ]
    assert recommend(curve, 0.6)["contradiction_threshold"] == 0.6
    assert recommend(curve, 0.6)["temperature"] == 1.0
    fallback = recommend(curve, 0.9)
    assert (fallback["contradiction_threshold"], fallback["rule"]) == (0.4, "no point reaches precision 0.9: best F1")


def test_clef_dev_halves_are_disjoint_seeded_and_never_contradictions() -> None:
    clef_dir = shared_path("data", "clef2020-claim-matching")
    calibration, test = clef_dev_sources(clef_dir, seed=13)
    tweets = ({hypothesis for _, hypothesis in calibration.pairs}, {hypothesis for _, hypothesis in test.pairs})
    assert tweets[0] and tweets[1] and not tweets[0] & tweets[1]
    assert not any(calibration.contradicts) and not any(test.contradicts)
    again, _ = clef_dev_sources(clef_dir, seed=13)
    other, _ = clef_dev_sources(clef_dir, seed=14)
    assert again.pairs == calibration.pairs != other.pairs
