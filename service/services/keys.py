"""API keys: random secrets shown once, stored as SHA-256, compared in constant time."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from sqlalchemy.orm import Session

from db.models import ApiKey
from db.repositories.keys import ApiKeyRepository
from db.types import utcnow
from service.errors import UnauthorizedError

SCOPES = ("read", "write", "review", "admin")
KEY_PREFIX = "clk"
LAST_USED_RESOLUTION = timedelta(minutes=1)


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def parse_scopes(raw: str) -> list[str]:
    scopes = [s.strip() for s in raw.split(",") if s.strip()]
    unknown = [s for s in scopes if s not in SCOPES]
    if unknown or not scopes:
        raise ValueError(f"scopes must be a comma-separated subset of {', '.join(SCOPES)}; got {raw!r}")
    return sorted(set(scopes), key=SCOPES.index)


def has_scope(key: ApiKey, scope: str) -> bool:
    granted = set(key.scopes.split(","))
    return scope in granted or "admin" in granted


class KeyService:
    def __init__(self, session: Session) -> None:
        self.keys = ApiKeyRepository(session)

    def create(self, name: str, scopes: list[str]) -> tuple[ApiKey, str]:
        """Returns the stored key and the plaintext token, which exists nowhere else."""
        prefix = secrets.token_hex(6)
        secret = secrets.token_urlsafe(32)
        key = self.keys.add(ApiKey(name=name, prefix=prefix, secret_hash=_hash(secret), scopes=",".join(scopes)))
        return key, f"{KEY_PREFIX}_{prefix}_{secret}"

    def authenticate(self, token: str) -> ApiKey:
        parts = token.split("_", 2)
        if len(parts) != 3 or parts[0] != KEY_PREFIX:
            raise UnauthorizedError("the API key is not valid")
        key = self.keys.by_prefix(parts[1])
        # Compare even when no key matched, so timing does not tell which prefixes exist.
        expected = key.secret_hash if key is not None else _hash("")
        matches = hmac.compare_digest(expected, _hash(parts[2]))
        if key is None or not matches or key.revoked_at is not None:
            raise UnauthorizedError("the API key is not valid")
        now = utcnow()
        if key.last_used_at is None or now - key.last_used_at > LAST_USED_RESOLUTION:
            key.last_used_at = now
        return key
