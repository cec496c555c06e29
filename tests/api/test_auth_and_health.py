"""Keys and scopes (401/403), health and readiness, the OpenAPI schema."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import SEED_CLAIM


def test_missing_or_unknown_key_is_401(client: TestClient) -> None:
    for headers in (
        {},
        {"Authorization": "Bearer clk_nope_nope"},
        {"Authorization": "Basic abc"},
        {"Authorization": "Bearer "},
    ):
        response = client.get("/v1/claims", headers=headers)
        assert response.status_code == 401, headers
        assert response.headers["content-type"].startswith("application/problem+json")
        assert response.json()["status"] == 401


def test_key_without_scope_is_403(client: TestClient, make_key: Callable[[str], dict[str, str]]) -> None:
    reader = make_key("read")
    assert client.post("/v1/claims", json=SEED_CLAIM, headers=reader).status_code == 403
    assert client.get("/v1/claims", headers=make_key("write")).status_code == 403
    assert (
        client.post(
            f"/v1/flags/{'0' * 8}-0000-0000-0000-{'0' * 12}/review", json={"status": "confirmed"}, headers=reader
        ).status_code
        == 403
    )
    admin = make_key("admin")
    assert client.post("/v1/claims", json=SEED_CLAIM, headers=admin).status_code == 201


def test_tampered_secret_is_401(client: TestClient, make_key: Callable[[str], dict[str, str]]) -> None:
    good = make_key("read")["Authorization"]
    tampered = good[:-2] + ("AA" if not good.endswith("AA") else "BB")
    assert client.get("/v1/claims", headers={"Authorization": tampered}).status_code == 401
    assert client.get("/v1/claims", headers={"Authorization": good}).status_code == 200


def test_health_and_readiness(client: TestClient) -> None:
    assert client.get("/healthz").status_code == 200
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["models"] == "loaded"


def test_openapi_documents_the_contract(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    for path in (
        "/v1/claims",
        "/v1/claims/bulk",
        "/v1/check",
        "/v1/compare",
        "/v1/quotes",
        "/v1/flags",
        "/v1/documents",
    ):
        assert path in schema["paths"], path


def _page_links(page: str) -> list[str]:
    return re.findall(r"""(?:src|href)=["']([^"']+)["']""", page) + re.findall(r"""url: *["']([^"']+)["']""", page)


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
def test_the_docs_pages_load_only_local_assets_and_those_are_served(client: TestClient, page: str) -> None:
    """A server without internet (this project's machines) renders its docs: no script, style or font from a CDN."""
    answer = client.get(page)
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/html")
    links = _page_links(answer.text)
    assert links
    assert [u for u in links if not u.startswith("/")] == [], "loaded from elsewhere"
    assets = [u for u in links if u.endswith((".js", ".css"))]
    assert len(assets) == (2 if page == "/docs" else 1)
    for url in links:
        served = client.get(url)
        assert served.status_code == 200, url
        assert len(served.content) > (100_000 if url in assets else 0), url
    assert "/openapi.json" in answer.text


def test_the_server_root_points_a_person_to_the_ui_and_the_docs(client: TestClient) -> None:
    root = client.get("/", headers={"Accept": "text/html"})
    assert root.status_code == 200
    assert root.headers["content-type"].startswith("text/html")
    links = _page_links(root.text)
    assert {"/ui/", "/docs", "/redoc", "/openapi.json"} <= set(links)
    assert client.get("/docs/static/nothing-here.js").headers["content-type"] == "application/problem+json"
    assert client.get("/nothing-here").headers["content-type"] == "application/problem+json"
    assert "/" not in client.get("/openapi.json").json()["paths"]
