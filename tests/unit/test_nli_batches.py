"""Forward passes planned by length: every pair once, no batch over the size, and the cheapest split."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from embeddings.nli.batches import length_batches


def cost(lengths: list[int], batches: list[list[int]], overhead: int) -> int:
    return sum(overhead + len(batch) * max(lengths[i] for i in batch) for batch in batches)


def test_like_lengths_stay_one_pass() -> None:
    assert length_batches([80, 82, 81, 83, 80, 79], 64) == [[5, 0, 4, 2, 1, 3]]


def test_a_few_long_pairs_get_their_own_pass() -> None:
    """Four checks merged: 20 tweet-length pairs and 4 that run to the 128-token cap."""
    lengths = [40] * 20 + [128] * 4
    batches = length_batches(lengths, 64, overhead_tokens=200)
    assert [sorted(b) for b in batches] == [list(range(20)), [20, 21, 22, 23]]
    assert cost(lengths, batches, 200) < cost(lengths, [list(range(24))], 200)


def test_no_pass_goes_over_the_size_and_empty_input_has_none() -> None:
    batches = length_batches([10] * 10, 4)
    assert all(len(b) <= 4 for b in batches) and len(batches) == 3  # the fewest passes: equal lengths pad nothing
    assert sorted(itertools.chain.from_iterable(batches)) == list(range(10))
    assert length_batches([], 64) == []
    with pytest.raises(ValueError, match="max_size"):
        length_batches([1], 0)


@settings(max_examples=200, deadline=None)
@given(
    lengths=st.lists(st.integers(min_value=1, max_value=128), min_size=1, max_size=7),
    max_size=st.integers(min_value=1, max_value=8),
    overhead=st.integers(min_value=0, max_value=300),
)
def test_the_plan_is_the_cheapest_split_of_the_sorted_pairs(lengths: list[int], max_size: int, overhead: int) -> None:
    """Against every split of the sorted order into runs of at most ``max_size`` (small inputs: all of them)."""
    batches = length_batches(lengths, max_size, overhead)
    assert sorted(itertools.chain.from_iterable(batches)) == list(range(len(lengths)))
    assert all(1 <= len(b) <= max_size for b in batches)
    order = sorted(range(len(lengths)), key=lambda i: (lengths[i], i))
    best = None
    for cuts in itertools.product([False, True], repeat=len(order) - 1):
        runs, run = [], [order[0]]
        for index, cut in zip(order[1:], cuts, strict=True):
            if cut:
                runs.append(run)
                run = []
            run.append(index)
        runs.append(run)
        if all(len(r) <= max_size for r in runs):
            found = cost(lengths, runs, overhead)
            best = found if best is None else min(best, found)
    assert cost(lengths, batches, overhead) == best


@pytest.mark.slow
def test_the_real_model_gives_each_pair_the_same_probabilities_in_any_company() -> None:
    """Merged requests' pairs of mixed lengths, planned into several passes, score as each does alone."""
    from embeddings.nli.model import WEIGHTS_FILE, NliCrossEncoder, resolve_model_dir

    model_dir = resolve_model_dir()
    if not (model_dir / WEIGHTS_FILE).is_file():
        pytest.skip(f"no exported NLI model at {model_dir} (train one, or set CLAIMLEDGER_NLI_MODEL_DIR)")
    model = NliCrossEncoder(model_dir, precision="fp32", threads=1)
    long = " ".join(["The committee heard evidence from farmers, scientists and officials over three days."] * 6)
    pairs = [
        ("The court upheld the ban.", "The court overturned the ban."),
        (long, "The committee heard evidence."),
        ("Exports rose.", "Imports rose."),
        (long, "Nobody gave evidence to the committee."),
        ("The river is rising.", "The river is falling."),
    ]
    together = model.predict(pairs, batch_size=64)
    alone = np.vstack([model.predict([pair]) for pair in pairs])
    assert np.abs(together - alone).max() < 1e-4
