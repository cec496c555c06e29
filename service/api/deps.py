"""Request-scoped dependencies: the runtime, a read-only session for reads, the caller's key and its scopes.

Nothing here opens a write transaction: a route that writes does so in one short transaction of its own
(``runtime.db.write()``, or ``service.api.idempotency.write_once``) once its model work is done.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Protocol

from fastapi import Depends, Query, Request
from fastapi.routing import APIRoute
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from db.models import ApiKey
from db.pagination import MAX_CURSOR_LENGTH, CursorScope, CursorSigner, InvalidCursorError
from db.types import stored_id
from service.errors import ForbiddenError, NotFoundError, UnauthorizedError, UnprocessableError
from service.ratelimit import RateLimits
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


def get_rate_limits(request: Request) -> RateLimits:
    limits: RateLimits = request.app.state.rate_limits
    return limits


def require(*scopes: str) -> Callable[..., ApiKey]:
    """A dependency that authenticates the request's key and wants one of ``scopes``."""

    def dependency(
        request: Request,
        runtime: RuntimeDep,
        limits: Annotated[RateLimits, Depends(get_rate_limits)],
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    ) -> ApiKey:
        if credentials is None or credentials.scheme.lower() != "bearer" or not credentials.credentials:
            raise UnauthorizedError("missing API key: send Authorization: Bearer <key>")
        try:
            with runtime.db.read() as session:  # its own short transaction: none stays open across the route's work
                key = KeyService(session).authenticate(credentials.credentials)
        except UnauthorizedError:
            # Only a key that was tried and failed counts (guessing needs keys); a missing header is a plain 401.
            limits.hit_auth_failure(request.client.host if request.client else "unknown")  # 429 once over
            raise
        limits.hit_key(key.id)
        if not any(has_scope(key, scope) for scope in scopes):
            wanted = " or ".join(f"'{scope}'" for scope in scopes)
            raise ForbiddenError(f"this API key lacks the {wanted} scope")
        runtime.key_usage.touch(key)
        return key

    return dependency


ReadKey = Annotated[ApiKey, Depends(require("read"))]
WriteKey = Annotated[ApiKey, Depends(require("write"))]
# The contract puts the documents section under scope `write`, reading included: the plugin that posts an article
# reads it back with the same key.
ReadOrWriteKey = Annotated[ApiKey, Depends(require("read", "write"))]
ReviewKey = Annotated[ApiKey, Depends(require("review"))]
AdminKey = Annotated[ApiKey, Depends(require("admin"))]


def valid_id(value: str, what: str) -> str:
    """Ids are UUIDs; anything else cannot name a record, so it is a 404, not a server error."""
    stored = stored_id(value)
    if stored is None:
        raise NotFoundError(f"no {what} with id {value}")
    return stored


def id_filter(value: str | None, name: str) -> str | None:
    """A list's filter by id (``?speaker_id=``): the id in its stored form, so an upper-case one filters the same;
    a value that is no id is a 422 naming the parameter, never a silently empty list (a name, say). Left empty
    (``?speaker_id=&since=``, a form's blank field), it filters nothing, as an empty ``since`` does."""
    if not value:
        return None
    stored = stored_id(value)
    if stored is None:
        raise UnprocessableError(
            f"{name} must be an id (a UUID)", errors=[{"loc": ["query", name], "msg": "not a UUID"}]
        )
    return stored


class Keyed(Protocol):
    """A listed row: pages are ordered, and cursors name a place, by (created_at, id)."""

    @property
    def created_at(self) -> datetime: ...

    @property
    def id(self) -> str: ...


@dataclass(frozen=True, slots=True)
class Paging:
    """A list's ``?limit=`` and ``?cursor=``: where the page starts and how the next page is named.

    Fetch ``fetch`` rows (one more than the page) after ``after``; ``next_cursor(rows)`` names the next page, bound
    to ``scope`` (this list and its filters)."""

    limit: int
    after: tuple[datetime, str] | None
    signer: CursorSigner
    scope: CursorScope

    @property
    def fetch(self) -> int:
        return self.limit + 1

    def next_cursor(self, rows: Sequence[Keyed]) -> str | None:
        if len(rows) <= self.limit:
            return None
        last = rows[self.limit - 1]
        return self.signer.encode(last.created_at, last.id, self.scope)


def cursor_scope(request: Request) -> CursorScope:
    """What this request's cursors page: the route (its path template) and the filters the route declares, path
    parameters (whose claims) and query parameters (other than ``limit`` and ``cursor``, which the kit reads) alike,
    as sent. Every list that takes ``PagingDep`` binds its cursors this way, with nothing to declare."""
    route = request.scope.get("route")
    if isinstance(route, APIRoute):
        names = [p.alias for p in route.dependant.query_params]  # the route's own: limit and cursor are the kit's
        list_name = route.path_format
    else:  # not reached through a route (no app router): the path, and every query parameter but the kit's
        names = [n for n in request.query_params if n not in ("limit", "cursor")]
        list_name = request.url.path
    filters = [(f"path:{k}", [str(v)]) for k, v in request.path_params.items()]
    filters += [(n, request.query_params.getlist(n)) for n in dict.fromkeys(names) if n in request.query_params]
    return CursorScope.of(list_name, filters)


def paging(
    request: Request,
    runtime: RuntimeDep,
    limit: Annotated[int, Query(ge=1, le=500, description="page size (default 50, max 500)")] = 50,
    cursor: Annotated[
        str | None,
        Query(max_length=MAX_CURSOR_LENGTH, description="`next_cursor` of the previous page (signed by the service)"),
    ] = None,
) -> Paging:
    """A signed cursor is checked before it is decoded: anything the service did not issue, or issued for another
    list or other filters, is a 422."""
    signer = runtime.cursors
    scope = cursor_scope(request)
    after: tuple[datetime, str] | None = None
    if cursor is not None:
        try:
            after = signer.decode(cursor, scope)
        except InvalidCursorError as exc:
            raise UnprocessableError(str(exc), errors=[{"loc": ["query", "cursor"], "msg": str(exc)}]) from None
    return Paging(limit, after, signer, scope)


PagingDep = Annotated[Paging, Depends(paging)]
