"""HEAD answered wherever GET is (RFC 9110 has every general-purpose server support both): the request goes
through as a GET, and its reply's status and headers go back without the body.

FastAPI's routes take only the methods they name, so a monitor probing ``HEAD /healthz`` got a 405. Outer layers
(observability, rate limits, CORS) still see the request as the HEAD it is.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class HeadAsGet:
    """ASGI middleware: a HEAD request is served as a GET whose body is dropped (Content-Length stays GET's)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def without_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, without_body)
