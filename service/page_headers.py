"""The headers every HTML page the service renders carries, whichever router serves it (the review UI, the
reconciliation report over the API): no framing, no referrer to other sites, no MIME sniffing, its own browsing
context group. Only the Content-Security-Policy differs by page, so each caller gives its own."""

from __future__ import annotations

_HEADERS_BUT_POLICY = {
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def page_headers(content_security_policy: str) -> dict[str, str]:
    """The security headers of an HTML page whose policy is ``content_security_policy``."""
    return {"Content-Security-Policy": content_security_policy, **_HEADERS_BUT_POLICY}
