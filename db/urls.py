"""One form for http(s) URLs that RFC 3986 says are the same resource, to tell a document posted again.

A stored link is kept as its client wrote it; only comparisons read this form. RFC 3986 section 6.2.2 (syntax) and
6.2.3 (scheme): the scheme and host are read without case, a percent-encoded octet's hex digits without case, an
unreserved character ("~", "-", ".", "_", letters, digits) the same encoded or not, the scheme's default port and an
empty path as left out. An IRI (RFC 3987) is read as the URI it maps to: its host in IDNA ASCII ("bücher.example" is
"xn--bcher-kva.example"), other non-ASCII characters percent-encoded as UTF-8. A path's case, a trailing slash, an
encoded reserved character ("%2F" is no "/") and the query stay as they are: the server may tell those apart.
Dot segments are not resolved: a client posting "/a/../b" for "/b" is rare enough to be a new document.
"""

from __future__ import annotations

import re
from urllib.parse import SplitResult, urlsplit

_DEFAULT_PORTS = {"http": 80, "https": 443}
_PERCENT_OCTET = re.compile(r"%([0-9A-Fa-f]{2})")
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")


def _octets(part: str) -> str:
    """``part`` with its unreserved octets decoded, the others' hex in upper case, and non-ASCII characters
    percent-encoded as UTF-8 (an IRI's path as its URI's)."""

    def one_octet(match: re.Match[str]) -> str:
        char = chr(int(match.group(1), 16))
        return char if char in _UNRESERVED else "%" + match.group(1).upper()

    decoded = _PERCENT_OCTET.sub(one_octet, part)
    return "".join(c if c.isascii() else "".join(f"%{b:02X}" for b in c.encode("utf-8")) for c in decoded)


def _ascii_host(host: str) -> str:
    """The host in lower case, an internationalised one in its IDNA ASCII form (as written where it has none)."""
    host = host.lower()
    if host.isascii():
        return host
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return host


def comparable_url(url: str) -> str:
    """``url`` in the form two writings of one http(s) URL share (module docstring); any other URL (a ``urn:``, one
    Python cannot take apart) as written."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return url
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or parts.hostname is None:
        return url
    userinfo = parts.netloc.rpartition("@")[0]
    netloc = _ascii_host(parts.hostname)
    if ":" in netloc:  # an IPv6 literal
        netloc = f"[{netloc}]"
    if port is not None and port != _DEFAULT_PORTS[scheme]:
        netloc = f"{netloc}:{port}"
    if userinfo:
        netloc = f"{_octets(userinfo)}@{netloc}"
    return SplitResult(
        scheme, netloc, _octets(parts.path) or "/", _octets(parts.query), _octets(parts.fragment)
    ).geturl()
