"""API keys: random secrets shown once, stored as SHA-256, compared in constant time."""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import datetime, timedelta

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from db.database import Database
from db.models import ApiKey
from db.repositories.keys import ApiKeyRepository
from db.types import utcnow
from service.errors import NotFoundError, UnauthorizedError

SCOPES = ("read", "write", "review", "admin")
KEY_PREFIX = "clk"
MAX_KEY_NAME_LENGTH = 200  # api_keys.name; the API and the CLI both refuse longer names before they reach it
LAST_USED_RESOLUTION = timedelta(minutes=1)
log = logging.getLogger("claimledger")


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def parse_scopes(raw: str) -> list[str]:
    """``--scopes`` as POST /v1/keys reads a comma-separated string: spaces around an item are dropped, names are
    the contract's lower-case ones (upper case is refused by both, with the name meant). An error names each bad
    item, not the whole string, and lists the valid scopes."""
    scopes = [s.strip() for s in raw.split(",") if s.strip()]
    valid = f"valid scopes: {', '.join(SCOPES)}"
    if not scopes:
        raise ValueError(f"no scope given; {valid}")
    unknown = list(dict.fromkeys(s for s in scopes if s not in SCOPES))
    if unknown:
        names = ", ".join(repr(s) for s in unknown)
        lower = [s.lower() for s in unknown if s.lower() in SCOPES]
        hint = f" (scopes are lower case: {', '.join(repr(s) for s in lower)})" if lower else ""
        raise ValueError(f"unknown scope{'s' if len(unknown) > 1 else ''} {names}{hint}; {valid}")
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

    def get(self, key_id: str) -> ApiKey:
        key = self.keys.get(key_id)
        if key is None:
            raise NotFoundError(f"no API key with id {key_id}")
        return key

    def revoke(self, key_id: str) -> tuple[ApiKey, bool]:
        """Revoke the key (its row stays, with ``revoked_at``); whether this call revoked it (False: it already
        was, and keeps its first revocation time). Authentication reads ``revoked_at`` on every request, so the key
        is refused from the next request on."""
        key = self.get(key_id)
        if key.revoked_at is not None:
            return key, False
        key.revoked_at = utcnow()
        self.keys.session.flush()
        return key, True

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
        return key


class KeyUsageRecorder:
    """Records each key's last-used time, at most once per ``LAST_USED_RESOLUTION``, on a thread of its own: a
    request never writes (or waits for the write lock) just to say that its key was used."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._last: dict[str, datetime] = {}
        self._lock = threading.Lock()
        self._executor = ThreadPoolExecutor(1, thread_name_prefix="claimledger-key-usage")
        self._pending: list[Future[None]] = []

    def touch(self, key: ApiKey) -> None:
        now = utcnow()
        with self._lock:
            last = self._last.get(key.id) or key.last_used_at
            if last is not None and now - last < LAST_USED_RESOLUTION:
                return
            self._last[key.id] = now
            self._pending = [f for f in self._pending if not f.done()]
            self._pending.append(self._executor.submit(self._write, key.id, now))

    def _write(self, key_id: str, when: datetime) -> None:
        try:
            with self.db.write() as session:
                ApiKeyRepository(session).mark_used(key_id, when)
        except SQLAlchemyError:  # best effort: a busy database must not fail requests over a timestamp
            log.warning("could not record the last use of key %s", key_id, exc_info=True)
            with self._lock:
                self._last.pop(key_id, None)

    def wait(self) -> None:
        """Until every recorded use is written (tests, shutdown)."""
        with self._lock:
            pending = list(self._pending)
        for future in pending:
            future.result()

    def close(self) -> None:
        self._executor.shutdown(wait=True)
