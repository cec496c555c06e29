"""Error answers under /ui as the UI's HTML error page, not the API's problem+json: a person reads them.

The UI's routes answer their own failures as pages (``pages.UiRoute``); what answers before a route is reached
does not know the UI: the router (an unknown page: 404; a method a page does not take: 405) and the body guard
(a NUL in the address, a body too large: 422, 413). This middleware, outside both, turns their problem+json under
/ui into the error page with the same status and headers (Allow, Retry-After). Static files keep theirs: a missing
script or stylesheet is fetched by the browser, never shown to anyone.
"""

from __future__ import annotations

import json
from http import HTTPStatus
from typing import Any

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.errors import PROBLEM_JSON
from service.ui.pages import error_page

TITLES = {404: "Not found", 405: "Not allowed", 413: "Too large", 422: "That request is not valid"}
DETAILS = {
    404: "There is no page at this address.",
    405: "This page cannot be used that way.",
}
_KEPT_HEADERS = ("allow", "retry-after")


def _detail(status: int, body: bytes) -> str:
    """What the page says: a fixed sentence where the problem's detail is a bare status phrase, else its detail
    ("a NUL (0x00) character in the query: …") as a sentence."""
    if status in DETAILS:
        return DETAILS[status]
    try:
        problem: Any = json.loads(body)
        detail = str(problem.get("detail") or "") if isinstance(problem, dict) else ""
    except ValueError:
        detail = ""
    detail = detail.removeprefix("the request is not valid: ").strip()
    if not detail:
        return "The request could not be answered."
    return detail[0].upper() + detail[1:] + ("" if detail.endswith(".") else ".")


def _title(status: int) -> str:
    if status in TITLES:
        return TITLES[status]
    return HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else "Something is wrong"


class UiErrorPages:
    """ASGI middleware: problem+json answers to requests under ``prefix`` (but not ``static_prefix``) become the
    UI's error page."""

    def __init__(self, app: ASGIApp, prefix: str = "/ui", static_prefix: str = "/ui/static/") -> None:
        self.app = app
        self.prefix = prefix
        self.static_prefix = static_prefix

    def _is_page(self, scope: Scope) -> bool:
        path: str = scope.get("path", "") if scope["type"] == "http" else ""
        return (path == self.prefix or path.startswith(self.prefix + "/")) and not path.startswith(self.static_prefix)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not self._is_page(scope):
            await self.app(scope, receive, send)
            return
        problem_start: Message | None = None
        body = bytearray()

        async def as_page(message: Message) -> None:
            nonlocal problem_start
            if message["type"] == "http.response.start":
                if MutableHeaders(scope=message).get("content-type", "").startswith(PROBLEM_JSON):
                    problem_start = message  # held until its body is read
                    return
            elif problem_start is not None and message["type"] == "http.response.body":
                body.extend(message.get("body", b""))
                if not message.get("more_body", False):
                    await self._send_page(problem_start, bytes(body), scope, receive, send)
                return
            await send(message)

        await self.app(scope, receive, as_page)

    async def _send_page(self, start: Message, body: bytes, scope: Scope, receive: Receive, send: Send) -> None:
        status: int = start["status"]
        original = MutableHeaders(scope=start)
        kept = {name: original[name] for name in _KEPT_HEADERS if name in original}
        response = error_page(status, _title(status), _detail(status, body), headers=kept)
        await response(scope, receive, send)
