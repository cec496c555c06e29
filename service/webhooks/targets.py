"""Where a webhook may be sent: http(s) only, and (unless allowed) never to a loopback, private, link-local,
multicast or reserved address.

A URL is checked when it is subscribed and again right before every delivery: the host is resolved, every address
it resolves to must be public, and the request then goes to that checked address (the URL's host kept in the Host
header and as the TLS server name), so a name that resolves to a public address at one moment and to 127.0.0.1 the
next (DNS rebinding) cannot steer a delivery inside.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import httpx

IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Sequence[str]]


class RefusedTargetError(ValueError):
    """The URL may not receive webhooks: not http(s), no host, or a non-public address."""


class UnresolvableHostError(OSError):
    """The host does not resolve (now)."""


def resolve_host(host: str, port: int) -> list[str]:
    """Every address the host resolves to (the system resolver)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise UnresolvableHostError(f"{host} does not resolve: {exc}") from None
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def non_public_reason(address: IpAddress) -> str | None:
    """Why an address is no place for a webhook, or None when it is a public unicast address."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return non_public_reason(address.ipv4_mapped)
    checks = (
        ("a loopback address", address.is_loopback),
        ("a link-local address", address.is_link_local),
        ("a multicast address", address.is_multicast),
        ("the unspecified address", address.is_unspecified),
        ("a reserved address", address.is_reserved),
        ("a private address", address.is_private),
        ("not a public address", not address.is_global),
    )
    return next((name for name, hit in checks if hit), None)


def _parts(url: str) -> tuple[httpx.URL, str, int]:
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError) as exc:
        raise RefusedTargetError(f"not a valid URL: {exc}") from None
    if parsed.scheme not in ("http", "https"):
        raise RefusedTargetError("only http and https URLs can receive webhooks")
    if not parsed.host:
        raise RefusedTargetError("the URL has no host")
    return parsed, parsed.host, parsed.port or (443 if parsed.scheme == "https" else 80)


def _literal(host: str) -> IpAddress | None:
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        return None


def _check(host: str, addresses: Sequence[str]) -> list[IpAddress]:
    parsed = [ipaddress.ip_address(a.split("%", 1)[0]) for a in addresses]
    for address in parsed:
        reason = non_public_reason(address)
        if reason is not None:
            shown = host if str(address) == host else f"{host} ({address})"
            raise RefusedTargetError(f"{shown} is {reason}")
    return parsed


def check_subscription_url(url: str, allow_private: bool, resolver: Resolver = resolve_host) -> None:
    """At subscription time: http(s), and no non-public address unless allowed. A host that does not resolve yet
    is accepted; every delivery checks it again."""
    _, host, port = _parts(url)
    if allow_private:
        return
    literal = _literal(host)
    if literal is not None:
        _check(host, [str(literal)])
        return
    try:
        addresses = resolver(host, port)
    except UnresolvableHostError:
        return
    _check(host, addresses)


@dataclass(frozen=True, slots=True)
class PinnedTarget:
    """A URL rewritten to one checked address, with what keeps the request addressed to the original host."""

    url: httpx.URL
    host_header: str
    extensions: dict[str, Any] = field(default_factory=dict)


def pin(url: str, allow_private: bool, resolver: Resolver = resolve_host) -> PinnedTarget:
    """Right before connecting: resolve the host, refuse it if any address is non-public (unless allowed), and
    address the request to the first checked address. Raises RefusedTargetError or UnresolvableHostError."""
    parsed, host, port = _parts(url)
    literal = _literal(host)
    addresses = [str(literal)] if literal is not None else list(resolver(host, port))
    if not addresses:
        raise UnresolvableHostError(f"{host} resolves to no address")
    checked = [ipaddress.ip_address(a.split("%", 1)[0]) for a in addresses] if allow_private else None
    if checked is None:
        checked = _check(host, addresses)
    default_port = 443 if parsed.scheme == "https" else 80
    host_header = host if ":" not in host else f"[{host}]"
    if parsed.port is not None and parsed.port != default_port:
        host_header = f"{host_header}:{parsed.port}"
    extensions: dict[str, Any] = {"sni_hostname": host} if parsed.scheme == "https" and literal is None else {}
    return PinnedTarget(parsed.copy_with(host=str(checked[0])), host_header, extensions)
