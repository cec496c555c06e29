"""A refused CORS preflight under /v1 is a problem+json like every other /v1 error (h166's audit): Starlette answered
400 ``text/plain`` "Disallowed CORS origin" for an unlisted origin, method or header."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from service.app import create_app
from service.runtime import Runtime

NEWSROOM = "https://newsroom.example"


@pytest.fixture
def cors_client(runtime: Runtime) -> Iterator[TestClient]:
    settings = runtime.settings.model_copy(update={"cors_origins": [NEWSROOM]})
    with TestClient(create_app(settings, runtime), raise_server_exceptions=False) as client:
        yield client


@pytest.mark.parametrize(
    ("origin", "method", "headers", "refused"),
    [
        ("https://evil.example", "POST", "authorization,content-type", "origin"),
        ("null", "POST", "authorization", "origin"),
        (NEWSROOM + "/", "POST", "authorization", "origin"),
        (NEWSROOM, "PUT", "authorization", "method"),
        (NEWSROOM, "POST", "authorization,x-custom", "headers"),
    ],
)
def test_a_refused_preflight_is_a_problem(
    cors_client: TestClient, origin: str, method: str, headers: str, refused: str
) -> None:
    reply = cors_client.options(
        "/v1/quotes",
        headers={"Origin": origin, "Access-Control-Request-Method": method, "Access-Control-Request-Headers": headers},
    )
    assert reply.status_code == 400
    assert reply.headers["content-type"].startswith("application/problem+json")
    problem = reply.json()
    assert problem["status"] == 400
    assert {"type", "title", "detail"} <= problem.keys()
    assert refused in problem["detail"]
    if refused == "origin":
        assert "access-control-allow-origin" not in reply.headers


def test_a_granted_preflight_is_unchanged(cors_client: TestClient) -> None:
    reply = cors_client.options(
        "/v1/quotes",
        headers={
            "Origin": NEWSROOM,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization,content-type,idempotency-key",
        },
    )
    assert reply.status_code == 200
    assert reply.headers["access-control-allow-origin"] == NEWSROOM
    assert "Idempotency-Key".lower() in reply.headers["access-control-allow-headers"].lower()
