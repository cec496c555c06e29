"""The model's probabilities for a file's pairs, kept on disk between evaluation runs.

A change to the signals or thresholds changes nothing the model computes, yet `make eval-nli` and `make eval-signals`
ran the cross-encoder over every pair again (most of their half hour). Probabilities are kept under
``.cache/nli-probabilities/<model version>-<precision>/<file>-<digest of its pairs>.npy``, so a new model, another
precision, or a changed or resampled file is computed afresh.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

CACHE_DIR = Path(__file__).resolve().parents[2] / ".cache" / "nli-probabilities"


def pairs_digest(pairs: Sequence[tuple[str, str]]) -> str:
    digest = hashlib.sha256()
    for premise, hypothesis in pairs:
        digest.update(f"{premise}\x1f{hypothesis}\x1e".encode())
    return digest.hexdigest()[:16]


def cache_path(model: Any, name: str, pairs: Sequence[tuple[str, str]], cache_dir: Path = CACHE_DIR) -> Path:
    return cache_dir / f"{model.version}-{model.precision}" / f"{name}-{pairs_digest(pairs)}.npy"


def cached_probabilities(
    model: Any, name: str, pairs: Sequence[tuple[str, str]], batch_size: int, cache_dir: Path = CACHE_DIR
) -> tuple[NDArray[np.float32], bool]:
    """The model's probabilities for ``pairs`` and whether they came from the cache (the same model, precision and
    pairs made them); computed and stored otherwise."""
    path = cache_path(model, name, pairs, cache_dir)
    if path.is_file():
        cached: NDArray[np.float32] = np.load(path)
        if cached.shape == (len(pairs), 3):
            return cached, True
    probabilities = np.asarray(model.predict(pairs, batch_size=batch_size), dtype=np.float32)
    path.parent.mkdir(parents=True, exist_ok=True)
    np.save(path, probabilities)
    return probabilities, False
