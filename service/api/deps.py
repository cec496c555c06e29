"""Request-scoped dependencies: the runtime, one session per request, the caller's key and its scopes."""

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


def get_session(runtime: Annotated[Runtime, Depends(get_runtime)]) -> Iterator[Session]:
    """The request's one transaction. Routes that write commit before they reply; whatever is left (a key's
    last-used time) is committed here, and an error rolls everything back."""
    session = runtime.session_factory()
    try:
        yield session
        if session.in_transaction():
            session.commit()
    finally:
        session.close()


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]
SessionDep = Annotated[Session, Depends(get_session)]


def require(scope: str) -> Callable[..., ApiKey]:
    def dependency(
        session: SessionDep,
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    ) -> ApiKey:
        if credentials is None or credentials.scheme.lower() != "bearer" or not credentials.credentials:
            raise UnauthorizedError("missing API key: send Authorization: Bearer <key>")
        key = KeyService(session).authenticate(credentials.credentials)
        if not has_scope(key, scope):
            raise ForbiddenError(f"this API key lacks the '{scope}' scope")
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
