"""Idempotency-Key for creating POSTs, and the one write transaction such a POST ends with.

A retry with the same key and body replays the first reply and creates nothing; the same key with another body is
a 409. The record is written in the same transaction as what the request created, and the reply is built before
that transaction commits: a request either stores its work together with its reply, or nothing.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from db.database import Database
from db.models import ApiKey, IdempotencyRecord
from db.repositories.keys import IdempotencyRepository
from db.types import utcnow
from service.errors import ConflictError, UnprocessableError
from service.runtime import Runtime

HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 255
WRITE_ATTEMPTS = 3

Reply = tuple[int, BaseModel | dict[str, Any]]


def _fingerprint(body: BaseModel | None) -> str:
    data = body.model_dump(mode="json") if body is not None else None
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def _payload(result: BaseModel | dict[str, Any]) -> dict[str, Any]:
    return result.model_dump(mode="json") if isinstance(result, BaseModel) else result


def _location(endpoint: str, status: int, payload: dict[str, Any]) -> dict[str, str]:
    """``Location`` of what a POST to a collection created (201) or accepted (202): the collection's path and the
    reply's ``id`` (``POST /v1/claims`` -> ``/v1/claims/{id}``), on the first reply and on its replays alike."""
    created = payload.get("id")
    if status not in (201, 202) or not isinstance(created, str):
        return {}
    return {"Location": f"{endpoint.partition(' ')[2].rstrip('/')}/{created}"}


@dataclass(frozen=True, slots=True)
class IdempotencyGuard:
    """What one request's Idempotency-Key (if any) allows: ``replay`` an earlier reply, ``record`` this one."""

    key: str | None
    api_key_id: str
    endpoint: str
    fingerprint: str
    not_before: datetime | None = None  # records older than this have expired and are ignored

    @classmethod
    def for_request(
        cls, request: Request, runtime: Runtime, api_key: ApiKey, body: BaseModel | None
    ) -> IdempotencyGuard:
        key = request.headers.get(HEADER)
        if key is not None and not (0 < len(key.strip()) <= MAX_KEY_LENGTH):
            raise UnprocessableError(
                f"{HEADER} must be 1 to {MAX_KEY_LENGTH} characters",
                errors=[{"loc": ["header", HEADER], "msg": "invalid length"}],
            )
        return cls.for_key(key, runtime, api_key.id, f"{request.method} {request.url.path}", body)

    @classmethod
    def for_key(
        cls, key: str | None, runtime: Runtime, api_key_id: str, endpoint: str, body: BaseModel | None
    ) -> IdempotencyGuard:
        """A guard for a key that comes from elsewhere than the header (the review UI's form id)."""
        return cls(
            key=key,
            api_key_id=api_key_id,
            endpoint=endpoint,
            # Only a request with a key is ever compared (a 500-claim bulk body costs ~25 ms to serialise and hash).
            fingerprint=_fingerprint(body) if key is not None else "",
            not_before=utcnow() - timedelta(hours=runtime.settings.idempotency_ttl_hours),
        )

    def replay(self, session: Session) -> JSONResponse | None:
        """The stored reply to an earlier request with this key, or None; 409 if that request had another body."""
        if self.key is None:
            return None
        found = IdempotencyRepository(session).find(self.api_key_id, self.endpoint, self.key)
        if found is None or (self.not_before is not None and found.created_at < self.not_before):
            return None
        if found.request_sha256 != self.fingerprint:
            raise ConflictError(f"{HEADER} {self.key!r} was already used with a different request body")
        headers = {"Idempotent-Replayed": "true", **_location(self.endpoint, found.status_code, found.response_body)}
        return JSONResponse(found.response_body, status_code=found.status_code, headers=headers)

    def record(self, session: Session, status: int, payload: dict[str, Any]) -> None:
        if self.key is None:
            return
        repo = IdempotencyRepository(session)
        earlier = repo.find(self.api_key_id, self.endpoint, self.key)
        if earlier is not None and self.not_before is not None and earlier.created_at < self.not_before:
            repo.delete(earlier)  # expired (replay ignored it): this request takes the key over
        # A live record committed since ``replay`` looked (a concurrent retry) makes this insert fail on the
        # unique key: ``write_once`` rolls back and replays it.
        repo.add(
            IdempotencyRecord(
                api_key_id=self.api_key_id,
                endpoint=self.endpoint,
                key=self.key,
                request_sha256=self.fingerprint,
                status_code=status,
                response_body=payload,
            )
        )


def replay_before_work(db: Database, guard: IdempotencyGuard) -> JSONResponse | None:
    """Look for an earlier reply before doing any model work (a retry costs a read, not a re-run)."""
    if guard.key is None:
        return None
    with db.read() as session:
        return guard.replay(session)


def write_once(db: Database, guard: IdempotencyGuard, persist: Callable[[Session], Reply]) -> JSONResponse:
    """Run ``persist`` in one write transaction together with the idempotency record, build the reply before the
    commit, and answer it. A concurrent request with the same key that committed first is replayed instead."""
    for attempt in range(WRITE_ATTEMPTS):
        try:
            with db.write() as session:
                replayed = guard.replay(session)
                if replayed is not None:
                    return replayed
                status, result = persist(session)
                payload = _payload(result)
                guard.record(session, status, payload)
                session.flush()
                # Rendered before the commit: no 500 after it.
                response = JSONResponse(payload, status_code=status, headers=_location(guard.endpoint, status, payload))
            return response
        except IntegrityError:
            # A concurrent writer got there first (the same Idempotency-Key, or a unique name or external_id):
            # the next attempt sees its row and replays it or treats it as existing.
            if attempt == WRITE_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


def answer_read(db: Database, guard: IdempotencyGuard, status: int, result: BaseModel) -> JSONResponse:
    """A reply read from the record (nothing new to store): written only when an Idempotency-Key must be recorded
    with it, so a plain retry costs no write transaction and never waits on the write lock."""
    if guard.key is None:
        payload = _payload(result)
        return JSONResponse(payload, status_code=status, headers=_location(guard.endpoint, status, payload))
    return write_once(db, guard, lambda _session: (status, result))


def run_idempotent(
    request: Request, runtime: Runtime, api_key: ApiKey, body: BaseModel | None, persist: Callable[[Session], Reply]
) -> JSONResponse:
    """A creating POST whose work is all database work: replay, or write it once."""
    guard = IdempotencyGuard.for_request(request, runtime, api_key, body)
    return replay_before_work(runtime.db, guard) or write_once(runtime.db, guard, persist)
