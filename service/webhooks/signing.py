"""The X-Claimledger-Signature header: ``sha256=`` and the hex HMAC-SHA256 of the raw body, keyed with the
subscription's secret."""

from __future__ import annotations

import hashlib
import hmac
import secrets

PREFIX = "sha256="
SECRET_PREFIX = "whsec_"  # noqa: S105 (a label, not a secret)


def new_secret() -> str:
    return SECRET_PREFIX + secrets.token_urlsafe(32)


def sign(secret: str, body: bytes) -> str:
    return PREFIX + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def verify(secret: str, body: bytes, header: str | None) -> bool:
    """Whether the header is the body's signature under this secret (compared in constant time)."""
    return header is not None and hmac.compare_digest(sign(secret, body), header.strip())
