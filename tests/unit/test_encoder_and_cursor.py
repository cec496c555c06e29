"""The test encoder is deterministic and normalised; cursors round-trip and reject garbage."""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np
import pytest

from db.pagination import InvalidCursorError, decode_cursor, encode_cursor
from embeddings.encoder import HashingEncoder, load_encoder, model_key


def test_hashing_encoder_is_deterministic_unit_and_topical() -> None:
    encoder = HashingEncoder(dim=128)
    a, b, c = encoder.encode(["Troops dropped to 2,500.", "Troops dropped to 2,500.", "The weather was sunny."])
    assert a.shape == (128,)
    assert np.allclose(a, b)
    assert abs(float(np.linalg.norm(a)) - 1.0) < 1e-5
    near = float(a @ encoder.encode(["The troops dropped."])[0])
    far = float(a @ c)
    assert near > far
    assert encoder.encode([]).shape == (0, 128)


def test_encoder_spec_and_model_key() -> None:
    encoder = load_encoder("hashing:64")
    assert encoder.dim == 64
    assert model_key(encoder) == "hashing@1"
    with pytest.raises(FileNotFoundError):
        load_encoder("/nonexistent/model")


def test_cursor_round_trip_and_garbage() -> None:
    at = datetime(2021, 4, 10, 12, 0, tzinfo=UTC)
    assert decode_cursor(encode_cursor(at, "abc")) == (at, "abc")
    for garbage in ("", "!!!", "bm90IGpzb24", encode_cursor(at, "x")[:-3]):
        with pytest.raises(InvalidCursorError):
            decode_cursor(garbage)
