"""Opaque keyset cursors: (created_at, id) of the last item seen, so pages never skip or repeat rows."""

from __future__ import annotations

import base64
import json
from datetime import datetime


class InvalidCursorError(ValueError):
    pass


def encode_cursor(created_at: datetime, item_id: str) -> str:
    raw = json.dumps([created_at.isoformat(), item_id]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[datetime, str]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        created_at, item_id = json.loads(base64.urlsafe_b64decode(padded.encode()))
        return datetime.fromisoformat(created_at), str(item_id)
    except (ValueError, TypeError) as exc:
        raise InvalidCursorError("cursor is not one this service issued") from exc
