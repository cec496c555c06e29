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
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from concurrent.futures import wait as wait_for
from dataclasses import dataclass, field
from typing import Any

import httpx

IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Sequence[str]]


class RefusedTargetError(ValueError):
    """The URL may not receive webhooks: not http(s), no host, or a non-public address."""


class UnresolvableHostError(OSError):
    """The host does not resolve (now)."""


class ResolutionTimeoutError(UnresolvableHostError):
    """The host gave no answer within the time the caller had left (the lookup may still be running)."""

    def __init__(self, host: str) -> None:
        super().__init__(f"{host} did not resolve in time")
        self.host = host


def resolve_host(host: str, port: int) -> list[str]:
    """Every address the host resolves to (the system resolver)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise UnresolvableHostError(f"{host} does not resolve: {exc}") from None
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


class BoundedResolver:
    """Runs a blocking resolver in a thread of its own and waits for its answer no longer than the caller has left,
    so a name that resolves slowly (or a resolver that hangs) cannot hold a delivery attempt past its timeout.

    getaddrinfo cannot be interrupted: a lookup its caller gave up on goes on in its (daemon) thread until the
    system resolver gives up (resolv.conf's ``timeout`` x ``attempts`` per server), and its answer is dropped. A
    name's lookup in progress is shared: an attempt that comes while it runs waits for that one rather than starting
    another, so a hanging resolver holds one thread per name, not one per attempt. Nothing is cached: a lookup asked
    for after the last one ended starts afresh, and every answer is checked by ``pin`` before it is connected to."""

    def __init__(self, resolver: Resolver) -> None:
        self.resolver = resolver
        self._lock = threading.Lock()
        self._running: dict[tuple[str, int], Future[Sequence[str]]] = {}

    def resolve(self, host: str, port: int, timeout: float) -> Sequence[str]:
        """The host's addresses, or ResolutionTimeoutError once ``timeout`` seconds have passed without them."""
        key = (host, port)
        with self._lock:
            lookup = self._running.get(key)
            if lookup is None:
                lookup = self._running[key] = Future()
                thread = threading.Thread(
                    target=self._look_up, args=(key, lookup), name=f"webhook-resolve {host}", daemon=True
                )
                thread.start()
        wait_for([lookup], timeout=max(0.0, timeout))
        if not lookup.done():
            raise ResolutionTimeoutError(host)
        return lookup.result()

    def _look_up(self, key: tuple[str, int], lookup: Future[Sequence[str]]) -> None:
        try:
            try:
                addresses = self.resolver(*key)
            finally:  # before the answer is given: a lookup asked for once it is known starts afresh
                with self._lock:
                    self._running.pop(key, None)
        except Exception as exc:  # raised to whoever still waits (an unexpected one is the attempt's error too)
            lookup.set_exception(exc)
        else:
            lookup.set_result(addresses)


def non_public_reason(address: IpAddress) -> str | None:
    """Why an address is no place for a webhook, or None when it is a public unicast address."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return non_public_reason(address.ipv4_mapped)
    if isinstance(address, ipaddress.IPv6Address) and address.sixtofour is not None:
        # 6to4 (2002::/16) carries an IPv4 address that Python counts as global whatever it is: 2002:7f00:1::
        # is 127.0.0.1 to a host with a 6to4 route: the address inside must be public too.
        inner = non_public_reason(address.sixtofour)
        if inner is not None:
            return f"{inner} (6to4 of {address.sixtofour})"
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


# RFC 1035/1123: a DNS name is at most 253 characters (without its final dot) of labels of 1 to 63.
_MAX_NAME_LENGTH = 253
_MAX_LABEL_LENGTH = 63


def _name_problem(host: str) -> str | None:
    """Why a host name (not an address) can never be looked up, or None: httpx takes any ASCII name as written and
    the resolver then fails on every delivery."""
    name = host[:-1] if host.endswith(".") else host
    if len(name) > _MAX_NAME_LENGTH:
        return f"the host name is longer than {_MAX_NAME_LENGTH} characters"
    for label in name.split("."):
        if not label:
            return "the host name has an empty label"
        if len(label) > _MAX_LABEL_LENGTH:
            return f"the host name has a label longer than {_MAX_LABEL_LENGTH} characters"
        if label.startswith("-") or label.endswith("-"):
            return "a label of the host name starts or ends with a hyphen"
    return None


def _parts(url: str) -> tuple[httpx.URL, str, int]:
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError) as exc:
        raise RefusedTargetError(f"not a valid URL: {exc}") from None
    if parsed.scheme not in ("http", "https"):
        raise RefusedTargetError("only http and https URLs can receive webhooks")
    try:
        host = parsed.host
    except UnicodeError:  # idna.IDNAError: an "xn--" label that is not IDNA 2008, as httpx refuses its Unicode form
        raise RefusedTargetError("the host name is not a valid internationalized domain name") from None
    if not host:
        raise RefusedTargetError("the URL has no host")
    if parsed.port is not None and not 1 <= parsed.port <= 65535:
        raise RefusedTargetError(f"the port {parsed.port} is not between 1 and 65535")
    problem = None if _literal(host) is not None else _name_problem(parsed.raw_host.decode("ascii"))
    if problem is not None:
        raise RefusedTargetError(problem)
    return parsed, host, parsed.port or (443 if parsed.scheme == "https" else 80)


def _literal(host: str) -> IpAddress | None:
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        return None


def _is_localhost_name(host: str) -> bool:
    """The name localhost, with or without its final dot, and every name under it are loopback by definition (RFC
    6761), whether or not this machine's resolver maps them: one that does not would let them pass as names that do
    not resolve yet."""
    name = host.rstrip(".").lower()
    return name == "localhost" or name.endswith(".localhost")


def _refuse_localhost_name(host: str) -> None:
    if _is_localhost_name(host):
        raise RefusedTargetError(f"{host} is a loopback name")


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
    _refuse_localhost_name(host)
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
    if not allow_private:
        _refuse_localhost_name(host)
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
