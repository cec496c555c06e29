"""Domain errors and their RFC 9457 problem+json rendering: every error reply has one shape, never a trace."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

log = logging.getLogger("claimledger")
PROBLEM_JSON = "application/problem+json"


class ServiceError(Exception):
    """An error a caller can act on; carries its HTTP status so every layer raises the same thing."""

    status: int = 400

    def __init__(self, detail: str, *, status: int | None = None, errors: list[dict[str, Any]] | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        if status is not None:
            self.status = status
        self.errors = errors


class NotFoundError(ServiceError):
    status = 404


class ConflictError(ServiceError):
    status = 409


class UnprocessableError(ServiceError):
    status = 422


class UnauthorizedError(ServiceError):
    status = 401


class ForbiddenError(ServiceError):
    status = 403


class ServiceUnavailableError(ServiceError):
    """Busy or not ready: the client should retry after ``retry_after`` seconds."""

    status = 503
    retry_after = 1


class NotReadyError(ServiceUnavailableError):
    retry_after = 5


class TooManyRequestsError(ServiceError):
    """Over a rate limit: the client may retry after ``retry_after`` seconds (when the window frees)."""

    status = 429

    def __init__(self, detail: str, retry_after: int) -> None:
        super().__init__(detail)
        self.retry_after = retry_after


def problem(status: int, detail: str, errors: list[dict[str, Any]] | None = None, **headers: str) -> JSONResponse:
    title = HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else "Error"
    body: dict[str, Any] = {
        "type": f"https://claimledger.dev/problems/{title.lower().replace(' ', '-')}",
        "title": title,
        "status": status,
        "detail": detail,
    }
    if errors is not None:
        body["errors"] = errors
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers or None)


def _unplaced_loc(request: Request) -> list[str]:
    """Where a 422 raised without its place points: the contract has every validation error list ``errors``
    (``{"loc", "msg"}``), and a check of the request's content ("a speaker name with no letters") is about its
    body, or about its query where it has none."""
    return ["body"] if request.method in ("POST", "PUT", "PATCH") else ["query"]


def _loc(loc: tuple[Any, ...] | list[Any]) -> list[Any]:
    return [part for part in loc]


# What pydantic puts before a validator's own message ("Value error, every claim is attributed: ..."): clients show
# `msg` and `detail` to people, who need the service's words, not the framework's.
_PYDANTIC_PREFIXES = {"value_error": "Value error, ", "assertion_error": "Assertion failed, "}


def validation_message(error: Mapping[str, Any]) -> str:
    """A validation error's message as the validator wrote it."""
    message = str(error.get("msg", ""))
    prefix = _PYDANTIC_PREFIXES.get(str(error.get("type", "")))
    return message.removeprefix(prefix) if prefix else message


_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")


def allowed_methods(request: Request) -> list[str]:
    """Every method some route serves at the request's path (RFC 9110: a 405's Allow lists them all). Starlette
    names only the first route that matched the path, so a PUT to /v1/claims said "Allow: POST" and hid its GET.
    Each method is tried against the app's routes as routing tries it (a full match: path and method)."""
    routes = request.app.router.routes
    methods = {
        method
        for method in _METHODS
        if any(route.matches({**request.scope, "method": method})[0] == Match.FULL for route in routes)
    }
    if "GET" in methods:
        methods.add("HEAD")  # served as a GET without its body (service.head)
    return [method for method in _METHODS if method in methods]


def _exceeds_a_database_limit(exc: OperationalError) -> bool:
    """Whether PostgreSQL refused the statement for one of its size limits (SQLSTATE class 54)."""
    return str(getattr(exc.orig, "sqlstate", None) or "").startswith("54")


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ServiceError)
    async def _service_error(request: Request, exc: ServiceError) -> JSONResponse:
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else {}
        if isinstance(exc, ServiceUnavailableError | TooManyRequestsError):
            headers["Retry-After"] = str(exc.retry_after)
        errors = exc.errors
        if exc.status == 422 and not errors:
            errors = [{"loc": _unplaced_loc(request), "msg": exc.detail}]
        return problem(exc.status, exc.detail, errors, **headers)

    @app.exception_handler(OperationalError)
    async def _database_busy(request: Request, exc: OperationalError) -> JSONResponse:
        # A lock wait that timed out (SQLite "database is locked", PostgreSQL lock or statement timeout) or a lost
        # connection: nothing was stored (the transaction rolled back), and a retry will likely succeed.
        if _exceeds_a_database_limit(exc):
            # PostgreSQL reports its size limits (class 54: an index entry over 2,704 bytes, too many parameters)
            # as operational too, but the same request fails again every time: "retry shortly" would loop a client.
            log.error("database limit exceeded on %s %s: %s", request.method, request.url.path, exc.orig)
            return problem(413, "the request is too large for the database to store; retrying will not help", None)
        log.warning("database unavailable on %s %s: %s", request.method, request.url.path, exc.orig)
        return problem(503, "the database is busy or unavailable; retry shortly", None, **{"Retry-After": "1"})

    @app.exception_handler(RequestValidationError)
    async def _validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [{"loc": _loc(e.get("loc", ())), "msg": validation_message(e)} for e in exc.errors()]
        too_long = any(e.get("type") in ("string_too_long", "too_long") for e in exc.errors())
        detail = "the request is not valid: " + "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in errors[:5]
        )
        return problem(422, detail + (" (too long)" if too_long else ""), errors)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        headers = dict(exc.headers or {})
        if exc.status_code == 405 and (methods := allowed_methods(request)):
            headers = {k: v for k, v in headers.items() if k.lower() != "allow"}
            headers["Allow"] = ", ".join(methods)
        return problem(exc.status_code, str(exc.detail), None, **headers)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
        # Answered outside the middleware that stamps X-Request-Id on every other reply: stamp it here.
        request_id = getattr(request.state, "request_id", None)
        headers = {"X-Request-Id": request_id} if isinstance(request_id, str) else {}
        return problem(500, "an internal error occurred; it has been logged", None, **headers)
