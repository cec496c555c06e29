"""Security headers on every /ui response: a self-only Content-Security-Policy (no inline script or style), no
framing, no referrer to other sites, no MIME sniffing. Pages are never cached; static files are kept for a year
(their URLs carry a digest of their content: ``templating.static_url``)."""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.page_headers import page_headers

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
    ]
)
HEADERS = page_headers(CONTENT_SECURITY_POLICY)


class UiSecurityHeaders:
    """ASGI middleware adding ``HEADERS`` to responses under ``prefix``, and their ``Cache-Control``."""

    def __init__(self, app: ASGIApp, prefix: str = "/ui", static_prefix: str = "/ui/static/") -> None:
        self.app = app
        self.prefix = prefix
        self.static_prefix = static_prefix

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "") if scope["type"] == "http" else ""
        if not (path == self.prefix or path.startswith(self.prefix + "/")):
            await self.app(scope, receive, send)
            return
        is_page = not path.startswith(self.static_prefix)

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS.items():
                    headers[name] = value
                headers["Cache-Control"] = "no-store" if is_page else "public, max-age=31536000, immutable"
            await send(message)

        await self.app(scope, receive, with_headers)
