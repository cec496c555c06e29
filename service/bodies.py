"""Request bodies checked at the edge, before any route sees them: too large is 413, JSON that is not plain,
storable JSON is 422, whichever endpoint it was sent to. A JSON object or array sent to ``/v1`` without the JSON
content type (``curl -d``) is read as JSON.

One ASGI middleware reads the body (refusing it with 413 once it passes the limit, whether or not a Content-Length
was declared), and when it is JSON parses it strictly: NaN and Infinity (which Python's json module accepts and
PostgreSQL's json type refuses), numbers that overflow to infinity, strings or keys holding a lone UTF-16
surrogate (half an emoji: not Unicode text, nothing can store it) or a NUL character (PostgreSQL stores none), and
nesting deeper than ``MAX_BODY_DEPTH`` are a 422 naming the place; so is a NUL in the path or the query string.
The route then gets the same bytes and parses them as usual. Doing this once here rather than on each model covers
every field of every body, keys included, and every router added later.

Why not inside the route: FastAPI turns any error raised while it reads a body (other than an HTTPException) into
"400 There was an error parsing the body", which is how a chunked body over the limit used to get a 400.
"""

from __future__ import annotations

import json
import math
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.errors import problem
from service.schemas import JsonValueError, check_json_value

# Deeper than any body the API takes (a bulk claim's metadata is at depth 4 + 32), shallow enough for any parser.
MAX_BODY_DEPTH = 64


class InvalidJsonError(ValueError):
    def __init__(self, detail: str, loc: list[str | int]) -> None:
        super().__init__(detail)
        self.detail = detail
        self.loc = loc


def _finite(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):
        raise InvalidJsonError(f"the number {text[:40]} is too large to represent", ["body"])
    return number


def _no_constant(name: str) -> Any:
    raise InvalidJsonError(f"{name} is not JSON (RFC 8259 has no NaN or Infinity)", ["body"])


def parse_json_strictly(body: bytes) -> Any:
    """The parsed body, or InvalidJsonError: RFC 8259 JSON whose strings are Unicode text, nested at most
    ``MAX_BODY_DEPTH`` deep."""
    try:
        value = json.loads(body, parse_constant=_no_constant, parse_float=_finite)
    except InvalidJsonError:
        raise
    except json.JSONDecodeError as exc:
        raise InvalidJsonError(f"the body is not valid JSON: {exc.msg} (at character {exc.pos})", ["body"]) from None
    except UnicodeDecodeError:
        raise InvalidJsonError("the body is not UTF-8 text", ["body"]) from None
    except (ValueError, RecursionError) as exc:  # integers over 4,300 digits; nesting past the parser's stack
        raise InvalidJsonError(f"the body is not JSON the service can read: {type(exc).__name__}", ["body"]) from None
    try:
        check_json_value(value, max_depth=MAX_BODY_DEPTH)
    except JsonValueError as exc:
        raise InvalidJsonError(str(exc), ["body", *exc.path]) from None
    return value


# What a client that forgot the header sends: `curl -d` and urllib say form-urlencoded, others plain text or nothing.
_UNDECLARED_TYPES = (None, b"application/x-www-form-urlencoded", b"text/plain")


def _header(scope: Scope, wanted: bytes) -> bytes | None:
    for name, value in scope.get("headers") or []:
        if name == wanted:
            found: bytes = value
            return found
    return None


def _media_type(scope: Scope) -> bytes | None:
    content_type = _header(scope, b"content-type")
    return None if content_type is None else content_type.split(b";", 1)[0].strip().lower()


def _read_as_json(scope: Scope, body: bytes) -> bool:
    """A JSON object or array sent to the API without the JSON content type (``curl -d '{...}'``) is read as the
    JSON it is, not refused as a malformed form. The API takes bearer keys only, never cookies, so a browser's
    cross-site form post (the reason to insist on the header) carries no credentials here."""
    return (
        scope.get("path", "").startswith("/v1/")
        and _media_type(scope) in _UNDECLARED_TYPES
        and body.lstrip()[:1] in (b"{", b"[")
    )


def _as_json_request(scope: Scope) -> Scope:
    headers = [(n, v) for n, v in scope.get("headers") or [] if n != b"content-type"]
    return {**scope, "headers": [*headers, (b"content-type", b"application/json")]}


def _is_json(scope: Scope) -> bool:
    media_type = _media_type(scope)
    return media_type is not None and (
        media_type == b"application/json" or (media_type.startswith(b"application/") and media_type.endswith(b"+json"))
    )


def _nul_in_address(scope: Scope) -> str | None:
    """The place ("path" or "query") when the request's address holds a NUL character (as %00 or raw), which
    would reach a database filter (``?external_id=a%00b``) that PostgreSQL refuses with an error."""
    if "\x00" in scope.get("path", ""):
        return "path"
    query: bytes = scope.get("query_string", b"")
    if b"\x00" in query or b"%00" in query:
        return "query"
    return None


def _declared_length(scope: Scope) -> int | None:
    length = _header(scope, b"content-length")
    return int(length) if length is not None and length.isdigit() else None


# The contract's bounded batches: at their extremes (1,000 claims of 5,000 characters; 256 pairs of 5,000-character
# texts) their JSON passes the per-request limit, so these routes take up to the batch limit.
BATCH_ROUTES = frozenset({("POST", "/v1/claims/bulk"), ("POST", "/v1/compare")})


class RequestBodyGuard:
    """413 for a body over ``max_bytes`` (``batch_max_bytes`` on ``BATCH_ROUTES``; declared or streamed), 422 for
    JSON the service cannot store."""

    def __init__(self, app: ASGIApp, max_bytes: int, batch_max_bytes: int | None = None) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.batch_max_bytes = max(max_bytes, batch_max_bytes or 0)

    def limit_for(self, scope: Scope) -> int:
        route = (scope.get("method", ""), scope.get("path", "").rstrip("/"))
        return self.batch_max_bytes if route in BATCH_ROUTES else self.max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if (where := _nul_in_address(scope)) is not None:
            reason = f"a NUL (0x00) character in the {where}: no record can hold one"
            await problem(422, f"the request is not valid: {reason}", [{"loc": [where], "msg": reason}])(
                scope, receive, send
            )
            return
        limit = self.limit_for(scope)
        declared = _declared_length(scope)
        if declared is not None and declared > limit:
            await self._too_large(limit, scope, receive, send)
            return
        chunks: list[bytes] = []
        received = 0
        disconnect: Message | None = None
        while True:
            message = await receive()
            if message["type"] != "http.request":
                disconnect = message  # the client went away: let the app see it as it would have
                break
            chunk = message.get("body", b"")
            received += len(chunk)
            if received > limit:
                await self._too_large(limit, scope, receive, send)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        if body and _read_as_json(scope, body):
            scope = _as_json_request(scope)
        if body and _is_json(scope):
            try:
                parse_json_strictly(body)
            except InvalidJsonError as exc:
                response = problem(
                    422, f"the request is not valid: {exc.detail}", [{"loc": exc.loc, "msg": exc.detail}]
                )
                await response(scope, receive, send)
                return
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                if disconnect is not None:
                    return disconnect
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _too_large(self, limit: int, scope: Scope, receive: Receive, send: Send) -> None:
        response = problem(413, f"the request body is larger than {limit:,} bytes")
        await response(scope, receive, send)
