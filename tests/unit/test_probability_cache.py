"""embeddings/nli/probability_cache.py: the model runs once per model, precision and set of pairs."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from embeddings.nli.probability_cache import cached_probabilities


class CountingModel:
    """Probabilities from the pair's length, and a count of the pairs it was asked to judge."""

    def __init__(self, version: str = "v1", precision: str = "fp32") -> None:
        self.version, self.precision, self.judged = version, precision, 0

    def predict(self, pairs: Sequence[tuple[str, str]], batch_size: int) -> list[list[float]]:
        self.judged += len(pairs)
        return [[len(a) / 100, len(b) / 100, 0.5] for a, b in pairs]


PAIRS = [("The river is rising.", "The river is falling."), ("Taxes rose.", "Taxes went up.")]


def test_the_second_run_reads_what_the_first_computed(tmp_path: Path) -> None:
    model = CountingModel()
    first, cached_first = cached_probabilities(model, "file", PAIRS, 8, tmp_path)
    again, cached_again = cached_probabilities(model, "file", PAIRS, 8, tmp_path)
    assert (cached_first, cached_again, model.judged) == (False, True, 2)
    np.testing.assert_array_equal(first, again)
    assert first.dtype == np.float32 and first.shape == (2, 3)


def test_other_pairs_another_model_or_precision_are_computed_afresh(tmp_path: Path) -> None:
    model = CountingModel()
    cached_probabilities(model, "file", PAIRS, 8, tmp_path)
    _, cached = cached_probabilities(model, "file", [*PAIRS, ("A new pair.", "Another.")], 8, tmp_path)
    assert not cached and model.judged == 5
    for other in (CountingModel(version="v2"), CountingModel(precision="bf16")):
        _, cached = cached_probabilities(other, "file", PAIRS, 8, tmp_path)
        assert not cached and other.judged == 2


def test_a_file_of_the_wrong_shape_is_recomputed(tmp_path: Path) -> None:
    model = CountingModel()
    cached_probabilities(model, "file", PAIRS, 8, tmp_path)
    (stored,) = tmp_path.rglob("*.npy")
    np.save(stored, np.zeros((1, 3), dtype=np.float32))
    probabilities, cached = cached_probabilities(model, "file", PAIRS, 8, tmp_path)
    assert not cached and probabilities.shape == (2, 3) and model.judged == 4
