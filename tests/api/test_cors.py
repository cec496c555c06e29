"""CLAIMLEDGER_CORS_ORIGINS: allowed browser origins get preflights answered and replies readable; others get
nothing; with the setting unset there are no CORS headers at all."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from service.app import create_app
from service.config import Settings
from service.runtime import Runtime

NEWSROOM = "https://newsroom.example"
EXTENSION = "chrome-extension://abcdefghijklmnopabcdefghijklmnop"
QUOTE = {
    "quote": "The number of U.S. troops in Iraq has risen to about 10,000.",
    "speaker": "Pentagon",
    "source_url": "https://newsroom.example/story",
}


def _preflight(origin: str, headers: str = "authorization,content-type,idempotency-key") -> dict[str, str]:
    return {"Origin": origin, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": headers}


@pytest.fixture
def app_with_origins(runtime: Runtime) -> Iterator[Callable[[list[str]], TestClient]]:
    clients: list[TestClient] = []

    def make(origins: list[str]) -> TestClient:
        settings = runtime.settings.model_copy(update={"cors_origins": origins})
        client = TestClient(create_app(settings, runtime), raise_server_exceptions=False)
        clients.append(client.__enter__())
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)


@pytest.fixture
def cors_client(app_with_origins: Callable[[list[str]], TestClient]) -> TestClient:
    return app_with_origins([NEWSROOM, EXTENSION])


def test_preflight_from_an_allowed_origin_is_granted(cors_client: TestClient) -> None:
    for origin in (NEWSROOM, EXTENSION):
        response = cors_client.options("/v1/quotes", headers=_preflight(origin))
        assert response.status_code == 200, response.text
        assert response.headers["access-control-allow-origin"] == origin
        allowed_headers = {h.strip().lower() for h in response.headers["access-control-allow-headers"].split(",")}
        assert {"authorization", "content-type", "idempotency-key"} <= allowed_headers
        assert {"GET", "POST", "PATCH", "DELETE"} <= {  # PATCH /v1/sources/{id} from an admin page too
            m.strip() for m in response.headers["access-control-allow-methods"].split(",")
        }
        assert "access-control-allow-credentials" not in response.headers


def test_an_allowed_origin_can_read_the_reply_and_its_errors(
    cors_client: TestClient, writer: dict[str, str], runtime: Runtime
) -> None:
    created = cors_client.post(
        "/v1/quotes", json=QUOTE, headers={**writer, "Origin": NEWSROOM, "Idempotency-Key": "cors-1"}
    )
    assert created.status_code == 201, created.text
    assert created.headers["access-control-allow-origin"] == NEWSROOM
    exposed = {h.strip().lower() for h in created.headers["access-control-expose-headers"].split(",")}
    assert {"retry-after", "idempotent-replayed"} <= exposed
    replay = cors_client.post(
        "/v1/quotes", json=QUOTE, headers={**writer, "Origin": NEWSROOM, "Idempotency-Key": "cors-1"}
    )
    assert replay.headers["idempotent-replayed"] == "true"
    assert replay.headers["access-control-allow-origin"] == NEWSROOM
    refused = cors_client.post("/v1/quotes", json=QUOTE, headers={"Origin": NEWSROOM})
    assert refused.status_code == 401
    assert refused.headers["access-control-allow-origin"] == NEWSROOM
    too_large = cors_client.post(
        "/v1/quotes",
        content=b"x" * (runtime.settings.max_request_bytes + 1),
        headers={**writer, "Origin": NEWSROOM, "Content-Type": "application/json"},
    )
    assert too_large.status_code == 413
    assert too_large.headers["access-control-allow-origin"] == NEWSROOM


def test_a_disallowed_origin_gets_no_grant(cors_client: TestClient, writer: dict[str, str]) -> None:
    preflight = cors_client.options("/v1/quotes", headers=_preflight("https://evil.example"))
    assert preflight.status_code == 400
    assert "access-control-allow-origin" not in preflight.headers
    response = cors_client.get("/v1/claims", headers={**writer, "Origin": "https://evil.example"})
    assert response.status_code == 200
    assert "access-control-allow-origin" not in response.headers
    unlisted_header = cors_client.options("/v1/quotes", headers=_preflight(NEWSROOM, "x-forwarded-for"))
    assert unlisted_header.status_code == 400


def test_no_origins_configured_means_no_cors_headers(
    app_with_origins: Callable[[list[str]], TestClient], writer: dict[str, str]
) -> None:
    client = app_with_origins([])
    preflight = client.options("/v1/quotes", headers=_preflight(NEWSROOM))
    assert preflight.status_code == 405
    assert not any(name.lower().startswith("access-control-") for name in preflight.headers)
    response = client.get("/v1/claims", headers={**writer, "Origin": NEWSROOM})
    assert response.status_code == 200
    assert not any(name.lower().startswith("access-control-") for name in response.headers)


def test_origins_are_read_comma_separated_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMLEDGER_CORS_ORIGINS", f" {NEWSROOM}/ ,{EXTENSION},, http://127.0.0.1:8080")
    assert Settings().cors_origins == [NEWSROOM, EXTENSION, "http://127.0.0.1:8080"]
    monkeypatch.setenv("CLAIMLEDGER_CORS_ORIGINS", "*")
    assert Settings().cors_origins == ["*"]
    monkeypatch.setenv("CLAIMLEDGER_CORS_ORIGINS", "")
    assert Settings().cors_origins == []
    monkeypatch.delenv("CLAIMLEDGER_CORS_ORIGINS")
    assert Settings().cors_origins == []
    for not_an_origin in ("https://newsroom.example/path", "newsroom.example", "https://a.example?x=1"):
        monkeypatch.setenv("CLAIMLEDGER_CORS_ORIGINS", not_an_origin)
        with pytest.raises(ValidationError, match="is not an origin"):
            Settings()
