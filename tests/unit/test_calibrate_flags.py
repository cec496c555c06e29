"""The flag operating point's arithmetic: flag metrics, the one-way and symmetric decisions, the recommendation,\nand the served rows (the judge's flags gated as /v1/compare gates them)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from benchmarks.calibrate_flags import Source, clef_dev_sources, flags_at, recommend, served_flags, served_points
from db.database import Database
from embeddings.judge import Judgement, Relation
from embeddings.nli.evaluate import flag_metrics
from embeddings.rule_judge import HYBRID_THRESHOLDS
from service.config import Settings
from service.services.checking import CheckService
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


class _FakeEncoder:
    """Unit vectors chosen per text, so each pair's cosine is what the test says it is."""

    name, version, dim = "fake", "1", 16

    def __init__(self, vectors: dict[str, np.ndarray]) -> None:
        self.vectors = vectors

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        return np.stack([self.vectors[text] for text in texts]).astype(np.float32)


class _FakeJudge:
    """A fixed relation and signals per (premise, hypothesis); neutral for any other pair."""

    name, version = "fake", "1"

    def __init__(self, calls: dict[tuple[str, str], tuple[Relation, list[str]]]) -> None:
        self.calls = calls

    def judge(self, pairs: Sequence[tuple[str, str]]) -> list[Judgement]:
        probabilities = {"entailment": 0.1, "neutral": 0.1, "contradiction": 0.8}
        called = [self.calls.get(pair, ("neutral", [])) for pair in pairs]
        return [Judgement(relation, probabilities, list(signals)) for relation, signals in called]


def _pair_at(index: int, similarity: float, alike: bool = False) -> tuple[tuple[str, str], dict[str, np.ndarray]]:
    """Two short sentences whose embeddings have cosine ``similarity``; ``alike``: worded alike (most of their words
    shared, ``signals.frames.worded_alike``), else sharing none but the number."""
    if alike:
        premise, hypothesis = f"Statement number {index} on record.", f"Statement number {index} checked."
    else:
        premise, hypothesis = f"Harbour fees rose in district {index}.", f"Voters backed the mayor in ward {index}."
    first, second = np.zeros(_FakeEncoder.dim), np.zeros(_FakeEncoder.dim)
    first[2 * index] = 1.0
    second[2 * index], second[2 * index + 1] = similarity, float(np.sqrt(1.0 - similarity**2))
    return (premise, hypothesis), {premise: first, hypothesis: second}


def test_served_rows_gate_the_judges_flags_as_compare_does() -> None:
    settings = Settings(
        relation_min_similarity=0.35, unsupported_relation_min_similarity=0.55, framed_relation_min_similarity=0.25
    )
    # (similarity, forward call, reversed call, gold contradiction, worded alike)
    cases: list[tuple[float, tuple[Relation, list[str]], tuple[Relation, list[str]], bool, bool]] = [
        (0.90, ("contradicts", ["number_mismatch"]), ("neutral", []), True, False),  # close, with a signal: kept
        (0.70, ("neutral", []), ("contradicts", []), False, False),  # only the reversed direction, close enough: kept
        (0.45, ("contradicts", []), ("contradicts", []), True, False),  # the model alone, merely topical: gated
        (0.20, ("contradicts", ["negation"]), ("neutral", []), False, False),  # below every floor: gated
        (0.40, ("contradicts", ["negation"]), ("neutral", []), True, False),  # a signal lowers the floor to 0.35: kept
    ]
    vectors: dict[str, np.ndarray] = {}
    calls: dict[tuple[str, str], tuple[Relation, list[str]]] = {}
    pairs = []
    for index, (similarity, forward, backward, _, alike) in enumerate(cases):
        pair, pair_vectors = _pair_at(index, similarity, alike)
        pairs.append(pair)
        vectors |= pair_vectors
        calls[pair], calls[(pair[1], pair[0])] = forward, backward
    gold = [case[3] for case in cases]
    first = Source("first", pairs[:4], gold[:4])
    second = Source("second", pairs[4:], gold[4:])
    checker = CheckService(Database.connect("sqlite://"), settings, _FakeEncoder(vectors), _FakeJudge(calls))

    flags = {source.name: served_flags(checker, source) for source in (first, second)}
    assert flags["first"] == {"symmetric": [True, True, False, False], "one_way": [True, False, False, False]}
    assert flags["second"] == {"symmetric": [True], "one_way": [True]}

    points = served_points([first, second], flags, HYBRID_THRESHOLDS)
    symmetric, one_way = points["symmetric"], points["one_way"]
    assert (symmetric["contradiction_threshold"], symmetric["temperature"]) == (
        HYBRID_THRESHOLDS.contradiction_threshold,
        HYBRID_THRESHOLDS.temperature,
    )
    assert (symmetric["pooled"]["flagged"], symmetric["pooled"]["true_flags"]) == (3, 2)
    assert symmetric["pooled"]["precision"] == symmetric["pooled"]["recall"] == round(2 / 3, 4)
    assert (one_way["pooled"]["precision"], one_way["pooled"]["recall"]) == (1.0, round(2 / 3, 4))
    assert symmetric["target_met"] and one_way["target_met"]
    assert symmetric["files"]["first"]["precision"] == symmetric["files"]["first"]["recall"] == 0.5
    assert one_way["files"]["second"]["flagged"] == 1


def test_served_rows_pass_a_model_contradiction_worded_alike_from_the_lower_floor() -> None:
    """The gate's worded-alike exception (``gate_by_similarity``) holds in the served rows as in ``/v1/compare``: the
    model alone at 0.45 alike is gated when the two share no wording and kept when they are worded alike."""
    settings = Settings(
        relation_min_similarity=0.35, unsupported_relation_min_similarity=0.55, framed_relation_min_similarity=0.25
    )
    vectors: dict[str, np.ndarray] = {}
    calls: dict[tuple[str, str], tuple[Relation, list[str]]] = {}
    pairs = []
    for index, alike in enumerate((False, True)):
        pair, pair_vectors = _pair_at(index, 0.45, alike)
        pairs.append(pair)
        vectors |= pair_vectors
        calls[pair], calls[(pair[1], pair[0])] = ("contradicts", []), ("neutral", [])
    source = Source("alike", pairs, [True, True])
    checker = CheckService(Database.connect("sqlite://"), settings, _FakeEncoder(vectors), _FakeJudge(calls))
    assert served_flags(checker, source) == {"symmetric": [False, True], "one_way": [False, True]}
