"""Where webhooks may go (targets.py) and how they are signed (signing.py): no database, no network."""

from __future__ import annotations

import hashlib
import hmac

import pytest

from service.webhooks.signing import new_secret, sign, verify
from service.webhooks.targets import (
    RefusedTargetError,
    Resolver,
    UnresolvableHostError,
    check_subscription_url,
    pin,
)

PUBLIC = "93.184.216.34"


def resolves_to(*addresses: str) -> Resolver:
    def resolver(host: str, port: int) -> list[str]:
        return list(addresses)

    return resolver


def unresolvable(host: str, port: int) -> list[str]:
    raise UnresolvableHostError(f"{host} does not resolve")


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://127.0.0.1/h", "loopback"),
        ("http://127.8.9.1/h", "loopback"),
        ("http://[::1]/h", "loopback"),
        ("http://[::ffff:127.0.0.1]/h", "loopback"),
        ("http://10.0.0.1/h", "private"),
        ("http://172.16.5.4/h", "private"),
        ("http://192.168.0.10/h", "private"),
        ("http://[fd12:3456::1]/h", "private"),
        ("http://169.254.169.254/latest/meta-data/", "link-local"),
        ("http://[fe80::1]/h", "link-local"),
        ("http://224.0.0.251/h", "multicast"),
        ("http://[ff02::1]/h", "multicast"),
        ("http://240.0.0.1/h", "reserved"),
        ("http://0.0.0.0/h", "unspecified"),
        ("http://100.64.0.1/h", "not a public"),
        ("http://[2002:7f00:1::]/h", "loopback"),  # 6to4 of 127.0.0.1
        ("http://[2002:a9fe:a9fe::1]/h", "link-local"),  # 6to4 of 169.254.169.254
        ("http://[2002:a00:1::]/h", "private"),  # 6to4 of 10.0.0.1
    ],
)
def test_non_public_addresses_are_refused(url: str, reason: str) -> None:
    with pytest.raises(RefusedTargetError, match=reason):
        check_subscription_url(url, allow_private=False, resolver=resolves_to(PUBLIC))
    with pytest.raises(RefusedTargetError, match=reason):
        pin(url, allow_private=False)
    check_subscription_url(url, allow_private=True)  # allowed when the operator says so


def test_names_are_checked_by_every_address_they_resolve_to() -> None:
    check_subscription_url("https://hooks.example.org/in", False, resolves_to(PUBLIC, "2606:2800:220:1::1"))
    with pytest.raises(RefusedTargetError, match=r"hooks\.example\.org \(10\.1\.2\.3\) is a private address"):
        check_subscription_url("https://hooks.example.org/in", False, resolves_to(PUBLIC, "10.1.2.3"))
    # Not resolvable yet: accepted at subscription time; a delivery resolves again and fails until it does.
    check_subscription_url("https://not-yet.example.org/in", False, unresolvable)
    with pytest.raises(UnresolvableHostError):
        pin("https://not-yet.example.org/in", False, unresolvable)


def test_a_6to4_address_is_judged_by_the_ipv4_address_inside() -> None:
    """A name resolving (at delivery) to 6to4 of loopback is refused; 6to4 of a public address is not."""
    with pytest.raises(RefusedTargetError, match=r"hooks\.example\.org \(2002:7f00:1::\) is a loopback address"):
        pin("https://hooks.example.org/in", False, resolves_to("2002:7f00:1::"))
    check_subscription_url("https://[2002:5db8:d822::1]/in", allow_private=False)  # 6to4 of 93.184.216.34


@pytest.mark.parametrize("url", ["ftp://example.org/x", "file:///etc/passwd", "gopher://example.org/", "http:///x"])
def test_only_http_and_https_urls_with_a_host(url: str) -> None:
    with pytest.raises(RefusedTargetError):
        check_subscription_url(url, allow_private=True)


def test_pin_sends_to_the_checked_address_keeping_host_and_server_name() -> None:
    target = pin("https://hooks.example.org/in?x=1", False, resolves_to(PUBLIC))
    assert str(target.url) == f"https://{PUBLIC}/in?x=1"
    assert target.host_header == "hooks.example.org"
    assert target.extensions == {"sni_hostname": "hooks.example.org"}

    target = pin("http://user:pw@hooks.example.org:8080/in", False, resolves_to("2606:2800:220:1::1"))
    assert target.url.host == "2606:2800:220:1::1" and target.url.port == 8080
    assert target.url.userinfo == b"user:pw"
    assert target.host_header == "hooks.example.org:8080"
    assert target.extensions == {}  # plain http: no TLS server name

    # A rebinding answer (a public address and a private one) is refused, not raced.
    with pytest.raises(RefusedTargetError, match=r"10\.0\.0\.7"):
        pin("https://rebind.example.org/in", False, resolves_to(PUBLIC, "10.0.0.7"))


def test_the_signature_is_the_hmac_sha256_of_the_raw_body() -> None:
    secret, body = "whsec_test", b'{"id":"e1","type":"flag.created","created_at":"2026-01-01T00:00:00+00:00","data":{}}'
    expected = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    assert sign(secret, body) == expected
    assert verify(secret, body, expected)
    assert not verify(secret, body + b" ", expected)
    assert not verify("whsec_other", body, expected)
    assert not verify(secret, body, None)
    assert new_secret() != new_secret() and new_secret().startswith("whsec_")
