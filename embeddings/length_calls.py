"""Texts sent to the encoder in calls of like lengths, so a call's longest text pads few short ones.

The encoder pads each batch to its longest text. A bulk request's 500 texts in one call put its longest ones in a
batch with texts a fraction of their length (13% more padded tokens than the same texts sorted among 8,000, CLEF
claims), and encoded 103-107 texts/s against 117-118 in calls of like lengths (1 thread, CPU time). So each call
holds texts within ``SAME_LENGTH_RATIO`` of lengths, longest first, and at least ``SAME_LENGTH_LEAST`` of them (a
call costs about one text more). The judge plans its passes the same way with a measured pass overhead
(``embeddings.nli.batches``); the encoder's overhead has not been measured apart, hence the ratio here.

A call also holds at most ``MOST_PER_CALL`` texts, cut from a group as the encoder batches it (its default batch
size, in its order: ``_batches``), so the vectors are those of one call to the bit. The service's model serves one
call at a time (``service.inference``): a check that arrives while a bulk request is encoded waits for the call in
progress. 512 claims of 5,000 characters in one call kept a one-text encode waiting 65 s (2 busy cores); in calls
of 64, 5.6 s, the bulk taking the same CPU time.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from embeddings.encoder import Encoder

SAME_LENGTH_RATIO = 1.5
SAME_LENGTH_LEAST = 16
MOST_PER_CALL = 64


def same_length_calls(texts: Sequence[str]) -> list[list[int]]:
    """The texts' positions in encoder calls of like lengths (characters), longest first, at most ``MOST_PER_CALL``
    a call; every position once."""
    groups: list[list[int]] = []
    current: list[int] = []
    for i in sorted(range(len(texts)), key=lambda i: -len(texts[i])):
        if len(current) >= SAME_LENGTH_LEAST and len(texts[i]) * SAME_LENGTH_RATIO < len(texts[current[0]]):
            groups.append(current)
            current = []
        current.append(i)
    if current:
        groups.append(current)
    if len(groups) == 1:
        groups = [list(range(len(texts)))]  # alike: one call of the texts as given
    return [call for group in groups for call in _batches(texts, group)]


def _batches(texts: Sequence[str], group: list[int]) -> list[list[int]]:
    """A call of ``group`` cut into calls of at most ``MOST_PER_CALL``, each one of the batches the encoder makes of
    the whole call: sentence-transformers sorts a call's texts by length (``np.argsort`` of minus their lengths) and
    batches them in that order, so each piece pads as that batch did and the vectors are the same to the bit."""
    if len(group) <= MOST_PER_CALL:
        return [group]
    order = [group[int(k)] for k in np.argsort([-len(texts[i]) for i in group])]
    return [order[start : start + MOST_PER_CALL] for start in range(0, len(order), MOST_PER_CALL)]


def encode_by_length(encoder: Encoder, texts: Sequence[str]) -> np.ndarray:
    """The texts' vectors in order, encoded in calls of like lengths (``same_length_calls``)."""
    calls = same_length_calls(texts)
    if len(calls) <= 1:
        return encoder.encode(texts)
    vectors = np.empty((len(texts), encoder.dim), dtype=np.float32)
    for positions in calls:
        vectors[positions] = encoder.encode([texts[i] for i in positions])
    return vectors
