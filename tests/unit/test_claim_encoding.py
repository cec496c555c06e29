"""Claim texts are encoded in calls of like lengths (the encoder pads a batch to its longest text): each text still
gets its own normalised text's vector, in input order."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from embeddings.encoder import HashingEncoder, load_encoder
from embeddings.length_calls import SAME_LENGTH_LEAST, SAME_LENGTH_RATIO
from embeddings.text_normalize import normalize_or_keep
from service.services.claims import encode_claim_texts


class RecordingEncoder(HashingEncoder):
    """The hashing encoder, remembering the texts of each call."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[list[str]] = []

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.calls.append(list(texts))
        return super().encode(texts)


def mixed_texts(count: int) -> list[str]:
    """Claim-like texts from a few words to a long paragraph, in no order of length."""
    rng = np.random.default_rng(3)
    words = [
        "the",
        "minister",
        "said",
        "troops",
        "in",
        "the",
        "region",
        "had",
        "dropped",
        "to",
        "about",
        "2,500",
        "over",
        "recent",
        "months",
    ]
    return [
        " ".join(str(w) for w in rng.choice(words, int(n))) + f" ({i})."
        for i, n in enumerate(rng.integers(3, 250, count))
    ]


def test_each_text_gets_its_own_vector_in_input_order() -> None:
    texts = mixed_texts(500)
    encoder = RecordingEncoder()
    vectors = encode_claim_texts(encoder, texts)
    expected = HashingEncoder().encode([normalize_or_keep(t) for t in texts])
    assert vectors.dtype == np.float32 and vectors.shape == (500, 384)
    assert np.array_equal(vectors, expected)
    assert sorted(t for call in encoder.calls for t in call) == sorted(normalize_or_keep(t) for t in texts)


def test_a_call_holds_texts_of_like_lengths() -> None:
    """Past its first ``SAME_LENGTH_LEAST`` texts (a call costs about one text), no text in a call is shorter than
    its longest by more than ``SAME_LENGTH_RATIO``: a bulk request's longest texts no longer pad its shortest."""
    encoder = RecordingEncoder()
    encode_claim_texts(encoder, mixed_texts(500))
    assert len(encoder.calls) > 1
    for call in encoder.calls:
        lengths = sorted((len(t) for t in call), reverse=True)
        assert all(n * SAME_LENGTH_RATIO >= lengths[0] for n in lengths[SAME_LENGTH_LEAST:])


def test_few_or_alike_texts_are_one_call() -> None:
    encoder = RecordingEncoder()
    assert encode_claim_texts(encoder, []).shape == (0, 384)
    encode_claim_texts(encoder, ["Troops have left."])
    encode_claim_texts(encoder, mixed_texts(SAME_LENGTH_LEAST))
    assert [len(c) for c in encoder.calls] == [0, 1, SAME_LENGTH_LEAST]


def test_minilm_vectors_are_those_of_one_call() -> None:
    """With the real encoder, calls of like lengths give the vectors one call gives (to float rounding: a batch's
    padding is masked out)."""
    encoder = load_encoder("minilm")
    texts = mixed_texts(120)
    one_call = encoder.encode([normalize_or_keep(t) for t in texts])
    grouped = encode_claim_texts(encoder, texts)
    assert np.allclose(grouped, one_call, atol=1e-5)
    assert float(np.min(np.sum(grouped * one_call, axis=1))) > 0.99999
