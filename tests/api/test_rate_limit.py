"""CLAIMLEDGER_RATE_LIMIT per key and CLAIMLEDGER_AUTH_FAILURE_LIMIT per client address: 429 problem+json with
Retry-After; probes and metrics are never limited."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from service.app import create_app
from service.config import Settings
from service.runtime import Runtime

WRONG_KEY = {"Authorization": "Bearer clk_000000000000_notthesecret"}


@pytest.fixture
def limited(runtime: Runtime) -> Iterator[Callable[..., TestClient]]:
    """A client on an app with these settings overrides (the runtime and database are the test's)."""
    clients: list[TestClient] = []

    def make(**overrides: Any) -> TestClient:
        settings = runtime.settings.model_copy(update=overrides)
        test_client = TestClient(create_app(settings, runtime), raise_server_exceptions=False)
        test_client.__enter__()
        clients.append(test_client)
        return test_client

    yield make
    for test_client in clients:
        test_client.__exit__(None, None, None)


@pytest.fixture
def limited_client(limited: Callable[..., TestClient]) -> TestClient:
    return limited(rate_limit="3/minute")


def _assert_too_many(response: Any, window_seconds: int) -> None:
    assert response.status_code == 429, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["status"] == 429
    retry_after = int(response.headers["retry-after"])
    assert 1 <= retry_after <= window_seconds


def test_a_key_over_its_limit_gets_429_with_retry_after(
    limited_client: TestClient, make_key: Callable[[str], dict[str, str]]
) -> None:
    busy, other = make_key("read"), make_key("read")
    for _ in range(3):
        assert limited_client.get("/v1/claims", headers=busy).status_code == 200
    refused = limited_client.get("/v1/claims", headers=busy)
    _assert_too_many(refused, 60)
    assert "rate limit" in refused.json()["detail"]
    assert limited_client.post("/v1/check", json={"text": "x y z"}, headers=busy).status_code == 429  # every route
    assert limited_client.get("/v1/claims", headers=other).status_code == 200  # per key, not global
    for path in ("/healthz", "/readyz", "/metrics"):
        assert limited_client.get(path).status_code == 200, path
    metrics = limited_client.get("/metrics").text
    assert 'claimledger_rate_limited_total{limit="key"} 2.0' in metrics


def test_the_window_frees_after_retry_after(
    limited: Callable[..., TestClient], make_key: Callable[[str], dict[str, str]]
) -> None:
    client = limited(rate_limit="2/5 seconds")  # a window long enough for three requests on a busy machine
    key = make_key("read")
    assert [client.get("/v1/claims", headers=key).status_code for _ in range(3)] == [200, 200, 429]
    refused = client.get("/v1/claims", headers=key)
    _assert_too_many(refused, 5)
    time.sleep(int(refused.headers["retry-after"]) + 0.2)
    assert client.get("/v1/claims", headers=key).status_code == 200


def test_unset_means_no_limit(client: TestClient, make_key: Callable[[str], dict[str, str]]) -> None:
    key = make_key("read")
    assert {client.get("/v1/claims", headers=key).status_code for _ in range(40)} == {200}


def test_a_wrong_key_flood_is_throttled_per_address_and_good_keys_still_pass(
    limited: Callable[..., TestClient], make_key: Callable[[str], dict[str, str]]
) -> None:
    client = limited(auth_failure_limit="5/minute")
    statuses = [client.get("/v1/claims", headers=WRONG_KEY).status_code for _ in range(5)]
    statuses += [client.get("/v1/claims", headers=WRONG_KEY).status_code for _ in range(20)]
    assert statuses[:5] == [401] * 5
    assert set(statuses[5:]) == {429}
    _assert_too_many(client.get("/v1/claims", headers=WRONG_KEY), 60)
    assert client.get("/v1/claims", headers=make_key("read")).status_code == 200
    assert 'claimledger_rate_limited_total{limit="auth_failure"} 21.0' in client.get("/metrics").text


def test_a_missing_key_is_always_a_plain_401(limited: Callable[..., TestClient]) -> None:
    """Guessing needs keys: requests without one (a client that forgot its header, a contract test probing every
    route) never count towards the wrong-key limit and never see a 429."""
    client = limited(auth_failure_limit="5/minute")
    assert {client.get("/v1/claims").status_code for _ in range(20)} == {401}
    assert client.get("/v1/claims", headers=WRONG_KEY).status_code == 401


def test_the_default_auth_failure_limit_is_on(client: TestClient) -> None:
    statuses = [client.get("/v1/claims", headers=WRONG_KEY).status_code for _ in range(65)]
    assert statuses[:60] == [401] * 60
    assert set(statuses[60:]) == {429}


def test_limits_are_checked_at_start_up() -> None:
    with pytest.raises(ValidationError, match="not a rate limit"):
        Settings(rate_limit="lots")
    assert Settings(rate_limit="").rate_limit is None
    assert Settings(auth_failure_limit="none").auth_failure_limit is None
    assert Settings(rate_limit="10/second;600/minute").rate_limit == "10/second;600/minute"
