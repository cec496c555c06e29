"""Idempotency-Key for creating POSTs: a retry with the same key and body replays the first reply and creates
nothing; the same key with another body is a 409."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from db.models import ApiKey, IdempotencyRecord
from db.repositories.keys import IdempotencyRepository
from service.errors import ConflictError, UnprocessableError

HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 255


def _fingerprint(body: BaseModel) -> str:
    canonical = json.dumps(body.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def _replay(record: IdempotencyRecord, fingerprint: str) -> JSONResponse:
    if record.request_sha256 != fingerprint:
        raise ConflictError(f"{HEADER} {record.key!r} was already used with a different request body")
    return JSONResponse(record.response_body, status_code=record.status_code, headers={"Idempotent-Replayed": "true"})


def run_idempotent(
    request: Request,
    session: Session,
    api_key: ApiKey,
    body: BaseModel,
    handler: Callable[[], tuple[int, BaseModel | dict[str, Any]]],
) -> JSONResponse:
    """Run ``handler`` (which writes through ``session``) at most once per key, and commit."""
    key = request.headers.get(HEADER)
    if key is not None and not (0 < len(key.strip()) <= MAX_KEY_LENGTH):
        raise UnprocessableError(f"{HEADER} must be 1 to {MAX_KEY_LENGTH} characters")
    endpoint = f"{request.method} {request.url.path}"
    repo = IdempotencyRepository(session)
    fingerprint = _fingerprint(body)
    if key is not None:
        found = repo.find(api_key.id, endpoint, key)
        if found is not None:
            return _replay(found, fingerprint)
    status, result = handler()
    payload = result.model_dump(mode="json") if isinstance(result, BaseModel) else result
    if key is None:
        session.commit()
        return JSONResponse(payload, status_code=status)
    try:
        repo.add(
            IdempotencyRecord(
                api_key_id=api_key.id,
                endpoint=endpoint,
                key=key,
                request_sha256=fingerprint,
                status_code=status,
                response_body=payload,
            )
        )
        session.commit()
    except IntegrityError:
        # A concurrent request with the same key won: drop our work and answer with its reply.
        session.rollback()
        found = repo.find(api_key.id, endpoint, key)
        if found is None:
            raise
        return _replay(found, fingerprint)
    return JSONResponse(payload, status_code=status)
