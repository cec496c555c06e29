"""Request-scoped dependencies: the runtime, a read-only session for reads, the caller's key and its scopes.

Nothing here opens a write transaction: a route that writes does so in one short transaction of its own
(``runtime.db.write()``, or ``service.api.idempotency.write_once``) once its model work is done.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from db.models import ApiKey
from db.pagination import InvalidCursorError, decode_cursor
from service.errors import ForbiddenError, NotFoundError, UnauthorizedError, UnprocessableError
from service.runtime import Runtime
from service.services.keys import KeyService, has_scope

bearer = HTTPBearer(auto_error=False, description="An API key made by `claimledger keys create`.")


def get_runtime(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


def get_read_session(runtime: Annotated[Runtime, Depends(get_runtime)]) -> Iterator[Session]:
    """A read-only session for the request (never holds or waits for the write lock)."""
    with runtime.db.read() as session:
        yield session


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]
ReadSessionDep = Annotated[Session, Depends(get_read_session)]


def require(scope: str) -> Callable[..., ApiKey]:
    def dependency(
        runtime: RuntimeDep,
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    ) -> ApiKey:
        if credentials is None or credentials.scheme.lower() != "bearer" or not credentials.credentials:
            raise UnauthorizedError("missing API key: send Authorization: Bearer <key>")
        with runtime.db.read() as session:  # its own short transaction: none stays open across the route's work
            key = KeyService(session).authenticate(credentials.credentials)
        if not has_scope(key, scope):
            raise ForbiddenError(f"this API key lacks the '{scope}' scope")
        runtime.key_usage.touch(key)
        return key

    return dependency


ReadKey = Annotated[ApiKey, Depends(require("read"))]
WriteKey = Annotated[ApiKey, Depends(require("write"))]
ReviewKey = Annotated[ApiKey, Depends(require("review"))]
AdminKey = Annotated[ApiKey, Depends(require("admin"))]


def valid_id(value: str, what: str) -> str:
    """Ids are UUIDs; anything else cannot name a record, so it is a 404, not a server error."""
    try:
        return str(uuid.UUID(value))
    except ValueError:
        raise NotFoundError(f"no {what} with id {value}") from None


def cursor_position(cursor: str | None) -> tuple[object, str] | None:
    if cursor is None:
        return None
    try:
        return decode_cursor(cursor)
    except InvalidCursorError as exc:
        raise UnprocessableError(str(exc), errors=[{"loc": ["query", "cursor"], "msg": str(exc)}]) from None
