"""Opaque keyset cursors: (created_at, id) of the last item seen, so pages never skip or repeat rows.

A cursor is signed (HMAC-SHA256 with the service's cursor key) and its signature is checked before anything in it
is decoded: a client can only hand back cursors the service issued, so a crafted one (an out-of-range date, deeply
nested JSON) is refused as a whole, never parsed.

A cursor is also bound to its ``CursorScope``: the list that issued it and a digest of the filters it was issued
under, signed with the place. A place in one list means nothing in another (a source's (created_at, id) among
claims), and a cursor sent without its filters would page a different list from the middle; either is refused.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

MAX_CURSOR_LENGTH = 512
_SIGNATURE_BYTES = 16


class InvalidCursorError(ValueError):
    pass


class CursorScopeError(InvalidCursorError):
    """A cursor the service issued, but for another list or other filters."""


@dataclass(frozen=True, slots=True)
class CursorScope:
    """What a cursor pages: a list (its name, e.g. a route's path) and the filters that select its rows, as
    (name, values) pairs. The default scope is the unbound one: cursors that are handed back only to their page."""

    list_name: str = ""
    filters: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @classmethod
    def of(cls, list_name: str, filters: Sequence[tuple[str, Sequence[str]]]) -> CursorScope:
        """Filters in a canonical order (by name), so the same request binds the same way however it is spelled."""
        return cls(list_name, tuple(sorted((name, tuple(values)) for name, values in filters)))

    def filters_digest(self) -> str:
        """A short digest of the filters: the cursor stays short whatever was filtered on (a 300-character name)."""
        raw = json.dumps([[name, list(values)] for name, values in self.filters], separators=(",", ":"))
        return _b64encode(hashlib.sha256(raw.encode()).digest()[:12])


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

    def encode(self, created_at: datetime, item_id: str, scope: CursorScope | None = None) -> str:
        scope = scope or CursorScope()
        place = [created_at.astimezone(UTC).isoformat(), item_id, scope.list_name, scope.filters_digest()]
        payload = json.dumps(place, separators=(",", ":")).encode()
        return f"{_b64encode(payload)}.{_b64encode(self._sign(payload))}"

    def decode(self, cursor: str, scope: CursorScope | None = None) -> tuple[datetime, str]:
        """The (created_at, id) a cursor names, once its signature and then its scope (``scope``, or the unbound
        one) are checked: InvalidCursorError for a cursor the service did not issue, CursorScopeError for one it
        issued for another list or other filters."""
        scope = scope or CursorScope()
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
            place = json.loads(payload)
            if not isinstance(place, list) or len(place) not in (2, 4) or not all(isinstance(p, str) for p in place):
                raise ValueError("not a place")
            at = datetime.fromisoformat(place[0])
        except (ValueError, TypeError) as exc:
            raise InvalidCursorError("cursor is not one this service issued") from exc
        if at.tzinfo is None:
            raise InvalidCursorError("cursor is not one this service issued")
        if len(place) == 2:  # issued before cursors were bound to their list
            raise CursorScopeError(
                "this cursor is from an older version of the service: start again from the first page"
            )
        item_id, list_name, filters_digest = place[1:]
        if list_name != scope.list_name:
            issued = f" ({list_name})" if list_name else ""
            raise CursorScopeError(
                f"this cursor belongs to another list{issued}: a cursor pages only the list that issued it"
            )
        if not hmac.compare_digest(filters_digest, scope.filters_digest()):
            raise CursorScopeError(
                "this cursor belongs to other filters: send it with the same filters as the request that returned "
                "it, or start again from the first page"
            )
        return at, item_id
