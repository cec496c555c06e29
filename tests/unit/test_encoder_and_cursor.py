"""The test encoder is deterministic and normalised; cursors round-trip, are signed, and reject garbage."""

from __future__ import annotations

import base64
from datetime import UTC, datetime

import numpy as np
import pytest

from db.pagination import CursorScope, CursorScopeError, CursorSigner, InvalidCursorError
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
    assert model_key(encoder) == "hashing@1-64d"
    # the default size keeps the stamp stored records have; another size is another model (re-embedded, never mixed)
    assert model_key(load_encoder("hashing")) == "hashing@1"
    assert model_key(load_encoder("hashing:256")) != model_key(load_encoder("hashing"))
    with pytest.raises(FileNotFoundError):
        load_encoder("/nonexistent/model")


def test_cursor_round_trip_and_garbage() -> None:
    signer = CursorSigner(b"k" * 32)
    at = datetime(2021, 4, 10, 12, 0, tzinfo=UTC)
    assert signer.decode(signer.encode(at, "abc")) == (at, "abc")
    for garbage in ("", "!!!", "bm90IGpzb24", signer.encode(at, "x")[:-3], "a.b.c", "x" * 600):
        with pytest.raises(InvalidCursorError):
            signer.decode(garbage)


def test_a_cursor_is_bound_to_its_list_and_filters() -> None:
    signer = CursorSigner(b"k" * 32)
    at = datetime(2021, 4, 10, 12, 0, tzinfo=UTC)
    claims_of_a = CursorScope.of("/v1/claims", [("speaker_id", ["a"]), ("stance", ["asserts"])])
    cursor = signer.encode(at, "abc", claims_of_a)
    same = CursorScope.of("/v1/claims", [("stance", ["asserts"]), ("speaker_id", ["a"])])  # any order
    assert signer.decode(cursor, same) == (at, "abc")
    with pytest.raises(CursorScopeError, match="another list"):
        signer.decode(cursor, CursorScope.of("/v1/sources", [("speaker_id", ["a"]), ("stance", ["asserts"])]))
    with pytest.raises(CursorScopeError, match="another list"):
        signer.decode(cursor)  # the unbound scope is a list of its own
    for other in ([("speaker_id", ["b"]), ("stance", ["asserts"])], [("speaker_id", ["a"])], []):
        with pytest.raises(CursorScopeError, match="other filters"):
            signer.decode(cursor, CursorScope.of("/v1/claims", other))
    # A cursor of the service before cursors were bound (signed, but no list in it) starts again.
    payload = b'["2021-04-10T12:00:00+00:00","abc"]'
    encoded = base64.urlsafe_b64encode(payload).decode().rstrip("=")
    signature = base64.urlsafe_b64encode(signer._sign(payload)).decode().rstrip("=")
    with pytest.raises(CursorScopeError, match="first page"):
        signer.decode(f"{encoded}.{signature}", claims_of_a)


def test_a_cursor_is_checked_before_it_is_decoded() -> None:
    """Whatever a forged cursor holds (a date out of range, deep nesting), it is refused for its signature."""
    signer = CursorSigner(b"k" * 32)
    payload, signature = signer.encode(datetime(2021, 4, 10, tzinfo=UTC), "abc").split(".")
    for forged in (b'["0001-01-01T00:00:00+01:00","x"]', b"[" * 5000 + b"]" * 5000):
        encoded = base64.urlsafe_b64encode(forged).decode().rstrip("=")
        with pytest.raises(InvalidCursorError, match="not one this service issued"):
            signer.decode(f"{encoded}.{signature}")
    other = CursorSigner(b"o" * 32)
    with pytest.raises(InvalidCursorError):
        other.decode(f"{payload}.{signature}")  # another key's cursor
