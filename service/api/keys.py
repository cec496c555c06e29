"""/v1/keys: list, create and revoke API keys (scope `admin`), as `claimledger keys` does on the command line.

A key's secret is shown once, in the reply that creates it; only its SHA-256 is stored. With an
`Idempotency-Key`, the stored reply (replayed to a retry) holds `"key": null`: the secret is kept nowhere, not
even there. The secret is given as `key` and again as `secret` (the contract's word for it), so a client reading
either finds it. An admin key cannot revoke itself through the API (409): so the API can never lock every admin out;
revoke it with another admin key or `claimledger keys revoke ID`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field, field_validator
from sqlalchemy.orm import Session

from db.models import ApiKey
from db.repositories.keys import ApiKeyRepository
from service.api.deps import AdminKey, PagingDep, ReadSessionDep, RuntimeDep, valid_id
from service.api.idempotency import IdempotencyGuard, replay_before_work, write_once
from service.api.openapi import IDEMPOTENT
from service.errors import ConflictError
from service.schemas import Page
from service.services.keys import KEY_PREFIX, MAX_KEY_NAME_LENGTH, SCOPES, KeyService

router = APIRouter(prefix="/v1/keys", tags=["keys"])
Scope = Literal["read", "write", "review", "admin"]
PROBLEM: dict[str, Any] = {"application/problem+json": {}}


class ApiKeyCreate(BaseModel):
    name: str = Field(min_length=1, max_length=MAX_KEY_NAME_LENGTH, description="who or what the key is for")
    scopes: list[Scope] = Field(min_length=1, description="any of read, write, review, admin (admin implies all)")

    @field_validator("name")
    @classmethod
    def _trimmed(cls, name: str) -> str:
        if not name.strip():
            raise ValueError("name must not be blank")
        return name.strip()

    @field_validator("scopes", mode="before")
    @classmethod
    def _comma_separated(cls, value: object) -> object:
        """`"read,write"` as `claimledger keys create --scopes` takes it, as well as a list."""
        return [s.strip() for s in value.split(",") if s.strip()] if isinstance(value, str) else value


class ApiKeyOut(BaseModel):
    """A key as listed: never its secret or the secret's hash."""

    id: str
    name: str
    prefix: str = Field(description="the start of the key (`clk_<prefix>_...`), to tell which key a client holds")
    scopes: list[str]
    created_at: str
    last_used_at: str | None = Field(description="recorded to the minute; null: never used")
    revoked_at: str | None = Field(description="null while the key is valid")


class ApiKeyCreated(ApiKeyOut):
    key: str | None = Field(
        description="the key, shown only in this reply; null when this is a replay for the same Idempotency-Key"
    )
    secret: str | None = Field(description="the same key as `key`, under the contract's name for it")


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def key_out(key: ApiKey) -> ApiKeyOut:
    return ApiKeyOut(
        id=key.id,
        name=key.name,
        prefix=f"{KEY_PREFIX}_{key.prefix}",
        scopes=[s for s in SCOPES if s in key.scopes.split(",")],
        created_at=key.created_at.isoformat(),
        last_used_at=_iso(key.last_used_at),
        revoked_at=_iso(key.revoked_at),
    )


class _SecretFreeGuard(IdempotencyGuard):
    """Records the reply for replays with the secret taken out: the idempotency table must not hold a key."""

    def record(self, session: Session, status: int, payload: dict[str, Any]) -> None:
        super().record(session, status, {**payload, "key": None, "secret": None})


@router.get("", response_model=Page[ApiKeyOut])
def list_keys(session: ReadSessionDep, _key: AdminKey, paging: PagingDep) -> Page[ApiKeyOut]:
    """Every key, revoked ones included, in the order they were created."""
    rows = ApiKeyRepository(session).page(paging.fetch, paging.after)
    return Page[ApiKeyOut](items=[key_out(k) for k in rows[: paging.limit]], next_cursor=paging.next_cursor(rows))


@router.post("", status_code=201, response_model=ApiKeyCreated, openapi_extra=IDEMPOTENT)
def create_key(body: ApiKeyCreate, request: Request, runtime: RuntimeDep, caller: AdminKey) -> JSONResponse:
    """Create a key; the reply holds the key itself (`key`), which is shown only this once."""
    guard = _SecretFreeGuard.for_request(request, runtime, caller, body)
    if (replayed := replay_before_work(runtime.db, guard)) is not None:
        return replayed

    def persist(session: Session) -> tuple[int, ApiKeyCreated]:
        key, token = KeyService(session).create(body.name, [s for s in SCOPES if s in body.scopes])
        return 201, ApiKeyCreated(**key_out(key).model_dump(), key=token, secret=token)

    return write_once(runtime.db, guard, persist)


@router.get("/{key_id}", response_model=ApiKeyOut, responses={404: {"description": "no such key", "content": PROBLEM}})
def get_key(key_id: str, session: ReadSessionDep, _key: AdminKey) -> ApiKeyOut:
    return key_out(KeyService(session).get(valid_id(key_id, "API key")))


@router.delete(
    "/{key_id}",
    status_code=204,
    response_class=Response,
    responses={
        404: {"description": "no such key", "content": PROBLEM},
        409: {"description": "the key making the request cannot revoke itself", "content": PROBLEM},
    },
)
def revoke_key(key_id: str, runtime: RuntimeDep, caller: AdminKey) -> Response:
    """Revoke a key: it gets 401 from its next request on. The key stays listed, with `revoked_at`. Revoking a
    revoked key changes nothing (204). The calling key cannot revoke itself (409): use another admin key or
    `claimledger keys revoke ID`."""
    key_id = valid_id(key_id, "API key")
    if key_id == caller.id:
        raise ConflictError(
            "an API key cannot revoke itself through the API (that could lock every admin out); "
            "revoke it with another admin key or `claimledger keys revoke ID`"
        )
    with runtime.db.write() as session:
        KeyService(session).revoke(key_id)
    return Response(status_code=204)
