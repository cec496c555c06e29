"""The review UI's session: one signed cookie, scoped to /ui, carrying a CSRF token and (once signed in) a key id.

- The cookie (``claimledger_ui``) is an itsdangerous timestamped signature over ``{"c": csrf, "k": key_id}``:
  HttpOnly, SameSite=Lax, ``Path=/ui``, ``Secure`` when the request came over https; it is refused once older
  than ``ui_session_hours`` (the signature's own timestamp, set at sign-in; sessions do not slide).
- Before sign-in the same cookie holds only a CSRF token, so the login form is protected too. Signing in and
  out replace the cookie (a new CSRF token), so a token seen before sign-in is worthless after it.
- CSRF: the synchronizer pattern. Every form carries the session's token in a hidden field (``csrf_token``);
  a POST whose field does not equal the token of its (signed, HttpOnly) cookie is refused with 403.
- The key itself is never in the cookie; each request reads the key's row (a short read) and a revoked key,
  or one that lost the review scope, ends the session.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass

from itsdangerous import BadSignature, URLSafeTimedSerializer
from starlette.requests import Request
from starlette.responses import Response

from service.secrets import SecretStore

COOKIE_NAME = "claimledger_ui"
COOKIE_PATH = "/ui"
CSRF_FIELD = "csrf_token"
SECRET_NAME = "ui-session"  # noqa: S105 (the name of a generated secret, not a secret)
_SALT = "claimledger.ui.session"


@dataclass(frozen=True, slots=True)
class UiSession:
    csrf: str
    key_id: str | None = None

    @classmethod
    def anonymous(cls) -> UiSession:
        return cls(csrf=secrets.token_urlsafe(32))

    @classmethod
    def signed_in(cls, key_id: str) -> UiSession:
        return cls(csrf=secrets.token_urlsafe(32), key_id=key_id)

    def accepts(self, submitted: str | None) -> bool:
        """Whether a form's CSRF field is this session's token (compared in constant time)."""
        return bool(submitted) and hmac.compare_digest(self.csrf.encode(), (submitted or "").encode())


def signing_secret(secrets: SecretStore) -> bytes:
    """Derived from ``CLAIMLEDGER_SECRET_KEY`` when set; otherwise a secret the service generated and keeps in the
    database (``service/secrets.py``), so sessions survive restarts and every process agrees."""
    return secrets.get_or_create_secret(SECRET_NAME)


class SessionCookies:
    """Reads and writes the session cookie."""

    def __init__(self, secret: bytes, max_age_s: float) -> None:
        self._serializer = URLSafeTimedSerializer(secret, salt=_SALT)
        self.max_age_s = int(max_age_s)

    def read(self, request: Request) -> UiSession | None:
        raw = request.cookies.get(COOKIE_NAME)
        if not raw:
            return None
        try:
            data = self._serializer.loads(raw, max_age=self.max_age_s)
        except BadSignature:  # tampered, signed with another secret, or expired (SignatureExpired)
            return None
        if not isinstance(data, dict) or not isinstance(data.get("c"), str):
            return None
        key_id = data.get("k")
        return UiSession(csrf=data["c"], key_id=key_id if isinstance(key_id, str) else None)

    def write(self, request: Request, response: Response, session: UiSession) -> None:
        payload: dict[str, str] = {"c": session.csrf}
        if session.key_id is not None:
            payload["k"] = session.key_id
        response.set_cookie(
            COOKIE_NAME,
            str(self._serializer.dumps(payload)),
            max_age=self.max_age_s,
            path=COOKIE_PATH,
            httponly=True,
            samesite="lax",
            secure=request.url.scheme == "https",
        )

    def clear(self, request: Request, response: Response) -> None:
        response.delete_cookie(
            COOKIE_NAME, path=COOKIE_PATH, httponly=True, samesite="lax", secure=request.url.scheme == "https"
        )
