"""Webhook URLs whose host or port no request can reach are refused with 422 when subscribed (h166's audit): an
A-label that is not valid IDNA 2008 (``xn--``, or the emoji name ``xn--ls8h.la``) was a 500, and an empty, over-long
or hyphen-edged label, a name over 253 characters, or a port outside 1..65535 was stored, every delivery of it
then failing forever. Nothing is stored for a refused URL, and one stored before is refused at delivery."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

from service.webhooks.targets import RefusedTargetError, pin

UNREACHABLE_URLS = [
    "https://xn--/hook",
    "https://xn--a/hook",
    "https://xn--zz-/hook",
    "https://xn--ls8h.la/hook",
    "https://a..example.com/hook",
    "https://.example.com/hook",
    "https://-hooks.example.com/hook",
    "https://hooks-.example.com/hook",
    "https://" + "a" * 64 + ".example.com/hook",
    "https://" + ("a" * 60 + ".") * 5 + "com/hook",
    "https://hooks.example.com:0/hook",
    "https://hooks.example.com:65536/hook",
    "https://hooks.example.com:99999/hook",
    "https://hooks.example.com:-1/hook",
]


@pytest.mark.parametrize("url", UNREACHABLE_URLS)
def test_an_unreachable_webhook_url_is_a_422_and_stores_nothing(
    client: TestClient, make_key: Callable[[str], dict[str, str]], url: str
) -> None:
    admin = make_key("admin")
    reply = client.post("/v1/webhooks", json={"url": url, "events": ["flag.created"]}, headers=admin)
    assert reply.status_code == 422, reply.text
    assert reply.headers["content-type"].startswith("application/problem+json")
    problem = reply.json()
    assert problem["status"] == 422
    assert problem["errors"][0]["loc"] == ["body", "url"]
    assert client.get("/v1/webhooks", headers=admin).json()["items"] == []


@pytest.mark.parametrize(
    "url",
    [
        "https://93.184.216.34:65535/hook",
        "https://93.184.216.34:1/hook",
        "https://[2606:2800:220:1::1]/hook",
    ],
)
def test_a_public_address_with_a_port_in_range_is_still_taken(
    client: TestClient, make_key: Callable[[str], dict[str, str]], url: str
) -> None:
    admin = make_key("admin")
    reply = client.post("/v1/webhooks", json={"url": url, "events": ["flag.created"]}, headers=admin)
    assert reply.status_code == 201, reply.text


@pytest.mark.parametrize(
    "url", ["https://93.184.216.34:99999/hook", "https://xn--ls8h.la/hook", "https://a..example.com/hook"]
)
def test_a_url_stored_before_the_check_is_refused_at_delivery(url: str) -> None:
    """A subscription stored before these checks is refused by ``pin`` (the attempt logs why) rather than failing
    in the connection or with an IDNA error from httpx."""

    def public(host: str, port: int) -> list[str]:
        return ["93.184.216.34"]

    with pytest.raises(RefusedTargetError):
        pin(url, allow_private=False, resolver=public)
