"""Opaque keyset cursors: (created_at, id) of the last item seen, so pages never skip or repeat rows.

A cursor is signed (HMAC-SHA256 with the service's cursor key) and its signature is checked before anything in it
is decoded: a client can only hand back cursors the service issued, so a crafted one (an out-of-range date, deeply
nested JSON) is refused as a whole, never parsed.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
from datetime import UTC, datetime

MAX_CURSOR_LENGTH = 512
_SIGNATURE_BYTES = 16


class InvalidCursorError(ValueError):
    pass


def _b64encode(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _b64decode(text: str) -> bytes:
    return base64.urlsafe_b64decode((text + "=" * (-len(text) % 4)).encode())


class CursorSigner:
    """Issues and checks the cursors of every list, with one key."""

    def __init__(self, key: bytes) -> None:
        if len(key) < 16:
            raise ValueError("a cursor key has at least 16 bytes")
        self._key = key

    def _sign(self, payload: bytes) -> bytes:
        return hmac.new(self._key, payload, hashlib.sha256).digest()[:_SIGNATURE_BYTES]

    def encode(self, created_at: datetime, item_id: str) -> str:
        payload = json.dumps([created_at.astimezone(UTC).isoformat(), item_id], separators=(",", ":")).encode()
        return f"{_b64encode(payload)}.{_b64encode(self._sign(payload))}"

    def decode(self, cursor: str) -> tuple[datetime, str]:
        if len(cursor) > MAX_CURSOR_LENGTH or cursor.count(".") != 1:
            raise InvalidCursorError("cursor is not one this service issued")
        encoded_payload, encoded_signature = cursor.split(".")
        try:
            payload, signature = _b64decode(encoded_payload), _b64decode(encoded_signature)
        except (binascii.Error, ValueError):
            raise InvalidCursorError("cursor is not one this service issued") from None
        if not hmac.compare_digest(signature, self._sign(payload)):
            raise InvalidCursorError("cursor is not one this service issued (or was issued under another key)")
        try:  # ours, so well-formed; checked all the same
            created_at, item_id = json.loads(payload)
            at = datetime.fromisoformat(created_at)
        except (ValueError, TypeError) as exc:
            raise InvalidCursorError("cursor is not one this service issued") from exc
        if at.tzinfo is None or not isinstance(item_id, str):
            raise InvalidCursorError("cursor is not one this service issued")
        return at, item_id
