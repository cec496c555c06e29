"""The service's own secrets (the key that signs list cursors, a web UI's session key), one per name.

Where ``CLAIMLEDGER_SECRET_KEY`` is set, each named secret is derived from it (HMAC-SHA256 of the name) and nothing
is stored: rotate that one value to rotate them all. Where it is not set, a random 256-bit secret is generated the
first time a name is asked for and kept in the database (table ``service_secrets``), so every process on the same
database, and every restart, uses the same one; there is never a built-in default. Anyone who can read the
database can read these, as they can read everything the secrets protect.

    secret: bytes = runtime.secrets.get_or_create_secret("ui-session")
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading

from pydantic import SecretStr
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from db.database import Database
from db.models import ServiceSecret

SECRET_BYTES = 32


def get_or_create_secret(db: Database, name: str, master: SecretStr | str | None = None) -> bytes:
    """The secret called ``name``: derived from ``master`` when given, else read from (or created in) the database."""
    if not name or len(name) > 100:
        raise ValueError("a secret's name is 1 to 100 characters")
    if master is not None:
        raw = master.get_secret_value() if isinstance(master, SecretStr) else master
        return hmac.new(raw.encode(), f"claimledger:{name}".encode(), hashlib.sha256).digest()
    with db.read() as session:
        stored = session.scalars(select(ServiceSecret.value).where(ServiceSecret.name == name)).first()
    if stored is not None:
        return bytes.fromhex(stored)
    try:
        with db.write() as session:
            session.add(ServiceSecret(name=name, value=secrets.token_hex(SECRET_BYTES)))
    except IntegrityError:
        pass  # another process created it first: use theirs
    with db.read() as session:
        return bytes.fromhex(session.scalars(select(ServiceSecret.value).where(ServiceSecret.name == name)).one())


class SecretStore:
    """The process's secrets, each looked up (or created) once and then kept in memory."""

    def __init__(self, db: Database, master: SecretStr | None = None) -> None:
        self.db = db
        self.master = master if master is not None and master.get_secret_value() else None
        self._cache: dict[str, bytes] = {}
        self._lock = threading.Lock()

    def get_or_create_secret(self, name: str) -> bytes:
        with self._lock:
            if name not in self._cache:
                self._cache[name] = get_or_create_secret(self.db, name, self.master)
            return self._cache[name]
