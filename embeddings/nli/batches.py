"""Which pairs go into one forward pass: batches planned by length, so a batch of mixed lengths pads little.

A pass over a batch costs about a fixed overhead plus work for every padded token (size x longest). One batch for
every pair is cheap in overhead but pads every short pair to the longest; one pass per pair pads nothing but pays
the overhead each time. With the pairs sorted by length, the cheapest split into runs is found exactly by a short
dynamic programme. Measured on this project's CPU (2 cores, the shipped cross-encoder in bf16, CLEF tweets
against verified claims): four checks' 24 pairs merged into one pass cost 5.6 ms a pair, planned 4.9, four
passes of 6 pairs 6.1 (``benchmarks/LOAD.md``).
"""

from __future__ import annotations

from collections.abc import Sequence

# The fixed cost of one forward pass, in padded tokens' worth of work: ~10 ms against ~0.05 ms per padded token
# for the shipped BERT-small cross-encoder on 2 cores (the measurement above).
PASS_OVERHEAD_TOKENS = 200


def length_batches(
    lengths: Sequence[int], max_size: int, overhead_tokens: int = PASS_OVERHEAD_TOKENS
) -> list[list[int]]:
    """Indexes of ``lengths`` (tokens per pair) grouped into batches of at most ``max_size``, shortest first, that
    minimise ``sum(overhead_tokens + size * longest)``: every index exactly once."""
    if max_size < 1:
        raise ValueError("max_size must be at least 1")
    order = sorted(range(len(lengths)), key=lambda i: (lengths[i], i))
    count = len(order)
    best = [0] + [-1] * count  # best[b]: the least cost of the first b pairs in sorted order
    start = [0] * (count + 1)
    for end in range(1, count + 1):
        longest = lengths[order[end - 1]]
        for first in range(max(0, end - max_size), end):
            cost = best[first] + overhead_tokens + (end - first) * longest
            if best[end] < 0 or cost < best[end]:
                best[end], start[end] = cost, first
    batches: list[list[int]] = []
    end = count
    while end > 0:
        batches.append(order[start[end] : end])
        end = start[end]
    return batches[::-1]
