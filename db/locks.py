"""Transaction-scoped advisory locks: how writers on PostgreSQL take turns at one thing (queueing a run, posting
one article, storing one quote), each reading afresh (READ COMMITTED) what the writer before it committed. SQLite
needs none: a write transaction holds the database's write lock from its ``BEGIN IMMEDIATE``."""

from __future__ import annotations

from sqlalchemy import Integer, cast, func, select
from sqlalchemy.orm import Session


def hold_transaction_lock(session: Session, lock_class: int, key_digest: bytes | None = None) -> bool:
    """Wait for, and hold until the transaction ends, the lock ``lock_class`` names: the class itself, or with
    ``key_digest`` (a hash of what is written) the lock of that key within the class, by its first four bytes.
    Whether a lock was taken, so may have waited (True on PostgreSQL, waited or not)."""
    if session.get_bind().dialect.name != "postgresql":
        return False
    if key_digest is None:
        session.execute(select(func.pg_advisory_xact_lock(lock_class)))
    else:
        lock_id = int.from_bytes(key_digest[:4], "big", signed=True)
        session.execute(select(func.pg_advisory_xact_lock(cast(lock_class, Integer), cast(lock_id, Integer))))
    return True
